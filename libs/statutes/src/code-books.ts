import type { CodeBook } from './types';
import { isLetter, isSpace, letterRunEnd } from './text';

// How each code book is written. Keys are the words of a spelling, lower-case, joined by one space, after
// dropping punctuation ('.', '§') and reading '&' as the word 'and': `Health & Saf. Code` -> 'health and saf
// code', `H&S` -> 'h and s', `P.C.` -> 'p c'.
const SPELLINGS: Record<CodeBook, readonly string[]> = {
  PC: ['pc', 'p c', 'cpc', 'pen', 'pen code', 'penal', 'penal code'],
  HS: [
    'hs',
    'h s',
    'hsc',
    'h s c',
    'hs code',
    'h and s',
    'h and s code',
    'h and sc',
    'h and saf code',
    'health and saf',
    'health and saf code',
    'health and safety',
    'health and safety code',
    'health safety code',
  ],
  VC: ['vc', 'v c', 'cvc', 'veh', 'veh code', 'vehicle code'],
  BP: ['bp', 'b p', 'bpc', 'b and p', 'b and p code', 'bus and prof', 'bus and prof code', 'business and professions code'],
  WI: ['wi', 'w i', 'wic', 'w and i', 'w and i code', 'welf and inst', 'welf and inst code', 'welfare and institutions code'],
  GC: ['gc', 'gov code', 'govt code', 'government code'],
  FG: ['fg', 'fgc', 'f and g', 'f and g code', 'fish and g code', 'fish and game code'],
  CCR: ['ccr', 'code regs', 'code of regs', 'code of regulations'],
  MC: ['mc', 'mpc', 'sfmc', 'sf mc', 'mun code', 'municipal code', 'police code', 'sf police code', 's f police code'],
};

const BY_SPELLING = new Map<string, CodeBook>();
for (const [codeBook, spellings] of Object.entries(SPELLINGS) as [CodeBook, readonly string[]][]) {
  for (const s of spellings) BY_SPELLING.set(s, codeBook);
}

/** The longest spelling has this many words. */
const MAX_WORDS = 4;

/** Leading words that only say the code is California's: `Cal. Pen. Code`. */
const STATE_WORDS = new Set(['ca', 'cal', 'calif', 'california']);
/** Trailing words that only say a section follows: `Pen. Code sec. 647`. */
const SECTION_WORDS = new Set(['section', 'sections', 'sec', 'secs', 'sect']);

/** Every spelling of a code book, for tests and documentation. */
export function codeBookSpellings(codeBook: CodeBook): readonly string[] {
  return SPELLINGS[codeBook];
}

function lookup(words: readonly string[]): CodeBook | null {
  return BY_SPELLING.get(words.join(' ')) ?? null;
}

/**
 * The code book named by the whole of `words` (the text before a section number), allowing a leading
 * `Cal.`/`California` and a trailing `§`-like word (`sec.`, `section`). Null when the words name no code book.
 */
export function codeBookOfWords(words: readonly string[]): CodeBook | null {
  let from = 0;
  let to = words.length;
  while (to > from && SECTION_WORDS.has(words[to - 1])) to--;
  if (to - from > 1 && STATE_WORDS.has(words[from])) from++;
  if (to - from < 1 || to - from > MAX_WORDS) return null;
  return lookup(words.slice(from, to));
}

/**
 * The words in t[from, to): runs of letters, '&' read as 'and'; anything else separates words.
 * Used for the text before a section number, which may carry '§', '.', ':' and the like.
 */
export function wordsIn(t: string, from: number, to: number): string[] {
  const words: string[] = [];
  let i = from;
  while (i < to) {
    const c = t.charCodeAt(i);
    if (isLetter(c)) {
      const end = Math.min(letterRunEnd(t, i), to);
      words.push(t.slice(i, end));
      i = end;
    } else {
      if (c === 38 /* & */) words.push('and');
      i++;
    }
  }
  return words;
}

/**
 * A code book written at t[i] after the section (`647(b) PC`, `11377(A) HS-POSSESS`, `11350(a) Health and Safety
 * Code`). Words may be separated by spaces, '.' and '&' only, so a description that follows (`PC/F`,
 * `HS-POSSESS CNTL SUBSTANCE`) is never read as part of it. Returns the code book and the index just after it
 * (after one trailing '.'), or null when no spelling starts at i.
 */
export function codeBookAt(t: string, i: number): { codeBook: CodeBook; end: number } | null {
  const words: { word: string; end: number }[] = [];
  let p = i;
  // One more word than the longest spelling, to allow a leading 'Cal.'.
  while (words.length <= MAX_WORDS && p < t.length) {
    const c = t.charCodeAt(p);
    if (isLetter(c)) {
      const end = letterRunEnd(t, p);
      words.push({ word: t.slice(p, end), end });
      p = end;
    } else if (c === 38 /* & */) {
      words.push({ word: 'and', end: p + 1 });
      p++;
    } else if (words.length > 0 && (c === 46 /* . */ || isSpace(c))) {
      p++;
    } else {
      break;
    }
  }
  if (words.length === 0 || words[0].word === 'and') return null;
  const starts = words.length > 1 && STATE_WORDS.has(words[0].word) ? [0, 1] : [0];
  for (const start of starts) {
    for (let n = Math.min(MAX_WORDS, words.length - start); n >= 1; n--) {
      const codeBook = lookup(words.slice(start, start + n).map((w) => w.word));
      if (codeBook) {
        let end = words[start + n - 1].end;
        if (t.charCodeAt(end) === 46 /* . */) end++;
        return { codeBook, end };
      }
    }
  }
  return null;
}
