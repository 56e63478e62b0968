/**
 * Charge parser (compliance-rules.md §2), written independently of any
 * production parser. One citation becomes
 * `{codeBook, codeBookInferred, section, subdivisions, level, attempt, raw}`.
 *
 * Shape of one citation (case never matters):
 *
 *   [code book] [§] [664/] section [subdivisions] [/level] [code book] [/level] [description]
 *
 * - code book: `PC`, `P.C.`, `Pen. Code`, `Penal Code`; `HS`, `HSC`, `H&S`,
 *   `Health & Saf. Code`, `Health and Safety Code`; also `VC`, `BP`/`B&P`,
 *   `WI`/`W&I` (and their long forms) so that those are not mistaken for PC.
 * - section: digits with an optional decimal part (`647`, `653.22`).
 * - subdivisions: `(b)`, `(a)(1)`, `, subd. (b)`, or glued DA style (`245A1`
 *   = [a, 1], `647B` = [b]); stored lower-case.
 * - level: `/F`, `/M` or `/I` right after the code (`245(a)(1) PC/F`,
 *   `245A1/F/0`); anything after it (`/0`) is ignored.
 * - description: any other trailing text (`PC   PROSTITUTION`,
 *   `HS-POSSESS CNTL SUBSTANCE`), ignored.
 * - no code book (DA tokens): sections 11000-11999 are HS, all others PC, and
 *   `codeBookInferred` is set.
 *
 * Lists are separated by `;` or `,`, except a comma that introduces a
 * subdivision or a section sign inside one citation
 * (`Pen. Code § 647, subd. (b)`, `Pen. Code, § 647`). A list item without a
 * section number (a stray description fragment, noise) is not a charge and is
 * dropped.
 */

export type ChargeLevel = 'F' | 'M' | 'I';

export interface ParsedCharge {
  /** `PC`, `HS`, `VC`, `BP` or `WI`. */
  codeBook: string;
  /** True when the citation names no code book and it was inferred from the section. */
  codeBookInferred: boolean;
  /** `647`, `653.22`, `11377`. */
  section: string;
  /** Lower-case: `245(a)(1)` gives `['a', '1']`. */
  subdivisions: string[];
  level: ChargeLevel | null;
  /** A `664/` prefix: an attempt of the section. */
  attempt: boolean;
  /** The citation as given, trimmed. */
  raw: string;
}

/** Code-book spellings, tried in order at the current position of the upper-cased text. */
const CODE_BOOKS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(?:HEALTH\s*(?:&|AND)\s*SAF(?:ETY|\.)?\s*CODE|H\s*&\s*S\s*C(?![A-Z])|H\s*&\s*S(?![A-Z])|HSC(?![A-Z])|HS(?![A-Z])|H\.\s*S\.)/, 'HS'],
  [/^(?:PEN(?:AL|\.)?\s*CODE|P\.\s*C\.|PC(?![A-Z]))/, 'PC'],
  [/^(?:VEH(?:ICLE|\.)?\s*CODE|V\.\s*C\.|VC(?![A-Z]))/, 'VC'],
  [/^(?:BUS(?:INESS|\.)?\s*(?:&|AND)\s*PROF(?:ESSIONS|\.)?\s*CODE|B\s*&\s*P\s*C?(?![A-Z])|BP(?![A-Z]))/, 'BP'],
  [/^(?:WELF(?:ARE|\.)?\s*(?:&|AND)\s*INST(?:ITUTIONS|\.)?\s*CODE|W\s*&\s*I\s*C?(?![A-Z])|WI(?![A-Z]))/, 'WI'],
];

const LIST_SEPARATOR = /;|,(?!\s*(?:SUBDS?(?![A-Z])|§))/i;
const SECTION_SIGN = /^[\s,]*(?:§+|SECTIONS?(?![A-Z])|SEC\.)?\s*/;
const ATTEMPT_PREFIX = /^664\s*\/\s*/;
const SECTION = /^\d+(?:\.\d+)?/;
const PAREN_SUBDIVISION = /^\s*\(\s*([A-Z0-9]+)\s*\)/;
const SUBD_KEYWORD = /^\s*,?\s*SUBDS?\.?\s*(?=\()/;
const GLUED_SUBDIVISIONS = /^[A-Z0-9]+/;
const GLUED_PART = /[A-Z]|\d+/g;
const LEVEL = /^\s*\/\s*([FMI])(?![A-Z0-9])/;

function readCodeBook(text: string): { book: string; length: number } | null {
  for (const [pattern, book] of CODE_BOOKS) {
    const m = pattern.exec(text);
    if (m) return { book, length: m[0].length };
  }
  return null;
}

/** The code book a DA token (no code book given) implies: HS for 11000-11999, else PC. */
export function inferCodeBook(section: string): 'PC' | 'HS' {
  const whole = Number(section.split('.')[0]);
  return whole >= 11000 && whole <= 11999 ? 'HS' : 'PC';
}

/** One citation; null when it has no section number. */
export function parseCharge(citation: string): ParsedCharge | null {
  const raw = citation.trim();
  let rest = raw.toUpperCase();
  let codeBook: string | null = null;
  let attempt = false;
  let level: ChargeLevel | null = null;

  const leading = readCodeBook(rest);
  if (leading) {
    codeBook = leading.book;
    rest = rest.slice(leading.length);
  }
  rest = rest.replace(SECTION_SIGN, '');

  const attemptPrefix = ATTEMPT_PREFIX.exec(rest);
  if (attemptPrefix) {
    attempt = true;
    rest = rest.slice(attemptPrefix[0].length);
  }

  const section = SECTION.exec(rest);
  if (!section) return null;
  rest = rest.slice(section[0].length);

  const subdivisions: string[] = [];
  if (GLUED_SUBDIVISIONS.test(rest) && readCodeBook(rest) === null) {
    // DA style: `245A1` -> [a, 1] (a lettered section such as `266h(a)` reads as [h, a])
    const glued = (GLUED_SUBDIVISIONS.exec(rest) as RegExpExecArray)[0];
    subdivisions.push(...(glued.match(GLUED_PART) ?? []).map((s) => s.toLowerCase()));
    rest = rest.slice(glued.length);
  }
  // `(a)(1)`, or `, subd. (b)`
  rest = rest.replace(SUBD_KEYWORD, '');
  for (let m = PAREN_SUBDIVISION.exec(rest); m; m = PAREN_SUBDIVISION.exec(rest)) {
    subdivisions.push(m[1].toLowerCase());
    rest = rest.slice(m[0].length);
  }

  const levelBeforeBook = LEVEL.exec(rest);
  if (levelBeforeBook) {
    level = levelBeforeBook[1] as ChargeLevel;
    rest = rest.slice(levelBeforeBook[0].length);
  }

  if (codeBook === null) {
    const trailing = readCodeBook(rest.trimStart());
    if (trailing) {
      codeBook = trailing.book;
      rest = rest.trimStart().slice(trailing.length);
    }
  }

  if (level === null) {
    const levelAfterBook = LEVEL.exec(rest);
    if (levelAfterBook) level = levelAfterBook[1] as ChargeLevel;
  }

  return {
    codeBook: codeBook ?? inferCodeBook(section[0]),
    codeBookInferred: codeBook === null,
    section: section[0],
    subdivisions,
    level,
    attempt,
    raw,
  };
}

/** A list of citations separated by `;` or `,`. Empty or null-ish input gives []. */
export function parseCharges(list: string): ParsedCharge[] {
  const charges: ParsedCharge[] = [];
  for (const item of list.split(LIST_SEPARATOR)) {
    if (item.trim() === '') continue;
    const charge = parseCharge(item);
    if (charge) charges.push(charge);
  }
  return charges;
}

/** `PC 647(b)`, `HS 11377(a)`, `PC 245(a)(1)`, `PC 653.22`, `PC 647`. An attempt is shown as its section. */
export function formatCharge(charge: ParsedCharge): string {
  return `${charge.codeBook} ${charge.section}${charge.subdivisions.map((s) => `(${s})`).join('')}`;
}
