/**
 * Protected charges (compliance-rules.md §5).
 *
 * For the report rules (`sfpd-psw-2017`, `sfda-psw-2018`, `ca-pc-647.3`) a
 * charge is protected when it is
 * - PC 647 whose subdivisions start with (a) or (b);
 *   PC 647 with no subdivision also matches, with `ambiguous_subdivision`;
 * - PC 653.22, any subdivision;
 * - PC 372, with `pc372_context_unknown`;
 * - HS 11000-11999 with level M;
 * - HS 11350, 11357, 11364, 11377 or 11550 with no level, with `drug_level_inferred`.
 * Not protected: HS with level F or I, HS with no level outside that list
 * (11351, 11352, 11378, 11379, ...), and everything else.
 * An attempt (`664/`) counts as its section. A matched charge whose code book
 * was inferred adds `code_book_inferred`.
 *
 * For `ca-sb357-repeal` a charge is repealed when it is PC 653.20 or PC 653.22
 * (any subdivision, attempts included).
 */
import type { Reason } from '../model';
import { formatCharge, type ParsedCharge } from './charges';
import { sortedUnique } from './order';

const DRUG_SECTIONS_PROTECTED_WITHOUT_LEVEL: ReadonlySet<string> = new Set(['11350', '11357', '11364', '11377', '11550']);

function isHsMisdemeanorRange(section: string): boolean {
  const whole = Number(section.split('.')[0]);
  return whole >= 11000 && whole <= 11999;
}

/**
 * The reasons a charge is protected under the report rules, or null when it
 * is not protected. An empty array means protected with nothing to remark.
 */
export function protectedChargeReasons(charge: ParsedCharge): Reason[] | null {
  const reasons: Reason[] = [];
  if (charge.codeBook === 'PC' && charge.section === '647') {
    if (charge.subdivisions.length === 0) reasons.push('ambiguous_subdivision');
    else if (charge.subdivisions[0] !== 'a' && charge.subdivisions[0] !== 'b') return null;
  } else if (charge.codeBook === 'PC' && charge.section === '653.22') {
    // any subdivision
  } else if (charge.codeBook === 'PC' && charge.section === '372') {
    reasons.push('pc372_context_unknown');
  } else if (charge.codeBook === 'HS' && isHsMisdemeanorRange(charge.section)) {
    if (charge.level === 'M') {
      // misdemeanor drug offense
    } else if (charge.level === null && DRUG_SECTIONS_PROTECTED_WITHOUT_LEVEL.has(charge.section)) {
      reasons.push('drug_level_inferred');
    } else {
      return null;
    }
  } else {
    return null;
  }
  if (charge.codeBookInferred) reasons.push('code_book_inferred');
  return reasons;
}

/** PC 653.20 or PC 653.22, repealed by SB 357 from 2023-01-01. */
export function isRepealedCharge(charge: ParsedCharge): boolean {
  return charge.codeBook === 'PC' && (charge.section === '653.20' || charge.section === '653.22');
}

/** What an action's charges say for the report rules. */
export interface ChargeAssessment {
  /** Matched protected charges, normalised (`PC 647(b)`), de-duplicated, sorted. */
  protectedCharges: string[];
  /** Reasons from the matched charges (ambiguous_subdivision, pc372_context_unknown, drug_level_inferred, code_book_inferred). */
  matchReasons: Reason[];
  /** Some non-protected charge has level F. */
  nonProtectedFelony: boolean;
  /** Some non-protected charge has level M, I or no level. */
  nonProtectedOther: boolean;
  /** Every charge is protected (and there is at least one). */
  allProtected: boolean;
}

export function assessCharges(charges: readonly ParsedCharge[]): ChargeAssessment {
  const protectedCharges: string[] = [];
  const matchReasons: Reason[] = [];
  let nonProtectedFelony = false;
  let nonProtectedOther = false;
  for (const charge of charges) {
    const reasons = protectedChargeReasons(charge);
    if (reasons !== null) {
      protectedCharges.push(formatCharge(charge));
      matchReasons.push(...reasons);
    } else if (charge.level === 'F') {
      nonProtectedFelony = true;
    } else {
      nonProtectedOther = true;
    }
  }
  return {
    protectedCharges: sortedUnique(protectedCharges),
    matchReasons: sortedUnique(matchReasons),
    nonProtectedFelony,
    nonProtectedOther,
    allProtected: charges.length > 0 && !nonProtectedFelony && !nonProtectedOther,
  };
}

/** The repealed charges among an action's charges (normalised, sorted) and whether any had an inferred code book. */
export function repealedCharges(charges: readonly ParsedCharge[]): { charges: string[]; codeBookInferred: boolean } {
  const repealed = charges.filter(isRepealedCharge);
  return {
    charges: sortedUnique(repealed.map(formatCharge)),
    codeBookInferred: repealed.some((c) => c.codeBookInferred),
  };
}
