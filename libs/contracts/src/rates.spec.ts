import { agencyBaseNoun, baseWords, MIN_RATE_BASE, measuredRate, RATE_WITHHELD_WORDS, rateWords } from './rates';

describe('measuredRate', () => {
  it('gives 1 - count / base from the minimum base up', () => {
    expect(MIN_RATE_BASE).toBe(20);
    expect(measuredRate(3, 20)).toEqual({ rate: 0.85, withheld: null });
    expect(measuredRate(12, 127)).toEqual({ rate: 1 - 12 / 127, withheld: null });
    expect(measuredRate(0, 40)).toEqual({ rate: 1, withheld: null });
  });

  it('withholds a rate on an empty base, a base under 20, before any review, or when a count is hidden', () => {
    expect(measuredRate(0, 0)).toEqual({ rate: null, withheld: 'no-reports' });
    expect(measuredRate(0, 19)).toEqual({ rate: null, withheld: 'too-few' });
    expect(measuredRate(0, 3)).toEqual({ rate: null, withheld: 'too-few' });
    expect(measuredRate(0, 200, false)).toEqual({ rate: null, withheld: 'no-review' });
    expect(measuredRate(null, 200)).toEqual({ rate: null, withheld: 'suppressed' });
    expect(measuredRate(12, null)).toEqual({ rate: null, withheld: 'suppressed' });
  });

  it('says why in plain words', () => {
    expect(RATE_WITHHELD_WORDS['too-few']).toBe('too few reports for a rate');
    expect(RATE_WITHHELD_WORDS['no-review']).toBe('no case reviewed yet');
  });
});

describe('rate words', () => {
  it('a rate as a percent with one decimal, or why there is none', () => {
    expect(rateWords(1 - 2 / 24, null)).toBe('91.7%');
    expect(rateWords(1, null)).toBe('100.0%');
    expect(rateWords(null, 'too-few')).toBe('too few reports for a rate');
    expect(rateWords(null, 'no-review')).toBe('no case reviewed yet');
    expect(rateWords(null, 'no-reports')).toBe('no reports to measure');
    expect(rateWords(null, 'suppressed')).toBe('not shown');
    expect(rateWords(null, null)).toBe('not shown');
  });

  it('the base: flagged of base, hidden counts as their label, thousands separated', () => {
    expect(baseWords(12, 127, 'eligible reports', '<11')).toBe('12 of 127 eligible reports');
    expect(baseWords(null, 1270, 'eligible reports', '<11')).toBe('<11 of 1,270 eligible reports');
    expect(baseWords(0, 0, 'eligible reports', '<11')).toBe('no eligible reports');
    expect(baseWords(2, 24, agencyBaseNoun('SFPD'), '<11', 'flagged')).toBe('2 flagged of 24 reports whose reporter SFPD later arrested or cited');
    expect(baseWords(1, 1, agencyBaseNoun('SFDA'), '<11', 'flagged')).toBe('1 flagged of 1 report whose reporter the DA later charged');
    expect(agencyBaseNoun('SFDA')).toBe('reports whose reporter the DA later charged');
  });
});
