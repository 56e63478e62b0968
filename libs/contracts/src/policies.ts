import type { EvaluationOutcome } from './imports';
import type { ReviewStatus } from './reviews';
import type { RateWithheld } from './rates';

/** One stored version of a rule, as the policy API lists it (the document itself is `PolicyDocument` of @sra/policies). */
export interface PolicyVersionRecord {
  /** `<ruleId>:<version>`, e.g. `sfpd-psw-2017:1`. */
  id: string;
  ruleId: string;
  version: number;
  effectiveFrom: string;
  /** The version's last day in force (the day before the next version's date), or null while it is the latest. */
  effectiveUntil: string | null;
  title: string;
  instrument: string;
  /** The provenance of each list, e.g. `{ qualification: 'secondary', protectedCharges: 'secondary' }`. */
  provenance: Record<string, string>;
  changeReason: string;
  createdBy: string;
  createdAt: string;
  /** How many flags (current or withdrawn) this version produced; null for a viewer, who sees no such count (issue 12). */
  flagCount: number | null;
}

/** A version with its whole document. */
export interface PolicyVersionDetail extends PolicyVersionRecord {
  document: Record<string, unknown>;
  /** The evaluation this version's creation started (null for the versions seeded at first start). */
  evaluation?: EvaluationOutcome | null;
}

/** One difference between two versions of a rule. */
export interface PolicyChange {
  path: string;
  change: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

/** One cell of the compliance measures (compliance-rules.md §8). */
export interface MeasureRow {
  ruleId: string;
  /** The month (`YYYY-MM`), police district, incident category or agency, as grouped. */
  key: string | null;
  /** Counts, exact: the measures are case-level only (issue 12); null is kept for older callers and never sent. */
  eligibleReports: number | null;
  /** Eligible reports with a current flag at or above the threshold that no review dismissed. */
  flaggedReports: number | null;
  /**
   * The reports the rates are measured against: the eligible reports; grouped by agency, the rule's eligible reports
   * whose reporter that agency later acted against (docs/rules.md, "Rates and their bases").
   */
  baseReports: number | null;
  /** 1 - flagged / base; null (never 100%) with `rateWithheld` saying why: no reports, too few (under 20), hidden. */
  complianceRate: number | null;
  rateWithheld: RateWithheld | null;
  /** Eligible reports with a flag a reviewer confirmed (compliance-rules.md §8: the confirmed variant). */
  confirmedReports: number | null;
  /** 1 - confirmed / base; withheld as `no-review` until a case in the slice was decided. */
  confirmedComplianceRate: number | null;
  confirmedRateWithheld: RateWithheld | null;
}

export interface MeasuresResult {
  groupBy: 'month' | 'district' | 'category' | 'agency';
  threshold: 'low' | 'medium' | 'high';
  from: string;
  to: string;
  rows: MeasureRow[];
}

/** One flag, as `/api/flags` lists it (case-level, pseudonymous). */
export interface FlagRecord {
  id: string;
  /** The case (one arrest or DA decision against the person; issue 11) this flag is evidence of. */
  caseId: string;
  ruleId: string;
  ruleVersion: number;
  confidence: 'high' | 'medium' | 'low';
  nexus: 'direct' | 'temporal' | 'none';
  reasons: string[];
  protectedCharges: string[];
  agency: string;
  reportIncidentNumber: string | null;
  personKey: string;
  actionType: 'arrest' | 'da_decision';
  actionId: string;
  actionDatetime: string;
  actionDate: string;
  reportAt: string | null;
  incidentCategory: string | null;
  policeDistrict: string | null;
  /** The incident report row that qualified; its category is the one the sentence names. Null for the repeal rule. */
  qualifyingRowId: string | null;
  sentence: string;
  /**
   * How the report and the action were linked (issue 16): empty when by the same person key; else the kinds of
   * approximate (tolerant) key they share, sorted (`slk`, `sound`, `date`). Never a key value.
   */
  linkKinds: string[];
  status: 'current' | 'withdrawn';
  createdAt: string;
  changedAt: string;
  withdrawnAt: string | null;
  /** The review (issue 6): `new` until someone changes it. */
  reviewStatus: ReviewStatus;
  assigneeId: string | null;
  assigneeName: string | null;
}
