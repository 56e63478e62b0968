/**
 * What a reader of released counts knows, written as linear constraints over the counts (docs/reports.md, "What
 * viewers and the public see"). Every count is a cell with an id; a constraint is `sum(coefficient x cell) <= 0` or
 * `= 0`. Shown cells are constants to the reader; hidden cells are unknowns, each known to be at least 1 (zeros are
 * never hidden).
 */

export interface Cell {
  id: string;
  /** The true count: a whole number of 0 or more. */
  value: number;
}

export interface LinearConstraint {
  /** Cell id and coefficient; a cell appears at most once. */
  terms: ReadonlyArray<readonly [id: string, coefficient: number]>;
  /** `le`: the sum is at most 0; `eq`: it is 0. */
  sense: 'le' | 'eq';
  /** Why the reader knows it, in words (for failures and tests): e.g. "months add up to the quarter". */
  reason: string;
}

/** The value of a constraint's left side for the true counts. */
export function lhs(constraint: LinearConstraint, valueOf: (id: string) => number): number {
  return constraint.terms.reduce((sum, [id, coefficient]) => sum + coefficient * valueOf(id), 0);
}

/** True when the true counts satisfy the constraint. */
export function holds(constraint: LinearConstraint, valueOf: (id: string) => number): boolean {
  const value = lhs(constraint, valueOf);
  return constraint.sense === 'eq' ? value === 0 : value <= 0;
}

/** `parent = sum(children)`. */
export function sumOf(parent: string, children: readonly string[], reason: string): LinearConstraint {
  return { terms: [[parent, 1], ...children.map((c): [string, number] => [c, -1])], sense: 'eq', reason };
}

/** `a <= b`. */
export function atMost(a: string, b: string, reason: string): LinearConstraint {
  return { terms: [[a, 1], [b, -1]], sense: 'le', reason };
}

/** `parent <= sum(children)`: every unit of the parent is in one child at least. */
export function coveredBy(parent: string, children: readonly string[], reason: string): LinearConstraint {
  return { terms: [[parent, 1], ...children.map((c): [string, number] => [c, -1])], sense: 'le', reason };
}

/**
 * The constraints a reader could use that the true counts satisfy: a candidate that does not hold is dropped (it is
 * not knowledge), and an inequality that holds with equality becomes an equality (a reader who guesses it would be
 * right, so the audit assumes the guess).
 */
export function checkedAgainstData(candidates: readonly LinearConstraint[], valueOf: (id: string) => number): LinearConstraint[] {
  const kept: LinearConstraint[] = [];
  for (const c of candidates) {
    const value = lhs(c, valueOf);
    if (value === 0) kept.push(c.sense === 'eq' ? c : { ...c, sense: 'eq' });
    else if (c.sense === 'le' && value < 0) kept.push(c);
  }
  return kept;
}
