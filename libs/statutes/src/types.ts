/**
 * The code books a charge can cite. PC and HS are the ones the audit rules name; the others exist so that a
 * charge under another code (e.g. `23152(a) VC`, driving under the influence) is never mistaken for a Penal Code
 * or Health and Safety Code charge.
 *
 * - `PC`  California Penal Code
 * - `HS`  California Health and Safety Code
 * - `VC`  California Vehicle Code
 * - `BP`  California Business and Professions Code
 * - `WI`  California Welfare and Institutions Code
 * - `GC`  California Government Code
 * - `FG`  California Fish and Game Code
 * - `CCR` California Code of Regulations
 * - `MC`  San Francisco Municipal Code (including the Police Code, `MPC`)
 */
export type CodeBook = 'PC' | 'HS' | 'VC' | 'BP' | 'WI' | 'GC' | 'FG' | 'CCR' | 'MC';

export const CODE_BOOKS: readonly CodeBook[] = ['PC', 'HS', 'VC', 'BP', 'WI', 'GC', 'FG', 'CCR', 'MC'];

/** Felony, misdemeanor, infraction. */
export type ChargeLevel = 'F' | 'M' | 'I';

export interface ParsedCharge {
  /** The item as written (trimmed). */
  raw: string;
  codeBook: CodeBook;
  /**
   * True when the item named no code book (DA tokens such as `245A1/F/0`, or a bare `647`): the code book was
   * inferred from the section number, 11000-11999 -> HS, anything else -> PC.
   */
  codeBookInferred: boolean;
  /** The section number as written, without leading zeros: '647', '653.22', '11377', '236.1'. */
  section: string;
  /** Subdivisions, outermost first, lower-case: `245(a)(1)` -> ['a', '1']; none -> []. */
  subdivisions: string[];
  /** A trailing `/F`, `/M` or `/I`; null when the item does not say. */
  level: ChargeLevel | null;
  /** True for a `664/` prefix (attempt, PC 664): `664/187A` -> section 187, attempt. */
  attempt: boolean;
}

export interface ChargeParseFailure {
  /** The item as written (trimmed). */
  raw: string;
  /** A plain-language reason, e.g. 'no section number found'. */
  error: string;
}

export type ChargeParseResult = { ok: true; charge: ParsedCharge } | { ok: false; failure: ChargeParseFailure };
