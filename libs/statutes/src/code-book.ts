/**
 * The code book: a short plain-language description of the statutes this project's data cites, and the level
 * (felony, misdemeanor, infraction) where the statute itself fixes it.
 *
 * Which statutes: every charge the synthetic generator writes (libs/synthetic/src/charges.ts), every code the
 * default policies list (libs/policies/src/defaults.ts), and the common SFPD and DA booking charges.
 *
 * How to read an entry:
 * - `code` is the statute in canonical notation (`PC 647(b)`). A lettered section is written as the law writes it
 *   (`PC 266h`, `PC 653m`); the parser reads it as section 266, subdivision h, and so does every charge that cites
 *   it (`266HA` is `PC 266h(a)`).
 * - A charge is described by the most specific entry that covers it: `PC 647(b)(1)` by `PC 647(b)`, a bare `PC 647`
 *   by `PC 647`. A subdivision with a different meaning has its own entry.
 * - `level` is set only where the statute makes every violation that level ("is guilty of a misdemeanor",
 *   "a felony", "an infraction"). A wobbler (felony or misdemeanor at the prosecutor's or court's choice), or a
 *   section whose level depends on priors, amounts or subdivisions, has no level: the charge as written says it.
 *   A level on an entry holds for all its subdivisions.
 * - `note`: anything a reader should know about the statute's history.
 *
 * Sources: the codes as published by the California Legislature (California Legislative Information,
 * leginfo.legislature.ca.gov, one page per code and section: `statuteSource`), and the San Francisco Police Code
 * (American Legal Publishing, codelibrary.amlegal.com) for `MC`. Descriptions are ours, in plain words; they
 * summarise, they do not quote.
 */
import type { CodeBook } from './types';

export type LevelWord = 'felony' | 'misdemeanor' | 'infraction';

export interface CodeBookEntry {
  code: string;
  description: string;
  level?: LevelWord;
  note?: string;
}

export interface CodeBookGroup {
  codeBook: CodeBook;
  /** The code's name, e.g. "California Penal Code". */
  title: string;
  entries: readonly CodeBookEntry[];
}

const F = 'felony' as const;
const M = 'misdemeanor' as const;
const I = 'infraction' as const;

const PENAL_CODE: readonly CodeBookEntry[] = [
  { code: 'PC 69', description: 'resisting or deterring an executive officer by threats or force' },
  { code: 'PC 148', description: 'resisting, delaying or obstructing an officer' },
  { code: 'PC 148(a)(1)', description: 'resisting, delaying or obstructing a peace officer', level: M },
  { code: 'PC 148.9', description: 'giving a false name to a peace officer', level: M },
  { code: 'PC 166(c)(1)', description: 'violating a protective or stay-away order', level: M },
  { code: 'PC 187', description: 'murder', level: F },
  { code: 'PC 207', description: 'kidnapping', level: F },
  { code: 'PC 211', description: 'robbery', level: F },
  { code: 'PC 215', description: 'carjacking', level: F },
  { code: 'PC 236.1', description: 'human trafficking', level: F },
  { code: 'PC 240', description: 'assault' },
  { code: 'PC 242', description: 'battery' },
  { code: 'PC 243(b)', description: 'battery on a peace officer, firefighter or other listed public worker', level: M },
  { code: 'PC 243(d)', description: 'battery causing serious bodily injury' },
  { code: 'PC 243(e)(1)', description: 'battery on a spouse, partner, former partner or co-parent (domestic battery)', level: M },
  { code: 'PC 243.4', description: 'sexual battery' },
  { code: 'PC 245', description: 'assault with a deadly weapon or with force likely to cause great bodily injury' },
  { code: 'PC 245(a)(1)', description: 'assault with a deadly weapon other than a firearm' },
  { code: 'PC 245(a)(2)', description: 'assault with a firearm' },
  { code: 'PC 245(a)(4)', description: 'assault with force likely to cause great bodily injury' },
  { code: 'PC 261', description: 'rape', level: F },
  { code: 'PC 266h', description: 'pimping', level: F },
  { code: 'PC 266i', description: 'pandering', level: F },
  { code: 'PC 273.5', description: 'inflicting injury on a spouse, partner or co-parent' },
  { code: 'PC 273.6', description: 'violating a protective order' },
  { code: 'PC 314', description: 'indecent exposure' },
  { code: 'PC 372', description: 'maintaining or committing a public nuisance', level: M },
  { code: 'PC 415', description: 'disturbing the peace' },
  { code: 'PC 415(1)', description: 'disturbing the peace: fighting or challenging someone to fight in public' },
  { code: 'PC 415(2)', description: 'disturbing the peace: loud and unreasonable noise' },
  { code: 'PC 415(3)', description: 'disturbing the peace: offensive words in public likely to provoke violence' },
  { code: 'PC 417', description: 'brandishing a weapon or firearm' },
  { code: 'PC 422', description: 'criminal threats' },
  { code: 'PC 451', description: 'arson', level: F },
  { code: 'PC 459', description: 'burglary' },
  { code: 'PC 459.5', description: 'shoplifting' },
  { code: 'PC 470', description: 'forgery' },
  { code: 'PC 484', description: 'theft' },
  { code: 'PC 487', description: 'grand theft' },
  { code: 'PC 487(a)', description: 'grand theft (property worth more than $950)' },
  { code: 'PC 488', description: 'petty theft' },
  { code: 'PC 490.2', description: 'petty theft (property worth $950 or less)' },
  { code: 'PC 496', description: 'receiving or concealing stolen property' },
  { code: 'PC 530.5', description: 'identity theft' },
  { code: 'PC 594', description: 'vandalism' },
  { code: 'PC 594(b)(1)', description: 'vandalism causing $400 or more of damage' },
  { code: 'PC 594(b)(2)(a)', description: 'vandalism causing less than $400 of damage', level: M },
  { code: 'PC 602', description: 'trespass' },
  { code: 'PC 602(o)', description: 'trespass: refusing to leave private property when asked', level: M },
  { code: 'PC 646.9', description: 'stalking' },
  { code: 'PC 647', description: 'disorderly conduct', level: M },
  { code: 'PC 647(a)', description: 'lewd conduct in public', level: M },
  { code: 'PC 647(b)', description: 'prostitution', level: M },
  { code: 'PC 647(c)', description: 'accosting people in public to beg', level: M },
  { code: 'PC 647(d)', description: 'loitering in a public toilet for a lewd or unlawful act', level: M },
  { code: 'PC 647(e)', description: 'lodging in a building, vehicle or place without permission', level: M },
  { code: 'PC 647(f)', description: 'public intoxication', level: M },
  { code: 'PC 647(h)', description: 'loitering or prowling on private property', level: M },
  { code: 'PC 647(i)', description: 'peeking into an inhabited building while loitering', level: M },
  { code: 'PC 647(j)', description: 'invasion of privacy', level: M },
  { code: 'PC 653.20', description: 'definitions for loitering with intent to commit prostitution (PC 653.22)', note: 'SB 357 (2022) ended the loitering-for-prostitution offense from 2023-01-01.' },
  { code: 'PC 653.22', description: 'loitering with intent to commit prostitution', level: M, note: 'Repealed from 2023-01-01 by SB 357 (2022).' },
  { code: 'PC 653m', description: 'annoying or threatening phone calls or electronic messages', level: M },
  { code: 'PC 664', description: 'attempt to commit a crime' },
  { code: 'PC 853.7', description: 'failing to appear in court after a written promise to appear', level: M },
  { code: 'PC 978.5', description: 'bench warrant for failing to appear in court' },
  { code: 'PC 1203.2', description: 'probation violation' },
  { code: 'PC 3056', description: 'parole violation' },
  { code: 'PC 3455', description: 'violation of post-release community supervision' },
  { code: 'PC 21310', description: 'carrying a concealed dirk or dagger' },
  { code: 'PC 25400', description: 'carrying a concealed firearm' },
  { code: 'PC 25400(a)(1)', description: 'carrying a concealed firearm in a vehicle' },
  { code: 'PC 25400(a)(2)', description: 'carrying a concealed firearm on the person' },
  { code: 'PC 25850', description: 'carrying a loaded firearm in public' },
  { code: 'PC 29800', description: 'possession of a firearm by a prohibited person' },
  { code: 'PC 29800(a)(1)', description: 'possession of a firearm after a felony conviction (or by a person addicted to narcotics)', level: F },
];

const HEALTH_AND_SAFETY_CODE: readonly CodeBookEntry[] = [
  { code: 'HS 11350', description: 'possession of a controlled substance' },
  { code: 'HS 11351', description: 'possession of a controlled substance for sale', level: F },
  { code: 'HS 11351.5', description: 'possession of cocaine base for sale', level: F },
  { code: 'HS 11352', description: 'selling, transporting or giving away a controlled substance', level: F },
  { code: 'HS 11357', description: 'possession of cannabis' },
  { code: 'HS 11359', description: 'possession of cannabis for sale' },
  { code: 'HS 11360', description: 'selling, transporting or giving away cannabis' },
  { code: 'HS 11364', description: 'possession of drug paraphernalia', level: M },
  { code: 'HS 11366', description: 'keeping a place for using or selling controlled substances' },
  { code: 'HS 11370.1', description: 'possession of a controlled substance while armed with a loaded firearm', level: F },
  { code: 'HS 11377', description: 'possession of a controlled substance (such as methamphetamine)' },
  { code: 'HS 11378', description: 'possession of a controlled substance (such as methamphetamine) for sale', level: F },
  { code: 'HS 11379', description: 'selling, transporting or giving away a controlled substance (such as methamphetamine)', level: F },
  { code: 'HS 11550', description: 'being under the influence of a controlled substance' },
  { code: 'HS 11550(a)', description: 'being under the influence of a controlled substance', level: M },
];

const VEHICLE_CODE: readonly CodeBookEntry[] = [
  { code: 'VC 2800.1', description: 'evading a peace officer', level: M },
  { code: 'VC 2800.2', description: 'evading a peace officer with reckless driving' },
  { code: 'VC 10851', description: "taking or driving a vehicle without the owner's consent" },
  { code: 'VC 12500', description: "driving without a valid driver's license" },
  { code: 'VC 14601.1', description: 'driving with a suspended or revoked license', level: M },
  { code: 'VC 20001', description: 'hit and run causing injury or death' },
  { code: 'VC 20002', description: 'hit and run causing property damage', level: M },
  { code: 'VC 23152', description: 'driving under the influence' },
  { code: 'VC 23152(a)', description: 'driving under the influence of alcohol' },
  { code: 'VC 23152(b)', description: 'driving with a blood alcohol level of 0.08% or more' },
  { code: 'VC 23152(f)', description: 'driving under the influence of a drug' },
  { code: 'VC 23153', description: 'driving under the influence causing injury' },
  { code: 'VC 40508(a)', description: 'failing to appear on a traffic citation', level: M },
];

const BUSINESS_AND_PROFESSIONS_CODE: readonly CodeBookEntry[] = [
  { code: 'BP 25620', description: 'open container of alcohol in a public place where a local ordinance forbids it', level: I },
];

const WELFARE_AND_INSTITUTIONS_CODE: readonly CodeBookEntry[] = [
  { code: 'WI 5150', description: 'held for a mental health evaluation (not a crime)' },
];

const SF_POLICE_CODE: readonly CodeBookEntry[] = [
  { code: 'MC 21', description: 'drinking alcohol on a public street or sidewalk' },
  { code: 'MC 168', description: 'sitting or lying on a public sidewalk (7 a.m. to 11 p.m.)' },
];

export const CODE_BOOK: readonly CodeBookGroup[] = [
  { codeBook: 'PC', title: 'California Penal Code', entries: PENAL_CODE },
  { codeBook: 'HS', title: 'California Health and Safety Code', entries: HEALTH_AND_SAFETY_CODE },
  { codeBook: 'VC', title: 'California Vehicle Code', entries: VEHICLE_CODE },
  { codeBook: 'BP', title: 'California Business and Professions Code', entries: BUSINESS_AND_PROFESSIONS_CODE },
  { codeBook: 'WI', title: 'California Welfare and Institutions Code', entries: WELFARE_AND_INSTITUTIONS_CODE },
  { codeBook: 'MC', title: 'San Francisco Police Code', entries: SF_POLICE_CODE },
];
