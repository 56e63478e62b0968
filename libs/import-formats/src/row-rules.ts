/**
 * What each row of each kind must hold (import-formats.md), checked in the
 * scanner as the file streams: a good row becomes one COPY row of typed,
 * normalised values (dates in ISO, codes padded, enumerations spelled as the
 * spec spells them); a bad row becomes a reject naming the column, the value
 * and the reason. The checks run in the order listed, and the first failing one
 * is reported. Checks that need the database (a key seen twice, an arrest
 * before its incident) run in SQL after the COPY.
 */
import type { CopyWriter, CsvRow } from './copy-row';
import { checkPersonKey, CUSTODY_TYPES, DA_ACTIONS, normaliseColumnName, PERSON_ROLES, type ImportKind } from './kinds';
import { hashKeyBytes, KEY_HASH_SEEDS, mixHash } from './key-filter';

/** Seeds of the row hash: other than the key hash's, so the two are independent. */
const ROW_HASH_SEEDS = [0x6a09e667 | 0, 0x3c6ef372] as const;
import { parsePersonLinkKeys } from './link-keys';
import { isDecimal, isDigits, isIdentifier, localDate, localDateTime } from './values';

export type SqlType = 'text' | 'text[]' | 'timestamptz' | 'date' | 'integer' | 'bigint' | 'boolean' | 'double precision';

/** A column of the validated rows; `temp` ones serve the SQL checks and are not stored. */
export interface OutputColumn {
  name: string;
  type: SqlType;
  temp?: boolean;
}

export interface FieldReject {
  /** The file column, by its spec name. */
  column: string;
  /** The offending value as read (at most 200 characters), or null when it must not be kept. */
  value: string | null;
  reason: string;
}

export interface RowRules {
  columns: OutputColumn[];
  /** Writes the row's values (each after a comma) or says why it is rejected (what was written is then dropped). */
  write(row: CsvRow, out: CopyWriter): FieldReject | null;
  /** Two hashes of the key of the row last written (for KeyFilter). */
  readonly keyHash: Int32Array;
  /** The key of the row last written, as written (in KEY_COLUMNS order), read from the writer's buffer before it moves on. */
  lastKey(buf: Uint8Array): string[];
}

interface Step {
  outputs: OutputColumn[];
  run(row: CsvRow, out: CopyWriter): FieldReject | null;
  /** Left out of the row hash: person keys (the hash must not help guess them) and values kept only for checks. */
  unhashed?: boolean;
}

type Index = (column: string) => number;

export const DATETIME_HINT = ' is not a date and time (use 2024-03-09T22:40 or 2024/03/09 10:40:00 PM)';
export const DATE_HINT = ' is not a date (use 2024-03-09 or 2024/03/09)';
const VALUE_KEPT = 200;

const reject = (column: string, value: string | null, reason: string): FieldReject => ({ column, value: value === null ? null : value.slice(0, VALUE_KEPT), reason });
const empty = (column: string) => reject(column, null, `${column} is empty`);
const quoted = (value: string) => `"${value}"`;

/** A step that writes one column from one file column (`k` is its index, -1 when the file lacks it). */
const column =
  (name: string, type: SqlType, file: string, run: (row: CsvRow, k: number, out: CopyWriter) => FieldReject | null, unhashed = false) =>
  (at: Index): Step => {
    const k = at(file);
    return { outputs: [{ name, type }], unhashed, run: (row, out) => run(row, k, out) };
  };

const text = (name: string, file: string) =>
  column(name, 'text', file, (row, k, out) => {
    out.comma();
    out.field(row, k);
    return null;
  });

const identifier = (name: string, file: string) =>
  column(name, 'text', file, (row, k, out) => {
    if (row.isEmpty(k)) return empty(file);
    const b = row.content(k);
    if (!isIdentifier(b, row.s, row.e)) return reject(file, row.text(k), `${file} is not an identifier (letters, digits and . _ : / -, at most 64)`);
    out.comma();
    out.plain(b, row.s, row.e);
    return null;
  });

/** Writes the local date and time of field k, or returns false when it is not one. */
function writeDateTime(row: CsvRow, k: number, out: CopyWriter): boolean {
  const b = row.content(k);
  const n = localDateTime(b, row.s, row.e, out.buf, out.o);
  if (n < 0) return false;
  out.o += n;
  return true;
}

const datetime = (name: string, file: string, required: boolean) =>
  column(name, 'timestamptz', file, (row, k, out) => {
    out.comma();
    if (row.isEmpty(k)) return required ? empty(file) : null;
    return writeDateTime(row, k, out) ? null : reject(file, row.text(k), quoted(row.text(k)) + DATETIME_HINT);
  });

const scratch = new Uint8Array(32);

const date = (name: string, file: string, required: boolean) =>
  column(name, 'date', file, (row, k, out) => {
    out.comma();
    if (row.isEmpty(k)) return required ? empty(file) : null;
    const b = row.content(k);
    if (!localDate(b, row.s, row.e, out.buf, out.o, scratch)) return reject(file, row.text(k), quoted(row.text(k)) + DATE_HINT);
    out.o += 10;
    return null;
  });

/** Incident codes are up to five digits; `3074` and `03074` are the same code. */
const incidentCode = (name: string, file: string) =>
  column(name, 'text', file, (row, k, out) => {
    if (row.isEmpty(k)) return empty(file);
    const b = row.content(k);
    if (!isDigits(b, row.s, row.e, 1, 5)) return reject(file, row.text(k), `${quoted(row.text(k))} is not an incident code (up to five digits)`);
    out.comma();
    for (let pad = 5 - (row.e - row.s); pad > 0; pad--) out.buf[out.o++] = 0x30;
    out.plain(b, row.s, row.e);
    return null;
  });

/** A four-digit year, else nothing (the year is also in the date). */
const year = (name: string, file: string) =>
  column(name, 'integer', file, (row, k, out) => {
    out.comma();
    if (row.isEmpty(k)) return null;
    const b = row.content(k);
    if (isDigits(b, row.s, row.e, 4, 4)) out.plain(b, row.s, row.e);
    return null;
  });

const trueOrFalse = (name: string, file: string) =>
  column(name, 'boolean', file, (row, k, out) => {
    out.comma();
    if (row.isEmpty(k)) return null;
    const value = row.text(k);
    const lower = value.toLowerCase();
    if (lower !== 'true' && lower !== 'false') return reject(file, value, `${quoted(value)} is not true or false`);
    out.text(lower);
    return null;
  });

/** `POINT (-122.4194 37.7749)` (WKT: longitude first) or `(37.7749, -122.4194)` (DataSF's download: latitude first). */
const WKT_POINT = /^POINT\s*\(\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*\)$/i;
const PAIR_POINT = /^\(\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*\)$/;
/** How far apart (degrees, about 11 m) Point and Latitude/Longitude may be before the row is refused as contradicting itself. */
export const POINT_TOLERANCE = 0.0001;

/** The latitude and longitude a Point value holds, or null when it is not a point (or its latitude or longitude is out of range). */
export function parsePoint(value: string): { latitude: number; longitude: number } | null {
  const v = value.trim();
  const wkt = WKT_POINT.exec(v);
  const pair = wkt ? null : PAIR_POINT.exec(v);
  if (!wkt && !pair) return null;
  const latitude = Number(wkt ? wkt[2] : (pair as RegExpExecArray)[1]);
  const longitude = Number(wkt ? wkt[1] : (pair as RegExpExecArray)[2]);
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  return { latitude, longitude };
}

const POINT_HINT = ' is not a point (use POINT (-122.4194 37.7749), longitude first, or (37.7749, -122.4194))';

/** The Point field's bytes, copied (reading another quoted field reuses the row's scratch buffer). */
const pointBytes = new Uint8Array(256);
const POINT_PREFIX = new TextEncoder().encode('POINT (');

/** Whether field k's bytes sit in pointBytes at `at`; returns the index after them, or -1. */
function bytesAt(row: CsvRow, k: number, at: number, n: number): number {
  const b = row.content(k);
  const len = row.e - row.s;
  if (at + len > n) return -1;
  for (let i = 0; i < len; i++) if (pointBytes[at + i] !== b[row.s + i]) return -1;
  return at + len;
}

/**
 * The fast path of every real row: the point is written from the very Latitude and Longitude of its row, as
 * DataSF's download (`(37.7, -122.4)`) or its API (`POINT (-122.4 37.7)`) writes it. Compares bytes, builds nothing.
 */
function pointIsLatLon(row: CsvRow, kPoint: number, kLat: number, kLon: number): boolean {
  const b = row.content(kPoint);
  const n = row.e - row.s;
  if (n > pointBytes.length) return false;
  pointBytes.set(b.subarray(row.s, row.e));
  if (pointBytes[0] === 0x28) {
    // (lat, lon)
    let i = bytesAt(row, kLat, 1, n);
    if (i < 0 || pointBytes[i] !== 0x2c || pointBytes[i + 1] !== 0x20) return false;
    i = bytesAt(row, kLon, i + 2, n);
    return i === n - 1 && pointBytes[i] === 0x29;
  }
  for (let k = 0; k < POINT_PREFIX.length; k++) if (pointBytes[k] !== POINT_PREFIX[k]) return false;
  // POINT (lon lat)
  let i = bytesAt(row, kLon, POINT_PREFIX.length, n);
  if (i < 0 || pointBytes[i] !== 0x20) return false;
  i = bytesAt(row, kLat, i + 1, n);
  return i === n - 1 && pointBytes[i] === 0x29;
}

/** The reject of field k when it holds something other than a decimal number. */
function notDecimal(row: CsvRow, k: number, file: string): FieldReject | null {
  if (row.isEmpty(k)) return null;
  const b = row.content(k);
  return isDecimal(b, row.s, row.e) ? null : reject(file, row.text(k), `${quoted(row.text(k))} is not a number`);
}

/**
 * Latitude and Longitude, from their own columns or else from `Point` (import-formats.md keeps all three): when
 * both columns are empty the point's coordinates are stored in them; when the file has both, the point must agree
 * with them (within POINT_TOLERANCE), and they are what is stored. A Point that is not a point rejects its row.
 */
const coordinates =
  () =>
  (at: Index): Step => {
    const kLat = at('Latitude');
    const kLon = at('Longitude');
    const kPoint = at('Point');
    return {
      outputs: [
        { name: 'latitude', type: 'double precision' },
        { name: 'longitude', type: 'double precision' },
      ],
      run(row, out) {
        const notNumber = notDecimal(row, kLat, 'Latitude') ?? notDecimal(row, kLon, 'Longitude');
        if (notNumber) return notNumber;
        const bothGiven = !row.isEmpty(kLat) && !row.isEmpty(kLon);
        if (!row.isEmpty(kPoint) && !(bothGiven && pointIsLatLon(row, kPoint, kLat, kLon))) {
          const point = parsePoint(row.text(kPoint));
          if (!point) return reject('Point', row.text(kPoint), quoted(row.text(kPoint)) + POINT_HINT);
          if (row.isEmpty(kLat) && row.isEmpty(kLon)) {
            out.comma();
            out.text(String(point.latitude));
            out.comma();
            out.text(String(point.longitude));
            return null;
          }
          if (bothGiven && (Math.abs(Number(row.text(kLat)) - point.latitude) > POINT_TOLERANCE || Math.abs(Number(row.text(kLon)) - point.longitude) > POINT_TOLERANCE)) {
            return reject('Point', row.text(kPoint), `Point ${quoted(row.text(kPoint))} is not where Latitude and Longitude say (${row.text(kLat)}, ${row.text(kLon)})`);
          }
        }
        out.comma();
        if (!row.isEmpty(kLat)) out.plain(row.content(kLat), row.s, row.e);
        out.comma();
        if (!row.isEmpty(kLon)) out.plain(row.content(kLon), row.s, row.e);
        return null;
      },
    };
  };

/** One of a fixed list, compared after `normalise`; stored as `spell` returns it. */
const oneOf = (name: string, file: string, values: readonly string[], normalise: (v: string) => string, spell: (v: string) => string = (v) => v) => {
  const known = new Map(values.map((v) => [normalise(v), spell(v)]));
  return column(name, 'text', file, (row, k, out) => {
    if (row.isEmpty(k)) return empty(file);
    const value = row.text(k);
    const spelled = known.get(normalise(value));
    if (spelled === undefined) return reject(file, value, `unknown ${file} ${quoted(value)} (one of: ${values.join(', ')})`);
    out.comma();
    out.text(spelled);
    return null;
  });
};

const lower = (v: string) => v.toLowerCase();
/** `Reporting_Party`, `reporting  party` and `reporting party` are one role. */
const roleName = (v: string) => v.replace(/[_\s]+/g, ' ').toLowerCase();

/**
 * A person key, checked here and keyed in the database (HMAC), so the key
 * itself is never stored; a rejected key is not kept even in the reject.
 * Left out of the row hash, which must not help anyone guess a key.
 */
const personKey = (name: string, file: string) =>
  column(
    name,
    'text',
    file,
    (row, k, out) => {
      if (row.isEmpty(k)) return empty(file);
      const problem = checkPersonKey(row.text(k));
      if (problem === 'format') return reject(file, null, `${file} is not a pseudonymous key (6 to 128 of A-Z a-z 0-9 . _ : -); the value is not kept`);
      if (problem === 'ssn') return reject(file, null, `${file} looks like a Social Security number; keys must be pseudonymous; the value is not kept`);
      if (problem === 'phone') return reject(file, null, `${file} looks like a phone number; keys must be pseudonymous; the value is not kept`);
      const b = row.content(k);
      out.comma();
      out.plain(b, row.s, row.e);
      return null;
    },
    true,
  );

/**
 * The tolerant person keys (issue 16; link-keys.ts), written as a PostgreSQL array `{kind:hex,...}` (sorted, each
 * once) and re-keyed in the database like person keys; an empty cell is NULL. A malformed value rejects the row and
 * is not kept. Left out of the row hash, like person keys.
 */
const personLinkKeys = (name: string, file: string) =>
  column(
    name,
    'text[]',
    file,
    (row, k, out) => {
      out.comma();
      if (row.isEmpty(k)) return null;
      const parsed = parsePersonLinkKeys(row.text(k), file);
      if (!parsed.ok) return reject(file, null, `${parsed.reason}; the value is not kept`);
      out.text(`{${parsed.keys.join(',')}}`);
      return null;
    },
    true,
  );

const upperText = (name: string, file: string) =>
  column(name, 'text', file, (row, k, out) => {
    if (row.isEmpty(k)) return empty(file);
    out.comma();
    out.text(row.text(k).toUpperCase());
    return null;
  });

/** A check across columns: at least one of them holds a value. */
const anyOf =
  (column: string, files: string[], reason: string) =>
  (at: Index): Step => {
    const ks = files.map(at);
    return {
      outputs: [],
      run(row) {
        return ks.some((k) => !row.isEmpty(k)) ? null : reject(column, null, reason);
      },
    };
  };

/**
 * When an arrest happened: `arrest_datetime` (local time) or else
 * `arrest_date`; the stored date is the time's date when there is a time. The
 * raw value is kept for the SQL check against the incident's date.
 */
const arrestTime =
  () =>
  (at: Index): Step => {
    const kTime = at('arrest_datetime');
    const kDate = at('arrest_date');
    return {
      outputs: [
        { name: 'arrest_datetime', type: 'timestamptz' },
        { name: 'arrest_date', type: 'date' },
      ],
      run(row, out) {
        const hasTime = !row.isEmpty(kTime);
        const hasDate = !row.isEmpty(kDate);
        if (!hasTime && !hasDate) return reject('arrest_datetime', null, 'arrest_datetime or arrest_date is needed');
        out.comma();
        const timeAt = out.o;
        if (hasTime && !writeDateTime(row, kTime, out)) return reject('arrest_datetime', row.text(kTime), quoted(row.text(kTime)) + DATETIME_HINT);
        out.comma();
        if (hasDate) {
          const b = row.content(kDate);
          if (!localDate(b, row.s, row.e, out.buf, out.o, scratch)) return reject('arrest_date', row.text(kDate), quoted(row.text(kDate)) + DATE_HINT);
        }
        if (hasTime) out.buf.copyWithin(out.o, timeAt, timeAt + 10);
        out.o += 10;
        return null;
      },
    };
  };

/** The arrest's time as the file wrote it, for the SQL check against the incident's date (not stored). */
const arrestTimeAsWritten =
  () =>
  (at: Index): Step => {
    const kTime = at('arrest_datetime');
    const kDate = at('arrest_date');
    return {
      outputs: [{ name: 'arrest_when_raw', type: 'text', temp: true }],
      unhashed: true,
      run(row, out) {
        out.comma();
        out.text(row.text(row.isEmpty(kTime) ? kDate : kTime));
        return null;
      },
    };
  };

const chargedNeedsCharges =
  () =>
  (at: Index): Step => {
    const kAction = at('da_action_taken');
    const kList = at('list_of_filed_charges');
    const kStatute = at('filed_charges_statute');
    return {
      outputs: [],
      run(row) {
        if (row.text(kAction).toLowerCase() !== 'charged' || !row.isEmpty(kList) || !row.isEmpty(kStatute)) return null;
        return reject('list_of_filed_charges', null, 'a Charged decision needs list_of_filed_charges (or filed_charges_statute)');
      },
    };
  };

const RULES: Record<ImportKind, Array<(at: Index) => Step>> = {
  incidents: [
    identifier('row_id', 'Row ID'),
    identifier('incident_id', 'Incident ID'),
    identifier('incident_number', 'Incident Number'),
    datetime('incident_datetime', 'Incident Datetime', true),
    datetime('report_datetime', 'Report Datetime', true),
    incidentCode('incident_code', 'Incident Code'),
    // Blank for the codes DataSF publishes without a category (12075, 65021): kept, stored as absent (issue 15).
    text('incident_category', 'Incident Category'),
    date('incident_date', 'Incident Date', false),
    trueOrFalse('filed_online', 'Filed Online'),
    coordinates(),
    text('incident_subcategory', 'Incident Subcategory'),
    text('incident_description', 'Incident Description'),
    text('incident_time', 'Incident Time'),
    year('incident_year', 'Incident Year'),
    text('incident_day_of_week', 'Incident Day of Week'),
    text('cad_number', 'CAD Number'),
    text('report_type_code', 'Report Type Code'),
    text('report_type_description', 'Report Type Description'),
    text('resolution', 'Resolution'),
    text('intersection', 'Intersection'),
    text('cnn', 'CNN'),
    text('police_district', 'Police District'),
    text('analysis_neighborhood', 'Analysis Neighborhood'),
    text('supervisor_district', 'Supervisor District'),
    text('supervisor_district_2012', 'Supervisor District 2012'),
  ],
  'incident-persons': [
    identifier('incident_number', 'Incident Number'),
    personKey('person_key', 'Person Key'),
    oneOf('person_role', 'Person Role', PERSON_ROLES, roleName),
    datetime('role_recorded_at', 'Role Recorded Datetime', false),
    text('incident_id', 'Incident ID'),
    personLinkKeys('person_link_keys', 'Person Link Keys'),
  ],
  arrests: [
    identifier('arrest_id', 'arrest_id'),
    identifier('incident_number', 'incident_number'),
    personKey('person_key', 'person_key'),
    arrestTime(),
    upperText('arresting_agency', 'arresting_agency'),
    oneOf('custody_type', 'custody_type', CUSTODY_TYPES, lower),
    anyOf('booked_charges_statute', ['booked_charges_statute', 'list_of_booked_charges'], 'booked_charges_statute or list_of_booked_charges is needed'),
    text('booked_charges_statute', 'booked_charges_statute'),
    text('list_of_booked_charges', 'list_of_booked_charges'),
    text('booked_case_type', 'booked_case_type'),
    text('cad_number', 'cad_number'),
    personLinkKeys('person_link_keys', 'person_link_keys'),
    arrestTimeAsWritten(),
  ],
  'da-decisions': [
    identifier('decision_id', 'decision_id'),
    identifier('incident_number', 'incident_number'),
    personKey('person_key', 'person_key'),
    oneOf('da_action_taken', 'da_action_taken', DA_ACTIONS, lower),
    date('action_date', 'action_date', true),
    date('arrest_date', 'arrest_date', false),
    date('filing_date', 'filing_date', false),
    date('disposition_date', 'disposition_date', false),
    chargedNeedsCharges(),
    text('arrest_id', 'arrest_id'),
    text('court_number', 'court_number'),
    text('list_of_filed_charges', 'list_of_filed_charges'),
    text('filed_charges_statute', 'filed_charges_statute'),
    text('filed_case_type', 'filed_case_type'),
    text('crime_type', 'crime_type'),
    text('dv_case', 'dv_case'),
    text('case_status', 'case_status'),
    text('disposition_code', 'disposition_code'),
    text('disposition_description', 'disposition_description'),
    personLinkKeys('person_link_keys', 'person_link_keys'),
  ],
};

/**
 * The file column each stored column comes from, by the stored name (`incident_category` is "Incident Category"),
 * for telling people about a record in the words of their files. Found by asking each rule which file columns it
 * reads; a stored column made from several file columns keeps its own name.
 */
export function fileColumnsOf(kind: ImportKind): Record<string, string> {
  const out: Record<string, string> = {};
  for (const make of RULES[kind]) {
    const asked: string[] = [];
    const step = make((column) => {
      asked.push(column);
      return -1;
    });
    for (const o of step.outputs) {
      if (o.temp) continue;
      // latitude and longitude come from Latitude, Longitude and Point: each is named by its own column.
      const own = asked.find((a) => normaliseColumnName(a) === normaliseColumnName(o.name));
      out[o.name] = step.outputs.length === 1 && asked.length === 1 ? asked[0] : (own ?? o.name);
    }
  }
  return out;
}

/** The file columns (spec names) some rule of the kind reads: what a file's column must be to be kept. */
export function storedFileColumns(kind: ImportKind): Set<string> {
  const stored = new Set<string>();
  for (const make of RULES[kind]) {
    const asked: string[] = [];
    const step = make((column) => {
      asked.push(column);
      return -1;
    });
    // A step that only checks (anyOf) or keeps a value for the SQL checks (temp) stores nothing of what it reads.
    if (step.outputs.some((o) => !o.temp)) for (const column of asked) stored.add(column);
  }
  return stored;
}

/** The columns that identify a record, as written (normalised) by the rules. */
export const KEY_COLUMNS: Record<ImportKind, string[]> = {
  incidents: ['row_id'],
  'incident-persons': ['incident_number', 'person_key', 'person_role'],
  arrests: ['arrest_id'],
  'da-decisions': ['decision_id'],
};

/** The rules of one kind for a file whose columns sit at `columnIndex` (spec name to field index). */
export function rowRulesFor(kind: ImportKind, columnIndex: ReadonlyMap<string, number>): RowRules {
  const steps = RULES[kind].map((make) => make((column) => columnIndex.get(column) ?? -1));
  const isKey = steps.map((s) => s.outputs.length === 1 && KEY_COLUMNS[kind].includes(s.outputs[0].name));
  const isHashed = steps.map((s) => !s.unhashed);
  const keyHash = new Int32Array(2);
  const rowHash = new Int32Array(2);
  const keyAt = steps.map((s) => (s.outputs.length === 1 ? KEY_COLUMNS[kind].indexOf(s.outputs[0].name) : -1));
  const keyRanges = new Int32Array(2 * KEY_COLUMNS[kind].length);
  const decoder = new TextDecoder();
  return {
    columns: [...steps.flatMap((s) => s.outputs), { name: 'row_hash', type: 'bigint' }],
    keyHash,
    lastKey(buf) {
      return KEY_COLUMNS[kind].map((_, k) => decoder.decode(buf.subarray(keyRanges[2 * k], keyRanges[2 * k + 1])));
    },
    write(row, out) {
      keyHash[0] = KEY_HASH_SEEDS[0];
      keyHash[1] = KEY_HASH_SEEDS[1];
      rowHash[0] = ROW_HASH_SEEDS[0];
      rowHash[1] = ROW_HASH_SEEDS[1];
      // The row hash covers runs of hashed steps, one call per run (a whole incident row is one run).
      let runStart = out.o;
      for (let i = 0; i < steps.length; i++) {
        const from = out.o;
        const problem = steps[i].run(row, out);
        if (problem) return problem;
        if (isKey[i]) {
          hashKeyBytes(out.buf, from + 1, out.o, keyHash); // after the comma
          keyRanges[2 * keyAt[i]] = from + 1;
          keyRanges[2 * keyAt[i] + 1] = out.o;
        }
        if (!isHashed[i]) {
          hashKeyBytes(out.buf, runStart, from, rowHash);
          runStart = out.o;
        }
      }
      hashKeyBytes(out.buf, runStart, out.o, rowHash);
      keyHash[0] = mixHash(keyHash[0]);
      keyHash[1] = mixHash(keyHash[1]);
      out.comma();
      out.integer53(mixHash(rowHash[0]), mixHash(rowHash[1]));
      return null;
    },
  };
}
