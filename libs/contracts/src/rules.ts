/** The vocabulary of the compliance rules (compliance-rules.md §1 and §7), shared by the engine, the oracle and the API. */
export const RULE_IDS = ['sfpd-psw-2017', 'sfda-psw-2018', 'ca-pc-647.3', 'ca-sb357-repeal'] as const;
export type RuleId = (typeof RULE_IDS)[number];

export type Confidence = 'high' | 'medium' | 'low';
export type Nexus = 'direct' | 'temporal' | 'none';

/** The machine-readable reasons a flag carries (§7). */
export const REASONS = [
  'direct_nexus',
  'temporal_nexus',
  'all_charges_protected',
  'mixed_misdemeanor',
  'mixed_felony',
  'also_suspect',
  'drug_level_inferred',
  'code_book_inferred',
  'ambiguous_subdivision',
  'pc372_context_unknown',
  'repealed_statute',
  'approximate_link',
] as const;
export type Reason = (typeof REASONS)[number];
