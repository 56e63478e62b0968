import type { Rng } from './rng';

/**
 * Charges as the agencies write them. Each has the full citation (arrests'
 * `booked_charges_statute`, DA `filed_charges_statute`) and the DA token
 * (`list_of_booked_charges`, and with a level in `list_of_filed_charges`).
 */
export interface ChargeForm {
  /** `647(b) PC/M`; a form without a level drops the suffix. */
  statute: string;
  /** `647B` */
  token: string;
  /** `M`, `F`, `I`, or null when the source gives no level. */
  level: 'M' | 'F' | 'I' | null;
  /** The level the DA files it at (DA tokens always carry one). */
  daLevel: 'M' | 'F' | 'I';
}

const c = (statute: string, token: string, level: ChargeForm['level'], daLevel: ChargeForm['daLevel'] = level ?? 'M'): ChargeForm => ({
  statute: level ? `${statute}/${level}` : statute,
  token,
  level,
  daLevel,
});

/** Protected under the three report rules (compliance-rules.md §5). */
export const PROTECTED = {
  solicitation: c('647(b) PC', '647B', 'M'),
  disorderly: c('647(a) PC', '647A', 'M'),
  loitering: c('653.22(a) PC', '653.22A', 'M'),
  nuisance: c('372 PC', '372', 'M'),
  methPossession: c('11377(a) HS', '11377A', 'M'),
  paraphernalia: c('11364 HS', '11364', 'M'),
  underInfluence: c('11550(a) HS', '11550A', 'M'),
  /** No level given: protected by inference (`drug_level_inferred`). */
  possessionNoLevel: c('11350(a) HS', '11350A', null),
  /** No subdivision: ambiguous (`ambiguous_subdivision`). */
  bare647: c('647 PC', '647', 'M'),
} as const;

/** The other section SB 357 repealed (653.22 is in PROTECTED); flagged by `ca-sb357-repeal` from 2023. */
export const REPEALED = { loitering2022: c('653.20(a) PC', '653.20A', 'M') } as const;

/** Not protected. */
export const FELONY_DRUG = [c('11352(a) HS', '11352A', 'F'), c('11351 HS', '11351', 'F'), c('11378 HS', '11378', 'F'), c('11379(a) HS', '11379A', null, 'F')] as const;
export const OTHER_FELONY = [c('459 PC', '459', 'F'), c('245(a)(1) PC', '245A1', 'F'), c('211 PC', '211', 'F'), c('487(a) PC', '487A', 'F')] as const;
export const OTHER_MISDEMEANOR = [c('148(a)(1) PC', '148A1', 'M'), c('415(1) PC', '4151', 'M'), c('602(o) PC', '602O', 'M'), c('484(a) PC', '484A', 'M')] as const;

/** Ordinary charges for arrests unrelated to any report, by incident category. */
export const CHARGES_BY_CATEGORY: Readonly<Record<string, readonly ChargeForm[]>> = {
  'Larceny Theft': [c('484(a) PC', '484A', 'M'), c('487(a) PC', '487A', 'F'), c('496(a) PC', '496A', 'M')],
  Assault: [c('245(a)(1) PC', '245A1', 'F'), c('242 PC', '242', 'M'), c('243(e)(1) PC', '243E1', 'M')],
  Robbery: [c('211 PC', '211', 'F')],
  Burglary: [c('459 PC', '459', 'F')],
  'Drug Offense': [PROTECTED.methPossession, PROTECTED.paraphernalia, c('11352(a) HS', '11352A', 'F'), c('11378 HS', '11378', 'F')],
  Prostitution: [PROTECTED.solicitation, PROTECTED.loitering, c('266h(a) PC', '266HA', 'F')],
  Warrant: [c('1203.2(a) PC', '1203.2A', 'M'), c('978.5 PC', '978.5', 'M')],
  'Motor Vehicle Theft': [c('10851(a) VC', '10851A', 'F')],
  'Malicious Mischief': [c('594(b)(1) PC', '594B1', 'F'), c('594(b)(2)(a) PC', '594B2A', 'M')],
  'Weapons Offense': [c('25400(a)(1) PC', '25400A1', 'F'), c('29800(a)(1) PC', '29800A1', 'F')],
  'Disorderly Conduct': [c('415(1) PC', '4151', 'M'), PROTECTED.disorderly],
  'Traffic Violation Arrest': [c('14601.1(a) VC', '14601.1A', 'M'), c('23152(a) VC', '23152A', 'M')],
};
export const DEFAULT_CHARGES: readonly ChargeForm[] = [c('148(a)(1) PC', '148A1', 'M'), c('602(o) PC', '602O', 'M')];

/** A few of the other spellings seen in the wild (compliance-rules.md §2). */
function variantStatute(charge: ChargeForm, rng: Rng): string {
  const m = /^(\d+(?:\.\d+)?)((?:\([a-z0-9]+\))*) (PC|HS|VC)$/i.exec(charge.statute.replace(/\/[MFI]$/, ''));
  if (!m) return charge.statute;
  const [, section, subs, book] = m;
  switch (rng.int(4)) {
    case 0:
      return `${book} ${section}${subs}`;
    case 1:
      return `${section}${subs.toUpperCase()} ${book}${charge.level ? `/${charge.level}` : ''}`;
    case 2:
      return book === 'HS' ? `${section}${subs} H&S${charge.level ? `/${charge.level}` : ''}` : charge.statute;
    default:
      return `${section}${subs.toUpperCase()} ${book}   ${book === 'PC' ? 'PENAL CODE VIOLATION' : 'CNTL SUBSTANCE'}`;
  }
}

/** How an arrest record writes its charges: both notations, or one of them. */
export function writeBookedCharges(charges: readonly ChargeForm[], rng: Rng): { statute: string; tokens: string } {
  const style = rng.next();
  const statute = charges.map((ch) => (rng.chance(0.1) ? variantStatute(ch, rng) : ch.statute)).join(';');
  const tokens = charges.map((ch) => ch.token).join(',');
  if (style < 0.6) return { statute, tokens };
  if (style < 0.85) return { statute, tokens: '' };
  return { statute: '', tokens };
}

/** DA tokens with level (`647B/M/0`), and sometimes the full citations as well. */
export function writeFiledCharges(charges: readonly ChargeForm[], rng: Rng): { list: string; statute: string } {
  const list = charges.map((ch) => `${ch.token}/${ch.daLevel}/0`).join(', ');
  // When the DA gives the level, the citation carries it too.
  const statute = rng.chance(0.4) ? charges.map((ch) => `${ch.statute.replace(/\/[MFI]$/, '')}/${ch.daLevel}`).join(';') : '';
  return { list, statute };
}
