import type { ComplianceFigures, DashboardResult } from '@sra/contracts';
import { suppressForViewer } from './viewer-suppression';

const figures = (eligibleReports: number, flaggedReports: number, flags: number, cases: number, confirmedReports = 0): ComplianceFigures => ({
  eligibleReports,
  flaggedReports,
  confirmedReports,
  flags,
  cases,
  complianceRate: 1 - flaggedReports / eligibleReports,
  confirmedComplianceRate: 1 - confirmedReports / eligibleReports,
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
    overall: figures(400, 30, 38, 30),
    perAgency: [{ agency: 'SFPD', ...figures(400, 30, 38, 30) }],
    openReviews: 30,
    monthly: [
      { month: '2024-03', agency: 'SFPD', ...figures(250, 20, 25, 18) },
      { month: '2024-04', agency: 'SFPD', ...figures(150, 10, 13, 12) },
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
    expect(shown.overall).toMatchObject({ eligibleReports: 400, flaggedReports: 30, complianceRate: 1 - 30 / 400 });
    // April: 10 flagged reports is small: hidden with March's (they add up to the agency's 30), and the rates with them.
    expect(shown.monthly.map((m) => [m.month, m.eligibleReports, m.flaggedReports, m.flags, m.complianceRate])).toEqual([
      ['2024-03', 250, null, 25, null],
      ['2024-04', 150, null, 13, null],
    ]);
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
