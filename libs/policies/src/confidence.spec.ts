import type { ChargeAssessment } from './charges';
import { confidenceOf } from './confidence';

/** An assessment written by hand (not computed by assessCharges). */
function assessment(fields: Partial<ChargeAssessment>): ChargeAssessment {
  return {
    protectedCharges: ['PC 647(b)'],
    reasons: [],
    anyProtected: true,
    allProtected: true,
    nonProtectedFelony: false,
    nonProtectedOther: false,
    ambiguous: false,
    ...fields,
  };
}

describe('confidenceOf a report rule (§7)', () => {
  it('worked example 1: direct nexus, 647(b) only -> high', () => {
    expect(confidenceOf({ nexus: 'direct', assessment: assessment({}), alsoSuspect: false })).toEqual({
      confidence: 'high',
      reasons: ['all_charges_protected', 'direct_nexus'],
    });
  });

  it('worked example 2: temporal nexus, 647(b) only -> medium', () => {
    expect(confidenceOf({ nexus: 'temporal', assessment: assessment({}), alsoSuspect: false })).toEqual({
      confidence: 'medium',
      reasons: ['all_charges_protected', 'temporal_nexus'],
    });
  });

  it('worked example 5: 11377(a) HS/M with 459 PC/F -> low, mixed_felony', () => {
    const a = assessment({ protectedCharges: ['HS 11377(a)'], allProtected: false, nonProtectedFelony: true });
    expect(confidenceOf({ nexus: 'direct', assessment: a, alsoSuspect: false })).toEqual({ confidence: 'low', reasons: ['direct_nexus', 'mixed_felony'] });
    expect(confidenceOf({ nexus: 'temporal', assessment: a, alsoSuspect: false })).toEqual({ confidence: 'low', reasons: ['mixed_felony', 'temporal_nexus'] });
  });

  it('worked example 8: the DA files 647B/M/0 -> high, code_book_inferred', () => {
    expect(confidenceOf({ nexus: 'direct', assessment: assessment({ reasons: ['code_book_inferred'] }), alsoSuspect: false })).toEqual({
      confidence: 'high',
      reasons: ['all_charges_protected', 'code_book_inferred', 'direct_nexus'],
    });
  });

  it('another misdemeanor or infraction: one step down, mixed_misdemeanor', () => {
    const a = assessment({ allProtected: false, nonProtectedOther: true });
    expect(confidenceOf({ nexus: 'direct', assessment: a, alsoSuspect: false })).toEqual({ confidence: 'medium', reasons: ['direct_nexus', 'mixed_misdemeanor'] });
    expect(confidenceOf({ nexus: 'temporal', assessment: a, alsoSuspect: false })).toEqual({ confidence: 'low', reasons: ['mixed_misdemeanor', 'temporal_nexus'] });
  });

  it('a non-protected felony and misdemeanor: both reasons, low', () => {
    const a = assessment({ allProtected: false, nonProtectedOther: true, nonProtectedFelony: true });
    expect(confidenceOf({ nexus: 'direct', assessment: a, alsoSuspect: false })).toEqual({
      confidence: 'low',
      reasons: ['direct_nexus', 'mixed_felony', 'mixed_misdemeanor'],
    });
  });

  it('the person is also a suspect on the reported incident: low, also_suspect', () => {
    expect(confidenceOf({ nexus: 'direct', assessment: assessment({}), alsoSuspect: true })).toEqual({
      confidence: 'low',
      reasons: ['all_charges_protected', 'also_suspect', 'direct_nexus'],
    });
  });

  it('an ambiguous charge (647 with no subdivision): low', () => {
    const a = assessment({ protectedCharges: ['PC 647'], reasons: ['ambiguous_subdivision'], ambiguous: true });
    expect(confidenceOf({ nexus: 'direct', assessment: a, alsoSuspect: false })).toEqual({
      confidence: 'low',
      reasons: ['all_charges_protected', 'ambiguous_subdivision', 'direct_nexus'],
    });
  });

  it('drug_level_inferred, code_book_inferred and pc372_context_unknown do not lower the confidence', () => {
    const a = assessment({ protectedCharges: ['HS 11364', 'PC 372'], reasons: ['code_book_inferred', 'drug_level_inferred', 'pc372_context_unknown'] });
    expect(confidenceOf({ nexus: 'direct', assessment: a, alsoSuspect: false })).toEqual({
      confidence: 'high',
      reasons: ['all_charges_protected', 'code_book_inferred', 'direct_nexus', 'drug_level_inferred', 'pc372_context_unknown'],
    });
  });
});

describe('confidenceOf an approximate link (issue 16)', () => {
  it('direct, 647(b) only, linked by a tolerant key: high -> medium, approximate_link', () => {
    expect(confidenceOf({ nexus: 'direct', assessment: assessment({}), alsoSuspect: false, approximateLink: true })).toEqual({
      confidence: 'medium',
      reasons: ['all_charges_protected', 'approximate_link', 'direct_nexus'],
    });
  });

  it('temporal: medium -> low', () => {
    expect(confidenceOf({ nexus: 'temporal', assessment: assessment({}), alsoSuspect: false, approximateLink: true })).toEqual({
      confidence: 'low',
      reasons: ['all_charges_protected', 'approximate_link', 'temporal_nexus'],
    });
  });

  it('direct with another misdemeanor: high -> medium -> low (two steps)', () => {
    const a = assessment({ allProtected: false, nonProtectedOther: true });
    expect(confidenceOf({ nexus: 'direct', assessment: a, alsoSuspect: false, approximateLink: true })).toEqual({
      confidence: 'low',
      reasons: ['approximate_link', 'direct_nexus', 'mixed_misdemeanor'],
    });
  });

  it('low stays low', () => {
    const a = assessment({ allProtected: false, nonProtectedFelony: true });
    expect(confidenceOf({ nexus: 'direct', assessment: a, alsoSuspect: false, approximateLink: true })).toEqual({
      confidence: 'low',
      reasons: ['approximate_link', 'direct_nexus', 'mixed_felony'],
    });
  });

  it('an exact link (approximateLink false) is as before', () => {
    expect(confidenceOf({ nexus: 'direct', assessment: assessment({}), alsoSuspect: false, approximateLink: false })).toEqual({
      confidence: 'high',
      reasons: ['all_charges_protected', 'direct_nexus'],
    });
  });
});

describe('confidenceOf the SB 357 repeal', () => {
  it('high, repealed_statute', () => {
    expect(confidenceOf({ nexus: 'none', repealed: { charges: ['PC 653.22'], codeBookInferred: false } })).toEqual({
      confidence: 'high',
      reasons: ['repealed_statute'],
    });
  });
  it('plus code_book_inferred when a repealed charge had no code book', () => {
    expect(confidenceOf({ nexus: 'none', repealed: { charges: ['PC 653.22(a)'], codeBookInferred: true } })).toEqual({
      confidence: 'high',
      reasons: ['code_book_inferred', 'repealed_statute'],
    });
  });
});
