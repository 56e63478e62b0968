import { EvaluationService } from '../../apps/api/src/compliance/evaluation/evaluation.service';
import { csv, ingest, PERSON_HEADER, SHORT_INCIDENT_HEADER, TEST_PERSON_KEY_SECRET } from '../support/ingest-helpers';
import { loadFiveReportCity } from '../support/five-report-city';
import { startTestApp, type TestApp } from '../support/test-app';
import { loadAgencyBaseMonth } from '../support/agency-base-city';

/*
 * GET /api/dashboard on hand-made data (a database of its own). Five robbery victims, reports in 2024:
 *   980000001 Mission    03-05  DP-1 arrested by SFPD the same evening for 647(b): high under sfpd-psw-2017 and ca-pc-647.3 (2 flags)
 *   980000002 Tenderloin 03-12  DP-2 charged by the DA (Charged, 647B/M/0) on 03-14: high under sfda-psw-2018 (1 flag, agency SFDA)
 *   980000003 Mission    04-02  DP-3 arrested by SFPD for 11377(a) HS/M and 459 PC/F: low under both arrest rules (2 flags)
 *   980000004 Tenderloin 05-02  DP-4 arrested by SFPD on 05-03 for 459 PC/F only: not protected, no flag
 *   980000005 Bayview    05-10  DP-5 nothing
 * Every report is eligible under the three report rules; a report counts once overall. Cases (issue 11): one per
 * arrest or DA decision, so DP-1's arrest is 1 case (2 flags), DP-2's charge 1 case, DP-3's arrest 1 case (2 low flags).
 * Every base here is under 20 reports: no rate is given, only counts (issue 11). The bases of the agencies: SFDA
 * charged DP-2 after the report (1); SFPD arrested DP-1, DP-3 and DP-4 after their reports (3, one a month).
 * A second data set, January 2023 (tests/support/agency-base-city.ts), has bases large enough for rates; its agency
 * BART has flags, so it is one of the agencies in 2024 too (with nothing to measure there).
 * Worked by hand below.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ PERSON_KEY_SECRET: TEST_PERSON_KEY_SECRET });
  await loadFiveReportCity(t);
  await loadAgencyBaseMonth(t);
  await t.app.get(EvaluationService).evaluate({ trigger: 'on-demand', requestedBy: 'test' });
});
afterAll(async () => t?.close());

const PERIOD = { from: '2024-03', to: '2024-05' };
const REPORT_RULES = ['sfpd-psw-2017', 'sfda-psw-2018', 'ca-pc-647.3'];
/** Figures of 2024, where every base is under 20: no rate, and why (no reports at all, too few, no case decided yet). */
const figures = (eligibleReports: number, flaggedReports: number, flags: number, cases: number, { confirmed = 0, base = eligibleReports, reviewed = false } = {}) => ({
  eligibleReports,
  flaggedReports,
  confirmedReports: confirmed,
  baseReports: base,
  flags,
  cases,
  complianceRate: null,
  rateWithheld: base === 0 ? 'no-reports' : 'too-few',
  confirmedComplianceRate: null,
  confirmedRateWithheld: base === 0 ? 'no-reports' : reviewed ? 'too-few' : 'no-review',
});

describe('GET /api/dashboard', () => {
  it('is for everyone signed in (aggregates only), never for anonymous callers', async () => {
    await t.request().get('/api/dashboard').expect(401);
    await (await t.signedIn('viewer')).get('/api/dashboard').query(PERIOD).expect(200);
  });

  it('gives the cards, per agency and overall, at the default threshold (medium)', async () => {
    const res = await (await t.signedIn('analyst')).get('/api/dashboard').query(PERIOD).expect(200);
    expect(res.body.query).toEqual({ from: '2024-03', to: '2024-05', threshold: 'medium' });
    expect(res.body.defaultPeriod).toBe(false);
    // 5 reports; DP-1 (2 flags, 1 case) and DP-2 (1 flag, 1 case) flagged; DP-3's flags are low.
    expect(res.body.overall).toEqual(figures(5, 2, 3, 2));
    expect(res.body.perAgency).toEqual([
      { agency: 'BART', ...figures(5, 0, 0, 0, { base: 0 }) },
      { agency: 'SFDA', ...figures(5, 1, 1, 1, { base: 1 }) },
      { agency: 'SFPD', ...figures(5, 1, 2, 1, { base: 3 }) },
    ]);
    // Reviews are of cases: two to decide.
    expect(res.body.openReviews).toBe(2);
    expect(res.body.agencies).toEqual(['BART', 'SFDA', 'SFPD']);
    expect(res.body.districts).toEqual(['Bayview', 'Mission', 'Richmond', 'Tenderloin']);
  });

  it('gives every month of the period for every agency, and the policy starts to mark', async () => {
    const res = await (await t.signedIn('analyst')).get('/api/dashboard').query(PERIOD).expect(200);
    expect(res.body.monthly).toEqual([
      { agency: 'BART', month: '2024-03', ...figures(2, 0, 0, 0, { base: 0 }) },
      { agency: 'BART', month: '2024-04', ...figures(1, 0, 0, 0, { base: 0 }) },
      { agency: 'BART', month: '2024-05', ...figures(2, 0, 0, 0, { base: 0 }) },
      { agency: 'SFDA', month: '2024-03', ...figures(2, 1, 1, 1, { base: 1 }) },
      { agency: 'SFDA', month: '2024-04', ...figures(1, 0, 0, 0, { base: 0 }) },
      { agency: 'SFDA', month: '2024-05', ...figures(2, 0, 0, 0, { base: 0 }) },
      { agency: 'SFPD', month: '2024-03', ...figures(2, 1, 2, 1, { base: 1 }) },
      { agency: 'SFPD', month: '2024-04', ...figures(1, 0, 0, 0, { base: 1 }) },
      { agency: 'SFPD', month: '2024-05', ...figures(2, 0, 0, 0, { base: 1 }) },
    ]);
    expect(res.body.policyStarts).toEqual([
      expect.objectContaining({ ruleId: 'sfpd-psw-2017', effectiveFrom: '2017-12-01', month: '2017-12', version: 1 }),
      expect.objectContaining({ ruleId: 'sfda-psw-2018', month: '2018-01', version: 1 }),
      expect.objectContaining({ ruleId: 'ca-pc-647.3', effectiveFrom: '2020-01-01', month: '2020-01', version: 1 }),
    ]);
  });

  it('gives flags by district and category, the path from reports to flags, and review status', async () => {
    const res = await (await t.signedIn('analyst')).get('/api/dashboard').query(PERIOD).expect(200);
    expect(res.body.byDistrict).toEqual([
      { key: 'Mission', flags: 2, cases: 1 },
      { key: 'Tenderloin', flags: 1, cases: 1 },
    ]);
    expect(res.body.byCategory).toEqual([{ key: 'Robbery', flags: 3, cases: 2 }]);
    // Arrested after reporting: DP-1, DP-3, DP-4; charged: DP-2.
    expect(res.body.funnel).toEqual({ eligibleReports: 5, arrestedAfter: 3, chargedAfter: 1, flaggedReports: 2 });
    expect(res.body.reviewStatus).toEqual([
      { status: 'new', flags: 3, cases: 2 },
      { status: 'in_review', flags: 0, cases: 0 },
      { status: 'confirmed_violation', flags: 0, cases: 0 },
      { status: 'not_a_violation', flags: 0, cases: 0 },
      { status: 'policy_exception', flags: 0, cases: 0 },
      { status: 'data_error', flags: 0, cases: 0 },
    ]);
  });

  /*
   * The comparison strip (issue 14), worked by hand before any review (all rules, medium and above). The months with
   * reports: 2023-01 (the agency-base month: 30 eligible, 3 flagged reports, 5 flags, 3 cases, rate 1 - 3/30 = 0.9)
   * and 2024-03..05 (5 eligible, 2 flagged, 3 flags, 2 cases; under 20 reports: no rate). The loaded data starts
   * 2023-01-01, so a period wholly before it has no data.
   */
  it('compares the period with the one before and the same months a year earlier, as counts and rates', async () => {
    const analyst = await t.signedIn('analyst');
    const change = (c: number | null, relative: number | null = null, withheld: string | null = null) => ({ change: c, relative, withheld });
    const near = (c: number, relative: number | null) => ({ change: expect.closeTo(c, 10), relative: relative === null ? null : expect.closeTo(relative, 10), withheld: null });

    // 2023-01..2024-05 (17 months): 35 eligible, 5 flagged, 8 flags, 5 cases, rate 1 - 5/35. The 17 months before
    // (2021-08..2022-12) have no data; a year earlier, 2022-01..2023-05, holds 2023-01 only.
    const long = (await analyst.get('/api/dashboard').query({ from: '2023-01', to: '2024-05' }).expect(200)).body.comparison;
    expect(long.label).toBe('January 2023 to May 2024');
    expect(long.sameComparison).toBe(false);
    const [previous, yearEarlier] = long.periods;
    expect(previous).toMatchObject({ kind: 'previous', from: '2021-08', to: '2022-12', hasData: false, figures: null });
    for (const key of ['eligibleReports', 'flaggedReports', 'flags', 'cases']) expect(previous.counts[key]).toEqual(change(null, null, 'no-data'));
    expect(previous.complianceRate).toEqual(change(null, null, 'no-data'));
    expect(yearEarlier).toMatchObject({ kind: 'yearEarlier', from: '2022-01', to: '2023-05', label: 'January 2022 to May 2023', hasData: true });
    expect(yearEarlier.figures).toMatchObject({ eligibleReports: 30, flaggedReports: 3, flags: 5, cases: 3, complianceRate: expect.closeTo(0.9, 10) });
    expect(yearEarlier.counts).toEqual({
      eligibleReports: near(5, 5 / 30),
      flaggedReports: near(2, 2 / 3),
      flags: near(3, 3 / 5),
      cases: near(2, 2 / 3),
    });
    // (1 - 5/35) - (1 - 3/30) = 0.857142... - 0.9: down 4.3 points.
    expect(yearEarlier.complianceRate).toEqual({ change: expect.closeTo(1 - 5 / 35 - 0.9, 10), relative: null, withheld: null });

    // 2024-01..05 against 2023-08..12 (no report, but within the data: zeros) and 2023-01..05 (the agency-base month).
    const recent = (await analyst.get('/api/dashboard').query({ from: '2024-01', to: '2024-05' }).expect(200)).body.comparison;
    expect(recent.periods[0]).toMatchObject({ from: '2023-08', to: '2023-12', hasData: true, figures: { eligibleReports: 0, flaggedReports: 0, flags: 0, cases: 0, rateWithheld: 'no-reports' } });
    // From 0 there is a change but no share of it.
    expect(recent.periods[0].counts).toEqual({ eligibleReports: change(5), flaggedReports: change(2), flags: change(3), cases: change(2) });
    // 5 reports give no rate: nothing to compare.
    expect(recent.periods[0].complianceRate).toEqual(change(null, null, 'no-rate'));
    expect(recent.periods[1].counts).toEqual({
      eligibleReports: near(-25, -25 / 30),
      flaggedReports: near(-1, -1 / 3),
      flags: near(-2, -2 / 5),
      cases: near(-1, -1 / 3),
    });
    expect(recent.periods[1].complianceRate).toEqual(change(null, null, 'no-rate'));

    // A 12-month period: the period before is the year before; said once.
    const year = (await analyst.get('/api/dashboard').query({ from: '2024-01', to: '2024-12' }).expect(200)).body.comparison;
    expect(year.sameComparison).toBe(true);
    expect(year.periods.map((p: { from: string; to: string }) => `${p.from}..${p.to}`)).toEqual(['2023-01..2023-12', '2023-01..2023-12']);
    expect(year.periods[0].counts.flaggedReports).toEqual(near(-1, -1 / 3));
  });

  it("a viewer's comparison is of released cells: a change resting on a hidden count is not shown", async () => {
    const viewer = await t.signedIn('viewer');
    const analyst = await t.signedIn('analyst');
    // February 2023 (nothing reported) against January 2023: the analyst sees 3 fewer flagged reports...
    const internal = (await analyst.get('/api/dashboard').query({ from: '2023-02', to: '2023-02' }).expect(200)).body.comparison;
    expect(internal.periods[0].counts.flaggedReports).toEqual({ change: -3, relative: -1, withheld: null });
    expect(internal.periods[0].counts.eligibleReports).toEqual({ change: -30, relative: -1, withheld: null });

    // ...a viewer sees January's 3 flagged reports, 5 flags and 3 cases hidden (under 11), so no change of them.
    const res = (await viewer.get('/api/dashboard').query({ from: '2023-02', to: '2023-02' }).expect(200)).body;
    expect(res.release.period.id).toBe('2023-02');
    const { comparison } = res;
    expect(comparison.label).toBe('February 2023');
    const [previous, yearEarlier] = comparison.periods;
    expect(previous).toMatchObject({ kind: 'previous', from: '2023-01', to: '2023-01', hasData: true });
    expect(previous.figures).toMatchObject({ flaggedReports: null, flags: null, cases: null, complianceRate: null, rateWithheld: 'suppressed' });
    for (const key of ['flaggedReports', 'flags', 'cases']) expect(previous.counts[key]).toEqual({ change: null, relative: null, withheld: 'suppressed' });
    expect(previous.complianceRate).toEqual({ change: null, relative: null, withheld: 'suppressed' });
    // The change of two shown cells is shown; February 2022 is before the released years: no data.
    expect(res.overall.eligibleReports).toBe(0);
    expect(previous.figures.eligibleReports).toBe(30);
    expect(previous.counts.eligibleReports).toEqual({ change: -30, relative: -1, withheld: null });
    expect(yearEarlier).toMatchObject({ kind: 'yearEarlier', from: '2022-02', to: '2022-02', hasData: false, figures: null });

    // The year 2024 against 2023 (the same period twice): 2024's 5 eligible reports are hidden, and every change with them.
    const year = (await viewer.get('/api/dashboard').query({ from: '2024-01', to: '2024-12' }).expect(200)).body;
    expect(year.comparison.sameComparison).toBe(true);
    expect(year.overall.eligibleReports).toBeNull();
    expect(year.comparison.periods[0].counts.eligibleReports).toEqual({ change: null, relative: null, withheld: 'suppressed' });
    // Everywhere: a change is given only where both counts are shown, and is their difference.
    for (const body of [res, year]) {
      for (const p of body.comparison.periods) {
        for (const key of ['eligibleReports', 'flaggedReports', 'flags', 'cases']) {
          const c = p.counts[key];
          if (c.change === null) continue;
          expect(body.overall[key]).not.toBeNull();
          expect(p.figures[key]).not.toBeNull();
          expect(c.change).toBe(body.overall[key] - p.figures[key]);
        }
      }
    }
  });

  it('takes the threshold, rule, agency and district filters', async () => {
    const analyst = await t.signedIn('analyst');
    const low = (await analyst.get('/api/dashboard').query({ ...PERIOD, threshold: 'low' }).expect(200)).body;
    expect(low.overall).toEqual(figures(5, 3, 5, 3));
    expect(low.perAgency.find((a: { agency: string }) => a.agency === 'SFPD')).toEqual({ agency: 'SFPD', ...figures(5, 2, 4, 2, { base: 3 }) });
    const sfda = (await analyst.get('/api/dashboard').query({ ...PERIOD, agency: 'SFDA' }).expect(200)).body;
    expect(sfda.overall).toEqual(figures(5, 1, 1, 1));
    expect(sfda.perAgency.map((a: { agency: string }) => a.agency)).toEqual(['SFDA']);
    const mission = (await analyst.get('/api/dashboard').query({ ...PERIOD, district: 'Mission' }).expect(200)).body;
    expect(mission.overall).toEqual(figures(2, 1, 2, 1));
    const rule = (await analyst.get('/api/dashboard').query({ ...PERIOD, rule: 'sfpd-psw-2017' }).expect(200)).body;
    expect(rule.overall).toEqual(figures(5, 1, 1, 1));
    expect(rule.perAgency).toEqual([{ agency: 'SFPD', ...figures(5, 1, 1, 1, { base: 3 }) }]);
    const april = (await analyst.get('/api/dashboard').query({ from: '2024-04', to: '2024-04' }).expect(200)).body;
    expect(april.overall).toEqual(figures(1, 0, 0, 0));
  });

  it('a viewer gets the released set (issue 12): a whole year, small counts hidden, no review statuses', async () => {
    const viewer = await t.signedIn('viewer');
    const res = (await viewer.get('/api/dashboard').query({ from: '2024-01', to: '2024-12' }).expect(200)).body;
    expect(res.release).toMatchObject({ period: { kind: 'year', id: '2024', from: '2024-01', to: '2024-12' }, snapped: null, audit: { passed: true } });
    expect(res.suppression).toEqual({ threshold: 11, label: '<11' });
    // 5 eligible, 2 flagged, 3 flags: hidden; nothing confirmed: 0 is shown. A hidden base never says "too few
    // reports" (that would bound it): the rate is "suppressed".
    expect(res.overall).toEqual({
      eligibleReports: null,
      flaggedReports: null,
      confirmedReports: 0,
      baseReports: null,
      flags: null,
      cases: null,
      complianceRate: null,
      rateWithheld: 'suppressed',
      confirmedComplianceRate: null,
      confirmedRateWithheld: 'no-review',
    });
    // Every district, in the order of names (never of counts); none had a flag in 2024 but Mission and Tenderloin.
    const districts = res.byDistrict.map((d: { key: string | null }) => d.key);
    expect(districts).toEqual([...districts].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b, 'en'))));
    for (const d of res.byDistrict as Array<{ key: string; flags: number | null; cases: number | null }>) {
      expect([d.flags, d.cases]).toEqual(d.key === 'Mission' || d.key === 'Tenderloin' ? [null, null] : [0, 0]);
    }
    expect(res.reviewStatus).toEqual([]);
    expect(res.openReviews).toBeNull();
    expect(res.funnel).toEqual({ eligibleReports: null, arrestedAfter: null, chargedAfter: null, flaggedReports: null });
    const march = res.monthly.filter((m: { month: string }) => m.month === '2024-03');
    expect(march.map((m: { agency: string; flags: number | null; cases: number | null; eligibleReports: number | null }) => [m.agency, m.flags, m.cases, m.eligibleReports])).toEqual([
      ['BART', 0, 0, null],
      ['SFDA', null, null, null],
      ['SFPD', null, null, null],
    ]);
    expect(res.monthly).toHaveLength(3 * 12);
    // Another period, filters or threshold: the year's figures, and a sentence saying what was changed.
    const asked = (await viewer.get('/api/dashboard').query({ ...PERIOD, rule: 'sfpd-psw-2017', threshold: 'low' }).expect(200)).body;
    expect(asked.release.period.id).toBe('2024');
    expect(asked.release.snapped).toBe(
      'Figures are released for whole months, quarters and years only: showing 2024 instead of March to May 2024. Viewers see every rule, agency and district together, at medium confidence and above: the rule and confidence filters were not applied.',
    );
    expect(asked.overall).toEqual(res.overall);
    // No number from 1 to 10 anywhere in what the viewer receives (the months are text, the threshold is 11).
    const numbers = JSON.stringify({ ...res, query: undefined, policyStarts: undefined, suppression: undefined, dataRange: undefined, release: undefined }).match(/:(\d+(\.\d+)?)[,}]/g) ?? [];
    expect(numbers.filter((n) => /^:(10|[1-9])[,}]$/.test(n))).toEqual([]);
    // A case-level role gets the counts.
    const analystAgent = await t.signedIn('analyst');
    const analyst = (await analystAgent.get('/api/dashboard').query(PERIOD).expect(200)).body;
    expect(analyst.suppression).toBeNull();
    expect(analyst.overall.eligibleReports).toBe(5);
    // The Policies page's count of flags a version produced is about cases too: DP-1's and DP-3's arrests under
    // sfpd-psw-2017, and BP-01's and BP-02's of January 2023.
    expect((await analystAgent.get('/api/policy-versions/sfpd-psw-2017:1').expect(200)).body.flagCount).toBe(4);
    expect((await viewer.get('/api/policy-versions/sfpd-psw-2017:1').expect(200)).body.flagCount).toBeNull();
    const listed = (await viewer.get('/api/policy-versions').expect(200)).body as Array<{ id: string; flagCount: number | null }>;
    expect(listed.find((v) => v.id === 'sfpd-psw-2017:1')?.flagCount).toBeNull();
    // Issue 12: not even a zero or a large count (beside a released total, one version's would give another's away).
    expect(listed.find((v) => v.id === 'ca-sb357-repeal:1')?.flagCount).toBeNull();
    expect(listed.every((v) => v.flagCount === null)).toBe(true);
    expect((await analystAgent.get('/api/policy-versions/ca-sb357-repeal:1').expect(200)).body.flagCount).toBe(0);
  });

  it('each count of cases is what the cases list returns for the same slice (click-through), and each count of flags the flags list', async () => {
    const reviewer = await t.signedIn('reviewer');
    const dashboard = (await reviewer.get('/api/dashboard').query(PERIOD).expect(200)).body;
    const base = { status: ['current'], confidence: ['high', 'medium'], reviewStatus: ['new', 'in_review', 'confirmed_violation'], ruleId: REPORT_RULES, reportFrom: '2024-03-01', reportUntil: '2024-05-31' };
    for (const [list, field] of [
      ['cases', 'cases'],
      ['flags', 'flags'],
    ] as const) {
      const total = async (filter: Record<string, unknown>) => {
        const res = await reviewer.get(`/api/${list}`).query({ filter: JSON.stringify(filter), range: '[0,0]' }).expect(200);
        return Number(/\/(\d+)$/.exec(res.headers['content-range'])![1]);
      };
      expect(await total(base)).toBe(dashboard.overall[field]);
      for (const d of dashboard.byDistrict) expect(await total({ ...base, policeDistrict: d.key })).toBe(d[field]);
      for (const c of dashboard.byCategory) expect(await total({ ...base, incidentCategory: c.key })).toBe(c[field]);
      for (const a of dashboard.perAgency) expect(await total({ ...base, agency: a.agency })).toBe(a[field]);
      for (const m of dashboard.monthly) {
        const [y, mo] = m.month.split('-').map(Number);
        const last = new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
        expect(await total({ ...base, agency: m.agency, reportFrom: `${m.month}-01`, reportUntil: last })).toBe(m[field]);
      }
    }
    // By hand: 2 cases (DP-1's arrest, DP-2's charge) of 3 flags.
    expect([dashboard.overall.cases, dashboard.overall.flags]).toEqual([2, 3]);
  });

  // Runs last: it changes reviews.
  it('reviews feed it: confirmed cases make the confirmed rate, dismissed cases stop counting', async () => {
    const reviewer = await t.signedIn('reviewer');
    const flags = (await reviewer.get('/api/flags').expect(200)).body as Array<{ id: string; actionId: string; ruleId: string }>;
    const sfpdFlag = flags.find((f) => f.actionId === 'DA-1' && f.ruleId === 'sfpd-psw-2017')!;
    const daFlag = flags.find((f) => f.actionId === 'DD-2')!;
    await reviewer.patch(`/api/reviews/${sfpdFlag.id}`).send({ status: 'confirmed_violation' }).expect(200);
    await reviewer.patch(`/api/reviews/${daFlag.id}`).send({ status: 'not_a_violation', note: 'The charge was filed before the report.' }).expect(200);
    const res = (await reviewer.get('/api/dashboard').query(PERIOD).expect(200)).body;
    // A case was decided: the confirmed rate is withheld for too few reports now, no longer for want of a review.
    // Confirming DA-1's sfpd-psw-2017 flag confirms its case, so both of its flags (the 647.3 one too) count as confirmed.
    expect(res.overall).toEqual(figures(5, 1, 2, 1, { confirmed: 1, reviewed: true }));
    expect(res.perAgency).toEqual([
      { agency: 'BART', ...figures(5, 0, 0, 0, { base: 0 }) },
      { agency: 'SFDA', ...figures(5, 0, 0, 0, { base: 1, reviewed: true }) },
      { agency: 'SFPD', ...figures(5, 1, 2, 1, { confirmed: 1, base: 3, reviewed: true }) },
    ]);
    expect(res.openReviews).toBe(0);
    expect(res.reviewStatus.filter((s: { flags: number }) => s.flags > 0)).toEqual([
      { status: 'confirmed_violation', flags: 2, cases: 1 },
      { status: 'not_a_violation', flags: 1, cases: 1 },
    ]);
    expect(res.funnel.flaggedReports).toBe(1);
  });

  it('refuses what it cannot show, saying why', async () => {
    const viewer = await t.signedIn('viewer');
    expect((await viewer.get('/api/dashboard').query({ rule: 'ca-sb357-repeal' }).expect(400)).body.message).toMatch(/no reports to measure/);
    expect((await viewer.get('/api/dashboard').query({ from: '2024-05', to: '2024-03' }).expect(400)).body.message).toBe('from (2024-05) is after to (2024-03)');
    expect((await viewer.get('/api/dashboard').query({ threshold: 'certain' }).expect(400)).body.message).toEqual(expect.arrayContaining([expect.stringMatching(/threshold must be one of/)]));
  });

  // Runs last: it loads more data. The dashboard is reused until its data changes, never after.
  it('shows new data as soon as it is loaded and evaluated', async () => {
    const analyst = await t.signedIn('analyst');
    const before = (await analyst.get('/api/dashboard').query(PERIOD).expect(200)).body;
    expect(before.overall.eligibleReports).toBe(5);
    await ingest(
      t,
      'incidents',
      csv([
        SHORT_INCIDENT_HEADER,
        ['2024-05-20T20:00', '2024-05-20T21:00', 'D10603074', 'D106', '980000006', '03074', 'Robbery', 'Bayview'],
      ]),
    );
    await ingest(t, 'incident-persons', csv([PERSON_HEADER, ['980000006', 'DP-000006', 'witness']]));
    await t.app.get(EvaluationService).evaluate({ trigger: 'on-demand', requestedBy: 'test' });
    const after = (await analyst.get('/api/dashboard').query(PERIOD).expect(200)).body;
    expect(after.overall.eligibleReports).toBe(6);
    expect(after.monthly.find((m: { agency: string; month: string }) => m.agency === 'SFPD' && m.month === '2024-05').eligibleReports).toBe(3);
  });
});

/*
 * Rates and their bases (issue 11), on January 2023 (tests/support/agency-base-city.ts, worked by hand there):
 * 30 eligible reports; SFPD acted against 24 of the reporters and breached on 2; BART acted against 6 and breached
 * on 1. Cases: BP-01's and BP-02's SFPD arrests (2 flags each) and BP-30's BART arrest (1 flag): 3. Runs after the tests above (it reviews a flag of its own month, and loads stray future-dated rows last).
 */
describe('GET /api/dashboard: rates and their bases', () => {
  const JAN = { from: '2023-01', to: '2023-01' };
  const row = (o: Record<string, unknown>) => ({ confirmedReports: 0, confirmedComplianceRate: null, confirmedRateWithheld: 'no-review', ...o });

  it("measures an agency against the reports whose reporter it later acted against, and gives no rate on a base under 20", async () => {
    const res = (await (await t.signedIn('analyst')).get('/api/dashboard').query(JAN).expect(200)).body;
    expect(res.overall).toEqual(row({ eligibleReports: 30, baseReports: 30, flaggedReports: 3, flags: 5, cases: 3, complianceRate: expect.closeTo(0.9, 10), rateWithheld: null }));
    expect(res.perAgency).toEqual([
      // Against all 30 eligible reports BART would show 96.7%; it acted against 6 reporters: too few for a rate.
      { agency: 'BART', ...row({ eligibleReports: 30, baseReports: 6, flaggedReports: 1, flags: 1, cases: 1, complianceRate: null, rateWithheld: 'too-few' }) },
      { agency: 'SFDA', ...row({ eligibleReports: 30, baseReports: 0, flaggedReports: 0, flags: 0, cases: 0, complianceRate: null, rateWithheld: 'no-reports', confirmedRateWithheld: 'no-reports' }) },
      // 2 breaches in 24 occasions: 91.7% (against all 30 eligible reports it would read 93.3%).
      { agency: 'SFPD', ...row({ eligibleReports: 30, baseReports: 24, flaggedReports: 2, flags: 4, cases: 2, complianceRate: expect.closeTo(1 - 2 / 24, 10), rateWithheld: null }) },
    ]);
    const sfpd = res.monthly.find((m: { agency: string }) => m.agency === 'SFPD');
    expect(sfpd).toEqual({ agency: 'SFPD', month: '2023-01', ...row({ eligibleReports: 30, baseReports: 24, flaggedReports: 2, flags: 4, cases: 2, complianceRate: expect.closeTo(1 - 2 / 24, 10), rateWithheld: null }) });
  });

  it('uses the same agency bases as /api/measures grouped by agency', async () => {
    const analyst = await t.signedIn('analyst');
    const query = { ...JAN, rule: 'ca-pc-647.3' };
    const dashboard = (await analyst.get('/api/dashboard').query(query).expect(200)).body;
    const measures = (await analyst.get('/api/measures').query({ ...query, groupBy: 'agency' }).expect(200)).body;
    // PC 647.3 audits every agency's arrests: the same bases as above.
    expect(measures.rows.map((r: Record<string, unknown>) => [r.key, r.baseReports, r.flaggedReports, r.complianceRate, r.rateWithheld])).toEqual([
      ['BART', 6, 1, null, 'too-few'],
      ['SFPD', 24, 2, expect.closeTo(1 - 2 / 24, 10), null],
    ]);
    expect(dashboard.perAgency.map((a: Record<string, unknown>) => [a.agency, a.baseReports, a.flaggedReports, a.complianceRate, a.rateWithheld])).toEqual([
      ['BART', 6, 1, null, 'too-few'],
      ['SFPD', 24, 2, expect.closeTo(1 - 2 / 24, 10), null],
    ]);
    // The SFPD bulletin audits SFPD only: BART's arrests are no occasion under it.
    const sfpdRule = (await analyst.get('/api/measures').query({ ...JAN, rule: 'sfpd-psw-2017', groupBy: 'agency' }).expect(200)).body;
    expect(sfpdRule.rows.map((r: Record<string, unknown>) => [r.key, r.baseReports, r.flaggedReports])).toEqual([['SFPD', 24, 2]]);
  });

  it('a viewer gets the bases suppressed as every count: BART\'s 6 hidden, SFPD\'s 24 shown', async () => {
    const res = (await (await t.signedIn('viewer')).get('/api/dashboard').query(JAN).expect(200)).body;
    const byAgency = Object.fromEntries(res.perAgency.map((a: { agency: string }) => [a.agency, a]));
    // A hidden base never says "too few reports" (it would bound it).
    expect(byAgency.BART).toMatchObject({ baseReports: null, flaggedReports: null, complianceRate: null, rateWithheld: 'suppressed' });
    // SFPD's 2 flagged reports are hidden, so its rate would give them back. (Its base, 24, is hidden or shown as the
    // joint suppression of the whole released set decides: one of its relations may need it.)
    expect(byAgency.SFPD).toMatchObject({ flaggedReports: null, complianceRate: null, rateWithheld: 'suppressed' });
    expect(res.release.audit.passed).toBe(true);
  });

  it('gives the confirmed rate only once a case in the slice was reviewed', async () => {
    const reviewer = await t.signedIn('reviewer');
    const before = (await reviewer.get('/api/dashboard').query(JAN).expect(200)).body;
    expect([before.overall, ...before.perAgency].map((f: { confirmedComplianceRate: number | null; confirmedRateWithheld: string }) => [f.confirmedComplianceRate, f.confirmedRateWithheld])).toEqual([
      [null, 'no-review'],
      [null, 'no-review'],
      [null, 'no-reports'],
      [null, 'no-review'],
    ]);
    const flags = (await reviewer.get('/api/flags').query({ filter: JSON.stringify({ ruleId: 'sfpd-psw-2017' }) }).expect(200)).body as Array<{ id: string; actionId: string }>;
    await reviewer.patch(`/api/reviews/${flags.find((f) => f.actionId === 'BA-01')!.id}`).send({ status: 'confirmed_violation' }).expect(200);
    const after = (await reviewer.get('/api/dashboard').query(JAN).expect(200)).body;
    // Overall: 1 confirmed of 30; SFPD: 1 of 24; BART: still no case of its own decided.
    expect(after.overall).toMatchObject({ confirmedReports: 1, confirmedComplianceRate: expect.closeTo(1 - 1 / 30, 10), confirmedRateWithheld: null });
    const byAgency = Object.fromEntries(after.perAgency.map((a: { agency: string }) => [a.agency, a]));
    expect(byAgency.SFPD).toMatchObject({ confirmedReports: 1, confirmedComplianceRate: expect.closeTo(1 - 1 / 24, 10), confirmedRateWithheld: null });
    expect(byAgency.BART).toMatchObject({ confirmedComplianceRate: null, confirmedRateWithheld: 'no-review' });
  });

  // Runs last: it loads stray rows.
  it('defaults to the 12 complete months up to the latest with eligible reports; stray future-dated rows do not move it', async () => {
    const analyst = await t.signedIn('analyst');
    // The latest eligible report is from May 2024 (today is later): June 2023 to May 2024.
    const before = (await analyst.get('/api/dashboard').expect(200)).body;
    expect(before.query).toMatchObject({ from: '2023-06', to: '2024-05' });
    expect(before.defaultPeriod).toBe(true);
    expect(before.dataRange).toEqual({ firstReport: '2023-01-01', lastReport: '2024-05-20' });
    // Three reports dated in 2031 (a test file gone astray), evaluated like any other load.
    await ingest(
      t,
      'incidents',
      csv([SHORT_INCIDENT_HEADER, ...[1, 2, 3].map((n) => [`2031-03-0${n}T20:00`, `2031-03-0${n}T21:00`, `F10${n}03074`, `F10${n}`, `99000000${n}`, '03074', 'Robbery', 'Bayview'])]),
    );
    await ingest(t, 'incident-persons', csv([PERSON_HEADER, ...[1, 2, 3].map((n) => [`99000000${n}`, `FP-00000${n}`, 'victim'])]));
    await t.app.get(EvaluationService).evaluate({ trigger: 'on-demand', requestedBy: 'test' });
    const after = (await analyst.get('/api/dashboard').expect(200)).body;
    expect(after.query).toMatchObject({ from: '2023-06', to: '2024-05' });
    expect(after.overall.eligibleReports).toBe(before.overall.eligibleReports);
    // The loaded data's range shows the stray rows, so someone can see them.
    expect(after.dataRange).toEqual({ firstReport: '2023-01-01', lastReport: '2031-03-03' });
    // /api/measures has the same default.
    const measures = (await analyst.get('/api/measures').expect(200)).body;
    expect(measures).toMatchObject({ from: '2023-06', to: '2024-05' });
    // Only the last month asked for: the 12 months up to it.
    expect((await analyst.get('/api/dashboard').query({ to: '2023-12' }).expect(200)).body).toMatchObject({ query: { from: '2023-01', to: '2023-12' }, defaultPeriod: false });
  });
});
