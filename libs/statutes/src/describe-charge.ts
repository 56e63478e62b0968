import { CODE_BOOK, type CodeBookEntry, type LevelWord } from './code-book';
import { parseCharge } from './parse';
import { parseRuleCode } from './rule-code';
import { statuteSource } from './statute-source';
import type { ChargeLevel, CodeBook, ParsedCharge } from './types';

/** A charge in plain words. */
export interface ChargeDescription {
  /** The statute, e.g. `PC 647(b)`, `PC 266h(a)`, `PC 664/187(a)` for an attempt. */
  code: string;
  /** e.g. 'prostitution', 'attempted murder'; null when the code is not described. */
  description: string | null;
  /** From the charge as written (`/M`), else from the code book where the statute fixes it; else null. */
  level: LevelWord | null;
  /** True when the code book (or an admin) describes the code. */
  known: boolean;
  /** 'PC 647(b): prostitution, misdemeanor'; for an unknown code, the charge as written. */
  text: string;
  /** Where the description comes from. */
  source: 'built-in' | 'admin' | null;
}

/** A description an admin added (or corrected), used before the built-in code book for the same code. */
export interface AddedDescription {
  description: string;
  level: LevelWord | null;
}

/** Admin-added descriptions by code, as `codeBookOverlay` builds them. */
export type CodeBookOverlay = ReadonlyMap<string, AddedDescription>;

const LEVEL_WORDS: Record<ChargeLevel, LevelWord> = { F: 'felony', M: 'misdemeanor', I: 'infraction' };

/** The words for a level letter: F -> felony, M -> misdemeanor, I -> infraction. */
export function levelWord(level: ChargeLevel | null): LevelWord | null {
  return level === null ? null : LEVEL_WORDS[level];
}

function key(codeBook: CodeBook, section: string, subdivisions: readonly string[]): string {
  return `${codeBook} ${section}${subdivisions.map((s) => `(${s})`).join('')}`;
}

interface Indexed {
  entry: CodeBookEntry;
  /** `PC 266h`: the first subdivision is part of the section's name. */
  lettered: boolean;
}

function buildIndex(): Map<string, Indexed> {
  const index = new Map<string, Indexed>();
  for (const group of CODE_BOOK) {
    for (const entry of group.entries) {
      const parsed = parseCharge(entry.code);
      if (!parsed.ok) throw new Error(`code book: ${entry.code} does not parse: ${parsed.failure.error}`);
      const c = parsed.charge;
      const k = key(c.codeBook, c.section, c.subdivisions);
      if (index.has(k)) throw new Error(`code book: ${entry.code} is listed twice`);
      index.set(k, { entry, lettered: /^\S+ \d+(?:\.\d+)?[a-z]/.test(entry.code) });
    }
  }
  return index;
}

const INDEX = buildIndex();

/**
 * The code a charge cites, without level or attempt, as the code book writes it: `PC 647(b)`, `HS 11350(a)`,
 * `PC 266h(a)` (a lettered section of the code book), `PC 4151`. Charges citing the same statute have the same code.
 */
export function chargeCode(c: Pick<ParsedCharge, 'codeBook' | 'section' | 'subdivisions'>): string {
  const [first, ...rest] = c.subdivisions;
  if (first !== undefined && INDEX.get(key(c.codeBook, c.section, [first]))?.lettered) {
    return `${c.codeBook} ${c.section}${first}${rest.map((s) => `(${s})`).join('')}`;
  }
  return key(c.codeBook, c.section, c.subdivisions);
}

export type ChargeCodeParseResult = { ok: true; code: string } | { ok: false; error: string };

/**
 * Reads a code an admin types (`PC 4151`, `pc 266H(a)`, `Health & Safety Code 11350`) into the canonical code
 * `chargeCode` gives. It must name its code book and one section, without level, attempt or range.
 */
export function parseChargeCode(text: string): ChargeCodeParseResult {
  const r = parseRuleCode(text);
  if (!r.ok) return { ok: false, error: r.error.replace(/rule code/g, 'code') };
  if (r.rule.kind === 'range') return { ok: false, error: 'describe one section, not a range' };
  if (r.rule.attempt) return { ok: false, error: 'describe the statute itself: an attempt (664/) is said in words already' };
  return { ok: true, code: chargeCode(r.rule) };
}

/** Admin-added descriptions, keyed so that `describeCharge` finds them. Codes that do not parse are left out. */
export function codeBookOverlay(added: ReadonlyArray<{ code: string } & AddedDescription>): CodeBookOverlay {
  const overlay = new Map<string, AddedDescription>();
  for (const a of added) {
    const r = parseRuleCode(a.code);
    if (!r.ok || r.rule.kind !== 'section' || r.rule.attempt) continue;
    overlay.set(key(r.rule.codeBook, r.rule.section, r.rule.subdivisions), { description: a.description, level: a.level });
  }
  return overlay;
}

/**
 * A charge in plain words: `PC 647(b): prostitution, misdemeanor`.
 *
 * The description is that of the most specific code that covers the charge (`PC 647(b)(1)` -> `PC 647(b)`), an
 * admin's before the built-in one at each step. The level is the charge's as written (`/M`); else the code book's
 * where the statute fixes it; for an attempt (`664/`) only the charge's as written, since the level of an attempt
 * is not always that of the crime. An unknown code is shown as written.
 */
export function describeCharge(c: ParsedCharge, overlay?: CodeBookOverlay): ChargeDescription {
  const base = chargeCode(c);
  const code = c.attempt ? base.replace(' ', ' 664/') : base;
  for (let n = c.subdivisions.length; n >= 0; n--) {
    const k = key(c.codeBook, c.section, c.subdivisions.slice(0, n));
    const added = overlay?.get(k);
    const builtIn = added ? undefined : INDEX.get(k)?.entry;
    const found = added ?? builtIn;
    if (!found) continue;
    const description = c.attempt ? `attempted ${found.description}` : found.description;
    const level = levelWord(c.level) ?? (c.attempt ? null : (found.level ?? null));
    return {
      code,
      description,
      level,
      known: true,
      text: `${code}: ${description}${level ? `, ${level}` : ''}`,
      source: added ? 'admin' : 'built-in',
    };
  }
  return { code, description: null, level: levelWord(c.level), known: false, text: c.raw, source: null };
}

/** The built-in entry that describes a charge (its code or the nearest code above it), with where to read the statute. */
export function codeBookEntryFor(
  c: Pick<ParsedCharge, 'codeBook' | 'section' | 'subdivisions'>,
): { code: string; description: string; level: LevelWord | null; sourceUrl: string | null } | null {
  for (let n = c.subdivisions.length; n >= 0; n--) {
    const found = INDEX.get(key(c.codeBook, c.section, c.subdivisions.slice(0, n)));
    if (!found) continue;
    const section = found.entry.code.split(' ')[1].replace(/\(.*$/, '');
    return { code: found.entry.code, description: found.entry.description, level: found.entry.level ?? null, sourceUrl: statuteSource(c.codeBook, section)?.url ?? null };
  }
  return null;
}
