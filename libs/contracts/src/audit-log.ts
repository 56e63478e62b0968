import type { AuditSubject } from './audit-words';

/** One row of the append-only audit trail (`GET /api/audit-log`). */
export interface AuditLogEntry {
  id: string;
  at: string;
  actorUserId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: 'success' | 'failure';
  statusCode: number | null;
  ip: string | null;
  userAgent: string | null;
  detail: Record<string, unknown> | null;
  /** What the entry is about, looked up when the log is read: null when it is gone or there is nothing to point at. */
  subject?: AuditSubject | null;
}

/** Actions the audit log records by name (writes add `<METHOD> <route>`). */
export const AUDIT_ACTIONS = {
  signIn: 'auth.sign_in',
  signInFailed: 'auth.sign_in_failed',
  signInThrottled: 'auth.sign_in_throttled',
  signOut: 'auth.sign_out',
  userCreated: 'user.created',
  /** A case-level page was viewed: a flag (case page), an incident, an arrest or a DA decision. */
  caseViewed: 'case.viewed',
  /** A list of case-level records was read (the flagged cases, incidents, arrests, DA decisions), with its filter. */
  casesListed: 'cases.listed',
  /** A report was read (its page, or a PDF, CSV or JSON file), with the edition: public or internal. */
  reportRead: 'report.read',
  /** The rejected rows of an import were read (they hold values from the file as sent). */
  importRejectsRead: 'import.rejects_read',
  /** A pull from DataSF ended (the schedule, "Pull now" or the CLI): its rows and pages, or why it failed. */
  datasfPulled: 'import.datasf_pulled',
} as const;
