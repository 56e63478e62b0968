import { releaseCellId, type ReleaseCellKey, type ReleaseDimension, type ReleaseMeasure } from '@sra/contracts';
import { atMost, checkedAgainstData, coveredBy, type Cell, type LinearConstraint } from './linear';

/**
 * Everything a reader of the released set knows about how its cells relate (docs/reports.md, "The audit"), as linear
 * constraints. Each relation is proposed in its weakest form that is always true (a part is at most its whole; a
 * whole is at most the sum of its parts) and then checked against the true counts: one that does not hold is dropped,
 * one that holds exactly becomes an equality (months add up to their quarter; a rule's flags to the agencies'...).
 * So the audit credits the reader with every such relation that happens to be exact, even where it is exact only
 * by chance (one agency acting in a month: its figures equal the month's).
 */

export type ReleaseCellValue = ReleaseCellKey & { value: number };

/** `2021-07` -> month, `2021-Q3` -> quarter, `2021` -> year. */
export function periodKind(period: string): 'month' | 'quarter' | 'year' {
  if (/^\d{4}-\d{2}$/.test(period)) return 'month';
  if (/^\d{4}-Q[1-4]$/.test(period)) return 'quarter';
  if (/^\d{4}$/.test(period)) return 'year';
  throw new RangeError(`Not a release period: ${period}`);
}

/** The months of a quarter, the quarters of a year. */
export function periodParts(period: string): string[] {
  const kind = periodKind(period);
  if (kind === 'quarter') {
    const [year, q] = period.split('-Q');
    const first = (Number(q) - 1) * 3 + 1;
    return [0, 1, 2].map((k) => `${year}-${String(first + k).padStart(2, '0')}`);
  }
  if (kind === 'year') return [1, 2, 3, 4].map((q) => `${period}-Q${q}`);
  return [];
}

/** Pairs (a, b) of measures of the same slice with a <= b always. */
const AT_MOST: ReadonlyArray<readonly [ReleaseMeasure, ReleaseMeasure]> = [
  ['flagged', 'flags'],
  ['cases', 'flags'],
  ['confirmed', 'flagged'],
  ['confirmed', 'flags'],
  ['flagged', 'eligible'],
  ['flagged', 'base'],
  ['confirmed', 'base'],
  ['base', 'eligible'],
  ['arrestedAfter', 'eligible'],
  ['chargedAfter', 'eligible'],
];

/** The whole a breakdown's cell is part of: its dimension's parent slices. */
function parentsOf(cell: ReleaseCellKey): Array<{ dimension: ReleaseDimension; key: string }> {
  switch (cell.dimension) {
    case 'total':
      return [];
    case 'ruleAgency': {
      const slash = cell.key.indexOf('/');
      return [
        { dimension: 'rule', key: cell.key.slice(0, slash) },
        { dimension: 'agency', key: cell.key.slice(slash + 1) },
      ];
    }
    default:
      return [{ dimension: 'total', key: '' }];
  }
}

/** The candidate relations over the release's cells, checked against their true values. */
export function releaseConstraints(cells: readonly ReleaseCellValue[]): LinearConstraint[] {
  const byId = new Map(cells.map((c) => [releaseCellId(c), c]));
  const has = (k: ReleaseCellKey): string | null => {
    const id = releaseCellId(k);
    return byId.has(id) ? id : null;
  };
  const candidates: LinearConstraint[] = [];
  const family = (parent: string, children: string[], reason: string) => {
    if (children.length === 0) return;
    for (const child of children) candidates.push(atMost(child, parent, `${reason}: a part is at most its whole`));
    candidates.push(coveredBy(parent, children, `${reason}: the whole is at most the sum of its parts`));
  };

  // Periods: months make their quarter, quarters their year.
  for (const cell of cells) {
    const kind = periodKind(cell.period);
    if (kind === 'month') continue;
    const parts = periodParts(cell.period)
      .map((p) => has({ ...cell, period: p }))
      .filter((id): id is string => id !== null);
    family(releaseCellId(cell), parts, kind === 'quarter' ? 'months make up the quarter' : 'quarters make up the year');
  }

  // Breakdowns: the parts of a slice make up the whole (a base is a part of the eligible reports).
  const groups = new Map<string, { parent: string; children: string[]; reason: string }>();
  for (const cell of cells) {
    for (const parent of parentsOf(cell)) {
      const measure: ReleaseMeasure = cell.measure === 'base' && parent.dimension !== 'agency' ? 'eligible' : cell.measure;
      const parentId = has({ measure, period: cell.period, dimension: parent.dimension, key: parent.key });
      if (parentId === null) continue;
      const groupKey = `${parentId}<${cell.measure}|${cell.dimension}`;
      if (!groups.has(groupKey)) groups.set(groupKey, { parent: parentId, children: [], reason: `${cell.dimension} make up ${parent.dimension === 'total' ? 'the total' : `their ${parent.dimension}`}` });
      groups.get(groupKey)?.children.push(releaseCellId(cell));
    }
  }
  for (const g of groups.values()) family(g.parent, g.children, g.reason);

  // Measures of one slice: a flagged report has a flag, a case a flag, a confirmed report is flagged...
  for (const cell of cells) {
    for (const [a, b] of AT_MOST) {
      if (cell.measure !== a) continue;
      const other = has({ ...cell, measure: b });
      if (other !== null) candidates.push(atMost(releaseCellId(cell), other, `${a} <= ${b}`));
    }
  }

  const value = (id: string): number => (byId.get(id) as ReleaseCellValue).value;
  return checkedAgainstData(candidates, value);
}

/** The cost of hiding a release cell: parts before totals, months before quarters and years, smaller first. */
export function releaseHidingCost(cell: Cell & ReleaseCellKey): number[] {
  const level = { month: 0, quarter: 1, year: 2 }[periodKind(cell.period)];
  return [cell.dimension === 'total' ? 1 : 0, level, cell.value];
}
