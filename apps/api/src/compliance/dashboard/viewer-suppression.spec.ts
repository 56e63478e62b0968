import type { ComplianceFigures, DashboardResult } from '@sra/contracts';
import { suppressForViewer } from './viewer-suppression';

const figures = (eligibleReports: number, flaggedReports: number, flags: number, cases: number, confirmedReports = 0, baseReports = eligibleReports): ComplianceFigures => ({
  eligibleReports,
  flaggedReports,
  confirmedReports,
  baseReports,
  flags,
  cases,
  complianceRate: 1 - flaggedReports / baseReports,
  rateWithheld: null,
  confirmedComplianceRate: 1 - confirmedReports / baseReports,
  confirmedRateWithheld: null,
});

/*
 * A hand-made period of two months and one agency: 400 eligible reports (250 + 150), 38 flags in 30 flagged
 * reports (March 25 flags / 20 reports, April 13 / 10); flags by district 20, 15, 3. Those 38 flags are 30 cases
 * (issue 11: an arrest breaching two rules is one case): March 18, April 12; by district 16, 12, 2; by review status
 * 20 new, 4 in review, 6 confirmed.
 */
function result(): DashboardResult {
  return {
    query: { from: '2024-03', to: '2024-04', threshold: 'medium' },
    defaultPeriod: false,
    dataRange: { firstReport: '2024-03-01', lastReport: '2024-04-30' },
    overall: figures(400, 30, 38, 30),
    // SFPD later arrested 90 of the reporters (60 in March, 30 in April).
    perAgency: [{ agency: 'SFPD', ...figures(400, 30, 38, 30, 0, 90) }],
    openReviews: 30,
    monthly: [
      { month: '2024-03', agency: 'SFPD', ...figures(250, 20, 25, 18, 0, 60) },
      { month: '2024-04', agency: 'SFPD', ...figures(150, 10, 13, 12, 0, 30) },
    ],
    policyStarts: [],
    byDistrict: [
      { key: 'Mission', flags: 20, cases: 16 },
      { key: 'Tenderloin', flags: 15, cases: 12 },
      { key: 'Bayview', flags: 3, cases: 2 },
    ],
    byCategory: [{ key: 'Robbery', flags: 38, cases: 30 }],
    funnel: { eligibleReports: 400, arrestedAfter: 60, chargedAfter: 7, flaggedReports: 30 },
    reviewStatus: [
      { status: 'new', flags: 25, cases: 20 },
      { status: 'in_review', flags: 5, cases: 4 },
      { status: 'confirmed_violation', flags: 8, cases: 6 },
      { status: 'not_a_violation', flags: 0, cases: 0 },
      { status: 'policy_exception', flags: 0, cases: 0 },
      { status: 'data_error', flags: 0, cases: 0 },
    ],
    agencies: ['SFPD'],
    districts: ['Bayview', 'Mission', 'Tenderloin'],
    suppression: null,
  };
}

describe('suppressForViewer', () => {
  const shown = suppressForViewer(result(), 11);

  it('hides a small district and the smallest other one, so the total cannot give it back', () => {
    // 3 is small; 38 - 20 - 15 would reveal it, so the smallest other (15) goes too.
    expect(shown.byDistrict.map((d) => d.flags)).toEqual([20, null, null]);
    expect(shown.overall.flags).toBe(38);
  });

  it('hides small review statuses with a partner; open reviews (new + in review) only when both are shown', () => {
    // 5 is small; among 25 and 8 the smallest non-zero other is 8.
    expect(shown.reviewStatus.map((s) => s.flags)).toEqual([25, null, null, 0, 0, 0]);
    expect(shown.openReviews).toBeNull();
  });

  it('keeps counts of 11 and more, and the rates made of them', () => {
    expect(shown.overall).toMatchObject({ eligibleReports: 400, baseReports: 400, flaggedReports: 30, complianceRate: 1 - 30 / 400, rateWithheld: null });
    expect(shown.perAgency[0]).toMatchObject({ baseReports: 90, flaggedReports: 30, complianceRate: 1 - 30 / 90, rateWithheld: null });
    // April: 10 flagged reports is small: hidden with March's (they add up to the agency's 30), and the rates with them.
    expect(shown.monthly.map((m) => [m.month, m.eligibleReports, m.baseReports, m.flaggedReports, m.flags, m.complianceRate, m.rateWithheld])).toEqual([
      ['2024-03', 250, 60, null, 25, null, 'suppressed'],
      ['2024-04', 150, 30, null, 13, null, 'suppressed'],
    ]);
  });

  it("hides a small agency base with its partner month, and the rates resting on them; keeps a rate's own reason", () => {
    const input = result();
    // April: SFPD acted against 6 reporters (small), March 84: the period's 90 would give April back from March.
    input.monthly[0] = { ...input.monthly[0], baseReports: 84, complianceRate: null, rateWithheld: null };
    input.monthly[1] = { ...input.monthly[1], flaggedReports: 2, baseReports: 6, complianceRate: null, rateWithheld: 'too-few', confirmedComplianceRate: null, confirmedRateWithheld: 'no-review' };
    const hidden = suppressForViewer(input, 11);
    expect(hidden.monthly.map((m) => m.baseReports)).toEqual([null, null]);
    // The period's 90 gives neither month back, so it stays, with its rate.
    expect(hidden.perAgency[0]).toMatchObject({ baseReports: 90, complianceRate: 1 - 30 / 90, rateWithheld: null });
    expect(hidden.monthly[0]).toMatchObject({ complianceRate: null, rateWithheld: 'suppressed' });
    expect(hidden.monthly[1]).toMatchObject({ complianceRate: null, rateWithheld: 'too-few', confirmedRateWithheld: 'no-review' });
  });

  it('hides the counts of cases the same way, and wherever the flags beside them are hidden', () => {
    // 2 is small; 30 - 16 - 12 would reveal it, so the smallest other (12) goes too.
    expect(shown.byDistrict.map((d) => d.cases)).toEqual([16, null, null]);
    expect(shown.overall.cases).toBe(30);
    expect(shown.perAgency[0].cases).toBe(30);
    expect(shown.byCategory.map((c) => c.cases)).toEqual([30]);
    // 4 is small; its partner is the smallest non-zero other, 6.
    expect(shown.reviewStatus.map((s) => s.cases)).toEqual([20, null, null, 0, 0, 0]);
    expect(shown.monthly.map((m) => m.cases)).toEqual([18, 12]);
  });

  it('hides a small step of the funnel on its own, and says what the nulls mean', () => {
    expect(shown.funnel).toEqual({ eligibleReports: 400, arrestedAfter: 60, chargedAfter: null, flaggedReports: 30 });
    expect(shown.suppression).toEqual({ threshold: 11, label: '<11' });
  });
});
