import { foldWords } from './fold';
import { canonicalGivenName } from './nicknames';

const TITLES = new Set(['MR', 'MRS', 'MS', 'MISS', 'DR']);

export interface GivenName {
  /** The first given name, nickname resolved (`Bill` → `WILLIAM`): the keys use it. */
  first: string;
  /** The first given name as written, folded (`BILL`). */
  written: string;
}

/**
 * The first given name of a given-names value, or null when there is none. Middle names are left out of every key,
 * so `Mary Ann` and `Mary` key alike, and so do a record with a middle name and one without; a title (`Mr`) is
 * skipped.
 */
export function normaliseGivenName(value: string): GivenName | null {
  const words = foldWords(value).filter((w) => !TITLES.has(w));
  if (words.length === 0) return null;
  return { first: canonicalGivenName(words[0]), written: words[0] };
}
