import { EvaluationService } from '../../apps/api/src/compliance/evaluation/evaluation.service';
import { DataSource } from 'typeorm';
import { migrateDatabase } from '../../apps/api/src/database/app-role';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { Cases1765440000000 } from '../../apps/api/src/database/migrations/1765440000000-Cases';
import { csv, DA_HEADER, ingest, PERSON_HEADER, SHORT_ARREST_HEADER, SHORT_INCIDENT_HEADER } from '../support/ingest-helpers';
import { evaluateNow, loadRecords, startRecordsApp } from '../support/records-fixture';
import type { TestApp } from '../support/test-app';

/*
 * One case per event (issue 11), on hand-made data (a database of its own), worked from compliance-rules.md:
 *
 * - P1 is the victim of incident 990000001, reported 2024-03-09 23:05, which has two report rows at that time:
 *   Robbery (03074, qualifies under every report rule) and Larceny Theft (06244, qualifies under none).
 *   SFPD arrests P1 at 23:40 in that incident for 647(b), booked: after 2020 that breaches sfpd-psw-2017 (SFPD
 *   arrest) and ca-pc-647.3 (any agency): two flags, ONE case with two rules (worked example 1).
 *   The DA then charges P1 (`Charged`, 647B/M/0, naming arrest A-1) on 2024-03-20: sfda-psw-2018, ANOTHER case.
 * - P2 is the victim of incident 990000002 (Robbery, reported 2024-04-01 10:00); SFPD arrests P2 at 11:00 in it for
 *   647(b), booked: two flags, one case.
 * So 5 flags in 3 cases.
 */
type Agent = Awaited<ReturnType<TestApp['signedIn']>>;
interface Flag {
  id: string;
  caseId: string;
  actionId: string;
  ruleId: string;
  sentence: string;
  incidentCategory: string | null;
  qualifyingRowId: string | null;
  reviewStatus: string;
}
interface Case {
  id: string;
  actionType: string;
  actionId: string;
  ruleIds: string[];
  flagCount: number;
  confidence: string;
  nexus: string;
  reportIncidentNumbers: string[];
  incidentCategory: string | null;
  status: string;
  reviewStatus: string;
}

let t: TestApp;
let reviewer: Agent;
let flags: Flag[];
let cases: Case[];
const caseOf = (actionId: string) => cases.find((c) => c.actionId === actionId)!;
const flagOf = (actionId: string, ruleId: string) => flags.find((f) => f.actionId === actionId && f.ruleId === ruleId)!;
const range = (res: { headers: Record<string, string> }) => Number(res.headers['content-range'].split('/')[1]);

const ARREST_A2 = (charge: string) => csv([SHORT_ARREST_HEADER, ['A-2', '990000002', 'RP-000002', '2024-04-01T11:00', 'SFPD', 'booked', charge]]);

beforeAll(async () => {
  t = await startRecordsApp();
  await loadRecords(t, {
    incidents: [
      SHORT_INCIDENT_HEADER,
      ['2024-03-09T22:30', '2024-03-09T23:05', 'ROW-ROBBERY', 'I-1', '990000001', '03074', 'Robbery', 'Mission'],
      ['2024-03-09T22:30', '2024-03-09T23:05', 'ROW-LARCENY', 'I-1', '990000001', '06244', 'Larceny Theft', 'Mission'],
      ['2024-04-01T09:30', '2024-04-01T10:00', 'ROW-2', 'I-2', '990000002', '03074', 'Robbery', 'Bayview'],
    ],
    'incident-persons': [PERSON_HEADER, ['990000001', 'RP-000001', 'victim'], ['990000002', 'RP-000002', 'victim']],
    arrests: [SHORT_ARREST_HEADER, ['A-1', '990000001', 'RP-000001', '2024-03-09T23:40', 'SFPD', 'booked', '647(b) PC']],
  });
  await ingest(t, 'arrests', ARREST_A2('647(b) PC'));
  await loadRecords(t, { 'da-decisions': [DA_HEADER, ['D-1', '990000001', 'RP-000001', 'Charged', '2024-03-20', 'A-1', '647B/M/0']] });
  const summary = await evaluateNow(t);
  expect(summary).toMatchObject({ flagsCurrent: 5, casesNew: 3, casesWithdrawn: 0, casesUnchanged: 0, casesCurrent: 3 });
  reviewer = await t.signedIn('reviewer', 'rita.reviewer@example.org');
  flags = (await reviewer.get('/api/flags').expect(200)).body;
  cases = (await reviewer.get('/api/cases').expect(200)).body;
});
afterAll(async () => t?.close());

describe('one case per event', () => {
  it('an SFPD arrest of a victim breaching two rules is one case with both rules; the DA decision on the same person is another', async () => {
    expect(flags).toHaveLength(5);
    expect(cases).toHaveLength(3);
    expect(caseOf('A-1')).toMatchObject({
      actionType: 'arrest',
      ruleIds: ['ca-pc-647.3', 'sfpd-psw-2017'],
      flagCount: 2,
      confidence: 'high',
      nexus: 'direct',
      reportIncidentNumbers: ['990000001'],
      incidentCategory: 'Robbery',
      status: 'current',
      reviewStatus: 'new',
    });
    expect(caseOf('D-1')).toMatchObject({ actionType: 'da_decision', ruleIds: ['sfda-psw-2018'], flagCount: 1, reportIncidentNumbers: ['990000001'] });
    expect(caseOf('A-2')).toMatchObject({ ruleIds: ['ca-pc-647.3', 'sfpd-psw-2017'], flagCount: 2, reportIncidentNumbers: ['990000002'] });
    // Every flag names its case.
    expect(flagOf('A-1', 'sfpd-psw-2017').caseId).toBe(caseOf('A-1').id);
    expect(flagOf('A-1', 'ca-pc-647.3').caseId).toBe(caseOf('A-1').id);
    expect(flagOf('D-1', 'sfda-psw-2018').caseId).toBe(caseOf('D-1').id);
  });

  it('lists cases with the list conventions: a rule filter matches the cases with that rule, the total in Content-Range', async () => {
    const byRule = await reviewer.get('/api/cases').query({ filter: JSON.stringify({ ruleId: ['sfpd-psw-2017'] }) }).expect(200);
    expect(range(byRule)).toBe(2);
    expect((byRule.body as Case[]).map((c) => c.actionId).sort()).toEqual(['A-1', 'A-2']);
    const da = await reviewer.get('/api/cases').query({ filter: JSON.stringify({ ruleId: ['sfda-psw-2018'], policeDistrict: 'Mission' }) }).expect(200);
    expect((da.body as Case[]).map((c) => c.actionId)).toEqual(['D-1']);
    const bayview = await reviewer.get('/api/cases').query({ filter: JSON.stringify({ policeDistrict: 'Bayview' }) }).expect(200);
    expect((bayview.body as Case[]).map((c) => c.actionId)).toEqual(['A-2']);
    const refused = await reviewer.get('/api/cases').query({ sort: JSON.stringify(['personKey', 'ASC']) }).expect(400);
    expect(refused.body.message).toMatch(/cannot sort by "personKey"/);
    const viewer = await t.signedIn('viewer');
    await viewer.get('/api/cases').expect(403);
    await viewer.get(`/api/cases/${caseOf('A-1').id}`).expect(403);
  });

  it('a meeting agenda lists a case once, whatever number of rules it breaches, with its rules', async () => {
    const meeting = (await reviewer.post('/api/meetings').send({ date: '2024-06-05' }).expect(201)).body;
    const built = (await reviewer.post(`/api/meetings/${meeting.id}/agenda/build`).send({}).expect(200)).body;
    // Three open cases of high confidence: three items, not five (one per flag).
    expect(built.agenda.map((i: { caseId: string }) => i.caseId).sort()).toEqual(cases.map((c) => c.id).sort());
    const a1 = built.agenda.find((i: { caseId: string }) => i.caseId === caseOf('A-1').id);
    expect(a1.ruleIds).toEqual(['ca-pc-647.3', 'sfpd-psw-2017']);
    // The other flag of a case on the agenda, or the case itself, is refused: it is there already.
    const other = [flagOf('A-1', 'sfpd-psw-2017').id, flagOf('A-1', 'ca-pc-647.3').id].find((id) => id !== a1.flagId)!;
    const again = await reviewer.post(`/api/meetings/${meeting.id}/agenda`).send({ flagId: other }).expect(409);
    expect(again.body.message).toMatch(new RegExp(`^Case ${caseOf('A-1').id} is already on this meeting's agenda`));
    await reviewer.post(`/api/meetings/${meeting.id}/agenda`).send({ flagId: caseOf('A-1').id }).expect(409);
    // Undecided, the cases are one line of the minutes: their number and incident numbers (a decided case is
    // given in full with its rules: libs/reports/src/minutes.spec.ts).
    const minutes = await reviewer.get(`/api/meetings/${meeting.id}/minutes`).query({ format: 'md' }).expect(200);
    expect(minutes.text).toMatch(/3 cases on the agenda had no decision in this meeting \(by incident number\): (990000001|990000002)(, (990000001|990000002)){2}\n/);
  });

  it('the qualifying report row is named: the sentence says robbery, and the timeline marks the Robbery row among the Larceny Theft one', async () => {
    const sfpd = flagOf('A-1', 'sfpd-psw-2017');
    expect(sfpd.sentence).toMatch(/^Reported robbery \(incident 990000001\) as victim on 2024-03-09 23:05; arrested by SFPD 2024-03-09 23:40/);
    expect(sfpd.incidentCategory).toBe('Robbery');
    expect(sfpd.qualifyingRowId).toBe('ROW-ROBBERY');
    const page = (await reviewer.get(`/api/cases/${caseOf('A-1').id}`).expect(200)).body;
    const reported = page.timeline.find((e: { kind: string }) => e.kind === 'reported');
    expect(reported.label).toBe('Reported: Robbery (qualified), Larceny Theft');
    expect(reported.rows).toEqual([
      { rowId: 'ROW-LARCENY', category: 'Larceny Theft', qualifying: false },
      { rowId: 'ROW-ROBBERY', category: 'Robbery', qualifying: true },
    ]);
    expect(page.timeline.find((e: { kind: string }) => e.kind === 'occurred').label).toBe('Incident occurred: Robbery');
    // The case page: each rule inside, with its version, confidence, nexus, reasons and charges as that version reads them.
    expect(page.rules.map((r: { ruleId: string; ruleVersion: number; confidence: string; nexus: string }) => [r.ruleId, r.ruleVersion, r.confidence, r.nexus])).toEqual([
      ['ca-pc-647.3', 1, 'high', 'direct'],
      ['sfpd-psw-2017', 1, 'high', 'direct'],
    ]);
    for (const rule of page.rules) {
      expect(rule.reasons).toEqual(expect.arrayContaining(['direct_nexus', 'all_charges_protected']));
      expect(rule.policyVersion.ruleId).toBe(rule.ruleId);
      expect(rule.charges).toEqual([expect.objectContaining({ raw: '647(b) PC', parsed: 'PC 647(b)', protected: true })]);
      expect(rule.reportRoles).toEqual(['victim']);
    }
    expect(page.chargesAsWritten).toBe('647(b) PC');
    expect(page.review).toMatchObject({ caseId: caseOf('A-1').id, status: 'new', history: [] });
    await reviewer.get('/api/cases/00000000000000000000000000000000').expect(404);
  });

  it('a case is reviewed once: its flags show the case review; bulk changes take case ids', async () => {
    const a1 = caseOf('A-1').id;
    const changed = await reviewer.patch(`/api/reviews/${a1}`).send({ status: 'in_review' }).expect(200);
    expect(changed.body).toMatchObject({ caseId: a1, status: 'in_review', version: 1 });
    const ofA1 = ((await reviewer.get('/api/flags').query({ filter: JSON.stringify({ reportIncidentNumber: '990000001' }) }).expect(200)).body as Flag[]).filter(
      (f) => f.actionId === 'A-1',
    );
    expect(ofA1.map((f) => f.reviewStatus)).toEqual(['in_review', 'in_review']);
    // A flag's id names its case.
    expect((await reviewer.get(`/api/reviews/${flagOf('A-1', 'ca-pc-647.3').id}`).expect(200)).body).toMatchObject({ caseId: a1, status: 'in_review' });

    const bulk = await reviewer.post('/api/reviews/bulk').send({ caseIds: [a1, caseOf('D-1').id], status: 'confirmed_violation' }).expect(201);
    expect(bulk.body).toEqual({ changed: 2 });
    const confirmed = await reviewer.get('/api/cases').query({ filter: JSON.stringify({ reviewStatus: ['confirmed_violation'] }) }).expect(200);
    expect((confirmed.body as Case[]).map((c) => c.actionId).sort()).toEqual(['A-1', 'D-1']);
    const missing = await reviewer.post('/api/reviews/bulk').send({ caseIds: ['0'.repeat(32)], status: 'in_review' }).expect(404);
    expect(missing.body.message).toBe(`No case ${'0'.repeat(32)}`);
  });

  it('a correction that removes the evidence withdraws the case (never deleted), with its review kept', async () => {
    const a2 = caseOf('A-2').id;
    await reviewer.patch(`/api/reviews/${a2}`).send({ status: 'in_review', note: 'Looking at the booking sheet.' }).expect(200);
    // A-2 corrected: the charge was 11352 HS (sale), not protected (worked example 4): both its flags go.
    const batch = await ingest(t, 'arrests', ARREST_A2('11352 HS'));
    const summary = await t.app.get(EvaluationService).evaluate({ trigger: 'ingest', requestedBy: 'test', batchId: batch.batchId });
    // The batch's scope is P2: one case, withdrawn; the others untouched (not in scope).
    expect(summary).toMatchObject({ flagsWithdrawn: 2, flagsCurrent: 3, casesNew: 0, casesChanged: 0, casesWithdrawn: 1, casesUnchanged: 0, casesCurrent: 2 });
    const withdrawn = (await reviewer.get(`/api/cases/${a2}`).expect(200)).body;
    expect(withdrawn).toMatchObject({ status: 'withdrawn', ruleIds: ['ca-pc-647.3', 'sfpd-psw-2017'], reviewStatus: 'in_review' });
    expect(withdrawn.withdrawnAt).not.toBeNull();
    expect(withdrawn.review.history.map((e: { note: string | null }) => e.note)).toEqual(['Looking at the booking sheet.']);
    const current = await reviewer.get('/api/cases').query({ filter: JSON.stringify({ status: ['current'] }) }).expect(200);
    expect(range(current)).toBe(2);
    // The charge corrected back: the same case comes back, under the same id.
    const back = await ingest(t, 'arrests', ARREST_A2('647(b) PC'));
    expect(await t.app.get(EvaluationService).evaluate({ trigger: 'ingest', requestedBy: 'test', batchId: back.batchId })).toMatchObject({ casesNew: 1, casesWithdrawn: 0, casesCurrent: 3 });
    expect((await reviewer.get(`/api/cases/${a2}`).expect(200)).body).toMatchObject({ status: 'current', withdrawnAt: null, reviewStatus: 'in_review' });
    // An evaluation that changes nothing says so.
    expect(await evaluateNow(t)).toMatchObject({ casesNew: 0, casesChanged: 0, casesWithdrawn: 0, casesUnchanged: 3 });
  });

  it('the case history is append-only', async () => {
    await expect(t.db.query(`UPDATE case_review_event SET note = 'rewritten'`)).rejects.toThrow(/permission denied/);
    await expect(t.ownerQuery(`UPDATE case_review_event SET note = 'rewritten'`)).rejects.toThrow(/append-only: UPDATE/);
    await expect(t.ownerQuery(`DELETE FROM case_review_event`)).rejects.toThrow(/append-only: DELETE/);
  });
});

describe('reviews of flags carried over to cases (the migration)', () => {
  let u: TestApp;
  let agent: Agent;
  beforeAll(async () => {
    u = await startRecordsApp();
    await loadRecords(u, {
      incidents: [
        SHORT_INCIDENT_HEADER,
        ['2024-03-09T22:30', '2024-03-09T23:05', 'ROW-1', 'I-1', '990000001', '03074', 'Robbery', 'Mission'],
        ['2024-04-01T09:30', '2024-04-01T10:00', 'ROW-2', 'I-2', '990000002', '03074', 'Robbery', 'Bayview'],
      ],
      'incident-persons': [PERSON_HEADER, ['990000001', 'RP-000001', 'victim'], ['990000002', 'RP-000002', 'victim']],
      arrests: [
        SHORT_ARREST_HEADER,
        ['A-1', '990000001', 'RP-000001', '2024-03-09T23:40', 'SFPD', 'booked', '647(b) PC'],
        ['A-2', '990000002', 'RP-000002', '2024-04-01T11:00', 'SFPD', 'booked', '647(b) PC'],
      ],
      'da-decisions': [DA_HEADER, ['D-1', '990000001', 'RP-000001', 'Charged', '2024-03-20', 'A-1', '647B/M/0']],
    });
    await evaluateNow(u);
    agent = await u.signedIn('reviewer', 'rita.reviewer@example.org');

    // Back to the schema before cases, with reviews on flags as they were kept then (as the schema owner).
    const owner = new DataSource(dataSourceOptions(u.databaseOwnerUrl, 1));
    await owner.initialize();
    const runner = owner.createQueryRunner();
    await runner.connect();
    const migration = new Cases1765440000000();
    await runner.startTransaction();
    await migration.down(runner);
    const flag = async (actionId: string, ruleId: string) =>
      ((await runner.query(`SELECT id FROM flag WHERE action_id = $1 AND rule_id = $2`, [actionId, ruleId])) as Array<{ id: string }>)[0].id;
    const review = async (flagId: string, status: string, events: Array<[string, string | null, string, string | null]>) => {
      await runner.query(`INSERT INTO flag_review (flag_id, status, version, changed_at, changed_by) VALUES ($1, $2, $3, now(), 'Rita')`, [flagId, status, events.length]);
      for (const [at, from, to, note] of events) {
        await runner.query(`INSERT INTO flag_review_event (flag_id, kind, at, actor_name, from_value, to_value, note) VALUES ($1, 'status', $2, 'Rita', $3, $4, $5)`, [
          flagId,
          at,
          from,
          to,
          note,
        ]);
      }
    };
    // the two rules were decided differently.
    await review(await flag('A-1', 'sfpd-psw-2017'), 'confirmed_violation', [
      ['2024-05-01T10:00:00Z', 'new', 'in_review', null],
      ['2024-05-01T11:00:00Z', 'in_review', 'confirmed_violation', 'Arrested 35 minutes after reporting.'],
    ]);
    await review(await flag('A-1', 'ca-pc-647.3'), 'not_a_violation', [['2024-05-02T10:00:00Z', 'new', 'not_a_violation', 'Thought the arrest was by another agency.']]);
    // both rules confirmed.
    await review(await flag('A-2', 'sfpd-psw-2017'), 'confirmed_violation', [['2024-05-03T10:00:00Z', 'new', 'confirmed_violation', 'Clear.']]);
    await review(await flag('A-2', 'ca-pc-647.3'), 'confirmed_violation', [['2024-05-03T10:05:00Z', 'new', 'confirmed_violation', 'Clear too.']]);
    // D-1: never reviewed.
    await migration.up(runner);
    await runner.commitTransaction();
    await runner.release();
    await owner.destroy();
    // The app role's grants on the tables the migration made again.
    await migrateDatabase({ url: u.databaseUrl, ownerUrl: u.databaseOwnerUrl });
  });
  afterAll(async () => u?.close());

  const caseByAction = async (actionId: string) => ((await agent.get('/api/cases').expect(200)).body as Case[]).find((c) => c.actionId === actionId)!;

  it('different decisions: the case needs a decision (in review), with both histories and a carried-over event naming each rule', async () => {
    const a1 = await caseByAction('A-1');
    expect(a1.reviewStatus).toBe('in_review');
    const { review } = (await agent.get(`/api/cases/${a1.id}`).expect(200)).body;
    expect(review.history.map((e: { kind: string; ruleId: string | null; from: string | null; to: string | null; note: string | null }) => [e.kind, e.ruleId, e.from, e.to, e.note])).toEqual([
      ['status', 'sfpd-psw-2017', 'new', 'in_review', null],
      ['status', 'sfpd-psw-2017', 'in_review', 'confirmed_violation', 'Arrested 35 minutes after reporting.'],
      ['status', 'ca-pc-647.3', 'new', 'not_a_violation', 'Thought the arrest was by another agency.'],
      [
        'carried_over',
        null,
        null,
        'in_review',
        'Needs a decision: the rule flags of this case had different reviews (ca-pc-647.3 v1: not a violation; sfpd-psw-2017 v1: confirmed violation). Both histories are kept below.',
      ],
    ]);
    // From there, a decision is an ordinary review change.
    await agent.patch(`/api/reviews/${a1.id}`).send({ status: 'confirmed_violation', version: review.version }).expect(200);
  });

  it('equal decisions carry over as that decision; an unreviewed case stays new', async () => {
    const a2 = await caseByAction('A-2');
    expect(a2.reviewStatus).toBe('confirmed_violation');
    const { review } = (await agent.get(`/api/cases/${a2.id}`).expect(200)).body;
    expect(review.history.map((e: { kind: string; note: string | null }) => [e.kind, e.note])).toEqual([
      ['status', 'Clear.'],
      ['status', 'Clear too.'],
      ['carried_over', 'Reviews carried over from the 2 rule flag(s) of this case, which agreed: ca-pc-647.3 v1: confirmed violation; sfpd-psw-2017 v1: confirmed violation.'],
    ]);
    const d1 = await caseByAction('D-1');
    expect(d1.reviewStatus).toBe('new');
    expect((await agent.get(`/api/reviews/${d1.id}`).expect(200)).body.history).toEqual([]);
  });
});
