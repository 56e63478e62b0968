import { CsvScanner, type RowReject } from './csv-scanner';
import { analyseHeader, nearestKind } from './header';
import { IMPORT_KINDS, KINDS } from './kinds';
import { datasetOfRow, KNOWN_DATASETS, looksLikeData, recogniseDataset, valueShape } from './known-datasets';
import { parsePoint, rowRulesFor, storedFileColumns } from './row-rules';

const HISTORICAL = 'IncidntNum,Category,Descript,DayOfWeek,Date,Time,PdDistrict,Resolution,Address,X,Y,Location,PdId'.split(',');
/** The first row of DataSF's December 2018 month (wg3w-h783), as published. */
const DECEMBER_FIRST_ROW = [
  '2018/12/01 12:25:00 AM', '2018/12/01', '00:25', '2018', 'Saturday', '2018/12/01 12:28:00 AM', '74339603074', '743396', '180906213', '183350077', 'II',
  'Initial', '', '03074', 'Robbery', 'Robbery - Other', 'Robbery, W/ Force', 'Cite or Arrest Adult', 'BOSWORTH ST \\ DIAMOND ST', '21940000', 'Ingleside',
  'Glen Park', '8', '37.73355034231799', '-122.43414453855247', '(37.73355034231799, -122.43414453855247)',
];
/** The same report in the historical dataset's columns. */
const HISTORICAL_ROW = ['180906213', 'ROBBERY', 'ROBBERY, BODILY FORCE', 'Saturday', '12/01/2018', '00:25', 'INGLESIDE', 'ARREST, CITED', 'BOSWORTH ST / DIAMOND ST', '-122.43414453855247', '37.73355034231799', '(37.73355034231799, -122.43414453855247)', '18090621303074'];
const DOWNLOAD_HEADER = KNOWN_DATASETS.find((d) => d.id === 'datasf-incidents-download')!.header;
const API_HEADER = KNOWN_DATASETS.find((d) => d.id === 'datasf-incidents-api')!.header;

describe('known datasets recognised by their header', () => {
  it.each(IMPORT_KINDS)('refuses the historical 2003-2018 dataset, whatever kind was chosen (%s), naming it, why, and what to get instead', (kind) => {
    const a = analyseHeader(kind, HISTORICAL);
    expect(a.problems).toHaveLength(1);
    expect(a.problems[0].code).toBe('known-dataset');
    const message = a.problems[0].message;
    expect(message).toContain('"Police Department Incident Reports: Historical 2003 to May 2018"');
    expect(message).toContain('no report time');
    expect(message).toContain('no row key');
    expect(message).toContain('"Police Department Incident Reports: 2018 to Present" (dataset wg3w-h783');
    // Its Address is block-level and public: no PII accusation, no advice to remove it.
    expect(message).not.toMatch(/identify people|Remove/);
    expect(a.columns.size).toBe(0);
  });

  it('recognises a re-saved subset of the historical file, and not a real export that happens to hold a Descript column', () => {
    expect(recogniseDataset(['IncidntNum', 'Category', 'Descript', 'Date', 'Time', 'PdDistrict', 'Resolution', 'Address'])?.id).toBe('datasf-historical-2003-2018');
    expect(recogniseDataset([...DOWNLOAD_HEADER, 'Descript'])).toBeNull();
    expect(recogniseDataset(API_HEADER)).toBeNull();
    expect(analyseHeader('incidents', [...API_HEADER, ':@computed_region_jwn9_ihcz']).problems).toEqual([]);
  });
});

describe('a first line that is data, not a header', () => {
  it('tells values from column names', () => {
    expect(['2018/12/01 12:25:00 AM', '2023-03-13T23:41:00.000', '11/10/2018', '23:00', '2018', '-122.4', 'Saturday', 'POINT (-122.4 37.7)', '', 'Robbery'].map(valueShape)).toEqual([
      'datetime', 'datetime', 'date', 'time', 'number', 'number', 'weekday', 'point', 'empty', 'text',
    ]);
    expect(looksLikeData(['11/10/2018', '23:00', '2018', 'Saturday'])).toBe(true);
    expect(looksLikeData(DECEMBER_FIRST_ROW)).toBe(true);
    expect(looksLikeData(['A1', '180906213', 'KEY-123456', '245A1', '2'])).toBe(true);
    // No real header is data: the DataSF exports, the historical one, every kind's columns.
    for (const header of [DOWNLOAD_HEADER, API_HEADER, HISTORICAL, ...IMPORT_KINDS.map((k) => KINDS[k].columns.map((c) => c.name))]) expect(looksLikeData(header)).toBe(false);
  });

  it('refuses it with "the first line looks like data", naming the DataSF export its values are shaped like', () => {
    const a = analyseHeader('incidents', DECEMBER_FIRST_ROW);
    expect(a.problems.map((p) => p.code)).toEqual(['no-header']);
    expect(a.problems[0].message).toBe(
      'The first line looks like data: the header row is missing. Its 26 values are shaped like a row of "Police Department Incident Reports: 2018 to Present (CSV download)" ' +
        '(DataSF, dataset wg3w-h783), which loads as SFPD incident reports ("incidents") with its header: download it again with the header row, or add that row back as the first line.',
    );
    expect(datasetOfRow(DECEMBER_FIRST_ROW.map((v, i) => (i >= 23 ? '' : v)))?.id).toBe('datasf-incidents-download');
  });

  it('says so for a line shaped like no known file, and for a historical row says what to get instead', () => {
    expect(analyseHeader('incidents', ['11/10/2018', '23:00', '2018', 'Saturday', 'Robbery']).problems[0].message).toBe(
      'The first line looks like data: the header row is missing. Add the header row (the column names) as the first line, or download the file again with it.',
    );
    const historical = analyseHeader('incidents', HISTORICAL_ROW).problems[0].message;
    expect(historical).toMatch(/^The first line looks like data: the header row is missing\. Its 13 values are shaped like a row of "Police Department Incident Reports: Historical 2003 to May 2018".*wg3w-h783/);
  });
});

describe('a header that matches no kind', () => {
  it('names the kind it most resembles, with the columns that kind would need', () => {
    const a = analyseHeader('incidents', ['arrest_id', 'person_key', 'notes']);
    expect(a.problems).toHaveLength(1);
    expect(a.problems[0].message).toBe(
      'Required columns are missing: "Row ID", "Incident ID", "Incident Number", "Incident Datetime", "Report Datetime", "Incident Code", "Incident Category". ' +
        'Its header is closest to arrests and citations ("arrests"), with 2 of its columns ("arrest_id", "person_key"); as that kind it would also need ' +
        '"incident_number", "arresting_agency", "custody_type", one of "arrest_datetime" or "arrest_date", one of "booked_charges_statute" or "list_of_booked_charges".',
    );
    expect(nearestKind(['decision_id', 'court_number'])?.kind).toBe('da-decisions');
  });

  it('says when it shares no column with any kind', () => {
    expect(analyseHeader('arrests', ['foo', 'bar']).problems[0].message).toMatch(/None of its 2 columns is a column of any of the four kinds \(incidents, incident-persons, arrests, da-decisions\)/);
    expect(nearestKind(['foo'])).toBeNull();
  });
});

describe('every column a kind declares is stored, or reported ignored', () => {
  it.each(IMPORT_KINDS)('%s: each declared column is read by a rule that stores it, or listed as ignored', (kind) => {
    const header = KINDS[kind].columns.map((c) => c.name);
    const a = analyseHeader(kind, header);
    const stored = storedFileColumns(kind);
    for (const name of header) {
      const kept = a.columns.has(name) && stored.has(name);
      expect({ name, kept, ignored: a.ignored.includes(name) }).toEqual({ name, kept, ignored: !kept });
    }
    // import-formats.md keeps every column it names: none of them is ignored, Point included.
    expect(a.ignored).toEqual([]);
  });
});

/** Scans an incidents file with its rules; returns the latitude and longitude written, and the rejects. */
function coordinatesOf(header: string[], row: string[]): { latitude: string | null; longitude: string | null; rejects: RowReject[] } {
  const rejects: RowReject[] = [];
  let names: string[] = [];
  const scanner = new CsvScanner({
    onReject: (r) => rejects.push(r),
    rulesFor: (h) => {
      const rules = rowRulesFor('incidents', analyseHeader('incidents', h).columns);
      names = ['line', ...rules.columns.map((c) => c.name)];
      return rules;
    },
  });
  const quote = (v: string) => (/[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const text = `${header.join(',')}\n${row.map(quote).join(',')}\n`;
  const decoder = new TextDecoder();
  const dec = (b: Uint8Array) => decoder.decode(b);
  const copy = dec(scanner.push(new TextEncoder().encode(text)).copy) + dec(scanner.end().copy);
  const fields = copy.trimEnd().split(',');
  const at = (name: string) => fields[names.indexOf(name)] || null;
  return { latitude: rejects.length ? null : at('latitude'), longitude: rejects.length ? null : at('longitude'), rejects };
}

describe('Point', () => {
  const base = ['Row ID', 'Incident ID', 'Incident Number', 'Incident Datetime', 'Report Datetime', 'Incident Code', 'Incident Category'];
  const values = ['74339603074', '743396', '180906213', '2018/12/01 12:25:00 AM', '2018/12/01 12:28:00 AM', '03074', 'Robbery'];

  it('reads WKT (longitude first) and DataSF\'s (latitude, longitude)', () => {
    expect(parsePoint('POINT (-122.43414453855247 37.73355034231799)')).toEqual({ latitude: 37.73355034231799, longitude: -122.43414453855247 });
    expect(parsePoint('(37.7335, -122.4341)')).toEqual({ latitude: 37.7335, longitude: -122.4341 });
    expect(parsePoint('POINT (37.7335 -122.4341)')).toBeNull(); // latitude -122 is no latitude
    expect(parsePoint('somewhere')).toBeNull();
  });

  it('is stored as the latitude and longitude when the file has no Latitude and Longitude', () => {
    expect(coordinatesOf([...base, 'Point'], [...values, 'POINT (-122.43414453855247 37.73355034231799)'])).toEqual({ latitude: '37.73355034231799', longitude: '-122.43414453855247', rejects: [] });
    expect(coordinatesOf([...base, 'Latitude', 'Longitude', 'point'], [...values, '', '', 'POINT (-122.4 37.7)'])).toEqual({ latitude: '37.7', longitude: '-122.4', rejects: [] });
  });

  it('agrees with Latitude and Longitude where the file has them, which are stored as written', () => {
    expect(coordinatesOf([...base, 'Latitude', 'Longitude', 'Point'], [...values, '37.73355034231799', '-122.43414453855247', 'POINT (-122.434144 37.733550)'])).toEqual({
      latitude: '37.73355034231799',
      longitude: '-122.43414453855247',
      rejects: [],
    });
    const off = coordinatesOf([...base, 'Latitude', 'Longitude', 'Point'], [...values, '37.7335', '-122.4341', 'POINT (-122.5 37.7335)']);
    expect(off.rejects).toEqual([expect.objectContaining({ line: 2, column: 'Point', value: 'POINT (-122.5 37.7335)', reason: 'Point "POINT (-122.5 37.7335)" is not where Latitude and Longitude say (37.7335, -122.4341)' })]);
  });

  it('rejects a row whose Point is not a point', () => {
    const bad = coordinatesOf([...base, 'Point'], [...values, 'POINT (-122.4)']);
    expect(bad.rejects).toEqual([
      expect.objectContaining({ column: 'Point', value: 'POINT (-122.4)', reason: '"POINT (-122.4)" is not a point (use POINT (-122.4194 37.7749), longitude first, or (37.7749, -122.4194))' }),
    ]);
  });
});
