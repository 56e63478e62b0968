import highsLoader, { type Highs } from 'highs';
import type { LinearConstraint } from './linear';

/**
 * The smallest and largest value each hidden count can take given everything shown (a linear program per bound,
 * solved by HiGHS). Hidden counts are split into groups that share no constraint; each group is one model, solved
 * once per bound of each of its counts with the previous basis kept (warm start).
 */

export interface Bounds {
  /** Whole-number bounds: the LP optimum rounded inwards (a count is a whole number). `hi` is Infinity when unbounded. */
  lo: number;
  hi: number;
  /**
   * False when the bounds were not solved for because values already seen in other solutions (all feasible) showed
   * the count safe: then the true bounds are at least this wide.
   */
  exact?: boolean;
}

let loading: Promise<Highs> | null = null;

/** HiGHS, loaded once per process (WebAssembly). */
export function loadSolver(): Promise<Highs> {
  loading ??= highsLoader();
  return loading;
}

const EPSILON = 1e-6;
/** At most this many joint pushes of the unsettled counts. */
const PUSH_ROUNDS = 6;

export interface BoundsInput {
  constraints: readonly LinearConstraint[];
  hidden: ReadonlySet<string>;
  /** The value of a shown cell. */
  shownValue: (id: string) => number;
  /** Lowest value a reader knows a hidden cell has (1: zeros are never hidden). */
  lowest?: number;
  /**
   * Bounds of groups already solved, by their cells: a group's model depends only on its cells (its constraints are
   * all those touching them, the shown values fixed), so a later audit of the same cells and constraints reuses them.
   */
  cache?: Map<string, Map<string, Bounds>>;
  /**
   * Given the whole-number range a hidden cell is already known to span (values seen in feasible solutions, its true
   * value among them), true when that is wide enough: its own two linear programs are then skipped. Absent: every
   * bound is solved exactly.
   */
  wideEnough?: (id: string, lo: number, hi: number) => boolean;
  /** The true value of a hidden cell (a feasible point: where the seen range starts). */
  trueValue?: (id: string) => number;
  /**
   * A value that, once a cell is seen at it or above (its true value being below), makes the cell safe: the
   * threshold for a small count, its value + 1 for a larger one. Cells are pushed towards it together.
   */
  target?: (id: string) => number;
  /**
   * Given whole-number bounds at least as wide as the true ones (from interval propagation), true when even they
   * show the cell unsafe: its linear programs are then skipped too (narrower true bounds are no safer).
   */
  unsafe?: (id: string, lo: number, hi: number) => boolean;
}

/** Groups of hidden cells linked by constraints, with those constraints. */
export function components(constraints: readonly LinearConstraint[], hidden: ReadonlySet<string>): Array<{ cells: string[]; constraints: LinearConstraint[] }> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    let y = x;
    while (parent.get(y) !== root) {
      const next = parent.get(y) as string;
      parent.set(y, root);
      y = next;
    }
    return root;
  };
  for (const id of hidden) parent.set(id, id);
  const relevant = constraints.filter((c) => c.terms.some(([id]) => hidden.has(id)));
  for (const c of relevant) {
    const ids = c.terms.map(([id]) => id).filter((id) => hidden.has(id));
    for (let k = 1; k < ids.length; k++) {
      const a = find(ids[0]);
      const b = find(ids[k]);
      if (a !== b) parent.set(a, b);
    }
  }
  const groups = new Map<string, { cells: string[]; constraints: LinearConstraint[] }>();
  for (const id of hidden) {
    const root = find(id);
    if (!groups.has(root)) groups.set(root, { cells: [], constraints: [] });
    (groups.get(root) as { cells: string[] }).cells.push(id);
  }
  for (const c of relevant) {
    const first = c.terms.find(([id]) => hidden.has(id));
    if (first) groups.get(find(first[0]))?.constraints.push(c);
  }
  return [...groups.values()];
}

/** Bounds of every hidden cell. */
export async function hiddenBounds(input: BoundsInput): Promise<Map<string, Bounds>> {
  const highs = await loadSolver();
  const out = new Map<string, Bounds>();
  for (const group of components(input.constraints, input.hidden)) {
    const signature = [...group.cells].sort().join('\n');
    let bounds = input.cache?.get(signature);
    if (bounds === undefined) {
      bounds = groupBounds(highs, group, input);
      input.cache?.set(signature, bounds);
    }
    for (const [id, b] of bounds) out.set(id, b);
  }
  return out;
}

function groupBounds(highs: Highs, group: { cells: string[]; constraints: LinearConstraint[] }, input: BoundsInput): Map<string, Bounds> {
  const lowest = input.lowest ?? 1;
  const index = new Map(group.cells.map((id, k) => [id, k]));
  const out = new Map<string, Bounds>();
  if (group.constraints.length === 0) {
    for (const id of group.cells) out.set(id, { lo: lowest, hi: Infinity });
    return out;
  }
  // Rows: the hidden terms; the shown terms move to the right-hand side.
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  for (const c of group.constraints) {
    let constant = 0;
    for (const [id, coefficient] of c.terms) {
      const k = index.get(id);
      if (k === undefined) constant += coefficient * input.shownValue(id);
      else {
        indices.push(k);
        values.push(coefficient);
      }
    }
    starts.push(indices.length);
    rowUpper.push(-constant);
    rowLower.push(c.sense === 'eq' ? -constant : -highs.infinity);
  }
  const n = group.cells.length;
  const outer = input.unsafe ? propagate(n, starts, indices, values, rowLower, rowUpper, lowest) : null;
  const model = highs.createModel({
    numCols: n,
    numRows: group.constraints.length,
    colCost: new Array<number>(n).fill(0),
    colLower: new Array<number>(n).fill(lowest),
    colUpper: new Array<number>(n).fill(highs.infinity),
    rowLower,
    rowUpper,
    matrix: { format: 'csr', numRows: group.constraints.length, numCols: n, starts, indices, values },
  });
  try {
    model.options.set({ output_flag: false, presolve: 'off', simplex_strategy: 4 });
    const { minimize, maximize } = highs.constants.objectiveSense;
    // Every solution is a feasible point: the values it gives each cell widen what that cell is known to span.
    const seenLo = group.cells.map((id) => input.trueValue?.(id) ?? Infinity);
    const seenHi = group.cells.map((id) => input.trueValue?.(id) ?? -Infinity);
    const see = () => {
      const x = model.getSolution().colValue;
      for (let j = 0; j < n; j++) {
        const v = x[j] as number;
        if (v < (seenLo[j] as number)) seenLo[j] = v;
        if (v > (seenHi[j] as number)) seenHi[j] = v;
      }
    };
    const optimum = (costs: readonly number[] | number, sense: typeof minimize): number => {
      const selection = { kind: 'set' as const, indices: typeof costs === 'number' ? [costs] : costs.map((_, j) => j) };
      const on = typeof costs === 'number' ? [1] : costs;
      model.changeColsCost(selection, on);
      model.changeObjectiveSense(sense);
      model.run();
      let status = model.getModelStatus();
      if (status !== 7 && status !== 9 && status !== 10) {
        // A warm start can end in an unknown state: start this one program afresh, with presolve, once.
        model.clearSolver();
        model.options.set({ presolve: 'on' });
        model.run();
        model.options.set({ presolve: 'off' });
        status = model.getModelStatus();
      }
      // Read before the cost changes back: changing the model drops its solution.
      const value = status === 7 ? model.getObjectiveValue() : NaN;
      if (status === 7) see();
      model.changeColsCost(selection, on.map(() => 0));
      if (status === 7) return value;
      if (status === 10 || status === 9) return sense === maximize ? Infinity : -Infinity;
      throw new Error(`The linear program of the audit ended with status ${status} (not optimal): the released counts contradict each other.`);
    };
    const wideEnough = input.wideEnough;
    if (wideEnough) {
      const rounded0 = (k: number) => ({ lo: Math.max(lowest, Math.ceil((seenLo[k] as number) - EPSILON)), hi: Math.floor((seenHi[k] as number) + EPSILON) });
      const settled = (k: number) => {
        const r = rounded0(k);
        return r.hi >= r.lo && wideEnough(group.cells[k] as string, r.lo, r.hi);
      };
      // Cheap points first: every count as low as it can go together; then the unsettled counts pushed up together,
      // each capped at the value that would settle it (so none takes all the room), until a round settles none.
      // Most counts are then seen to be safe without programs of their own.
      optimum(new Array<number>(n).fill(1), minimize);
      const targets = group.cells.map((id) => input.target?.(id) ?? Infinity);
      for (let round = 0; round < PUSH_ROUNDS; round++) {
        const open = new Set(group.cells.map((_, k) => k).filter((k) => !settled(k) && Number.isFinite(targets[k] as number)));
        if (open.size === 0) break;
        const caps = group.cells.map((_, k) => (open.has(k) ? (targets[k] as number) : highs.infinity));
        const all = { kind: 'range' as const, from: 0, to: n - 1 };
        model.changeColsBounds(all, new Array<number>(n).fill(lowest), caps);
        const before = open.size;
        optimum(group.cells.map((_, k) => (open.has(k) ? 1 : 0)), maximize);
        model.changeColsBounds(all, new Array<number>(n).fill(lowest), new Array<number>(n).fill(highs.infinity));
        if ([...open].filter((k) => !settled(k)).length === before) break;
      }
    }
    const rounded = (lo: number, hi: number) => ({ lo: Math.max(lowest, Math.ceil(lo - EPSILON)), hi: hi === Infinity ? Infinity : Math.floor(hi + EPSILON) });
    group.cells.forEach((id, k) => {
      if (outer && input.unsafe) {
        const wide = rounded(outer.lo[k] as number, outer.hi[k] as number);
        if (input.unsafe(id, wide.lo, wide.hi)) {
          out.set(id, { ...wide, exact: false });
          return;
        }
      }
      if (wideEnough) {
        const seen = rounded(seenLo[k] as number, seenHi[k] as number);
        if (seen.hi >= seen.lo && wideEnough(id, seen.lo, seen.hi)) {
          out.set(id, { ...seen, exact: false });
          return;
        }
        // Its largest value first: for a small count, reaching the threshold settles it without the smallest.
        const max = optimum(k, maximize);
        const partly = rounded(Math.min(seenLo[k] as number, max), max);
        if (wideEnough(id, partly.lo, partly.hi)) {
          out.set(id, { ...partly, exact: false });
          return;
        }
        out.set(id, { ...rounded(optimum(k, minimize), max), exact: true });
        return;
      }
      const min = optimum(k, minimize);
      out.set(id, { ...rounded(min, optimum(k, maximize)), exact: true });
    });
  } finally {
    model.dispose();
  }
  return out;
}

/**
 * Bounds at least as wide as the linear program's, by interval propagation: each row bounds each of its unknowns by
 * the others' bounds, repeated until nothing moves (or a fixed number of sweeps: stopping early only leaves them wider).
 */
function propagate(n: number, starts: number[], indices: number[], values: number[], rowLower: number[], rowUpper: number[], lowest: number): { lo: number[]; hi: number[] } {
  const lo = new Array<number>(n).fill(lowest);
  const hi = new Array<number>(n).fill(Infinity);
  const rows = rowUpper.length;
  for (let sweep = 0; sweep < 50; sweep++) {
    let moved = false;
    for (let r = 0; r < rows; r++) {
      const from = starts[r] as number;
      const to = starts[r + 1] as number;
      // Row activity range from the variables' bounds.
      let minSum = 0;
      let maxSum = 0;
      let minInf = 0;
      let maxInf = 0;
      for (let e = from; e < to; e++) {
        const k = values[e] as number;
        const j = indices[e] as number;
        const a = k > 0 ? k * (lo[j] as number) : k * (hi[j] as number);
        const b = k > 0 ? k * (hi[j] as number) : k * (lo[j] as number);
        if (a === -Infinity) minInf++;
        else minSum += a;
        if (b === Infinity) maxInf++;
        else maxSum += b;
      }
      const upper = rowUpper[r] as number;
      const lower = rowLower[r] as number;
      for (let e = from; e < to; e++) {
        const k = values[e] as number;
        const j = indices[e] as number;
        const a = k > 0 ? k * (lo[j] as number) : k * (hi[j] as number);
        const b = k > 0 ? k * (hi[j] as number) : k * (lo[j] as number);
        // k x <= upper - (minimum of the others); k x >= lower - (maximum of the others).
        const othersMin = a === -Infinity ? (minInf > 1 ? -Infinity : minSum) : minInf > 0 ? -Infinity : minSum - a;
        const othersMax = b === Infinity ? (maxInf > 1 ? Infinity : maxSum) : maxInf > 0 ? Infinity : maxSum - b;
        const kxMax = upper - othersMin;
        const kxMin = lower === -Infinity ? -Infinity : lower - othersMax;
        const [newLo, newHi] = k > 0 ? [kxMin / k, kxMax / k] : [kxMax / k, kxMin / k];
        if (newLo > (lo[j] as number) + 1e-9) [lo[j], moved] = [newLo, true];
        if (newHi < (hi[j] as number) - 1e-9) [hi[j], moved] = [newHi, true];
      }
    }
    if (!moved) break;
  }
  return { lo, hi };
}
