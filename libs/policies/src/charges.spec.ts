import { parseCharge, type ParsedCharge } from '@sra/statutes';
import { assessCharges, chargesOf, displayCharge, protectedChargeReasons, repealedCharges, sortedUnique } from './charges';
import { DEFAULT_POLICIES } from './defaults';
import type { PolicyDocument, RuleId } from './model';

function policy(ruleId: RuleId): PolicyDocument {
  return DEFAULT_POLICIES.find((p) => p.ruleId === ruleId)!;
}

const SFPD = policy('sfpd-psw-2017');
const SFDA = policy('sfda-psw-2018');
const PC6473 = policy('ca-pc-647.3');
const REPEAL = policy('ca-sb357-repeal');

function one(text: string): ParsedCharge {
  const r = parseCharge(text);
  if (!r.ok) throw new Error(`${text}: ${r.failure.error}`);
  return r.charge;
}

/** A policy like `base`, with other protected-charge lists. */
function withLists(base: PolicyDocument, lists: Partial<NonNullable<PolicyDocument['protectedCharges']>>): PolicyDocument {
  return { ...base, protectedCharges: { ...base.protectedCharges!, ...lists } };
}

describe('chargesOf', () => {
  it('parses a list and drops items with no section number (description fragments)', () => {
    const charges = chargesOf('647(b) PC; PROSTITUTION, 459 PC/F');
    expect(charges.map((c) => [c.codeBook, c.section, c.subdivisions, c.level])).toEqual([
      ['PC', '647', ['b'], null],
      ['PC', '459', [], 'F'],
    ]);
  });
  it('gives no charge for an empty or missing list', () => {
    expect(chargesOf('')).toEqual([]);
    expect(chargesOf(null)).toEqual([]);
    expect(chargesOf(undefined)).toEqual([]);
  });
});

describe('displayCharge', () => {
  it.each([
    ['647(b) PC', 'PC 647(b)'],
    ['664/647(b) PC', 'PC 647(b)'],
    ['245A1/F/0', 'PC 245(a)(1)'],
    ['11377(A) HS-POSSESS CNTL SUBSTANCE', 'HS 11377(a)'],
    ['653.22 PC', 'PC 653.22'],
    ['647', 'PC 647'],
  ])('%s is shown %s', (text, shown) => {
    expect(displayCharge(one(text))).toBe(shown);
  });
});

describe('protectedChargeReasons under the default lists (§5)', () => {
  it.each([
    ['647(b) PC', []],
    ['647(a) PC', []],
    ['647(b)(1) PC', []],
    ['664/647(b) PC', []],
    ['647 PC', ['ambiguous_subdivision']],
    ['647', ['ambiguous_subdivision', 'code_book_inferred']],
    ['647B/M/0', ['code_book_inferred']],
    ['653.22 PC', []],
    ['653.22(a) PC/M', []],
    ['372 PC', ['pc372_context_unknown']],
    ['372 PC/M', ['pc372_context_unknown']],
    ['11377(a) HS/M', []],
    ['11352 HS/M', []],
    ['11000 HS/M', []],
    ['11999 HS/M', []],
    ['11364.1 HS/M', []],
    ['11350 HS', ['drug_level_inferred']],
    ['11357(b) HS', ['drug_level_inferred']],
    ['11364 HS', ['drug_level_inferred']],
    ['11377 HS', ['drug_level_inferred']],
    ['11550 H&S', ['drug_level_inferred']],
    ['11364', ['code_book_inferred', 'drug_level_inferred']],
    ['11377A/M/0', ['code_book_inferred']],
  ])('%s is protected, with %j', (text, reasons) => {
    for (const p of [SFPD, SFDA, PC6473]) expect(protectedChargeReasons(p, one(text))).toEqual(reasons);
  });

  it.each([
    '647(c) PC',
    '647(f) PC/M',
    '653.20 PC',
    '372 HS',
    '11377(a) HS/F',
    '11377(a) HS/I',
    '11351 HS',
    '11352 HS',
    '11352',
    '11378 HS',
    '11379 HS',
    '11364.1 HS',
    '10999 HS/M',
    '12000 HS/M',
    '11377 PC/M',
    '459 PC/F',
    '664/187A',
    '23152(a) VC/M',
  ])('%s is not protected', (text) => {
    for (const p of [SFPD, SFDA, PC6473]) expect(protectedChargeReasons(p, one(text))).toBeNull();
  });

  it('refuses the repeal rule, which protects no charge of a report', () => {
    expect(() => protectedChargeReasons(REPEAL, one('647(b) PC'))).toThrow(/ca-sb357-repeal lists no protected charges/);
  });
});

describe('assessCharges: the inputs of the §2 table', () => {
  it.each([
    ['647(b) PC', ['PC 647(b)'], []],
    ['PC 647(b)', ['PC 647(b)'], []],
    ['Pen. Code § 647, subd. (b)', ['PC 647(b)'], []],
    ['647(B) PC   PROSTITUTION', ['PC 647(b)'], []],
    ['11377(A) HS-POSSESS CNTL SUBSTANCE', ['HS 11377(a)'], ['drug_level_inferred']],
    ['11364', ['HS 11364'], ['code_book_inferred', 'drug_level_inferred']],
    ['647', ['PC 647'], ['ambiguous_subdivision', 'code_book_inferred']],
  ])('%s: protected %j, reasons %j, every charge protected', (text, protectedCharges, reasons) => {
    const a = assessCharges(SFPD, chargesOf(text));
    expect(a.protectedCharges).toEqual(protectedCharges);
    expect(a.reasons).toEqual(reasons);
    expect(a.anyProtected).toBe(true);
    expect(a.allProtected).toBe(true);
    expect(a.nonProtectedFelony).toBe(false);
    expect(a.nonProtectedOther).toBe(false);
  });

  it.each([
    ['245(a)(1) PC/F', true, false],
    ['245A1/F/0', true, false],
    ['664/187A', false, true],
  ])('%s: not protected (felony %s, other %s)', (text, felony, other) => {
    expect(assessCharges(SFPD, chargesOf(text))).toEqual({
      protectedCharges: [],
      reasons: [],
      anyProtected: false,
      allProtected: false,
      nonProtectedFelony: felony,
      nonProtectedOther: other,
      ambiguous: false,
    });
  });

  it('647 with no subdivision is protected but ambiguous', () => {
    expect(assessCharges(SFPD, chargesOf('647 PC'))).toEqual({
      protectedCharges: ['PC 647'],
      reasons: ['ambiguous_subdivision'],
      anyProtected: true,
      allProtected: true,
      nonProtectedFelony: false,
      nonProtectedOther: false,
      ambiguous: true,
    });
  });
});

describe('assessCharges: worked examples (§9)', () => {
  it('example 1: 647(b) PC is protected under SFPD and 647.3', () => {
    const expected = {
      protectedCharges: ['PC 647(b)'],
      reasons: [],
      anyProtected: true,
      allProtected: true,
      nonProtectedFelony: false,
      nonProtectedOther: false,
      ambiguous: false,
    };
    expect(assessCharges(SFPD, chargesOf('647(b) PC'))).toEqual(expected);
    expect(assessCharges(PC6473, chargesOf('647(b) PC'))).toEqual(expected);
  });

  it('example 4: 11352 HS (sale) is not protected, so no flag', () => {
    const a = assessCharges(SFPD, chargesOf('11352 HS'));
    expect(a.anyProtected).toBe(false);
    expect(a.protectedCharges).toEqual([]);
    expect(a.nonProtectedOther).toBe(true);
    expect(assessCharges(PC6473, chargesOf('11352 HS')).anyProtected).toBe(false);
  });

  it('example 5: 11377(a) HS/M is protected, 459 PC/F is a non-protected felony', () => {
    expect(assessCharges(SFPD, chargesOf('11377(a) HS/M; 459 PC/F'))).toEqual({
      protectedCharges: ['HS 11377(a)'],
      reasons: [],
      anyProtected: true,
      allProtected: false,
      nonProtectedFelony: true,
      nonProtectedOther: false,
      ambiguous: false,
    });
  });

  it('example 8: the DA files 647B/M/0 (code book inferred)', () => {
    expect(assessCharges(SFDA, chargesOf('647B/M/0'))).toEqual({
      protectedCharges: ['PC 647(b)'],
      reasons: ['code_book_inferred'],
      anyProtected: true,
      allProtected: true,
      nonProtectedFelony: false,
      nonProtectedOther: false,
      ambiguous: false,
    });
  });

  it('example 10: 653.22 PC is repealed (and would also be protected under the report rules)', () => {
    expect(repealedCharges(REPEAL, chargesOf('653.22 PC'))).toEqual({ charges: ['PC 653.22'], codeBookInferred: false });
    expect(assessCharges(SFPD, chargesOf('653.22 PC')).protectedCharges).toEqual(['PC 653.22']);
  });
});

describe('assessCharges: other cases', () => {
  it('11377 with no level is protected with drug_level_inferred', () => {
    const a = assessCharges(SFPD, chargesOf('11377 HS'));
    expect(a.protectedCharges).toEqual(['HS 11377']);
    expect(a.reasons).toEqual(['drug_level_inferred']);
  });

  it('11352 with no level is not protected', () => {
    expect(assessCharges(PC6473, chargesOf('11352 HS')).anyProtected).toBe(false);
  });

  it('664/647(b) is an attempt, protected, shown PC 647(b)', () => {
    const a = assessCharges(SFPD, chargesOf('664/647(b) PC'));
    expect(a.protectedCharges).toEqual(['PC 647(b)']);
    expect(a.reasons).toEqual([]);
    expect(a.allProtected).toBe(true);
  });

  it('non-protected charges with level M, I or none are "other"; level F is "felony"; both can hold', () => {
    expect(assessCharges(SFPD, chargesOf('647(b) PC/M; 148(a)(1) PC/M')).nonProtectedOther).toBe(true);
    expect(assessCharges(SFPD, chargesOf('647(b) PC/M; 4060 BP/I')).nonProtectedOther).toBe(true);
    const both = assessCharges(SFPD, chargesOf('647(b) PC; 148A1; 459 PC/F'));
    expect([both.nonProtectedOther, both.nonProtectedFelony, both.allProtected]).toEqual([true, true, false]);
  });

  it('de-duplicates and sorts charges (code-unit order) and reasons', () => {
    const a = assessCharges(SFPD, chargesOf('653.22 PC; 647(b) PC; 647B/M/0; 11364; 372 PC; 647(b) PC'));
    expect(a.protectedCharges).toEqual(['HS 11364', 'PC 372', 'PC 647(b)', 'PC 653.22']);
    expect(a.reasons).toEqual(['code_book_inferred', 'drug_level_inferred', 'pc372_context_unknown']);
    expect(a.allProtected).toBe(true);
  });

  it('code_book_inferred comes only from protected charges', () => {
    expect(assessCharges(SFPD, chargesOf('647(b) PC; 148A1')).reasons).toEqual([]);
  });

  it('a description fragment neither matches nor makes the action mixed', () => {
    const a = assessCharges(SFPD, chargesOf('647(b) PC; PROSTITUTION'));
    expect(a.allProtected).toBe(true);
    expect(a.nonProtectedOther).toBe(false);
  });

  it('no charges: nothing protected, not "all protected"', () => {
    expect(assessCharges(SFPD, [])).toEqual({
      protectedCharges: [],
      reasons: [],
      anyProtected: false,
      allProtected: false,
      nonProtectedFelony: false,
      nonProtectedOther: false,
      ambiguous: false,
    });
  });
});

describe('assessCharges follows the lists (data, not code)', () => {
  it('a code added to the list is protected', () => {
    const p = withLists(SFPD, { codes: ['PC 647(a)', 'PC 647(b)', 'PC 647(c)', 'PC 653.22'] });
    expect(assessCharges(p, chargesOf('647(c) PC')).protectedCharges).toEqual(['PC 647(c)']);
    expect(assessCharges(SFPD, chargesOf('647(c) PC')).protectedCharges).toEqual([]);
  });

  it('without a misdemeanor drug range, HS/M charges are not protected', () => {
    const p = withLists(SFPD, { drugMisdemeanorRange: null });
    expect(assessCharges(p, chargesOf('11377(a) HS/M')).anyProtected).toBe(false);
    expect(assessCharges(p, chargesOf('11377(a) HS')).reasons).toEqual(['drug_level_inferred']);
  });

  it('a section removed from the no-level list is no longer protected without a level', () => {
    const p = withLists(SFPD, { drugNoLevelSections: ['HS 11350'] });
    expect(assessCharges(p, chargesOf('11377 HS')).anyProtected).toBe(false);
    expect(assessCharges(p, chargesOf('11350 HS')).anyProtected).toBe(true);
  });

  it('a charge protected on several grounds keeps the most certain', () => {
    const p = withLists(SFPD, { codes: ['PC 647(a)', 'PC 647(b)', 'PC 653.22', 'PC 372'] });
    expect(assessCharges(p, chargesOf('372 PC')).reasons).toEqual([]);
    // A plain match beats an ambiguous one: 647(b) against PC 647(b) (match) and a hypothetical PC 647(b)(1) (ambiguous).
    const q = withLists(SFPD, { codes: ['PC 647(b)(1)', 'PC 647(b)'] });
    expect(assessCharges(q, chargesOf('647(b) PC')).reasons).toEqual([]);
  });

  it('a context-unknown code named with a subdivision makes a bare charge ambiguous as well', () => {
    const p = withLists(SFPD, { contextUnknownCodes: ['PC 372(a)'] });
    expect(assessCharges(p, chargesOf('372 PC')).reasons).toEqual(['ambiguous_subdivision', 'pc372_context_unknown']);
  });
});

describe('repealedCharges (SB 357)', () => {
  it('PC 653.20 and PC 653.22, any subdivision, attempts included (shown as the section)', () => {
    expect(repealedCharges(REPEAL, chargesOf('653.20 PC; 653.22(a) PC/M; 664/653.22 PC; 647(b) PC'))).toEqual({
      charges: ['PC 653.20', 'PC 653.22', 'PC 653.22(a)'],
      codeBookInferred: false,
    });
  });
  it('653.2 and 653.23 are other sections', () => {
    expect(repealedCharges(REPEAL, chargesOf('653.2 PC; 653.23 PC; 653.22 HS'))).toEqual({ charges: [], codeBookInferred: false });
  });
  it('says when a repealed charge had an inferred code book', () => {
    expect(repealedCharges(REPEAL, chargesOf('653.22A/M/0'))).toEqual({ charges: ['PC 653.22(a)'], codeBookInferred: true });
  });
  it('refuses a rule that lists no repealed sections', () => {
    expect(() => repealedCharges(SFPD, chargesOf('653.22 PC'))).toThrow(/sfpd-psw-2017 lists no repealed sections/);
  });
  it('a repeal code naming a subdivision does not take a charge that names none', () => {
    const p: PolicyDocument = { ...REPEAL, repealedCodes: { codes: ['PC 653.22(a)'], provenance: 'secondary' } };
    expect(repealedCharges(p, chargesOf('653.22 PC; 653.22(a) PC')).charges).toEqual(['PC 653.22(a)']);
  });
});

describe('sortedUnique', () => {
  it('sorts in code-unit order (upper case before lower case), without repeats', () => {
    expect(sortedUnique(['b', 'a', 'B', 'a', 'PC 647(b)', 'HS 11364'])).toEqual(['B', 'HS 11364', 'PC 647(b)', 'a', 'b']);
  });
});
