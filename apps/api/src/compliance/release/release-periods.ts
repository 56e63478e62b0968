import type { ReleasePeriod } from '@sra/contracts';

/*
 * The calendar periods of the released set (issue 12): whole months, quarters and years. Months are `YYYY-MM`
 * (months of report, San Francisco time); a quarter's id is `2021-Q3`, a year's `2021`.
 */

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

function parts(month: string): { year: number; month: number } {
  const m = MONTH.exec(month);
  if (!m) throw new Error(`not a month (YYYY-MM): ${month}`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

const pad = (n: number) => String(n).padStart(2, '0');
const monthName = (month: string) => MONTH_NAMES[parts(month).month - 1];

/** `2021-07` -> `2021-Q3`. */
export function quarterOf(month: string): string {
  const { year, month: m } = parts(month);
  return `${year}-Q${Math.ceil(m / 3)}`;
}

/** The year of a month or a quarter: `2021-07` or `2021-Q3` -> `2021`. */
export function yearOf(id: string): string {
  return id.slice(0, 4);
}

export function monthPeriod(month: string): ReleasePeriod {
  parts(month);
  return { kind: 'month', id: month, label: `${monthName(month)} ${yearOf(month)}`, from: month, to: month };
}

/** `2021-Q3` -> July to September 2021. */
export function quarterPeriod(id: string): ReleasePeriod {
  const m = /^(\d{4})-Q([1-4])$/.exec(id);
  if (!m) throw new Error(`not a quarter (YYYY-Qn): ${id}`);
  const first = (Number(m[2]) - 1) * 3 + 1;
  const from = `${m[1]}-${pad(first)}`;
  const to = `${m[1]}-${pad(first + 2)}`;
  return { kind: 'quarter', id, label: rangeLabel(from, to), from, to };
}

export function yearPeriod(year: string): ReleasePeriod {
  if (!/^\d{4}$/.test(year)) throw new Error(`not a year: ${year}`);
  return { kind: 'year', id: year, label: year, from: `${year}-01`, to: `${year}-12` };
}

/** The months of a period, first to last. */
export function monthsOf(period: Pick<ReleasePeriod, 'from' | 'to'>): string[] {
  const out: string[] = [];
  const last = parts(period.to);
  for (let { year, month } = parts(period.from); year < last.year || (year === last.year && month <= last.month); month === 12 ? ((month = 1), year++) : month++) {
    out.push(`${year}-${pad(month)}`);
  }
  return out;
}

/** A run of months in words: `March 2021`, `March to August 2021`, `November 2021 to February 2022`. */
export function rangeLabel(from: string, to: string): string {
  if (from === to) return `${monthName(from)} ${yearOf(from)}`;
  if (yearOf(from) === yearOf(to)) return `${monthName(from)} to ${monthName(to)} ${yearOf(to)}`;
  return `${monthName(from)} ${yearOf(from)} to ${monthName(to)} ${yearOf(to)}`;
}

/**
 * Every year, quarter and month of the whole calendar years covering [firstMonth, lastMonth]: all the years, then
 * all the quarters, then all the months, each kind in calendar order.
 */
export function releasePeriods(firstMonth: string, lastMonth: string): ReleasePeriod[] {
  if (firstMonth > lastMonth) throw new Error(`first month ${firstMonth} is after last month ${lastMonth}`);
  const months = monthsOf({ from: `${yearOf(firstMonth)}-01`, to: `${yearOf(lastMonth)}-12` });
  const years = [...new Set(months.map(yearOf))];
  const quarters = [...new Set(months.map(quarterOf))];
  return [...years.map(yearPeriod), ...quarters.map(quarterPeriod), ...months.map(monthPeriod)];
}

export interface SnappedPeriod {
  /** The grid period to show; null when there are no periods at all. */
  period: ReleasePeriod | null;
  /** What was changed from the request, in words; null when nothing was. */
  snapped: string | null;
}

/**
 * The grid period to show a viewer who asked for from..to (`YYYY-MM`, either may be missing): the period itself when
 * from..to is one of `periods` (a month: from == to; a quarter; a year); else the year holding `to` (or `from` when only
 * it was given; one end alone is a run of months, as on the dashboard), or the nearest year of `periods` when that year has no figures; the latest year when nothing was asked.
 */
export function snapToGrid(from: string | undefined, to: string | undefined, periods: readonly ReleasePeriod[]): SnappedPeriod {
  const years = periods.filter((p) => p.kind === 'year').sort((a, b) => a.id.localeCompare(b.id));
  const asked = from !== undefined || to !== undefined;
  if (years.length === 0) return { period: null, snapped: asked ? 'No figures have been released yet.' : null };
  if (!asked) return { period: years[years.length - 1], snapped: null };

  // Only one end asked is a run of months (the dashboard's 12 months up to `to`, or from `from` on), never one period.
  const exact = periods.find((p) => p.from === from && p.to === to);
  if (exact) return { period: exact, snapped: null };

  const last = (to ?? from) as string;
  const askedInWords = from === undefined ? `the 12 months to ${rangeLabel(last, last)}` : to === undefined ? `the months from ${rangeLabel(from, from)}` : from <= to ? rangeLabel(from, to) : rangeLabel(last, last);
  const wanted = yearOf(last);
  const year = years.find((y) => y.id === wanted);
  if (year) {
    return { period: year, snapped: `Figures are released for whole months, quarters and years only: showing ${year.label} instead of ${askedInWords}.` };
  }
  const latest = years[years.length - 1];
  const nearest = wanted > latest.id ? latest : years[0];
  const which = nearest === latest ? 'latest' : 'earliest';
  return { period: nearest, snapped: `There are no figures for ${askedInWords}: showing ${nearest.label}, the ${which} year with figures.` };
}
