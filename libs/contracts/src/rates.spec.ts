import { MIN_RATE_BASE, measuredRate, RATE_WITHHELD_WORDS } from './rates';

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
