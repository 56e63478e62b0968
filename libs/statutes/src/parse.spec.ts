import type { ChargeLevel, CodeBook, ParsedCharge } from './types';
import { inferCodeBook, parseCharge } from './parse';

type Row = [input: string, codeBook: CodeBook, inferred: boolean, section: string, subdivisions: string[], level: ChargeLevel | null, attempt: boolean];

function expected([input, codeBook, codeBookInferred, section, subdivisions, level, attempt]: Row): ParsedCharge {
  return { raw: input.trim(), codeBook, codeBookInferred, section, subdivisions, level, attempt };
}

function check(rows: Row[]): void {
  it.each(rows.map((r) => [r[0], r] as const))('%j', (_input, row) => {
    expect(parseCharge(row[0])).toEqual({ ok: true, charge: expected(row) });
  });
}

describe('parseCharge: every row of the compliance-rules §2 table', () => {
  check([
    ['647(b) PC', 'PC', false, '647', ['b'], null, false],
    ['PC 647(b)', 'PC', false, '647', ['b'], null, false],
    ['Pen. Code § 647, subd. (b)', 'PC', false, '647', ['b'], null, false],
    ['647(B) PC   PROSTITUTION', 'PC', false, '647', ['b'], null, false],
    ['11377(A) HS-POSSESS CNTL SUBSTANCE', 'HS', false, '11377', ['a'], null, false],
    ['11377(A) H&S', 'HS', false, '11377', ['a'], null, false],
    ['11377(A) HSC', 'HS', false, '11377', ['a'], null, false],
    ['Health & Saf. Code § 11377, subd. (a)', 'HS', false, '11377', ['a'], null, false],
    ['245(a)(1) PC/F', 'PC', false, '245', ['a', '1'], 'F', false],
    ['245A1/F/0', 'PC', true, '245', ['a', '1'], 'F', false],
    ['11364', 'HS', true, '11364', [], null, false],
    ['664/187A', 'PC', true, '187', ['a'], null, true],
    ['647', 'PC', true, '647', [], null, false],
  ]);
});

describe('parseCharge: the examples in the import formats', () => {
  check([
    // arrests.booked_charges_statute `245(a)(1) PC/F;148(a)(1) PC/M`
    ['148(a)(1) PC/M', 'PC', false, '148', ['a', '1'], 'M', false],
    // arrests.list_of_booked_charges `245A1,148A1`
    ['245A1', 'PC', true, '245', ['a', '1'], null, false],
    ['148A1', 'PC', true, '148', ['a', '1'], null, false],
    // da-decisions.list_of_filed_charges `245A1/F/0, 647B/M/0`
    ['647B/M/0', 'PC', true, '647', ['b'], 'M', false],
    // worked examples in compliance-rules §9
    ['11352 HS', 'HS', false, '11352', [], null, false],
    ['11377(a) HS/M', 'HS', false, '11377', ['a'], 'M', false],
    ['459 PC/F', 'PC', false, '459', [], 'F', false],
    ['653.22 PC', 'PC', false, '653.22', [], null, false],
  ]);
});

describe('parseCharge: DA tokens (no code book: inferred)', () => {
  check([
    ['653.22A', 'PC', true, '653.22', ['a'], null, false],
    ['653.22A/M/0', 'PC', true, '653.22', ['a'], 'M', false],
    ['11350A', 'HS', true, '11350', ['a'], null, false],
    ['11350A/F/1', 'HS', true, '11350', ['a'], 'F', false],
    ['11377A/M/0', 'HS', true, '11377', ['a'], 'M', false],
    ['11000', 'HS', true, '11000', [], null, false],
    ['11999', 'HS', true, '11999', [], null, false],
    ['10999', 'PC', true, '10999', [], null, false],
    ['12000', 'PC', true, '12000', [], null, false],
    ['243E1/M/0', 'PC', true, '243', ['e', '1'], 'M', false],
    ['236.1A/F/0', 'PC', true, '236.1', ['a'], 'F', false],
    ['664/187A/F/0', 'PC', true, '187', ['a'], 'F', true],
    ['664/211', 'PC', true, '211', [], null, true],
    ['664 / 211', 'PC', true, '211', [], null, true],
    ['372', 'PC', true, '372', [], null, false],
    ['647/M', 'PC', true, '647', [], 'M', false],
    ['647A', 'PC', true, '647', ['a'], null, false],
    ['245a1/f/0', 'PC', true, '245', ['a', '1'], 'F', false],
    // Glued letters are one subdivision each, so a DA token agrees with the same charge in parentheses.
    ['273AA/F/0', 'PC', true, '273', ['a', 'a'], 'F', false],
    ['647BHS', 'HS', false, '647', ['b'], null, false],
    // A bare number is read whole: `4151` is section 4151, never 415(1). See README.
    ['4151', 'PC', true, '4151', [], null, false],
    ['4151/M/0', 'PC', true, '4151', [], 'M', false],
    // A statute column with no code book is treated like a DA token.
    ['647(b)', 'PC', true, '647', ['b'], null, false],
    ['11377(a)/M', 'HS', true, '11377', ['a'], 'M', false],
    ['647(B)   PROSTITUTION', 'PC', true, '647', ['b'], null, false],
  ]);
});

describe('parseCharge: code books and their spellings', () => {
  check([
    ['PC647(b)', 'PC', false, '647', ['b'], null, false],
    ['PC 647 (b)', 'PC', false, '647', ['b'], null, false],
    ['Penal Code 647(b)', 'PC', false, '647', ['b'], null, false],
    ['Penal Code § 647(b)', 'PC', false, '647', ['b'], null, false],
    ['Pen. Code, § 647(b)', 'PC', false, '647', ['b'], null, false],
    ['Cal. Pen. Code § 647(b)', 'PC', false, '647', ['b'], null, false],
    ['PC: 647(b)', 'PC', false, '647', ['b'], null, false],
    ['H&S-11377(a)', 'HS', false, '11377', ['a'], null, false],
    ['(647(b))', 'PC', true, '647', ['b'], null, false],
    ['§ 647(b)', 'PC', true, '647', ['b'], null, false],
    // The California Style Manual's form.
    ['(Pen. Code, § 647, subd. (b).)', 'PC', false, '647', ['b'], null, false],
    ['(Health & Saf. Code, § 11377, subd. (a).)', 'HS', false, '11377', ['a'], null, false],
    ['California Penal Code section 647(b)', 'PC', false, '647', ['b'], null, false],
    ['P.C. 647(b)', 'PC', false, '647', ['b'], null, false],
    ['647(b) P.C.', 'PC', false, '647', ['b'], null, false],
    ['647(b) Penal Code', 'PC', false, '647', ['b'], null, false],
    ['647(b)PC', 'PC', false, '647', ['b'], null, false],
    ['Health and Safety Code 11350(a)', 'HS', false, '11350', ['a'], null, false],
    ['Health & Safety Code § 11350(a)', 'HS', false, '11350', ['a'], null, false],
    ['Health & Saf. Code § 11377', 'HS', false, '11377', [], null, false],
    ['H&S 11377(a)', 'HS', false, '11377', ['a'], null, false],
    ['H & S 11377(a)', 'HS', false, '11377', ['a'], null, false],
    ['HSC 11377(a)', 'HS', false, '11377', ['a'], null, false],
    ['HS11377(a)', 'HS', false, '11377', ['a'], null, false],
    ['11350(a) Health and Safety Code', 'HS', false, '11350', ['a'], null, false],
    ['11350(a) Health & Saf. Code', 'HS', false, '11350', ['a'], null, false],
    ['11377(a)h&s', 'HS', false, '11377', ['a'], null, false],
    ['11377(a) H&S/M', 'HS', false, '11377', ['a'], 'M', false],
    ['11377(a) HSC/M', 'HS', false, '11377', ['a'], 'M', false],
    ['VC 23152(a)', 'VC', false, '23152', ['a'], null, false],
    ['23152(a) VC/M', 'VC', false, '23152', ['a'], 'M', false],
    ['23152(A) VC-DUI ALCOHOL', 'VC', false, '23152', ['a'], null, false],
    ['Veh. Code § 23152, subd. (a)', 'VC', false, '23152', ['a'], null, false],
    ['Vehicle Code 12500(a)', 'VC', false, '12500', ['a'], null, false],
    // A Vehicle Code section in the drug range stays VC.
    ['11500 VC', 'VC', false, '11500', [], null, false],
    ['4140 BP', 'BP', false, '4140', [], null, false],
    ['B&P 25620(a)', 'BP', false, '25620', ['a'], null, false],
    ['Bus. & Prof. Code § 4140', 'BP', false, '4140', [], null, false],
    ['5150 WI', 'WI', false, '5150', [], null, false],
    ['W&I 5150', 'WI', false, '5150', [], null, false],
    ['Welf. & Inst. Code § 602', 'WI', false, '602', [], null, false],
    ['Gov. Code § 6200', 'GC', false, '6200', [], null, false],
    ['12000 FGC', 'FG', false, '12000', [], null, false],
    ['Fish & Game Code § 12000', 'FG', false, '12000', [], null, false],
    ['CCR 3000', 'CCR', false, '3000', [], null, false],
    ['MPC 869', 'MC', false, '869', [], null, false],
    ['Police Code § 869', 'MC', false, '869', [], null, false],
    ['S.F. Police Code 869', 'MC', false, '869', [], null, false],
  ]);

  it('reads a code book glued to the section as the code book, not as subdivisions', () => {
    // `647bPC` is read as 647, then `bpc` (a spelling of the Business and Professions Code): garbage in,
    // but never a subdivision `bpc` of PC 647.
    expect(parseCharge('647bPC')).toEqual({
      ok: true,
      charge: { raw: '647bPC', codeBook: 'BP', codeBookInferred: false, section: '647', subdivisions: [], level: null, attempt: false },
    });
  });
});

describe('parseCharge: levels', () => {
  check([
    ['245(a)(1) PC/F', 'PC', false, '245', ['a', '1'], 'F', false],
    ['148(a)(1) PC/M', 'PC', false, '148', ['a', '1'], 'M', false],
    ['415 PC/I', 'PC', false, '415', [], 'I', false],
    ['245(a)(1) pc/f', 'PC', false, '245', ['a', '1'], 'F', false],
    ['245(a)(1) PC / F', 'PC', false, '245', ['a', '1'], 'F', false],
    ['245(a)(1)/F PC', 'PC', false, '245', ['a', '1'], 'F', false],
    ['PC 245(a)(1)/F', 'PC', false, '245', ['a', '1'], 'F', false],
    ['245(a)(1) PC/FEL', 'PC', false, '245', ['a', '1'], 'F', false],
    ['245(a)(1) PC/Felony', 'PC', false, '245', ['a', '1'], 'F', false],
    ['647(b) PC/MISD', 'PC', false, '647', ['b'], 'M', false],
    ['647(b) PC/Misdemeanor', 'PC', false, '647', ['b'], 'M', false],
    ['4000(a) VC/INF', 'VC', false, '4000', ['a'], 'I', false],
    ['4000(a) VC/Infraction', 'VC', false, '4000', ['a'], 'I', false],
    ['245(a)(1) PC/F/0', 'PC', false, '245', ['a', '1'], 'F', false],
    // The first level wins; a second is description.
    ['245A1/F/M', 'PC', true, '245', ['a', '1'], 'F', false],
    // Something after a slash that is not a level or a count is description.
    ['245(a)(1) PC/FOO', 'PC', false, '245', ['a', '1'], null, false],
    ['647B/0', 'PC', true, '647', ['b'], null, false],
  ]);
});

describe('parseCharge: subdivisions', () => {
  check([
    ['245(A)(1) PC', 'PC', false, '245', ['a', '1'], null, false],
    ['245 (a) (1) PC', 'PC', false, '245', ['a', '1'], null, false],
    ['245( a )( 1 ) PC', 'PC', false, '245', ['a', '1'], null, false],
    ['245(a)1 PC', 'PC', false, '245', ['a', '1'], null, false],
    ['273.5(a) PC', 'PC', false, '273.5', ['a'], null, false],
    // A lettered section (266h, 273a, 653m) keeps its letter as the first subdivision, as a DA token would.
    ['266h(a) PC', 'PC', false, '266', ['h', 'a'], null, false],
    ['273a(a) PC', 'PC', false, '273', ['a', 'a'], null, false],
    ['653m(a) PC/M', 'PC', false, '653', ['m', 'a'], 'M', false],
    // In parentheses a run of letters is one subdivision.
    ['186.22(aa) PC', 'PC', false, '186.22', ['aa'], null, false],
    ['236.1(a) PC', 'PC', false, '236.1', ['a'], null, false],
    ['653.22(a)(1) PC', 'PC', false, '653.22', ['a', '1'], null, false],
    ['653.20 PC', 'PC', false, '653.20', [], null, false],
    ['647(b)(1) PC', 'PC', false, '647', ['b', '1'], null, false],
    ['11357(b)(2) HS', 'HS', false, '11357', ['b', '2'], null, false],
    ['1203.2(a)(ii) PC', 'PC', false, '1203.2', ['a', 'ii'], null, false],
    ['186.22(b)(1)(C) PC', 'PC', false, '186.22', ['b', '1', 'c'], null, false],
    ['245(a)(01) PC', 'PC', false, '245', ['a', '1'], null, false],
    ['Pen. Code § 647, subd. (b)', 'PC', false, '647', ['b'], null, false],
    ['Pen. Code § 647 subd. (b)', 'PC', false, '647', ['b'], null, false],
    ['Pen. Code § 647, subd. b', 'PC', false, '647', ['b'], null, false],
    ['Pen. Code § 647, subdivision (b)', 'PC', false, '647', ['b'], null, false],
    ['Pen. Code § 245, subd. (a)(1)', 'PC', false, '245', ['a', '1'], null, false],
    ['Pen. Code § 245, subd. (a), para. (1)', 'PC', false, '245', ['a', '1'], null, false],
    ['Pen. Code § 647,subd.(b)', 'PC', false, '647', ['b'], null, false],
    // Up to four letters and digits in parentheses are one subdivision.
    ['1234(2a) PC', 'PC', false, '1234', ['2a'], null, false],
    ['1234(12345) PC', 'PC', true, '1234', [], null, false],
    // One decimal part: the rest is description.
    ['8.00.4 PC', 'PC', true, '8.00', [], null, false],
    // `subd.` with nothing after it is description.
    ['Pen. Code § 647, subd.', 'PC', false, '647', [], null, false],
    // Leading zeros are not part of the section.
    ['0647(b) PC', 'PC', false, '647', ['b'], null, false],
    // Parentheses holding something that is not a subdivision are description.
    ['647 (PROSTITUTION) PC', 'PC', true, '647', [], null, false],
    ['647PROSTITUTION', 'PC', true, '647', [], null, false],
    // A dot after the section that starts no decimal part ends it.
    ['Pen. Code § 647.', 'PC', false, '647', [], null, false],
  ]);
});

describe('parseCharge: case and whitespace never matter', () => {
  check([
    ['pc 647(b)', 'PC', false, '647', ['b'], null, false],
    ['Pc 647(B)', 'PC', false, '647', ['b'], null, false],
    ['PEN. CODE § 647, SUBD. (B)', 'PC', false, '647', ['b'], null, false],
    ['HEALTH AND SAFETY CODE 11350(A)', 'HS', false, '11350', ['a'], null, false],
    ['health and safety code 11350(a)', 'HS', false, '11350', ['a'], null, false],
    ['  647(b)   PC  ', 'PC', false, '647', ['b'], null, false],
    ['\t647(b)\tPC\t', 'PC', false, '647', ['b'], null, false],
    ['PC\u00a0647(b)', 'PC', false, '647', ['b'], null, false],
    ['Health  &  Saf.  Code  §  11377', 'HS', false, '11377', [], null, false],
    ['664/187(a) PC', 'PC', false, '187', ['a'], null, true],
    ['PC 664/187(a)', 'PC', false, '187', ['a'], null, true],
    ['664 / 187(A) pc/f', 'PC', false, '187', ['a'], 'F', true],
  ]);
});

describe('parseCharge: attempts', () => {
  check([
    ['664/187A', 'PC', true, '187', ['a'], null, true],
    ['664/187(a) PC/F', 'PC', false, '187', ['a'], 'F', true],
    ['664/647(b) PC', 'PC', false, '647', ['b'], null, true],
    // 664 alone is the section 664, not an attempt of nothing.
    ['664 PC', 'PC', false, '664', [], null, false],
    ['664/F', 'PC', true, '664', [], 'F', false],
    // 6641 is not 664.
    ['6641/187', 'PC', true, '6641', [], null, false],
  ]);
});

describe('parseCharge: the raw text', () => {
  it('is the item as written, trimmed', () => {
    const r = parseCharge('  647(B) PC   PROSTITUTION \n');
    expect(r.ok && r.charge.raw).toBe('647(B) PC   PROSTITUTION');
  });
});

describe('parseCharge: failures', () => {
  it.each([
    ['', 'empty charge', ''],
    ['   ', 'empty charge', ''],
    ['\t\n', 'empty charge', ''],
    ['PROSTITUTION', 'no section number found', 'PROSTITUTION'],
    ['///', 'no section number found', '///'],
    ['abc(d)', 'no section number found', 'abc(d)'],
    ['PC', 'no section number found', 'PC'],
    ['Pen. Code § , subd. (b)', 'no section number found', 'Pen. Code § , subd. (b)'],
    ['0', "section number '0' is not valid", '0'],
    ['000(a) PC', "section number '000' is not valid", '000(a) PC'],
    ['1234567', "'1234567' is too long to be a section number", '1234567'],
    ['/647', "unexpected '/' before the section number", '/647'],
    ['-1', "unexpected '-' before the section number", '-1'],
    ['.6', "unexpected '.' before the section number", '.6'],
    ['PC .6', "unexpected '.' before the section number", 'PC .6'],
    ['PC/647(b)', "unexpected '/' before the section number", 'PC/647(b)'],
    ['#647', "unexpected '#' before the section number", '#647'],
    ['FOO 647(b)', "'FOO' before the section number is not a recognised code book (expected e.g. PC, HS, VC)", 'FOO 647(b)'],
    ['PROSTITUTION 647(b) PC', "'PROSTITUTION' before the section number is not a recognised code book (expected e.g. PC, HS, VC)", 'PROSTITUTION 647(b) PC'],
    ['POSSESS 2 OZ', "'POSSESS' before the section number is not a recognised code book (expected e.g. PC, HS, VC)", 'POSSESS 2 OZ'],
    ['Count 1: 647(b) PC', "'Count' before the section number is not a recognised code book (expected e.g. PC, HS, VC)", 'Count 1: 647(b) PC'],
  ])('%j fails: %s', (input, error, raw) => {
    expect(parseCharge(input)).toEqual({ ok: false, failure: { raw, error } });
  });

  it('shortens a long unrecognised prefix in the error', () => {
    const r = parseCharge(`${'X'.repeat(100)} 647`);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.failure.error).toBe(`'${'X'.repeat(40)}...' before the section number is not a recognised code book (expected e.g. PC, HS, VC)`);
  });

  it('never throws on a value that is not a string (untyped callers)', () => {
    expect(parseCharge(undefined as unknown as string)).toEqual({ ok: false, failure: { raw: '', error: 'empty charge' } });
    expect(parseCharge(null as unknown as string)).toEqual({ ok: false, failure: { raw: '', error: 'empty charge' } });
  });
});

describe('inferCodeBook', () => {
  it.each([
    ['11000', 'HS'],
    ['11377', 'HS'],
    ['11999', 'HS'],
    ['11999.5', 'HS'],
    ['10999', 'PC'],
    ['12000', 'PC'],
    ['647', 'PC'],
    ['653.22', 'PC'],
    ['110', 'PC'],
  ])('%s -> %s', (section, codeBook) => {
    expect(inferCodeBook(section)).toBe(codeBook);
  });
});

describe('parseCharge: cost', () => {
  it('stays linear on long, hostile inputs', () => {
    const inputs = [
      '('.repeat(100_000),
      '1'.repeat(100_000),
      `647${'(a'.repeat(50_000)}`,
      `647${'(a)'.repeat(30_000)}`,
      `647${' '.repeat(100_000)}x`,
      `647${'/'.repeat(100_000)}`,
      `647${'/0'.repeat(50_000)}`,
      `${'pc '.repeat(30_000)}647`,
      `647 ${'h&'.repeat(50_000)}`,
      `Pen. Code § 647${', subd.'.repeat(15_000)}`,
      `647${'a1'.repeat(50_000)}`,
    ];
    const started = Date.now();
    for (const input of inputs) expect(() => parseCharge(input)).not.toThrow();
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
