/**
 * When a compliance rate may be shown, and on what it rests (issue 11, "honest measures"; docs/rules.md,
 * "Rates and their bases"). A rate is always given with its base: the count of reports it is measured against.
 */

/** Below this many reports in its base, no rate is given: the counts are shown instead. */
export const MIN_RATE_BASE = 20;

/**
 * Why a rate is not given:
 * - `no-reports`: its base is empty (nothing to measure);
 * - `too-few`: its base has fewer than MIN_RATE_BASE reports;
 * - `no-review`: (confirmed rate only) no case in the slice has been decided by a reviewer yet;
 * - `suppressed`: (viewers) a count it rests on is hidden, and the rate would give it back.
 */
export type RateWithheld = 'no-reports' | 'too-few' | 'no-review' | 'suppressed';

/** A rate, or null with the reason it is withheld. */
export interface MeasuredRate {
  rate: number | null;
  withheld: RateWithheld | null;
}

/**
 * 1 - count / base, unless the base is empty or below the minimum, or a count is hidden (null).
 * `reviewed` (for the confirmed rate): whether any case in the slice was decided; false withholds it.
 */
export function measuredRate(count: number | null, base: number | null, reviewed = true): MeasuredRate {
  if (base === 0) return { rate: null, withheld: 'no-reports' };
  if (!reviewed) return { rate: null, withheld: 'no-review' };
  if (base !== null && base < MIN_RATE_BASE) return { rate: null, withheld: 'too-few' };
  if (base === null || count === null) return { rate: null, withheld: 'suppressed' };
  return { rate: 1 - count / base, withheld: null };
}

/** What a withheld rate says instead of a percentage, in plain words. */
export const RATE_WITHHELD_WORDS: Readonly<Record<RateWithheld, string>> = {
  'no-reports': 'no reports to measure',
  'too-few': 'too few reports for a rate',
  'no-review': 'no case reviewed yet',
  suppressed: 'not shown',
};

const countFormat = new Intl.NumberFormat('en-US');

/** A rate (0..1) as a percent with one decimal ("91.7%"), or the plain words for why there is none. */
export function rateWords(rate: number | null, withheld: RateWithheld | null): string {
  if (rate !== null) return `${(rate * 100).toFixed(1)}%`;
  return RATE_WITHHELD_WORDS[withheld ?? 'suppressed'];
}

/** What the base of an agency's rate is, in words: the reports whose reporter it later acted against. */
export function agencyBaseNoun(agency: string): string {
  return agency === 'SFDA' ? 'reports whose reporter the DA later charged' : `reports whose reporter ${agency} later arrested or cited`;
}

/**
 * The counts a rate rests on: "2 flagged of 24 eligible reports" (the count, what it counts, of the base), a hidden
 * count as its label ("<11 flagged of 24 ..."), and "no eligible reports" for an empty base.
 */
export function baseWords(count: number | null, base: number | null, noun: string, hidden: string, what = ''): string {
  const shown = (n: number | null) => (n === null ? hidden : countFormat.format(n));
  if (base === 0) return `no ${noun}`;
  const one = base === 1 ? noun.replace(/^reports\b/, 'report') : noun;
  return `${shown(count)}${what ? ` ${what}` : ''} of ${shown(base)} ${one}`;
}
