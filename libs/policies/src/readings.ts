/**
 * A charge list read item by item for people (the case page): each item as written, as parsed, and whether the
 * policy version protects it. The same functions as the engine decide, so the page cannot disagree with the flag.
 */
import { describeCharge, parseChargeList, type CodeBookOverlay } from '@sra/statutes';
import type { ChargeReading } from '@sra/contracts';
import { displayCharge, protectedChargeReasons, repealedCharges } from './charges';
import type { PolicyDocument } from './model';

export function readCharges(
  policy: Pick<PolicyDocument, 'ruleId' | 'protectedCharges' | 'repealedCodes'>,
  list: string | null | undefined,
  /** Admin-added descriptions of codes, used before the built-in code book (libs/statutes). */
  overlay?: CodeBookOverlay,
): ChargeReading[] {
  if (typeof list !== 'string' || list.trim() === '') return [];
  return parseChargeList(list).map((result): ChargeReading => {
    if (!result.ok) {
      const raw = result.failure.raw;
      return { raw, parsed: null, level: null, error: result.failure.error, protected: false, reasons: [], plain: { code: null, description: null, level: null, known: false, text: raw, source: null } };
    }
    const charge = result.charge;
    let reasons: string[] | null;
    if (policy.protectedCharges !== null) reasons = protectedChargeReasons(policy, charge);
    else reasons = repealedCharges(policy, [charge]).charges.length > 0 ? (charge.codeBookInferred ? ['code_book_inferred'] : []) : null;
    return {
      raw: charge.raw,
      parsed: displayCharge(charge),
      level: charge.level,
      error: null,
      protected: reasons !== null,
      reasons: reasons ?? [],
      plain: describeCharge(charge, overlay),
    };
  });
}
