import fc from 'fast-check';
import { DEFAULT_SUPPRESSION_THRESHOLD } from '@sra/contracts';
import type { CountTableInput, SuppressedCountTable } from './index';
import * as entryPoint from './index';
import { DEFAULT_THRESHOLD, isSmallCount, suppressCountTable, suppressCounts, suppressedLabel } from './index';
import { workedOutNumbers } from './suppress';

/*
 * The auditor: an exhaustive search, independent of how the library chooses what to hide, that asks for every hidden
 * number "is there another set of whole numbers >= 0 for the hidden places, agreeing with every shown number and
 * every sum of the table, in which this one is different?". If not, a reader can work the number out.
 *
 * Every hidden number is searched within 0..(largest number of the table + 1). That loses nothing: if any other
 * solution exists, one exists that differs from the true table by +1/-1 along a closed path of hidden numbers, so
 * it stays within those bounds.
 */

/** The entries at `plus` minus the entries at `minus` add up to 0. */
interface Equation {
  plus: number[];
  minus: number[];
}

/** Is there a whole-number solution of the equations within the bounds lo..hi of each variable? */
function solvable(equations: Equation[], lo: number[], hi: number[]): boolean {
  lo = [...lo];
  hi = [...hi];
  const sum = (xs: number[], b: number[], skip: number) => xs.reduce((s, x) => (x === skip ? s : s + b[x]), 0);
  // Tighten the bounds until nothing moves (each variable equals what the rest of its equation leaves).
  for (let changed = true; changed; ) {
    changed = false;
    for (const { plus, minus } of equations) {
      const tighten = (x: number, min: number, max: number) => {
        if (min > lo[x]) [lo[x], changed] = [min, true];
        if (max < hi[x]) [hi[x], changed] = [max, true];
      };
      for (const x of plus) tighten(x, sum(minus, lo, -1) - sum(plus, hi, x), sum(minus, hi, -1) - sum(plus, lo, x));
      for (const x of minus) tighten(x, sum(plus, lo, -1) - sum(minus, hi, x), sum(plus, hi, -1) - sum(minus, lo, x));
      if (lo.some((l, x) => l > hi[x])) return false;
    }
  }
  // If every variable is fixed, the tightening above has checked every equation: a solution. If not, split the
  // widest range in two and search both halves.
  let widest = -1;
  lo.forEach((l, x) => {
    if (hi[x] > l && (widest === -1 || hi[x] - l > hi[widest] - lo[widest])) widest = x;
  });
  if (widest === -1) return true;
  const mid = Math.floor((lo[widest] + hi[widest]) / 2);
  return (
    solvable(equations, lo, hi.map((h, x) => (x === widest ? mid : h))) ||
    solvable(equations, lo.map((l, x) => (x === widest ? mid + 1 : l)), hi)
  );
}

/** Indexes of the hidden numbers that the shown numbers and the equations pin to their true value. */
function determined(truth: number[], hidden: boolean[], equations: Equation[]): number[] {
  const bound = Math.max(0, ...truth) + 1;
  const lo = truth.map((v, x) => (hidden[x] ? 0 : v));
  const hi = truth.map((v, x) => (hidden[x] ? bound : v));
  return truth.flatMap((v, x) => {
    if (!hidden[x]) return [];
    const below = v > 0 && solvable(equations, lo, hi.map((h, y) => (y === x ? v - 1 : h)));
    const above = below || solvable(equations, lo.map((l, y) => (y === x ? v + 1 : l)), hi);
    return below || above ? [] : [x];
  });
}

/** A table with its margins as one list, row by row (cells, then the row total; last the column totals, then the
 * grand total), and its sums as equations: in every row and column the entries add up to the last one. */
function withMargins(cells: number[][], C: number): { truth: number[]; equations: Equation[]; names: string[] } {
  const R = cells.length;
  const truth: number[] = [];
  const names: string[] = [];
  cells.forEach((row, i) => {
    truth.push(...row, row.reduce((a, b) => a + b, 0));
    names.push(...row.map((_, j) => `cell (${i + 1}, ${j + 1})`), `row total ${i + 1}`);
  });
  for (let j = 0; j <= C; j++) truth.push(range(R).reduce((s, i) => s + truth[i * (C + 1) + j], 0));
  names.push(...range(C).map((j) => `column total ${j + 1}`), 'grand total');
  const at = (i: number, j: number) => i * (C + 1) + j;
  const equations: Equation[] = [];
  for (let i = 0; i <= R; i++) equations.push({ plus: range(C).map((j) => at(i, j)), minus: [at(i, C)] });
  for (let j = 0; j <= C; j++) equations.push({ plus: range(R).map((i) => at(i, j)), minus: [at(R, j)] });
  return { truth, equations, names };
}

/**
 * Everything wrong with a suppressed table, in words (empty: the table is safe): a shown number that differs from
 * the data, a small number shown, or a hidden number that can be worked out from what is shown.
 */
function auditTable(input: CountTableInput, result: SuppressedCountTable, threshold = DEFAULT_THRESHOLD): string[] {
  const { truth, equations, names } = withMargins(input.cells, input.columnLabels.length);
  const shown = [...result.cells.flatMap((row, i) => [...row, result.rowTotals[i]]), ...result.columnTotals, result.total];
  const problems: string[] = [];
  shown.forEach((s, x) => {
    if (s !== null && s !== truth[x]) problems.push(`${names[x]} shows ${s}, not ${truth[x]}`);
    if (s !== null && s > 0 && s < threshold) problems.push(`${names[x]} shows a small count`);
  });
  const hidden = shown.map((s) => s === null);
  for (const x of determined(truth, hidden, equations)) problems.push(`${names[x]} can be worked out: ${truth[x]}`);
  return problems;
}

/** The same for a list shown with its total: one equation, values minus total = 0. */
function auditCounts(values: number[], result: ReturnType<typeof suppressCounts>, threshold = DEFAULT_THRESHOLD): string[] {
  const truth = [...values, values.reduce((a, b) => a + b, 0)];
  const shown = [...result.values, result.total];
  const problems: string[] = [];
  shown.forEach((s, x) => {
    if (s !== null && s !== truth[x]) problems.push(`value ${x + 1} shows ${s}, not ${truth[x]}`);
    if (s !== null && s > 0 && s < threshold) problems.push(`value ${x + 1} shows a small count`);
  });
  const equation = { plus: range(values.length), minus: [values.length] };
  for (const x of determined(truth, shown.map((s) => s === null), [equation])) problems.push(`value ${x + 1} can be worked out`);
  return problems;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, k) => k);
}

function table(cells: number[][]): CountTableInput {
  return { rowLabels: cells.map((_, i) => `r${i + 1}`), columnLabels: (cells[0] ?? []).map((_, j) => `c${j + 1}`), cells };
}

/** A result written out by hand: `_` is a hidden number. */
const _ = null;

describe('@sra/suppression', () => {
  it('exports the agreed functions and nothing else', () => {
    expect(Object.keys(entryPoint).sort()).toEqual(
      ['DEFAULT_THRESHOLD', 'isSmallCount', 'suppressCountTable', 'suppressCounts', 'suppressedLabel'].sort(),
    );
  });
});

describe('labels and small counts', () => {
  it('uses the threshold of the compliance rules', () => {
    expect(DEFAULT_THRESHOLD).toBe(11);
    expect(DEFAULT_THRESHOLD).toBe(DEFAULT_SUPPRESSION_THRESHOLD);
    expect(suppressedLabel()).toBe('<11');
    expect(suppressedLabel(5)).toBe('<5');
  });

  it('hides 1 to threshold-1, never 0 (no event discloses no person)', () => {
    expect([0, 1, 10, 11, 250].map((n) => isSmallCount(n))).toEqual([false, true, true, false, false]);
    expect([4, 5].map((n) => isSmallCount(n, 5))).toEqual([true, false]);
  });

  it('refuses a threshold that is not a whole number of 1 or more, and bad counts', () => {
    expect(() => suppressedLabel(0)).toThrow('threshold must be a whole number of 1 or more');
    expect(() => isSmallCount(3, 2.5)).toThrow('threshold');
    expect(() => suppressCounts([3, -1])).toThrow('Row 1, column 2: a count must be a whole number of 0 or more.');
    expect(() => suppressCounts([1.5])).toThrow('whole number');
    expect(() => suppressCountTable({ rowLabels: ['a'], columnLabels: ['x'], cells: [] })).toThrow('0 rows of counts but 1 row labels');
    expect(() => suppressCountTable({ rowLabels: ['a'], columnLabels: ['x'], cells: [[1, 2]] })).toThrow('Row 1 has 2 counts');
  });
});

describe('the auditor finds what naive suppression leaks', () => {
  it('row [3, 20, 25] with total 48: hiding only the 3 leaves 3 = 48 - 20 - 25', () => {
    const naive = { values: [_, 20, 25], total: 48, primary: 1, complementary: 0 };
    expect(auditCounts([3, 20, 25], naive)).toEqual(['value 1 can be worked out']);
  });

  it('a small number left showing, or a shown number that is wrong, is reported', () => {
    const wrong = { values: [3, 21, 25], total: 48, primary: 0, complementary: 0 };
    expect(auditCounts([3, 20, 25], wrong)).toEqual(['value 1 shows a small count', 'value 2 shows 21, not 20']);
  });

  it('complementary cells chosen row by row only leave column A with one hidden cell: 3 = 45 - 30 - 12', () => {
    const input = table([
      [3, 20, 25],
      [30, 40, 50],
      [12, 15, 60],
    ]);
    const rowWiseOnly: SuppressedCountTable = {
      ...input,
      cells: [
        [_, _, 25],
        [30, 40, 50],
        [12, 15, 60],
      ],
      rowTotals: [48, 120, 87],
      columnTotals: [45, 75, 135],
      total: 255,
      primary: 1,
      complementary: 1,
    };
    expect(auditTable(input, rowWiseOnly)).toEqual(['cell (1, 1) can be worked out: 3', 'cell (1, 2) can be worked out: 20']);
  });
});

describe('suppressCounts (a list shown with its total)', () => {
  it.each([
    // Nothing small: nothing hidden (zero is shown).
    { values: [12, 0, 30], expected: [[12, 0, 30], 42, 0, 0] },
    // 3 is small; alone it is 48 - 20 - 25, so the smallest other non-zero value (20) is hidden too.
    { values: [3, 20, 25], expected: [[_, _, 25], 48, 1, 1] },
    // The smallest partner is 12 (not 15 or 40).
    { values: [10, 12, 15, 40], expected: [[_, _, 15, 40], 77, 1, 1] },
    // Two 20s: the first is taken.
    { values: [5, 20, 20], expected: [[_, _, 20], 45, 1, 1] },
    // The only non-zero partner is 25; the zero stays shown.
    { values: [3, 0, 25], expected: [[_, 0, _], 28, 1, 1] },
    // Two small values already protect each other: 2 + 3 = 5 has several answers (0+5, 1+4, ...).
    { values: [2, 3, 40], expected: [[_, _, 40], 45, 2, 0] },
    // The total 8 is small too: three hidden numbers, nothing to add.
    { values: [3, 5, 0], expected: [[_, _, 0], _, 3, 0] },
    // The 4 and its total (also 4) hide each other: the reader knows they are equal, not what they are.
    { values: [4, 0, 0], expected: [[_, 0, 0], _, 2, 0] },
    { values: [], expected: [[], 0, 0, 0] },
  ])('$values', ({ values, expected }) => {
    const [shown, total, primary, complementary] = expected;
    const result = suppressCounts(values);
    expect(result).toEqual({ values: shown, total, primary, complementary });
    expect(auditCounts(values, result)).toEqual([]);
  });

  it('follows the threshold it is given', () => {
    // Below 5: only the 3 is small, as with 11.
    expect(suppressCounts([3, 20, 25], 5)).toEqual({ values: [_, _, 25], total: 48, primary: 1, complementary: 1 });
    // Below 21: 3 and 20 are both small and protect each other.
    expect(suppressCounts([3, 20, 25], 21)).toEqual({ values: [_, _, 25], total: 48, primary: 2, complementary: 0 });
    // Below 1: nothing is small.
    expect(suppressCounts([3, 20, 25], 1)).toEqual({ values: [3, 20, 25], total: 48, primary: 0, complementary: 0 });
  });
});

describe('suppressCountTable (a table shown with row totals, column totals and grand total)', () => {
  function check(cells: number[][], expected: Omit<SuppressedCountTable, 'rowLabels' | 'columnLabels'>) {
    const input = table(cells);
    const result = suppressCountTable(input);
    expect(result).toEqual({ rowLabels: input.rowLabels, columnLabels: input.columnLabels, ...expected });
    expect(auditTable(input, result)).toEqual([]);
  }

  it('hides nothing when nothing is small', () => {
    check(
      [
        [12, 0],
        [30, 45],
      ],
      { cells: [[12, 0], [30, 45]], rowTotals: [12, 75], columnTotals: [42, 45], total: 87, primary: 0, complementary: 0 },
    );
  });

  it('adds nothing when the small cells already protect each other (a rectangle of small cells)', () => {
    //  3  4 30 | 37      every line holds 0 or at least 2 hidden numbers, and the hidden 3, 4, 5, 6 (and 8, 10
    //  5  6 40 | 51      in the totals row) form closed paths: each can move up or down with its neighbours.
    //  8 10 70 | 88
    check(
      [
        [3, 4, 30],
        [5, 6, 40],
      ],
      {
        cells: [
          [_, _, 30],
          [_, _, 40],
        ],
        rowTotals: [37, 51],
        columnTotals: [_, _, 70],
        total: 88,
        primary: 6,
        complementary: 0,
      },
    );
  });

  it('protects the columns as well as the rows', () => {
    //   3 20 25 |  48    Row 1: 3 is small; partner 20 (the smallest; neither column needed help yet).
    //  30 40 50 | 120    Column A now hides only the 3: partner 12 (smaller than 30; no row needed help).
    //  12 15 60 |  87    Column B hides only the 20: partner 15, which also gives row 3 its second hidden cell.
    //  45 75 135| 255    Result: the rectangle 3, 20 / 12, 15. Four is the fewest: 3 needs a partner in its row
    //                    and in its column, and those two need a fourth to close the rectangle.
    check(
      [
        [3, 20, 25],
        [30, 40, 50],
        [12, 15, 60],
      ],
      {
        cells: [
          [_, _, 25],
          [30, 40, 50],
          [_, _, 60],
        ],
        rowTotals: [48, 120, 87],
        columnTotals: [45, 75, 135],
        total: 255,
        primary: 1,
        complementary: 3,
      },
    );
  });

  it('prefers a partner that protects two lines at once', () => {
    //   3 20 25 |  48    Row 1: 3 is small; partner 20 (the smallest; column B also needs one: the 5).
    //  40  5 30 |  75    Row 2: 5 is small; of 40 and 30, the 40: column A hides only the 3 and needs it too.
    //  43 25 55 | 123    The rectangle 3, 20 / 40, 5 closes with two extra cells. Taking the smaller 30 instead
    //                    would leave column A and then column C to protect: four extra cells.
    check(
      [
        [3, 20, 25],
        [40, 5, 30],
      ],
      {
        cells: [
          [_, _, 25],
          [_, _, 30],
        ],
        rowTotals: [48, 75],
        columnTotals: [43, 25, 55],
        total: 123,
        primary: 2,
        complementary: 2,
      },
    );
  });

  it('prefers a non-zero partner to a zero', () => {
    //   3  0 25 |  28    Row 1: 3 is small; partner 25, not the 0 (a hidden 0 protects less: with it the reader
    //  30 40 50 | 120    still knows the 3 is at most 3). Column A then hides only the 3: partner 30. Column C
    //  33 40 75 | 148    hides only the 25: partner 50, which also gives row 2 its second hidden cell.
    check(
      [
        [3, 0, 25],
        [30, 40, 50],
      ],
      {
        cells: [
          [_, 0, _],
          [_, 40, _],
        ],
        rowTotals: [28, 120],
        columnTotals: [33, 40, 75],
        total: 148,
        primary: 1,
        complementary: 3,
      },
    );
  });

  it('protects a small row total through the totals column', () => {
    //   4  0  3 |  7     4, 3 and the row total 7 are small.
    //  20 30 40 |  90    Column A hides only the 4: partner 20. Column C hides only the 3: partner 40 (row 2
    //  24 30 43 |  97    already needs a second hidden cell). The totals column hides only the 7 (7 = 97 - 90):
    //                    its one other cell, the row total 90, is hidden (row 2 then holds three hidden numbers).
    check(
      [
        [4, 0, 3],
        [20, 30, 40],
      ],
      {
        cells: [
          [_, 0, _],
          [_, 30, _],
        ],
        rowTotals: [_, _],
        columnTotals: [24, 30, 43],
        total: 97,
        primary: 3,
        complementary: 3,
      },
    );
  });

  it('hides everything but the zeros when the grand total is small', () => {
    //  2 3 | 5     Every number but the 0 is between 1 and 10, so hidden. Each hidden number sits on a closed
    //  1 0 | 1     path through the totals, so none can be worked out (the reader only learns the 0).
    //  3 3 | 6
    check(
      [
        [2, 3],
        [1, 0],
      ],
      { cells: [[_, _], [_, 0]], rowTotals: [_, _], columnTotals: [_, _], total: _, primary: 8, complementary: 0 },
    );
  });

  it('hides a zero when only zeros are left in the line', () => {
    //   5 20 | 25    Row 1: 5 is small; partner 20.
    //  30  0 | 30    Column A hides only the 5: partner 30. Column B hides only the 20 and its only other cell
    //  35 20 | 55    is the 0: it is hidden (a hidden zero is still a hidden value), and row 2 then holds two.
    check(
      [
        [5, 20],
        [30, 0],
      ],
      { cells: [[_, _], [_, _]], rowTotals: [25, 30], columnTotals: [35, 20], total: 55, primary: 1, complementary: 3 },
    );
  });

  it('does not hide zeros in a line of zeros', () => {
    //  11  1 | 12    Row 1: 1 is small; its only partner is 11.
    //   0  0 |  0    Column A hides only the 11 and has only zeros left: the one in row 3, not row 2. Row 2 is all
    //   0 11 | 11    zeros: hidden zeros there would add up to its shown 0 and give each other away.
    //  11 12 | 23    Column B hides only the 1: partner 11, which also gives row 3 its second hidden cell.
    check(
      [
        [11, 1],
        [0, 0],
        [0, 11],
      ],
      {
        cells: [
          [_, _],
          [0, 0],
          [_, _],
        ],
        rowTotals: [12, 0, 11],
        columnTotals: [11, 12],
        total: 23,
        primary: 1,
        complementary: 3,
      },
    );
  });

  it('hides a single-column table by rows and totals', () => {
    //   3 |  3    3 (and its row total 3) are small. Column A hides only the 3: partner 30, the smaller.
    //  30 | 30    The totals column hides only its 3: partner 30, the total of the row that now needs it.
    //  40 | 40
    //  73 | 73
    check([[3], [30], [40]], {
      cells: [[_], [_], [40]],
      rowTotals: [_, _, 40],
      columnTotals: [73],
      total: 73,
      primary: 2,
      complementary: 2,
    });
  });

  it('does not stop at "two hidden numbers per line": a reader can combine lines', () => {
    //    1   2   3  75 |  81   Nine small cells; every line holds 0, 2 or 3 of them, so line by line it looks
    //    4   5  60  70 | 139   safe. But lines combine: column A gives 1+4 = 184-80-99 = 5, column B 2+5 = 7,
    //   80  90   6   7 | 183   row 2 gives 4+5 = 139-60-70 = 9, so 1+2 = 5+7-9 = 3; row 1 gives 1+2+3 = 81-75
    //   99  98   8   9 | 214   = 6, so the 3 is 6-3. The 3 is the only link between the two groups of hidden
    //  184 195  77 161 | 617   cells. The cheapest fix links them once more: of the cells between the groups
    //                          (75, 60, 70, 80, 90, 99, 98) hide the smallest, 60. One extra cell, the fewest.
    const cells = [
      [1, 2, 3, 75],
      [4, 5, 60, 70],
      [80, 90, 6, 7],
      [99, 98, 8, 9],
    ];
    const margins = { rowTotals: [81, 139, 183, 214], columnTotals: [184, 195, 77, 161], total: 617 };
    const primaryOnly: SuppressedCountTable = {
      ...table(cells),
      cells: [
        [_, _, _, 75],
        [_, _, 60, 70],
        [80, 90, _, _],
        [99, 98, _, _],
      ],
      ...margins,
      primary: 9,
      complementary: 0,
    };
    expect(auditTable(table(cells), primaryOnly)).toEqual(['cell (1, 3) can be worked out: 3']);
    check(cells, {
      cells: [
        [_, _, _, 75],
        [_, _, _, 70],
        [80, 90, _, _],
        [99, 98, _, _],
      ],
      ...margins,
      primary: 9,
      complementary: 1,
    });
  });

  it('handles empty tables', () => {
    expect(suppressCountTable({ rowLabels: [], columnLabels: ['x', 'y'], cells: [] })).toEqual({
      rowLabels: [],
      columnLabels: ['x', 'y'],
      cells: [],
      rowTotals: [],
      columnTotals: [0, 0],
      total: 0,
      primary: 0,
      complementary: 0,
    });
  });
});

describe('the exact check (which hidden numbers can be worked out)', () => {
  it('knows that no count is below zero', () => {
    //   3  0 |  3    The four cells hidden, the totals shown. Every line holds two hidden numbers, but column B
    //  20  0 | 20    adds up to 0, so both its cells are 0, and then row 1 gives 3 and row 2 gives 20.
    //  23  0 | 23
    const hidden = [
      [true, true, false],
      [true, true, false],
      [false, false, false],
    ];
    const cells = [
      [3, 0],
      [20, 0],
    ];
    expect(workedOutNumbers(cells, 2, hidden)).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    const { truth, equations } = withMargins(cells, 2);
    expect(determined(truth, hidden.flat(), equations)).toEqual([0, 1, 3, 4]);
  });

  it('agrees with the auditor on random tables and random hidden numbers', () => {
    const arb = fc
      .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }))
      .chain(([r, c]) =>
        fc.tuple(
          fc.array(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 15 })), { minLength: c, maxLength: c }), {
            minLength: r,
            maxLength: r,
          }),
          fc.array(fc.array(fc.boolean(), { minLength: c + 1, maxLength: c + 1 }), { minLength: r + 1, maxLength: r + 1 }),
        ),
      );
    fc.assert(
      fc.property(arb, ([cells, hidden]) => {
        const C = cells[0].length;
        const { truth, equations } = withMargins(cells, C);
        const byLibrary = workedOutNumbers(cells, C, hidden).map(([i, j]) => i * (C + 1) + j);
        expect(byLibrary).toEqual(determined(truth, hidden.flat(), equations));
      }),
      { numRuns: 300 },
    );
  });
});

describe('on random small tables', () => {
  // Many small numbers, some zeros, some large ones: the mix that makes suppression work hard.
  const count = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 11, max: 40 }));
  const cellsArb = fc
    .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }))
    .chain(([r, c]) => fc.array(fc.array(count, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }));
  const thresholdArb = fc.constantFrom(11, 5, 2);

  it('every table is safe, shows only its true numbers, and comes out the same every time', () => {
    fc.assert(
      fc.property(cellsArb, thresholdArb, (cells, threshold) => {
        const input = table(cells);
        const result = suppressCountTable(input, threshold);
        expect(auditTable(input, result, threshold)).toEqual([]);
        expect(suppressCountTable(input, threshold)).toEqual(result);
        // Every small number is hidden and counted as primary; the rest of the hidden ones are complementary.
        const shown = [...result.cells.flat(), ...result.rowTotals, ...result.columnTotals, result.total];
        const hidden = shown.filter((n) => n === null).length;
        const rowTotals = cells.map((row) => row.reduce((a, b) => a + b, 0));
        const columnTotals = cells[0].map((_, j) => cells.reduce((s, row) => s + row[j], 0));
        const all = [...cells.flat(), ...rowTotals, ...columnTotals, rowTotals.reduce((a, b) => a + b, 0)];
        const small = all.filter((n) => n > 0 && n < threshold).length;
        expect(result.primary).toBe(small);
        expect(result.primary + result.complementary).toBe(hidden);
        // Nothing small, nothing hidden.
        if (small === 0) expect(hidden).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('every list is safe', () => {
    fc.assert(
      fc.property(fc.array(count, { maxLength: 6 }), thresholdArb, (values, threshold) => {
        const result = suppressCounts(values, threshold);
        expect(auditCounts(values, result, threshold)).toEqual([]);
        const small = [...values, values.reduce((a, b) => a + b, 0)].filter((n) => isSmallCount(n, threshold)).length;
        expect(result.primary).toBe(small);
        // A list never needs more than one extra hidden value.
        expect(result.complementary).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });
});
