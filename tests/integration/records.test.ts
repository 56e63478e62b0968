import { DA_HEADER, PERSON_HEADER, rekey, SHORT_ARREST_HEADER } from '../support/ingest-helpers';
import { evaluateNow, loadRecords, startRecordsApp } from '../support/records-fixture';
import type { TestApp } from '../support/test-app';

/*
 * The records pages' API: incidents (one per incident number), arrests and DA decisions, read-only and case-level.
 * Hand-made data (a database of its own):
 *   990000001 Robbery, Mission: an initial report (II) and a supplement (IS) a day later; victim RP-1 and suspect RP-9.
 *             RP-1 arrested by SFPD under 990000002 for 647(b) 30 hours after the report (temporal nexus): two flags
 *             (sfpd-psw-2017, ca-pc-647.3) cite 990000001 as the report and 990000002 as the arrest's incident.
 *   990000002 Assault, Tenderloin, reported later the same day as the arrest; no roles.
 *   990000003 Burglary, Bayview; DA decision RD-3 (Rejected) for RP-3.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startRecordsApp();
  await loadRecords(t, {
    incidents: [
      ['Incident Datetime', 'Report Datetime', 'Row ID', 'Incident ID', 'Incident Number', 'Incident Code', 'Incident Category', 'Police District', 'Report Type Code'],
      ['2024-03-05T20:00', '2024-03-05T21:00', 'G100103074', 'G1001', '990000001', '03074', 'Robbery', 'Mission', 'II'],
      ['2024-03-05T20:00', '2024-03-06T09:30', 'G100104134', 'G1001', '990000001', '04134', 'Assault', 'Mission', 'IS'],
      ['2024-03-07T02:00', '2024-03-07T04:00', 'G100204134', 'G1002', '990000002', '04134', 'Assault', 'Tenderloin', 'II'],
      ['2024-04-01T10:00', '2024-04-01T11:00', 'G100305073', 'G1003', '990000003', '05073', 'Burglary', 'Bayview', 'II'],
    ],
    'incident-persons': [
      PERSON_HEADER,
      ['990000001', 'RP-000001', 'victim'],
      ['990000001', 'RP-000009', 'suspect'],
    ],
    arrests: [
      SHORT_ARREST_HEADER,
      ['RA-1', '990000002', 'RP-000001', '2024-03-07T03:00', 'SFPD', 'booked', '647(b) PC'],
    ],
    'da-decisions': [
      DA_HEADER,
      ['RD-3', '990000003', 'RP-000003', 'Rejected', '2024-04-03', '', ''],
    ],
  });
  await evaluateNow(t);
});
afterAll(async () => t?.close());

describe('records: incidents, arrests, DA decisions', () => {
  it('are case-level and read-only', async () => {
    const viewer = await t.signedIn('viewer');
    for (const path of ['/api/incidents', '/api/incidents/990000001', '/api/arrests', '/api/arrests/RA-1', '/api/da-decisions', '/api/da-decisions/RD-3']) {
      await viewer.get(path).expect(403);
      await t.request().get(path).expect(401);
    }
    const analyst = await t.signedIn('analyst');
    await analyst.post('/api/incidents').send({}).expect(404);
    await analyst.delete('/api/arrests/RA-1').expect(404);
  });

  it('lists one row per incident number, newest report first, with persons and citing flags', async () => {
    const reviewer = await t.signedIn('reviewer');
    const res = await reviewer.get('/api/incidents').expect(200);
    expect(res.headers['content-range']).toBe('incidents 0-2/3');
    expect(res.body).toEqual([
      { id: '990000003', incidentDatetime: '2024-04-01T17:00:00+00:00', reportDatetime: '2024-04-01T18:00:00+00:00', incidentCategory: 'Burglary', policeDistrict: 'Bayview', rows: 1, persons: 0, flags: 0 },
      { id: '990000002', incidentDatetime: '2024-03-07T10:00:00+00:00', reportDatetime: '2024-03-07T12:00:00+00:00', incidentCategory: 'Assault', policeDistrict: 'Tenderloin', rows: 1, persons: 0, flags: 2 },
      { id: '990000001', incidentDatetime: '2024-03-06T04:00:00+00:00', reportDatetime: '2024-03-06T05:00:00+00:00', incidentCategory: 'Robbery', policeDistrict: 'Mission', rows: 2, persons: 2, flags: 2 },
    ]);
    const mission = await reviewer.get('/api/incidents').query({ filter: JSON.stringify({ policeDistrict: 'Mission' }) }).expect(200);
    expect(mission.body.map((i: { id: string }) => i.id)).toEqual(['990000001']);
    // Days of report in San Francisco: 990000001 was reported on the evening of 03-05 (05:00 UTC on 03-06).
    const fromDay = await reviewer.get('/api/incidents').query({ filter: JSON.stringify({ reportFrom: '2024-03-06' }) }).expect(200);
    expect(fromDay.body.map((i: { id: string }) => i.id)).toEqual(['990000003', '990000002']);
    const untilDay = await reviewer.get('/api/incidents').query({ filter: JSON.stringify({ reportUntil: '2024-03-05' }) }).expect(200);
    expect(untilDay.body.map((i: { id: string }) => i.id)).toEqual(['990000001']);
    const partOfCategory = await reviewer.get('/api/incidents').query({ filter: JSON.stringify({ incidentCategory: 'assa' }) }).expect(200);
    expect(partOfCategory.body.map((i: { id: string }) => i.id)).toEqual(['990000002']);
    const byCategory = await reviewer.get('/api/incidents').query({ sort: JSON.stringify(['incidentCategory', 'ASC']) }).expect(200);
    expect(byCategory.body.map((i: { incidentCategory: string }) => i.incidentCategory)).toEqual(['Assault', 'Burglary', 'Robbery']);
  });

  it('the incident page has every report row, every person role and every flag that cites it', async () => {
    const reviewer = await t.signedIn('reviewer', 'records-reader@example.org');
    const res = await reviewer.get('/api/incidents/990000001').expect(200);
    expect(res.body.reportRows.map((r: { rowId: string; reportTypeCode: string; incidentCategory: string }) => [r.rowId, r.reportTypeCode, r.incidentCategory])).toEqual([
      ['G100103074', 'II', 'Robbery'],
      ['G100104134', 'IS', 'Assault'],
    ]);
    expect(res.body.personRoles).toEqual(
      [
        { personKey: rekey('RP-000001'), role: 'victim', roleRecordedAt: null },
        { personKey: rekey('RP-000009'), role: 'suspect', roleRecordedAt: null },
      ].sort((a, b) => (a.personKey < b.personKey ? -1 : 1)),
    );
    expect(res.body.citedBy.map((f: { ruleId: string; actionId: string; nexus: string }) => [f.ruleId, f.actionId, f.nexus]).sort()).toEqual([
      ['ca-pc-647.3', 'RA-1', 'temporal'],
      ['sfpd-psw-2017', 'RA-1', 'temporal'],
    ]);
    // The arrest's own incident cites the same flags.
    const arrestIncident = await reviewer.get('/api/incidents/990000002').expect(200);
    expect(arrestIncident.body.arrests.map((a: { id: string }) => a.id)).toEqual(['RA-1']);
    expect(arrestIncident.body.citedBy).toHaveLength(2);
    await reviewer.get('/api/incidents/123').expect(404);
    const views = await t.db.query(`SELECT action, target_type, target_id FROM audit_log WHERE actor_email = 'records-reader@example.org' AND action <> 'auth.sign_in' ORDER BY id`);
    expect(views).toEqual([
      { action: 'case.viewed', target_type: 'Incident', target_id: '990000001' },
      { action: 'case.viewed', target_type: 'Incident', target_id: '990000002' },
    ]);
  });

  it('lists and serves arrests and DA decisions with their filters', async () => {
    const reviewer = await t.signedIn('reviewer');
    const arrests = await reviewer.get('/api/arrests').query({ filter: JSON.stringify({ arrestingAgency: 'SFPD', since: '2024-03-01' }) }).expect(200);
    expect(arrests.headers['content-range']).toBe('arrests 0-0/1');
    expect(arrests.body[0]).toMatchObject({ id: 'RA-1', incidentNumber: '990000002', personKey: rekey('RP-000001'), arrestDate: '2024-03-07', custodyType: 'booked', bookedChargesStatute: '647(b) PC' });
    expect((await reviewer.get('/api/arrests/RA-1').expect(200)).body).toEqual(arrests.body[0]);
    const byPerson = await reviewer.get('/api/arrests').query({ filter: JSON.stringify({ personKey: rekey('RP-000003') }) }).expect(200);
    expect(byPerson.body).toEqual([]);
    const decisions = await reviewer.get('/api/da-decisions').query({ filter: JSON.stringify({ daActionTaken: 'Rejected' }) }).expect(200);
    expect(decisions.body).toEqual([expect.objectContaining({ id: 'RD-3', incidentNumber: '990000003', actionDate: '2024-04-03', daActionTaken: 'Rejected' })]);
    await reviewer.get('/api/da-decisions/RD-404').expect(404);
    expect((await reviewer.get('/api/arrests').query({ sort: JSON.stringify(['person_key', 'ASC']) }).expect(400)).body.message).toMatch(/cannot sort by/);
  });

  it('writes list reads to the audit log without the person key searched for', async () => {
    const reviewer = await t.signedIn('reviewer', 'list-reader@example.org');
    await reviewer.get('/api/arrests').query({ filter: JSON.stringify({ personKey: rekey('RP-000001') }) }).expect(200);
    const [entry] = await t.db.query(`SELECT action, target_type, detail FROM audit_log WHERE actor_email = 'list-reader@example.org' AND action <> 'auth.sign_in'`);
    expect(entry).toEqual({ action: 'cases.listed', target_type: 'Arrest', detail: { filter: { personKey: '(a person key)' }, range: null } });
  });
});
