import { describeCharge, type ChargeDescription, type CodeBookOverlay } from './describe-charge';
import { parseChargeList } from './parse';

/** A charge in plain words, or an item that could not be read as a charge (then `code` is null and `text` the item as written). */
export type ChargeItemDescription = Omit<ChargeDescription, 'code'> & { code: string | null };

/** Every item of a charge list (`245(a)(1) PC/F;647(b) PC/M`, `245A1/F/0, 647B/M/0`) in plain words, in the order written. */
export function describeChargeList(list: string | null | undefined, overlay?: CodeBookOverlay): ChargeItemDescription[] {
  if (typeof list !== 'string' || list.trim() === '') return [];
  return parseChargeList(list).map((r) =>
    r.ok ? describeCharge(r.charge, overlay) : { code: null, description: null, level: null, known: false, text: r.failure.raw, source: null },
  );
}
