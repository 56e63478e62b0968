/**
 * The review of a flagged case (issue 6): one status per flag, an assignee, a
 * notes thread and the full history of who changed what and when.
 */
export const REVIEW_STATUSES = ['new', 'in_review', 'confirmed_violation', 'not_a_violation', 'policy_exception', 'data_error'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** Plain-language names, for pages, exports and minutes. */
export const REVIEW_STATUS_LABELS: Readonly<Record<ReviewStatus, string>> = {
  new: 'New',
  in_review: 'In review',
  confirmed_violation: 'Confirmed violation',
  not_a_violation: 'Not a violation',
  policy_exception: 'Policy exception',
  data_error: 'Data error',
};

/** Still to be decided. */
export const OPEN_REVIEW_STATUSES: readonly ReviewStatus[] = ['new', 'in_review'];
/** A reviewer confirmed the breach: counted by the confirmed measures (compliance-rules.md §8). */
export const CONFIRMED_REVIEW_STATUSES: readonly ReviewStatus[] = ['confirmed_violation'];
/** Dismissed: never counted by any measure (§8). */
export const DISMISSED_REVIEW_STATUSES: readonly ReviewStatus[] = ['not_a_violation', 'policy_exception', 'data_error'];
/** The statuses whose flags count in the (unconfirmed) measures: all but the dismissed. */
export const COUNTED_REVIEW_STATUSES: readonly ReviewStatus[] = ['new', 'in_review', 'confirmed_violation'];

/**
 * Allowed changes of status. `new` is only ever the start. A decision can be
 * taken from `new` or `in_review` (a meeting decides without a separate
 * "start review" step); a decided case is only reopened (back to `in_review`),
 * never switched straight to another decision, so every change of mind is a
 * visible step in the history.
 */
export const REVIEW_TRANSITIONS: Readonly<Record<ReviewStatus, readonly ReviewStatus[]>> = {
  new: ['in_review', 'confirmed_violation', 'not_a_violation', 'policy_exception', 'data_error'],
  in_review: ['confirmed_violation', 'not_a_violation', 'policy_exception', 'data_error'],
  confirmed_violation: ['in_review'],
  not_a_violation: ['in_review'],
  policy_exception: ['in_review'],
  data_error: ['in_review'],
};

/** Changes that must say why (a note in the same request): dismissing a flag and reopening a decision. */
export function transitionNeedsNote(from: ReviewStatus, to: ReviewStatus): boolean {
  return DISMISSED_REVIEW_STATUSES.includes(to) || (from !== 'new' && from !== 'in_review' && to === 'in_review');
}

export function isReviewStatus(value: unknown): value is ReviewStatus {
  return typeof value === 'string' && (REVIEW_STATUSES as readonly string[]).includes(value);
}

/** Why a change of status is refused, or null when it is allowed. */
export function reviewTransitionProblem(from: ReviewStatus, to: ReviewStatus, note: string | undefined): string | null {
  if (from === to) return `the case is already "${REVIEW_STATUS_LABELS[to]}"`;
  if (!REVIEW_TRANSITIONS[from].includes(to)) {
    const allowed = REVIEW_TRANSITIONS[from].map((s) => `"${REVIEW_STATUS_LABELS[s]}"`).join(', ');
    return `a case that is "${REVIEW_STATUS_LABELS[from]}" can only become ${allowed}`;
  }
  if (transitionNeedsNote(from, to) && (note === undefined || note.trim() === '')) {
    return `changing "${REVIEW_STATUS_LABELS[from]}" to "${REVIEW_STATUS_LABELS[to]}" needs a note saying why`;
  }
  return null;
}

/** A person who can be assigned a case (case-level roles, active accounts). */
export interface ReviewerRecord {
  id: string;
  email: string;
  displayName: string | null;
  role: string;
}

/** One entry of a case's history: a change of status or assignee, or a note. */
export interface ReviewEventRecord {
  id: number;
  caseId: string;
  /** Recorded on a flag before reviews moved to cases (issue 11): that flag and its rule; null since. */
  flagId: string | null;
  ruleId: string | null;
  /** `carried_over`: the reviews of the case's flags carried over to the case (its note says what each rule's was). */
  kind: 'status' | 'assignee' | 'note' | 'carried_over';
  at: string;
  actorId: string | null;
  actorName: string;
  /** For `status`: the statuses; for `assignee`: the names (null: nobody). */
  from: string | null;
  to: string | null;
  note: string | null;
}

/** The review of one case (one arrest or DA decision, whichever rules it breaches), with its history (oldest first). */
export interface ReviewRecord {
  caseId: string;
  status: ReviewStatus;
  assigneeId: string | null;
  assigneeName: string | null;
  /** Increases with every change; send it back to refuse a change made on a stale page (409). */
  version: number;
  changedAt: string | null;
  changedBy: string | null;
  history: ReviewEventRecord[];
}

/** `PATCH /api/reviews/:caseId`: any of status, assignee and note; `version` as last read. */
export interface ReviewChange {
  status?: ReviewStatus;
  /** A user id, or null to unassign. Absent: unchanged. */
  assigneeId?: string | null;
  note?: string;
  version?: number;
}

/** `POST /api/reviews/bulk`: the same change to many cases; all or nothing. `flagIds` (older clients) means their cases. */
export interface BulkReviewChange {
  caseIds?: string[];
  flagIds?: string[];
  status?: ReviewStatus;
  assigneeId?: string | null;
  note?: string;
}

export interface BulkReviewResult {
  changed: number;
}
