import type { ChargeAssessment } from './protected';
import { assessConfidence } from './confidence';

const clean: ChargeAssessment = { protectedCharges: ['PC 647(b)'], matchReasons: [], nonProtectedFelony: false, nonProtectedOther: false, allProtected: true };
const mixedMisdemeanor: ChargeAssessment = { ...clean, nonProtectedOther: true, allProtected: false };
const mixedFelony: ChargeAssessment = { ...clean, nonProtectedFelony: true, allProtected: false };

describe('assessConfidence (§7)', () => {
  it('direct, all protected: high', () => {
    expect(assessConfidence('direct', clean, false)).toEqual({ confidence: 'high', reasons: ['all_charges_protected', 'direct_nexus'] });
  });
  it('temporal, all protected: medium', () => {
    expect(assessConfidence('temporal', clean, false)).toEqual({ confidence: 'medium', reasons: ['all_charges_protected', 'temporal_nexus'] });
  });
  it('mixed misdemeanor drops one step: direct -> medium, temporal -> low', () => {
    expect(assessConfidence('direct', mixedMisdemeanor, false)).toEqual({ confidence: 'medium', reasons: ['direct_nexus', 'mixed_misdemeanor'] });
    expect(assessConfidence('temporal', mixedMisdemeanor, false)).toEqual({ confidence: 'low', reasons: ['mixed_misdemeanor', 'temporal_nexus'] });
  });
  it('mixed felony: low', () => {
    expect(assessConfidence('direct', mixedFelony, false)).toEqual({ confidence: 'low', reasons: ['direct_nexus', 'mixed_felony'] });
  });
  it('a felony and a misdemeanor, both non-protected: both reasons, low', () => {
    expect(assessConfidence('direct', { ...mixedFelony, nonProtectedOther: true }, false)).toEqual({
      confidence: 'low',
      reasons: ['direct_nexus', 'mixed_felony', 'mixed_misdemeanor'],
    });
  });
  it('also suspect: low', () => {
    expect(assessConfidence('direct', clean, true)).toEqual({ confidence: 'low', reasons: ['all_charges_protected', 'also_suspect', 'direct_nexus'] });
  });
  it('ambiguous subdivision: low', () => {
    const ambiguous = { ...clean, protectedCharges: ['PC 647'], matchReasons: ['ambiguous_subdivision' as const] };
    expect(assessConfidence('direct', ambiguous, false)).toEqual({ confidence: 'low', reasons: ['all_charges_protected', 'ambiguous_subdivision', 'direct_nexus'] });
  });
  it('drug_level_inferred, code_book_inferred and pc372_context_unknown are carried but do not lower confidence', () => {
    const remarks: ChargeAssessment = { ...clean, matchReasons: ['code_book_inferred', 'drug_level_inferred', 'pc372_context_unknown'] };
    expect(assessConfidence('direct', remarks, false)).toEqual({
      confidence: 'high',
      reasons: ['all_charges_protected', 'code_book_inferred', 'direct_nexus', 'drug_level_inferred', 'pc372_context_unknown'],
    });
  });
});

describe('assessConfidence with an approximate link (issue 16)', () => {
  it('direct, all protected: high one step down to medium, approximate_link', () => {
    expect(assessConfidence('direct', clean, false, true)).toEqual({ confidence: 'medium', reasons: ['all_charges_protected', 'approximate_link', 'direct_nexus'] });
  });
  it('temporal, all protected: medium to low', () => {
    expect(assessConfidence('temporal', clean, false, true)).toEqual({ confidence: 'low', reasons: ['all_charges_protected', 'approximate_link', 'temporal_nexus'] });
  });
  it('direct with a misdemeanor: two steps, low', () => {
    expect(assessConfidence('direct', mixedMisdemeanor, false, true)).toEqual({ confidence: 'low', reasons: ['approximate_link', 'direct_nexus', 'mixed_misdemeanor'] });
  });
  it('also a suspect: low stays low', () => {
    expect(assessConfidence('direct', clean, true, true)).toEqual({ confidence: 'low', reasons: ['all_charges_protected', 'also_suspect', 'approximate_link', 'direct_nexus'] });
  });
});
