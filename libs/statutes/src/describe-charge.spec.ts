import { chargeCode, codeBookEntryFor, codeBookOverlay, describeCharge, levelWord, parseChargeCode } from './describe-charge';
import { parseCharge } from './parse';
import type { ParsedCharge } from './types';

function parsed(item: string): ParsedCharge {
  const r = parseCharge(item);
  if (!r.ok) throw new Error(`${item}: ${r.failure.error}`);
  return r.charge;
}

const text = (item: string): string => describeCharge(parsed(item)).text;

describe('describeCharge', () => {
  it('says the examples of issue 11 in plain words', () => {
    expect(describeCharge(parsed('647(b) PC/M'))).toEqual({
      code: 'PC 647(b)',
      description: 'prostitution',
      level: 'misdemeanor',
      known: true,
      text: 'PC 647(b): prostitution, misdemeanor',
      source: 'built-in',
    });
    // PC 11350(a) is a misdemeanor or, with certain priors, a felony: the statute does not fix the level.
    expect(describeCharge(parsed('11350(A)'))).toEqual({
      code: 'HS 11350(a)',
      description: 'possession of a controlled substance',
      level: null,
      known: true,
      text: 'HS 11350(a): possession of a controlled substance',
      source: 'built-in',
    });
  });

  it('describes the subdivision where the subdivisions of a section differ', () => {
    expect(text('647(b) PC')).toBe('PC 647(b): prostitution, misdemeanor');
    expect(text('647F/M/0')).toBe('PC 647(f): public intoxication, misdemeanor');
    expect(text('647(a) PC')).toBe('PC 647(a): lewd conduct in public, misdemeanor');
    expect(text('647(h) PC')).toBe('PC 647(h): loitering or prowling on private property, misdemeanor');
    // A section named without its subdivision: the section's name (PC 647 makes every subdivision a misdemeanor).
    expect(text('647 PC')).toBe('PC 647: disorderly conduct, misdemeanor');
    expect(text('415(1) PC')).toBe('PC 415(1): disturbing the peace: fighting or challenging someone to fight in public');
    expect(text('594(b)(2)(A) PC')).toBe('PC 594(b)(2)(a): vandalism causing less than $400 of damage, misdemeanor');
    expect(text('594(b)(1) PC')).toBe('PC 594(b)(1): vandalism causing $400 or more of damage');
  });

  it('describes a deeper subdivision by the nearest code that covers it, keeping the code as cited', () => {
    expect(text('647(b)(1) PC')).toBe('PC 647(b)(1): prostitution, misdemeanor');
    expect(text('11377A/M/0')).toBe('HS 11377(a): possession of a controlled substance (such as methamphetamine), misdemeanor');
    expect(text('653.22(a) PC')).toBe('PC 653.22(a): loitering with intent to commit prostitution, misdemeanor');
  });

  it('takes the level written on the charge over the code book', () => {
    expect(text('11350(a) HS/M')).toBe('HS 11350(a): possession of a controlled substance, misdemeanor');
    expect(text('11350A/F/1')).toBe('HS 11350(a): possession of a controlled substance, felony');
    expect(text('245(a)(1) PC/F')).toBe('PC 245(a)(1): assault with a deadly weapon other than a firearm, felony');
    expect(text('245(a)(1) PC')).toBe('PC 245(a)(1): assault with a deadly weapon other than a firearm');
    // Robbery is always a felony (PC 211, 213).
    expect(text('211 PC')).toBe('PC 211: robbery, felony');
    expect(text('415 PC/I')).toBe('PC 415: disturbing the peace, infraction');
  });

  it('says an attempt in words, with the level only as written', () => {
    expect(describeCharge(parsed('664/187A'))).toEqual({
      code: 'PC 664/187(a)',
      description: 'attempted murder',
      level: null,
      known: true,
      text: 'PC 664/187(a): attempted murder',
      source: 'built-in',
    });
    expect(text('664/211 PC/F')).toBe('PC 664/211: attempted robbery, felony');
  });

  it('writes a lettered section as the law does', () => {
    expect(text('266h(a) PC/F')).toBe('PC 266h(a): pimping, felony');
    expect(text('266HA/F/0')).toBe('PC 266h(a): pimping, felony');
    expect(text('653M PC')).toBe('PC 653m: annoying or threatening phone calls or electronic messages, misdemeanor');
  });

  it('reads the other code books', () => {
    expect(text('23152(a) VC/M')).toBe('VC 23152(a): driving under the influence of alcohol, misdemeanor');
    expect(text('14601.1(a) VC')).toBe('VC 14601.1(a): driving with a suspended or revoked license, misdemeanor');
    expect(text('11364 HS')).toBe('HS 11364: possession of drug paraphernalia, misdemeanor');
    expect(text('5150 WI')).toBe('WI 5150: held for a mental health evaluation (not a crime)');
    expect(text('168 MPC')).toBe('MC 168: sitting or lying on a public sidewalk (7 a.m. to 11 p.m.)');
  });

  it('shows an unknown code as written', () => {
    // The DA writes 415(1) as 4151, which reads as section 4151: nothing says where to split the digits.
    expect(describeCharge(parsed('4151/M/0'))).toEqual({ code: 'PC 4151', description: null, level: 'misdemeanor', known: false, text: '4151/M/0', source: null });
    expect(describeCharge(parsed('243(a) PC'))).toMatchObject({ code: 'PC 243(a)', known: false, text: '243(a) PC' });
    expect(describeCharge(parsed('12345 GC')).text).toBe('12345 GC');
  });

  it('uses an admin description before the built-in one, and says so', () => {
    const overlay = codeBookOverlay([
      { code: 'PC 4151', description: 'disturbing the peace: fighting in public (the DA writing of 415(1))', level: null },
      { code: 'pc 647(b)', description: 'prostitution or solicitation', level: 'misdemeanor' },
      { code: 'not a code', description: 'ignored', level: null },
    ]);
    expect(overlay.size).toBe(2);
    expect(describeCharge(parsed('4151/M/0'), overlay)).toEqual({
      code: 'PC 4151',
      description: 'disturbing the peace: fighting in public (the DA writing of 415(1))',
      level: 'misdemeanor',
      known: true,
      text: 'PC 4151: disturbing the peace: fighting in public (the DA writing of 415(1)), misdemeanor',
      source: 'admin',
    });
    expect(describeCharge(parsed('647B'), overlay).text).toBe('PC 647(b): prostitution or solicitation, misdemeanor');
    expect(describeCharge(parsed('647F'), overlay)).toMatchObject({ text: 'PC 647(f): public intoxication, misdemeanor', source: 'built-in' });
    // A more specific built-in entry wins over an admin description of its section.
    const sectionOnly = codeBookOverlay([{ code: 'PC 647', description: 'disorderly conduct (any kind)', level: null }]);
    expect(describeCharge(parsed('647F'), sectionOnly).source).toBe('built-in');
  });
});

describe('chargeCode', () => {
  it('names the code a charge cites, without level or attempt', () => {
    expect(chargeCode(parsed('647B/M/0'))).toBe('PC 647(b)');
    expect(chargeCode(parsed('664/187A'))).toBe('PC 187(a)');
    expect(chargeCode(parsed('266HA'))).toBe('PC 266h(a)');
    expect(chargeCode(parsed('4151'))).toBe('PC 4151');
    expect(chargeCode(parsed('11377(A) HS-POSSESS CNTL SUBSTANCE'))).toBe('HS 11377(a)');
  });
});

describe('parseChargeCode', () => {
  it('reads a code an admin types into the code the list shows', () => {
    expect(parseChargeCode('PC 4151')).toEqual({ ok: true, code: 'PC 4151' });
    expect(parseChargeCode(' pc 266H(a) ')).toEqual({ ok: true, code: 'PC 266h(a)' });
    expect(parseChargeCode('Health & Safety Code 11350(A)')).toEqual({ ok: true, code: 'HS 11350(a)' });
  });

  it('refuses what is not one code', () => {
    expect(parseChargeCode('4151')).toMatchObject({ ok: false, error: expect.stringContaining('code book') });
    expect(parseChargeCode('HS 11000-11999')).toEqual({ ok: false, error: 'describe one section, not a range' });
    expect(parseChargeCode('PC 664/187')).toMatchObject({ ok: false });
    expect(parseChargeCode('PC 647(b)/M')).toMatchObject({ ok: false });
    expect(parseChargeCode('')).toMatchObject({ ok: false });
  });
});

describe('levelWord', () => {
  it('spells the level letters', () => {
    expect([levelWord('F'), levelWord('M'), levelWord('I'), levelWord(null)]).toEqual(['felony', 'misdemeanor', 'infraction', null]);
  });
});

describe('codeBookEntryFor', () => {
  it('gives the built-in entry that covers a charge, with the page of the statute', () => {
    expect(codeBookEntryFor(parsed('647(b)(1) PC'))).toEqual({
      code: 'PC 647(b)',
      description: 'prostitution',
      level: 'misdemeanor',
      sourceUrl: 'https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=PEN&sectionNum=647',
    });
    expect(codeBookEntryFor(parsed('266HA'))?.sourceUrl).toBe('https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=PEN&sectionNum=266h');
    expect(codeBookEntryFor(parsed('4151'))).toBeNull();
  });
});
