import type { ParsedCharge } from './types';
import { parseCharge } from './parse';
import { formatRuleCode, matchesRuleCode, matchRuleCode, parseRuleCode } from './rule-code';

function parsed(item: string): ParsedCharge {
  const r = parseCharge(item);
  if (!r.ok) throw new Error(`expected ${item} to parse: ${r.failure.error}`);
  return r.charge;
}

describe('matchesRuleCode', () => {
  describe('a rule code naming a subdivision: PC 647(b)', () => {
    it.each([
      ['647(b) PC', true],
      ['647B/M/0', true],
      ['Pen. Code § 647, subd. (b)', true],
      ['647(b)(1) PC', true],
      ['647(a) PC', false],
      ['647(c) PC', false],
      ['653.22(a) PC', false],
      ['6470 PC', false],
      ['647(b) VC', false],
      // An attempt counts as its section.
      ['664/647(b) PC', true],
      ['664/647B/M/0', true],
      // No subdivision: does not match a rule code that names one. matchRuleCode says 'ambiguous'; the caller
      // decides (the compliance rules flag it at low confidence, reason ambiguous_subdivision).
      ['647 PC', false],
      ['647', false],
    ])('%j -> %s', (item, expected) => {
      expect(matchesRuleCode(parsed(item), 'PC 647(b)')).toBe(expected);
    });
  });

  describe('a rule code naming a section only: PC 236.1, PC 647', () => {
    it.each([
      ['236.1(a) PC', 'PC 236.1', true],
      ['236.1(b)(2) PC', 'PC 236.1', true],
      ['236.1 PC', 'PC 236.1', true],
      ['236.1A/F/0', 'PC 236.1', true],
      ['236.10 PC', 'PC 236.1', false],
      ['236 PC', 'PC 236.1', false],
      ['647 PC', 'PC 647', true],
      ['647(b) PC', 'PC 647', true],
      ['647(a) PC', 'PC 647', true],
      ['647', 'PC 647', true],
      ['653.22 PC', 'PC 653.22', true],
      ['653.22A', 'PC 653.22', true],
      ['653.20 PC', 'PC 653.2', false],
      ['653.2 PC', 'PC 653.20', false],
      ['653.20 PC', 'PC 653.20', true],
    ])('%j against %j -> %s', (item, rule, expected) => {
      expect(matchesRuleCode(parsed(item), rule)).toBe(expected);
    });
  });

  describe('a range: HS 11000-11999', () => {
    it.each([
      ['11377 HS', true],
      ['11377(a) HS/M', true],
      ['11000 HS', true],
      ['11999 HS', true],
      ['11999.5 HS', true],
      ['12000 HS', false],
      ['10999 HS', false],
      ['11377 PC', false],
      ['11377 VC', false],
      ['11364', true],
      ['11350A/M/0', true],
      ['664/11377(a) HS', true],
    ])('%j -> %s', (item, expected) => {
      expect(matchesRuleCode(parsed(item), 'HS 11000-11999')).toBe(expected);
    });
  });

  describe('attempts: an attempt counts as its section; a rule code with 664/ matches attempts only', () => {
    it.each([
      ['664/187A', 'PC 664/187', true],
      ['664/187A', 'PC 664/187(a)', true],
      ['664/187A', 'PC 664/187(b)', false],
      ['664/187A', 'PC 187', true],
      ['664/653.22A', 'PC 653.22', true],
      ['187(a) PC', 'PC 664/187', false],
      ['664 PC', 'PC 664', true],
      ['664/187A', 'PC 664', false],
    ])('%j against %j -> %s', (item, rule, expected) => {
      expect(matchesRuleCode(parsed(item), rule)).toBe(expected);
    });
  });

  it('ignores case and spacing in the rule code, and takes any spelling of the code book', () => {
    const c = parsed('647(b)(1) PC/M');
    for (const rule of ['PC 647(b)', 'pc 647(B)', '  PC647 (b) ', '647(b) PC', 'Pen. Code § 647, subd. (b)']) {
      expect(matchesRuleCode(c, rule)).toBe(true);
    }
    expect(matchesRuleCode(parsed('11377 HS'), 'Health & Saf. Code 11000 - 11999')).toBe(true);
  });

  it('accepts a parsed rule code', () => {
    const rule = parseRuleCode('PC 647(b)');
    expect(rule.ok).toBe(true);
    if (rule.ok) expect(matchesRuleCode(parsed('647B/M/0'), rule.rule)).toBe(true);
  });

  it('throws on an invalid rule code: configuration errors must be loud', () => {
    const c = parsed('647(b) PC');
    expect(() => matchesRuleCode(c, '647(b)')).toThrow("invalid rule code '647(b)': a rule code must name its code book, e.g. PC 647(b)");
    expect(() => matchesRuleCode(c, 'PROSTITUTION')).toThrow("invalid rule code 'PROSTITUTION': no section number found");
    expect(() => matchesRuleCode(c, '')).toThrow("invalid rule code '': empty rule code");
  });
});

describe('matchRuleCode', () => {
  it.each([
    ['647', 'PC 647(b)', 'ambiguous'],
    ['647 PC', 'PC 647(b)', 'ambiguous'],
    ['647(b)', 'PC 647(b)(1)', 'ambiguous'],
    ['647(b)(1)', 'PC 647(b)(1)', 'match'],
    ['647(b)(2)', 'PC 647(b)(1)', 'none'],
    ['647(a)', 'PC 647(b)(1)', 'none'],
    ['647', 'PC 647', 'match'],
    ['647', 'HS 647', 'none'],
    ['653.22', 'PC 647(b)', 'none'],
  ])('%j against %j -> %s', (item, rule, expected) => {
    expect(matchRuleCode(parsed(item), rule)).toBe(expected);
  });
});

describe('parseRuleCode', () => {
  it.each([
    ['PC 647(b)', { kind: 'section', codeBook: 'PC', section: '647', subdivisions: ['b'], attempt: false }],
    ['PC 236.1', { kind: 'section', codeBook: 'PC', section: '236.1', subdivisions: [], attempt: false }],
    ['PC 664/187', { kind: 'section', codeBook: 'PC', section: '187', subdivisions: [], attempt: true }],
    ['HS 11377', { kind: 'section', codeBook: 'HS', section: '11377', subdivisions: [], attempt: false }],
    ['HS 11000-11999', { kind: 'range', codeBook: 'HS', from: 11000, to: 11999 }],
    ['hs 11000 - 11999', { kind: 'range', codeBook: 'HS', from: 11000, to: 11999 }],
    ['HS 11377-11377', { kind: 'range', codeBook: 'HS', from: 11377, to: 11377 }],
  ])('%j', (text, rule) => {
    expect(parseRuleCode(text)).toEqual({ ok: true, rule });
  });

  it.each([
    ['', 'empty rule code'],
    ['   ', 'empty rule code'],
    ['647(b)', 'a rule code must name its code book, e.g. PC 647(b)'],
    ['11000-11999', 'a rule code must name its code book, e.g. HS 11000-11999'],
    ['PC 647(b)/M', 'a rule code does not name a level (F, M, I): the rule says which levels count'],
    ['PC 647(b) PROSTITUTION', "unexpected 'PROSTITUTION' after the code"],
    ['PC 647-b', "unexpected '-b' after the code"],
    ['HS 11999-11000', "the range 'HS 11999-11000' ends before it starts"],
    ['HS 11000(a)-11999', 'a range must be two whole section numbers, e.g. HS 11000-11999'],
    ['PC 653.20-653.22', 'a range must be two whole section numbers, e.g. HS 11000-11999'],
    ['PROSTITUTION', 'no section number found'],
    ['FOO 647', "'FOO' before the section number is not a recognised code book (expected e.g. PC, HS, VC)"],
  ])('%j fails: %s', (text, error) => {
    expect(parseRuleCode(text)).toEqual({ ok: false, error });
  });
});

describe('formatRuleCode', () => {
  it.each([
    ['pc 647 (B)', 'PC 647(b)'],
    ['Health & Saf. Code 11000 - 11999', 'HS 11000-11999'],
    ['PC 664/187(a)', 'PC 664/187(a)'],
    ['PC 236.1', 'PC 236.1'],
  ])('%j -> %j', (text, formatted) => {
    const r = parseRuleCode(text);
    expect(r.ok && formatRuleCode(r.rule)).toBe(formatted);
  });
});
