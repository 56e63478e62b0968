import { auditRelease, PROTECTION_MARGIN, type AuditResult } from './audit';
import type { Cell, LinearConstraint } from './linear';
import type { Bounds } from './lp-bounds';

/**
 * Joint suppression of linked tables (docs/reports.md), in the manner of tau-ARGUS's secondary suppression, checked
 * by the exact audit:
 * 1. Primary: every count from 1 to threshold - 1 is hidden. Zeros are shown (and never hidden).
 * 2. Every equality a reader knows (a total and its parts, over any of the linked tables) with exactly one hidden
 *    count would give it back by subtraction: the cheapest shown non-zero count of it is hidden too; repeated until
 *    no equality has a single hidden count.
 * 3. The audit (a linear program per bound of each hidden count, over every released count and relation). For each
 *    count it finds pinned or held too narrowly, the cheapest shown non-zero count that shares a relation with it is
 *    hidden; back to 2, until the audit passes.
 * Counts already public (`known`: shown in an earlier publication, still true) stay shown: hiding them would protect
 * nothing.
 */

export interface ProtectInput {
  cells: readonly Cell[];
  constraints: readonly LinearConstraint[];
  threshold: number;
  margin?: number;
  known?: ReadonlySet<string>;
  /** The cost of hiding a cell, compared position by position (lower is hidden first). Default: its value. */
  cost?: (cell: Cell) => readonly number[];
  maxRounds?: number;
  /** Solve every bound exactly (see `AuditInput.exact`). */
  exact?: boolean;
}

export interface ProtectResult {
  hidden: Set<string>;
  primary: Set<string>;
  audit: AuditResult;
  rounds: number;
}

export async function protectJointly(input: ProtectInput): Promise<ProtectResult> {
  const { threshold } = input;
  const margin = input.margin ?? PROTECTION_MARGIN;
  const known = input.known ?? new Set<string>();
  const byId = new Map(input.cells.map((c) => [c.id, c]));
  const costOf = input.cost ?? ((c: Cell) => [c.value]);
  const constraintsOf = new Map<string, LinearConstraint[]>();
  for (const c of input.constraints) {
    for (const [id] of c.terms) {
      if (!byId.has(id)) throw new Error(`A constraint names a cell that is not released: ${id}`);
      if (!constraintsOf.has(id)) constraintsOf.set(id, []);
      (constraintsOf.get(id) as LinearConstraint[]).push(c);
    }
  }

  const primary = new Set(input.cells.filter((c) => c.value > 0 && c.value < threshold).map((c) => c.id));
  for (const id of primary) {
    if (known.has(id)) throw new Error(`${id} is small but was published earlier: the earlier publication was not protected.`);
  }
  const hidden = new Set(primary);
  const canHide = (id: string): boolean => !hidden.has(id) && !known.has(id) && (byId.get(id) as Cell).value > 0;
  const costs = new Map<string, readonly number[]>();
  const costOfId = (id: string): readonly number[] => {
    let cost = costs.get(id);
    if (cost === undefined) costs.set(id, (cost = costOf(byId.get(id) as Cell)));
    return cost;
  };
  const cheapest = (ids: Iterable<string>): string | null => {
    let best: string | null = null;
    for (const id of ids) {
      if (!canHide(id)) continue;
      if (best === null || before(costOfId(id), costOfId(best)) || (!before(costOfId(best), costOfId(id)) && id < best)) best = id;
    }
    return best;
  };

  const protectEqualities = (): void => {
    const queue = input.constraints.filter((c) => c.sense === 'eq');
    while (queue.length > 0) {
      const c = queue.pop() as LinearConstraint;
      if (c.terms.filter(([id]) => hidden.has(id)).length !== 1) continue;
      const partner = cheapest(c.terms.map(([id]) => id));
      if (partner === null) continue; // the audit will say so
      hidden.add(partner);
      queue.push(...(constraintsOf.get(partner) ?? []).filter((x) => x.sense === 'eq'));
    }
  };

  const maxRounds = input.maxRounds ?? 1000;
  // Between rounds only the groups that gained a hidden count change: the others' bounds are reused.
  const cache = new Map<string, Map<string, Bounds>>();
  for (let round = 1; ; round++) {
    protectEqualities();
    const audit = await auditRelease({ cells: input.cells, constraints: input.constraints, hidden, threshold, margin, cache, exact: input.exact });
    if (audit.passed || round >= maxRounds) return { hidden, primary, audit, rounds: round };
    let hid = 0;
    // One hiding per relation per round: a second failing count of the same relation is often protected by it.
    const widened = new Set<LinearConstraint>();
    for (const failure of audit.failures) {
      const related = constraintsOf.get(failure.id) ?? [];
      if (related.some((c) => widened.has(c))) continue;
      const partner =
        cheapest(related.filter((c) => c.sense === 'eq').flatMap((c) => c.terms.map(([id]) => id))) ??
        cheapest(related.flatMap((c) => c.terms.map(([id]) => id))) ??
        // Every count beside it is hidden or zero: widen through the hidden counts it is linked to.
        cheapest(related.flatMap((c) => c.terms.filter(([id]) => hidden.has(id)).flatMap(([id]) => (constraintsOf.get(id) ?? []).flatMap((x) => x.terms.map(([y]) => y)))));
      if (partner !== null) {
        hidden.add(partner);
        for (const c of constraintsOf.get(partner) ?? []) widened.add(c);
        hid++;
      }
    }
    if (hid === 0) return { hidden, primary, audit, rounds: round };
  }
}

function before(a: readonly number[], b: readonly number[]): boolean {
  for (let k = 0; k < Math.max(a.length, b.length); k++) {
    const x = a[k] ?? -Infinity;
    const y = b[k] ?? -Infinity;
    if (x !== y) return x < y;
  }
  return false;
}
