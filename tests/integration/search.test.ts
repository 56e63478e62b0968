import { Client } from 'pg';
import { DA_HEADER, PERSON_HEADER, SHORT_ARREST_HEADER } from '../support/ingest-helpers';
import { evaluateNow, loadRecords, startRecordsApp } from '../support/records-fixture';
import type { TestApp } from '../support/test-app';

/*
 * The search boxes of the incidents and cases lists (issue 14): `filter={"q": ...}` finds incident numbers by their
 * start, and arrests and DA decisions by their id. Hand-made data (a database of its own):
 *   990000001 Robbery, Mission, victim RP-1, who is arrested (RA-1, 647(b)) under incident 990000002: one case citing
 *             990000001 as the report, its action in 990000002.
 *   990000002 Assault, Tenderloin.   990000003 Burglary, Bayview, DA decision RD-3.   880000001 Assault, Central.
 */
let t: TestApp;
type Agent = Awaited<ReturnType<TestApp['signedIn']>>;
let reviewer: Agent;

const INCIDENT_HEADER = ['Incident Datetime', 'Report Datetime', 'Row ID', 'Incident ID', 'Incident Number', 'Incident Code', 'Incident Category', 'Police District', 'Report Type Code'];

beforeAll(async () => {
  t = await startRecordsApp();
  await loadRecords(t, {
    incidents: [
      INCIDENT_HEADER,
      ['2024-03-05T20:00', '2024-03-05T21:00', 'G100103074', 'G1001', '990000001', '03074', 'Robbery', 'Mission', 'II'],
      ['2024-03-07T02:00', '2024-03-07T04:00', 'G100204134', 'G1002', '990000002', '04134', 'Assault', 'Tenderloin', 'II'],
      ['2024-04-01T10:00', '2024-04-01T11:00', 'G100305073', 'G1003', '990000003', '05073', 'Burglary', 'Bayview', 'II'],
      ['2024-04-02T10:00', '2024-04-02T11:00', 'G880104134', 'G8801', '880000001', '04134', 'Assault', 'Central', 'II'],
    ],
    'incident-persons': [PERSON_HEADER, ['990000001', 'RP-000001', 'victim']],
    arrests: [SHORT_ARREST_HEADER, ['RA-1', '990000002', 'RP-000001', '2024-03-07T03:00', 'SFPD', 'booked', '647(b) PC']],
    'da-decisions': [DA_HEADER, ['RD-3', '990000003', 'RP-000003', 'Rejected', '2024-04-03', '', '']],
  });
  await evaluateNow(t);
  reviewer = await t.signedIn('reviewer');
});
afterAll(async () => t?.close());

async function search(resource: 'incidents' | 'cases', q: unknown): Promise<string[]> {
  const res = await reviewer.get(`/api/${resource}`).query({ filter: JSON.stringify({ q }) }).expect(200);
  return res.body.map((row: { id: string; actionId?: string }) => (resource === 'cases' ? row.actionId : row.id)).sort();
}

describe('searching the incidents list', () => {
  it('finds incident numbers by their start, and the incident of an arrest or a DA decision by its id', async () => {
    expect(await search('incidents', '99')).toEqual(['990000001', '990000002', '990000003']);
    expect(await search('incidents', '9900000')).toEqual(['990000001', '990000002', '990000003']);
    expect(await search('incidents', '990000003')).toEqual(['990000003']);
    expect(await search('incidents', ' 88 ')).toEqual(['880000001']);
    expect(await search('incidents', 'RA-1')).toEqual(['990000002']);
    expect(await search('incidents', 'RD-3')).toEqual(['990000003']);
    // The middle of a number is not its start; LIKE's wildcards are plain characters.
    expect(await search('incidents', '0000001')).toEqual([]);
    expect(await search('incidents', '%')).toEqual([]);
    expect(await search('incidents', '99_')).toEqual([]);
    // with the other filters
    const both = await reviewer.get('/api/incidents').query({ filter: JSON.stringify({ q: '99', policeDistrict: 'Tenderloin' }) }).expect(200);
    expect(both.headers['content-range']).toBe('incidents 0-0/1');
  });

  it('refuses a search that is not text, or too long, saying so', async () => {
    const notText = await reviewer.get('/api/incidents').query({ filter: JSON.stringify({ q: 99 }) }).expect(400);
    expect(notText.body.message).toBe('filter q: must be text');
    const long = await reviewer.get('/api/cases').query({ filter: JSON.stringify({ q: '9'.repeat(101) }) }).expect(400);
    expect(long.body.message).toBe('filter q: at most 100 characters');
  });

  it('keeps one summary row per incident number as rows are added and changed', async () => {
    // A supplement of 880000001 reported earlier than its first row, in another district: the summary follows it.
    await loadRecords(t, {
      incidents: [INCIDENT_HEADER, ['2024-04-02T09:00', '2024-04-02T09:30', 'G880204134', 'G8801', '880000001', '04134', 'Larceny Theft', 'Northern', 'IS']],
    });
    const res = await reviewer.get('/api/incidents/880000001').expect(200);
    expect(res.body).toMatchObject({ rows: 2, incidentCategory: 'Larceny Theft', policeDistrict: 'Northern', reportDatetime: '2024-04-02T16:30:00+00:00' });
    // Changed through the owner (the app role only reads the summary): the triggers follow updates and deletes too.
    await t.ownerQuery(`UPDATE incident_report_row SET incident_number = '770000001' WHERE row_id = 'G880204134'`);
    expect(await search('incidents', '77')).toEqual(['770000001']);
    expect((await reviewer.get('/api/incidents/880000001').expect(200)).body).toMatchObject({ rows: 1, incidentCategory: 'Assault' });
    await t.ownerQuery(`DELETE FROM incident_report_row WHERE row_id = 'G880204134'`);
    expect(await search('incidents', '77')).toEqual([]);
    await expect(t.db.query(`INSERT INTO incident_summary (incident_number, rows) VALUES ('1', 1)`)).rejects.toThrow(/permission denied/);
  });
});

describe('searching the cases list', () => {
  it('finds a case by the start of its report’s or its action’s incident number, or by its arrest or decision id', async () => {
    expect(await search('cases', '990000001')).toEqual(['RA-1']);
    expect(await search('cases', '990000002')).toEqual(['RA-1']);
    expect(await search('cases', '9900')).toEqual(['RA-1']);
    expect(await search('cases', 'RA-1')).toEqual(['RA-1']);
    expect(await search('cases', '990000003')).toEqual([]);
    expect(await search('cases', '88')).toEqual([]);
    expect(await search('cases', '%')).toEqual([]);
  });

  it('finds a case by its reference, the first 8 characters of its id (the internal report names cases so)', async () => {
    const [c] = (await reviewer.get('/api/cases').expect(200)).body;
    expect(c.id).toMatch(/^[0-9a-f]{32}$/);
    expect(await search('cases', c.id.slice(0, 8))).toEqual(['RA-1']);
    expect(await search('cases', c.id)).toEqual(['RA-1']);
    // Shorter than a reference: not a case id search (a few characters would match cases at random).
    expect(await search('cases', c.id.slice(0, 7))).toEqual([]);
  });
});

describe('the prefix searches are index lookups', () => {
  it.each([
    ['incident_summary', 'incident_number', 'incident_summary_number_prefix_idx'],
    ['flag', 'report_incident_number', 'flag_report_idx'],
    ['arrest', 'incident_number', 'arrest_incident_idx'],
    ['da_decision', 'incident_number', 'da_decision_incident_idx'],
    ['flag_case', 'id', 'flag_case_id_prefix_idx'],
  ])('%s.%s LIKE a prefix is answered by %s, in any collation', async (table, column, index) => {
    const owner = new Client({ connectionString: t.databaseOwnerUrl });
    await owner.connect();
    try {
      // text_pattern_ops compares bytes: it serves LIKE 'x%' whatever the database's collation (not only C).
      const [{ opclass }] = (await owner.query(`SELECT o.opcname AS opclass FROM pg_index x JOIN pg_opclass o ON o.oid = x.indclass[0] WHERE x.indexrelid = $1::regclass`, [index])).rows;
      expect(opclass).toBe('text_pattern_ops');
      // The tables are tiny here: without sequential scans, the plan shows whether the index can answer the prefix.
      await owner.query('BEGIN');
      await owner.query('SET LOCAL enable_seqscan = off');
      const plan = JSON.stringify((await owner.query(`EXPLAIN SELECT 1 FROM ${table} WHERE ${column} LIKE '9900%'`)).rows);
      await owner.query('ROLLBACK');
      expect(plan).toContain(index);
      expect(plan).toContain("~>=~ '9900'");
    } finally {
      await owner.end();
    }
  });
});
