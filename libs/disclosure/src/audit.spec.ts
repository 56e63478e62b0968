import fc from 'fast-check';
import { suppressCounts } from '@sra/suppression';
import { auditRelease, PROTECTION_MARGIN, verdict } from './audit';
import { atMost, coveredBy, sumOf, type Cell, type LinearConstraint } from './linear';
import { protectJointly } from './protect';

/*
 * The audit and the joint suppression, on linked tables worked by hand, and against an independent exhaustive
 * search over whole numbers (no linear programming) on random linked tables.
 */

const THRESHOLD = 11;

/**
 * Is there an assignment of whole numbers lo..hi to the unknowns satisfying every constraint? Interval propagation,
 * then splitting the widest range: exhaustive, independent of the LP solver.
 */
function feasible(constraints: LinearConstraint[], unknowns: string[], lo: Map<string, number>, hi: Map<string, number>, shown: (id: string) => number): boolean {
  const l = new Map(lo);
  const h = new Map(hi);
  for (let changed = true; changed; ) {
    changed = false;
    for (const c of constraints) {
      const vars = c.terms.filter(([id]) => l.has(id));
      const constant = c.terms.filter(([id]) => !l.has(id)).reduce((s, [id, k]) => s + k * shown(id), 0);
      // sum(k x) + constant <= 0 (and >= 0 for eq): bound each x by the others' extremes.
      const minOf = ([id, k]: readonly [string, number]) => (k > 0 ? k * (l.get(id) as number) : k * (h.get(id) as number));
      const maxOf = ([id, k]: readonly [string, number]) => (k > 0 ? k * (h.get(id) as number) : k * (l.get(id) as number));
      const minSum = vars.reduce((s, t) => s + minOf(t), constant);
      const maxSum = vars.reduce((s, t) => s + maxOf(t), constant);
      if (minSum > 0 || (c.sense === 'eq' && maxSum < 0)) return false;
      for (const t of vars) {
        const [id, k] = t;
        // k x <= -(minSum - minOf(t)); for eq also k x >= -(maxSum - maxOf(t)).
        const upper = -(minSum - minOf(t));
        const lower = c.sense === 'eq' ? -(maxSum - maxOf(t)) : -Infinity;
        const [newLo, newHi] = k > 0 ? [Math.ceil(lower / k), Math.floor(upper / k)] : [Math.ceil(upper / k), Math.floor(lower / k)];
        if (newLo > (l.get(id) as number)) [changed] = [true, l.set(id, newLo)];
        if (newHi < (h.get(id) as number)) [changed] = [true, h.set(id, newHi)];
        if ((l.get(id) as number) > (h.get(id) as number)) return false;
      }
    }
  }
  const open = unknowns.filter((id) => (h.get(id) as number) > (l.get(id) as number));
  if (open.length === 0) return true;
  const widest = open.reduce((a, b) => ((h.get(b) as number) - (l.get(b) as number) > (h.get(a) as number) - (l.get(a) as number) ? b : a));
  const mid = Math.floor(((l.get(widest) as number) + (h.get(widest) as number)) / 2);
  return (
    feasible(constraints, unknowns, l, new Map(h).set(widest, mid), shown) ||
    feasible(constraints, unknowns, new Map(l).set(widest, mid + 1), h, shown)
  );
}

/**
 * Checks the LP bounds of each hidden cell against an exhaustive whole-number search (every unknown within 1..cap):
 * its lower bound and, when finite, its upper bound are reachable and nothing beyond them is; an unbounded cell can
 * at least exceed its true value.
 */
function checkAgainstBruteForce(cells: Cell[], constraints: LinearConstraint[], hidden: Set<string>, bounds: Map<string, { lo: number; hi: number }>, cap: number): number {
  const value = new Map(cells.map((c) => [c.id, c.value]));
  const shown = (id: string) => value.get(id) as number;
  const unknowns = [...hidden];
  const lo = new Map(unknowns.map((id) => [id, 1]));
  const hi = new Map(unknowns.map((id) => [id, cap]));
  const can = (id: string, from: number, to: number) => feasible(constraints, unknowns, new Map(lo).set(id, from), new Map(hi).set(id, to), shown);
  for (const id of unknowns) {
    const b = bounds.get(id) as { lo: number; hi: number };
    const where = JSON.stringify({ id, b, hidden: unknowns, cells });
    if (!can(id, b.lo, b.lo) || (b.lo > 1 && can(id, 1, b.lo - 1))) throw new Error(`lower bound wrong: ${where}`);
    if (b.hi === Infinity) {
      if (!can(id, (value.get(id) as number) + 1, cap)) throw new Error(`not unbounded: ${where}`);
    } else if (!can(id, b.hi, b.hi) || can(id, b.hi + 1, cap)) throw new Error(`upper bound wrong: ${where}`);
  }
  return unknowns.length;
}

/** Keys A and B over three months and their quarter, with the totals T: every line adds up. */
function linkedQuarter(a: number[], b: number[]): { cells: Cell[]; constraints: LinearConstraint[] } {
  const t = a.map((x, i) => x + (b[i] as number));
  const cells: Cell[] = [];
  const rows: Record<string, number[]> = { A: a, B: b, T: t };
  for (const [key, months] of Object.entries(rows)) {
    months.forEach((v, i) => cells.push({ id: `${key}${i + 1}`, value: v }));
    cells.push({ id: `${key}Q`, value: months.reduce((s, v) => s + v, 0) });
  }
  const constraints: LinearConstraint[] = [];
  for (const key of Object.keys(rows)) constraints.push(sumOf(`${key}Q`, [1, 2, 3].map((m) => `${key}${m}`), `${key}: months make the quarter`));
  for (const m of ['1', '2', '3', 'Q']) constraints.push(sumOf(`T${m}`, [`A${m}`, `B${m}`], `${m}: keys make the total`));
  return { cells, constraints };
}

describe('the exact audit', () => {
  it('finds what per-table suppression leaks across linked tables (worked by hand)', async () => {
    // A: 3 12 15 | 30; B: 20 13 17 | 50; T: 23 25 32 | 80. Suppressing A's months as a list on its own hides 3 and
    // its partner 12; but the months' totals are shown too: A1 = T1 - B1 = 23 - 20 = 3, A2 = T2 - B2 = 25 - 13 = 12.
    const { cells, constraints } = linkedQuarter([3, 12, 15], [20, 13, 17]);
    const naive = suppressCounts([3, 12, 15]);
    expect(naive.values).toEqual([null, null, 15]);
    const audit = await auditRelease({ cells, constraints, hidden: new Set(['A1', 'A2']), threshold: THRESHOLD, exact: true });
    expect(audit.passed).toBe(false);
    expect(audit.failures).toEqual([
      { id: 'A1', value: 3, lo: 3, hi: 3, why: 'pinned' },
      { id: 'A2', value: 12, lo: 12, hi: 12, why: 'pinned' },
    ]);
  });

  it('protects the same cells jointly (worked by hand)', async () => {
    // A1 is small. A: 3 + 12 + 15 = 30 needs a partner: 12 (smallest). Month 1: 3 + 20 = 23 needs one: B1 = 20
    // (smaller than 23). Then B's quarter: B2 = 13; month 2 then holds A2 and B2. The hidden cells make a cycle:
    // A1 = t, A2 = 15 - t, B1 = 23 - t, B2 = 10 + t, all >= 1: t from 1 to 14.
    const { cells, constraints } = linkedQuarter([3, 12, 15], [20, 13, 17]);
    const result = await protectJointly({ cells, constraints, threshold: THRESHOLD, exact: true });
    expect([...result.hidden].sort()).toEqual(['A1', 'A2', 'B1', 'B2']);
    expect(result.audit.passed).toBe(true);
    expect(result.audit.bounds.get('A1')).toEqual({ lo: 1, hi: 14, exact: true });
    expect(result.audit.bounds.get('B1')).toEqual({ lo: 9, hi: 22, exact: true });
    expect(result.audit.bounds.get('B2')).toEqual({ lo: 11, hi: 24, exact: true });
  });

  it('does not accept a small count held in a narrow range (the margin)', async () => {
    // 2 + 2 + 20 = 24: the two small counts hidden together add up to 4, so each is 1, 2 or 3: too narrow.
    const cells: Cell[] = [
      { id: 'a', value: 2 },
      { id: 'b', value: 2 },
      { id: 'c', value: 20 },
      { id: 'total', value: 24 },
    ];
    const constraints = [sumOf('total', ['a', 'b', 'c'], 'parts make the total')];
    const audit = await auditRelease({ cells, constraints, hidden: new Set(['a', 'b']), threshold: THRESHOLD, exact: true });
    expect(audit.failures).toEqual([
      { id: 'a', value: 2, lo: 1, hi: 3, why: 'narrow' },
      { id: 'b', value: 2, lo: 1, hi: 3, why: 'narrow' },
    ]);
    // Hiding 20 as well (cheaper than the total) lets each be 1 to 22.
    const result = await protectJointly({ cells, constraints, threshold: THRESHOLD, exact: true });
    expect([...result.hidden].sort()).toEqual(['a', 'b', 'c']);
    expect(result.audit.bounds.get('a')).toEqual({ lo: 1, hi: 22, exact: true });
  });

  it('uses inequalities a reader knows: parts of an overlapping breakdown and measures of one slice', async () => {
    // Cases by district overlap (a case can follow reports in two districts): each district's cases are at most
    // the total (14) and the total at most their sum. District A's 4 cases (hidden) and B's 12 (shown): 14 <= x + 12,
    // so x >= 2, and x <= 14. Flags in A (hidden, 5) are at least its cases: no upper bound. x: 2 to 14: fine.
    const cells: Cell[] = [
      { id: 'cases', value: 14 },
      { id: 'casesA', value: 4 },
      { id: 'casesB', value: 12 },
      { id: 'flagsA', value: 5 },
    ];
    const constraints: LinearConstraint[] = [
      atMost('casesA', 'cases', 'part'),
      atMost('casesB', 'cases', 'part'),
      coveredBy('cases', ['casesA', 'casesB'], 'cover'),
      atMost('casesA', 'flagsA', 'a case has a flag'),
    ];
    const audit = await auditRelease({ cells, constraints, hidden: new Set(['casesA', 'flagsA']), threshold: THRESHOLD, exact: true });
    expect(audit.bounds.get('casesA')).toEqual({ lo: 2, hi: 14, exact: true });
    expect(audit.bounds.get('flagsA')).toEqual({ lo: 2, hi: Infinity, exact: true });
    expect(audit.passed).toBe(true);
    // With A's flags shown (5), its cases are 2 to 5: a small count within 4 values, narrower than the margin.
    const narrow = await auditRelease({ cells, constraints, hidden: new Set(['casesA']), threshold: THRESHOLD, exact: true });
    expect(narrow.failures).toEqual([{ id: 'casesA', value: 4, lo: 2, hi: 5, why: 'narrow' }]);
  });

  it('says what makes a range unsafe', () => {
    expect(verdict(5, { lo: 5, hi: 5 }, THRESHOLD)).toBe('pinned');
    expect(verdict(40, { lo: 40, hi: 40 }, THRESHOLD)).toBe('pinned');
    expect(verdict(5, { lo: 3, hi: 3 + PROTECTION_MARGIN - 1 }, THRESHOLD)).toBe('narrow');
    expect(verdict(5, { lo: 3, hi: 3 + PROTECTION_MARGIN }, THRESHOLD)).toBeNull();
    expect(verdict(5, { lo: 4, hi: 11 }, THRESHOLD)).toBeNull();
    expect(verdict(40, { lo: 39, hi: 40 }, THRESHOLD)).toBeNull();
  });

  it('refuses a hidden zero (the audit assumes every hidden count is at least 1)', async () => {
    const cells: Cell[] = [
      { id: 'a', value: 0 },
      { id: 'total', value: 0 },
    ];
    await expect(auditRelease({ cells, constraints: [sumOf('total', ['a'], 'x')], hidden: new Set(['a']), threshold: THRESHOLD, exact: true })).rejects.toThrow(/zero is hidden/);
  });

  it('on random linked tables: the LP bounds are the whole-number bounds, and what it passes cannot be worked out', async () => {
    const months = fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 11, max: 30 })), { minLength: 3, maxLength: 3 });
    let hiddenChecked = 0;
    await fc.assert(
      fc.asyncProperty(months, months, async (a, b) => {
        const { cells, constraints } = linkedQuarter(a, b);
        const result = await protectJointly({ cells, constraints, threshold: THRESHOLD, exact: true });
        expect(result.audit.passed).toBe(true);
        // The faster audit (bounds skipped where feasible points already show a count safe) says the same.
        const fast = await auditRelease({ cells, constraints, hidden: result.hidden, threshold: THRESHOLD });
        expect(fast.passed).toBe(true);
        const unprotected = await auditRelease({ cells, constraints, hidden: result.primary, threshold: THRESHOLD });
        const unprotectedExact = await auditRelease({ cells, constraints, hidden: result.primary, threshold: THRESHOLD, exact: true });
        expect(unprotected.failures.map((f) => f.id)).toEqual(unprotectedExact.failures.map((f) => f.id));
        // Every hidden count can move: not pinned, and small ones not held narrowly (the audit passed).
        hiddenChecked += checkAgainstBruteForce(cells, constraints, result.hidden, result.audit.bounds, 1000);
        for (const id of result.hidden) {
          const b = result.audit.bounds.get(id) as { lo: number; hi: number };
          expect(b.hi).toBeGreaterThan(b.lo);
        }
      }),
      { numRuns: 60 },
    );
    expect(hiddenChecked).toBeGreaterThan(60);
  });
});
