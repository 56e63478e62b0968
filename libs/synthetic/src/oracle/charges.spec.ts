import { formatCharge, inferCodeBook, parseCharge, parseCharges, type ParsedCharge } from './charges';

/** The fields the §2 table names, without `raw`. */
function shape(c: ParsedCharge | null) {
  if (c === null) return null;
  const { codeBook, codeBookInferred, section, subdivisions, level, attempt } = c;
  return { codeBook, codeBookInferred, section, subdivisions, level, attempt };
}

function one(text: string) {
  const parsed = parseCharges(text);
  expect(parsed).toHaveLength(1);
  return shape(parsed[0]);
}

const pc647b = { codeBook: 'PC', codeBookInferred: false, section: '647', subdivisions: ['b'], level: null, attempt: false };

describe('parseCharges: every row of the §2 table', () => {
  it('647(b) PC', () => expect(one('647(b) PC')).toEqual(pc647b));
  it('PC 647(b)', () => expect(one('PC 647(b)')).toEqual(pc647b));
  it('Pen. Code § 647, subd. (b) (a comma inside one citation)', () => expect(one('Pen. Code § 647, subd. (b)')).toEqual(pc647b));
  it('647(B) PC   PROSTITUTION (description after the code)', () => expect(one('647(B) PC   PROSTITUTION')).toEqual(pc647b));
  it('11377(A) HS-POSSESS CNTL SUBSTANCE', () =>
    expect(one('11377(A) HS-POSSESS CNTL SUBSTANCE')).toEqual({
      codeBook: 'HS', codeBookInferred: false, section: '11377', subdivisions: ['a'], level: null, attempt: false,
    }));
  it('245(a)(1) PC/F', () =>
    expect(one('245(a)(1) PC/F')).toEqual({
      codeBook: 'PC', codeBookInferred: false, section: '245', subdivisions: ['a', '1'], level: 'F', attempt: false,
    }));
  it('245A1/F/0 (DA token: code book inferred)', () =>
    expect(one('245A1/F/0')).toEqual({
      codeBook: 'PC', codeBookInferred: true, section: '245', subdivisions: ['a', '1'], level: 'F', attempt: false,
    }));
  it('11364 (DA token: HS inferred)', () =>
    expect(one('11364')).toEqual({ codeBook: 'HS', codeBookInferred: true, section: '11364', subdivisions: [], level: null, attempt: false }));
  it('664/187A (attempt)', () =>
    expect(one('664/187A')).toEqual({ codeBook: 'PC', codeBookInferred: true, section: '187', subdivisions: ['a'], level: null, attempt: true }));
  it('647 (no subdivision; no code book, so inferred)', () =>
    expect(one('647')).toEqual({ codeBook: 'PC', codeBookInferred: true, section: '647', subdivisions: [], level: null, attempt: false }));
});

describe('parseCharges: code-book synonyms', () => {
  const hs11350 = { codeBook: 'HS', codeBookInferred: false, section: '11350', subdivisions: [], level: null, attempt: false };
  it.each(['11350 H&S', 'H&S 11350', '11350 HSC', 'HSC 11350', 'Health & Saf. Code § 11350', 'Health and Safety Code § 11350', '11350 hs', 'HS11350'])(
    '%s is HS',
    (text) => expect(one(text)).toEqual(hs11350),
  );
  it.each(['647(b) Penal Code', 'Penal Code § 647(b)', 'P.C. 647(b)', 'pc 647(b)', 'PC647(b)', '647(b)PC', 'Pen. Code, § 647, subd. (b)'])('%s is PC 647(b)', (text) =>
    expect(one(text)).toEqual(pc647b),
  );
  it('an explicit code book is never replaced by the inferred one', () => {
    expect(one('11550 PC')).toEqual({ codeBook: 'PC', codeBookInferred: false, section: '11550', subdivisions: [], level: null, attempt: false });
    expect(one('4060 BP')).toEqual({ codeBook: 'BP', codeBookInferred: false, section: '4060', subdivisions: [], level: null, attempt: false });
  });
  it('a Vehicle Code charge is not mistaken for PC', () => {
    expect(one('23152(a) VC/M')).toEqual({ codeBook: 'VC', codeBookInferred: false, section: '23152', subdivisions: ['a'], level: 'M', attempt: false });
  });
});

describe('parseCharges: lists and separators', () => {
  it('splits on ; and on ,', () => {
    expect(parseCharges('245(a)(1) PC/F;148(a)(1) PC/M').map(formatCharge)).toEqual(['PC 245(a)(1)', 'PC 148(a)(1)']);
    expect(parseCharges('245A1,148A1').map(formatCharge)).toEqual(['PC 245(a)(1)', 'PC 148(a)(1)']);
    expect(parseCharges('245A1/F/0, 647B/M/0').map((c) => [formatCharge(c), c.level])).toEqual([
      ['PC 245(a)(1)', 'F'],
      ['PC 647(b)', 'M'],
    ]);
    expect(parseCharges('11377(a) HS/M; 459 PC/F').map((c) => [formatCharge(c), c.level])).toEqual([
      ['HS 11377(a)', 'M'],
      ['PC 459', 'F'],
    ]);
  });
  it('keeps a subdivision comma inside its citation, in a list of several', () => {
    const parsed = parseCharges('Pen. Code § 647, subd. (b); Health & Saf. Code § 11377, subd. (a), Pen. Code § 148, subd. (a)(1)');
    expect(parsed.map(formatCharge)).toEqual(['PC 647(b)', 'HS 11377(a)', 'PC 148(a)(1)']);
    expect(parsed.every((c) => !c.codeBookInferred)).toBe(true);
  });
  it('ignores empty items and extra spaces', () => {
    expect(parseCharges('  647(b) PC ;; , 11364 HS  ;').map(formatCharge)).toEqual(['PC 647(b)', 'HS 11364']);
    expect(parseCharges('')).toEqual([]);
    expect(parseCharges('   ')).toEqual([]);
  });
  it('drops an item without a section number (description fragment)', () => {
    expect(parseCharges('11377(A) HS-POSSESS CNTL SUBSTANCE, METH').map(formatCharge)).toEqual(['HS 11377(a)']);
  });
  it('keeps the raw citation, trimmed', () => {
    expect(parseCharges(' 647(B) PC   PROSTITUTION ;11364').map((c) => c.raw)).toEqual(['647(B) PC   PROSTITUTION', '11364']);
  });
});

describe('parseCharges: case, subdivisions, levels, attempts', () => {
  it('lower-cases subdivisions whatever the input case', () => {
    expect(one('647(B) PC')).toEqual(pc647b);
    expect(one('647b')?.subdivisions).toEqual(['b']);
    expect(one('PC 245(A)(1)')?.subdivisions).toEqual(['a', '1']);
  });
  it('reads decimal sections', () => {
    expect(one('653.22(a) PC')).toEqual({ codeBook: 'PC', codeBookInferred: false, section: '653.22', subdivisions: ['a'], level: null, attempt: false });
    expect(one('653.22A1/M/0')).toEqual({ codeBook: 'PC', codeBookInferred: true, section: '653.22', subdivisions: ['a', '1'], level: 'M', attempt: false });
    expect(one('653.20 PC')?.section).toBe('653.20');
  });
  it('reads the level after the code book or right after the code, in any case', () => {
    expect(one('11377(a) HS/M')?.level).toBe('M');
    expect(one('11377(a) hs/m')?.level).toBe('M');
    expect(one('11377(a)/M HS')).toEqual({ codeBook: 'HS', codeBookInferred: false, section: '11377', subdivisions: ['a'], level: 'M', attempt: false });
    expect(one('647B/I/0')?.level).toBe('I');
    expect(one('245(a)(1) PC / F')?.level).toBe('F');
    expect(one('647(b) PC   PROSTITUTION')?.level).toBeNull();
  });
  it('664/ marks an attempt of the section that follows', () => {
    expect(one('664/647(b) PC/M')).toEqual({ codeBook: 'PC', codeBookInferred: false, section: '647', subdivisions: ['b'], level: 'M', attempt: true });
    expect(one('PC 664/211')).toEqual({ codeBook: 'PC', codeBookInferred: false, section: '211', subdivisions: [], level: null, attempt: true });
    expect(one('664/11377A/M/0')).toEqual({ codeBook: 'HS', codeBookInferred: true, section: '11377', subdivisions: ['a'], level: 'M', attempt: true });
    expect(one('664 PC')).toEqual({ codeBook: 'PC', codeBookInferred: false, section: '664', subdivisions: [], level: null, attempt: false });
  });
  it('a lettered section reads its letter as a subdivision and keeps the code book', () => {
    expect(one('266h(a) PC/F')).toEqual({ codeBook: 'PC', codeBookInferred: false, section: '266', subdivisions: ['h', 'a'], level: 'F', attempt: false });
    expect(one('266HA/F/0')).toEqual({ codeBook: 'PC', codeBookInferred: true, section: '266', subdivisions: ['h', 'a'], level: 'F', attempt: false });
  });
  it('parseCharge gives null for text without a section', () => {
    expect(parseCharge('PROSTITUTION')).toBeNull();
    expect(parseCharge('PC')).toBeNull();
  });
});

describe('inferCodeBook', () => {
  it('HS for 11000-11999, PC otherwise', () => {
    expect(inferCodeBook('11000')).toBe('HS');
    expect(inferCodeBook('11999')).toBe('HS');
    expect(inferCodeBook('11364.1')).toBe('HS');
    expect(inferCodeBook('10999')).toBe('PC');
    expect(inferCodeBook('12000')).toBe('PC');
    expect(inferCodeBook('647')).toBe('PC');
  });
});

describe('formatCharge', () => {
  it('writes code book, section and each subdivision in parentheses', () => {
    expect(parseCharges('245A1/F/0; 11377(A) HS; 653.22 PC; 647').map(formatCharge)).toEqual(['PC 245(a)(1)', 'HS 11377(a)', 'PC 653.22', 'PC 647']);
  });
});
