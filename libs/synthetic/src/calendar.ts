/**
 * San Francisco wall-clock time as whole minutes since 1970-01-01 00:00 local
 * (no zone arithmetic: the files carry local times). Formatting is cached per
 * day and per minute of day, because the generator formats millions of times.
 */
export type LocalMinutes = number;

const MINUTES_PER_DAY = 1440;
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export interface DayInfo {
  /** Days since 1970-01-01. */
  index: number;
  year: number;
  month: number;
  day: number;
  /** 0 = Sunday. */
  weekday: number;
  /** `YYYY-MM-DD` */
  iso: string;
  /** `YYYY/MM/DD` (DataSF) */
  slash: string;
  /** Day of year, 1-based. */
  dayOfYear: number;
  /** `001`...`366` */
  dayOfYearPadded: string;
  /** Two-digit year. */
  yy: string;
  /** `YYYY/MM/DD ` with the trailing space, for DataSF datetimes. */
  slashSpace: string;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

const dayCache = new Map<number, DayInfo>();
export function dayInfo(index: number): DayInfo {
  let info = dayCache.get(index);
  if (!info) {
    const d = new Date(index * 86_400_000);
    const year = d.getUTCFullYear();
    const month = d.getUTCMonth() + 1;
    const day = d.getUTCDate();
    const iso = `${year}-${pad2(month)}-${pad2(day)}`;
    info = {
      index,
      year,
      month,
      day,
      weekday: d.getUTCDay(),
      iso,
      slash: `${year}/${pad2(month)}/${pad2(day)}`,
      dayOfYear: 0,
      dayOfYearPadded: '',
      yy: String(year % 100).padStart(2, '0'),
      slashSpace: `${year}/${pad2(month)}/${pad2(day)} `,
    };
    info.dayOfYear = Math.floor((index * 86_400_000 - Date.UTC(year, 0, 1)) / 86_400_000) + 1;
    info.dayOfYearPadded = String(info.dayOfYear).padStart(3, '0');
    if (dayCache.size > 20_000) dayCache.clear();
    dayCache.set(index, info);
  }
  return info;
}

export function dayIndexOf(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  return Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);
}

export function monthStart(yyyyMm: string): number {
  return dayIndexOf(`${yyyyMm}-01`);
}

/** The first day after the given month. */
export function monthEnd(yyyyMm: string): number {
  const [y, m] = yyyyMm.split('-').map(Number);
  return Math.floor(Date.UTC(y, m, 1) / 86_400_000);
}

const hhmm: string[] = [];
const ampm: string[] = [];
for (let m = 0; m < MINUTES_PER_DAY; m++) {
  const h = Math.floor(m / 60);
  const min = m % 60;
  hhmm.push(`${pad2(h)}:${pad2(min)}`);
  const h12 = h % 12 === 0 ? 12 : h % 12;
  ampm.push(`${pad2(h12)}:${pad2(min)}:00 ${h < 12 ? 'AM' : 'PM'}`);
}

export const dayOf = (t: LocalMinutes) => Math.floor(t / MINUTES_PER_DAY);
export const minuteOfDay = (t: LocalMinutes) => t - dayOf(t) * MINUTES_PER_DAY;

/** `2018/12/01 12:25:00 AM`, as DataSF writes it. */
export function dataSfDatetime(t: LocalMinutes): string {
  return dayInfo(dayOf(t)).slashSpace + ampm[minuteOfDay(t)];
}

/** `2018-12-01 00:25`, the model's local form (also ISO 8601 without the T). */
export function isoMinutes(t: LocalMinutes): string {
  return `${dayInfo(dayOf(t)).iso} ${hhmm[minuteOfDay(t)]}`;
}

/** `2018-12-01T00:25:00` */
export function isoT(t: LocalMinutes): string {
  return `${dayInfo(dayOf(t)).iso}T${hhmm[minuteOfDay(t)]}:00`;
}

export function isoDate(t: LocalMinutes): string {
  return dayInfo(dayOf(t)).iso;
}

export function hourMinute(t: LocalMinutes): string {
  return hhmm[minuteOfDay(t)];
}

export function weekdayName(t: LocalMinutes): string {
  return DAY_NAMES[dayInfo(dayOf(t)).weekday];
}

/** Second Sunday of March and first Sunday of November (US rule since 2007). */
function dstBounds(year: number): [number, number] {
  const march1 = Math.floor(Date.UTC(year, 2, 1) / 86_400_000);
  const nov1 = Math.floor(Date.UTC(year, 10, 1) / 86_400_000);
  const firstSunday = (day: number) => day + ((7 - dayInfo(day).weekday) % 7);
  return [firstSunday(march1) + 7, firstSunday(nov1)];
}

/**
 * Local times that do not exist (the spring-forward hour) or exist twice (the
 * fall-back hour) are moved out of the way, so that every generated time
 * means exactly one instant.
 */
export function avoidDstEdges(t: LocalMinutes): LocalMinutes {
  const day = dayOf(t);
  const m = minuteOfDay(t);
  if (m < 60 || m >= 180) return t;
  const [start, end] = dstBounds(dayInfo(day).year);
  if ((day === start && m >= 120 && m < 180) || (day === end && m >= 60 && m < 120)) return t + 60;
  return t;
}
