import { PERSON_HEADER, rekey, SHORT_ARREST_HEADER, SHORT_INCIDENT_HEADER } from '../support/ingest-helpers';
import { evaluateNow, loadRecords, startRecordsApp } from '../support/records-fixture';
import type { TestApp } from '../support/test-app';

/*
 * The flagged-cases resource, `/api/flags`, on the react-admin list conventions. Hand-made data (a database of
 * its own): two robbery victims arrested by SFPD in their own incidents, FP-1 for 647(b) (high under
 * sfpd-psw-2017 and ca-pc-647.3) and FP-2 for 11377(a) HS/M with 459 PC/F (low under both): four flags.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startRecordsApp();
  await loadRecords(t, {
    incidents: [
      SHORT_INCIDENT_HEADER,
      ['2024-03-05T20:00', '2024-03-05T21:00', 'F100103074', 'F1001', '950000001', '03074', 'Robbery', 'Mission'],
      ['2024-03-12T20:00', '2024-03-12T21:00', 'F100203074', 'F1002', '950000002', '03074', 'Robbery', 'Tenderloin'],
    ],
    'incident-persons': [PERSON_HEADER, ['950000001', 'FP-000001', 'victim'], ['950000002', 'FP-000002', 'victim']],
    arrests: [
      SHORT_ARREST_HEADER,
      ['FA-1', '950000001', 'FP-000001', '2024-03-05T22:00', 'SFPD', 'booked', '647(b) PC'],
      ['FA-2', '950000002', 'FP-000002', '2024-03-12T22:00', 'SFPD', 'booked', '11377(a) HS/M;459 PC/F'],
    ],
  });
  await evaluateNow(t);
});
afterAll(async () => t?.close());

const list = (agent: Awaited<ReturnType<TestApp['signedIn']>>, query: Record<string, unknown>) =>
  agent.get('/api/flags').query(Object.fromEntries(Object.entries(query).map(([k, v]) => [k, JSON.stringify(v)])));

describe('/api/flags', () => {
  it('is case-level: reviewers, analysts and admins, never viewers', async () => {
    await (await t.signedIn('viewer')).get('/api/flags').expect(403);
    await t.request().get('/api/flags').expect(401);
    for (const role of ['reviewer', 'analyst', 'admin'] as const) await (await t.signedIn(role)).get('/api/flags').expect(200);
  });

  it('lists every flag with its Content-Range, newest action first by default', async () => {
    const reviewer = await t.signedIn('reviewer');
    const res = await reviewer.get('/api/flags').expect(200);
    expect(res.headers['content-range']).toBe('flags 0-3/4');
    expect(res.body.map((f: { actionId: string; ruleId: string }) => [f.actionId, f.ruleId]).sort()).toEqual([
      ['FA-1', 'ca-pc-647.3'],
      ['FA-1', 'sfpd-psw-2017'],
      ['FA-2', 'ca-pc-647.3'],
      ['FA-2', 'sfpd-psw-2017'],
    ]);
    expect(res.body.slice(0, 2).map((f: { actionId: string }) => f.actionId)).toEqual(['FA-2', 'FA-2']);
    expect(res.body[0]).toMatchObject({ personKey: rekey('FP-000002'), agency: 'SFPD', status: 'current', actionDate: '2024-03-12', policeDistrict: 'Tenderloin' });
  });

  it('filters, sorts and pages on the server', async () => {
    const reviewer = await t.signedIn('reviewer');
    const low = await list(reviewer, { filter: { confidence: 'low' } }).expect(200);
    expect(low.body.map((f: { actionId: string; reasons: string[] }) => [f.actionId, f.reasons])).toEqual([
      ['FA-2', ['direct_nexus', 'mixed_felony']],
      ['FA-2', ['direct_nexus', 'mixed_felony']],
    ]);
    const sfpdHigh = await list(reviewer, { filter: { ruleId: 'sfpd-psw-2017', confidence: 'high', policeDistrict: 'Mission' } }).expect(200);
    expect(sfpdHigh.body).toEqual([expect.objectContaining({ actionId: 'FA-1', protectedCharges: ['PC 647(b)'], reportIncidentNumber: '950000001' })]);
    const byConfidence = await list(reviewer, { sort: ['confidence', 'DESC'] }).expect(200);
    expect(byConfidence.body.map((f: { confidence: string }) => f.confidence)).toEqual(['high', 'high', 'low', 'low']);
    const page = await list(reviewer, { sort: ['confidence', 'ASC'], range: [1, 1] }).expect(200);
    expect(page.headers['content-range']).toBe('flags 1-1/4');
    expect(page.body).toHaveLength(1);
    expect(page.body[0].confidence).toBe('low');
    const dated = await list(reviewer, { filter: { since: '2024-03-10' } }).expect(200);
    expect(dated.body.map((f: { actionId: string }) => f.actionId)).toEqual(['FA-2', 'FA-2']);
  });

  it('refuses fields outside its allow-list, saying which are allowed', async () => {
    const reviewer = await t.signedIn('reviewer');
    expect((await list(reviewer, { sort: ['person_key; DROP TABLE flag', 'ASC'] }).expect(400)).body.message).toMatch(/cannot sort by/);
    expect((await list(reviewer, { filter: { person_key: 'x' } }).expect(400)).body.message).toMatch(/cannot filter by "person_key"/);
    expect((await list(reviewer, { filter: { reviewStatus: 'closed' } }).expect(400)).body.message).toMatch(/reviewStatus: must be one of new, in_review/);
    expect((await list(reviewer, { filter: { assigneeId: 'me' } }).expect(400)).body.message).toMatch(/assigneeId: must be a UUID/);
    expect((await list(reviewer, { filter: { confidence: 'certain' } }).expect(400)).body.message).toMatch(/confidence/);
  });

  it('serves one flag by id (the view written to the audit log), and 404 for an unknown one', async () => {
    const reviewer = await t.signedIn('reviewer', 'case-viewer@example.org');
    const [first] = (await reviewer.get('/api/flags').expect(200)).body;
    const one = await reviewer.get(`/api/flags/${first.id}`).expect(200);
    expect(one.body).toMatchObject(first);
    expect(one.body.sentence).toMatch(/950000002/);
    await reviewer.get('/api/flags/0000000000000000').expect(404);
    const views: Array<{ actor_email: string; target_id: string }> = await t.db.query(`SELECT actor_email, target_id FROM audit_log WHERE action = 'case.viewed'`);
    expect(views).toEqual([{ actor_email: 'case-viewer@example.org', target_id: first.id }]);
  });

  it('serves the case page: timeline with the gap since the report, charges as given and parsed, policy version and roles', async () => {
    const reviewer = await t.signedIn('reviewer');
    const flags = (await list(reviewer, { filter: { ruleId: 'sfpd-psw-2017' } }).expect(200)).body as Array<{ id: string; actionId: string }>;
    const fa2 = flags.find((f) => f.actionId === 'FA-2')!;
    const detail = (await reviewer.get(`/api/flags/${fa2.id}`).expect(200)).body;
    // Reported 2024-03-12 21:00 and arrested 22:00 San Francisco time (PDT from 2024-03-10: UTC-7): one hour apart.
    expect(detail.timeline).toEqual([
      { kind: 'occurred', at: '2024-03-13T03:00:00+00:00', label: 'Incident occurred: Robbery', hoursAfterReport: null, link: 'incidents/950000002' },
      {
        kind: 'reported', at: '2024-03-13T04:00:00+00:00', label: 'Reported: Robbery', hoursAfterReport: 0, link: 'incidents/950000002',
        rows: [{ rowId: 'F100203074', category: 'Robbery', qualifying: true }],
      },
      { kind: 'arrest', at: '2024-03-13T05:00:00+00:00', label: 'Arrest (Booked by SFPD)', hoursAfterReport: 1, link: 'arrests/FA-2' },
    ]);
    expect(detail.charges).toEqual([
      { raw: '11377(a) HS/M', parsed: 'HS 11377(a)', level: 'M', error: null, protected: true, reasons: [], plain: expect.objectContaining({ text: 'HS 11377(a): possession of a controlled substance (such as methamphetamine), misdemeanor' }) },
      { raw: '459 PC/F', parsed: 'PC 459', level: 'F', error: null, protected: false, reasons: [], plain: expect.objectContaining({ text: 'PC 459: burglary, felony' }) },
    ]);
    expect(detail.policyVersion).toMatchObject({ id: 'sfpd-psw-2017:1', ruleId: 'sfpd-psw-2017', version: 1, effectiveFrom: '2017-12-01', provenance: { qualification: 'secondary', protectedCharges: 'secondary' } });
    expect(detail.policyVersion.document).toBeUndefined();
    expect(detail.reportRoles).toEqual(['victim']);
    expect(detail.actionIncidentNumber).toBe('950000002');
    // The review is its case's (issue 11).
    expect(detail.review).toMatchObject({ caseId: detail.caseId, status: 'new', history: [] });
  });

  it('filters by the day of report, as the dashboard counts months', async () => {
    const reviewer = await t.signedIn('reviewer');
    const march5 = await list(reviewer, { filter: { reportFrom: '2024-03-01', reportUntil: '2024-03-05' } }).expect(200);
    expect(march5.body.map((f: { actionId: string }) => f.actionId)).toEqual(['FA-1', 'FA-1']);
    const after = await list(reviewer, { filter: { reportFrom: '2024-03-06' } }).expect(200);
    expect(after.headers['content-range']).toBe('flags 0-1/2');
  });
});
