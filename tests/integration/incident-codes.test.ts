import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeAuditEntry } from '@sra/contracts';
import { ARREST_HEADER, ingest, PERSON_HEADER } from '../support/ingest-helpers';
import { REPO_ROOT } from '../support/paths';
import { evaluateNow, loadRecords, startRecordsApp } from '../support/records-fixture';
import type { TestApp } from '../support/test-app';

/*
 * Issue 15: uncategorised and unknown incident codes, on real December 2018 rows (tests/fixtures/README.md):
 *   74341619057  180906376  19057  Disorderly Conduct / Intimidation   (unchanged)
 *   74368515200  180908009  15200  no category, no subcategory          (blanked)
 *   74358719057  180906809  19057  no category, no subcategory          (blanked)
 *   74359212075  180905588  12075  no category  "Military Ordinance"    (not in the catalog)
 *   74360412075  180906887  12075  no category  "Military Ordinance"    (not in the catalog)
 *   74360865021  180907051  65021  no category  "Driving, Stunt..."     (not in the catalog)
 * Worked by hand from libs/policies/src/defaults.ts, each incident with one victim, reported in December 2018 (PC 647.3
 * takes effect on 2020-01-01, so only the SFPD 2017 and SF DA 2018 policies are in force):
 *   180908009 (15200, no category): both list 15200 among their codes -> eligible under both, category absent.
 *   180906809 (19057, no category, no subcategory): both take 19057 only by its subcategory Intimidation, which this row
 *     no longer has -> eligible under neither.
 *   180906376 (19057, Intimidation): eligible under both.
 *   180905588, 180906887, 180907051 (unknown codes, no category): eligible under neither.
 */
const FIXTURE = path.join(REPO_ROOT, 'tests/fixtures/datasf-incidents-2018-12-uncategorised.csv');

let t: TestApp;
let batchId: string;
beforeAll(async () => {
  t = await startRecordsApp();
  const result = await ingest(t, 'incidents', fs.readFileSync(FIXTURE), 'datasf-incidents-2018-12-uncategorised.csv');
  expect(result).toMatchObject({ status: 'loaded', rowsRead: 6, inserted: 6, rejected: 0 });
  batchId = (result as { batchId: string }).batchId;
  await loadRecords(t, {
    'incident-persons': [PERSON_HEADER, ...['180906376', '180908009', '180906809', '180905588', '180906887', '180907051'].map((n, i) => [n, `RP-00000${i + 1}`, 'victim'])],
    // The victim of 180908009 (15200, no category) arrested by SFPD for PC 647(b) in the same incident, 83 minutes after
    // the report: a flag under SFPD 2017 (the SF DA 2018 policy audits DA charges, not arrests).
    arrests: [ARREST_HEADER, ['RA-15200', '180908009', 'RP-000002', '2018-12-01T21:00', '2018-12-01', 'SFPD', 'booked', '647(b) PC/M', '']],
  });
  await evaluateNow(t);
});
afterAll(async () => t?.close());

describe('uncategorised incident codes', () => {
  it('loads a real row with a code and a blank category: the category and subcategory are stored as absent', async () => {
    const rows = await t.db.query(`SELECT row_id, incident_code, incident_category, incident_subcategory FROM incident_report_row ORDER BY row_id`);
    expect(rows).toEqual([
      { row_id: '74341619057', incident_code: '19057', incident_category: 'Disorderly Conduct', incident_subcategory: 'Intimidation' },
      { row_id: '74358719057', incident_code: '19057', incident_category: null, incident_subcategory: null },
      { row_id: '74359212075', incident_code: '12075', incident_category: null, incident_subcategory: null },
      { row_id: '74360412075', incident_code: '12075', incident_category: null, incident_subcategory: null },
      { row_id: '74360865021', incident_code: '65021', incident_category: null, incident_subcategory: null },
      { row_id: '74368515200', incident_code: '15200', incident_category: null, incident_subcategory: null },
    ]);
  });

  it('qualifies an uncategorised row by its code under each policy, as worked by hand', async () => {
    const eligible = await t.db.query(
      `SELECT DISTINCT rule_id, incident_number, incident_category FROM eligible_report ORDER BY incident_number, rule_id`,
    );
    expect(eligible).toEqual([
      { rule_id: 'sfda-psw-2018', incident_number: '180906376', incident_category: 'Disorderly Conduct' },
      { rule_id: 'sfpd-psw-2017', incident_number: '180906376', incident_category: 'Disorderly Conduct' },
      { rule_id: 'sfda-psw-2018', incident_number: '180908009', incident_category: null },
      { rule_id: 'sfpd-psw-2017', incident_number: '180908009', incident_category: null },
    ]);
  });

  it('flags an arrest after an uncategorised report, and the sentence says no category is published', async () => {
    const flags = await t.db.query(`SELECT rule_id, incident_category, sentence FROM flag WHERE report_incident_number = '180908009' ORDER BY rule_id`);
    expect(flags.map((f: { rule_id: string }) => f.rule_id)).toEqual(['sfpd-psw-2017']);
    expect(flags[0].incident_category).toBeNull();
    expect(flags[0].sentence).toMatch(/^Reported incident 180908009 \(no category published\) as victim on 2018-12-01 19:37; arrested by SFPD 2018-12-01 21:00 in the same incident for PC 647\(b\)/);
    const analyst = await t.signedIn('analyst');
    const cases = await analyst.get('/api/cases').query({ filter: JSON.stringify({ reportIncidentNumber: '180908009' }) }).expect(200);
    expect(cases.body).toEqual([expect.objectContaining({ incidentCategory: null, reportIncidentNumbers: ['180908009'] })]);
    const detail = await analyst.get(`/api/cases/${cases.body[0].id}`).expect(200);
    const labels = detail.body.timeline.map((e: { label: string }) => e.label);
    expect(labels).toContain('Incident occurred: no category published');
    expect(labels.join('\n')).not.toContain('null');
  });

  it('gives the incident page the absent category and the catalog description of each code', async () => {
    const analyst = await t.signedIn('analyst');
    const incident = await analyst.get('/api/incidents/180905588').expect(200);
    expect(incident.body.incidentCategory).toBeNull();
    expect(incident.body.reportRows).toEqual([expect.objectContaining({ incidentCode: '12075', incidentCategory: null, incidentDescription: 'Military Ordinance', catalogDescription: null })]);
    const known = await analyst.get('/api/incidents/180908009').expect(200);
    expect(known.body.reportRows[0]).toMatchObject({ incidentCode: '15200', incidentCategory: null, catalogDescription: 'Domestic Violence (secondary only)' });
  });
});

describe('codes not in the catalog', () => {
  it('lists them on the batch with how many rows carry each, most rows first', async () => {
    const analyst = await t.signedIn('analyst');
    const batch = await analyst.get(`/api/import-batches/${batchId}`).expect(200);
    expect(batch.body.unknownCodes).toEqual([
      { code: '12075', rows: 2, descriptionInFile: 'Military Ordinance', describedAs: null },
      { code: '65021', rows: 1, descriptionInFile: 'Driving, Stunt Vehicle/Street Racing', describedAs: null },
    ]);
  });

  it('seeds the catalog from DataSF with its provenance', async () => {
    const admin = await t.signedIn('admin');
    const res = await admin.get('/api/incident-codes/3074').expect(200);
    expect(res.body).toMatchObject({ id: '03074', code: '03074', category: 'Robbery', provenance: 'catalog', addedBy: 'DataSF', changedBy: null });
    expect(res.body.source).toContain('DataSF catalog');
    expect(res.body.source).toContain('wg3w-h783');
    const list = await admin.get('/api/incident-codes').query({ filter: JSON.stringify({ provenance: 'admin' }) }).expect(200);
    expect(list.body).toEqual([]);
    await admin.get('/api/incident-codes/12075').expect(404);
  });

  it('lets an admin add a code, with who and where from, and not anyone else', async () => {
    const body = {
      code: '12075',
      description: 'Military Ordinance',
      category: '',
      subcategory: null,
      source: 'DataSF wg3w-h783 rows of 2019-2024 carry 12075 "Military Ordinance" with no category',
      note: 'No category published.',
    };
    for (const role of ['analyst', 'reviewer', 'viewer'] as const) {
      const agent = await t.signedIn(role);
      await agent.post('/api/incident-codes').send(body).expect(403);
      await agent.get('/api/incident-codes').expect(403);
    }
    const admin = await t.signedIn('admin', 'code-adder@example.org');
    await admin.post('/api/incident-codes').send({ ...body, code: 'MIL' }).expect(400);
    await admin.post('/api/incident-codes').send({ ...body, source: ' ' }).expect(400);
    const created = await admin.post('/api/incident-codes').send(body).expect(201);
    expect(created.body).toMatchObject({ id: '12075', description: 'Military Ordinance', category: null, subcategory: null, provenance: 'admin', addedBy: 'code-adder@example.org', note: 'No category published.' });
    await admin.post('/api/incident-codes').send(body).expect(409);

    const { code: _code, ...entry } = body;
    const changed = await admin.put('/api/incident-codes/12075').send({ ...entry, description: 'Military Ordnance' }).expect(200);
    expect(changed.body).toMatchObject({ description: 'Military Ordnance', changedBy: 'code-adder@example.org' });
    const [history] = await t.db.query(`SELECT old_values->>'description' AS description, replaced_by FROM incident_code_history WHERE code = '12075'`);
    expect(history).toEqual({ description: 'Military Ordinance', replaced_by: 'code-adder@example.org' });

    // The batch now says how the code is described; the other stays unknown.
    const batch = await admin.get(`/api/import-batches/${batchId}`).expect(200);
    expect(batch.body.unknownCodes.map((c: { code: string; describedAs: string | null }) => [c.code, c.describedAs])).toEqual([
      ['12075', 'Military Ordnance'],
      ['65021', null],
    ]);
    const incident = await admin.get('/api/incidents/180905588').expect(200);
    expect(incident.body.reportRows[0].catalogDescription).toBe('Military Ordnance');

    const audit = await t.db.query(
      `SELECT action, target_type AS "targetType", target_id AS "targetId", outcome FROM audit_log WHERE actor_email = 'code-adder@example.org' AND action LIKE '% /api/incident-codes%' ORDER BY id`,
    );
    expect(audit.map((a: { action: string; targetId: string | null; outcome: string }) => [a.action, a.targetId, a.outcome])).toEqual([
      ['POST /api/incident-codes', null, 'failure'],
      ['POST /api/incident-codes', null, 'failure'],
      ['POST /api/incident-codes', '12075', 'success'],
      ['POST /api/incident-codes', null, 'failure'],
      ['PUT /api/incident-codes/:id', '12075', 'success'],
    ]);
    expect(describeAuditEntry({ ...audit[2], statusCode: 201, detail: null }).text).toBe('Added incident code 12075 to the incident-code catalog');
    expect(describeAuditEntry({ ...audit[4], statusCode: 200, detail: null }).text).toBe('Changed the catalog entry of incident code 12075');
  });

  it('keeps the rows of the unknown codes as given when the same file is loaded again, and lists them again', async () => {
    const again = await ingest(t, 'incidents', fs.readFileSync(FIXTURE), 'datasf-incidents-2018-12-uncategorised.csv');
    expect(again).toMatchObject({ status: 'loaded', unchanged: 6, rejected: 0 });
    const codes = await t.db.query(`SELECT code, rows FROM import_batch_unknown_code WHERE batch_id = $1 ORDER BY code`, [(again as { batchId: string }).batchId]);
    // 12075 is in the catalog now: only 65021 is unknown to this load.
    expect(codes).toEqual([{ code: '65021', rows: 1 }]);
  });
});
