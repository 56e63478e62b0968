import {
  measuredRate,
  type AgencyFigures,
  type ComplianceFigures,
  type DashboardResult,
  type FlagCount,
  type ReleaseCellKey,
  type ReleasePeriod,
  type ShownCount,
} from '@sra/contracts';
import { suppressedLabel } from '@sra/suppression';
import { periodParts } from '@sra/disclosure';
import { shownCell, type Release } from './release.service';

/**
 * The figures of one period of the released set, every one a cell (null where hidden, or where the cell is not in
 * the release); a rate only where both its counts are shown.
 */
export function releasedFigures(release: Release, p: string, dimension: 'total' | 'agency', key: string, reviewed: boolean): ComplianceFigures {
  const cell = (measure: ReleaseCellKey['measure'], d: ReleaseCellKey['dimension'] = 'total', k = ''): ShownCount => shownCell(release, { measure, period: p, dimension: d, key: k });
  const eligible = cell('eligible');
  const flagged = cell('flagged', dimension, key);
  const confirmed = cell('confirmed', dimension, key);
  const base = dimension === 'total' ? eligible : cell('base', dimension, key);
  const rate = measuredRate(flagged, base);
  const confirmedRate = measuredRate(confirmed, base, reviewed);
  return {
    eligibleReports: eligible,
    flaggedReports: flagged,
    confirmedReports: confirmed,
    baseReports: base,
    flags: cell('flags', dimension, key),
    cases: cell('cases', dimension, key),
    complianceRate: rate.rate,
    rateWithheld: rate.withheld,
    confirmedComplianceRate: confirmedRate.rate,
    confirmedRateWithheld: confirmedRate.withheld,
  };
}

/**
 * The dashboard as a viewer sees it (issue 12): every count is a cell of the released set for one whole month,
 * quarter or year (every rule, every agency, medium confidence and above). Nothing else is counted: no review
 * statuses, no open reviews. Lists are in the order of their names, never of their counts (a hidden count's place
 * between two shown ones would bound it). A rate is shown only where both its counts are.
 *
 * `internal` is the case-level dashboard of the same period: only what is not a count is taken from it (policy
 * starts, the data's date range, whether a case was decided for the confirmed rate).
 */
export function dashboardFromRelease(
  release: Release,
  period: ReleasePeriod,
  internal: DashboardResult,
  snapped: string | null,
  threshold: number,
): DashboardResult {
  const cell = (measure: ReleaseCellKey['measure'], p: string, dimension: ReleaseCellKey['dimension'] = 'total', key = ''): ShownCount =>
    shownCell(release, { measure, period: p, dimension, key });
  const months = period.kind === 'month' ? [period.id] : period.kind === 'quarter' ? periodParts(period.id) : periodParts(period.id).flatMap(periodParts);
  const reviewedOverall = internal.overall.confirmedRateWithheld !== 'no-review';

  const figures = (p: string, dimension: 'total' | 'agency', key: string, reviewed: boolean): ComplianceFigures => releasedFigures(release, p, dimension, key, reviewed);
  const reviewedAgency = (agency: string): boolean => internal.perAgency.find((a) => a.agency === agency)?.confirmedRateWithheld !== 'no-review';
  const byName = (a: string, b: string): number => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, 'en'));
  const breakdown = (dimension: 'district' | 'category', keys: string[]): FlagCount[] =>
    [...keys].sort(byName).map((key) => ({ key: key === '' ? null : key, flags: cell('flags', period.id, dimension, key), cases: cell('cases', period.id, dimension, key) }));

  return {
    query: { from: period.from, to: period.to, threshold: 'medium' },
    defaultPeriod: internal.defaultPeriod,
    dataRange: internal.dataRange,
    overall: figures(period.id, 'total', '', reviewedOverall),
    perAgency: release.agencies.map((agency): AgencyFigures => ({ agency, ...figures(period.id, 'agency', agency, reviewedAgency(agency)) })),
    openReviews: null,
    monthly: release.agencies.flatMap((agency) => months.map((month) => ({ agency, month, ...figures(month, 'agency', agency, reviewedAgency(agency)) }))),
    policyStarts: internal.policyStarts,
    byDistrict: breakdown('district', release.districts),
    byCategory: breakdown('category', release.categories),
    funnel: {
      eligibleReports: cell('eligible', period.id),
      arrestedAfter: cell('arrestedAfter', period.id),
      chargedAfter: cell('chargedAfter', period.id),
      flaggedReports: cell('flagged', period.id),
    },
    reviewStatus: [],
    agencies: release.agencies,
    districts: release.districts.filter((d) => d !== ''),
    suppression: { threshold, label: suppressedLabel(threshold) },
    release: {
      period,
      snapped,
      periods: [...release.periods].reverse(),
      builtAt: release.builtAt,
      audit: release.audit,
    },
  };
}
