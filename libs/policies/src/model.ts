/**
 * The compliance rules as data (compliance-rules.md §1, §4, §5, §6, §7).
 *
 * A policy document is one version of one rule: everything the engine needs to decide whether an enforcement
 * action breaches it, in plain JSON an admin can read, edit and save as a new version. Nothing in it is code: the
 * functions of this library interpret it.
 */

import type { RuleId } from '@sra/contracts';

export { RULE_IDS, REASONS, type RuleId, type Reason } from '@sra/contracts';

/**
 * Where a list comes from:
 * - `verified`: checked against the instrument's own text;
 * - `secondary`: taken from a reliable second-hand account (press release, news report, advocacy summary);
 * - `inferred`: the project's reading of what the instrument must mean; to be checked.
 */
export const PROVENANCES = ['verified', 'secondary', 'inferred'] as const;
export type Provenance = (typeof PROVENANCES)[number];

export type { Confidence, Nexus } from '@sra/contracts';

/** Which enforcement actions a rule audits. */
export interface PolicyAudits {
  /** Arrests (booked or cited) by these agencies (compared trimmed, case-insensitively), by any agency, or none (null). */
  arrests: { agencies: string[] | 'any' } | null;
  /** DA decisions to charge (`Charged`). */
  daCharges: boolean;
}

/**
 * The SFPD incident codes whose reports the rule protects (§4). A row qualifies when its category is one of
 * `categories`, or starts with one of `categoryPrefixes`, or its subcategory is one of `subcategories`, or its code
 * is one of `codes`; and its code is not one of `excludedCodes`. Labels are compared trimmed and case-insensitively;
 * codes are 1 to 5 digits, compared zero-padded to 5 (`3074` = `03074`).
 */
export interface QualificationList {
  categories: string[];
  categoryPrefixes: string[];
  subcategories: string[];
  codes: string[];
  excludedCodes: string[];
  provenance: Provenance;
}

/**
 * The charges a report protects (§5). Codes are rule codes as `parseRuleCode` of `@sra/statutes` reads them:
 * `PC 647(b)` (the charge's subdivisions must start with (b); a charge with no subdivision is ambiguous),
 * `PC 653.22` (any subdivision), `HS 11000-11999` (a range of whole section numbers).
 */
export interface ProtectedChargeList {
  /** Protected whatever the level. */
  codes: string[];
  /** Protected, but only in a context the data cannot show (PC 372 "as a result of prostitution"): reason `pc372_context_unknown`. */
  contextUnknownCodes: string[];
  /** Drug offences protected when the charge's level is M (misdemeanor); null: none. */
  drugMisdemeanorRange: string | null;
  /** Drug offences protected when the charge carries no level at all: reason `drug_level_inferred`. */
  drugNoLevelSections: string[];
  provenance: Provenance;
}

/** Sections repealed from the rule's effective date: any arrest or charge under one of them breaches the rule. */
export interface RepealedCodeList {
  codes: string[];
  provenance: Provenance;
}

/** The temporal-nexus window (§6): from this many hours before the incident time to this many after the report time. */
export interface NexusWindow {
  hoursBeforeIncident: number;
  hoursAfterReport: number;
}

export interface PolicySource {
  title: string;
  url?: string;
  note?: string;
}

/** One version of one rule. JSON-serialisable. */
export interface PolicyDocument {
  ruleId: RuleId;
  /** 1, 2, 3, ... for the same rule. */
  version: number;
  /**
   * `YYYY-MM-DD`, a San Francisco local date. The version applies to reports (for a rule that needs no report: to
   * actions) dated on or after it, until the next version's date.
   */
  effectiveFrom: string;
  title: string;
  /** The instrument's name, as compliance-rules.md §1 gives it. */
  instrument: string;
  /** The end of a flag's sentence: `SFPD bulletin 'Prioritizing Safety for Sex Workers' bars this arrest.` */
  sentenceBars: string;
  audits: PolicyAudits;
  /** False only for a rule that any action breaches whoever the person (the SB 357 repeal). */
  needsReport: boolean;
  /** Which reports the rule protects; null when it needs no report. */
  qualification: QualificationList | null;
  /** Which charges a report protects; null when it needs no report. */
  protectedCharges: ProtectedChargeList | null;
  /** Repealed sections; null for a rule that needs a report. */
  repealedCodes: RepealedCodeList | null;
  /** The temporal-nexus window; null when the rule needs no report. */
  nexus: NexusWindow | null;
  /** Where the text and the lists come from. */
  sources: PolicySource[];
  /** Why this version was made (required from version 2 on). */
  changeReason: string;
}
