/**
 * Which charges on an action a rule protects (compliance-rules.md §5; oracle decisions 6, d, e, f, g, l), driven
 * by the rule's lists.
 *
 * For a rule that needs a report, a charge is protected when
 * - it is under one of `codes` (any level): `PC 647(b)` takes 647(b) and 647(b)(1), `PC 653.22` any subdivision;
 * - it is under one of `contextUnknownCodes`: reason `pc372_context_unknown` (PC 372 only "as a result of
 *   prostitution", which the data cannot show);
 * - it has level M and is under `drugMisdemeanorRange` (`HS 11000-11999`, tested on the whole part of the section:
 *   11364.1 is in it);
 * - it has no level and is under one of `drugNoLevelSections` (exact section, any subdivision): reason
 *   `drug_level_inferred`.
 * A charge with fewer subdivisions than a listed code (`647` against `PC 647(b)`) is protected but ambiguous:
 * reason `ambiguous_subdivision`. A charge protected on several grounds keeps the most certain one (the ground with
 * fewest reasons: a plain match beats an ambiguous one). A protected charge whose code book was inferred adds
 * `code_book_inferred`. An attempt (`664/`) counts as its section and is shown as it (`664/647(b)` is `PC 647(b)`).
 * Everything else is not protected: a felony (level F) makes the action `nonProtectedFelony`, anything else
 * (level M, I or none) `nonProtectedOther`.
 *
 * Charges come parsed by `@sra/statutes`. An item that did not parse (a description fragment with no section number)
 * is not a charge: `chargesOf` drops it, so it neither matches nor makes the action mixed.
 */
import { formatCharge, matchRuleCode, parseChargeList, type ParsedCharge, type RuleCodeMatch } from '@sra/statutes';
import type { PolicyDocument, Reason } from './model';

export interface ChargeAssessment {
  /** The protected charges, formatted `PC 647(b)` (an attempt shown as its section), unique, in code-unit order. */
  protectedCharges: string[];
  /** drug_level_inferred, code_book_inferred, ambiguous_subdivision, pc372_context_unknown as they apply; unique, sorted. */
  reasons: Reason[];
  /** At least one charge is protected (no flag otherwise). */
  anyProtected: boolean;
  /** Every charge is protected, and there is at least one. */
  allProtected: boolean;
  /** Some charge that is not protected has level F. */
  nonProtectedFelony: boolean;
  /** Some charge that is not protected has level M, I or none. */
  nonProtectedOther: boolean;
  /** Some protected charge is protected only ambiguously (`ambiguous_subdivision`). */
  ambiguous: boolean;
}

export interface RepealedAssessment {
  /** The charges under a repealed section, formatted, unique, sorted. */
  charges: string[];
  /** Some of them had an inferred code book. */
  codeBookInferred: boolean;
}

/** Plain code-unit order (SQL `COLLATE "C"`), de-duplicated. */
export function sortedUnique<T extends string>(values: Iterable<T>): T[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The charges of a list as written on a record; items that do not parse (no section number) are dropped. */
export function chargesOf(list: string | null | undefined): ParsedCharge[] {
  if (typeof list !== 'string') return [];
  return parseChargeList(list).flatMap((r) => (r.ok ? [r.charge] : []));
}

/** The charge as a flag shows it: `PC 647(b)`; an attempt as its section. */
export function displayCharge(charge: ParsedCharge): string {
  return formatCharge({ ...charge, attempt: false });
}

function best(charge: ParsedCharge, codes: readonly string[]): RuleCodeMatch {
  let found: RuleCodeMatch = 'none';
  for (const code of codes) {
    const m = matchRuleCode(charge, code);
    if (m === 'match') return 'match';
    if (m === 'ambiguous') found = 'ambiguous';
  }
  return found;
}

/** The reasons a charge is protected under a rule's lists, or null when it is not. An empty list: protected, nothing to remark. */
export function protectedChargeReasons(policy: Pick<PolicyDocument, 'ruleId' | 'protectedCharges'>, charge: ParsedCharge): Reason[] | null {
  const lists = policy.protectedCharges;
  if (lists === null) throw new Error(`The rule ${policy.ruleId} lists no protected charges (it needs no report): use repealedCharges.`);

  // Each ground the charge is protected on, with the reasons that ground carries.
  const grounds: Reason[][] = [];
  const consider = (m: RuleCodeMatch, reasons: Reason[]): void => {
    if (m === 'match') grounds.push(reasons);
    else if (m === 'ambiguous') grounds.push([...reasons, 'ambiguous_subdivision']);
  };
  consider(best(charge, lists.codes), []);
  consider(best(charge, lists.contextUnknownCodes), ['pc372_context_unknown']);
  if (charge.level === 'M' && lists.drugMisdemeanorRange !== null) consider(best(charge, [lists.drugMisdemeanorRange]), []);
  if (charge.level === null) consider(best(charge, lists.drugNoLevelSections), ['drug_level_inferred']);
  if (grounds.length === 0) return null;

  const fewest = Math.min(...grounds.map((g) => g.length));
  const reasons = grounds.filter((g) => g.length === fewest).flat();
  if (charge.codeBookInferred) reasons.push('code_book_inferred');
  return sortedUnique(reasons);
}

/** What an action's charges say under a rule that needs a report. */
export function assessCharges(policy: Pick<PolicyDocument, 'ruleId' | 'protectedCharges'>, charges: readonly ParsedCharge[]): ChargeAssessment {
  const protectedCharges: string[] = [];
  const reasons: Reason[] = [];
  let nonProtectedFelony = false;
  let nonProtectedOther = false;
  for (const charge of charges) {
    const chargeReasons = protectedChargeReasons(policy, charge);
    if (chargeReasons !== null) {
      protectedCharges.push(displayCharge(charge));
      reasons.push(...chargeReasons);
    } else if (charge.level === 'F') {
      nonProtectedFelony = true;
    } else {
      nonProtectedOther = true;
    }
  }
  const sortedReasons = sortedUnique(reasons);
  return {
    protectedCharges: sortedUnique(protectedCharges),
    reasons: sortedReasons,
    anyProtected: protectedCharges.length > 0,
    allProtected: charges.length > 0 && !nonProtectedFelony && !nonProtectedOther,
    nonProtectedFelony,
    nonProtectedOther,
    ambiguous: sortedReasons.includes('ambiguous_subdivision'),
  };
}

/**
 * The charges under a section the rule lists as repealed (any subdivision, attempts included), for the SB 357
 * repeal. Only a full match counts: a repeal code naming a subdivision does not take a charge that names none.
 */
export function repealedCharges(policy: Pick<PolicyDocument, 'ruleId' | 'repealedCodes'>, charges: readonly ParsedCharge[]): RepealedAssessment {
  const lists = policy.repealedCodes;
  if (lists === null) throw new Error(`The rule ${policy.ruleId} lists no repealed sections: use assessCharges.`);
  const repealed = charges.filter((charge) => best(charge, lists.codes) === 'match');
  return {
    charges: sortedUnique(repealed.map(displayCharge)),
    codeBookInferred: repealed.some((charge) => charge.codeBookInferred),
  };
}
