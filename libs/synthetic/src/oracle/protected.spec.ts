import { parseCharges } from './charges';
import { assessCharges, isRepealedCharge, protectedChargeReasons, repealedCharges } from './protected';

function reasonsOf(citation: string) {
  const [charge] = parseCharges(citation);
  return protectedChargeReasons(charge);
}

describe('protectedChargeReasons (§5)', () => {
  it.each([
    ['647(b) PC', []],
    ['647(a) PC', []],
    ['647(b)(1) PC', []],
    ['664/647(b) PC', []],
    ['647 PC', ['ambiguous_subdivision']],
    ['647', ['ambiguous_subdivision', 'code_book_inferred']],
    ['647B/M/0', ['code_book_inferred']],
    ['653.22(a) PC', []],
    ['653.22 PC', []],
    ['372 PC', ['pc372_context_unknown']],
    ['11377(a) HS/M', []],
    ['11352 HS/M', []],
    ['11999 HS/M', []],
    ['11000 HS/M', []],
    ['11350 HS', ['drug_level_inferred']],
    ['11357(b) HS', ['drug_level_inferred']],
    ['11364 HS', ['drug_level_inferred']],
    ['11377(a) HS', ['drug_level_inferred']],
    ['11550 H&S', ['drug_level_inferred']],
    ['11364', ['drug_level_inferred', 'code_book_inferred']],
    ['11377A/M/0', ['code_book_inferred']],
  ])('%s is protected with %j', (citation, reasons) => {
    expect(reasonsOf(citation)).toEqual(reasons);
  });

  it.each([
    '647(c) PC',
    '647(f) PC',
    '647(h) PC',
    '653.20 PC',
    '372 HS',
    '11377(a) HS/F',
    '11377(a) HS/I',
    '11351 HS',
    '11352 HS',
    '11378 HS',
    '11379 HS',
    '11352',
    '10999 HS/M',
    '12000 HS/M',
    '11377 PC/M',
    '459 PC/F',
    '148(a)(1) PC/M',
    '664/187A',
  ])('%s is not protected', (citation) => {
    expect(reasonsOf(citation)).toBeNull();
  });
});

describe('assessCharges', () => {
  it('all protected', () => {
    expect(assessCharges(parseCharges('647(b) PC'))).toEqual({
      protectedCharges: ['PC 647(b)'],
      matchReasons: [],
      nonProtectedFelony: false,
      nonProtectedOther: false,
      allProtected: true,
    });
  });
  it('worked example 5: 11377(a) HS/M; 459 PC/F', () => {
    expect(assessCharges(parseCharges('11377(a) HS/M; 459 PC/F'))).toEqual({
      protectedCharges: ['HS 11377(a)'],
      matchReasons: [],
      nonProtectedFelony: true,
      nonProtectedOther: false,
      allProtected: false,
    });
  });
  it('non-protected charges with level M, I or none are "other"', () => {
    expect(assessCharges(parseCharges('647(b) PC/M; 148(a)(1) PC/M')).nonProtectedOther).toBe(true);
    expect(assessCharges(parseCharges('647(b) PC/M; 4060 BP/I')).nonProtectedOther).toBe(true);
    expect(assessCharges(parseCharges('647B, 148A1')).nonProtectedOther).toBe(true);
    expect(assessCharges(parseCharges('647B, 148A1')).nonProtectedFelony).toBe(false);
  });
  it('de-duplicates and sorts charges and reasons', () => {
    const a = assessCharges(parseCharges('653.22 PC; 647(b) PC; 647B/M/0; 11364; 372 PC; 647(b) PC'));
    expect(a.protectedCharges).toEqual(['HS 11364', 'PC 372', 'PC 647(b)', 'PC 653.22']);
    expect(a.matchReasons).toEqual(['code_book_inferred', 'drug_level_inferred', 'pc372_context_unknown']);
    expect(a.allProtected).toBe(true);
  });
  it('code_book_inferred comes only from matched charges', () => {
    expect(assessCharges(parseCharges('647(b) PC; 148A1')).matchReasons).toEqual([]);
  });
  it('no charges: nothing protected, not "all protected"', () => {
    expect(assessCharges([])).toEqual({ protectedCharges: [], matchReasons: [], nonProtectedFelony: false, nonProtectedOther: false, allProtected: false });
  });
});

describe('repealed charges (SB 357)', () => {
  it('PC 653.20 and PC 653.22, any subdivision, attempts included', () => {
    for (const c of ['653.20 PC', '653.22 PC', '653.22(a) PC/M', '653.22A1/M/0', '664/653.22 PC']) {
      expect(isRepealedCharge(parseCharges(c)[0])).toBe(true);
    }
    for (const c of ['653.2 PC', '653.23 PC', '647(b) PC', '653.22 HS']) {
      expect(isRepealedCharge(parseCharges(c)[0])).toBe(false);
    }
  });
  it('lists the repealed charges and whether a code book was inferred', () => {
    expect(repealedCharges(parseCharges('653.22(a) PC; 647(b) PC; 653.20 PC'))).toEqual({ charges: ['PC 653.20', 'PC 653.22(a)'], codeBookInferred: false });
    expect(repealedCharges(parseCharges('653.22A/M/0'))).toEqual({ charges: ['PC 653.22(a)'], codeBookInferred: true });
  });
});
