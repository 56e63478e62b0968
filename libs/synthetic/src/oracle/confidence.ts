/**
 * Confidence and reasons of one report-rule flag (compliance-rules.md §7):
 * - start from the nexus: direct -> high, temporal -> medium;
 * - a non-protected charge with level M, I or no level: `mixed_misdemeanor`,
 *   one step down (high -> medium -> low);
 * - a non-protected charge with level F: `mixed_felony`, low;
 * - the person is also a suspect on the reported incident: `also_suspect`, low;
 * - a matched charge is PC 647 without subdivision: `ambiguous_subdivision`, low;
 * - every charge protected: `all_charges_protected`;
 * - reporter and action linked by a tolerant key only (issue 16): `approximate_link`, one step down;
 * - always `direct_nexus` or `temporal_nexus`, plus the matched charges'
 *   reasons (drug_level_inferred, code_book_inferred, pc372_context_unknown),
 *   which do not change the confidence.
 * Reasons come back de-duplicated and sorted.
 */
import type { Confidence, Reason } from '../model';
import { sortedUnique } from './order';
import type { ChargeAssessment } from './protected';

const ONE_STEP_DOWN: Readonly<Record<Confidence, Confidence>> = { high: 'medium', medium: 'low', low: 'low' };

export function assessConfidence(
  nexus: 'direct' | 'temporal',
  charges: ChargeAssessment,
  alsoSuspect: boolean,
  approximateLink = false,
): { confidence: Confidence; reasons: Reason[] } {
  const reasons: Reason[] = [nexus === 'direct' ? 'direct_nexus' : 'temporal_nexus', ...charges.matchReasons];
  let confidence: Confidence = nexus === 'direct' ? 'high' : 'medium';

  if (charges.nonProtectedOther) {
    reasons.push('mixed_misdemeanor');
    confidence = ONE_STEP_DOWN[confidence];
  }
  if (charges.nonProtectedFelony) {
    reasons.push('mixed_felony');
    confidence = 'low';
  }
  if (alsoSuspect) {
    reasons.push('also_suspect');
    confidence = 'low';
  }
  if (charges.matchReasons.includes('ambiguous_subdivision')) {
    confidence = 'low';
  }
  if (charges.allProtected) {
    reasons.push('all_charges_protected');
  }
  if (approximateLink) {
    reasons.push('approximate_link');
    confidence = ONE_STEP_DOWN[confidence];
  }
  return { confidence, reasons: sortedUnique(reasons) };
}
