/**
 * Whether a rule audits an action (compliance-rules.md §6; oracle decision 7), from the rule's `audits`:
 * an arrest when the rule audits arrests by its agency (agencies compared trimmed and case-insensitively, or
 * `any`); a DA decision when the rule audits DA charges. Whether the action is an enforcement action at all
 * (an arrest booked or cited; a DA decision `Charged`) is not a policy matter and is the caller's to check.
 */
import type { PolicyDocument } from './model';

export type AuditedAction = { kind: 'arrest'; agency: string } | { kind: 'da_decision' };

function agencyKey(agency: string): string {
  return agency.trim().toUpperCase();
}

export function auditsAction(policy: Pick<PolicyDocument, 'audits'>, action: AuditedAction): boolean {
  if (action.kind === 'da_decision') return policy.audits.daCharges;
  const arrests = policy.audits.arrests;
  if (arrests === null) return false;
  if (arrests.agencies === 'any') return true;
  const agency = agencyKey(action.agency);
  return arrests.agencies.some((a) => agencyKey(a) === agency);
}
