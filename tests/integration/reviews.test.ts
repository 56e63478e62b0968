import { EvaluationService } from '../../apps/api/src/compliance/evaluation/evaluation.service';
import { csv, ingest, PERSON_HEADER, SHORT_ARREST_HEADER, SHORT_INCIDENT_HEADER, TEST_PERSON_KEY_SECRET } from '../support/ingest-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * The review workflow of flagged cases (issue 6) on hand-made data (a database of its own): three robbery victims
 * arrested by SFPD in their own incidents for 647(b): each arrest is flagged under sfpd-psw-2017 and ca-pc-647.3,
 * six flags in three cases (one per arrest, issue 11): reviews are of cases, and a flag shows its case's review.
 * The allowed transitions are those of REVIEW_TRANSITIONS (libs/contracts/src/reviews.ts).
 */
type Agent = Awaited<ReturnType<TestApp['signedIn']>>;
interface Flag {
  id: string;
  caseId: string;
  actionId: string;
  ruleId: string;
  reviewStatus: string;
  assigneeId: string | null;
  assigneeName: string | null;
}

let t: TestApp;
let reviewer: Agent;
let analyst: Agent;
let flags: Flag[];
let cases: Array<{ id: string; actionId: string; reviewStatus: string }>;
const caseOf = (actionId: string) => cases.find((c) => c.actionId === actionId)!.id;
const flagOf = (actionId: string, ruleId = 'sfpd-psw-2017') => flags.find((f) => f.actionId === actionId && f.ruleId === ruleId)!;

beforeAll(async () => {
  t = await startTestApp({ PERSON_KEY_SECRET: TEST_PERSON_KEY_SECRET });
  const rows = [1, 2, 3].map((n) => [`2024-03-0${n}T20:00`, `2024-03-0${n}T21:00`, `R10${n}03074`, `R10${n}`, `97000000${n}`, '03074', 'Robbery', 'Mission']);
  await ingest(t, 'incidents', csv([SHORT_INCIDENT_HEADER, ...rows]));
  await ingest(t, 'incident-persons', csv([PERSON_HEADER, ...[1, 2, 3].map((n) => [`97000000${n}`, `RP-00000${n}`, 'victim'])]));
  await ingest(
    t,
    'arrests',
    csv([
      SHORT_ARREST_HEADER,
      ...[1, 2, 3].map((n) => [`RA-${n}`, `97000000${n}`, `RP-00000${n}`, `2024-03-0${n}T22:00`, 'SFPD', 'booked', '647(b) PC']),
    ]),
  );
  await t.app.get(EvaluationService).evaluate({ trigger: 'on-demand', requestedBy: 'test' });
  reviewer = await t.signedIn('reviewer', 'rita.reviewer@example.org');
  analyst = await t.signedIn('analyst', 'andy.analyst@example.org');
  flags = (await reviewer.get('/api/flags').expect(200)).body;
  cases = (await reviewer.get('/api/cases').expect(200)).body;
});
afterAll(async () => t?.close());

const userId = async (email: string): Promise<string> => (await t.db.query(`SELECT id FROM app_user WHERE email = $1`, [email]))[0].id;

describe('reviews of flagged cases', () => {
  it('are case-level: viewers and anonymous callers are refused', async () => {
    expect(flags).toHaveLength(6);
    expect(cases).toHaveLength(3);
    const viewer = await t.signedIn('viewer');
    const id = flagOf('RA-1').id;
    await viewer.get(`/api/reviews/${id}`).expect(403);
    await viewer.patch(`/api/reviews/${id}`).send({ status: 'in_review' }).expect(403);
    await viewer.post('/api/reviews/bulk').send({ flagIds: [id], status: 'in_review' }).expect(403);
    await viewer.get('/api/reviewers').expect(403);
    await t.request().patch(`/api/reviews/${id}`).send({ status: 'in_review' }).expect(401);
  });

  it('a case starts as new, unassigned, with no history', async () => {
    expect(flags.every((f) => f.reviewStatus === 'new' && f.assigneeId === null)).toBe(true);
    const review = await reviewer.get(`/api/reviews/${caseOf('RA-1')}`).expect(200);
    expect(review.body).toEqual({ caseId: caseOf('RA-1'), status: 'new', assigneeId: null, assigneeName: null, version: 0, changedAt: null, changedBy: null, history: [] });
    await reviewer.get('/api/reviews/00000000000000000000000000000000').expect(404);
  });

  it('moves through the allowed transitions only, and keeps who changed what, when and why', async () => {
    const id = caseOf('RA-1');
    await reviewer.patch(`/api/reviews/${id}`).send({ status: 'in_review' }).expect(200);
    await analyst.patch(`/api/reviews/${id}`).send({ status: 'confirmed_violation', note: 'Arrested an hour after reporting; no exception applies.' }).expect(200);

    // A decision is only reopened, never switched straight to another decision.
    const switched = await reviewer.patch(`/api/reviews/${id}`).send({ status: 'not_a_violation', note: 'x' }).expect(409);
    expect(switched.body.message).toBe('Cannot change the status: a case that is "Confirmed violation" can only become "In review"');
    const again = await reviewer.patch(`/api/reviews/${id}`).send({ status: 'confirmed_violation' }).expect(409);
    expect(again.body.message).toMatch(/already "Confirmed violation"/);
    // Reopening needs a reason.
    const unexplained = await reviewer.patch(`/api/reviews/${id}`).send({ status: 'in_review' }).expect(400);
    expect(unexplained.body.message).toBe('changing "Confirmed violation" to "In review" needs a note saying why');
    await reviewer.patch(`/api/reviews/${id}`).send({ status: 'in_review', note: 'The DA sent the booking sheet: check the time.' }).expect(200);

    const review = (await reviewer.get(`/api/reviews/${id}`).expect(200)).body;
    expect(review).toMatchObject({ status: 'in_review', version: 3, changedBy: 'rita.reviewer@example.org' });
    expect(review.history.map((e: Record<string, unknown>) => [e.kind, e.actorName, e.from, e.to, e.note])).toEqual([
      ['status', 'rita.reviewer@example.org', 'new', 'in_review', null],
      ['status', 'andy.analyst@example.org', 'in_review', 'confirmed_violation', 'Arrested an hour after reporting; no exception applies.'],
      ['status', 'rita.reviewer@example.org', 'confirmed_violation', 'in_review', 'The DA sent the booking sheet: check the time.'],
    ]);
    // Oldest first, each with its time.
    const times = review.history.map((e: { at: string }) => Date.parse(e.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('dismissing needs a note; a note can also stand alone', async () => {
    const id = caseOf('RA-2');
    for (const status of ['not_a_violation', 'policy_exception', 'data_error']) {
      const res = await reviewer.patch(`/api/reviews/${id}`).send({ status, note: '   ' }).expect(400);
      expect(res.body.message).toMatch(/needs a note saying why/);
    }
    await reviewer.patch(`/api/reviews/${id}`).send({ note: 'Asked SFPD for the arrest report.' }).expect(200);
    await reviewer.patch(`/api/reviews/${id}`).send({ status: 'policy_exception', note: 'Outstanding warrant for a violent felony.' }).expect(200);
    const review = (await reviewer.get(`/api/reviews/${id}`).expect(200)).body;
    expect(review.status).toBe('policy_exception');
    expect(review.history.map((e: Record<string, unknown>) => [e.kind, e.from, e.to, e.note])).toEqual([
      ['note', null, null, 'Asked SFPD for the arrest report.'],
      ['status', 'new', 'policy_exception', 'Outstanding warrant for a violent felony.'],
    ]);
    const empty = await reviewer.patch(`/api/reviews/${id}`).send({}).expect(400);
    expect(empty.body.message).toMatch(/Nothing to change/);
    const badStatus = await reviewer.patch(`/api/reviews/${id}`).send({ status: 'closed' }).expect(400);
    expect(badStatus.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/status must be one of new, in_review/)]));
  });

  it('assigns to people with case-level access only, and records it', async () => {
    const id = caseOf('RA-3');
    const reviewers = (await reviewer.get('/api/reviewers').expect(200)).body as Array<{ email: string; role: string }>;
    expect(reviewers.map((r) => r.email)).toEqual(expect.arrayContaining(['rita.reviewer@example.org', 'andy.analyst@example.org']));
    expect(reviewers.every((r) => r.role !== 'viewer')).toBe(true);

    await t.createUser('viewer', 'vera.viewer@example.org', 'a-long-password-1');
    const toViewer = await reviewer.patch(`/api/reviews/${id}`).send({ assigneeId: await userId('vera.viewer@example.org') }).expect(400);
    expect(toViewer.body.message).toMatch(/is a viewer and cannot see case pages/);
    await reviewer.patch(`/api/reviews/${id}`).send({ assigneeId: '9b2f7c1e-0000-4000-8000-000000000000' }).expect(400);

    const rita = await userId('rita.reviewer@example.org');
    const assigned = (await analyst.patch(`/api/reviews/${id}`).send({ assigneeId: rita }).expect(200)).body;
    expect(assigned).toMatchObject({ assigneeId: rita, assigneeName: 'rita.reviewer@example.org', status: 'new' });
    await analyst.patch(`/api/reviews/${id}`).send({ assigneeId: null }).expect(200);
    const review = (await reviewer.get(`/api/reviews/${id}`).expect(200)).body;
    expect(review.assigneeId).toBeNull();
    expect(review.history.map((e: Record<string, unknown>) => [e.kind, e.actorName, e.from, e.to])).toEqual([
      ['assignee', 'andy.analyst@example.org', null, 'rita.reviewer@example.org'],
      ['assignee', 'andy.analyst@example.org', 'rita.reviewer@example.org', null],
    ]);
  });

  it('refuses a change made on a stale page (409), accepts it with the current version; a flag id names its case', async () => {
    const id = flagOf('RA-3', 'ca-pc-647.3').id;
    expect((await reviewer.get(`/api/reviews/${id}`).expect(200)).body.caseId).toBe(caseOf('RA-3'));
    const { version } = (await reviewer.get(`/api/reviews/${id}`).expect(200)).body;
    await analyst.patch(`/api/reviews/${id}`).send({ note: 'first', version }).expect(200);
    const stale = await reviewer.patch(`/api/reviews/${id}`).send({ status: 'in_review', version }).expect(409);
    expect(stale.body.message).toMatch(/changed by someone else since you opened it/);
    await reviewer.patch(`/api/reviews/${id}`).send({ status: 'in_review', version: version + 1 }).expect(200);
  });

  it('bulk assign and bulk status change: all or nothing, saying which case refused and why', async () => {
    // Now: RA-1 in review, RA-2 policy exception, RA-3 in review.
    const ids = [caseOf('RA-1'), caseOf('RA-3')];
    const andy = await userId('andy.analyst@example.org');
    expect((await reviewer.post('/api/reviews/bulk').send({ caseIds: ids, assigneeId: andy }).expect(201)).body).toEqual({ changed: 2 });
    await reviewer.post('/api/reviews/bulk').send({ caseIds: [ids[0]], status: 'confirmed_violation' }).expect(201);

    // ids[0] is now decided, so it cannot become "data error" (a decision is only reopened): that refuses the lot.
    const refused = await reviewer.post('/api/reviews/bulk').send({ caseIds: ids, status: 'data_error', note: 'Wrong person key.' }).expect(409);
    expect(refused.body.message).toMatch(new RegExp(`^1 of 2 cases cannot take this change, so none was changed\\. ${ids[0]}: Cannot change the status`));
    const second = (await reviewer.get(`/api/reviews/${ids[1]}`).expect(200)).body;
    expect(second.status).toBe('in_review');

    const listed = await reviewer.get('/api/cases').query({ filter: JSON.stringify({ assigneeId: andy }) }).expect(200);
    expect(listed.body.map((c: { id: string }) => c.id).sort()).toEqual([...ids].sort());
    // Each of their flags shows the case's assignee.
    const listedFlags = await reviewer.get('/api/flags').query({ filter: JSON.stringify({ assigneeId: andy }) }).expect(200);
    expect(listedFlags.body.map((f: Flag) => f.actionId).sort()).toEqual(['RA-1', 'RA-1', 'RA-3', 'RA-3']);
    expect(listedFlags.body.every((f: Flag) => f.assigneeName === 'andy.analyst@example.org')).toBe(true);

    const unknown = await reviewer.post('/api/reviews/bulk').send({ caseIds: [ids[0], 'ffffffffffffffffffffffffffffffff'], assigneeId: null }).expect(404);
    expect(unknown.body.message).toBe('No case ffffffffffffffffffffffffffffffff');
    const malformed = await reviewer.post('/api/reviews/bulk').send({ caseIds: ['x'], assigneeId: null }).expect(400);
    expect(malformed.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/each of caseIds must be a case id/)]));
    // Flag ids (older clients) mean their cases: the two flags of RA-2 are one case.
    const byFlags = await reviewer.post('/api/reviews/bulk').send({ flagIds: [flagOf('RA-2').id, flagOf('RA-2', 'ca-pc-647.3').id], note: 'Both rules: same arrest.' }).expect(201);
    expect(byFlags.body).toEqual({ changed: 1 });
  });

  it('the flags and cases lists filter and sort by review status and assignment', async () => {
    // RA-1 confirmed, RA-2 policy exception (unassigned), RA-3 in review: each for both of its flags.
    const byStatus = (await reviewer.get('/api/flags').query({ filter: JSON.stringify({ reviewStatus: ['confirmed_violation', 'policy_exception'] }) }).expect(200)).body as Flag[];
    expect(byStatus.map((f) => [f.actionId, f.ruleId, f.reviewStatus]).sort()).toEqual([
      ['RA-1', 'ca-pc-647.3', 'confirmed_violation'],
      ['RA-1', 'sfpd-psw-2017', 'confirmed_violation'],
      ['RA-2', 'ca-pc-647.3', 'policy_exception'],
      ['RA-2', 'sfpd-psw-2017', 'policy_exception'],
    ]);
    const unassigned = await reviewer.get('/api/flags').query({ filter: JSON.stringify({ assigned: false }) }).expect(200);
    expect(unassigned.headers['content-range']).toBe('flags 0-1/2');
    const sorted = (await reviewer.get('/api/flags').query({ sort: JSON.stringify(['reviewStatus', 'ASC']) }).expect(200)).body as Flag[];
    expect(sorted.map((f) => f.reviewStatus)).toEqual(['confirmed_violation', 'confirmed_violation', 'in_review', 'in_review', 'policy_exception', 'policy_exception']);
    const sortedCases = (await reviewer.get('/api/cases').query({ sort: JSON.stringify(['reviewStatus', 'ASC']) }).expect(200)).body as Array<{ reviewStatus: string }>;
    expect(sortedCases.map((c) => c.reviewStatus)).toEqual(['confirmed_violation', 'in_review', 'policy_exception']);
    const unassignedCases = await reviewer.get('/api/cases').query({ filter: JSON.stringify({ assigned: false }) }).expect(200);
    expect(unassignedCases.headers['content-range']).toBe('cases 0-0/1');
  });

  it('reviews survive a new evaluation, and the history cannot be rewritten', async () => {
    const before = (await reviewer.get(`/api/reviews/${caseOf('RA-1')}`).expect(200)).body;
    await t.app.get(EvaluationService).evaluate({ trigger: 'on-demand', requestedBy: 'test' });
    expect((await reviewer.get(`/api/reviews/${caseOf('RA-1')}`).expect(200)).body).toEqual(before);
    await expect(t.db.query(`DELETE FROM case_review_event`)).rejects.toThrow(/permission denied/);
    await expect(t.ownerQuery(`UPDATE case_review_event SET note = 'rewritten'`)).rejects.toThrow(/append-only: UPDATE/);
    await expect(t.ownerQuery(`DELETE FROM case_review_event`)).rejects.toThrow(/append-only: DELETE/);
  });

  it('every change is in the audit log', async () => {
    const entries: Array<{ action: string; actor_email: string; target_id: string; outcome: string }> = await t.db.query(
      `SELECT action, actor_email, target_id, outcome FROM audit_log WHERE action LIKE 'PATCH /api/reviews%' AND target_id = $1 ORDER BY id`,
      [caseOf('RA-1')],
    );
    expect(entries.map((e) => [e.actor_email, e.outcome])).toEqual([
      ['rita.reviewer@example.org', 'success'],
      ['andy.analyst@example.org', 'success'],
      ['rita.reviewer@example.org', 'failure'],
      ['rita.reviewer@example.org', 'failure'],
      ['rita.reviewer@example.org', 'failure'],
      ['rita.reviewer@example.org', 'success'],
    ]);
  });
});
