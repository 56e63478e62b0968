import { formatDay, sfDayOf, type MeetingAgendaItem, type MeetingAttendee, type MeetingRecord } from '@sra/contracts';

/** Plain words for the meetings pages. */

export const MEETING_STATUS_LABELS: Readonly<Record<MeetingRecord['status'], string>> = {
  planned: 'Planned',
  held: 'Held',
};

export const MEETING_STATUS_CHOICES = (['planned', 'held'] as const).map((id) => ({ id, name: MEETING_STATUS_LABELS[id] }));

export function meetingStatusLabel(status: unknown): string {
  return status === 'planned' || status === 'held' ? MEETING_STATUS_LABELS[status] : String(status ?? '');
}

export function cases(n: number): string {
  return `${n} ${n === 1 ? 'case' : 'cases'}`;
}

/** "Dana Ortiz (SFPD liaison)". */
export function attendeeWords(attendee: MeetingAttendee): string {
  return attendee.role?.trim() ? `${attendee.name} (${attendee.role.trim()})` : attendee.name;
}

/** Today in San Francisco, `YYYY-MM-DD` (the day meetings are dated by). */
export function todayInSf(now = new Date()): string {
  return sfDayOf(now.toISOString()) ?? now.toISOString().slice(0, 10);
}

/** The day before a `YYYY-MM-DD` day. */
export function dayBefore(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** The same day a month earlier (the first meeting's agenda looks back a month), clamped to the month's end. */
export function monthBefore(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const last = new Date(Date.UTC(y, m - 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 2, Math.min(d, last))).toISOString().slice(0, 10);
}

/** What "Build the agenda" picks by default, given the day of the previous meeting (null: there is none). */
export function agendaRuleWords(previousMeetingDay: string | null): string {
  const since = previousMeetingDay
    ? `flagged since ${formatDay(previousMeetingDay)}, the day of the previous meeting`
    : 'flagged in the month before this meeting (there is no earlier meeting)';
  return (
    `By default the agenda lists the cases still to be decided (New or In review) with high or medium confidence, ${since}, ` +
    'newest first; change the choices below. Cases added by hand and cases already decided in this meeting stay where they are.'
  );
}

const FLAG_ID = /\b[0-9a-f]{32}\b/g;

/**
 * The server names cases by their ids; a person knows them by their place on the agenda. "Case <id>" becomes
 * "Case 3 on the agenda", or "This case" when it is not on the agenda.
 */
export function nameCases(message: string, agenda: readonly Pick<MeetingAgendaItem, 'flagId'>[]): string {
  return message
    .replace(/\bCase ([0-9a-f]{32})\b/g, (_, id: string) => {
      const index = agenda.findIndex((item) => item.flagId === id);
      return index >= 0 ? `Case ${index + 1} on the agenda` : 'This case';
    })
    .replace(FLAG_ID, 'the case');
}
