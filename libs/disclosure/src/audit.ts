import type { Cell, LinearConstraint } from './linear';
import { hiddenBounds, type Bounds } from './lp-bounds';

/**
 * The exact audit of a release (docs/reports.md): for every hidden count, the smallest and largest values consistent
 * with everything released (a linear program over all released cells and every relation a reader knows between
 * them). A release passes when no hidden count is pinned to one value, and no small one (1 to threshold - 1) is held
 * within a range of possible values inside 1..threshold - 1 that is narrower than the margin.
 */

/** A small hidden count's possible values must span at least this much (hi - lo), unless they reach the threshold. */
export const PROTECTION_MARGIN = 4;

export interface AuditInput {
  cells: readonly Cell[];
  constraints: readonly LinearConstraint[];
  hidden: ReadonlySet<string>;
  threshold: number;
  margin?: number;
  /** Bounds of groups of hidden cells solved by an earlier audit of the same cells and constraints. */
  cache?: Map<string, Map<string, Bounds>>;
  /**
   * Solve every bound exactly (tests, reports of bounds). Otherwise a count whose values seen in other solutions
   * already make it safe is not solved for: the verdict is the same (a wider range is never less safe), faster.
   */
  exact?: boolean;
}

export interface AuditFailure {
  id: string;
  value: number;
  lo: number;
  hi: number;
  why: 'pinned' | 'narrow';
}

export interface AuditResult {
  passed: boolean;
  failures: AuditFailure[];
  bounds: Map<string, Bounds>;
  /** Hidden cells checked, and the time the linear programs took. */
  checked: number;
  millis: number;
}

/** Why a hidden count with these bounds is not protected, or null. */
export function verdict(value: number, b: Bounds, threshold: number, margin: number = PROTECTION_MARGIN): AuditFailure['why'] | null {
  if (b.lo === b.hi) return 'pinned';
  const small = value > 0 && value < threshold;
  if (small && b.hi < threshold && b.hi - b.lo < margin) return 'narrow';
  return null;
}

export async function auditRelease(input: AuditInput): Promise<AuditResult> {
  const started = Date.now();
  const values = new Map(input.cells.map((c) => [c.id, c.value]));
  const valueOf = (id: string): number => {
    const v = values.get(id);
    if (v === undefined) throw new Error(`A constraint names a cell that is not released: ${id}`);
    return v;
  };
  for (const id of input.hidden) {
    if (valueOf(id) === 0) throw new Error(`A zero is hidden (${id}): zeros are always shown, and the audit assumes it.`);
  }
  const bounds = await hiddenBounds({
    constraints: input.constraints,
    hidden: input.hidden,
    shownValue: valueOf,
    cache: input.cache,
    trueValue: valueOf,
    wideEnough: input.exact ? undefined : (id, lo, hi) => verdict(valueOf(id), { lo, hi }, input.threshold, input.margin) === null,
    target: (id) => {
      const value = valueOf(id);
      return value < input.threshold ? input.threshold : value + 1;
    },
    unsafe: input.exact ? undefined : (id, lo, hi) => verdict(valueOf(id), { lo, hi }, input.threshold, input.margin) !== null,
  });
  const failures: AuditFailure[] = [];
  for (const [id, b] of bounds) {
    const value = valueOf(id);
    if (value < b.lo || value > b.hi) throw new Error(`The audit's bounds for ${id} (${b.lo}..${b.hi}) leave out its true value: the relations are wrong.`);
    const why = verdict(value, b, input.threshold, input.margin);
    if (why) failures.push({ id, value, lo: b.lo, hi: b.hi, why });
  }
  return { passed: failures.length === 0, failures, bounds, checked: bounds.size, millis: Date.now() - started };
}
