import { EvaluationService } from '../../apps/api/src/compliance/evaluation/evaluation.service';
import { binary, pdfText } from '../support/files';
import { csv, ingest, PERSON_HEADER, SHORT_ARREST_HEADER, SHORT_INCIDENT_HEADER, TEST_PERSON_KEY_SECRET } from '../support/ingest-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * Review meetings (issue 7) on hand-made data (a database of its own). Eleven robbery victims (M1..M11), each
 * arrested by the Sheriff (SFSO) for 647(b) PC: only ca-pc-647.3 audits every agency, so one flag per arrest,
 * named here by its arrest. Same incident, an hour after the report: high; another incident 20 hours after the
 * report: medium (temporal nexus); with a felony charge: low. The flags' creation times are then set by hand to
 * stand for evaluations run on different days, and reviews are moved through the API:
 *
 *   flag  confidence  review            created (UTC)        action date
 *   M1    high        new               2025-01-10 07:59     2024-04-01   one minute before 2025-01-10 in San Francisco
 *   M2    high        new               2025-01-10 08:00     2024-04-02   midnight, 2025-01-10 in San Francisco
 *   M3    medium      in_review         2025-01-20 10:00     2024-04-04
 *   M4    low         new               2025-01-15 10:00     2024-04-05
 *   M5    high        confirmed         2025-01-16 10:00     2024-04-06
 *   M6    medium      new               2025-01-12 10:00     2024-04-09
 *   M7    high        new               2025-01-12 10:00     2024-04-07   same creation as M6, earlier action
 *   M8    high        new, withdrawn    2025-01-25 10:00     2024-04-10
 *   M9    low         new               2024-12-01 10:00     2024-04-11
 *   M10   high        new               2025-01-14 10:00     2024-04-12   same creation and action day as M11
 *   M11   medium      new               2025-01-14 10:00     2024-04-12
 *
 * Meetings on 2024-12-13, 2025-01-10, 2025-02-07 (the one the agenda is built for) and 2025-03-07.
 * The default agenda of 2025-02-07: open (new, in review), high or medium, current, created since 2025-01-10 (the
 * previous meeting; from the start of that day in San Francisco), newest action first, ties by creation then id:
 *   {M10, M11 by id}, M6, M7, M3, M2
 * (M1 too early, M4 low, M5 decided, M8 withdrawn, M9 low and too early.)
 */
type Agent = Awaited<ReturnType<TestApp['signedIn']>>;
interface Item {
  flagId: string;
  position: number;
  addedByHand: boolean;
  decision: string | null;
  decisionNote: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  reviewStatus: string;
}
interface Detail {
  id: string;
  date: string;
  title: string;
  status: string;
  agendaSize: number;
  decided: number;
  agenda: Item[];
}

type Kind = 'high' | 'medium' | 'low';
const FLAGS: Array<{ n: number; kind: Kind; reportDay: string; created: string }> = [
  { n: 1, kind: 'high', reportDay: '2024-04-01', created: '2025-01-10T07:59:00Z' },
  { n: 2, kind: 'high', reportDay: '2024-04-02', created: '2025-01-10T08:00:00Z' },
  { n: 3, kind: 'medium', reportDay: '2024-04-03', created: '2025-01-20T10:00:00Z' },
  { n: 4, kind: 'low', reportDay: '2024-04-05', created: '2025-01-15T10:00:00Z' },
  { n: 5, kind: 'high', reportDay: '2024-04-06', created: '2025-01-16T10:00:00Z' },
  { n: 6, kind: 'medium', reportDay: '2024-04-08', created: '2025-01-12T10:00:00Z' },
  { n: 7, kind: 'high', reportDay: '2024-04-07', created: '2025-01-12T10:00:00Z' },
  { n: 8, kind: 'high', reportDay: '2024-04-10', created: '2025-01-25T10:00:00Z' },
  { n: 9, kind: 'low', reportDay: '2024-04-11', created: '2024-12-01T10:00:00Z' },
  { n: 10, kind: 'high', reportDay: '2024-04-12', created: '2025-01-14T10:00:00Z' },
  { n: 11, kind: 'medium', reportDay: '2024-04-11', created: '2025-01-14T10:00:00Z' },
];
const pad = (n: number) => String(n).padStart(2, '0');
const nextDay = (day: string) => new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

let t: TestApp;
let reviewer: Agent;
let analyst: Agent;
/** Flag id by arrest: M1..M11. */
const id: Record<string, string> = {};
/** The two flags of the same creation time and action day, smaller id first (the last tie-break). */
let tied: [string, string];
const meeting: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp({ PERSON_KEY_SECRET: TEST_PERSON_KEY_SECRET });
  const incident = (n: number) => `9600000${pad(n)}`;
  await ingest(
    t,
    'incidents',
    csv([
      SHORT_INCIDENT_HEADER,
      ...FLAGS.map((f) => [`${f.reportDay}T20:00`, `${f.reportDay}T21:00`, `M1${pad(f.n)}03074`, `M1${pad(f.n)}`, incident(f.n), '03074', 'Robbery', 'Mission']),
    ]),
  );
  await ingest(t, 'incident-persons', csv([PERSON_HEADER, ...FLAGS.map((f) => [incident(f.n), `MP-0000${pad(f.n)}`, 'victim'])]));
  await ingest(
    t,
    'arrests',
    csv([
      SHORT_ARREST_HEADER,
      ...FLAGS.map((f) =>
        f.kind === 'medium'
          ? [`M${f.n}`, `9610000${pad(f.n)}`, `MP-0000${pad(f.n)}`, `${nextDay(f.reportDay)}T17:00`, 'SFSO', 'booked', '647(b) PC']
          : [`M${f.n}`, incident(f.n), `MP-0000${pad(f.n)}`, `${f.reportDay}T22:00`, 'SFSO', 'booked', f.kind === 'high' ? '647(b) PC' : '11377(a) HS/M;459 PC/F'],
      ),
    ]),
  );
  await t.app.get(EvaluationService).evaluate({ trigger: 'on-demand', requestedBy: 'test' });
  const rows: Array<{ id: string; action_id: string }> = await t.db.query(`SELECT id, action_id FROM flag`);
  for (const r of rows) id[r.action_id] = r.id;
  for (const f of FLAGS) await t.db.query(`UPDATE flag SET created_at = $2 WHERE action_id = $1`, [`M${f.n}`, f.created]);
  await t.db.query(`UPDATE flag SET status = 'withdrawn', withdrawn_at = now() WHERE action_id = 'M8'`);
  tied = [id.M10, id.M11].sort() as [string, string];

  reviewer = await t.signedIn('reviewer', 'rita.reviewer@example.org');
  analyst = await t.signedIn('analyst', 'andy.analyst@example.org');
  await reviewer.patch(`/api/reviews/${id.M3}`).send({ status: 'in_review' }).expect(200);
  await reviewer.patch(`/api/reviews/${id.M5}`).send({ status: 'confirmed_violation' }).expect(200);
});
afterAll(async () => t?.close());

const flagIds = (d: Detail) => d.agenda.map((i) => i.flagId);
const names = (ids: string[]) => ids.map((f) => Object.keys(id).find((k) => id[k] === f) ?? f);
const build = async (meetingId: string, body: object = {}) => (await reviewer.post(`/api/meetings/${meetingId}/agenda/build`).send(body).expect(200)).body as Detail;

describe('review meetings', () => {
  it('the hand-made data has the flags the table above says', async () => {
    const rows: Array<{ action_id: string; confidence: string; rule_id: string; action_date: string }> = await t.db.query(
      `SELECT action_id, confidence, rule_id, action_date::text FROM flag ORDER BY action_id`,
    );
    expect(rows).toHaveLength(11);
    expect(rows.every((r) => r.rule_id === 'ca-pc-647.3')).toBe(true);
    expect(Object.fromEntries(rows.map((r) => [r.action_id, [r.confidence, r.action_date]]))).toEqual({
      M1: ['high', '2024-04-01'],
      M2: ['high', '2024-04-02'],
      M3: ['medium', '2024-04-04'],
      M4: ['low', '2024-04-05'],
      M5: ['high', '2024-04-06'],
      M6: ['medium', '2024-04-09'],
      M7: ['high', '2024-04-07'],
      M8: ['high', '2024-04-10'],
      M9: ['low', '2024-04-11'],
      M10: ['high', '2024-04-12'],
      M11: ['medium', '2024-04-12'],
    });
  });

  it('are case-level: viewers are refused, anonymous callers must sign in', async () => {
    const viewer = await t.signedIn('viewer');
    await viewer.get('/api/meetings').expect(403);
    await viewer.post('/api/meetings').send({ date: '2025-01-01' }).expect(403);
    await viewer.get('/api/meetings/00000000-0000-4000-8000-000000000000').expect(403);
    await viewer.post('/api/meetings/00000000-0000-4000-8000-000000000000/decisions').send({ flagId: id.M1, status: 'in_review' }).expect(403);
    await t.request().get('/api/meetings').expect(401);
    for (const role of ['reviewer', 'analyst', 'admin'] as const) await (await t.signedIn(role)).get('/api/meetings').expect(200);
  });

  it('creates a meeting with plain defaults, and refuses bad input saying what is wrong', async () => {
    const created = await reviewer.post('/api/meetings').send({ date: '2025-02-07' }).expect(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      date: '2025-02-07',
      title: 'Review meeting 2025-02-07',
      attendees: [],
      notes: '',
      status: 'planned',
      createdBy: 'rita.reviewer@example.org',
      createdAt: expect.any(String),
      agendaSize: 0,
      decided: 0,
      agenda: [],
      decisions: [],
    });
    meeting.feb = created.body.id;
    const full = await analyst
      .post('/api/meetings')
      .send({ date: '2025-01-10', title: '  January review  ', attendees: [{ name: ' Dana Ortiz ', role: 'SFPD liaison' }, { name: 'Lee Wong', role: ' ' }], notes: 'Quorum met.' })
      .expect(201);
    expect(full.body).toMatchObject({ title: 'January review', attendees: [{ name: 'Dana Ortiz', role: 'SFPD liaison' }, { name: 'Lee Wong' }], notes: 'Quorum met.', createdBy: 'andy.analyst@example.org' });
    meeting.jan = full.body.id;
    meeting.dec = (await reviewer.post('/api/meetings').send({ date: '2024-12-13' }).expect(201)).body.id;
    meeting.mar = (await reviewer.post('/api/meetings').send({ date: '2025-03-07', title: 'March review' }).expect(201)).body.id;

    const bad = async (body: object, pattern: RegExp) => {
      const res = await reviewer.post('/api/meetings').send(body).expect(400);
      expect(res.body.message).toEqual(expect.arrayContaining([expect.stringMatching(pattern)]));
    };
    await bad({}, /^date must be the day of the meeting, written YYYY-MM-DD/);
    await bad({ date: '2025-02-30' }, /^date must be the day of the meeting/);
    await bad({ date: '07/02/2025' }, /^date must be the day of the meeting/);
    await bad({ date: '2025-02-07', title: '   ' }, /^title must not be empty/);
    await bad({ date: '2025-02-07', attendees: [{ role: 'chair' }] }, /each attendee needs a name/);
    await bad({ date: '2025-02-07', attendees: 'Dana' }, /^attendees must be a list of people/);
    await bad({ date: '2025-02-07', status: 'held' }, /property status should not exist/);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM meeting`))[0].n).toBe(4);
  });

  it('changes a meeting (date, title, attendees, notes, status), refusing bad changes', async () => {
    const changed = await reviewer.patch(`/api/meetings/${meeting.mar}`).send({ title: 'March review (moved)', notes: 'Room 400', attendees: [{ name: 'Sam Lee' }] }).expect(200);
    expect(changed.body).toMatchObject({ id: meeting.mar, date: '2025-03-07', title: 'March review (moved)', notes: 'Room 400', attendees: [{ name: 'Sam Lee' }], status: 'planned' });
    const bad = async (body: object, pattern: RegExp) => {
      const res = await reviewer.patch(`/api/meetings/${meeting.mar}`).send(body).expect(400);
      expect([res.body.message].flat()).toEqual(expect.arrayContaining([expect.stringMatching(pattern)]));
    };
    await bad({}, /^Nothing to change/);
    await bad({ status: 'cancelled' }, /^status must be planned or held$/);
    await bad({ title: null }, /^title must be text$/);
    await bad({ title: ' ' }, /^title must not be empty$/);
    await bad({ date: '2025-13-01' }, /^date must be the day of the meeting/);
    await reviewer.patch('/api/meetings/00000000-0000-4000-8000-000000000000').send({ notes: 'x' }).expect(404);
    await reviewer.patch('/api/meetings/not-a-meeting').send({ notes: 'x' }).expect(400);
    await reviewer.get('/api/meetings/00000000-0000-4000-8000-000000000000').expect(404);
    expect((await reviewer.get(`/api/meetings/${meeting.mar}`).expect(200)).body.title).toBe('March review (moved)');
  });

  it('lists meetings on the react-admin conventions: newest first, sort, filters, Content-Range', async () => {
    const all = await reviewer.get('/api/meetings').expect(200);
    expect(all.headers['content-range']).toBe('meetings 0-3/4');
    expect(all.body.map((m: Detail) => m.date)).toEqual(['2025-03-07', '2025-02-07', '2025-01-10', '2024-12-13']);
    expect(all.body[0].agenda).toBeUndefined();
    const byTitle = await reviewer.get('/api/meetings').query({ sort: JSON.stringify(['title', 'ASC']) }).expect(200);
    expect(byTitle.body.map((m: Detail) => m.title)).toEqual(['January review', 'March review (moved)', 'Review meeting 2024-12-13', 'Review meeting 2025-02-07']);
    const window = await reviewer.get('/api/meetings').query({ filter: JSON.stringify({ from: '2025-01-10', to: '2025-02-07' }), range: '[0,0]' }).expect(200);
    expect(window.headers['content-range']).toBe('meetings 0-0/2');
    expect(window.body.map((m: Detail) => m.date)).toEqual(['2025-02-07']);
    const planned = await reviewer.get('/api/meetings').query({ filter: JSON.stringify({ status: 'planned' }) }).expect(200);
    expect(planned.body).toHaveLength(4);
    expect((await reviewer.get('/api/meetings').query({ filter: JSON.stringify({ status: 'cancelled' }) }).expect(400)).body.message).toMatch(/status: must be one of planned, held/);
    expect((await reviewer.get('/api/meetings').query({ sort: JSON.stringify(['createdBy', 'ASC']) }).expect(400)).body.message).toMatch(/cannot sort by "createdBy"/);
  });

  it('builds the default agenda: open cases of high or medium confidence since the previous meeting, newest first', async () => {
    const feb = await build(meeting.feb);
    expect(names(flagIds(feb))).toEqual(names([...tied, id.M6, id.M7, id.M3, id.M2]));
    expect(feb.agenda.map((i) => i.position)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(feb.agendaSize).toBe(6);
    const m3 = feb.agenda.find((i) => i.flagId === id.M3);
    expect(m3).toEqual({
      flagId: id.M3,
      position: 5,
      addedByHand: false,
      decision: null,
      decisionNote: null,
      decidedAt: null,
      decidedBy: null,
      sentence: expect.stringContaining('incident 960000003'),
      confidence: 'medium',
      ruleId: 'ca-pc-647.3',
      actionDate: '2024-04-04',
      reviewStatus: 'in_review',
      // Sent back with a decision: a stale one is refused (one change so far: new to in review).
      reviewVersion: 1,
      // Its case (issue 11): one arrest, one rule here (only ca-pc-647.3 audits the Sheriff).
      caseId: expect.stringMatching(/^[0-9a-f]{32}$/),
      ruleIds: ['ca-pc-647.3'],
      // What the item is titled by: M3 (medium) was arrested by SFSO the day after its report, under another
      // incident; the case follows the report 960000003.
      actionType: 'arrest',
      agency: 'SFSO',
      reportIncidentNumbers: ['960000003'],
    });
    // The earliest meeting has none before it: its last month (since 2024-11-13), every open high or medium case, M1 included.
    expect(names(flagIds(await build(meeting.dec)))).toEqual(names([...tied, id.M6, id.M7, id.M3, id.M2, id.M1]));
    // A later meeting's cut-off is the February meeting's day: nothing was created since.
    expect(flagIds(await build(meeting.mar))).toEqual([]);
    // The same agenda as GET returns it.
    expect(flagIds((await reviewer.get(`/api/meetings/${meeting.feb}`).expect(200)).body)).toEqual(flagIds(feb));
  });

  it('takes another cut-off, confidence or review status when asked, and refuses bad ones', async () => {
    const wider = await build(meeting.mar, { since: '2025-01-14', confidence: ['high', 'medium', 'low'] });
    expect(names(flagIds(wider))).toEqual(names([...tied, id.M4, id.M3]));
    const decided = await build(meeting.mar, { since: '2025-01-01T00:00:00Z', reviewStatus: ['confirmed_violation'] });
    expect(names(flagIds(decided))).toEqual(['M5']);
    const bad = async (body: object, pattern: RegExp) => {
      const res = await reviewer.post(`/api/meetings/${meeting.mar}/agenda/build`).send(body).expect(400);
      expect(res.body.message).toEqual(expect.arrayContaining([expect.stringMatching(pattern)]));
    };
    await bad({ since: '2025-01-14 10:00' }, /^since must be a day \(YYYY-MM-DD\) or a date-time with its zone/);
    await bad({ confidence: ['certain'] }, /^each confidence must be one of high, medium, low$/);
    await bad({ confidence: [] }, /^confidence must name at least one of high, medium, low$/);
    await bad({ confidence: 'high' }, /^confidence must be a list, for example \["high","medium"\]$/);
    await bad({ reviewStatus: ['closed'] }, /^each reviewStatus must be one of new, in_review/);
    await reviewer.post('/api/meetings/00000000-0000-4000-8000-000000000000/agenda/build').send({}).expect(404);
  });

  it('adds a case by hand at the end; a rebuild keeps it (first), then the built cases', async () => {
    const added = (await reviewer.post(`/api/meetings/${meeting.feb}/agenda`).send({ flagId: id.M9 }).expect(201)).body as Detail;
    expect(names(flagIds(added))).toEqual(names([...tied, id.M6, id.M7, id.M3, id.M2, id.M9]));
    expect(added.agenda[6]).toMatchObject({ flagId: id.M9, position: 7, addedByHand: true, confidence: 'low' });
    const twice = await reviewer.post(`/api/meetings/${meeting.feb}/agenda`).send({ flagId: id.M9 }).expect(409);
    expect(twice.body.message).toBe(`Case ${id.M9} is already on this meeting's agenda`);
    await reviewer.post(`/api/meetings/${meeting.feb}/agenda`).send({ flagId: id.M2 }).expect(409);
    const unknown = await reviewer.post(`/api/meetings/${meeting.feb}/agenda`).send({ flagId: 'f'.repeat(32) }).expect(404);
    expect(unknown.body.message).toBe(`No case or flag ${'f'.repeat(32)}`);
    const malformed = await reviewer.post(`/api/meetings/${meeting.feb}/agenda`).send({ flagId: 'M9' }).expect(400);
    expect(malformed.body.message).toEqual(['flagId must be a flag id (32 hexadecimal characters)']);

    // Built with a narrower cut-off, then the default again: the hand-added case stays first each time.
    const narrow = await build(meeting.feb, { since: '2025-01-14' });
    expect(names(flagIds(narrow))).toEqual(names([id.M9, ...tied, id.M3]));
    expect(narrow.agenda.map((i) => [i.position, i.addedByHand])).toEqual([
      [1, true],
      [2, false],
      [3, false],
      [4, false],
    ]);
    expect(names(flagIds(await build(meeting.feb)))).toEqual(names([id.M9, ...tied, id.M6, id.M7, id.M3, id.M2]));
  });

  it('sets the order (exactly the agenda cases, each once) and removes a case', async () => {
    const order = [id.M3, ...tied, id.M6, id.M7, id.M2, id.M9];
    const reordered = (await reviewer.put(`/api/meetings/${meeting.feb}/agenda/order`).send({ flagIds: order }).expect(200)).body as Detail;
    expect(flagIds(reordered)).toEqual(order);
    expect(reordered.agenda.map((i) => i.position)).toEqual([1, 2, 3, 4, 5, 6, 7]);

    const bad = async (flagIdsSent: unknown, pattern: RegExp) => {
      const res = await reviewer.put(`/api/meetings/${meeting.feb}/agenda/order`).send({ flagIds: flagIdsSent }).expect(400);
      expect([res.body.message].flat()).toEqual(expect.arrayContaining([expect.stringMatching(pattern)]));
    };
    await bad(order.slice(1), new RegExp(`^The new order must list each of the agenda's 7 cases exactly once; missing from the new order: ${id.M3}$`));
    await bad([...order, id.M1], new RegExp(`not on this agenda: ${id.M1}$`));
    await bad([...order.slice(0, 6), id.M3], new RegExp(`named twice: ${id.M3}; missing from the new order: ${id.M9}$`));
    await bad(['x'], /^each of flagIds must be a flag id/);
    await bad(undefined, /^flagIds must be the list of the agenda cases/);
    expect(flagIds((await reviewer.get(`/api/meetings/${meeting.feb}`).expect(200)).body)).toEqual(order);

    const removed = (await reviewer.delete(`/api/meetings/${meeting.feb}/agenda/${id.M6}`).expect(200)).body as Detail;
    expect(flagIds(removed)).toEqual([id.M3, ...tied, id.M7, id.M2, id.M9]);
    expect(removed.agenda.map((i) => i.position)).toEqual([1, 2, 3, 4, 5, 6]);
    const notThere = await reviewer.delete(`/api/meetings/${meeting.feb}/agenda/${id.M6}`).expect(404);
    expect(notThere.body.message).toBe(`Case ${id.M6} is not on this meeting's agenda`);
  });

  it('records a decision as a review change (on the agenda item and in the case history), passing refusals through', async () => {
    const decided = await analyst
      .post(`/api/meetings/${meeting.feb}/decisions`)
      .send({ flagId: id.M2, status: 'confirmed_violation', note: '  Arrested an hour after reporting; no exception applies.  ' })
      .expect(201);
    expect(decided.body).toEqual({
      flagId: id.M2,
      position: 5,
      addedByHand: false,
      decision: 'confirmed_violation',
      decisionNote: 'Arrested an hour after reporting; no exception applies.',
      decidedAt: expect.any(String),
      decidedBy: 'andy.analyst@example.org',
      sentence: expect.stringContaining('incident 960000002'),
      confidence: 'high',
      ruleId: 'ca-pc-647.3',
      actionDate: '2024-04-02',
      reviewStatus: 'confirmed_violation',
      reviewVersion: 1,
      caseId: expect.stringMatching(/^[0-9a-f]{32}$/),
      ruleIds: ['ca-pc-647.3'],
      // M2 (high): arrested by SFSO in the reported incident.
      actionType: 'arrest',
      agency: 'SFSO',
      reportIncidentNumbers: ['960000002'],
    });
    const review = (await reviewer.get(`/api/reviews/${id.M2}`).expect(200)).body;
    expect(review).toMatchObject({ status: 'confirmed_violation', version: 1, changedBy: 'andy.analyst@example.org' });
    expect(review.history.map((e: Record<string, unknown>) => [e.kind, e.actorName, e.from, e.to, e.note])).toEqual([
      ['status', 'andy.analyst@example.org', 'new', 'confirmed_violation', 'Arrested an hour after reporting; no exception applies.'],
    ]);

    // The review rules apply as they are: no switching a decision, dismissing needs a note.
    const switched = await reviewer.post(`/api/meetings/${meeting.feb}/decisions`).send({ flagId: id.M2, status: 'not_a_violation', note: 'x' }).expect(409);
    expect(switched.body.message).toBe('Cannot change the status: a case that is "Confirmed violation" can only become "In review"');
    const unexplained = await reviewer.post(`/api/meetings/${meeting.feb}/decisions`).send({ flagId: id.M7, status: 'not_a_violation' }).expect(400);
    expect(unexplained.body.message).toBe('changing "New" to "Not a violation" needs a note saying why');
    expect((await reviewer.get(`/api/reviews/${id.M7}`).expect(200)).body).toMatchObject({ status: 'new', history: [] });
    const offAgenda = await reviewer.post(`/api/meetings/${meeting.feb}/decisions`).send({ flagId: id.M1, status: 'in_review' }).expect(400);
    expect(offAgenda.body.message).toBe(`Case ${id.M1} is not on this meeting's agenda: add it to the agenda first`);
    expect((await reviewer.get(`/api/reviews/${id.M1}`).expect(200)).body.history).toEqual([]);
    const badStatus = await reviewer.post(`/api/meetings/${meeting.feb}/decisions`).send({ flagId: id.M7, status: 'closed' }).expect(400);
    expect(badStatus.body.message).toEqual([expect.stringMatching(/^status must be one of new, in_review/)]);

    const detail = (await reviewer.get(`/api/meetings/${meeting.feb}`).expect(200)).body as Detail;
    expect(detail).toMatchObject({ agendaSize: 6, decided: 1 });
    expect(detail.agenda.filter((i) => i.decision !== null).map((i) => i.flagId)).toEqual([id.M2]);
  });

  it('a decided case stays on the agenda: a rebuild keeps it, removing it is refused', async () => {
    // Order before: M3, tied, M7, M2 (decided), M9 (by hand). Kept in that order, then the built cases; M2 is no longer open.
    const rebuilt = await build(meeting.feb);
    expect(names(flagIds(rebuilt))).toEqual(names([id.M2, id.M9, ...tied, id.M6, id.M7, id.M3]));
    expect(rebuilt.agenda[0]).toMatchObject({ decision: 'confirmed_violation', addedByHand: false, reviewStatus: 'confirmed_violation' });
    const refused = await reviewer.delete(`/api/meetings/${meeting.feb}/agenda/${id.M2}`).expect(409);
    expect(refused.body.message).toMatch(/has a decision recorded in this meeting, so it stays on the agenda/);
  });

  it("a held meeting's agenda is fixed until it is set back to planned", async () => {
    await reviewer.patch(`/api/meetings/${meeting.feb}`).send({ status: 'held' }).expect(200);
    const refused = await reviewer.post(`/api/meetings/${meeting.feb}/agenda/build`).send({}).expect(409);
    expect(refused.body.message).toMatch(/^This meeting was held: its agenda is the record of what was discussed/);
    await reviewer.post(`/api/meetings/${meeting.feb}/agenda`).send({ flagId: id.M1 }).expect(409);
    await reviewer.delete(`/api/meetings/${meeting.feb}/agenda/${id.M7}`).expect(409);
    await reviewer.put(`/api/meetings/${meeting.feb}/agenda/order`).send({ flagIds: [] }).expect(409);
    // A decision typed up after the meeting is still recorded.
    await reviewer.post(`/api/meetings/${meeting.feb}/decisions`).send({ flagId: id.M7, status: 'in_review' }).expect(201);
    await reviewer.patch(`/api/meetings/${meeting.feb}`).send({ status: 'planned' }).expect(200);
    await reviewer.post(`/api/meetings/${meeting.feb}/agenda`).send({ flagId: id.M1 }).expect(201);
  });

  it('gives the minutes as Markdown: attendees, notes, each decision in order with its case in full, the rest as incident numbers', async () => {
    await reviewer.patch(`/api/meetings/${meeting.feb}`).send({ attendees: [{ name: 'Dana Ortiz', role: 'Chair' }], notes: 'Quorum met.' }).expect(200);
    const res = await reviewer.get(`/api/meetings/${meeting.feb}/minutes`).query({ format: 'md' }).expect(200);
    expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="minutes-2025-02-07.md"');
    const lines = res.text.split('\n');
    // The agenda now: M2 (decided), M9 (by hand), M10/M11, M6, M7 (decided after the meeting was held), M3, M1 (by hand).
    expect(lines[0]).toBe('# Minutes: Review meeting 2025-02-07');
    const [m2Case] = await t.db.query(`SELECT case_id FROM flag WHERE id = $1`, [id.M2]);
    expect(lines).toEqual(
      expect.arrayContaining([
        '- Date: 2025-02-07',
        '- Cases on the agenda: 8; decided in this meeting: 2',
        '- Dana Ortiz (Chair)',
        'Quorum met.',
      ]),
    );
    // Each decision in the order taken, its case titled by its action, agency and day, never by an id, and given in full.
    expect(lines.filter((line) => line.startsWith('### '))).toEqual(['### 1. Arrest by SFSO on 2024-04-02', '### 2. Arrest by SFSO on 2024-04-07']);
    const m2 = lines.slice(lines.indexOf('### 1. Arrest by SFSO on 2024-04-02'), lines.indexOf('### 2. Arrest by SFSO on 2024-04-07'));
    expect(m2).toEqual([
      '### 1. Arrest by SFSO on 2024-04-02',
      '',
      '- Incident number: 960000002',
      '- Date: 2024-04-02',
      '- Agency: SFSO',
      '- Rule: No arrest in California of sex workers who report violent crime',
      '- Confidence: High',
      expect.stringContaining('- What happened: '),
      expect.stringMatching(/^- Decision: Confirmed violation \(andy\.analyst@example\.org, .+\)$/),
      '- Note: Arrested an hour after reporting; no exception applies.',
      `- Case: ${m2Case.case_id}`,
      '',
    ]);
    // The six cases not decided: one line, by incident number, in agenda order.
    const undecided = ['960000009', ...tied.map((f) => (f === id.M10 ? '960000010' : '960000011')), '960000006', '960000003', '960000001'];
    expect(lines).toContain(`6 cases on the agenda had no decision in this meeting (by incident number): ${undecided.join(', ')}`);
    // Markdown is the default; other formats are refused, and viewers never see minutes.
    expect((await reviewer.get(`/api/meetings/${meeting.feb}/minutes`).expect(200)).text).toMatch(/^# Minutes: Review meeting 2025-02-07\n/);
    expect((await reviewer.get(`/api/meetings/${meeting.feb}/minutes`).query({ format: 'docx' }).expect(400)).body.message).toEqual(['format must be md or pdf']);
    // The same minutes as a PDF.
    const pdf = await reviewer
      .get(`/api/meetings/${meeting.feb}/minutes`)
      .query({ format: 'pdf' })
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe('attachment; filename="minutes-2025-02-07.pdf"');
    const text = await pdfText(pdf.body as Buffer);
    for (const expected of ['Minutes: Review meeting 2025-02-07', 'Dana Ortiz (Chair)', 'Quorum met.', '8 cases on the agenda', 'Confirmed violation', 'Arrested an hour after reporting', '960000002', `6 cases had no decision in this meeting (by incident number): ${undecided.join(', ')}`]) {
      expect(text.replace(/\s+/g, ' ')).toContain(expected);
    }
    // The PDF names the cases by their action, not by a flag id.
    for (const flagId of Object.values(id)) expect(text).not.toContain(flagId);
    await (await t.signedIn('viewer')).get(`/api/meetings/${meeting.feb}/minutes`).expect(403);
    await reviewer.get('/api/meetings/00000000-0000-4000-8000-000000000000/minutes').expect(404);
  });

  it('meetings are never deleted; writes and views are in the audit log with the meeting as target', async () => {
    await reviewer.delete(`/api/meetings/${meeting.feb}`).expect(404);
    await expect(t.db.query(`DELETE FROM meeting WHERE id = $1`, [meeting.dec])).rejects.toThrow(/permission denied for table meeting/);
    await expect(t.ownerQuery(`DELETE FROM meeting WHERE id = $1`, [meeting.dec])).rejects.toThrow(/meetings are never deleted/);
    const entries: Array<{ action: string; actor_email: string; outcome: string }> = await t.db.query(
      `SELECT action, actor_email, outcome FROM audit_log WHERE target_id = $1 AND action LIKE '%decisions' ORDER BY id`,
      [meeting.feb],
    );
    expect(entries.map((e) => [e.action, e.actor_email, e.outcome])).toEqual([
      ['POST /api/meetings/:id/decisions', 'andy.analyst@example.org', 'success'],
      // Switching a decision (409), dismissing without a note, a case off the agenda, an unknown status (400).
      ['POST /api/meetings/:id/decisions', 'rita.reviewer@example.org', 'failure'],
      ['POST /api/meetings/:id/decisions', 'rita.reviewer@example.org', 'failure'],
      ['POST /api/meetings/:id/decisions', 'rita.reviewer@example.org', 'failure'],
      ['POST /api/meetings/:id/decisions', 'rita.reviewer@example.org', 'failure'],
      ['POST /api/meetings/:id/decisions', 'rita.reviewer@example.org', 'success'],
    ]);
    const created: Array<{ actor_email: string }> = await t.db.query(`SELECT actor_email FROM audit_log WHERE action = 'POST /api/meetings' AND target_id = $1`, [meeting.jan]);
    expect(created).toEqual([{ actor_email: 'andy.analyst@example.org' }]);
    const views: Array<{ n: number }> = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.viewed' AND target_type = 'Meeting' AND target_id = $1`, [meeting.feb]);
    expect(views[0].n).toBeGreaterThan(0);
  });
});

describe('the agenda builder (issue 14): period, minimum confidence, status, maximum, order; bulk add and remove', () => {
  /*
   * Review statuses now (after the tests above): M2, M5 confirmed; M3, M7 in review; the others new; M8 withdrawn.
   * Most serious first: confidence, then direct nexus (the high and low arrests are in the reported incident, the
   * medium ones under another), then no felony charge, then the newest action.
   */
  it('filters and orders on the server, as asked', async () => {
    meeting.apr = (await reviewer.post('/api/meetings').send({ date: '2025-04-04' }).expect(201)).body.id;
    // High only, flagged 2025-01-01 (UTC) to the end of 2025-01-14 in San Francisco, decided ones too, newest first.
    const window = await build(meeting.apr, { since: '2025-01-01T00:00:00Z', until: '2025-01-14', minConfidence: 'high', reviewStatus: ['new', 'in_review', 'confirmed_violation'] });
    expect(names(flagIds(window))).toEqual(['M10', 'M7', 'M2', 'M1']);
    // At most two of them: the first two of that order.
    expect(names(flagIds(await build(meeting.apr, { since: '2025-01-01T00:00:00Z', until: '2025-01-14', minConfidence: 'high', reviewStatus: ['new', 'in_review', 'confirmed_violation'], limit: 2 })))).toEqual(['M10', 'M7']);
    // Every open case from the beginning, most serious first.
    const serious = await build(meeting.apr, { since: null, minConfidence: 'low', order: 'serious' });
    expect(names(flagIds(serious))).toEqual(['M10', 'M7', 'M1', 'M11', 'M6', 'M3', 'M9', 'M4']);
    // The same, newest first.
    expect(names(flagIds(await build(meeting.apr, { since: null, minConfidence: 'low', order: 'newest' })))).toEqual([...names(tied), 'M9', 'M6', 'M7', 'M4', 'M3', 'M1']);
    const bad = async (body: object, pattern: RegExp) => {
      const res = await reviewer.post(`/api/meetings/${meeting.apr}/agenda/build`).send(body).expect(400);
      expect(res.body.message).toEqual(expect.arrayContaining([expect.stringMatching(pattern)]));
    };
    await bad({ limit: 0 }, /^limit must be a whole number of cases, from 1 to 2,000$/);
    await bad({ limit: 2.5 }, /^limit must be a whole number/);
    await bad({ limit: 2001 }, /^limit must be a whole number/);
    await bad({ order: 'f.id; DROP TABLE flag' }, /^order must be one of newest, serious$/);
    await bad({ minConfidence: 'certain' }, /^minConfidence must be one of high, medium, low$/);
    await bad({ until: 'tomorrow' }, /^until must be a day \(YYYY-MM-DD\) or a date-time with its zone/);
  });

  it('adds several cases at once (by flag or case id, at the end, each case once) and removes several', async () => {
    const [m9Case] = await t.db.query(`SELECT case_id FROM flag WHERE id = $1`, [id.M9]);
    const emptied = (await reviewer.post(`/api/meetings/${meeting.apr}/agenda/bulk-remove`).send({ ids: flagIds((await reviewer.get(`/api/meetings/${meeting.apr}`).expect(200)).body) }).expect(200)).body as Detail;
    expect(emptied.agenda).toEqual([]);
    const added = (await reviewer.post(`/api/meetings/${meeting.apr}/agenda/bulk`).send({ ids: [id.M4, m9Case.case_id, id.M4, id.M1] }).expect(200)).body as Detail;
    expect(names(flagIds(added))).toEqual(['M4', 'M9', 'M1']);
    expect(added.agenda.map((i) => [i.position, i.addedByHand])).toEqual([
      [1, true],
      [2, true],
      [3, true],
    ]);
    // Those already there stay where they are; an unknown id refuses the lot.
    expect(names(flagIds((await reviewer.post(`/api/meetings/${meeting.apr}/agenda/bulk`).send({ ids: [id.M1, id.M6] }).expect(200)).body))).toEqual(['M4', 'M9', 'M1', 'M6']);
    const unknown = await reviewer.post(`/api/meetings/${meeting.apr}/agenda/bulk`).send({ ids: [id.M10, 'e'.repeat(32)] }).expect(404);
    expect(unknown.body.message).toBe(`No case or flag ${'e'.repeat(32)}; nothing was added`);
    expect((await reviewer.post(`/api/meetings/${meeting.apr}/agenda/bulk`).send({ ids: ['M4'] }).expect(400)).body.message).toEqual(['each of ids must be a case or flag id (32 hexadecimal characters)']);
    expect((await reviewer.post(`/api/meetings/${meeting.apr}/agenda/bulk`).send({ ids: [] }).expect(400)).body.message).toEqual(['ids must be a list of at least one case or flag id']);

    const removed = (await reviewer.post(`/api/meetings/${meeting.apr}/agenda/bulk-remove`).send({ ids: [id.M4, id.M1] }).expect(200)).body as Detail;
    expect(names(flagIds(removed))).toEqual(['M9', 'M6']);
    expect(removed.agenda.map((i) => i.position)).toEqual([1, 2]);
    expect((await reviewer.post(`/api/meetings/${meeting.apr}/agenda/bulk-remove`).send({ ids: [id.M4] }).expect(404)).body.message).toBe(`Not on this meeting's agenda: ${id.M4}; nothing was removed`);
    await reviewer.post(`/api/meetings/${meeting.apr}/decisions`).send({ flagId: id.M9, status: 'in_review', version: 0 }).expect(201);
    const refused = await reviewer.post(`/api/meetings/${meeting.apr}/agenda/bulk-remove`).send({ ids: [id.M6, id.M9] }).expect(409);
    expect(refused.body.message).toBe(`Decided in this meeting, so they stay on the agenda (and in the minutes): ${id.M9}; nothing was removed`);
    expect(names(flagIds((await reviewer.get(`/api/meetings/${meeting.apr}`).expect(200)).body))).toEqual(['M9', 'M6']);
  });
});

describe('decisions in a meeting (issue 14): the review version, the history, corrections', () => {
  it('a decision made on a stale version is refused (409) and changes nothing; the minutes list every decision, corrections marked', async () => {
    const agenda = ((await reviewer.get(`/api/meetings/${meeting.apr}`).expect(200)).body as Detail).agenda as Array<Item & { reviewVersion: number }>;
    const shown = agenda.find((i) => i.flagId === id.M6)!;
    expect(shown.reviewVersion).toBe(0);
    // Two members have the case on screen at version 0; the first to record wins, the second is told.
    await analyst.post(`/api/meetings/${meeting.apr}/decisions`).send({ flagId: id.M6, status: 'in_review', version: 0 }).expect(201);
    const late = await reviewer.post(`/api/meetings/${meeting.apr}/decisions`).send({ flagId: id.M6, status: 'confirmed_violation', note: 'late', version: 0 }).expect(409);
    expect(late.body.message).toBe('This case was changed by someone else since you opened it (version 1, yours 0); reload it and try again');
    expect((await reviewer.get(`/api/reviews/${id.M6}`).expect(200)).body).toMatchObject({ status: 'in_review', version: 1 });
    // Knowing it, the second tries again on version 1: a correction of the first decision.
    await reviewer.post(`/api/meetings/${meeting.apr}/decisions`).send({ flagId: id.M6, status: 'confirmed_violation', note: 'Same incident, an hour later', version: 1 }).expect(201);
    expect((await reviewer.post(`/api/meetings/${meeting.apr}/decisions`).send({ flagId: id.M6, status: 'in_review', version: -1 }).expect(400)).body.message).toEqual([
      'version must be the whole number shown as the case’s reviewVersion',
    ]);

    const detail = (await reviewer.get(`/api/meetings/${meeting.apr}`).expect(200)).body as { decisions: Array<{ flagId: string; status: string; correction: boolean; decidedBy: string }> };
    expect(detail.decisions.map((d) => [names([d.flagId])[0], d.status, d.correction, d.decidedBy])).toEqual([
      ['M9', 'in_review', false, 'rita.reviewer@example.org'],
      ['M6', 'in_review', false, 'andy.analyst@example.org'],
      ['M6', 'confirmed_violation', true, 'rita.reviewer@example.org'],
    ]);
    const minutes = (await reviewer.get(`/api/meetings/${meeting.apr}/minutes`).expect(200)).text;
    expect(minutes.match(/^### .*$/gm)).toEqual(['### 1. Arrest by SFSO on 2024-04-11', '### 2. Arrest by SFSO on 2024-04-09', '### 3. Arrest by SFSO on 2024-04-09 (correction of 2)']);
    expect(minutes).toContain('- Corrected decision (replaces decision 2): Confirmed violation (rita.reviewer@example.org, ');
    expect(minutes).toContain('- Note: Same incident, an hour later\n');
  });
});

describe('minutes of a meeting with 3 decisions and 200 undecided cases', () => {
  it('give the 3 decided cases in full and the 200 others as one line of incident numbers', async () => {
    // 203 more robbery victims, each arrested by the Sheriff in the reported incident for 647(b) PC: one high flag each.
    const numbers = Array.from({ length: 203 }, (_, i) => `97${String(i).padStart(7, '0')}`);
    const day = (i: number) => `2024-06-${pad(1 + (i % 28))}`;
    await ingest(t, 'incidents', csv([SHORT_INCIDENT_HEADER, ...numbers.map((n, i) => [`${day(i)}T20:00`, `${day(i)}T21:00`, `B${n}03074`, `B${n}`, n, '03074', 'Robbery', 'Mission'])]));
    await ingest(t, 'incident-persons', csv([PERSON_HEADER, ...numbers.map((n) => [n, `BP-${n}`, 'victim'])]));
    await ingest(t, 'arrests', csv([SHORT_ARREST_HEADER, ...numbers.map((n, i) => [`B${n}`, n, `BP-${n}`, `${day(i)}T22:00`, 'SFSO', 'booked', '647(b) PC'])]));
    await t.app.get(EvaluationService).evaluate({ trigger: 'on-demand', requestedBy: 'test' });
    const flags: Array<{ id: string; n: string }> = await t.db.query(`SELECT id, report_incident_number AS n FROM flag WHERE action_id LIKE 'B97%' ORDER BY action_id`);
    expect(flags).toHaveLength(203);

    const big = (await reviewer.post('/api/meetings').send({ date: '2025-05-02', title: 'A long agenda' }).expect(201)).body.id as string;
    await reviewer.post(`/api/meetings/${big}/agenda/bulk`).send({ ids: flags.map((f) => f.id) }).expect(200);
    for (const f of [flags[10], flags[50], flags[150]]) {
      await reviewer.post(`/api/meetings/${big}/decisions`).send({ flagId: f.id, status: 'confirmed_violation', note: `Decided: ${f.n}`, version: 0 }).expect(201);
    }
    const minutes = (await reviewer.get(`/api/meetings/${big}/minutes`).expect(200)).text;
    const lines = minutes.split('\n');
    expect(lines.filter((l) => l.startsWith('### '))).toHaveLength(3);
    for (const f of [flags[10], flags[50], flags[150]]) {
      expect(lines).toEqual(expect.arrayContaining([`- Incident number: ${f.n}`, `- Note: Decided: ${f.n}`, '- Agency: SFSO']));
    }
    const rest = lines.filter((l) => l.startsWith('200 cases on the agenda had no decision in this meeting'));
    expect(rest).toHaveLength(1);
    const undecided = flags.filter((_, i) => ![10, 50, 150].includes(i)).map((f) => f.n);
    expect(rest[0]!.slice(rest[0]!.indexOf(': ') + 2).split(', ')).toEqual(undecided);
    // Nothing else names an undecided case.
    for (const n of undecided) expect(minutes.split(n)).toHaveLength(2);
    expect(lines.length).toBeLessThan(80);
  });
});
