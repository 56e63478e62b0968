import type { ChargeLevel, ChargeParseResult, CodeBook, ParsedCharge } from './types';
import { codeBookAt, codeBookOfWords, wordsIn } from './code-books';
import { asciiLower, digitRunEnd, isDigit, isLetter, isSpace, letterRunEnd, quote, skipSpaces } from './text';

// The grammar, informally (case never matters; spaces may appear between any two parts unless noted):
//
//   charge      = [code-book] ["664" "/"] section subdivs tail* description
//   section     = digits ["." digits]                          647, 653.22, 236.1, 11377
//   subdivs     = ( "(" alnum ")"                            (a)(1), (B), (ii); up to 4 letters/digits
//                 | glued                                     245A1, 653.22A, 273AA: right after the section or a
//                                                             subdivision, no space; each letter is one
//                                                             subdivision, a run of digits is one
//                 | [","] ("subd" | "para" | ...) ["."] ...   § 647, subd. (b)
//                 )*
//   tail        = "/" level ["/" digits] | "/" digits | [ "-" ] code-book      (a code book only if none yet)
//   level       = F | M | I | FEL | FELONY | MISD | MISDEMEANOR | INF | INFRACTION
//   description = anything else, ignored                      PROSTITUTION, -POSSESS CNTL SUBSTANCE
//
// Text before the section must be a code book (or only punctuation such as '§'): anything else is a failure,
// because a code book we do not know must not be taken for the Penal Code. Text after is a description.
// Every step is a forward scan with bounded look-ahead, so parsing is linear in the length of the item.

/** What the scanner found; `end` is where the description (if any) starts. */
export interface Citation {
  codeBook: CodeBook | null;
  section: string;
  subdivisions: string[];
  level: ChargeLevel | null;
  attempt: boolean;
  end: number;
}

export type CitationScan = { ok: true; citation: Citation } | { ok: false; error: string };

/** The longest section number's integer part, in digits (Government Code sections reach six digits). */
const MAX_SECTION_DIGITS = 6;
/** A glued run longer than this is a description stuck to the section (`647PROSTITUTION`), not a subdivision. */
const MAX_GLUED_LETTERS = 3;
const MAX_GLUED_DIGITS = 3;
/** The longest thing inside parentheses that is a subdivision: `(a)`, `(12)`, `(iii)`, `(aa)`, `(2a)`. */
const MAX_PAREN_CHARS = 4;
const MAX_PAREN_DIGITS = 3;

const SUBDIVISION_WORDS = new Set(['subd', 'subds', 'subdiv', 'subdivision', 'subdivisions', 'para', 'paras', 'paragraph', 'subpara', 'subparagraph']);

const LEVEL_WORDS: ReadonlyMap<string, ChargeLevel> = new Map([
  ['f', 'F'],
  ['fel', 'F'],
  ['felony', 'F'],
  ['m', 'M'],
  ['mis', 'M'],
  ['misd', 'M'],
  ['misdemeanor', 'M'],
  ['misdemeanour', 'M'],
  ['i', 'I'],
  ['inf', 'I'],
  ['infr', 'I'],
  ['infraction', 'I'],
]);

/**
 * True when a comma at t[i] is part of one citation and separates nothing: `Pen. Code, § 647, subd. (b)` (the
 * California Style Manual's form) has one before '§' and one before 'subd.'.
 */
export function isCitationComma(t: string, i: number): boolean {
  const j = skipSpaces(t, i + 1);
  if (t.charCodeAt(j) === 0xa7 /* § */) return true;
  const end = letterRunEnd(t, j);
  return end > j && SUBDIVISION_WORDS.has(t.slice(j, end));
}

/** `(b)` at t[i] (after optional spaces): the subdivision and the index after ')'. */
function parenthesised(t: string, i: number): { sub: string; end: number } | null {
  const open = skipSpaces(t, i);
  if (t.charCodeAt(open) !== 40 /* ( */) return null;
  const from = skipSpaces(t, open + 1);
  let to = from;
  let letters = false;
  for (let c = t.charCodeAt(to); isLetter(c) || isDigit(c); c = t.charCodeAt(++to)) {
    if (isLetter(c)) letters = true;
    if (to - from >= MAX_PAREN_CHARS) return null;
  }
  if (to === from || (!letters && to - from > MAX_PAREN_DIGITS)) return null;
  const close = skipSpaces(t, to);
  if (t.charCodeAt(close) !== 41 /* ) */) return null;
  const sub = t.slice(from, to);
  return { sub: letters ? sub : String(Number(sub)), end: close + 1 };
}

/** `, subd. (b)(1)` or `subd. b` at t[i]: the subdivisions and the index after them. */
function subdivisionPhrase(t: string, i: number): { subs: string[]; end: number } | null {
  let j = skipSpaces(t, i);
  if (t.charCodeAt(j) === 44 /* , */) j = skipSpaces(t, j + 1);
  const wordEnd = letterRunEnd(t, j);
  if (wordEnd === j || !SUBDIVISION_WORDS.has(t.slice(j, wordEnd))) return null;
  j = wordEnd;
  if (t.charCodeAt(j) === 46 /* . */) j++;
  const subs: string[] = [];
  for (let p = parenthesised(t, j); p; p = parenthesised(t, j)) {
    subs.push(p.sub);
    j = p.end;
  }
  if (subs.length === 0) {
    // `subd. b`, `subd 1`: one bare run ending at a boundary.
    const from = skipSpaces(t, j);
    const c = t.charCodeAt(from);
    const to = isLetter(c) ? letterRunEnd(t, from) : isDigit(c) ? digitRunEnd(t, from) : from;
    const limit = isLetter(c) ? MAX_PAREN_CHARS : MAX_PAREN_DIGITS;
    const next = t.charCodeAt(to);
    if (to === from || to - from > limit || isLetter(next) || isDigit(next)) return null;
    subs.push(isDigit(c) ? String(Number(t.slice(from, to))) : t.slice(from, to));
    j = to;
  }
  return { subs, end: j };
}

/** The level word at t[i] (`f`, `misd`, ...), ending at a non-letter. */
function levelAt(t: string, i: number): { level: ChargeLevel; end: number } | null {
  const end = letterRunEnd(t, i);
  if (end === i) return null;
  const level = LEVEL_WORDS.get(t.slice(i, end));
  return level ? { level, end } : null;
}

/**
 * The index of the first character before the section that belongs to no citation, or -1. After a code book:
 * letters, '&', spaces and `. , § ( : -` (`Pen. Code, § 647`, `(Pen. Code § 647`, `PC: 647`, `H&S-11377`);
 * with no code book only spaces, '§' and '('. So `/647`, `-1` or `.6` is not read as a section.
 */
function strayBeforeSection(t: string, first: number, afterCodeBook: boolean): number {
  for (let k = 0; k < first; k++) {
    const c = t.charCodeAt(k);
    if (isSpace(c) || c === 0xa7 /* § */ || c === 40 /* ( */) continue;
    if (afterCodeBook && (isLetter(c) || c === 38 /* & */ || c === 46 /* . */ || c === 44 /* , */ || c === 58 /* : */ || c === 45) /* - */) continue;
    return k;
  }
  // A '.' right before the digits would make them a decimal part: `PC .6`.
  return first > 0 && t.charCodeAt(first - 1) === 46 && !(first > 1 && isLetter(t.charCodeAt(first - 2))) ? first - 1 : -1;
}

/**
 * Scans one citation. `raw` must already be trimmed and non-empty. Never throws.
 */
export function scanCitation(raw: string): CitationScan {
  const t = asciiLower(raw);
  const n = t.length;

  // Code book before the section, if any.
  let first = 0;
  while (first < n && !isDigit(t.charCodeAt(first))) first++;
  if (first === n) return { ok: false, error: 'no section number found' };
  let codeBook: CodeBook | null = null;
  const prefixWords = wordsIn(t, 0, first);
  if (prefixWords.length > 0) {
    codeBook = codeBookOfWords(prefixWords);
    if (codeBook === null) {
      return {
        ok: false,
        error: `${quote(raw.slice(0, first).trim())} before the section number is not a recognised code book (expected e.g. PC, HS, VC)`,
      };
    }
  }
  const stray = strayBeforeSection(t, first, prefixWords.length > 0);
  if (stray >= 0) return { ok: false, error: `unexpected ${quote(raw.charAt(stray))} before the section number` };

  // Attempt: 664/ in front of the section attempted.
  let i = first;
  let attempt = false;
  const firstRunEnd = digitRunEnd(t, i);
  if (t.slice(i, firstRunEnd) === '664') {
    let j = skipSpaces(t, firstRunEnd);
    if (t.charCodeAt(j) === 47 /* / */) {
      j = skipSpaces(t, j + 1);
      if (isDigit(t.charCodeAt(j))) {
        attempt = true;
        i = j;
      }
    }
  }

  // Section.
  const sectionStart = i;
  i = digitRunEnd(t, i);
  const integerEnd = i;
  if (t.charCodeAt(i) === 46 /* . */ && isDigit(t.charCodeAt(i + 1))) i = digitRunEnd(t, i + 1);
  let integerStart = sectionStart;
  while (integerStart < integerEnd - 1 && t.charCodeAt(integerStart) === 48 /* 0 */) integerStart++;
  const integerPart = t.slice(integerStart, integerEnd);
  if (integerPart === '0') return { ok: false, error: `section number ${quote(raw.slice(sectionStart, i))} is not valid` };
  if (integerPart.length > MAX_SECTION_DIGITS) {
    return { ok: false, error: `${quote(raw.slice(sectionStart, i))} is too long to be a section number` };
  }
  const section = t.slice(integerStart, i);

  // Subdivisions.
  const subdivisions: string[] = [];
  for (;;) {
    const c = t.charCodeAt(i);
    if (isLetter(c)) {
      // Glued to the section or the previous subdivision, one letter each: 245A1 = (a)(1), 273AA = (a)(a),
      // 266H(a) = (h)(a). A glued code book ends the subdivisions: 11377(a)HS, 647BHS = 647(b) HS.
      const end = letterRunEnd(t, i);
      if (end - i > MAX_GLUED_LETTERS) break;
      while (i < end && codeBookAt(t, i) === null) subdivisions.push(t[i++]);
      if (i < end) break;
      continue;
    }
    if (isDigit(c)) {
      const end = digitRunEnd(t, i);
      if (end - i > MAX_GLUED_DIGITS) break;
      subdivisions.push(String(Number(t.slice(i, end))));
      i = end;
      continue;
    }
    const p = parenthesised(t, i);
    if (p) {
      subdivisions.push(p.sub);
      i = p.end;
      continue;
    }
    const phrase = subdivisionPhrase(t, i);
    if (phrase) {
      subdivisions.push(...phrase.subs);
      i = phrase.end;
      continue;
    }
    break;
  }

  // Level, a DA count (/0), and the code book written after the section.
  let level: ChargeLevel | null = null;
  let end = i;
  for (;;) {
    const j = skipSpaces(t, end);
    if (t.charCodeAt(j) === 47 /* / */) {
      const k = skipSpaces(t, j + 1);
      const lv: { level: ChargeLevel; end: number } | null = level === null ? levelAt(t, k) : null;
      if (lv) {
        level = lv.level;
        end = lv.end;
        continue;
      }
      if (isDigit(t.charCodeAt(k))) {
        end = digitRunEnd(t, k);
        continue;
      }
      break;
    }
    if (codeBook === null) {
      const k = t.charCodeAt(j) === 45 /* - */ ? skipSpaces(t, j + 1) : j;
      const found = codeBookAt(t, k);
      if (found) {
        codeBook = found.codeBook;
        end = found.end;
        continue;
      }
    }
    break;
  }

  return { ok: true, citation: { codeBook, section, subdivisions, level, attempt, end } };
}

/** The code book of a charge that names none: sections 11000-11999 are Health and Safety Code, others Penal Code. */
export function inferCodeBook(section: string): CodeBook {
  const whole = Number(section.split('.')[0]);
  return whole >= 11000 && whole <= 11999 ? 'HS' : 'PC';
}

/**
 * Parses one charge as written in an arrest or DA record. Never throws: anything without a recognisable section
 * number is a failure with a plain-language error.
 */
export function parseCharge(item: string): ChargeParseResult {
  const raw = typeof item === 'string' ? item.trim() : '';
  if (raw === '') return { ok: false, failure: { raw, error: 'empty charge' } };
  const scan = scanCitation(raw);
  if (!scan.ok) return { ok: false, failure: { raw, error: scan.error } };
  const { codeBook, section, subdivisions, level, attempt } = scan.citation;
  const charge: ParsedCharge = {
    raw,
    codeBook: codeBook ?? inferCodeBook(section),
    codeBookInferred: codeBook === null,
    section,
    subdivisions,
    level,
    attempt,
  };
  return { ok: true, charge };
}

function isSeparator(c: number): boolean {
  return c === 59 /* ; */ || c === 44 /* , */ || c === 10 /* \n */ || c === 13; /* \r */
}

/**
 * Splits a list of charges on ';' and ',' (and line breaks), except the commas of `Pen. Code, § 647, subd. (b)`
 * (a comma followed by '§' or by 'subd.', 'subdivision', 'para.', ...), and parses each item. Empty items (`a;;b`, a trailing ';') are ignored; every other item gives one result, in
 * order, so nothing is dropped silently.
 */
export function parseChargeList(list: string): ChargeParseResult[] {
  if (typeof list !== 'string') return [];
  const t = asciiLower(list);
  const results: ChargeParseResult[] = [];
  let from = 0;
  for (let i = 0; i <= t.length; i++) {
    if (i < t.length) {
      const c = t.charCodeAt(i);
      if (!isSeparator(c) || (c === 44 && isCitationComma(t, i))) continue;
    }
    const item = list.slice(from, i);
    if (item.trim() !== '') results.push(parseCharge(item));
    from = i + 1;
  }
  return results;
}
