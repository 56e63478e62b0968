import { COMPARED_COUNTS, type ComparedCount, type ComparedPeriod, type ComplianceFigures, type FigureChange } from '@sra/contracts';
import { shiftMonth } from '../measures/default-period';
import { monthPeriod, monthsOf, quarterPeriod, rangeLabel, yearPeriod } from '../release/release-periods';
import type { ReleasePeriod } from '@sra/contracts';

/** A run of months, first and last `YYYY-MM`. */
export interface MonthRange {
  from: string;
  to: string;
}

/** The months just before `period`, as many as it has, and the same months a year earlier. */
export function comparedRanges(period: MonthRange): { previous: MonthRange; yearEarlier: MonthRange } {
  const n = monthsOf(period).length;
  return {
    previous: { from: shiftMonth(period.from, -n), to: shiftMonth(period.to, -n) },
    yearEarlier: { from: shiftMonth(period.from, -12), to: shiftMonth(period.to, -12) },
  };
}

/**
 * For a released (viewer's) period: the period of the same kind just before, and the same period a year earlier
 * (for a year, both are the year before). Every one is a period of the released grid, so its figures are cells.
 */
export function comparedReleasePeriods(period: ReleasePeriod): { previous: ReleasePeriod; yearEarlier: ReleasePeriod } {
  if (period.kind === 'month') return { previous: monthPeriod(shiftMonth(period.id, -1)), yearEarlier: monthPeriod(shiftMonth(period.id, -12)) };
  if (period.kind === 'quarter') {
    const year = Number(period.id.slice(0, 4));
    const q = Number(period.id.slice(6));
    return {
      previous: quarterPeriod(q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`),
      yearEarlier: quarterPeriod(`${year - 1}-Q${q}`),
    };
  }
  const before = yearPeriod(String(Number(period.id) - 1));
  return { previous: before, yearEarlier: before };
}

const NO_DATA: FigureChange = { change: null, relative: null, withheld: 'no-data' };

/** This count against the other period's: hidden when either is (a change would give a hidden count back). */
export function countChange(current: number | null, other: number | null): FigureChange {
  if (current === null || other === null) return { change: null, relative: null, withheld: 'suppressed' };
  const change = current - other;
  return { change, relative: other > 0 ? change / other : null, withheld: null };
}

/** The compliance rates' difference (in points of a fraction); none when either rate is hidden or withheld. */
export function rateChange(current: ComplianceFigures, other: ComplianceFigures): FigureChange {
  if (current.complianceRate === null || other.complianceRate === null) {
    const hidden = current.rateWithheld === 'suppressed' || other.rateWithheld === 'suppressed';
    return { change: null, relative: null, withheld: hidden ? 'suppressed' : 'no-rate' };
  }
  return { change: current.complianceRate - other.complianceRate, relative: null, withheld: null };
}

/** One compared period: its figures (null when it has no data) and the changes from it to this period. */
export function comparedPeriod(
  kind: ComparedPeriod['kind'],
  range: MonthRange & { label?: string },
  current: ComplianceFigures,
  other: ComplianceFigures | null,
): ComparedPeriod {
  const label = range.label ?? rangeLabel(range.from, range.to);
  const counts = Object.fromEntries(
    COMPARED_COUNTS.map((measure) => [measure, other === null ? NO_DATA : countChange(current[measure], other[measure])]),
  ) as Record<ComparedCount, FigureChange>;
  return {
    kind,
    from: range.from,
    to: range.to,
    label,
    hasData: other !== null,
    figures: other,
    counts,
    complianceRate: other === null ? NO_DATA : rateChange(current, other),
  };
}
