import type { ComplianceFigures, DashboardResult, RateWithheld, ShownCount } from '@sra/contracts';
import { isSmallCount, suppressCounts, suppressCountTable, suppressedLabel } from '@sra/suppression';

/** A rate as a viewer sees it: withheld for its own reason, or hidden with a count it rests on (it would give it back). */
const shownRate = (rate: number | null, withheld: RateWithheld | null, count: ShownCount, base: ShownCount): { rate: number | null; withheld: RateWithheld | null } =>
  withheld !== null ? { rate: null, withheld } : count === null || base === null ? { rate: null, withheld: 'suppressed' } : { rate, withheld: null };

/**
 * The dashboard as a viewer (no case-level access) may see it (compliance-rules.md §8): small counts hidden, with
 * complementary suppression wherever counts add up to a total shown on the same page:
 * - flags by district, by category and by agency each add up to the flags of the filters; flags by review status
 *   to all the filters' flags; the monthly flags of the agencies form a table whose margins are those totals;
 * - eligible reports by month add up to the eligible reports;
 * - counts of reports that do not add up (a report can be flagged by two agencies; the funnel's steps overlap) are
 *   hidden when small;
 * - an agency's base (the reports it later acted against) by month adds up to its base for the period: a list each;
 * - a rate is hidden when either of its counts is (it would give the count back);
 * - a count that appears in two places is hidden in both when hidden in one.
 */
export function suppressForViewer(result: DashboardResult, threshold: number): DashboardResult {
  const one = (n: ShownCount): ShownCount => (n === null || isSmallCount(n, threshold) ? null : n);
  const hiddenIf = (n: ShownCount, ...others: ShownCount[]): ShownCount => (others.some((o) => o === null) ? null : n);
  const raw = (n: ShownCount): number => n ?? 0;

  const months = [...new Set(result.monthly.map((m) => m.month))];
  const agencies = result.perAgency.map((a) => a.agency);
  const monthlyFlags = suppressCountTable(
    {
      rowLabels: months,
      columnLabels: agencies,
      cells: months.map((month) => agencies.map((agency) => raw(result.monthly.find((m) => m.month === month && m.agency === agency)?.flags ?? 0))),
    },
    threshold,
  );
  const districts = suppressCounts(result.byDistrict.map((d) => raw(d.flags)), threshold);
  const categories = suppressCounts(result.byCategory.map((c) => raw(c.flags)), threshold);
  const statuses = suppressCounts(result.reviewStatus.map((s) => raw(s.flags)), threshold);
  // The same for cases (issue 11): a case count is shown to a viewer only where the flag count beside it is, and is
  // itself suppressed the same way.
  const monthlyCases = suppressCountTable(
    {
      rowLabels: months,
      columnLabels: agencies,
      cells: months.map((month) => agencies.map((agency) => raw(result.monthly.find((m) => m.month === month && m.agency === agency)?.cases ?? 0))),
    },
    threshold,
  );
  const districtCases = suppressCounts(result.byDistrict.map((d) => raw(d.cases)), threshold);
  const categoryCases = suppressCounts(result.byCategory.map((c) => raw(c.cases)), threshold);
  const statusCases = suppressCounts(result.reviewStatus.map((s) => raw(s.cases)), threshold);
  const eligibleByMonth = suppressCounts(
    months.map((month) => raw(result.monthly.find((m) => m.month === month)?.eligibleReports ?? 0)),
    threshold,
  );

  // An agency's flagged (and confirmed) reports by month add up to its figure for the period: a list each.
  const byMonth = (agency: string, pick: (f: ComplianceFigures) => ShownCount) =>
    suppressCounts(months.map((month) => raw(pick(result.monthly.find((m) => m.month === month && m.agency === agency) ?? result.overall))), threshold);
  const flaggedByMonth = agencies.map((agency) => byMonth(agency, (f) => f.flaggedReports));
  const confirmedByMonth = agencies.map((agency) => byMonth(agency, (f) => f.confirmedReports));
  const baseByMonth = agencies.map((agency) => byMonth(agency, (f) => f.baseReports));

  // The filters' flags: one number, shown only where every list that adds up to it shows it.
  const flags = hiddenIf(result.overall.flags, monthlyFlags.total, districts.total, categories.total);
  const cases = hiddenIf(result.overall.cases, flags, monthlyCases.total, districtCases.total, categoryCases.total);
  const eligible = hiddenIf(one(result.overall.eligibleReports), eligibleByMonth.total);
  const figures = (
    f: ComplianceFigures,
    flagsShown: ShownCount,
    casesShown: ShownCount,
    eligibleShown: ShownCount,
    shown?: { flagged: ShownCount; confirmed: ShownCount; base: ShownCount },
  ): ComplianceFigures => {
    const flagged = shown ? shown.flagged : one(f.flaggedReports);
    const confirmed = shown ? shown.confirmed : one(f.confirmedReports);
    // The base of every agency together is the eligible reports; an agency's has its own counts.
    const base = shown ? shown.base : eligibleShown;
    const rate = shownRate(f.complianceRate, f.rateWithheld, flagged, base);
    const confirmedRate = shownRate(f.confirmedComplianceRate, f.confirmedRateWithheld, confirmed, base);
    return {
      eligibleReports: eligibleShown,
      flaggedReports: flagged,
      confirmedReports: confirmed,
      baseReports: base,
      flags: flagsShown,
      cases: hiddenIf(casesShown, flagsShown),
      complianceRate: rate.rate,
      rateWithheld: rate.withheld,
      confirmedComplianceRate: confirmedRate.rate,
      confirmedRateWithheld: confirmedRate.withheld,
    };
  };
  const openStatuses = new Set(['new', 'in_review']);
  const openShown = result.reviewStatus.map((s, i) => (openStatuses.has(s.status) ? hiddenIf(statusCases.values[i], statuses.values[i]) : 0));
  return {
    ...result,
    overall: figures(result.overall, flags, cases, eligible),
    perAgency: result.perAgency.map((a, i) => ({
      agency: a.agency,
      ...figures(a, hiddenIf(a.flags, monthlyFlags.columnTotals[i]), hiddenIf(one(a.cases), monthlyCases.columnTotals[i]), eligible, {
        flagged: hiddenIf(one(a.flaggedReports), flaggedByMonth[i].total),
        confirmed: hiddenIf(one(a.confirmedReports), confirmedByMonth[i].total),
        base: hiddenIf(one(a.baseReports), baseByMonth[i].total),
      }),
    })),
    monthly: result.monthly.map((m) => {
      const r = months.indexOf(m.month);
      const c = agencies.indexOf(m.agency);
      if (c < 0) {
        return {
          month: m.month,
          agency: m.agency,
          ...figures(m, one(m.flags), one(m.cases), eligibleByMonth.values[r], { flagged: one(m.flaggedReports), confirmed: one(m.confirmedReports), base: one(m.baseReports) }),
        };
      }
      return {
        month: m.month,
        agency: m.agency,
        ...figures(m, monthlyFlags.cells[r][c], monthlyCases.cells[r][c], eligibleByMonth.values[r], {
          flagged: flaggedByMonth[c].values[r],
          confirmed: confirmedByMonth[c].values[r],
          base: baseByMonth[c].values[r],
        }),
      };
    }),
    byDistrict: result.byDistrict.map((d, i) => ({ key: d.key, flags: districts.values[i], cases: hiddenIf(districtCases.values[i], districts.values[i]) })),
    byCategory: result.byCategory.map((c, i) => ({ key: c.key, flags: categories.values[i], cases: hiddenIf(categoryCases.values[i], categories.values[i]) })),
    reviewStatus: result.reviewStatus.map((s, i) => ({ status: s.status, flags: statuses.values[i], cases: hiddenIf(statusCases.values[i], statuses.values[i]) })),
    // Open reviews are two of the statuses: shown only when both are.
    openReviews: openShown.some((v) => v === null) ? null : result.openReviews,
    funnel: {
      eligibleReports: eligible,
      arrestedAfter: one(result.funnel.arrestedAfter),
      chargedAfter: one(result.funnel.chargedAfter),
      flaggedReports: one(result.funnel.flaggedReports),
    },
    suppression: { threshold, label: suppressedLabel(threshold) },
    // A viewer's comparison comes from the released set only (dashboard.service.ts), never from raw counts.
    comparison: null,
  };
}
