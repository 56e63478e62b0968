import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/paths';
import { ingest, tableCounts, TEST_PERSON_KEY_SECRET } from '../support/ingest-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 15: real SFPD incident files in the shapes people find them in, each built from real December 2018 rows of
 * DataSF's wg3w-h783 (tests/fixtures/README.md), with the outcome an analyst expects.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ PERSON_KEY_SECRET: TEST_PERSON_KEY_SECRET });
});
afterAll(async () => t?.close());

const fixture = (name: string) => fs.readFileSync(path.join(REPO_ROOT, 'tests/fixtures', name));

const HISTORICAL_MESSAGE =
  'This is DataSF\'s "Police Department Incident Reports: Historical 2003 to May 2018" (dataset tmnf-yvry), which cannot be audited: ' +
  'it has no report time (only the date and time of the incident), so how long reporting took cannot be measured, and no row key ' +
  '(no Row ID or Incident ID), so a reload or a correction cannot be matched to what was loaded. ' +
  'Download DataSF\'s "Police Department Incident Reports: 2018 to Present" (dataset wg3w-h783, https://data.sfgov.org/d/wg3w-h783) instead: ' +
  'it covers January 2018 onward, with report times and Row IDs.';

const NO_HEADER_MESSAGE =
  'The first line looks like data: the header row is missing. Its 26 values are shaped like a row of "Police Department Incident Reports: 2018 to Present (CSV download)" ' +
  '(DataSF, dataset wg3w-h783), which loads as SFPD incident reports ("incidents") with its header: download it again with the header row, or add that row back as the first line.';

async function coordinates(rowIds: string[]): Promise<Array<{ row_id: string; latitude: number | null; longitude: number | null }>> {
  return t.db.query(`SELECT row_id, latitude, longitude FROM incident_report_row WHERE row_id = ANY($1) ORDER BY row_id`, [rowIds]);
}

describe('the shapes of real SFPD incident files', () => {
  const API_ROW_IDS = fs
    .readFileSync(path.join(REPO_ROOT, 'tests/fixtures/datasf-incidents-2018-12-api-flavour.csv'), 'utf8')
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((line) => line.split('","')[6]);

  it('the Socrata API flavour (all quoted, snake_case, ISO datetimes with milliseconds, WKT points) loads clean; its region columns are reported ignored', async () => {
    const result = await ingest(t, 'incidents', fixture('datasf-incidents-2018-12-api-flavour.csv'), 'api-flavour.csv');
    expect(result).toMatchObject({
      status: 'loaded',
      rowsRead: 12,
      inserted: 12,
      rejected: 0,
      ignoredColumns: [':@computed_region_jwn9_ihcz', ':@computed_region_26cr_cadq', ':@computed_region_qgnn_b9vv'],
      ignoredColumnCount: 3,
    });
    const [row] = await t.db.query(
      `SELECT to_char(incident_datetime AT TIME ZONE 'America/Los_Angeles', 'YYYY-MM-DD HH24:MI') AS local, incident_date::text AS date, incident_code, latitude, longitude
         FROM incident_report_row WHERE row_id = '74339603074'`,
    );
    expect(row).toEqual({ local: '2018-12-01 00:25', date: '2018-12-01', incident_code: '03074', latitude: 37.73355034231799, longitude: -122.43414453855247 });
    const again = await ingest(t, 'incidents', fixture('datasf-incidents-2018-12-api-flavour.csv'), 'api-flavour.csv');
    expect(again).toMatchObject({ status: 'loaded', inserted: 0, updated: 0, unchanged: 12, rejected: 0 });
  });

  it('a file with Point and no Latitude or Longitude stores the point as them: the same rows as the API flavour, all unchanged', async () => {
    const result = await ingest(t, 'incidents', fixture('datasf-incidents-2018-12-point.csv'), 'point.csv');
    expect(result).toMatchObject({ status: 'loaded', rowsRead: 12, inserted: 0, updated: 0, unchanged: 12, rejected: 0, ignoredColumns: [] });
    const stored = await coordinates(['74339603074', '74365707041']);
    expect(stored).toEqual([
      { row_id: '74339603074', latitude: 37.73355034231799, longitude: -122.43414453855247 },
      // a real row published without a location
      { row_id: '74365707041', latitude: null, longitude: null },
    ]);
  });

  it('the download of the same month agrees with both: the rows it shares with them are unchanged', async () => {
    const result = await ingest(t, 'incidents', fixture('datasf-incidents-2018-12-first-200.csv'), 'first-200.csv');
    expect(API_ROW_IDS).toHaveLength(12);
    // 11 of the 12 rows are among the month's first 200
    expect(result).toMatchObject({ status: 'loaded', rowsRead: 200, inserted: 189, updated: 0, unchanged: 11, rejected: 0, ignoredColumns: [] });
  });

  it('the historical 2003-2018 dataset is refused naming it, why, and what to download instead; no PII accusation; nothing stored', async () => {
    const before = await tableCounts(t.db);
    const result = await ingest(t, 'incidents', fixture('datasf-historical-shape-2018-12.csv'), 'historical.csv');
    expect(result).toMatchObject({ status: 'refused', rowsRead: 0, inserted: 0 });
    expect(result.reason).toBe(HISTORICAL_MESSAGE);
    expect(await tableCounts(t.db)).toEqual(before);
    const [batch] = await t.db.query(`SELECT status, refusal_reason FROM import_batch WHERE id = $1`, [result.batchId]);
    expect(batch).toEqual({ status: 'refused', refusal_reason: HISTORICAL_MESSAGE });

    // The same through the upload, as the Imports page sends it (and a dry run): 422 with the message.
    const analyst = await t.signedIn('analyst');
    const preview = await analyst.post('/api/ingest/incidents?dryRun=true').attach('file', fixture('datasf-historical-shape-2018-12.csv'), 'historical.csv').expect(422);
    expect(preview.body).toMatchObject({ status: 'refused', reason: HISTORICAL_MESSAGE });
    expect(preview.body.reason).not.toMatch(/identify people/);
  });

  it('a copy that lost its header row is refused: "the first line looks like data", naming the export it is shaped like; nothing stored', async () => {
    const before = await tableCounts(t.db);
    const result = await ingest(t, 'incidents', fixture('datasf-incidents-2018-12-no-header.csv'), 'no-header.csv');
    expect(result).toMatchObject({ status: 'refused', rowsRead: 0, inserted: 0 });
    expect(result.reason).toBe(NO_HEADER_MESSAGE);
    expect(await tableCounts(t.db)).toEqual(before);
  });

  it('a header that matches no kind names the kind it most resembles', async () => {
    const result = await ingest(t, 'incidents', 'arrest_id,person_key,notes\nA-1,KEY-000001,x\n', 'odd.csv');
    expect(result.status).toBe('refused');
    expect(result.reason).toContain('Its header is closest to arrests and citations ("arrests"), with 2 of its columns ("arrest_id", "person_key")');
  });
});
