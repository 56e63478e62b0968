import type { ChargeParseResult, ParsedCharge } from './types';
import { parseChargeList } from './parse';

type Charge = Omit<ParsedCharge, 'raw'>;

function ok(raw: string, c: Charge): ChargeParseResult {
  return { ok: true, charge: { raw, ...c } };
}

const PC_245A1_F_EXPLICIT: Charge = { codeBook: 'PC', codeBookInferred: false, section: '245', subdivisions: ['a', '1'], level: 'F', attempt: false };
const PC_245A1_EXPLICIT: Charge = { ...PC_245A1_F_EXPLICIT, level: null };
const PC_148A1_M_EXPLICIT: Charge = { codeBook: 'PC', codeBookInferred: false, section: '148', subdivisions: ['a', '1'], level: 'M', attempt: false };
const PC_245A1: Charge = { codeBook: 'PC', codeBookInferred: true, section: '245', subdivisions: ['a', '1'], level: null, attempt: false };
const PC_148A1: Charge = { codeBook: 'PC', codeBookInferred: true, section: '148', subdivisions: ['a', '1'], level: null, attempt: false };
const PC_245A1_F: Charge = { ...PC_245A1, level: 'F' };
const PC_647B_M: Charge = { codeBook: 'PC', codeBookInferred: true, section: '647', subdivisions: ['b'], level: 'M', attempt: false };
const PC_647B_EXPLICIT: Charge = { codeBook: 'PC', codeBookInferred: false, section: '647', subdivisions: ['b'], level: null, attempt: false };
const HS_11377A_EXPLICIT: Charge = { codeBook: 'HS', codeBookInferred: false, section: '11377', subdivisions: ['a'], level: null, attempt: false };

describe('parseChargeList', () => {
  it('splits arrests.booked_charges_statute on ;', () => {
    expect(parseChargeList('245(a)(1) PC/F;148(a)(1) PC/M')).toEqual([
      ok('245(a)(1) PC/F', PC_245A1_F_EXPLICIT),
      ok('148(a)(1) PC/M', PC_148A1_M_EXPLICIT),
    ]);
  });

  it('splits arrests.list_of_booked_charges on ,', () => {
    expect(parseChargeList('245A1,148A1')).toEqual([ok('245A1', PC_245A1), ok('148A1', PC_148A1)]);
  });

  it('splits da-decisions.list_of_filed_charges on ", "', () => {
    expect(parseChargeList('245A1/F/0, 647B/M/0')).toEqual([ok('245A1/F/0', PC_245A1_F), ok('647B/M/0', PC_647B_M)]);
  });

  it('takes ; and , mixed, with any spacing', () => {
    expect(parseChargeList(' 245A1/F/0 ;647B/M/0 ,  647(b) PC;11377(A) HS-POSSESS CNTL SUBSTANCE ')).toEqual([
      ok('245A1/F/0', PC_245A1_F),
      ok('647B/M/0', PC_647B_M),
      ok('647(b) PC', PC_647B_EXPLICIT),
      ok('11377(A) HS-POSSESS CNTL SUBSTANCE', HS_11377A_EXPLICIT),
    ]);
  });

  it('ignores empty items: leading, trailing and doubled separators', () => {
    expect(parseChargeList(';245A1/F/0;;, ,647B/M/0;')).toEqual([ok('245A1/F/0', PC_245A1_F), ok('647B/M/0', PC_647B_M)]);
    expect(parseChargeList('647(b) PC,')).toEqual([ok('647(b) PC', PC_647B_EXPLICIT)]);
    expect(parseChargeList('647(b) PC; ')).toEqual([ok('647(b) PC', PC_647B_EXPLICIT)]);
  });

  it('returns nothing for an empty list', () => {
    expect(parseChargeList('')).toEqual([]);
    expect(parseChargeList('   ')).toEqual([]);
    expect(parseChargeList(';,;')).toEqual([]);
    expect(parseChargeList(undefined as unknown as string)).toEqual([]);
  });

  it('keeps the comma of "§ 647, subd. (b)" inside the item', () => {
    expect(parseChargeList('Pen. Code § 647, subd. (b)')).toEqual([ok('Pen. Code § 647, subd. (b)', PC_647B_EXPLICIT)]);
    expect(parseChargeList('Pen. Code § 647, subd. (b); Health & Saf. Code § 11377, subd. (a)')).toEqual([
      ok('Pen. Code § 647, subd. (b)', PC_647B_EXPLICIT),
      ok('Health & Saf. Code § 11377, subd. (a)', HS_11377A_EXPLICIT),
    ]);
    expect(parseChargeList('Pen. Code § 647, subd. (b), Health & Saf. Code § 11377, subd. (a)')).toEqual([
      ok('Pen. Code § 647, subd. (b)', PC_647B_EXPLICIT),
      ok('Health & Saf. Code § 11377, subd. (a)', HS_11377A_EXPLICIT),
    ]);
    expect(parseChargeList('PEN. CODE § 245,SUBD. (A), PARA. (1),148A1')).toEqual([
      ok('PEN. CODE § 245,SUBD. (A), PARA. (1)', PC_245A1_EXPLICIT),
      ok('148A1', PC_148A1),
    ]);
  });

  it('keeps the commas of the California Style Manual form "(Pen. Code, § 647, subd. (b).)"', () => {
    expect(parseChargeList('(Pen. Code, § 647, subd. (b).), (Health & Saf. Code, § 11377, subd. (a).)')).toEqual([
      ok('(Pen. Code, § 647, subd. (b).)', PC_647B_EXPLICIT),
      ok('(Health & Saf. Code, § 11377, subd. (a).)', HS_11377A_EXPLICIT),
    ]);
  });

  it('also splits on line breaks', () => {
    expect(parseChargeList('245A1/F/0\n647B/M/0\r\n')).toEqual([ok('245A1/F/0', PC_245A1_F), ok('647B/M/0', PC_647B_M)]);
  });

  it('keeps a failing item in place, with its error, so nothing is dropped silently', () => {
    expect(parseChargeList('647(b) PC; PROSTITUTION; 11377(A) HS')).toEqual([
      ok('647(b) PC', PC_647B_EXPLICIT),
      { ok: false, failure: { raw: 'PROSTITUTION', error: 'no section number found' } },
      ok('11377(A) HS', HS_11377A_EXPLICIT),
    ]);
    // A comma inside a description makes the rest of it a separate, failing item.
    expect(parseChargeList('11377(A) HS-POSSESS CNTL SUBSTANCE, METH')).toEqual([
      ok('11377(A) HS-POSSESS CNTL SUBSTANCE', HS_11377A_EXPLICIT),
      { ok: false, failure: { raw: 'METH', error: 'no section number found' } },
    ]);
    expect(parseChargeList('///;abc(d)')).toEqual([
      { ok: false, failure: { raw: '///', error: 'no section number found' } },
      { ok: false, failure: { raw: 'abc(d)', error: 'no section number found' } },
    ]);
  });

  it('stays linear on a long list', () => {
    const list = Array.from({ length: 20_000 }, (_, i) => (i % 2 ? '647B/M/0' : 'Pen. Code § 647, subd. (b)')).join(', ');
    const started = Date.now();
    const results = parseChargeList(list);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(results).toHaveLength(20_000);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(parseChargeList(`,${' '.repeat(100_000)},`)).toEqual([]);
  });
});
