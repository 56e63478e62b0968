/**
 * Dates the API takes, checked strictly so that PostgreSQL never sees one it would refuse (a 500): a real calendar
 * day (no 2024-02-30), written in full (no `yesterday`, no `1`), in years 1900 to 9999 (PostgreSQL has no year 0, and
 * a default period reaches back 11 months from the month given).
 */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 9999;

/** `YYYY-MM`, 1900-01 to 9999-12. */
export const MONTH_PATTERN = /^(19\d\d|[2-9]\d\d\d)-(0[1-9]|1[0-2])$/;

export function isCalendarDay(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, month, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < FIRST_YEAR || y > LAST_YEAR || month < 1 || month > 12) return false;
  const daysInMonth = new Date(Date.UTC(y, month, 0)).getUTCDate();
  return d >= 1 && d <= daysInMonth;
}

/** A day (`YYYY-MM-DD`) or a date-time (`YYYY-MM-DDTHH:MM[:SS[.ffffff]][Z|±HH:MM]`). */
export function isDayOrDateTime(value: string): boolean {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ]([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,6})?)?(?:Z|[+-](?:0\d|1[0-5]):[0-5]\d)?)?$/.exec(value);
  return m !== null && isCalendarDay(m[1]);
}
