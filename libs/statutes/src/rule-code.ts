import type { CodeBook, ParsedCharge } from './types';
import { scanCitation } from './parse';
import { quote } from './text';

/**
 * A code as a rule lists it: one section, optionally narrowed to a subdivision (`PC 647(b)`, `PC 236.1`,
 * `PC 664/187`), or a range of whole section numbers in one code book (`HS 11000-11999`).
 * A rule code always names its code book.
 */
export type RuleCode =
  | { kind: 'section'; codeBook: CodeBook; section: string; subdivisions: string[]; attempt: boolean }
  | { kind: 'range'; codeBook: CodeBook; from: number; to: number };

export type RuleCodeParseResult = { ok: true; rule: RuleCode } | { ok: false; error: string };

/**
 * - `match`: the charge is under the rule code.
 * - `ambiguous`: the charge is under the rule code's section but names fewer subdivisions than the rule code, and
 *   those it names agree (charge `PC 647` against rule code `PC 647(b)`): it may or may not be under it.
 * - `none`: it is not.
 */
export type RuleCodeMatch = 'match' | 'ambiguous' | 'none';

/** Parses a rule code. Never throws. */
export function parseRuleCode(code: string): RuleCodeParseResult {
  const text = typeof code === 'string' ? code.trim() : '';
  if (text === '') return { ok: false, error: 'empty rule code' };

  const dash = text.lastIndexOf('-');
  // A range: a section number after the last '-', and one before it.
  if (dash > 0 && /^\s*\d+(?:\.\d+)*\s*$/.test(text.slice(dash + 1)) && /\d/.test(text.slice(0, dash))) {
    const left = text.slice(0, dash).trim();
    const scan = scanCitation(left);
    if (!scan.ok) return { ok: false, error: scan.error };
    const c = scan.citation;
    if (c.codeBook === null) return { ok: false, error: 'a rule code must name its code book, e.g. HS 11000-11999' };
    const right = text.slice(dash + 1).trim();
    if (c.attempt || c.subdivisions.length > 0 || c.level !== null || c.end !== left.length || c.section.includes('.') || right.includes('.')) {
      return { ok: false, error: 'a range must be two whole section numbers, e.g. HS 11000-11999' };
    }
    const from = Number(c.section);
    const to = Number(right);
    if (from > to) return { ok: false, error: `the range ${quote(text)} ends before it starts` };
    return { ok: true, rule: { kind: 'range', codeBook: c.codeBook, from, to } };
  }

  const scan = scanCitation(text);
  if (!scan.ok) return { ok: false, error: scan.error };
  const c = scan.citation;
  if (c.codeBook === null) return { ok: false, error: 'a rule code must name its code book, e.g. PC 647(b)' };
  if (c.level !== null) return { ok: false, error: 'a rule code does not name a level (F, M, I): the rule says which levels count' };
  const rest = text.slice(c.end).trim();
  if (rest !== '') return { ok: false, error: `unexpected ${quote(rest)} after the code` };
  return { ok: true, rule: { kind: 'section', codeBook: c.codeBook, section: c.section, subdivisions: c.subdivisions, attempt: c.attempt } };
}

/** The rule code in canonical notation: `PC 647(b)`, `HS 11000-11999`. */
export function formatRuleCode(rule: RuleCode): string {
  if (rule.kind === 'range') return `${rule.codeBook} ${rule.from}-${rule.to}`;
  return `${rule.codeBook} ${rule.attempt ? '664/' : ''}${rule.section}${rule.subdivisions.map((s) => `(${s})`).join('')}`;
}

// Rule codes are few and repeat for every charge: keep the parsed form.
const CACHE_LIMIT = 1000;
const cache = new Map<string, RuleCodeParseResult>();

function toRule(ruleCode: string | RuleCode): RuleCode {
  if (typeof ruleCode !== 'string') return ruleCode;
  let parsed = cache.get(ruleCode);
  if (parsed === undefined) {
    parsed = parseRuleCode(ruleCode);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(ruleCode, parsed);
  }
  if (!parsed.ok) throw new Error(`invalid rule code ${quote(ruleCode)}: ${parsed.error}`);
  return parsed.rule;
}

/**
 * How a charge stands against a rule code (see RuleCodeMatch). The code book must be the same (an inferred code
 * book counts as the code book inferred; the caller reports `code_book_inferred`). An attempt counts as its
 * section: `664/647(b)` matches `PC 647(b)` (an attempted prostitution offence is a prostitution-related
 * offence), and `664/11377` matches `HS 11000-11999`; a rule code written with `664/` (`PC 664/187`) matches
 * attempts only. The charge's `attempt` stays available to the caller.
 *
 * Throws when `ruleCode` is a string that is not a valid rule code: rule codes are configuration, and a typo there
 * must be loud rather than match nothing. Use parseRuleCode to validate them first.
 */
export function matchRuleCode(charge: ParsedCharge, ruleCode: string | RuleCode): RuleCodeMatch {
  const rule = toRule(ruleCode);
  if (charge.codeBook !== rule.codeBook) return 'none';
  if (rule.kind === 'range') {
    const whole = Number(charge.section.split('.')[0]);
    return whole >= rule.from && whole <= rule.to ? 'match' : 'none';
  }
  if ((rule.attempt && !charge.attempt) || charge.section !== rule.section) return 'none';
  for (let k = 0; k < rule.subdivisions.length; k++) {
    if (k >= charge.subdivisions.length) return 'ambiguous';
    if (charge.subdivisions[k] !== rule.subdivisions[k]) return 'none';
  }
  return 'match';
}

/**
 * True when the charge is under the rule code: `PC 647(b)` matches 647(b) and 647(b)(1), not 647(a), and not a bare
 * 647 (that is `ambiguous`: see matchRuleCode); `PC 647` and `PC 236.1` match any subdivision; `HS 11000-11999`
 * matches any HS section whose whole number is in the range. Attempts count as their section (see matchRuleCode).
 */
export function matchesRuleCode(charge: ParsedCharge, ruleCode: string | RuleCode): boolean {
  return matchRuleCode(charge, ruleCode) === 'match';
}
