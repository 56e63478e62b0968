/**
 * Confidence and reasons of one flag (compliance-rules.md §7; oracle decision 9 and choice d).
 *
 * A rule that needs a report:
 * - start from the nexus: direct -> high, temporal -> medium;
 * - a non-protected charge with level M, I or none: `mixed_misdemeanor`, one step down (high -> medium -> low);
 * - a non-protected charge with level F: `mixed_felony`, low (both reasons when the action has both kinds);
 * - the person is also a suspect on the reported incident: `also_suspect`, low;
 * - a protected charge is ambiguous (PC 647 with no subdivision): `ambiguous_subdivision`, low;
 * - every charge protected: `all_charges_protected`;
 * - the reporter and the action are linked by an approximate (tolerant) key, not the same person key (issue 16):
 *   `approximate_link`, one step down (after the steps above; high -> medium -> low);
 * - always `direct_nexus` or `temporal_nexus`, plus the protected charges' own reasons (drug_level_inferred,
 *   code_book_inferred, pc372_context_unknown), which do not change the confidence.
 * The SB 357 repeal: high, `repealed_statute`, plus `code_book_inferred` when a repealed charge's code book was
 * inferred.
 * Reasons come back de-duplicated, in code-unit order.
 */
import type { ChargeAssessment, RepealedAssessment } from './charges';
import { sortedUnique } from './charges';
import type { Confidence, Reason } from './model';

export type ConfidenceInput =
  | { nexus: 'direct' | 'temporal'; assessment: ChargeAssessment; alsoSuspect: boolean; approximateLink?: boolean }
  | { nexus: 'none'; repealed: RepealedAssessment };

export interface ConfidenceResult {
  confidence: Confidence;
  reasons: Reason[];
}

const ONE_STEP_DOWN: Readonly<Record<Confidence, Confidence>> = { high: 'medium', medium: 'low', low: 'low' };

export function confidenceOf(input: ConfidenceInput): ConfidenceResult {
  if (input.nexus === 'none') {
    const reasons: Reason[] = ['repealed_statute'];
    if (input.repealed.codeBookInferred) reasons.push('code_book_inferred');
    return { confidence: 'high', reasons: sortedUnique(reasons) };
  }

  const { nexus, assessment, alsoSuspect, approximateLink } = input;
  const reasons: Reason[] = [nexus === 'direct' ? 'direct_nexus' : 'temporal_nexus', ...assessment.reasons];
  let confidence: Confidence = nexus === 'direct' ? 'high' : 'medium';
  if (assessment.nonProtectedOther) {
    reasons.push('mixed_misdemeanor');
    confidence = ONE_STEP_DOWN[confidence];
  }
  if (assessment.nonProtectedFelony) {
    reasons.push('mixed_felony');
    confidence = 'low';
  }
  if (alsoSuspect) {
    reasons.push('also_suspect');
    confidence = 'low';
  }
  if (assessment.ambiguous) {
    reasons.push('ambiguous_subdivision');
    confidence = 'low';
  }
  if (assessment.allProtected) reasons.push('all_charges_protected');
  if (approximateLink) {
    reasons.push('approximate_link');
    confidence = ONE_STEP_DOWN[confidence];
  }
  return { confidence, reasons: sortedUnique(reasons) };
}
