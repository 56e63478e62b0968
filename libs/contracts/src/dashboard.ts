import type { DashboardRelease } from './release';
import type { Confidence } from './rules';
import type { ReviewStatus } from './reviews';
import type { RateWithheld } from './rates';

/** The dashboard's filters; the same names are the flagged-cases list's filters for a click-through. */
export interface DashboardQuery {
  /**
   * First and last month of report (`YYYY-MM`); default: the 12 complete months (San Francisco time) up to the
   * latest complete month with an eligible report.
   */
  from?: string;
  to?: string;
  rule?: string;
  agency?: string;
  district?: string;
  /** Flags at or above this confidence count (default medium). */
  threshold?: Confidence;
}

/**
 * A count, or null where it is suppressed: for viewers (no case-level access), counts from 1 to 10 and those that
 * would give one away are hidden (compliance-rules.md §8; `DashboardResult.suppression`).
 */
export type ShownCount = number | null;

/**
 * Eligible and flagged reports (compliance-rules.md §8), with the confirmed variant, and the base the rates are
 * measured against (docs/rules.md, "Rates and their bases").
 */
export interface ComplianceFigures {
  eligibleReports: ShownCount;
  /** Eligible reports with a current flag at or above the threshold that no review dismissed. */
  flaggedReports: ShownCount;
  /** Eligible reports with such a flag that a reviewer confirmed. */
  confirmedReports: ShownCount;
  /**
   * The reports the rates are measured against: all eligible reports (every agency together), or, for one acting
   * agency, the eligible reports whose reporter that agency later acted against (arrested or cited; for SFDA,
   * charged), the flagged ones always included.
   */
  baseReports: ShownCount;
  /** 1 - flagged / base; null with `rateWithheld` saying why. */
  complianceRate: number | null;
  rateWithheld: RateWithheld | null;
  /** 1 - confirmed / base; null with `confirmedRateWithheld` saying why (`no-review` before any case was decided). */
  confirmedComplianceRate: number | null;
  confirmedRateWithheld: RateWithheld | null;
  /** The flags behind flaggedReports (one report can have an arrest and a DA decision; an arrest can breach two rules). */
  flags: ShownCount;
  /**
   * The cases behind flaggedReports (issue 11: one per arrest or DA decision, whatever rules it breaches): what the
   * cases list shows for the same filters (a case counts where one of its flags does).
   */
  cases: ShownCount;
}

export interface AgencyFigures extends ComplianceFigures {
  /** The acting agency, e.g. SFPD or DA. */
  agency: string;
}

export interface MonthlyAgencyFigures extends AgencyFigures {
  month: string;
}

export interface FlagCount {
  key: string | null;
  flags: ShownCount;
  /** The cases of those flags: what the cases list shows. */
  cases: ShownCount;
}

export interface PolicyStart {
  ruleId: string;
  title: string;
  effectiveFrom: string;
  /** The month the version starts (`YYYY-MM`), to place its mark on the monthly chart. */
  month: string;
  version: number;
}

/**
 * From reports to flags: eligible reports, those whose person was later
 * arrested, those later charged by the DA, and those flagged.
 */
export interface FunnelFigures {
  eligibleReports: ShownCount;
  arrestedAfter: ShownCount;
  chargedAfter: ShownCount;
  flaggedReports: ShownCount;
}

export interface DashboardResult {
  /** The filters as applied (defaults filled in). */
  query: Required<Pick<DashboardQuery, 'from' | 'to' | 'threshold'>> & Omit<DashboardQuery, 'from' | 'to' | 'threshold'>;
  /** Whether the period is the default one (neither month was asked for). */
  defaultPeriod: boolean;
  /** The first and last report date (`YYYY-MM-DD`, San Francisco time) of the loaded incident rows; null when none. */
  dataRange: { firstReport: string; lastReport: string } | null;
  /** Every agency together: a report counts once however many agencies acted. */
  overall: ComplianceFigures;
  perAgency: AgencyFigures[];
  /** Cases to decide (new or in review), in the filters. */
  openReviews: ShownCount;
  /** Every month of the period for every agency (null rate when nothing was eligible). */
  monthly: MonthlyAgencyFigures[];
  policyStarts: PolicyStart[];
  byDistrict: FlagCount[];
  byCategory: FlagCount[];
  funnel: FunnelFigures;
  /** Reviews are of cases: `cases` per status (and their flags). */
  reviewStatus: Array<{ status: ReviewStatus; flags: ShownCount; cases: ShownCount }>;
  /** The agencies that can appear, for the filter's choices. */
  agencies: string[];
  districts: string[];
  /** Set when counts were suppressed for the caller (a viewer): what a null count means. */
  suppression: { threshold: number; label: string } | null;
  /**
   * For a viewer (issue 12): the figures are cells of the released set, for a whole month, quarter or year, every
   * rule and agency, medium confidence and above; this says which period and why it may differ from what was asked.
   */
  release?: DashboardRelease | null;
  /** This period against the previous one and the same one a year earlier (computed on the server). */
  comparison?: DashboardComparison | null;
}

/** The measures the comparison strip compares: counts, and the compliance rate. */
export const COMPARED_COUNTS = ['eligibleReports', 'flaggedReports', 'flags', 'cases'] as const;
export type ComparedCount = (typeof COMPARED_COUNTS)[number];

/** Why a change is not given: a figure of either period is hidden (viewers), or the other period has no data. */
export type ChangeWithheld = 'suppressed' | 'no-data' | 'no-rate';

/** A change from the other period to this one: `change` = this - other; null with `withheld` saying why. */
export interface FigureChange {
  change: number | null;
  /** The change relative to the other period's count (0.25 = +25%); null when that count is 0 or the change is withheld. */
  relative: number | null;
  withheld: ChangeWithheld | null;
}

/** One period the dashboard's period is compared with. */
export interface ComparedPeriod {
  /** What it is: the period just before, or the same months a year earlier. */
  kind: 'previous' | 'yearEarlier';
  /** First and last month (`YYYY-MM`). */
  from: string;
  to: string;
  /** The period in words ("May 2022", "July 2020 to June 2021"). */
  label: string;
  /** Whether any loaded report falls in it (false: no data, every change "no data"). */
  hasData: boolean;
  /** Its figures, for the same filters; null when it has no data. */
  figures: ComplianceFigures | null;
  counts: Record<ComparedCount, FigureChange>;
  /** The compliance rate's change, in points of a fraction (0.012 = +1.2 points). */
  complianceRate: FigureChange;
}

export interface DashboardComparison {
  /** The dashboard's own period in words. */
  label: string;
  /** True when the previous period and the same period a year earlier are the same months (a 12-month period). */
  sameComparison: boolean;
  periods: ComparedPeriod[];
}
