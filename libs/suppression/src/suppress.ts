/**
 * Small-count suppression with complementary suppression (compliance-rules.md §8).
 *
 * A table is handled together with its margins: an (R+1) x (C+1) grid whose last column holds the row totals, whose
 * last row holds the column totals and whose corner holds the grand total. Every row and every column of that grid
 * (the totals row and the totals column included) is a "line": its first entries add up to its last one.
 *
 * 1. Primary: every number n with 0 < n < threshold is hidden, totals included. Zero is shown: "nothing happened"
 *    is about no person.
 * 2. Complementary, line by line: a line with exactly one hidden entry gives it away by subtraction, so another
 *    entry of that line is hidden (see `pickPartner`). Repeated until no line changes.
 * 3. Safety net: step 2 looks at one line at a time, but a reader can combine lines (and knows no count is
 *    negative). `findDetermined` looks for a hidden number that the shown numbers still fix, exactly; if there is
 *    one, the cheapest set of shown numbers that lets it vary is hidden too, and we go back to step 2.
 *
 * Everything runs in a fixed order, so the same input always gives the same output.
 */

/** Counts below this are hidden (compliance-rules.md §8). Same value as `DEFAULT_SUPPRESSION_THRESHOLD` in contracts. */
export const DEFAULT_THRESHOLD = 11;

export interface CountTableInput {
  rowLabels: string[];
  columnLabels: string[];
  /** rows x columns, whole numbers >= 0 */
  cells: number[][];
}

export interface SuppressedCountTable {
  rowLabels: string[];
  columnLabels: string[];
  /** null = suppressed */
  cells: Array<Array<number | null>>;
  rowTotals: Array<number | null>;
  columnTotals: Array<number | null>;
  total: number | null;
  /**
   * How many numbers were hidden because small (primary) and to protect them (complementary). Totals count too:
   * they are numbers of the table as shown.
   */
  primary: number;
  complementary: number;
}

/** What a suppressed count shows: `<11`. */
export function suppressedLabel(threshold: number = DEFAULT_THRESHOLD): string {
  checkThreshold(threshold);
  return `<${threshold}`;
}

/** True when the count must be hidden on its own: 0 < n < threshold. */
export function isSmallCount(n: number, threshold: number = DEFAULT_THRESHOLD): boolean {
  checkThreshold(threshold);
  return n > 0 && n < threshold;
}

/** A table shown WITH its row totals, column totals and grand total. */
export function suppressCountTable(input: CountTableInput, threshold: number = DEFAULT_THRESHOLD): SuppressedCountTable {
  checkThreshold(threshold);
  const { rowLabels, columnLabels, cells } = input;
  if (cells.length !== rowLabels.length) {
    throw new RangeError(`The table has ${cells.length} rows of counts but ${rowLabels.length} row labels.`);
  }
  cells.forEach((row, i) => {
    if (row.length !== columnLabels.length) {
      throw new RangeError(`Row ${i + 1} has ${row.length} counts but there are ${columnLabels.length} column labels.`);
    }
    row.forEach((n, j) => {
      if (!Number.isSafeInteger(n) || n < 0) {
        throw new RangeError(`Row ${i + 1}, column ${j + 1}: a count must be a whole number of 0 or more.`);
      }
    });
  });

  const grid = new Grid(cells, columnLabels.length);
  const primary = grid.hidePrimary(threshold);
  for (;;) {
    grid.protectLines();
    const exposed = grid.findDetermined();
    if (exposed === null) break;
    exposed.forEach(([i, j]) => grid.hide(i, j));
  }

  const R = grid.R;
  const C = grid.C;
  const shown = (i: number, j: number): number | null => (grid.hidden[i][j] ? null : grid.value[i][j]);
  const hiddenCount = grid.hidden.flat().filter(Boolean).length;
  return {
    rowLabels: [...rowLabels],
    columnLabels: [...columnLabels],
    cells: cells.map((row, i) => row.map((_, j) => shown(i, j))),
    rowTotals: cells.map((_, i) => shown(i, C)),
    columnTotals: columnLabels.map((_, j) => shown(R, j)),
    total: shown(R, C),
    primary,
    complementary: hiddenCount - primary,
  };
}

/**
 * A list of counts shown with its total (a one-row table). The column totals of a one-row table repeat its cells,
 * so they add nothing a reader could use; only the values and the total are returned and counted.
 */
export function suppressCounts(
  values: number[],
  threshold: number = DEFAULT_THRESHOLD,
): { values: Array<number | null>; total: number | null; primary: number; complementary: number } {
  const table = suppressCountTable({ rowLabels: [''], columnLabels: values.map(String), cells: [values] }, threshold);
  const shown = [...table.cells[0], table.rowTotals[0]];
  const all = [...values, values.reduce((a, b) => a + b, 0)];
  const primary = all.filter((n) => isSmallCount(n, threshold)).length;
  const hidden = shown.filter((n) => n === null).length;
  return { values: table.cells[0], total: table.rowTotals[0], primary, complementary: hidden - primary };
}

/**
 * Which hidden numbers of a table can be worked out from the shown ones (the exact check of step 3). `hidden` covers
 * the table with its margins: (rows + 1) x (columns + 1). Not part of the library's entry point: for tests.
 */
export function workedOutNumbers(cells: number[][], columns: number, hidden: boolean[][]): Array<[number, number]> {
  const grid = new Grid(cells, columns);
  hidden.forEach((row, i) => row.forEach((h, j) => h && grid.hide(i, j)));
  return grid.determined().map(([i, j]) => [i, j]);
}

function checkThreshold(threshold: number): void {
  if (!Number.isSafeInteger(threshold) || threshold < 1) {
    throw new RangeError('The suppression threshold must be a whole number of 1 or more.');
  }
}

type Entry = readonly [row: number, column: number];

/** How much a set of newly hidden numbers costs: fewer first, then fewer zeros (weak protectors), then smaller. */
type Cost = readonly [hides: number, zeros: number, sum: number];

/** A walk through the table's nodes: the shown numbers it would hide, and what that costs. */
interface Walk {
  toHide: Entry[];
  cost: Cost;
}

/** Compares two ranks position by position: the first difference decides. */
function cheaper(a: readonly number[], b: readonly number[]): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] < b[k];
  return false;
}

/** The table with its margins, and which of its numbers are hidden. */
class Grid {
  readonly R: number;
  readonly C: number;
  /** (R+1) x (C+1): cells, row totals in column C, column totals in row R, grand total at [R][C]. */
  readonly value: number[][];
  readonly hidden: boolean[][];

  constructor(cells: number[][], columns: number) {
    this.R = cells.length;
    this.C = columns;
    const C = columns;
    this.value = cells.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
    const totals: number[] = [];
    for (let j = 0; j <= C; j++) totals.push(this.value.reduce((sum, row) => sum + row[j], 0));
    this.value.push(totals);
    this.hidden = this.value.map((row) => row.map(() => false));
  }

  hide(i: number, j: number): void {
    this.hidden[i][j] = true;
  }

  /** Step 1. Returns how many numbers were hidden because small. */
  hidePrimary(threshold: number): number {
    let count = 0;
    this.value.forEach((row, i) =>
      row.forEach((n, j) => {
        if (n > 0 && n < threshold) {
          this.hide(i, j);
          count++;
        }
      }),
    );
    return count;
  }

  /** Lines 0..R are the rows (R: the totals row), lines R+1..R+1+C the columns (the last: the totals column). */
  private line(k: number): Entry[] {
    const { R, C } = this;
    if (k <= R) return Array.from({ length: C + 1 }, (_, j): Entry => [k, j]);
    const j = k - R - 1;
    return Array.from({ length: R + 1 }, (_, i): Entry => [i, j]);
  }

  private hiddenIn(k: number): number {
    return this.line(k).filter(([i, j]) => this.hidden[i][j]).length;
  }

  /** Step 2: until stable, give every line with exactly one hidden entry a second one. */
  protectLines(): void {
    const lineCount = this.R + this.C + 2;
    let changed = true;
    while (changed) {
      changed = false;
      for (let k = 0; k < lineCount; k++) {
        if (this.hiddenIn(k) !== 1) continue;
        const [i, j] = this.pickPartner(k);
        this.hide(i, j);
        changed = true;
      }
    }
  }

  /**
   * Which entry of line k to hide next to its single hidden one. Among the shown cells of the line (not its total):
   * non-zero before zero (a hidden zero still hides a value, but protects less: it cannot go lower); for a zero, one
   * whose other line has a non-zero total (in a line of zeros, hidden zeros add up to a shown 0 and give each
   * other away); then the cell whose other line also has exactly one hidden entry (one hiding protects two lines),
   * then one whose other line already has two or more (harmless), then one whose other line has none (it will need
   * a partner of its own); then the smallest; then the first. If no cell is left (a line of one cell), its total.
   */
  private pickPartner(k: number): Entry {
    const entries = this.line(k);
    const total = entries[entries.length - 1];
    const candidates = entries.slice(0, -1).filter(([i, j]) => !this.hidden[i][j]);
    let best: Entry | null = null;
    let bestRank: number[] = [];
    for (const [i, j] of candidates) {
      const other = k <= this.R ? this.R + 1 + j : i;
      const otherEntries = this.line(other);
      const [ti, tj] = otherEntries[otherEntries.length - 1];
      const otherHidden = this.hiddenIn(other);
      const tier = otherHidden === 1 ? 0 : otherHidden >= 2 ? 1 : 2;
      const n = this.value[i][j];
      const rank = [n === 0 ? 1 : 0, this.value[ti][tj] === 0 ? 1 : 0, tier, n];
      if (best === null || cheaper(rank, bestRank)) {
        best = [i, j];
        bestRank = rank;
      }
    }
    return best ?? total;
  }

  /*
   * Step 3, the exact check. Write the table with its margins as a flow between "row" nodes (0..R) and "column"
   * nodes (R+1..R+1+C): a cell (i, j) is an arc row i -> column j; a row total an arc totals-column -> row i; a
   * column total an arc column j -> totals-row; the grand total an arc totals-row -> totals-column. Every line's
   * "cells add up to the total" is then "what flows in flows out" at its node. A hidden number can take another
   * value, all shown numbers staying as they are and no count going below 0, exactly when it lies on a cycle of
   * hidden numbers that can be walked, each arc forwards (its number goes up) or backwards (goes down, so it must be
   * at least 1). So: a hidden number is determined when no such cycle passes through it.
   */

  private arc(i: number, j: number): [from: number, to: number] {
    const rowNode = i;
    const columnNode = this.R + 1 + j;
    return (i < this.R) === (j < this.C) ? [rowNode, columnNode] : [columnNode, rowNode];
  }

  /**
   * The cheapest walk from node `from` to node `to` that avoids entry `skip`: hidden entries are free, a shown one
   * costs hiding it. Null if there is none; `toHide` is empty when hidden numbers alone make the walk.
   */
  private cheapestWalk(from: number, to: number, skip: Entry): Walk | null {
    // Dijkstra over the few row and column nodes; each node keeps its cheapest walk so far.
    const nodes = this.R + this.C + 2;
    const walks: Array<Walk | null> = new Array<Walk | null>(nodes).fill(null);
    const done = new Array<boolean>(nodes).fill(false);
    walks[from] = { toHide: [], cost: [0, 0, 0] };
    for (;;) {
      let u = -1;
      let nearest: Walk | null = null;
      for (let n = 0; n < nodes; n++) {
        const w = walks[n];
        if (w !== null && !done[n] && (nearest === null || cheaper(w.cost, nearest.cost))) [u, nearest] = [n, w];
      }
      if (nearest === null) return null;
      if (u === to) return nearest;
      const here: Walk = nearest;
      done[u] = true;
      this.value.forEach((row, i) =>
        row.forEach((n, j) => {
          if (i === skip[0] && j === skip[1]) return;
          const [a, b] = this.arc(i, j);
          // Forwards (the number goes up) always; backwards only if it can go down.
          const next = a === u ? b : b === u && n > 0 ? a : -1;
          if (next === -1 || done[next]) return;
          const shown = !this.hidden[i][j];
          const step: Cost = shown ? [1, n === 0 ? 1 : 0, n] : [0, 0, 0];
          const cost: Cost = [here.cost[0] + step[0], here.cost[1] + step[1], here.cost[2] + step[2]];
          const known = walks[next];
          if (known === null || cheaper(cost, known.cost)) {
            walks[next] = { toHide: shown ? [...here.toHide, [i, j]] : here.toHide, cost };
          }
        }),
      );
    }
  }

  /** The cheapest ways to let hidden number (i, j) go up and down: walks b -> a and a -> b (down only from 1). */
  private waysToVary(i: number, j: number): Walk[] {
    const [a, b] = this.arc(i, j);
    const up = this.cheapestWalk(b, a, [i, j]);
    const down = this.value[i][j] > 0 ? this.cheapestWalk(a, b, [i, j]) : null;
    return [up, down].filter((w) => w !== null);
  }

  /** The hidden numbers that the shown numbers determine (no walk through hidden numbers alone lets them vary). */
  determined(): Entry[] {
    const found: Entry[] = [];
    this.hidden.forEach((row, i) =>
      row.forEach((h, j) => {
        if (h && this.waysToVary(i, j).every((w) => w.toHide.length > 0)) found.push([i, j]);
      }),
    );
    return found;
  }

  /**
   * The first hidden number (row by row) that the shown numbers still determine, as the cheapest list of shown
   * numbers to hide so that it can vary; null when every hidden number can vary.
   */
  findDetermined(): Entry[] | null {
    const [first] = this.determined();
    if (first === undefined) return null;
    const [best, ...others] = this.waysToVary(...first);
    // Walking forwards is always possible once shown numbers may be hidden (row -> column -> totals row ->
    // totals column -> row), so there is always a way up.
    if (best === undefined) throw new Error('No way to protect a hidden count: this should never happen.');
    return others.reduce((b, w) => (cheaper(w.cost, b.cost) ? w : b), best).toHide;
  }
}
