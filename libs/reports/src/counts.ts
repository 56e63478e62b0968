/**
 * The one place where a count becomes what the reader sees. The internal edition shows every count as it is; the
 * public edition passes every count that comes from people's cases through `@sra/suppression` (this library
 * decides only which counts belong together, never which count is small). `null` means hidden.
 */
import type { ReportCell } from '@sra/contracts';
import { isSmallCount, suppressCounts, suppressCountTable, suppressedLabel } from '@sra/suppression';
import { complianceRate, percentText } from './format';

export type Shown = number | null;

export interface ShownTable {
  cells: Shown[][];
  rowTotals: Shown[];
  columnTotals: Shown[];
  total: Shown;
}

export interface Counter {
  /** True for the public edition. */
  readonly suppresses: boolean;
  /** `<11`. */
  readonly label: string;
  /**
   * A count published on its own, with no total it adds up to anywhere in the document: only small counts are
   * hidden (there is no total to protect it from).
   */
  one(n: number): Shown;
  /** Counts that add up to a total the document shows: small ones hidden, and others as needed to protect them. */
  list(values: number[]): { values: Shown[]; total: Shown };
  /** A two-way table shown with its row, column and grand totals. */
  table(rowLabels: string[], columnLabels: string[], cells: number[][]): ShownTable;
}

export function internalCounter(threshold: number): Counter {
  return {
    suppresses: false,
    label: suppressedLabel(threshold),
    one: (n) => n,
    list: (values) => ({ values: [...values], total: sum(values) }),
    table: (_rows, _columns, cells) => ({
      cells: cells.map((row) => [...row]),
      rowTotals: cells.map(sum),
      columnTotals: columnSums(cells),
      total: sum(cells.map(sum)),
    }),
  };
}

export function publicCounter(threshold: number): Counter {
  return {
    suppresses: true,
    label: suppressedLabel(threshold),
    one: (n) => (isSmallCount(n, threshold) ? null : n),
    list: (values) => {
      const out = suppressCounts(values, threshold);
      return { values: out.values, total: out.total };
    },
    table: (rowLabels, columnLabels, cells) => {
      const out = suppressCountTable({ rowLabels, columnLabels, cells }, threshold);
      return { cells: out.cells, rowTotals: out.rowTotals, columnTotals: out.columnTotals, total: out.total };
    },
  };
}

/** A count hidden wherever any of its appearances is hidden: the same number must never be shown in one place and hidden in another. */
export function hiddenIfAny(value: number, ...appearances: Shown[]): Shown {
  return appearances.some((shown) => shown === null) ? null : value;
}

export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function columnSums(cells: number[][]): number[] {
  const width = Math.max(0, ...cells.map((row) => row.length));
  return Array.from({ length: width }, (_, j) => sum(cells.map((row) => row[j] ?? 0)));
}

/** What a table cell holds for a count. */
export function countCell(counter: Counter, value: Shown): ReportCell {
  return value === null ? { suppressed: true, display: counter.label } : value;
}

/** The same, inside a sentence. */
export function countText(counter: Counter, value: Shown): string {
  return value === null ? counter.label : String(value);
}

export const RATE_NOT_SHOWN = 'not shown';
export const NO_ELIGIBLE = 'no eligible reports';

/**
 * A compliance rate `1 - flagged / eligible`. Hidden when either count is hidden: with the other count shown, the
 * rate would give the hidden one back. "no eligible reports" when nothing was eligible (a rate of 100% would claim
 * a compliance nobody tested).
 */
export function rateValue(flagged: Shown, eligible: Shown, check?: RateCheck): number | null {
  if (check && (check.rawBase < check.minBase || check.reviewed === false)) return null;
  if (flagged === null || eligible === null) return null;
  return complianceRate(flagged, eligible);
}

export const TOO_FEW = 'too few reports for a rate';
export const NO_REVIEW = 'no case reviewed yet';
export const NO_OCCASION = 'no reports to measure';

/**
 * The rules of issue 11 for one rate (snapshots that carry `measures`): its base before suppression, the minimum
 * base, and (for a confirmed rate) whether a case of its row was decided.
 */
export interface RateCheck {
  rawBase: number;
  minBase: number;
  reviewed?: boolean;
}

export function rateCell(flagged: Shown, eligible: Shown, check?: RateCheck, empty: string = NO_ELIGIBLE): ReportCell {
  if (eligible === 0 || check?.rawBase === 0) return empty;
  if (check?.reviewed === false) return NO_REVIEW;
  if (check && check.rawBase < check.minBase) return TOO_FEW;
  const rate = rateValue(flagged, eligible);
  return rate === null ? { suppressed: true, display: RATE_NOT_SHOWN } : percentText(rate);
}
