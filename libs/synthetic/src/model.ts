/**
 * The records the generator writes, in the parsed form the reference oracle
 * reads. Times are San Francisco wall-clock times (America/Los_Angeles), as
 * the import files carry them: `YYYY-MM-DD HH:MM` or, for dates, `YYYY-MM-DD`.
 */
export type PersonRole = 'victim' | 'witness' | 'reporting party' | 'suspect';

export interface IncidentCodeRow {
  incidentNumber: string;
  incidentId: string;
  /** Five digits, zero-padded. */
  incidentCode: string;
  category: string;
  subcategory: string;
  incidentDatetime: string;
  reportDatetime: string;
}

export interface PersonRoleRecord {
  incidentNumber: string;
  personKey: string;
  role: PersonRole;
  /** Tolerant keys (issue 16) as the file writes them, `kind:hex`; absent or empty for none. */
  linkKeys?: readonly string[];
}

export interface ArrestRecord {
  arrestId: string;
  incidentNumber: string;
  personKey: string;
  /** One of the two is set. */
  arrestDatetime: string | null;
  arrestDate: string | null;
  agency: string;
  custodyType: 'booked' | 'cited';
  /** Full citations (`245(a)(1) PC/F;148(a)(1) PC/M`); preferred when both are given. */
  bookedChargesStatute: string | null;
  /** DA-style tokens (`245A1,148A1`). */
  listOfBookedCharges: string | null;
  /** Tolerant keys (issue 16) as the file writes them, `kind:hex`; absent or empty for none. */
  linkKeys?: readonly string[];
}

import { DA_ACTIONS } from '@sra/import-formats';

/** DA actions as import-formats.md lists them (one list for the whole product). */
export { DA_ACTIONS };
export type DaAction = (typeof DA_ACTIONS)[number];

export interface DaDecisionRecord {
  decisionId: string;
  incidentNumber: string;
  personKey: string;
  actionTaken: DaAction;
  actionDate: string;
  arrestId: string | null;
  arrestDate: string | null;
  /** DA tokens with level (`245A1/F/0, 647B/M/0`). */
  listOfFiledCharges: string | null;
  /** Full citations; preferred where present. */
  filedChargesStatute: string | null;
  /** Tolerant keys (issue 16) as the file writes them, `kind:hex`; absent or empty for none. */
  linkKeys?: readonly string[];
}

export { RULE_IDS, REASONS, type RuleId, type Confidence, type Nexus, type Reason } from '@sra/contracts';
import type { Confidence, Nexus, Reason, RuleId } from '@sra/contracts';

/** One row of expected-flags.csv: one per (rule, report, action). */
export interface ExpectedFlag {
  ruleId: RuleId;
  confidence: Confidence;
  nexus: Nexus;
  /** `SFPD`, `SFSO`, ... for arrests; `SFDA` for DA decisions. */
  agency: string;
  /** Null for ca-sb357-repeal, which needs no report. */
  reportIncidentNumber: string | null;
  /** The reporter's person key (report rules), or the action's (the repeal rule). */
  personKey: string;
  actionType: 'arrest' | 'da_decision';
  /** The source's arrest_id or decision_id. */
  actionId: string;
  /** The arrest's datetime (or date); a DA decision's action_date. */
  actionDatetime: string;
  /** Normalised, e.g. `PC 647(b)`, `HS 11377(a)`, sorted. */
  protectedCharges: string[];
  /** Sorted. */
  reasons: Reason[];
  /**
   * Issue 16: present only when the reporter and the action are linked by tolerant keys alone (their person keys
   * differ): the kinds shared, sorted (`date`, `slk`, `sound`); then `actionPersonKey` is the action's person key.
   */
  linkKinds?: string[];
  actionPersonKey?: string;
}

/** Everything the oracle needs to know about one group of related records. */
export interface CaseBundle {
  incidentRows: IncidentCodeRow[];
  personRoles: PersonRoleRecord[];
  arrests: ArrestRecord[];
  decisions: DaDecisionRecord[];
}
