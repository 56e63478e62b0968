import type { ParsedCharge } from './types';

export interface FormatChargeOptions {
  /** Append the level when known: `PC 245(a)(1)/F`. Default false. */
  level?: boolean;
}

/**
 * The charge in one canonical notation: code book, space, `664/` for an attempt, section, each subdivision in
 * parentheses: `PC 647(b)`, `HS 11377(a)`, `PC 245(a)(1)`, `PC 653.22`, `PC 664/187(a)`.
 *
 * The text parses back to the same code book, section, subdivisions and attempt (and level, with
 * `{ level: true }`). It does not say whether the code book was inferred: that stays in the structured charge.
 */
export function formatCharge(c: Pick<ParsedCharge, 'codeBook' | 'section' | 'subdivisions' | 'attempt' | 'level'>, options: FormatChargeOptions = {}): string {
  const subdivisions = c.subdivisions.map((s) => `(${s})`).join('');
  const level = options.level && c.level ? `/${c.level}` : '';
  return `${c.codeBook} ${c.attempt ? '664/' : ''}${c.section}${subdivisions}${level}`;
}
