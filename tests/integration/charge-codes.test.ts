import { ARREST_HEADER, DA_HEADER, PERSON_HEADER, SHORT_INCIDENT_HEADER } from '../support/ingest-helpers';
import { evaluateNow, loadRecords, startRecordsApp } from '../support/records-fixture';
import type { TestApp } from '../support/test-app';

/*
 * Charge codes in plain words (issue 11). Hand-made data:
 *   arrests  RA-1  statute '647(b) PC/M;11350(A) HS'          -> PC 647(b), HS 11350(a)
 *            RA-2  no statute, list '4151,647B'                -> PC 4151, PC 647(b)   (the list is read when the statute is empty)
 *            RA-3  statute '4151 PC/M;4151 PC/M'               -> PC 4151              (one action, counted once)
 *            RA-4  statute '266h(a) PC/F'                      -> PC 266h(a)
 *   DA       RD-1  list '4151/M/0, 99999/M/0'                  -> PC 4151, PC 99999
 *            RD-2  list '647B/M/0'                             -> PC 647(b)
 * Worked by hand:
 *   PC 4151      unknown  arrests 2 (RA-2, RA-3)  DA 1 (RD-1)  actions 3
 *   PC 99999     unknown  arrests 0               DA 1 (RD-1)  actions 1
 *   PC 647(b)    known    arrests 2 (RA-1, RA-2)  DA 1 (RD-2)  actions 3
 *   HS 11350(a)  known    arrests 1 (RA-1)                     actions 1
 *   PC 266h(a)   known    arrests 1 (RA-4)                     actions 1
 * RA-1 is the SFPD arrest of RP-1, victim of the robbery 990000201 reported 30 hours before: a flagged case.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startRecordsApp();
  await loadRecords(t, {
    incidents: [
      SHORT_INCIDENT_HEADER,
      ['2024-03-05T20:00', '2024-03-05T21:00', 'G200103074', 'G2001', '990000201', '03074', 'Robbery', 'Mission'],
      ['2024-03-07T02:00', '2024-03-07T04:00', 'G200206244', 'G2002', '990000202', '06244', 'Larceny Theft', 'Tenderloin'],
      ['2024-03-08T02:00', '2024-03-08T04:00', 'G200306244', 'G2003', '990000203', '06244', 'Larceny Theft', 'Tenderloin'],
    ],
    'incident-persons': [PERSON_HEADER, ['990000201', 'RP-000001', 'victim']],
    arrests: [
      ARREST_HEADER,
      ['RA-1', '990000202', 'RP-000001', '2024-03-07T03:00', '2024-03-07', 'SFPD', 'booked', '647(b) PC/M;11350(A) HS', ''],
      ['RA-2', '990000202', 'RP-000002', '2024-03-07T05:00', '2024-03-07', 'SFPD', 'cited', '', '"4151,647B"'],
      ['RA-3', '990000203', 'RP-000003', '2024-03-08T05:00', '2024-03-08', 'SFPD', 'booked', '4151 PC/M;4151 PC/M', ''],
      ['RA-4', '990000203', 'RP-000004', '2024-03-08T06:00', '2024-03-08', 'SFPD', 'booked', '266h(a) PC/F', ''],
    ],
    'da-decisions': [
      DA_HEADER,
      ['RD-1', '990000203', 'RP-000003', 'Charged', '2024-03-12', 'RA-3', '"4151/M/0, 99999/M/0"'],
      ['RD-2', '990000202', 'RP-000002', 'Charged', '2024-03-12', 'RA-2', '647B/M/0'],
    ],
  });
  expect(await t.db.query(`SELECT count(*)::int AS n FROM import_reject`)).toEqual([{ n: 0 }]);
  await evaluateNow(t);
});
afterAll(async () => t?.close());

const path = (code: string) => `/api/charge-codes/${encodeURIComponent(code)}`;
const DESCRIPTION = {
  description: 'disturbing the peace: fighting in public (as the DA writes 415(1))',
  level: null,
  source: 'DA charging system: 4151 is PC 415(1); https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=PEN&sectionNum=415',
  notes: 'Checked against three DA files.',
};

describe('charge codes', () => {
  it('lists every code the loaded arrests and DA decisions cite, with how many actions carry it, not described first', async () => {
    const reviewer = await t.signedIn('reviewer');
    const res = await reviewer.get('/api/charge-codes').expect(200);
    expect(res.headers['content-range']).toBe('charge-codes 0-4/5');
    expect(res.body.map((r: { code: string; known: boolean; arrests: number; daDecisions: number; actions: number }) => [r.code, r.known, r.arrests, r.daDecisions, r.actions])).toEqual([
      ['PC 4151', false, 2, 1, 3],
      ['PC 99999', false, 0, 1, 1],
      ['PC 647(b)', true, 2, 1, 3],
      ['HS 11350(a)', true, 1, 0, 1],
      ['PC 266h(a)', true, 1, 0, 1],
    ]);
    expect(res.body[2]).toMatchObject({
      id: 'PC 647(b)',
      description: 'prostitution',
      level: 'misdemeanor',
      source: 'built-in',
      builtIn: { code: 'PC 647(b)', description: 'prostitution', level: 'misdemeanor', sourceUrl: 'https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=PEN&sectionNum=647' },
      added: null,
    });
    expect(res.body[0]).toMatchObject({ description: null, level: null, source: null, builtIn: null, added: null });

    const unknown = await reviewer.get('/api/charge-codes').query({ filter: JSON.stringify({ known: false }) }).expect(200);
    expect(unknown.headers['content-range']).toBe('charge-codes 0-1/2');
    expect(unknown.body.map((r: { code: string }) => r.code)).toEqual(['PC 4151', 'PC 99999']);
    const byActions = await reviewer.get('/api/charge-codes').query({ sort: JSON.stringify(['actions', 'DESC']), range: '[0,1]' }).expect(200);
    expect(byActions.headers['content-range']).toBe('charge-codes 0-1/5');
    // A tie (3 and 3) in code order, section numbers as numbers: 647 before 4151.
    expect(byActions.body.map((r: { code: string }) => r.code)).toEqual(['PC 647(b)', 'PC 4151']);
    const part = await reviewer.get('/api/charge-codes').query({ filter: JSON.stringify({ q: '647' }) }).expect(200);
    expect(part.body.map((r: { code: string }) => r.code)).toEqual(['PC 647(b)']);
    await reviewer.get('/api/charge-codes').query({ sort: JSON.stringify(['description', 'ASC']) }).expect(400);
    await reviewer.get('/api/charge-codes').query({ filter: JSON.stringify({ raw: 'x' }) }).expect(400);
  });

  it('is closed to viewers and to the signed out; only admins describe a code', async () => {
    const viewer = await t.signedIn('viewer');
    await viewer.get('/api/charge-codes').expect(403);
    await viewer.put(path('PC 4151')).send(DESCRIPTION).expect(403);
    await t.request().get('/api/charge-codes').expect(401);
    for (const role of ['reviewer', 'analyst'] as const) {
      const agent = await t.signedIn(role);
      await agent.put(path('PC 4151')).send(DESCRIPTION).expect(403);
    }
    expect(await t.db.query(`SELECT count(*)::int AS n FROM charge_code_description`)).toEqual([{ n: 0 }]);
  });

  it('refuses a description that is not one code, or says nothing, or names no source', async () => {
    const admin = await t.signedIn('admin');
    const bad = async (code: string, body: object, message: RegExp) => {
      const res = await admin.put(path(code)).send(body).expect(400);
      expect(JSON.stringify(res.body)).toMatch(message);
    };
    await bad('4151', DESCRIPTION, /code book/);
    await bad('HS 11000-11999', DESCRIPTION, /not a range/);
    await bad('PC 4151', { ...DESCRIPTION, level: 'capital' }, /level must be one of felony, misdemeanor, infraction/);
    await bad('PC 4151', { ...DESCRIPTION, description: '   ' }, /plain words/);
    await bad('PC 4151', { ...DESCRIPTION, source: undefined }, /source/);
    await bad('PC 4151', { ...DESCRIPTION, description: 'x'.repeat(201) }, /at most 200/);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM charge_code_description`)).toEqual([{ n: 0 }]);
  });

  it('an admin describes an unknown code: it leaves the unknown list and reads in plain words everywhere, with who, when and from what', async () => {
    const admin = await t.signedIn('admin', 'code-describer@example.org');
    const res = await admin.put(path('pc 4151')).send(DESCRIPTION).expect(200);
    expect(res.body).toMatchObject({
      id: 'PC 4151',
      description: DESCRIPTION.description,
      level: null,
      known: true,
      source: 'admin',
      actions: 3,
      builtIn: null,
      added: { description: DESCRIPTION.description, level: null, source: DESCRIPTION.source, notes: DESCRIPTION.notes, describedBy: 'code-describer@example.org' },
    });
    expect(Date.now() - Date.parse(res.body.added.describedAt)).toBeLessThan(60_000);

    const reviewer = await t.signedIn('reviewer');
    const unknown = await reviewer.get('/api/charge-codes').query({ filter: JSON.stringify({ known: false }) }).expect(200);
    expect(unknown.body.map((r: { code: string }) => r.code)).toEqual(['PC 99999']);
    const byAdmin = await reviewer.get('/api/charge-codes').query({ filter: JSON.stringify({ source: 'admin' }) }).expect(200);
    expect(byAdmin.body.map((r: { code: string }) => r.code)).toEqual(['PC 4151']);

    // The records pages: each charge as written on the record, in plain words (the level written on it kept).
    const ra3 = await reviewer.get('/api/arrests/RA-3').expect(200);
    expect(ra3.body.charges.map((c: { text: string }) => c.text)).toEqual([
      'PC 4151: disturbing the peace: fighting in public (as the DA writes 415(1)), misdemeanor',
      'PC 4151: disturbing the peace: fighting in public (as the DA writes 415(1)), misdemeanor',
    ]);
    const rd1 = await reviewer.get('/api/da-decisions/RD-1').expect(200);
    expect(rd1.body.charges.map((c: { text: string; known: boolean }) => [c.text, c.known])).toEqual([
      ['PC 4151: disturbing the peace: fighting in public (as the DA writes 415(1)), misdemeanor', true],
      ['99999/M/0', false],
    ]);

    // Described again: the earlier description is kept in the history.
    await admin.put(path('PC 4151')).send({ ...DESCRIPTION, description: 'fighting or challenging someone to fight in public', level: 'misdemeanor', notes: null }).expect(200);
    expect(await t.db.query(`SELECT code, description FROM charge_code_description_history`)).toEqual([{ code: 'PC 4151', description: DESCRIPTION.description }]);
    const audit = await t.db.query(
      `SELECT action, target_id, outcome FROM audit_log WHERE actor_email = 'code-describer@example.org' AND action LIKE 'PUT %' ORDER BY id`,
    );
    expect(audit).toEqual([
      { action: 'PUT /api/charge-codes/:id', target_id: 'pc 4151', outcome: 'success' },
      { action: 'PUT /api/charge-codes/:id', target_id: 'PC 4151', outcome: 'success' },
    ]);
  });

  it('serves a code no record cites yet, so an admin can describe it ahead of a file', async () => {
    const reviewer = await t.signedIn('reviewer');
    const res = await reviewer.get(path('VC 12500(a)')).expect(200);
    expect(res.body).toMatchObject({ code: 'VC 12500(a)', description: "driving without a valid driver's license", known: true, source: 'built-in', actions: 0 });
    await reviewer.get(path('not a code')).expect(400);
  });

  it('the records pages and the case page say each charge in plain words', async () => {
    const reviewer = await t.signedIn('reviewer');
    const ra1 = await reviewer.get('/api/arrests/RA-1').expect(200);
    expect(ra1.body.charges).toEqual([
      { code: 'PC 647(b)', description: 'prostitution', level: 'misdemeanor', known: true, text: 'PC 647(b): prostitution, misdemeanor', source: 'built-in' },
      { code: 'HS 11350(a)', description: 'possession of a controlled substance', level: null, known: true, text: 'HS 11350(a): possession of a controlled substance', source: 'built-in' },
    ]);
    const ra4 = (await reviewer.get('/api/arrests').query({ filter: JSON.stringify({ incidentNumber: '990000203' }) }).expect(200)).body.find((a: { id: string }) => a.id === 'RA-4');
    expect(ra4.charges.map((c: { text: string }) => c.text)).toEqual(['PC 266h(a): pimping, felony']);
    const incident = await reviewer.get('/api/incidents/990000202').expect(200);
    expect(incident.body.daDecisions.map((d: { charges: Array<{ text: string }> }) => d.charges.map((c) => c.text))).toEqual([['PC 647(b): prostitution, misdemeanor']]);

    // RA-1 is flagged (the SFPD bulletin, PC 647.3); the other arrests are of people who reported nothing.
    const flags = await reviewer.get('/api/flags').expect(200);
    expect(new Set(flags.body.map((f: { actionId: string }) => f.actionId))).toEqual(new Set(['RA-1']));
    const ids: string[] = flags.body.map((f: { id: string }) => f.id);
    for (const id of ids) {
      const detail = await reviewer.get(`/api/flags/${id}`).expect(200);
      expect(detail.body.charges.map((c: { raw: string; parsed: string; plain: { text: string } }) => [c.raw, c.parsed, c.plain.text])).toEqual([
        ['647(b) PC/M', 'PC 647(b)', 'PC 647(b): prostitution, misdemeanor'],
        ['11350(A) HS', 'HS 11350(a)', 'HS 11350(a): possession of a controlled substance'],
      ]);
    }
  });
});
