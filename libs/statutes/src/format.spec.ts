import type { ParsedCharge } from './types';
import { formatCharge } from './format';
import { parseCharge } from './parse';

function parsed(item: string): ParsedCharge {
  const r = parseCharge(item);
  if (!r.ok) throw new Error(`expected ${item} to parse: ${r.failure.error}`);
  return r.charge;
}

describe('formatCharge', () => {
  it.each([
    ['647(b) PC', 'PC 647(b)'],
    ['Pen. Code § 647, subd. (b)', 'PC 647(b)'],
    ['647(B) PC   PROSTITUTION', 'PC 647(b)'],
    ['11377(A) HS-POSSESS CNTL SUBSTANCE', 'HS 11377(a)'],
    ['245(a)(1) PC/F', 'PC 245(a)(1)'],
    ['245A1/F/0', 'PC 245(a)(1)'],
    ['653.22', 'PC 653.22'],
    ['653.22A', 'PC 653.22(a)'],
    ['11364', 'HS 11364'],
    ['664/187A', 'PC 664/187(a)'],
    ['647', 'PC 647'],
    ['23152(a) VC/M', 'VC 23152(a)'],
    ['1203.2(a)(ii) PC', 'PC 1203.2(a)(ii)'],
  ])('%j -> %j', (item, text) => {
    expect(formatCharge(parsed(item))).toBe(text);
  });

  it.each([
    ['245(a)(1) PC/F', 'PC 245(a)(1)/F'],
    ['647B/M/0', 'PC 647(b)/M'],
    ['415 PC/I', 'PC 415/I'],
    ['664/187A/F/0', 'PC 664/187(a)/F'],
    ['647(b) PC', 'PC 647(b)'],
  ])('with { level: true }: %j -> %j', (item, text) => {
    expect(formatCharge(parsed(item), { level: true })).toBe(text);
  });

  it('parses back to the same charge, the code book now explicit', () => {
    const c = parsed('664/187A/F/0');
    expect(parsed(formatCharge(c, { level: true }))).toEqual({ ...c, raw: 'PC 664/187(a)/F', codeBookInferred: false });
  });
});
