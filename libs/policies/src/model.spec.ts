import { PROVENANCES, REASONS, RULE_IDS } from './model';

describe('model', () => {
  it('the four rules of §1', () => {
    expect(RULE_IDS).toEqual(['sfpd-psw-2017', 'sfda-psw-2018', 'ca-pc-647.3', 'ca-sb357-repeal']);
  });

  it('the eleven reasons of §7, and approximate_link (issue 16)', () => {
    expect([...REASONS].sort()).toEqual(
      [
        'all_charges_protected',
        'also_suspect',
        'ambiguous_subdivision',
        'approximate_link',
        'code_book_inferred',
        'direct_nexus',
        'drug_level_inferred',
        'mixed_felony',
        'mixed_misdemeanor',
        'pc372_context_unknown',
        'repealed_statute',
        'temporal_nexus',
      ],
    );
  });

  it('three provenances', () => {
    expect(PROVENANCES).toEqual(['verified', 'secondary', 'inferred']);
  });
});
