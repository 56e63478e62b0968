import * as policies from './index';

describe('@sra/policies', () => {
  it('exports the rules as data and the functions that read them', () => {
    expect(Object.keys(policies).sort()).toEqual(
      [
        'DEFAULT_POLICIES',
        'PROVENANCES',
        'REASONS',
        'RULE_IDS',
        'assessCharges',
        'auditsAction',
        'chargesOf',
        'checkVersionHistory',
        'confidenceOf',
        'dateProblem',
        'diffPolicies',
        'displayCharge',
        'flagSentence',
        'hoursPhrase',
        'incidentQualifies',
        'padIncidentCode',
        'protectedChargeReasons',
        'readCharges',
        'repealedCharges',
        'rowQualifies',
        'sortedUnique',
        'validatePolicy',
        'versionInForce',
      ].sort(),
    );
  });
});
