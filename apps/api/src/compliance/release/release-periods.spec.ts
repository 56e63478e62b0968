import { monthsOf, quarterOf, quarterPeriod, rangeLabel, releasePeriods, snapToGrid, yearOf } from './release-periods';

describe('release periods', () => {
  it('names months, quarters and years', () => {
    expect(quarterOf('2021-07')).toBe('2021-Q3');
    expect(quarterOf('2021-12')).toBe('2021-Q4');
    expect(quarterOf('2021-01')).toBe('2021-Q1');
    expect(yearOf('2021-Q3')).toBe('2021');
    expect(quarterPeriod('2021-Q3')).toEqual({ kind: 'quarter', id: '2021-Q3', label: 'July to September 2021', from: '2021-07', to: '2021-09' });
    expect(monthsOf(quarterPeriod('2021-Q4'))).toEqual(['2021-10', '2021-11', '2021-12']);
    expect(monthsOf({ from: '2021-11', to: '2022-02' })).toEqual(['2021-11', '2021-12', '2022-01', '2022-02']);
    expect(rangeLabel('2021-11', '2022-02')).toBe('November 2021 to February 2022');
    expect(() => quarterOf('2021-13')).toThrow('not a month');
  });

  it('covers whole calendar years: years, then quarters, then months, each in order', () => {
    // July 2021 to February 2022: the years 2021 and 2022, 8 quarters, 24 months.
    const periods = releasePeriods('2021-07', '2022-02');
    expect(periods.filter((p) => p.kind === 'year').map((p) => p.id)).toEqual(['2021', '2022']);
    expect(periods.filter((p) => p.kind === 'quarter').map((p) => p.id)).toEqual(['2021-Q1', '2021-Q2', '2021-Q3', '2021-Q4', '2022-Q1', '2022-Q2', '2022-Q3', '2022-Q4']);
    expect(periods.filter((p) => p.kind === 'month')).toHaveLength(24);
    expect(periods.map((p) => p.kind).join(',')).toBe(['year', 'year', ...Array(8).fill('quarter'), ...Array(24).fill('month')].join(','));
    expect(periods[0]).toEqual({ kind: 'year', id: '2021', label: '2021', from: '2021-01', to: '2021-12' });
    expect(periods[10]).toEqual({ kind: 'month', id: '2021-01', label: 'January 2021', from: '2021-01', to: '2021-01' });
    expect(periods[periods.length - 1]).toEqual({ kind: 'month', id: '2022-12', label: 'December 2022', from: '2022-12', to: '2022-12' });
    expect(releasePeriods('2021-05', '2021-05')).toHaveLength(1 + 4 + 12);
  });
});

describe('snapToGrid', () => {
  const periods = releasePeriods('2020-03', '2021-10'); // 2020 and 2021

  it('keeps a month, a quarter or a year asked for exactly', () => {
    expect(snapToGrid('2021-07', '2021-07', periods)).toEqual({ period: expect.objectContaining({ id: '2021-07' }), snapped: null });
    expect(snapToGrid('2020-04', '2020-06', periods)).toEqual({ period: expect.objectContaining({ id: '2020-Q2' }), snapped: null });
    expect(snapToGrid('2021-01', '2021-12', periods)).toEqual({ period: expect.objectContaining({ id: '2021' }), snapped: null });
  });

  it('shows the latest year when nothing is asked, and says nothing', () => {
    expect(snapToGrid(undefined, undefined, periods)).toEqual({ period: expect.objectContaining({ id: '2021' }), snapped: null });
  });

  it('shows the year holding `to` for any other run of months, and says so', () => {
    expect(snapToGrid('2020-03', '2020-08', periods)).toEqual({
      period: expect.objectContaining({ id: '2020' }),
      snapped: 'Figures are released for whole months, quarters and years only: showing 2020 instead of March to August 2020.',
    });
    // Twelve months across two years: the year of the last one.
    expect(snapToGrid('2020-11', '2021-10', periods)).toEqual({
      period: expect.objectContaining({ id: '2021' }),
      snapped: 'Figures are released for whole months, quarters and years only: showing 2021 instead of November 2020 to October 2021.',
    });
    // Only `to`: the dashboard would show the 12 months up to it.
    expect(snapToGrid(undefined, '2020-05', periods)).toEqual({
      period: expect.objectContaining({ id: '2020' }),
      snapped: 'Figures are released for whole months, quarters and years only: showing 2020 instead of the 12 months to May 2020.',
    });
    // Only `from`: its year.
    expect(snapToGrid('2021-02', undefined, periods).period?.id).toBe('2021');
    expect(snapToGrid('2021-01', undefined, periods).period?.id).toBe('2021');
  });

  it('moves to the nearest year with figures when the year asked has none', () => {
    expect(snapToGrid('2023-01', '2023-12', periods)).toEqual({
      period: expect.objectContaining({ id: '2021' }),
      snapped: 'There are no figures for January to December 2023: showing 2021, the latest year with figures.',
    });
    expect(snapToGrid('2018-05', '2018-05', periods)).toEqual({
      period: expect.objectContaining({ id: '2020' }),
      snapped: 'There are no figures for May 2018: showing 2020, the earliest year with figures.',
    });
  });

  it('has nothing to show before anything is released', () => {
    expect(snapToGrid(undefined, undefined, [])).toEqual({ period: null, snapped: null });
    expect(snapToGrid('2021-01', '2021-03', [])).toEqual({ period: null, snapped: 'No figures have been released yet.' });
  });
});
