import { CODE_BOOK } from './code-book';
import { chargeCode, describeCharge } from './describe-charge';
import { parseCharge } from './parse';
import { statuteSource } from './statute-source';
import type { ParsedCharge } from './types';

function parsed(item: string): ParsedCharge {
  const r = parseCharge(item);
  if (!r.ok) throw new Error(`${item}: ${r.failure.error}`);
  return r.charge;
}

const entries = CODE_BOOK.flatMap((group) => group.entries.map((entry) => ({ group, entry })));

describe('the code book', () => {
  it.each(entries.map(({ group, entry }) => [entry.code, group.codeBook] as const))('%s is a canonical code of its group (%s) with a source', (code, codeBook) => {
    const c = parsed(code);
    expect(c.codeBook).toBe(codeBook);
    expect(c.codeBookInferred).toBe(false);
    expect(c.level).toBeNull();
    expect(c.attempt).toBe(false);
    expect(chargeCode(c)).toBe(code);
    expect(statuteSource(c.codeBook, code.split(' ')[1].replace(/\(.*$/, ''))).not.toBeNull();
  });

  it('lists each code once, with a short description in lower case', () => {
    const codes = entries.map(({ entry }) => entry.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const { entry } of entries) {
      expect(entry.description.length).toBeGreaterThan(3);
      expect(entry.description.length).toBeLessThanOrEqual(100);
      expect(entry.description[0]).toBe(entry.description[0].toLowerCase());
    }
  });

  it('never gives a subdivision a level other than its section fixes for all its subdivisions', () => {
    for (const { entry } of entries) {
      const c = parsed(entry.code);
      for (let n = c.subdivisions.length - 1; n >= 0; n--) {
        const parent = entries.find(({ entry: e }) => e.code === chargeCode({ ...c, subdivisions: c.subdivisions.slice(0, n) }));
        if (parent?.entry.level) expect([entry.code, entry.level]).toEqual([entry.code, parent.entry.level]);
      }
    }
  });

  // Every charge libs/synthetic/src/charges.ts writes, as its arrests write them. Written out by hand: a charge the
  // generator gains without an entry here is a gap this test does not see, so keep the two lists together.
  it.each([
    '647(b) PC/M',
    '647(a) PC/M',
    '653.22(a) PC/M',
    '372 PC/M',
    '11377(a) HS/M',
    '11364 HS/M',
    '11550(a) HS/M',
    '11350(a) HS',
    '647 PC/M',
    '653.20(a) PC/M',
    '11352(a) HS/F',
    '11351 HS/F',
    '11378 HS/F',
    '11379(a) HS',
    '459 PC/F',
    '245(a)(1) PC/F',
    '211 PC/F',
    '487(a) PC/F',
    '148(a)(1) PC/M',
    '415(1) PC/M',
    '602(o) PC/M',
    '484(a) PC/M',
    '496(a) PC/M',
    '242 PC/M',
    '243(e)(1) PC/M',
    '266h(a) PC/F',
    '1203.2(a) PC/M',
    '978.5 PC/M',
    '10851(a) VC/F',
    '594(b)(1) PC/F',
    '594(b)(2)(a) PC/M',
    '25400(a)(1) PC/F',
    '29800(a)(1) PC/F',
    '14601.1(a) VC/M',
    '23152(a) VC/M',
  ])('describes the generated charge %s', (item) => {
    expect(describeCharge(parsed(item)).known).toBe(true);
  });

  // Every code the default policies list (libs/policies/src/defaults.ts).
  it.each(['PC 647(a)', 'PC 647(b)', 'PC 653.22', 'PC 372', 'HS 11350', 'HS 11357', 'HS 11364', 'HS 11377', 'HS 11550', 'PC 653.20'])(
    'describes the policy code %s',
    (code) => {
      expect(describeCharge(parsed(code)).known).toBe(true);
    },
  );
});
