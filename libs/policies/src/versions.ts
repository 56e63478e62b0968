/**
 * Which version of a rule is in force on a date.
 *
 * A version applies from its `effectiveFrom` (a San Francisco local date, inclusive) until the next version's date.
 * For a rule that needs a report the date to look up is the report's local date; for the SB 357 repeal it is the
 * action's local date. Before the first version the rule does not apply (null).
 *
 * Two versions with the same date: the higher version number wins (a correction made the same day, or a version
 * that replaces another retroactively).
 */
import type { PolicyDocument, RuleId } from './model';
import { dateProblem } from './validate';

export function versionInForce(versions: readonly PolicyDocument[], ruleId: RuleId, localDate: string): PolicyDocument | null {
  const problem = dateProblem(localDate);
  if (problem !== null) throw new Error(`versionInForce: ${problem}`);
  let best: PolicyDocument | null = null;
  for (const v of versions) {
    if (v.ruleId !== ruleId || v.effectiveFrom > localDate) continue;
    if (best === null || v.effectiveFrom > best.effectiveFrom || (v.effectiveFrom === best.effectiveFrom && v.version > best.version)) best = v;
  }
  return best;
}

export interface VersionHistoryIssue {
  ruleId: RuleId;
  version: number;
  message: string;
}

/**
 * Problems in the set of versions of the rules (each version being valid on its own: see validatePolicy): a version
 * number used twice for one rule, or a later version taking effect before an earlier one (which would make the
 * earlier one come back into force on its own date).
 */
export function checkVersionHistory(versions: readonly PolicyDocument[]): VersionHistoryIssue[] {
  const issues: VersionHistoryIssue[] = [];
  const byRule = new Map<RuleId, PolicyDocument[]>();
  for (const v of versions) byRule.set(v.ruleId, [...(byRule.get(v.ruleId) ?? []), v]);
  for (const [ruleId, list] of byRule) {
    const sorted = [...list].sort((a, b) => a.version - b.version);
    let latest = sorted[0];
    for (let i = 1; i < sorted.length; i++) {
      const previous = sorted[i - 1];
      const current = sorted[i];
      if (current.version === previous.version) {
        issues.push({ ruleId, version: current.version, message: `Version ${current.version} of ${ruleId} exists twice: give the newer one the next number.` });
      } else if (current.effectiveFrom < latest.effectiveFrom) {
        issues.push({
          ruleId,
          version: current.version,
          message: `Version ${current.version} of ${ruleId} takes effect on ${current.effectiveFrom}, before version ${latest.version} (${latest.effectiveFrom}): a later version cannot take effect before an earlier one.`,
        });
      }
      if (current.effectiveFrom >= latest.effectiveFrom) latest = current;
    }
  }
  return issues;
}
