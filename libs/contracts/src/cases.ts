import type { FlagRecord, PolicyVersionRecord } from './policies';
import type { ChargeReading, TimelineEvent } from './records';
import type { ReviewRecord, ReviewStatus } from './reviews';

/**
 * A case (issue 11): one action (an arrest or a DA charging decision) taken against a person who had reported, with
 * every rule it breaches inside it. The per-rule flags are its evidence; reviews, lists, agendas and reports work on
 * cases. Current when any of its flags is current, withdrawn otherwise (never deleted).
 */
export interface CaseRecord {
  id: string;
  actionType: 'arrest' | 'da_decision';
  actionId: string;
  personKey: string;
  agency: string;
  actionDate: string;
  actionDatetime: string;
  /** The rules it breaches (of its current flags; of all of them once withdrawn). */
  ruleIds: string[];
  flagCount: number;
  /** The highest confidence among its flags. */
  confidence: 'high' | 'medium' | 'low';
  /** The closest nexus among its flags: direct, then temporal, then none (the repeal rule). */
  nexus: 'direct' | 'temporal' | 'none';
  /** The reports (incident numbers) it follows. */
  reportIncidentNumbers: string[];
  /** The first report it follows; its district and category. */
  reportAt: string | null;
  policeDistrict: string | null;
  incidentCategory: string | null;
  /** The sentence of its highest-confidence flag (each rule's sentence is on the case page). */
  sentence: string;
  status: 'current' | 'withdrawn';
  createdAt: string;
  changedAt: string;
  withdrawnAt: string | null;
  reviewStatus: ReviewStatus;
  assigneeId: string | null;
  assigneeName: string | null;
}

/** One rule inside a case: its flag, the policy version it was judged under and the charges as that version reads them. */
export interface CaseRule extends FlagRecord {
  policyVersion: PolicyVersionRecord | null;
  charges: ChargeReading[];
  /** The person's role(s) in the report this flag follows. */
  reportRoles: string[];
}

/** `GET /api/cases/:id`: everything the case page shows. */
export interface CaseDetail extends CaseRecord {
  /** Each rule's flag, current ones first, by rule. */
  rules: CaseRule[];
  /** The reports it follows (every row of each incident; the qualifying rows marked) and the action, in time order. */
  timeline: TimelineEvent[];
  /** The action's own incident (may differ from the reports', for a temporal nexus). */
  actionIncidentNumber: string | null;
  /** The charges as written on the action (each rule's reading is in `rules`). */
  chargesAsWritten: string | null;
  review: ReviewRecord;
}
