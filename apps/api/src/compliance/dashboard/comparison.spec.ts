import type { ComplianceFigures } from '@sra/contracts';
import { comparedPeriod, comparedRanges, comparedReleasePeriods, countChange, rateChange } from './comparison';
import { monthPeriod, quarterPeriod, yearPeriod } from '../release/release-periods';

const figures = (eligible: number | null, flagged: number | null, rate: number | null, withheld: ComplianceFigures['rateWithheld'] = null): ComplianceFigures => ({
  eligibleReports: eligible,
  flaggedReports: flagged,
  confirmedReports: 0,
  baseReports: eligible,
  complianceRate: rate,
  rateWithheld: withheld,
  confirmedComplianceRate: null,
  confirmedRateWithheld: 'no-review',
  flags: flagged,
  cases: flagged,
});

describe('the comparison strip', () => {
  it('compares a run of months with as many months before and the same months a year earlier', () => {
    expect(comparedRanges({ from: '2022-05', to: '2022-05' })).toEqual({ previous: { from: '2022-04', to: '2022-04' }, yearEarlier: { from: '2021-05', to: '2021-05' } });
    expect(comparedRanges({ from: '2022-01', to: '2022-03' })).toEqual({ previous: { from: '2021-10', to: '2021-12' }, yearEarlier: { from: '2021-01', to: '2021-03' } });
    expect(comparedRanges({ from: '2021-07', to: '2022-06' })).toEqual({ previous: { from: '2020-07', to: '2021-06' }, yearEarlier: { from: '2020-07', to: '2021-06' } });
  });

  it('compares a released month, quarter or year with the one of the same kind before and a year before', () => {
    expect(comparedReleasePeriods(monthPeriod('2022-01'))).toEqual({ previous: monthPeriod('2021-12'), yearEarlier: monthPeriod('2021-01') });
    expect(comparedReleasePeriods(quarterPeriod('2022-Q1'))).toEqual({ previous: quarterPeriod('2021-Q4'), yearEarlier: quarterPeriod('2021-Q1') });
    expect(comparedReleasePeriods(quarterPeriod('2022-Q3'))).toEqual({ previous: quarterPeriod('2022-Q2'), yearEarlier: quarterPeriod('2021-Q3') });
    expect(comparedReleasePeriods(yearPeriod('2022'))).toEqual({ previous: yearPeriod('2021'), yearEarlier: yearPeriod('2021') });
  });

  it('gives a count change with its share of the earlier count, and none where either count is hidden', () => {
    expect(countChange(45, 36)).toEqual({ change: 9, relative: 0.25, withheld: null });
    expect(countChange(12, 0)).toEqual({ change: 12, relative: null, withheld: null });
    expect(countChange(null, 36)).toEqual({ change: null, relative: null, withheld: 'suppressed' });
    expect(countChange(40, null)).toEqual({ change: null, relative: null, withheld: 'suppressed' });
  });

  it('gives a rate change in points, and says why there is none', () => {
    // 1 - 3/40 = 0.925 against 1 - 6/48 = 0.875: up 5 points.
    expect(rateChange(figures(40, 3, 1 - 3 / 40), figures(48, 6, 1 - 6 / 48))).toEqual({ change: expect.closeTo(0.05, 12), relative: null, withheld: null });
    expect(rateChange(figures(5, 2, null, 'too-few'), figures(48, 6, 0.875))).toEqual({ change: null, relative: null, withheld: 'no-rate' });
    expect(rateChange(figures(40, null, null, 'suppressed'), figures(48, 6, 0.875))).toEqual({ change: null, relative: null, withheld: 'suppressed' });
  });

  it('marks every change of a period without data as such', () => {
    const p = comparedPeriod('yearEarlier', { from: '2020-01', to: '2020-01' }, figures(40, 3, 0.925), null);
    expect(p).toMatchObject({ label: 'January 2020', hasData: false, figures: null, complianceRate: { withheld: 'no-data' } });
    expect(Object.values(p.counts).every((c) => c.withheld === 'no-data')).toBe(true);
  });
});
