/** How an extract writes dates of birth (the kit's config names one). */
export const DATE_FORMATS = ['YYYY-MM-DD', 'MM/DD/YYYY', 'DD/MM/YYYY', 'YYYYMMDD'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export interface DateOfBirth {
  year: number;
  month: number;
  day: number;
}

export type DateResult = { ok: true; date: DateOfBirth } | { ok: false; reason: string };

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/;
const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: .*)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/** Earliest and latest years of birth taken as real: anything outside is a typing error or a placeholder. */
export const MIN_BIRTH_YEAR = 1900;
export const MAX_BIRTH_YEAR = 2099;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * A date of birth in the extract's format. `MM/DD/YYYY` and `DD/MM/YYYY` take one- or two-digit days and months and
 * `/`, `.` or `-` between them; `YYYY-MM-DD` may carry a time after it (`1990-03-04T00:00:00`), which is ignored. The
 * reason of a failure never repeats the value (it is personal data).
 */
export function parseDateOfBirth(value: string, format: DateFormat): DateResult {
  const text = value.trim();
  if (text === '') return { ok: false, reason: 'the date of birth is empty' };
  let parts: [number, number, number] | null = null;
  if (format === 'YYYY-MM-DD') {
    const m = ISO.exec(text);
    if (m) parts = [+m[1], +m[2], +m[3]];
  } else if (format === 'YYYYMMDD') {
    const m = COMPACT.exec(text);
    if (m) parts = [+m[1], +m[2], +m[3]];
  } else {
    const m = SLASHED.exec(text);
    if (m) parts = format === 'MM/DD/YYYY' ? [+m[3], +m[1], +m[2]] : [+m[3], +m[2], +m[1]];
  }
  if (!parts) return { ok: false, reason: `the date of birth is not a date in the ${format} format` };
  const [year, month, day] = parts;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: `the date of birth is not a real date (read as ${format})` };
  }
  if (year < MIN_BIRTH_YEAR || year > MAX_BIRTH_YEAR) {
    return { ok: false, reason: `the year of birth is outside ${MIN_BIRTH_YEAR}-${MAX_BIRTH_YEAR}` };
  }
  return { ok: true, date: { year, month, day } };
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `YYYY-MM-DD`, as the exact key reads it. */
export function isoDate(d: DateOfBirth): string {
  return `${d.year}-${pad(d.month)}-${pad(d.day)}`;
}

/**
 * The date with day and month as an unordered pair (`1990|03-04` for both 3 April and 4 March), or null when
 * swapping them could not give another real date (the day is over 12, or day and month are equal): such a date
 * cannot have been swapped.
 */
export function swapTolerantDate(d: DateOfBirth): string | null {
  if (d.day > 12 || d.day === d.month) return null;
  const [lo, hi] = d.day < d.month ? [d.day, d.month] : [d.month, d.day];
  return `${d.year}|${pad(lo)}-${pad(hi)}`;
}
