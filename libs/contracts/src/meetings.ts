import type { ReviewStatus } from './reviews';

/** A task-force review meeting (issue 7). */
export interface MeetingAttendee {
  /** A name as written, or a role such as "SFPD liaison". */
  name: string;
  role?: string;
}

export interface MeetingAgendaItem {
  /** The flag the item was put on the agenda by; the item stands for its case (issue 11), listed once. */
  flagId: string;
  /** The case (one arrest or DA decision) and every rule it breaches. */
  caseId?: string;
  ruleIds?: string[];
  /** The case's action (issue 11): what the minutes and meeting mode title the item by. */
  actionType?: 'arrest' | 'da_decision';
  agency?: string;
  /** The reports (incident numbers) the case follows. */
  reportIncidentNumbers?: string[];
  position: number;
  /** Added by hand (not by the default rule). */
  addedByHand: boolean;
  /** The decision recorded in this meeting, if any (an ordinary review change). */
  decision: ReviewStatus | null;
  decisionNote: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  /** From the flag, for the agenda list. */
  sentence: string;
  confidence: string;
  ruleId: string;
  actionDate: string;
  reviewStatus: ReviewStatus;
}

export interface MeetingRecord {
  id: string;
  /** Day of the meeting, YYYY-MM-DD. */
  date: string;
  title: string;
  attendees: MeetingAttendee[];
  notes: string;
  status: 'planned' | 'held';
  createdBy: string;
  createdAt: string;
  agendaSize: number;
  decided: number;
}

export interface MeetingDetail extends MeetingRecord {
  agenda: MeetingAgendaItem[];
}

/** `POST /api/meetings` and `PATCH /api/meetings/:id`. */
export interface MeetingInput {
  date: string;
  title?: string;
  attendees?: MeetingAttendee[];
  notes?: string;
}

/**
 * `POST /api/meetings/:id/agenda/build`: by default the new and in-review flags of medium or high confidence
 * created since the previous meeting, oldest first. Replaces the items not added by hand.
 */
export interface BuildAgendaRequest {
  since?: string;
  confidence?: Array<'high' | 'medium' | 'low'>;
  reviewStatus?: ReviewStatus[];
}

/** `POST /api/meetings/:id/decisions`: records the decision on an agenda case as an ordinary review change. */
export interface MeetingDecision {
  flagId: string;
  status: ReviewStatus;
  note?: string;
}
