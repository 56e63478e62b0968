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
}

let loading: Promise<Highs> | null = null;

/** HiGHS, loaded once per process (WebAssembly). */
export function loadSolver(): Promise<Highs> {
  loading ??= highsLoader();
  return loading;
}

const EPSILON = 1e-6;

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
    model.options.set({ output_flag: false });
    const { minimize, maximize } = highs.constants.objectiveSense;
    const optimum = (k: number, sense: typeof minimize): number => {
      model.changeColCost(k, 1);
      model.changeObjectiveSense(sense);
      model.run();
      const status = model.getModelStatus();
      // Read before the cost changes back: changing the model drops its solution.
      const value = status === 7 ? model.getObjectiveValue() : NaN;
      model.changeColCost(k, 0);
      if (status === 7) return value;
      if (status === 10 || status === 9) return sense === maximize ? Infinity : -Infinity;
      throw new Error(`The linear program of the audit ended with status ${status} (not optimal): the released counts contradict each other.`);
    };
    group.cells.forEach((id, k) => {
      const lo = Math.max(lowest, Math.ceil(optimum(k, minimize) - EPSILON));
      const max = optimum(k, maximize);
      out.set(id, { lo, hi: max === Infinity ? Infinity : Math.floor(max + EPSILON) });
    });
  } finally {
    model.dispose();
  }
  return out;
}
