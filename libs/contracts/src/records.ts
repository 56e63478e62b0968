import type { FlagRecord, PolicyVersionRecord } from './policies';
import type { ReviewRecord } from './reviews';
import type { ChargeText } from './charge-codes';

/** The values the import files may hold (shared/spec/import-formats.md), as stored: the import checks them, pages offer them. */
export const PERSON_ROLES = ['victim', 'witness', 'reporting party', 'suspect'] as const;
export const CUSTODY_TYPES = ['booked', 'cited'] as const;
export const DA_ACTIONS = [
  'Charged',
  'Discharged',
  'Rejected',
  'Diverted',
  'Motion to Revoke',
  'Referred for Further Investigation',
  'Referred to Other Agency',
] as const;

/** One incident (all its report rows share the incident number), for the incidents list. */
export interface IncidentSummary {
  /** The incident number. */
  id: string;
  incidentDatetime: string;
  /** The first report's time. */
  reportDatetime: string;
  /** Null when DataSF publishes no category for the code (shown as "no category published"). */
  incidentCategory: string | null;
  policeDistrict: string | null;
  /** Report rows: the initial report, supplements and one row per further code. */
  rows: number;
  persons: number;
  /** Current flags that cite the incident (as the report or as the action's incident). */
  flags: number;
}

/** One row of the incident report file. */
export interface IncidentRow {
  rowId: string;
  incidentId: string;
  incidentCode: string;
  /** Null when DataSF publishes no category for the code (shown as "no category published"). */
  incidentCategory: string | null;
  incidentSubcategory: string | null;
  incidentDescription: string | null;
  /** The incident-code catalog's description of the code (DataSF's, or an admin's), when it has one. */
  catalogDescription: string | null;
  reportTypeCode: string | null;
  reportTypeDescription: string | null;
  reportDatetime: string;
  incidentDatetime: string;
  resolution: string | null;
  policeDistrict: string | null;
  analysisNeighborhood: string | null;
  filedOnline: boolean | null;
}

export interface IncidentPersonRecord {
  personKey: string;
  role: (typeof PERSON_ROLES)[number];
  roleRecordedAt: string | null;
}

export interface ArrestRecord {
  id: string;
  incidentNumber: string;
  personKey: string;
  arrestDatetime: string | null;
  arrestDate: string;
  arrestingAgency: string;
  custodyType: (typeof CUSTODY_TYPES)[number];
  bookedChargesStatute: string | null;
  listOfBookedCharges: string | null;
  bookedCaseType: string | null;
  batchId: string;
  /** The charges in plain words: the booked statutes when given, else the booked charge list (as the case page reads them). */
  charges: ChargeText[];
}

export interface DaDecisionRecord {
  id: string;
  incidentNumber: string;
  personKey: string;
  daActionTaken: string;
  actionDate: string;
  arrestId: string | null;
  arrestDate: string | null;
  courtNumber: string | null;
  filingDate: string | null;
  listOfFiledCharges: string | null;
  filedChargesStatute: string | null;
  filedCaseType: string | null;
  crimeType: string | null;
  caseStatus: string | null;
  dispositionDate: string | null;
  dispositionDescription: string | null;
  batchId: string;
  /** The charges in plain words: the filed statutes when given, else the filed charge list (as the case page reads them). */
  charges: ChargeText[];
}

export interface IncidentDetail extends IncidentSummary {
  reportRows: IncidentRow[];
  personRoles: IncidentPersonRecord[];
  arrests: ArrestRecord[];
  daDecisions: DaDecisionRecord[];
  /** Every flag, current or withdrawn, that cites the incident. */
  citedBy: FlagRecord[];
}

/** A charge as the file gave it and as libs/statutes read it. */
export interface ChargeReading {
  /** The item as written. */
  raw: string;
  /** e.g. `PC 647(b)`; null when the item could not be read (then it is not a charge). */
  parsed: string | null;
  /** F, M, I or null when the item does not say. */
  level: string | null;
  /** Why it could not be read. */
  error: string | null;
  /** Protected (or, for the repeal rule, under a repealed section) under the flag's policy version. */
  protected: boolean;
  /** The reasons a protected charge carries (e.g. ambiguous_subdivision). */
  reasons: string[];
  /** The charge in plain words ("PC 647(b): prostitution, misdemeanor"); for an item that could not be read, as written. */
  plain: ChargeText;
}

/** One moment of a case, in time order. */
export interface TimelineEvent {
  kind: 'occurred' | 'reported' | 'supplement' | 'arrest' | 'da_decision';
  at: string;
  /** Plain words, e.g. "Supplement report: ASSAULT". */
  label: string;
  /** Hours since the (first) report; null for events before it or without a time. */
  hoursAfterReport: number | null;
  /** The record behind the event: `incidents/<n>`, `arrests/<id>` or `da-decisions/<id>`. */
  link: string | null;
  /**
   * For a report or supplement: the incident's report rows at that time, each with its category and whether it is the
   * row that qualified the report under a rule of the case (the category the sentence names).
   */
  rows?: Array<{ rowId: string; category: string; qualifying: boolean }>;
}

/** `GET /api/flags/:id`: everything the case page shows. */
export interface FlagDetail extends FlagRecord {
  timeline: TimelineEvent[];
  charges: ChargeReading[];
  /** The action's own incident (may differ from the report's, for a temporal nexus). */
  actionIncidentNumber: string | null;
  policyVersion: PolicyVersionRecord | null;
  review: ReviewRecord;
  /** The person's role(s) in the report. */
  reportRoles: string[];
}
