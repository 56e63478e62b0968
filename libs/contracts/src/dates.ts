/**
 * The one date style of the interface: San Francisco time, months by their short English name.
 *
 *   a moment          `Jun 6, 2022, 4:18 AM PDT`   (always with its zone: PDT or PST)
 *   a day             `Jun 6, 2022`                 (`YYYY-MM-DD` names no moment: never shifted)
 *   a month           `June 2022`                   (`YYYY-MM`)
 *
 * Only numeric parts are read from Intl, and the words are our own, so the text is the same on every ICU version
 * (recent ones put a narrow no-break space before "AM"; this module never does). A text that is not a date is
 * returned as it was given: a page shows what it has rather than failing.
 */

export const SF_TIME_ZONE = 'America/Los_Angeles';

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

const DAY_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_ONLY = /^(\d{4})-(\d{2})$/;

const SF_PARTS = new Intl.DateTimeFormat('en-US', {
  timeZone: SF_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** San Francisco's wall clock at a moment, as numbers. */
export interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** San Francisco's wall clock at `date` (only numbers are read from Intl: the text never depends on ICU's words). */
export function wallOf(date: Date): Wall {
  const parts: Record<string, string> = {};
  for (const part of SF_PARTS.formatToParts(date)) parts[part.type] = part.value;
  return { year: Number(parts['year']), month: Number(parts['month']), day: Number(parts['day']), hour: Number(parts['hour']) % 24, minute: Number(parts['minute']) };
}

/** PDT when San Francisco's clock is 7 hours behind UTC, PST when 8 (worked out from the offset, not ICU's words). */
export function zoneOf(date: Date, wall: Wall = wallOf(date)): 'PDT' | 'PST' {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const behind = Math.round((Math.floor(date.getTime() / 60_000) * 60_000 - asUtc) / 3_600_000);
  return behind === 7 ? 'PDT' : 'PST';
}

function dayWords(year: number, month: number, day: number): string {
  return `${SHORT_MONTHS[month - 1]} ${day}, ${year}`;
}

function clockWords(hour: number, minute: number): string {
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  return `${h12}:${String(minute).padStart(2, '0')} ${hour < 12 ? 'AM' : 'PM'}`;
}

function parseMoment(at: string): Date | null {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * A moment in San Francisco time, `Jun 6, 2022, 4:18 AM PDT`. A bare day (`2022-06-06`) is a day, `Jun 6, 2022`.
 * `zone: false` leaves the zone out, for a place that already says "San Francisco time" once for many times.
 */
export function formatDateTime(at: string | Date | null | undefined, options: { zone?: boolean } = {}): string {
  if (at === null || at === undefined || at === '') return '';
  if (typeof at === 'string' && DAY_ONLY.test(at)) return formatDay(at);
  const date = typeof at === 'string' ? parseMoment(at) : at;
  if (!date || Number.isNaN(date.getTime())) return String(at);
  const wall = wallOf(date);
  const text = `${dayWords(wall.year, wall.month, wall.day)}, ${clockWords(wall.hour, wall.minute)}`;
  return options.zone === false ? text : `${text} ${zoneOf(date, wall)}`;
}

/** A day, `Jun 6, 2022`: a `YYYY-MM-DD` as written, a moment as its San Francisco day. */
export function formatDay(at: string | Date | null | undefined): string {
  if (at === null || at === undefined || at === '') return '';
  if (typeof at === 'string') {
    const day = DAY_ONLY.exec(at.slice(0, 10) === at ? at : '');
    if (day) {
      const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
      return m >= 1 && m <= 12 && d >= 1 && d <= 31 ? dayWords(y, m, d) : at;
    }
  }
  const date = typeof at === 'string' ? parseMoment(at) : at;
  if (!date || Number.isNaN(date.getTime())) return String(at);
  const wall = wallOf(date);
  return dayWords(wall.year, wall.month, wall.day);
}

/** A month, `June 2022` (or `Jun 2022` with `short`), from `YYYY-MM` or a day in it. */
export function formatMonth(month: string | null | undefined, options: { short?: boolean } = {}): string {
  if (!month) return '';
  const match = MONTH_ONLY.exec(month.slice(0, 7));
  if (!match) return month;
  const m = Number(match[2]);
  if (m < 1 || m > 12) return month;
  return `${(options.short ? SHORT_MONTHS : LONG_MONTHS)[m - 1]} ${match[1]}`;
}

/** The San Francisco day (`YYYY-MM-DD`) of a moment; a bare day is its own day; null for what is not a date. */
export function sfDayOf(at: string): string | null {
  if (DAY_ONLY.test(at)) return at;
  const date = parseMoment(at);
  if (!date) return null;
  const wall = wallOf(date);
  return `${wall.year}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
}

/**
 * The moment a San Francisco wall-clock time names. The hour that occurs twice (clocks going back) is read as
 * its first occurrence (PDT); a time in the hour that does not exist (clocks going forward) is null.
 */
export function sfWallToDate(year: number, month: number, day: number, hour: number, minute: number): Date | null {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  for (const behind of [7, 8]) {
    const date = new Date(asUtc + behind * 3_600_000);
    const wall = wallOf(date);
    if (wall.year === year && wall.month === month && wall.day === day && wall.hour === hour && wall.minute === minute) return date;
  }
  return null;
}

// An instant (`2022-06-06T11:18:00.000Z`, with an offset or Z), a San Francisco wall time (`2022-06-06 04:18`,
// perhaps already followed by its zone), or a bare day: in that order, so the longer forms win.
const IN_TEXT = /\b(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})|[ T](\d{2}):(\d{2})(?: ?(PST|PDT))?)?\b/g;

/**
 * Every date in a sentence written the interface's way: `reported on 2022-06-06 04:18` (a San Francisco wall time,
 * as flag sentences carry them) becomes `reported on Jun 6, 2022, 4:18 AM PDT`, an ISO instant likewise, a bare
 * day `Jun 6, 2022`.
 */
export function datesInText(text: string): string {
  return text.replace(IN_TEXT, (whole: string, y: string, mo: string, d: string, ih?: string, imi?: string, offset?: string, wh?: string, wmi?: string, wz?: string) => {
    if (ih !== undefined && offset !== undefined) {
      const date = parseMoment(`${y}-${mo}-${d}T${ih}:${imi}:00${offset === 'Z' ? 'Z' : offset.includes(':') ? offset : `${offset.slice(0, 3)}:${offset.slice(3)}`}`);
      return date ? formatDateTime(date) : whole;
    }
    if (wh !== undefined && wmi !== undefined) {
      const date = wz
        ? new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(wh), Number(wmi)) + (wz === 'PDT' ? 7 : 8) * 3_600_000)
        : sfWallToDate(Number(y), Number(mo), Number(d), Number(wh), Number(wmi));
      return date ? formatDateTime(date) : whole;
    }
    const day = formatDay(`${y}-${mo}-${d}`);
    return day === `${y}-${mo}-${d}` ? whole : day;
  });
}
