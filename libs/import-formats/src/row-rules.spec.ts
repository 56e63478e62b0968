import { CsvScanner, type RowReject } from './csv-scanner';
import { analyseHeader } from './header';
import type { ImportKind } from './kinds';
import { rowRulesFor } from './row-rules';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

interface Loaded {
  /** All the COPY bytes, as text. */
  copy: string;
  /** The COPY rows, one per line (no test value holds a line break), without their row hash (see `hashes`). */
  lines: string[];
  /** The row hash of each line (null for a rejected row), taken out of `lines`. */
  hashes: Array<string | null>;
  rejects: RowReject[];
  /** The output columns, as rowRulesFor names them, but the row hash (always last). */
  columns: string[];
}

/**
 * Takes the row hash (the field before the reject) out of a COPY line: the
 * tests below spell lines by hand, and a hash is not something to spell by
 * hand; its properties have tests of their own.
 */
function splitRowHash(line: string): { line: string; hash: string | null } {
  const good = /,(-?\d+),$/.exec(line);
  if (good) return { line: line.slice(0, good.index) + ',', hash: good[1] };
  const rejected = /,,("\{.*\}")$/.exec(line);
  if (rejected) return { line: line.slice(0, rejected.index) + ',' + rejected[1], hash: null };
  throw new Error(`no row hash in ${line}`);
}

/** Scans a whole file of one kind with its row rules, as one chunk. */
function load(kind: ImportKind, text: string): Loaded {
  const rejects: RowReject[] = [];
  let columns: string[] = [];
  const scanner = new CsvScanner({
    onReject: (r) => rejects.push(r),
    rulesFor: (header) => {
      const rules = rowRulesFor(kind, analyseHeader(kind, header).columns);
      expect(rules.columns.at(-1)).toEqual({ name: 'row_hash', type: 'bigint' });
      columns = rules.columns.slice(0, -1).map((c) => c.name);
      return rules;
    },
  });
  const copy = dec(scanner.push(enc(text)).copy) + dec(scanner.end().copy);
  const split = (copy === '' ? [] : copy.replace(/\n$/, '').split('\n')).map(splitRowHash);
  return { copy, lines: split.map((s) => s.line), hashes: split.map((s) => s.hash), rejects, columns };
}

/** Reads one CSV line as PostgreSQL's COPY (FORMAT csv) does: an unquoted empty field is NULL, `""` inside quotes is a quote. */
function readCsvLine(line: string): Array<string | null> {
  const fields: Array<string | null> = [];
  let value = '';
  let wasQuoted = false;
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (inQuotes) {
      if (c === '"' && line[i + 1] === '"') {
        value += '"';
        i++;
      } else if (c === '"') inQuotes = false;
      else value += c;
    } else if (c === '"') {
      inQuotes = true;
      wasQuoted = true;
    } else if (c === ',') {
      fields.push(value === '' && !wasQuoted ? null : value);
      value = '';
      wasQuoted = false;
    } else value += c;
  }
  fields.push(value === '' && !wasQuoted ? null : value);
  return fields;
}

/** Reads a PostgreSQL array literal of text, `{"a",NULL,"b \"c\""}`. */
function readArray(literal: string): Array<string | null> {
  if (!literal.startsWith('{') || !literal.endsWith('}')) throw new Error(`not an array literal: ${literal}`);
  const items: Array<string | null> = [];
  const end = literal.length - 1;
  let i = 1;
  while (i < end) {
    if (literal.startsWith('NULL', i)) {
      items.push(null);
      i += 4;
    } else if (literal[i] === '"') {
      let item = '';
      i++;
      while (i < end && literal[i] !== '"') {
        if (literal[i] === '\\') i++;
        item += literal[i];
        i++;
      }
      if (literal[i] !== '"') throw new Error(`unclosed element in ${literal}`);
      i++;
      items.push(item);
    } else throw new Error(`unexpected "${literal[i]}" at ${i} in ${literal}`);
    if (i < end) {
      if (literal[i] !== ',') throw new Error(`expected a comma at ${i} in ${literal}`);
      i++;
    }
  }
  return items;
}

/** The values of the only COPY row, by output column, and its reject field. */
function onlyRow(out: Loaded): Record<string, string | null> {
  expect(out.lines).toHaveLength(1);
  const fields = readCsvLine(out.lines[0]);
  expect(fields).toHaveLength(out.columns.length + 2);
  const values: Record<string, string | null> = { line: fields[0], reject: fields[fields.length - 1] };
  out.columns.forEach((name, k) => (values[name] = fields[k + 1]));
  return values;
}

/** A COPY row of a rejected row, read back: its line, its values (which must all be empty) and the reject array. */
function readRejectLine(line: string): { line: string | null; values: Array<string | null>; reject: Array<string | null> } {
  const fields = readCsvLine(line);
  const last = fields[fields.length - 1];
  return { line: fields[0], values: fields.slice(1, -1), reject: last === null ? [] : readArray(last) };
}

interface ExpectedReject {
  line: number;
  column: string;
  value: string | null;
  reason: string;
}

/** The file's only data row was rejected with this column, value and reason: reported, and written as a reject row of `width` empty values. */
function expectRejected(out: Loaded, width: number, expected: ExpectedReject): void {
  expect(out.rejects).toEqual([{ line: expected.line, field: null, column: expected.column, value: expected.value, reason: expected.reason }]);
  expect(out.lines).toHaveLength(1);
  expect(readRejectLine(out.lines[0])).toEqual({
    line: String(expected.line),
    values: new Array(width).fill(null),
    reject: [expected.column, expected.value, expected.reason],
  });
}

/** A CSV file: the header, then rows built from `base` with some raw fields replaced. */
const csv = (header: string[], rows: string[]) => [header.join(','), ...rows].join('\n') + '\n';
const rowOf = (header: string[], base: Record<string, string>, raw: Record<string, string> = {}) => header.map((h) => (h in raw ? raw[h] : base[h])).join(',');

const DATETIME_HINT = ' is not a date and time (use 2024-03-09T22:40 or 2024/03/09 10:40:00 PM)';
const DATE_HINT = ' is not a date (use 2024-03-09 or 2024/03/09)';

// ---------------------------------------------------------------------------
// incidents

/** DataSF's own header, in DataSF's order (no `Supervisor District 2012`). */
const INCIDENT_HEADER = [
  'Incident Datetime',
  'Incident Date',
  'Incident Time',
  'Incident Year',
  'Incident Day of Week',
  'Report Datetime',
  'Row ID',
  'Incident ID',
  'Incident Number',
  'CAD Number',
  'Report Type Code',
  'Report Type Description',
  'Filed Online',
  'Incident Code',
  'Incident Category',
  'Incident Subcategory',
  'Incident Description',
  'Resolution',
  'Intersection',
  'CNN',
  'Police District',
  'Analysis Neighborhood',
  'Supervisor District',
  'Latitude',
  'Longitude',
  'point',
];

/** Raw CSV fields of a good incident row. */
const INCIDENT: Record<string, string> = {
  'Incident Datetime': '2024/03/09 10:40:00 PM',
  'Incident Date': '2024/03/09',
  'Incident Time': '22:40',
  'Incident Year': '2024',
  'Incident Day of Week': 'Saturday',
  'Report Datetime': '2024/03/09 11:05:00 PM',
  'Row ID': '123456703074',
  'Incident ID': '1234567',
  'Incident Number': '240123456',
  'CAD Number': '240690123',
  'Report Type Code': 'II',
  'Report Type Description': 'Initial',
  'Filed Online': 'TRUE',
  'Incident Code': '3074',
  'Incident Category': 'Robbery',
  'Incident Subcategory': 'Robbery - Street',
  'Incident Description': '"Robbery, W/ Force"',
  Resolution: 'Open or Active',
  Intersection: 'MISSION ST \\ 16TH ST',
  CNN: '24929000',
  'Police District': 'Mission',
  'Analysis Neighborhood': 'Mission',
  'Supervisor District': '9',
  Latitude: '37.765',
  Longitude: '-122.419',
  point: '"(37.765, -122.419)"',
};

const INCIDENT_COLUMNS = [
  'row_id',
  'incident_id',
  'incident_number',
  'incident_datetime',
  'report_datetime',
  'incident_code',
  'incident_category',
  'incident_date',
  'filed_online',
  'latitude',
  'longitude',
  'incident_subcategory',
  'incident_description',
  'incident_time',
  'incident_year',
  'incident_day_of_week',
  'cad_number',
  'report_type_code',
  'report_type_description',
  'resolution',
  'intersection',
  'cnn',
  'police_district',
  'analysis_neighborhood',
  'supervisor_district',
  'supervisor_district_2012',
];

const incidents = (...raws: Array<Record<string, string>>) => load('incidents', csv(INCIDENT_HEADER, raws.map((raw) => rowOf(INCIDENT_HEADER, INCIDENT, raw))));
const incidentRejected = (raw: Record<string, string>, expected: Omit<ExpectedReject, 'line'>) => expectRejected(incidents(raw), INCIDENT_COLUMNS.length, { line: 2, ...expected });

describe('incidents', () => {
  it('lists the COPY columns in rule order', () => {
    expect(incidents().columns).toEqual(INCIDENT_COLUMNS);
  });

  it('writes a good DataSF row typed and normalised, in rule order', () => {
    const out = incidents({});
    expect(out.rejects).toEqual([]);
    expect(out.lines).toEqual([
      [
        '2', // line
        '123456703074', // row_id
        '1234567', // incident_id
        '240123456', // incident_number
        '2024-03-09 22:40:00', // incident_datetime, from 2024/03/09 10:40:00 PM
        '2024-03-09 23:05:00', // report_datetime, from 2024/03/09 11:05:00 PM
        '03074', // incident_code, from 3074
        'Robbery', // incident_category
        '2024-03-09', // incident_date, from 2024/03/09
        'true', // filed_online, from TRUE
        '37.765', // latitude
        '-122.419', // longitude
        'Robbery - Street', // incident_subcategory
        '"Robbery, W/ Force"', // incident_description, as the file quoted it
        '22:40', // incident_time
        '2024', // incident_year
        'Saturday', // incident_day_of_week
        '240690123', // cad_number
        'II', // report_type_code
        'Initial', // report_type_description
        'Open or Active', // resolution
        'MISSION ST \\ 16TH ST', // intersection
        '24929000', // cnn
        'Mission', // police_district
        'Mission', // analysis_neighborhood
        '9', // supervisor_district
        '', // supervisor_district_2012: not in the file
        '', // reject: none
      ].join(','),
    ]);
  });

  it('writes ISO datetimes with a space for the T', () => {
    const row = onlyRow(incidents({ 'Incident Datetime': '2024-03-09T22:40', 'Report Datetime': '2024-03-09 23:05:00' }));
    expect(row['incident_datetime']).toBe('2024-03-09 22:40');
    expect(row['report_datetime']).toBe('2024-03-09 23:05:00');
  });

  it('keeps a five-digit incident code as it is', () => {
    expect(onlyRow(incidents({ 'Incident Code': '03074' }))['incident_code']).toBe('03074');
  });

  it('pads a quoted one-digit incident code', () => {
    expect(onlyRow(incidents({ 'Incident Code': '"7"' }))['incident_code']).toBe('00007');
  });

  it('writes Filed Online in lowercase, and an empty one as NULL', () => {
    expect(onlyRow(incidents({ 'Filed Online': 'False' }))['filed_online']).toBe('false');
    expect(onlyRow(incidents({ 'Filed Online': '' }))['filed_online']).toBeNull();
  });

  it('passes a quoted field with commas and doubled quotes through, so CSV reads the same value', () => {
    const out = incidents({ 'Incident Description': '"Robbery, ""armed"", W/ Force"' });
    expect(out.lines[0]).toContain(',Robbery - Street,"Robbery, ""armed"", W/ Force",22:40,');
    expect(onlyRow(out)['incident_description']).toBe('Robbery, "armed", W/ Force');
  });

  it('writes a quoted empty value "" as an empty (NULL) field', () => {
    const out = incidents({ 'Incident Subcategory': '""' });
    expect(out.lines[0]).toContain(',-122.419,,"Robbery, W/ Force",');
    expect(onlyRow(out)['incident_subcategory']).toBeNull();
  });

  it('writes quoted empty optional typed values as NULL', () => {
    const row = onlyRow(incidents({ 'Incident Date': '""', 'Filed Online': '""', Latitude: '""', 'Incident Year': '""' }));
    expect(row['incident_date']).toBeNull();
    expect(row['filed_online']).toBeNull();
    expect(row['latitude']).toBeNull();
    expect(row['incident_year']).toBeNull();
    expect(row['reject']).toBeNull();
  });

  it('writes a quoted identifier without its quotes', () => {
    expect(onlyRow(incidents({ 'Incident Number': '"240123456"' }))['incident_number']).toBe('240123456');
  });

  it('drops an Incident Year that is not four digits, without rejecting the row', () => {
    const row = onlyRow(incidents({ 'Incident Year': '24' }));
    expect(row['incident_year']).toBeNull();
    expect(row['reject']).toBeNull();
  });

  it('rejects an empty required value', () => {
    incidentRejected({ 'Incident Code': '' }, { column: 'Incident Code', value: null, reason: 'Incident Code is empty' });
  });

  it('rejects a quoted empty required value', () => {
    incidentRejected({ 'Incident Number': '""' }, { column: 'Incident Number', value: null, reason: 'Incident Number is empty' });
  });

  // DataSF publishes 12075 "Military Ordinance" and 65021 "Driving, Stunt Vehicle/Street Racing" with no category (issue 15).
  it.each([[''], ['""']])('keeps a row with a code and a blank Incident Category (%s): the category is absent', (blank) => {
    const row = onlyRow(incidents({ 'Incident Code': '12075', 'Incident Category': blank, 'Incident Subcategory': '', 'Incident Description': 'Military Ordinance' }));
    expect(row['reject']).toBeNull();
    expect(row['incident_code']).toBe('12075');
    expect(row['incident_category']).toBeNull();
    expect(row['incident_subcategory']).toBeNull();
    expect(row['incident_description']).toBe('Military Ordinance');
  });

  it('rejects an empty required datetime', () => {
    incidentRejected({ 'Report Datetime': '' }, { column: 'Report Datetime', value: null, reason: 'Report Datetime is empty' });
  });

  it('rejects an identifier with a space', () => {
    incidentRejected({ 'Row ID': '1234567 03074' }, { column: 'Row ID', value: '1234567 03074', reason: 'Row ID is not an identifier (letters, digits and . _ : / -, at most 64)' });
  });

  it('keeps at most 200 characters of a rejected value', () => {
    incidentRejected({ 'Incident ID': 'x'.repeat(250) }, { column: 'Incident ID', value: 'x'.repeat(200), reason: 'Incident ID is not an identifier (letters, digits and . _ : / -, at most 64)' });
  });

  it('rejects a datetime that is not one', () => {
    incidentRejected({ 'Incident Datetime': 'yesterday' }, { column: 'Incident Datetime', value: 'yesterday', reason: `"yesterday"${DATETIME_HINT}` });
  });

  it('rejects a DataSF datetime with hour 13 PM', () => {
    incidentRejected({ 'Report Datetime': '2024/03/09 13:40:00 PM' }, { column: 'Report Datetime', value: '2024/03/09 13:40:00 PM', reason: `"2024/03/09 13:40:00 PM"${DATETIME_HINT}` });
  });

  it('rejects a date with the month first', () => {
    incidentRejected({ 'Incident Date': '03/09/2024' }, { column: 'Incident Date', value: '03/09/2024', reason: `"03/09/2024"${DATE_HINT}` });
  });

  it('rejects an incident code with a letter', () => {
    incidentRejected({ 'Incident Code': '3074A' }, { column: 'Incident Code', value: '3074A', reason: '"3074A" is not an incident code (up to five digits)' });
  });

  it('rejects an incident code of six digits', () => {
    incidentRejected({ 'Incident Code': '123456' }, { column: 'Incident Code', value: '123456', reason: '"123456" is not an incident code (up to five digits)' });
  });

  it('rejects Filed Online "maybe"', () => {
    incidentRejected({ 'Filed Online': 'maybe' }, { column: 'Filed Online', value: 'maybe', reason: '"maybe" is not true or false' });
  });

  it('writes the reject as the last field: a quoted PostgreSQL array after 26 empty values', () => {
    const out = incidents({ 'Filed Online': 'maybe' });
    // the line number, 26 empty values (a comma each), the comma of the reject field, the reject
    expect(out.lines).toEqual(['2' + ','.repeat(27) + String.raw`"{""Filed Online"",""maybe"",""\""maybe\"" is not true or false""}"`]);
  });

  it('rejects a latitude that is not a number', () => {
    incidentRejected({ Latitude: '37.76N' }, { column: 'Latitude', value: '37.76N', reason: '"37.76N" is not a number' });
  });

  it('escapes quotes and backslashes of a rejected value so that they read back', () => {
    incidentRejected({ Longitude: String.raw`"-122\4"""` }, { column: 'Longitude', value: String.raw`-122\4"`, reason: String.raw`"-122\4"" is not a number` });
  });

  it('names the first problem in rule order, not in file order', () => {
    // Report Datetime comes before Row ID in the file; Row ID comes first in the rules.
    incidentRejected(
      { 'Report Datetime': 'soon', 'Row ID': '' },
      { column: 'Row ID', value: null, reason: 'Row ID is empty' },
    );
  });

  it('numbers good and rejected rows by their line', () => {
    const out = incidents({ 'Row ID': 'r1' }, { 'Row ID': 'r2', 'Incident Code': 'x' }, { 'Row ID': 'r3' });
    expect(out.rejects.map((r) => r.line)).toEqual([3]);
    expect(out.lines.map((l) => readCsvLine(l).slice(0, 2))).toEqual([
      ['2', 'r1'],
      ['3', null],
      ['4', 'r3'],
    ]);
  });
});

// ---------------------------------------------------------------------------
// incident-persons

const PERSON_HEADER = ['Incident Number', 'Incident ID', 'Person Key', 'Person Role', 'Role Recorded Datetime'];
const PERSON: Record<string, string> = {
  'Incident Number': '240123456',
  'Incident ID': '1234567',
  'Person Key': 'SFP-02b964i',
  'Person Role': 'Reporting_Party',
  'Role Recorded Datetime': '2024/03/09 12:05:00 AM',
};
const PERSON_COLUMNS = ['incident_number', 'person_key', 'person_role', 'role_recorded_at', 'incident_id', 'person_link_keys'];

const persons = (...raws: Array<Record<string, string>>) => load('incident-persons', csv(PERSON_HEADER, raws.map((raw) => rowOf(PERSON_HEADER, PERSON, raw))));
const personRejected = (raw: Record<string, string>, expected: Omit<ExpectedReject, 'line'>) => expectRejected(persons(raw), PERSON_COLUMNS.length, { line: 2, ...expected });

describe('incident-persons', () => {
  it('lists the COPY columns in rule order', () => {
    expect(persons().columns).toEqual(PERSON_COLUMNS);
  });

  it('writes a good row: role spelled as the spec spells it, DataSF 12 AM as 00', () => {
    const out = persons({});
    expect(out.rejects).toEqual([]);
    expect(out.lines).toEqual(['2,240123456,SFP-02b964i,reporting party,2024-03-09 00:05:00,1234567,,']);
  });

  it.each(['Victim', 'WITNESS', 'reporting  party', 'Reporting Party', 'suspect'])('accepts the role %s', (role) => {
    expect(onlyRow(persons({ 'Person Role': role }))['reject']).toBeNull();
  });

  it('writes REPORTING  PARTY as reporting party', () => {
    expect(onlyRow(persons({ 'Person Role': 'REPORTING  PARTY' }))['person_role']).toBe('reporting party');
  });

  it('writes a quoted empty optional datetime as NULL', () => {
    expect(onlyRow(persons({ 'Role Recorded Datetime': '""' }))['role_recorded_at']).toBeNull();
  });

  it('rejects an unknown role', () => {
    personRejected({ 'Person Role': 'bystander' }, { column: 'Person Role', value: 'bystander', reason: 'unknown Person Role "bystander" (one of: victim, witness, reporting party, suspect)' });
  });

  it('rejects an empty person key', () => {
    personRejected({ 'Person Key': '' }, { column: 'Person Key', value: null, reason: 'Person Key is empty' });
  });

  it('rejects a person key that looks like an SSN, without keeping it', () => {
    personRejected(
      { 'Person Key': '123-45-6789' },
      { column: 'Person Key', value: null, reason: 'Person Key looks like a Social Security number; keys must be pseudonymous; the value is not kept' },
    );
  });

  it('writes the SSN reject row with NULL for the value', () => {
    expect(persons({ 'Person Key': '123-45-6789' }).lines).toEqual([
      '2,,,,,,,"{""Person Key"",NULL,""Person Key looks like a Social Security number; keys must be pseudonymous; the value is not kept""}"',
    ]);
  });

  it('never writes an SSN-like key to COPY', () => {
    expect(persons({ 'Person Key': '123-45-6789' }).copy).not.toContain('123-45-6789');
  });

  it('rejects a person key that looks like a phone number, without keeping it', () => {
    personRejected({ 'Person Key': '415-555-0199' }, { column: 'Person Key', value: null, reason: 'Person Key looks like a phone number; keys must be pseudonymous; the value is not kept' });
  });

  it('never writes a phone-like key to COPY', () => {
    expect(persons({ 'Person Key': '415-555-0199' }).copy).not.toContain('415-555-0199');
  });

  it('rejects a malformed person key, without keeping it', () => {
    personRejected({ 'Person Key': 'Jane Doe' }, { column: 'Person Key', value: null, reason: 'Person Key is not a pseudonymous key (6 to 128 of A-Z a-z 0-9 . _ : -); the value is not kept' });
  });

  it('never writes a malformed key to COPY', () => {
    expect(persons({ 'Person Key': 'Jane Doe' }).copy).not.toContain('Jane Doe');
  });

  it('never writes a good key to COPY when a later value rejects the row', () => {
    const out = persons({ 'Person Role': 'bystander' });
    expect(out.rejects).toHaveLength(1);
    expect(out.copy).not.toContain('SFP-02b964i');
  });

  it('rejects an optional datetime with a zone', () => {
    personRejected(
      { 'Role Recorded Datetime': '2024-03-09T22:40:00-08:00' },
      { column: 'Role Recorded Datetime', value: '2024-03-09T22:40:00-08:00', reason: `"2024-03-09T22:40:00-08:00"${DATETIME_HINT}` },
    );
  });

  it('names the first problem in rule order: the key before the role', () => {
    personRejected(
      { 'Person Key': '123456789', 'Person Role': 'bystander' },
      { column: 'Person Key', value: null, reason: 'Person Key looks like a Social Security number; keys must be pseudonymous; the value is not kept' },
    );
  });

  it('rejects a row with the wrong number of fields', () => {
    const out = load('incident-persons', csv(PERSON_HEADER, ['240123456,1234567,SFP-02b964i,victim']));
    expect(out.rejects).toEqual([{ line: 2, field: null, reason: 'the row has 4 fields; the header has 5' }]);
    expect(out.lines).toEqual(['2,,,,,,,"{NULL,NULL,""the row has 4 fields; the header has 5""}"']);
  });

  it('never writes the key of a row with the wrong number of fields', () => {
    expect(load('incident-persons', csv(PERSON_HEADER, ['240123456,1234567,SFP-02b964i,victim'])).copy).not.toContain('SFP-02b964i');
  });

  it('never writes the key of a rejected row, also when a good row follows it', () => {
    const out = persons({ 'Person Key': 'SFP-rejected1', 'Person Role': 'bystander' }, { 'Person Key': 'SFP-accepted2' });
    expect(out.rejects.map((r) => r.line)).toEqual([2]);
    expect(out.copy).not.toContain('SFP-rejected1');
    expect(out.copy).toContain('SFP-accepted2');
  });

  it('rejects a row with too many fields', () => {
    const out = load('incident-persons', csv(PERSON_HEADER, ['240123456,1234567,SFP-02b964i,victim,,extra']));
    expect(out.rejects).toEqual([{ line: 2, field: null, reason: 'the row has 6 fields; the header has 5' }]);
    expect(out.lines).toEqual(['2,,,,,,,"{NULL,NULL,""the row has 6 fields; the header has 5""}"']);
  });

  it('keeps good rows around a rejected one, each with its own line', () => {
    const out = persons({ 'Person Role': 'victim' }, { 'Person Key': '123-45-6789' }, { 'Person Role': 'witness' });
    expect(out.lines).toEqual([
      '2,240123456,SFP-02b964i,victim,2024-03-09 00:05:00,1234567,,',
      '3,,,,,,,"{""Person Key"",NULL,""Person Key looks like a Social Security number; keys must be pseudonymous; the value is not kept""}"',
      '4,240123456,SFP-02b964i,witness,2024-03-09 00:05:00,1234567,,',
    ]);
  });
});

// ---------------------------------------------------------------------------
// arrests

const ARREST_HEADER = [
  'arrest_id',
  'incident_number',
  'person_key',
  'arrest_datetime',
  'arrest_date',
  'arresting_agency',
  'custody_type',
  'booked_charges_statute',
  'list_of_booked_charges',
  'booked_case_type',
  'cad_number',
];
const ARREST: Record<string, string> = {
  arrest_id: 'A-2024-0001',
  incident_number: '240123456',
  person_key: 'SFP-02b964i',
  arrest_datetime: '2024-03-09T23:15',
  arrest_date: '',
  arresting_agency: 'sfpd',
  custody_type: 'Cited',
  booked_charges_statute: '245(a)(1) PC/F;148(a)(1) PC/M',
  list_of_booked_charges: '"245A1,148A1"',
  booked_case_type: 'Felony',
  cad_number: '240690123',
};
const ARREST_COLUMNS = [
  'arrest_id',
  'incident_number',
  'person_key',
  'arrest_datetime',
  'arrest_date',
  'arresting_agency',
  'custody_type',
  'booked_charges_statute',
  'list_of_booked_charges',
  'booked_case_type',
  'cad_number',
  'person_link_keys',
  'arrest_when_raw',
];

const arrests = (...raws: Array<Record<string, string>>) => load('arrests', csv(ARREST_HEADER, raws.map((raw) => rowOf(ARREST_HEADER, ARREST, raw))));
const arrestRejected = (raw: Record<string, string>, expected: Omit<ExpectedReject, 'line'>) => expectRejected(arrests(raw), ARREST_COLUMNS.length, { line: 2, ...expected });

describe('arrests', () => {
  it('lists the COPY columns in rule order, with the raw time for the SQL checks', () => {
    expect(arrests().columns).toEqual(ARREST_COLUMNS);
  });

  it('writes a good row with only arrest_datetime: arrest_date is its date; agency upper, custody lower', () => {
    const out = arrests({});
    expect(out.rejects).toEqual([]);
    expect(out.lines).toEqual(['2,A-2024-0001,240123456,SFP-02b964i,2024-03-09 23:15,2024-03-09,SFPD,cited,245(a)(1) PC/F;148(a)(1) PC/M,"245A1,148A1",Felony,240690123,,2024-03-09T23:15,']);
  });

  it('writes a row with only arrest_date: no time, the date in ISO, the raw date kept', () => {
    const out = arrests({ arrest_datetime: '', arrest_date: '2024/03/09' });
    expect(out.lines).toEqual(['2,A-2024-0001,240123456,SFP-02b964i,,2024-03-09,SFPD,cited,245(a)(1) PC/F;148(a)(1) PC/M,"245A1,148A1",Felony,240690123,,2024/03/09,']);
  });

  it('takes the date of arrest_datetime over arrest_date when both are given', () => {
    const row = onlyRow(arrests({ arrest_datetime: '2024/03/09 12:15:00 AM', arrest_date: '2024-03-08' }));
    expect(row['arrest_datetime']).toBe('2024-03-09 00:15:00');
    expect(row['arrest_date']).toBe('2024-03-09');
    expect(row['arrest_when_raw']).toBe('2024/03/09 12:15:00 AM');
  });

  it('reads a CRLF file the same, without a carriage return in the last value', () => {
    const out = load('arrests', csv(ARREST_HEADER, [rowOf(ARREST_HEADER, ARREST)]).replace(/\n/g, '\r\n'));
    expect(out.lines).toEqual(['2,A-2024-0001,240123456,SFP-02b964i,2024-03-09 23:15,2024-03-09,SFPD,cited,245(a)(1) PC/F;148(a)(1) PC/M,"245A1,148A1",Felony,240690123,,2024-03-09T23:15,']);
  });

  it('quotes a normalised value that holds a comma', () => {
    const out = arrests({ arresting_agency: '"sf, sheriff"' });
    expect(out.lines[0]).toContain(',"SF, SHERIFF",cited,');
    expect(onlyRow(out)['arresting_agency']).toBe('SF, SHERIFF');
  });

  it('accepts list_of_booked_charges alone', () => {
    const row = onlyRow(arrests({ booked_charges_statute: '' }));
    expect(row['booked_charges_statute']).toBeNull();
    expect(row['list_of_booked_charges']).toBe('245A1,148A1');
  });

  it('accepts booked_charges_statute alone', () => {
    const row = onlyRow(arrests({ list_of_booked_charges: '' }));
    expect(row['booked_charges_statute']).toBe('245(a)(1) PC/F;148(a)(1) PC/M');
    expect(row['list_of_booked_charges']).toBeNull();
  });

  it('rejects an arrest with neither time nor date', () => {
    arrestRejected({ arrest_datetime: '', arrest_date: '' }, { column: 'arrest_datetime', value: null, reason: 'arrest_datetime or arrest_date is needed' });
  });

  it('rejects an arrest with quoted empty time and date', () => {
    arrestRejected({ arrest_datetime: '""', arrest_date: '""' }, { column: 'arrest_datetime', value: null, reason: 'arrest_datetime or arrest_date is needed' });
  });

  it('rejects a bad arrest_datetime', () => {
    arrestRejected({ arrest_datetime: '2024-03-09 24:00' }, { column: 'arrest_datetime', value: '2024-03-09 24:00', reason: `"2024-03-09 24:00"${DATETIME_HINT}` });
  });

  it('rejects a bad arrest_date', () => {
    arrestRejected({ arrest_datetime: '', arrest_date: '2024/02/30' }, { column: 'arrest_date', value: '2024/02/30', reason: `"2024/02/30"${DATE_HINT}` });
  });

  it('rejects an arrest without charges', () => {
    arrestRejected(
      { booked_charges_statute: '', list_of_booked_charges: '' },
      { column: 'booked_charges_statute', value: null, reason: 'booked_charges_statute or list_of_booked_charges is needed' },
    );
  });

  it('rejects an unknown custody type', () => {
    arrestRejected({ custody_type: 'detained' }, { column: 'custody_type', value: 'detained', reason: 'unknown custody_type "detained" (one of: booked, cited)' });
  });

  it('rejects an empty arresting agency', () => {
    arrestRejected({ arresting_agency: '' }, { column: 'arresting_agency', value: null, reason: 'arresting_agency is empty' });
  });

  it('rejects a person key that looks like an SSN, without keeping it', () => {
    arrestRejected(
      { person_key: '123-45-6789' },
      { column: 'person_key', value: null, reason: 'person_key looks like a Social Security number; keys must be pseudonymous; the value is not kept' },
    );
  });

  it('never writes a good key to COPY when a later value rejects the row', () => {
    const out = arrests({ custody_type: 'detained' });
    expect(out.rejects).toHaveLength(1);
    expect(out.copy).not.toContain('SFP-02b964i');
  });

  it('names the first problem in rule order: the key before the missing time', () => {
    arrestRejected(
      { person_key: 'Jane Doe', arrest_datetime: '', arrest_date: '' },
      { column: 'person_key', value: null, reason: 'person_key is not a pseudonymous key (6 to 128 of A-Z a-z 0-9 . _ : -); the value is not kept' },
    );
  });

  it('names the first problem in rule order: the custody type before the missing charges', () => {
    arrestRejected(
      { custody_type: 'detained', booked_charges_statute: '', list_of_booked_charges: '' },
      { column: 'custody_type', value: 'detained', reason: 'unknown custody_type "detained" (one of: booked, cited)' },
    );
  });
});

// ---------------------------------------------------------------------------
// da-decisions

const DA_HEADER = [
  'decision_id',
  'incident_number',
  'person_key',
  'da_action_taken',
  'action_date',
  'arrest_id',
  'arrest_date',
  'court_number',
  'filing_date',
  'list_of_filed_charges',
  'filed_charges_statute',
  'filed_case_type',
  'crime_type',
  'dv_case',
  'case_status',
  'disposition_date',
  'disposition_code',
  'disposition_description',
  'person_link_keys',
];
const DECISION: Record<string, string> = {
  decision_id: 'D-0001',
  incident_number: '240123456',
  person_key: 'SFP-02b964i',
  da_action_taken: 'charged',
  action_date: '2024/03/12',
  arrest_id: 'A-2024-0001',
  arrest_date: '2024-03-09',
  court_number: 'CT-24001',
  filing_date: '2024-03-12',
  list_of_filed_charges: '"245A1/F/0, 647B/M/0"',
  filed_charges_statute: '245(a)(1) PC/F',
  filed_case_type: 'Felony',
  crime_type: 'Assault',
  dv_case: 'N',
  case_status: 'Open',
  disposition_date: '',
  disposition_code: '',
  disposition_description: '',
};
const DA_COLUMNS = [
  'decision_id',
  'incident_number',
  'person_key',
  'da_action_taken',
  'action_date',
  'arrest_date',
  'filing_date',
  'disposition_date',
  'arrest_id',
  'court_number',
  'list_of_filed_charges',
  'filed_charges_statute',
  'filed_case_type',
  'crime_type',
  'dv_case',
  'case_status',
  'disposition_code',
  'disposition_description',
  'person_link_keys',
];

const decisions = (...raws: Array<Record<string, string>>) => load('da-decisions', csv(DA_HEADER, raws.map((raw) => rowOf(DA_HEADER, DECISION, raw))));
const decisionRejected = (raw: Record<string, string>, expected: Omit<ExpectedReject, 'line'>) => expectRejected(decisions(raw), DA_COLUMNS.length, { line: 2, ...expected });

describe('da-decisions', () => {
  it('lists the COPY columns in rule order', () => {
    expect(decisions().columns).toEqual(DA_COLUMNS);
  });

  it('writes a good row: action spelled as the spec spells it, dates in ISO', () => {
    const out = decisions({});
    expect(out.rejects).toEqual([]);
    expect(out.lines).toEqual(['2,D-0001,240123456,SFP-02b964i,Charged,2024-03-12,2024-03-09,2024-03-12,,A-2024-0001,CT-24001,"245A1/F/0, 647B/M/0",245(a)(1) PC/F,Felony,Assault,N,Open,,,,']);
  });

  it('writes motion to revoke as Motion to Revoke', () => {
    expect(onlyRow(decisions({ da_action_taken: 'motion to revoke' }))['da_action_taken']).toBe('Motion to Revoke');
  });

  it('accepts a decision other than Charged without charges', () => {
    const row = onlyRow(decisions({ da_action_taken: 'Rejected', list_of_filed_charges: '', filed_charges_statute: '' }));
    expect(row['da_action_taken']).toBe('Rejected');
    expect(row['reject']).toBeNull();
  });

  it('accepts a Charged decision with filed_charges_statute only', () => {
    const row = onlyRow(decisions({ list_of_filed_charges: '' }));
    expect(row['list_of_filed_charges']).toBeNull();
    expect(row['reject']).toBeNull();
  });

  it('rejects a Charged decision without charges', () => {
    decisionRejected(
      { list_of_filed_charges: '', filed_charges_statute: '' },
      { column: 'list_of_filed_charges', value: null, reason: 'a Charged decision needs list_of_filed_charges (or filed_charges_statute)' },
    );
  });

  it('never writes the key to COPY for a Charged decision without charges', () => {
    expect(decisions({ list_of_filed_charges: '', filed_charges_statute: '' }).copy).not.toContain('SFP-02b964i');
  });

  it('rejects an unknown action', () => {
    decisionRejected(
      { da_action_taken: 'dropped' },
      {
        column: 'da_action_taken',
        value: 'dropped',
        reason: 'unknown da_action_taken "dropped" (one of: Charged, Discharged, Rejected, Diverted, Motion to Revoke, Referred for Further Investigation, Referred to Other Agency)',
      },
    );
  });

  it('rejects an empty action_date', () => {
    decisionRejected({ action_date: '' }, { column: 'action_date', value: null, reason: 'action_date is empty' });
  });

  it('rejects an action_date in month 13', () => {
    decisionRejected({ action_date: '2024-13-01' }, { column: 'action_date', value: '2024-13-01', reason: `"2024-13-01"${DATE_HINT}` });
  });

  it('rejects a bad optional date', () => {
    decisionRejected({ disposition_date: 'yesterday' }, { column: 'disposition_date', value: 'yesterday', reason: `"yesterday"${DATE_HINT}` });
  });

  it('rejects a malformed decision_id', () => {
    decisionRejected({ decision_id: 'D 0001' }, { column: 'decision_id', value: 'D 0001', reason: 'decision_id is not an identifier (letters, digits and . _ : / -, at most 64)' });
  });

  it('names the first problem in rule order: the action before the date', () => {
    decisionRejected(
      { da_action_taken: 'dropped', action_date: '' },
      {
        column: 'da_action_taken',
        value: 'dropped',
        reason: 'unknown da_action_taken "dropped" (one of: Charged, Discharged, Rejected, Diverted, Motion to Revoke, Referred for Further Investigation, Referred to Other Agency)',
      },
    );
  });
});

// ---------------------------------------------------------------------------
// the row hash: what a file loaded again is compared by first

describe('the row hash', () => {
  const hashOf = (out: Loaded) => {
    expect(out.hashes).toHaveLength(1);
    expect(out.hashes[0]).toMatch(/^-?\d{1,16}$/);
    return out.hashes[0];
  };

  it('is the same for the same values, and differs when a stored value changes', () => {
    expect(hashOf(incidents({}))).toBe(hashOf(incidents({})));
    expect(hashOf(incidents({ Resolution: 'Cite or Arrest Adult' }))).not.toBe(hashOf(incidents({})));
    expect(hashOf(incidents({ 'Incident Code': '3075' }))).not.toBe(hashOf(incidents({})));
  });

  it('is the same for values spelled differently that are stored the same (code padding, ISO T or space)', () => {
    expect(hashOf(incidents({ 'Incident Code': '3074' }))).toBe(hashOf(incidents({ 'Incident Code': '03074' })));
    expect(hashOf(arrests({ arrest_datetime: '2024-03-09T23:15' }))).toBe(hashOf(arrests({ arrest_datetime: '2024-03-09 23:15' })));
  });

  it('leaves the person key out, so it cannot help anyone guess a key', () => {
    expect(hashOf(arrests({ person_key: 'SFP-aaaaaaa' }))).toBe(hashOf(arrests({ person_key: 'SFP-bbbbbbb' })));
    expect(hashOf(persons({ 'Person Key': 'SFP-aaaaaaa' }))).toBe(hashOf(persons({ 'Person Key': 'SFP-bbbbbbb' })));
  });

  it('is empty on a rejected row', () => {
    expect(incidents({ 'Incident Code': 'x' }).hashes).toEqual([null]);
  });
});

// ---------------------------------------------------------------------------
// tolerant person keys (issue 16)

describe('person link keys', () => {
  const A = 'a'.repeat(64);
  const B = '0123456789abcdef'.repeat(4);
  const withLinks = (kind: ImportKind, header: string[], base: Record<string, string>, column: string, value: string) =>
    load(kind, csv([...header, column], [rowOf([...header, column], { ...base, [column]: value })]));

  it('writes incident persons link keys as a sorted PostgreSQL array, quoted for CSV', () => {
    const out = withLinks('incident-persons', PERSON_HEADER, PERSON, 'Person Link Keys', `sound:${B};slk:${A}`);
    expect(out.rejects).toEqual([]);
    expect(out.lines).toEqual([`2,240123456,SFP-02b964i,reporting party,2024-03-09 00:05:00,1234567,"{slk:${A},sound:${B}}",`]);
    expect(onlyRow(out)['person_link_keys']).toBe(`{slk:${A},sound:${B}}`);
  });

  it('writes an empty cell as NULL', () => {
    expect(onlyRow(withLinks('incident-persons', PERSON_HEADER, PERSON, 'Person Link Keys', ''))['person_link_keys']).toBeNull();
  });

  it('writes one arrest key as a one-item array', () => {
    expect(onlyRow(withLinks('arrests', ARREST_HEADER, ARREST, 'person_link_keys', `date:${A}`))['person_link_keys']).toBe(`{date:${A}}`);
  });

  it('writes DA decision keys', () => {
    expect(onlyRow(withLinks('da-decisions', DA_HEADER, DECISION, 'person_link_keys', `slk:${B};date:${A}`))['person_link_keys']).toBe(`{date:${A},slk:${B}}`);
  });

  it('rejects a malformed incident persons value with its line, column and reason, without keeping it', () => {
    expectRejected(withLinks('incident-persons', PERSON_HEADER, PERSON, 'Person Link Keys', `slk:${A};nysiis:${B}`), PERSON_COLUMNS.length, {
      line: 2,
      column: 'Person Link Keys',
      value: null,
      reason: 'Person Link Keys: the 2nd item is not of a known kind (one of: slk, sound, date, then a colon); the value is not kept',
    });
  });

  it('rejects an arrest key that is not 64 hex digits', () => {
    expectRejected(withLinks('arrests', ARREST_HEADER, ARREST, 'person_link_keys', `slk:${A.slice(2)}`), ARREST_COLUMNS.length, {
      line: 2,
      column: 'person_link_keys',
      value: null,
      reason: 'person_link_keys: the 1st item (slk) is not 64 hex digits after the colon; the value is not kept',
    });
  });

  it('never writes a malformed value to COPY', () => {
    const bad = `sound:${B.slice(1)}`;
    expect(withLinks('da-decisions', DA_HEADER, DECISION, 'person_link_keys', bad).copy).not.toContain(bad);
  });

  it('leaves the link keys out of the row hash, as person keys are', () => {
    const a = withLinks('arrests', ARREST_HEADER, ARREST, 'person_link_keys', `slk:${A}`);
    const b = withLinks('arrests', ARREST_HEADER, ARREST, 'person_link_keys', `slk:${B}`);
    expect(a.hashes[0]).not.toBeNull();
    expect(a.hashes[0]).toBe(b.hashes[0]);
  });
});
