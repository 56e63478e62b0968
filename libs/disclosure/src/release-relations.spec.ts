import type { ReleaseCellKey, ReleaseMeasure } from '@sra/contracts';
import { holds, type LinearConstraint } from './linear';
import { periodParts, releaseConstraints, type ReleaseCellValue } from './release-relations';

const cell = (measure: ReleaseMeasure, period: string, value: number, dimension: ReleaseCellKey['dimension'] = 'total', key = ''): ReleaseCellValue => ({
  measure,
  period,
  dimension,
  key,
  value,
});

const describeConstraint = (c: LinearConstraint): string =>
  `${c.terms.map(([id, k]) => `${k > 0 ? '+' : '-'}${id}`).join(' ')} ${c.sense === 'eq' ? '= 0' : '<= 0'}`;

describe('the relations a reader of the released set knows', () => {
  it('names the parts of quarters and years', () => {
    expect(periodParts('2021-Q3')).toEqual(['2021-07', '2021-08', '2021-09']);
    expect(periodParts('2021')).toEqual(['2021-Q1', '2021-Q2', '2021-Q3', '2021-Q4']);
    expect(periodParts('2021-07')).toEqual([]);
  });

  it('turns relations that hold exactly into equalities and drops those that do not hold (worked by hand)', () => {
    // Flags add up over the months (4 + 0 + 12 = 16); cases do not (a case with flags in two months: 3 + 0 + 10 = 13
    // but the quarter has 12). SFPD's flags are all the quarter's flags (the only agency acting): an equality. Its
    // base (20) is at most the eligible reports (25); its flagged reports (9) at most its base.
    const cells = [
      ...[['2021-01', 4, 3], ['2021-02', 0, 0], ['2021-03', 12, 10]].flatMap(([p, f, c]) => [cell('flags', p as string, f as number), cell('cases', p as string, c as number)]),
      cell('flags', '2021-Q1', 16),
      cell('cases', '2021-Q1', 12),
      cell('flags', '2021-Q1', 16, 'agency', 'SFPD'),
      cell('eligible', '2021-Q1', 25),
      cell('base', '2021-Q1', 20, 'agency', 'SFPD'),
      cell('flagged', '2021-Q1', 9, 'agency', 'SFPD'),
    ];
    const shown = releaseConstraints(cells).map(describeConstraint);
    expect(shown).toContain('+flags|2021-Q1|total| -flags|2021-01|total| -flags|2021-02|total| -flags|2021-03|total| = 0');
    expect(shown).toContain('+cases|2021-Q1|total| -cases|2021-01|total| -cases|2021-02|total| -cases|2021-03|total| <= 0');
    expect(shown).toContain('+cases|2021-03|total| -cases|2021-Q1|total| <= 0');
    expect(shown).toContain('+flags|2021-Q1|agency|SFPD -flags|2021-Q1|total| = 0');
    expect(shown).toContain('+base|2021-Q1|agency|SFPD -eligible|2021-Q1|total| <= 0');
    expect(shown).toContain('+flagged|2021-Q1|agency|SFPD -base|2021-Q1|agency|SFPD <= 0');
    // The whole is at most the sum of its parts: eligible (25) <= SFPD's base (20) does not hold: dropped.
    expect(shown).not.toContain('+eligible|2021-Q1|total| -base|2021-Q1|agency|SFPD <= 0');
    // Every relation kept holds for the true counts.
    const value = new Map(cells.map((c) => [`${c.measure}|${c.period}|${c.dimension}|${c.key}`, c.value]));
    for (const c of releaseConstraints(cells)) expect(holds(c, (id) => value.get(id) as number)).toBe(true);
  });
});
