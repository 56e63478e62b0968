/**
 * San Francisco wall-clock time (America/Los_Angeles) to real instants.
 *
 * Only the US daylight-saving rule in force since 2007 is implemented:
 * Pacific Daylight Time (UTC-7) from the second Sunday of March at 02:00 local
 * to the first Sunday of November at 02:00 local; Pacific Standard Time (UTC-8)
 * otherwise. Earlier years are refused rather than converted wrongly.
 *
 * The two awkward hours are resolved as PostgreSQL resolves them:
 * - a nonexistent spring-forward time (02:00-02:59 on the March day) takes the
 *   offset in force before the transition, PST: `2024-03-10 02:30` is 10:30 UTC
 *   (= 03:30 PDT);
 * - an ambiguous fall-back time (01:00-01:59 on the November day) takes
 *   standard time, PST: `2024-11-03 01:30` is 09:30 UTC.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const PST_OFFSET_MS = -8 * HOUR_MS;
const PDT_OFFSET_MS = -7 * HOUR_MS;

const FIRST_SUPPORTED_YEAR = 2007;

const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day of the month of the n-th Sunday (n >= 1) of a month (1-12). */
function nthSundayOfMonth(year: number, month: number, n: number): number {
  const weekdayOfFirst = new Date(Date.UTC(year, month - 1, 1)).getUTCDay(); // 0 = Sunday
  const firstSunday = 1 + ((7 - weekdayOfFirst) % 7);
  return firstSunday + 7 * (n - 1);
}

/**
 * Whether a local wall-clock time is in Pacific Daylight Time, i.e. in
 * [2nd Sunday of March 03:00, 1st Sunday of November 01:00) of wall-clock time.
 * (02:00-02:59 in March does not exist and 01:00-01:59 in November is
 * ambiguous: both are read as standard time, see the file comment.)
 */
function isDaylightTime(year: number, month: number, day: number, hour: number): boolean {
  const wall = Date.UTC(year, month - 1, day, hour);
  const dstStart = Date.UTC(year, 2, nthSundayOfMonth(year, 3, 2), 3);
  const dstEnd = Date.UTC(year, 10, nthSundayOfMonth(year, 11, 1), 1);
  return wall >= dstStart && wall < dstEnd;
}

function checkedFields(text: string, match: RegExpExecArray | null, kind: string): number[] {
  if (match === null) {
    throw new RangeError(`Not a local ${kind}: "${text}"`);
  }
  const fields = match.slice(1).map((f) => (f === undefined ? 0 : Number(f)));
  const [year, month, day, hour = 0, minute = 0, second = 0] = fields;
  const probe = new Date(Date.UTC(year, month - 1, day));
  const validDate = probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
  if (!validDate || hour > 23 || minute > 59 || second > 59) {
    throw new RangeError(`Not a valid local ${kind}: "${text}"`);
  }
  if (year < FIRST_SUPPORTED_YEAR) {
    throw new RangeError(`Year ${year} is before ${FIRST_SUPPORTED_YEAR}; only the 2007 US DST rule is implemented: "${text}"`);
  }
  return [year, month, day, hour, minute, second];
}

/**
 * `YYYY-MM-DD HH:MM` (also `T` as separator, optional `:SS`) in San Francisco
 * local time to milliseconds since the epoch (UTC). Throws on anything else.
 */
export function localToUtcMillis(local: string): number {
  const [year, month, day, hour, minute, second] = checkedFields(local, DATETIME_RE.exec(local), 'datetime');
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const offset = isDaylightTime(year, month, day, hour) ? PDT_OFFSET_MS : PST_OFFSET_MS;
  return wallAsUtc - offset;
}

/** A local calendar day as the half-open interval of instants [start, end). */
export interface LocalDay {
  startMillis: number;
  /** Exclusive. 23, 24 or 25 hours after the start. */
  endMillis: number;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** `YYYY-MM-DD` to the instants [that day 00:00, next day 00:00) in San Francisco. */
export function localDayToUtcInterval(date: string): LocalDay {
  const [year, month, day] = checkedFields(date, DATE_RE.exec(date), 'date');
  const next = new Date(Date.UTC(year, month - 1, day + 1));
  const nextDate = `${next.getUTCFullYear()}-${pad2(next.getUTCMonth() + 1)}-${pad2(next.getUTCDate())}`;
  return {
    startMillis: localToUtcMillis(`${date} 00:00`),
    endMillis: localToUtcMillis(`${nextDate} 00:00`),
  };
}

export const HOUR_IN_MS = HOUR_MS;
