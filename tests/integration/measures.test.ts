import { EvaluationService } from '../../apps/api/src/compliance/evaluation/evaluation.service';
import { csv, ingest, PERSON_HEADER, SHORT_ARREST_HEADER, SHORT_INCIDENT_HEADER, TEST_PERSON_KEY_SECRET } from '../support/ingest-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { loadAgencyBaseMonth } from '../support/agency-base-city';

/*
 * The measures of compliance-rules.md §8 on a hand-made month set (a database of its own):
 *   2024-03: three robberies reported in Mission, victims MP-1, MP-2, MP-3.
 *            MP-1 arrested by SFPD in the same incident for 647(b): high.
 *            MP-2 arrested by SFPD in the same incident for 11377(a) HS/M and 459 PC/F: low (mixed felony).
 *            MP-3: no action.
 *   2024-04: nothing reported (the rate is undefined, not 100%).
 *   2024-05: one robbery reported in Bayview, victim MP-4, no action.
 * Expected, worked by hand: sfpd-psw-2017 at the default threshold (medium) counts MP-1 only. Every base here is under
 * 20 reports, so no rate is given (issue 11): `rateWithheld` says why. January 2023 (tests/support/agency-base-city.ts)
 * has rates: 30 eligible reports; SFPD acted against 24 reporters (2 flagged), BART against 6 (1 flagged).
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ PERSON_KEY_SECRET: TEST_PERSON_KEY_SECRET });
  const incidents = SHORT_INCIDENT_HEADER;
  await ingest(
    t,
    'incidents',
    csv([
      incidents,
      ['2024-03-05T20:00', '2024-03-05T21:00', 'M100103074', 'M1001', '960000001', '03074', 'Robbery', 'Mission'],
      ['2024-03-12T20:00', '2024-03-12T21:00', 'M100203074', 'M1002', '960000002', '03074', 'Robbery', 'Mission'],
      ['2024-03-20T20:00', '2024-03-20T21:00', 'M100303074', 'M1003', '960000003', '03074', 'Robbery', 'Mission'],
      ['2024-05-02T20:00', '2024-05-02T21:00', 'M100403074', 'M1004', '960000004', '03074', 'Robbery', 'Bayview'],
    ]),
  );
  await ingest(
    t,
    'incident-persons',
    csv([
      PERSON_HEADER,
      ['960000001', 'MP-000001', 'victim'],
      ['960000002', 'MP-000002', 'victim'],
      ['960000003', 'MP-000003', 'victim'],
      ['960000004', 'MP-000004', 'victim'],
    ]),
  );
  await ingest(
    t,
    'arrests',
    csv([
      SHORT_ARREST_HEADER,
      ['MA-1', '960000001', 'MP-000001', '2024-03-05T22:00', 'SFPD', 'booked', '647(b) PC'],
      ['MA-2', '960000002', 'MP-000002', '2024-03-12T22:00', 'SFPD', 'booked', '11377(a) HS/M;459 PC/F'],
    ]),
  );
  await loadAgencyBaseMonth(t);
  await t.app.get(EvaluationService).evaluate({ trigger: 'on-demand', requestedBy: 'test' });
});

/** A row of 2024: every base under 20, so no rate; the confirmed one waits for a review first. */
const small = (ruleId: string, key: string | null, eligible: number, flagged: number, { base = eligible, confirmed = 0, reviewed = false } = {}) => ({
  ruleId,
  key,
  eligibleReports: eligible,
  flaggedReports: flagged,
  baseReports: base,
  complianceRate: null,
  rateWithheld: base === 0 ? 'no-reports' : 'too-few',
  confirmedReports: confirmed,
  confirmedComplianceRate: null,
  confirmedRateWithheld: base === 0 ? 'no-reports' : reviewed ? 'too-few' : 'no-review',
});
afterAll(async () => t?.close());

const sfpd = (rows: Array<{ ruleId: string }>) => rows.filter((r) => r.ruleId === 'sfpd-psw-2017');

describe('compliance measures', () => {
  it('by month: eligible and flagged reports and the rate, with an undefined rate for a month without eligible reports', async () => {
    const analyst = await t.signedIn('analyst');
    const res = await analyst.get('/api/measures').query({ from: '2024-03', to: '2024-05' }).expect(200);
    expect(res.body).toMatchObject({ groupBy: 'month', threshold: 'medium', from: '2024-03', to: '2024-05' });
    // Never a 100% (or 66.7%) on 3 reports: the counts, and why there is no rate.
    expect(sfpd(res.body.rows)).toEqual([small('sfpd-psw-2017', '2024-03', 3, 1), small('sfpd-psw-2017', '2024-04', 0, 0), small('sfpd-psw-2017', '2024-05', 1, 0)]);
    // The DA policy covers the same reports; nothing was charged.
    expect(res.body.rows.find((r: { ruleId: string; key: string }) => r.ruleId === 'sfda-psw-2018' && r.key === '2024-03')).toEqual(small('sfda-psw-2018', '2024-03', 3, 0));
    expect(res.body.rows.some((r: { ruleId: string }) => r.ruleId === 'ca-sb357-repeal')).toBe(false);
  });

  it('takes the confidence threshold: at low, the mixed-felony arrest counts too', async () => {
    const analyst = await t.signedIn('analyst');
    const res = await analyst.get('/api/measures').query({ from: '2024-03', to: '2024-03', threshold: 'low', rule: 'sfpd-psw-2017' }).expect(200);
    expect(res.body.rows).toEqual([small('sfpd-psw-2017', '2024-03', 3, 2)]);
    const high = await analyst.get('/api/measures').query({ from: '2024-03', to: '2024-03', threshold: 'high', rule: 'sfpd-psw-2017' }).expect(200);
    expect(high.body.rows[0]).toMatchObject({ flaggedReports: 1 });
  });

  it('by police district, incident category and agency', async () => {
    const analyst = await t.signedIn('analyst');
    const query = { from: '2024-03', to: '2024-05', rule: 'sfpd-psw-2017' };
    const byDistrict = await analyst.get('/api/measures').query({ ...query, groupBy: 'district' }).expect(200);
    expect(byDistrict.body.rows).toEqual([small('sfpd-psw-2017', 'Bayview', 1, 0), small('sfpd-psw-2017', 'Mission', 3, 1)]);
    const byCategory = await analyst.get('/api/measures').query({ ...query, groupBy: 'category' }).expect(200);
    expect(byCategory.body.rows).toEqual([small('sfpd-psw-2017', 'Robbery', 4, 1)]);
    // SFPD arrested MP-1 and MP-2 after their reports: its base is 2 of the 4 eligible reports.
    const byAgency = await analyst.get('/api/measures').query({ ...query, groupBy: 'agency' }).expect(200);
    expect(byAgency.body.rows).toEqual([small('sfpd-psw-2017', 'SFPD', 4, 1, { base: 2 })]);
    const filtered = await analyst.get('/api/measures').query({ ...query, district: 'Bayview' }).expect(200);
    expect(filtered.body.rows.map((r: { eligibleReports: number }) => r.eligibleReports)).toEqual([0, 0, 1]);
  });

  it('is case-level: a viewer gets 403 (issue 12: viewers see the released set, on the dashboard)', async () => {
    const viewer = await t.signedIn('viewer');
    await viewer.get('/api/measures').query({ from: '2024-03', to: '2024-05', rule: 'sfpd-psw-2017' }).expect(403);
    for (const groupBy of ['month', 'district', 'category', 'agency']) await viewer.get('/api/measures').query({ groupBy }).expect(403);
    // Every case-level role gets exact counts, small ones included: March 2024 under the bulletin, 3 eligible, 1 flagged.
    for (const role of ['reviewer', 'analyst', 'admin'] as const) {
      const agent = await t.signedIn(role);
      const res = await agent.get('/api/measures').query({ from: '2024-03', to: '2024-03', rule: 'sfpd-psw-2017' }).expect(200);
      expect(res.body.rows).toEqual([small('sfpd-psw-2017', '2024-03', 3, 1)]);
    }
  });

  it('measures an agency against the reports whose reporter it later acted against (January 2023)', async () => {
    const analyst = await t.signedIn('analyst');
    const res = await analyst.get('/api/measures').query({ from: '2023-01', to: '2023-01', groupBy: 'agency' }).expect(200);
    const none = { confirmedReports: 0, confirmedComplianceRate: null, confirmedRateWithheld: 'no-review' };
    expect(res.body.rows).toEqual([
      // PC 647.3 audits every agency's arrests.
      { ruleId: 'ca-pc-647.3', key: 'BART', eligibleReports: 30, flaggedReports: 1, baseReports: 6, complianceRate: null, rateWithheld: 'too-few', ...none },
      { ruleId: 'ca-pc-647.3', key: 'SFPD', eligibleReports: 30, flaggedReports: 2, baseReports: 24, complianceRate: expect.closeTo(1 - 2 / 24, 10), rateWithheld: null, ...none },
      // The SFPD bulletin audits SFPD only; the DA policy has no occasion (nobody was charged): no row.
      { ruleId: 'sfpd-psw-2017', key: 'SFPD', eligibleReports: 30, flaggedReports: 2, baseReports: 24, complianceRate: expect.closeTo(1 - 2 / 24, 10), rateWithheld: null, ...none },
    ]);
    // By month the base is every eligible report: 1 - 3/30 under 647.3 (BP-01, BP-02, BP-30), 1 - 2/30 under the bulletin.
    const byMonth = await analyst.get('/api/measures').query({ from: '2023-01', to: '2023-01' }).expect(200);
    expect(byMonth.body.rows.map((r: Record<string, unknown>) => [r.ruleId, r.baseReports, r.flaggedReports, r.complianceRate, r.rateWithheld])).toEqual([
      ['ca-pc-647.3', 30, 3, expect.closeTo(0.9, 10), null],
      ['sfda-psw-2018', 30, 0, 1, null],
      ['sfpd-psw-2017', 30, 2, expect.closeTo(1 - 2 / 30, 10), null],
    ]);
  });

  it('refuses what it cannot measure, saying why', async () => {
    const reviewer = await t.signedIn('reviewer');
    expect((await reviewer.get('/api/measures').query({ groupBy: 'week' }).expect(400)).body.message).toEqual(expect.arrayContaining([expect.stringMatching(/groupBy must be one of/)]));
    expect((await reviewer.get('/api/measures').query({ rule: 'ca-sb357-repeal' }).expect(400)).body.message).toMatch(/no reports to measure/);
    expect((await reviewer.get('/api/measures').query({ from: '2024-13' }).expect(400)).body.message).toEqual(expect.arrayContaining([expect.stringMatching(/from must be a month/)]));
    await t.request().get('/api/measures').expect(401);
  });

  // Runs last: it changes reviews. compliance-rules.md §8: confirmed variants count only confirmed flags; dismissed never count.
  it('reviews feed the measures: a confirmed flag counts in the confirmed variant, a dismissed one in none', async () => {
    const reviewer = await t.signedIn('reviewer');
    const flags = (await reviewer.get('/api/flags').query({ filter: JSON.stringify({ ruleId: 'sfpd-psw-2017' }), range: '[0,99]' }).expect(200)).body as Array<{ id: string; actionId: string }>;
    const high = flags.find((f) => f.actionId === 'MA-1')!;
    const low = flags.find((f) => f.actionId === 'MA-2')!;
    await reviewer.patch(`/api/reviews/${high.id}`).send({ status: 'confirmed_violation' }).expect(200);
    await reviewer.patch(`/api/reviews/${low.id}`).send({ status: 'data_error', note: 'the 459 charge belongs to another person' }).expect(200);

    const query = { from: '2024-03', to: '2024-03', rule: 'sfpd-psw-2017' };
    const medium = await reviewer.get('/api/measures').query(query).expect(200);
    // A case was decided: the confirmed rate now waits only for enough reports.
    expect(medium.body.rows).toEqual([small('sfpd-psw-2017', '2024-03', 3, 1, { confirmed: 1, reviewed: true })]);
    // At low, MA-2 counted before (2 flagged); dismissed, it counts no more.
    const low2 = await reviewer.get('/api/measures').query({ ...query, threshold: 'low' }).expect(200);
    expect(low2.body.rows[0]).toMatchObject({ flaggedReports: 1, confirmedReports: 1 });
    const byAgency = await reviewer.get('/api/measures').query({ ...query, groupBy: 'agency', threshold: 'low' }).expect(200);
    expect(byAgency.body.rows).toEqual([small('sfpd-psw-2017', 'SFPD', 3, 1, { base: 2, confirmed: 1, reviewed: true })]);
    // Reopened, the confirmation no longer counts as confirmed (but the flag still counts as flagged).
    await reviewer.patch(`/api/reviews/${high.id}`).send({ status: 'in_review', note: 'new information from the DA' }).expect(200);
    const reopened = await reviewer.get('/api/measures').query(query).expect(200);
    // No case of the slice is decided any more (MA-2's dismissal is of low confidence, outside the medium threshold).
    expect(reopened.body.rows[0]).toMatchObject({ flaggedReports: 1, confirmedReports: 0, confirmedComplianceRate: null, confirmedRateWithheld: 'no-review' });
  });
});
