import { codeBookOverlay } from '@sra/statutes';
import { DEFAULT_POLICIES } from './defaults';
import type { RuleId } from './model';
import { readCharges } from './readings';

const policy = (ruleId: RuleId) => DEFAULT_POLICIES.find((p) => p.ruleId === ruleId)!;

describe('readCharges', () => {
  it('reads a mixed list item by item: as written, as parsed, protected or not (compliance-rules.md §5)', () => {
    expect(readCharges(policy('sfpd-psw-2017'), '647(b) PC; PROSTITUTION, 459 PC/F')).toEqual([
      {
        raw: '647(b) PC',
        parsed: 'PC 647(b)',
        level: null,
        error: null,
        protected: true,
        reasons: [],
        plain: { code: 'PC 647(b)', description: 'prostitution', level: 'misdemeanor', known: true, text: 'PC 647(b): prostitution, misdemeanor', source: 'built-in' },
      },
      {
        raw: 'PROSTITUTION',
        parsed: null,
        level: null,
        error: expect.any(String),
        protected: false,
        reasons: [],
        plain: { code: null, description: null, level: null, known: false, text: 'PROSTITUTION', source: null },
      },
      {
        raw: '459 PC/F',
        parsed: 'PC 459',
        level: 'F',
        error: null,
        protected: false,
        reasons: [],
        plain: { code: 'PC 459', description: 'burglary', level: 'felony', known: true, text: 'PC 459: burglary, felony', source: 'built-in' },
      },
    ]);
  });

  it('gives the reasons of an uncertain protection: a bare 647 is ambiguous, its code book inferred', () => {
    const [reading] = readCharges(policy('sfpd-psw-2017'), '647');
    expect(reading.protected).toBe(true);
    expect(reading.reasons).toEqual(['ambiguous_subdivision', 'code_book_inferred']);
  });

  it('a drug misdemeanor is protected, the same section as a felony is not (§5)', () => {
    const readings = readCharges(policy('sfpd-psw-2017'), '11377(A) HS/M, 11351 HS/F');
    expect(readings.map((r) => [r.parsed, r.protected])).toEqual([
      ['HS 11377(a)', true],
      ['HS 11351', false],
    ]);
  });

  it('under the repeal rule, marks the charges under a repealed section', () => {
    const readings = readCharges(policy('ca-sb357-repeal'), '653.22(A) PC, 647(b) PC');
    expect(readings.map((r) => [r.parsed, r.protected])).toEqual([
      ['PC 653.22(a)', true],
      ['PC 647(b)', false],
    ]);
  });

  it('says each charge in plain words, with admin descriptions before the built-in ones', () => {
    const overlay = codeBookOverlay([{ code: 'PC 4151', description: 'fighting in public', level: null }]);
    expect(readCharges(policy('sfda-psw-2018'), '647B/M/0, 4151/M/0, 664/187A', overlay).map((r) => r.plain.text)).toEqual([
      'PC 647(b): prostitution, misdemeanor',
      'PC 4151: fighting in public, misdemeanor',
      'PC 664/187(a): attempted murder',
    ]);
    expect(readCharges(policy('sfda-psw-2018'), '4151/M/0')[0].plain).toMatchObject({ known: false, text: '4151/M/0' });
  });

  it('reads nothing from an empty or missing list', () => {
    expect(readCharges(policy('sfpd-psw-2017'), null)).toEqual([]);
    expect(readCharges(policy('sfpd-psw-2017'), '  ')).toEqual([]);
  });
});
