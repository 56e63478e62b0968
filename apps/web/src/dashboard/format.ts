import type { Confidence, DashboardResult, ShownCount } from '@sra/contracts';

/** A rate (0..1) as a percent with one decimal ("96.7%"), or null's plain meaning. */
export function formatRate(rate: number | null, whenNull = 'no eligible reports'): string {
  return rate === null ? whenNull : `${(rate * 100).toFixed(1)}%`;
}

const countFormat = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return countFormat.format(n);
}

/** "1 flag", "8 flags". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/**
 * What a hidden count shows: the API's label ("<11") when it suppressed counts for this role
 * (compliance-rules.md §8). The fallback only guards against a null the API did not explain.
 */
export function hiddenLabel(data: Pick<DashboardResult, 'suppression'>): string {
  return data.suppression?.label ?? 'not shown';
}

/** A count as shown: the number, or the label of a hidden count. */
export function formatShown(n: ShownCount, hidden: string): string {
  return n === null ? hidden : formatCount(n);
}

/** "1 flag", "8 flags", or "<11 flags" when hidden. */
export function pluralShown(n: ShownCount, one: string, hidden: string, many = `${one}s`): string {
  return n === null ? `${hidden} ${many}` : plural(n, one, many);
}

/**
 * A rate, or why there is none: nothing was eligible, or (for a role that sees small counts hidden) a count behind
 * it is hidden, since the rate would give the count away.
 */
export function formatRateOf(rate: number | null, eligible: ShownCount): string {
  return rate !== null || eligible === 0 ? formatRate(rate) : 'not shown';
}

const monthFormat = new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const longMonthFormat = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });

function monthDate(month: string): Date {
  const [year, monthNumber] = month.split('-').map(Number);
  return new Date(Date.UTC(year, monthNumber - 1, 1));
}

/** `2021-07` as "Jul 2021" (chart axes) or "July 2021" (sentences). */
export function formatMonth(month: string, long = false): string {
  return /^\d{4}-\d{2}$/.test(month) ? (long ? longMonthFormat : monthFormat).format(monthDate(month)) : month;
}

/** The confidence threshold in plain words. */
export const THRESHOLD_LABELS: Readonly<Record<Confidence, string>> = {
  high: 'Only flags of high confidence',
  medium: 'Flags of medium or high confidence',
  low: 'All flags (low, medium or high confidence)',
};

/** Short rule names for chart marks and choices. */
export const RULE_SHORT_NAMES: Readonly<Record<string, string>> = {
  'sfpd-psw-2017': 'SFPD bulletin (2017)',
  'sfda-psw-2018': 'District Attorney policy (2018)',
  'ca-pc-647.3': 'California Penal Code 647.3',
};

export function ruleShortName(ruleId: string): string {
  return RULE_SHORT_NAMES[ruleId] ?? ruleId;
}

export { visuallyHidden } from '../components/VisuallyHidden';
