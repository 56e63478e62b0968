/**
 * The released set (issue 12, docs/reports.md "What viewers and the public see"): every number a viewer or the public
 * sees is one cell of a fixed grid of calendar periods x breakdowns x measures, suppressed jointly and audited.
 */

export type ReleasePeriodKind = 'month' | 'quarter' | 'year';

export interface ReleasePeriod {
  kind: ReleasePeriodKind;
  /** `2021-07`, `2021-Q3` or `2021`. */
  id: string;
  /** In words: `July 2021`, `July to September 2021`, `2021`. */
  label: string;
  /** First and last month, `YYYY-MM`. */
  from: string;
  to: string;
}

/**
 * What a cell counts, at medium confidence and above, every report rule (months are months of report, San Francisco
 * time):
 * - eligible: eligible reports (a report counts once however many rules it is eligible under);
 * - flagged / confirmed: eligible reports with a counted (not dismissed) / confirmed flag;
 * - base: the reports an acting agency later acted against (docs/rules.md, "Rates and their bases");
 * - flags, cases: the counted flags and their cases;
 * - arrestedAfter, chargedAfter: eligible reports whose person was later arrested / charged (the dashboard's funnel).
 */
export type ReleaseMeasure = 'eligible' | 'flagged' | 'confirmed' | 'base' | 'flags' | 'cases' | 'arrestedAfter' | 'chargedAfter';

/**
 * How a cell is broken down. `key`: '' for `total`; the agency; the rule id; `rule/agency` for `ruleAgency`; the
 * police district or incident category ('' where it is not known).
 */
export type ReleaseDimension = 'total' | 'agency' | 'rule' | 'ruleAgency' | 'district' | 'category';

export interface ReleaseCellKey {
  measure: ReleaseMeasure;
  /** A `ReleasePeriod.id`. */
  period: string;
  dimension: ReleaseDimension;
  key: string;
}

/** Which measures are released for which breakdown and kinds of period: the grid. */
export const RELEASE_GRID: ReadonlyArray<{ dimension: ReleaseDimension; measures: readonly ReleaseMeasure[]; periods: readonly ReleasePeriodKind[] }> = [
  { dimension: 'total', measures: ['eligible', 'flagged', 'confirmed', 'flags', 'cases', 'arrestedAfter', 'chargedAfter'], periods: ['month', 'quarter', 'year'] },
  { dimension: 'agency', measures: ['flagged', 'confirmed', 'base', 'flags', 'cases'], periods: ['month', 'quarter', 'year'] },
  { dimension: 'district', measures: ['flags', 'cases'], periods: ['month', 'quarter', 'year'] },
  { dimension: 'category', measures: ['flags', 'cases'], periods: ['month', 'quarter', 'year'] },
  // What a month's public report shows besides: by rule, by rule and agency, reports by district and category.
  { dimension: 'district', measures: ['eligible', 'flagged'], periods: ['month'] },
  { dimension: 'category', measures: ['eligible', 'flagged'], periods: ['month'] },
  { dimension: 'rule', measures: ['eligible', 'flagged', 'confirmed', 'flags', 'cases'], periods: ['month'] },
  { dimension: 'ruleAgency', measures: ['flagged', 'confirmed', 'base', 'flags', 'cases'], periods: ['month'] },
];

export function releaseCellId(cell: ReleaseCellKey): string {
  return `${cell.measure}|${cell.period}|${cell.dimension}|${cell.key}`;
}

/** What the dashboard tells a viewer about the released figures it shows (null for case-level roles). */
export interface DashboardRelease {
  /** The period shown: a whole month, quarter or year. */
  period: ReleasePeriod;
  /** Why the figures differ from what was asked (another period, filters dropped), in words; null when they don't. */
  snapped: string | null;
  /** The periods a viewer can choose, newest first. */
  periods: ReleasePeriod[];
  /** When the released set was built, and what its audit found (docs/reports.md). */
  builtAt: string;
  audit: ReleaseAuditSummary;
}

export interface ReleaseAuditSummary {
  /** Cells in the released set, and how many are hidden (small, and to protect them). */
  cells: number;
  hidden: number;
  primary: number;
  /** A hidden count's possible values (from a linear program over every released number) must span this many more. */
  margin: number;
  /** True when no hidden count is pinned or held within a range narrower than the margin. */
  passed: boolean;
  /** How long the suppression and its audits (the linear programs) took, in milliseconds. */
  millis: number;
}

/**
 * What a month's public report shows of the released set (stored in its snapshot): cell id and shown value (null:
 * hidden). Published slices are part of what the public knows: every later release is built and audited with them.
 */
export interface ReleaseSlice {
  month: string;
  cells: Array<[id: string, shown: number | null]>;
}
