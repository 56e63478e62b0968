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
  /** The case review's version: a decision sends it back, and a stale one is refused (409). */
  reviewVersion: number;
}

/** One decision taken in the meeting, in the order taken; a later decision on the same case is a correction. */
export interface MeetingDecisionRecord {
  flagId: string;
  status: ReviewStatus;
  note: string | null;
  correction: boolean;
  decidedAt: string;
  decidedBy: string;
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
  /** Every decision taken in the meeting, oldest first (the agenda items keep only the last of each case). */
  decisions: MeetingDecisionRecord[];
}

/** `POST /api/meetings` and `PATCH /api/meetings/:id`. */
export interface MeetingInput {
  date: string;
  title?: string;
  attendees?: MeetingAttendee[];
  notes?: string;
}

export const AGENDA_ORDERS = ['newest', 'serious'] as const;
export type AgendaOrder = (typeof AGENDA_ORDERS)[number];

/**
 * `POST /api/meetings/:id/agenda/build`: by default the new and in-review cases of medium or high confidence
 * flagged since the previous meeting's day (the last month before the first meeting), newest first. Replaces the
 * items not added by hand.
 */
export interface BuildAgendaRequest {
  /** A day or a zoned date-time; null: from the beginning. */
  since?: string | null;
  /** A day (to its end) or a zoned date-time. */
  until?: string;
  /** The lowest confidence taken (high: only high; medium: high and medium; low: all). */
  minConfidence?: 'high' | 'medium' | 'low';
  confidence?: Array<'high' | 'medium' | 'low'>;
  reviewStatus?: ReviewStatus[];
  /** At most this many cases are added (1 to 2,000). */
  limit?: number;
  /** newest: latest flagged first; serious: high confidence, direct nexus, felony-free protected charges first. */
  order?: AgendaOrder;
}

/** `POST /api/meetings/:id/agenda/bulk` and `.../agenda/bulk-remove`: cases (by flag or case id) added at the end, or removed. */
export interface AgendaBulkRequest {
  ids: string[];
}

/** `POST /api/meetings/:id/decisions`: records the decision on an agenda case as an ordinary review change. */
export interface MeetingDecision {
  flagId: string;
  status: ReviewStatus;
  note?: string;
  /** The review version shown (MeetingAgendaItem.reviewVersion): a stale one is refused with 409. */
  version?: number;
}
