/**
 * For the DEFAULT policies, this library decides what the reference oracle (libs/synthetic/src/oracle) decides.
 *
 * The oracle's own rowQualifies / assessCharges are not exported by `@sra/synthetic` (only evaluateReference is,
 * and a relative import of another project is refused by the module-boundary lint rule), so the comparison goes
 * through evaluateReference: one small case bundle per random input, built so that the flags the oracle returns
 * show exactly what its qualification and charge decisions were. The expected flags on our side come from
 * rowQualifies, auditsAction, assessCharges, confidenceOf and repealedCharges driven by DEFAULT_POLICIES.
 */
import fc from 'fast-check';
import { evaluateReference, type CaseBundle, type ExpectedFlag } from '@sra/synthetic';
import { auditsAction } from './audits';
import { assessCharges, chargesOf, repealedCharges } from './charges';
import { confidenceOf } from './confidence';
import { DEFAULT_POLICIES } from './defaults';
import type { PolicyDocument } from './model';
import { rowQualifies, type IncidentCodeRowLabels } from './qualify';
import { versionInForce } from './versions';

/** Charges as arrest and DA records write them. */
const CHARGE_POOL = [
  '647(b) PC',
  'PC 647(b)',
  '647(B) PC   PROSTITUTION',
  'Pen. Code § 647, subd. (b)',
  '647(a) PC',
  '647(a) PC/M',
  '647(b)(1) PC/M',
  '647 PC',
  '647',
  '647B/M/0',
  '647A/M/0',
  '647(f) PC/M',
  '647(h) PC',
  '664/647(b) PC',
  '653.22 PC',
  '653.22(a) PC/M',
  '653.22A/M/0',
  '653.20 PC',
  '653.23 PC/M',
  '372 PC',
  '372 PC/M',
  '11377(a) HS/M',
  '11377(A) HS-POSSESS CNTL SUBSTANCE',
  '11377A/M/0',
  '11377(a) HS/F',
  '11377(a) H&S/M',
  '11377 HSC',
  '11350(a) HS',
  '11350 HS/F',
  '11357(b) HS',
  '11364 HS',
  '11364',
  '11364.1 HS/M',
  '11364.1 HS',
  '11550(a) HS',
  '11550 H&S',
  '11351 HS',
  '11352 HS',
  '11352(a) HS/F',
  '11352',
  '11378 HS',
  '11379 HS/F',
  '11377(a) HS/I',
  '459 PC/F',
  '245(a)(1) PC/F',
  '245A1/F/0',
  '148(a)(1) PC/M',
  '148A1',
  '664/187A',
  '211 PC/F',
  '243(e)(1) PC/M',
  '415(1) PC/I',
  '602 PC/M',
  '23152(a) VC/M',
  '4060 BP/I',
  'PROSTITUTION',
];

/** (category, subcategory, code) as the SFPD catalog writes them (sfpd-incident-codes-2018-12.csv), plus Human Trafficking categories of later data. */
const ROW_POOL: IncidentCodeRowLabels[] = [
  { code: '01001', category: 'Homicide', subcategory: 'Homicide' },
  { code: '03011', category: 'Robbery', subcategory: 'Robbery - Street' },
  { code: '03074', category: 'Robbery', subcategory: 'Robbery - Other' },
  { code: '04014', category: 'Assault', subcategory: 'Aggravated Assault' },
  { code: '04073', category: 'Assault', subcategory: 'Aggravated Assault' },
  { code: '04074', category: 'Assault', subcategory: 'Aggravated Assault' },
  { code: '04080', category: 'Assault', subcategory: 'Aggravated Assault' },
  { code: '04082', category: 'Assault', subcategory: 'Aggravated Assault' },
  { code: '04084', category: 'Assault', subcategory: 'Aggravated Assault' },
  { code: '04134', category: 'Assault', subcategory: 'Simple Assault' },
  { code: '04144', category: 'Assault', subcategory: 'Simple Assault' },
  { code: '04154', category: 'Assault', subcategory: 'Simple Assault' },
  { code: '05041', category: 'Burglary', subcategory: 'Burglary - Residential' },
  { code: '05051', category: 'Burglary', subcategory: 'Burglary - Commercial' },
  { code: '05073', category: 'Burglary', subcategory: 'Burglary - Other' },
  { code: '05081', category: 'Burglary', subcategory: 'Burglary - Hot Prowl' },
  { code: '06126', category: 'Larceny Theft', subcategory: 'Larceny Theft - Other' },
  { code: '12026', category: 'Assault', subcategory: 'Aggravated Assault' },
  { code: '14040', category: 'Sex Offense', subcategory: 'Sex Offense' },
  { code: '14072', category: 'Rape', subcategory: 'Rape' },
  { code: '15015', category: 'Family Offense', subcategory: 'Child Abuse' },
  { code: '15040', category: 'Offences Against The Family And Children', subcategory: 'Family Offenses' },
  { code: '15200', category: 'Offences Against The Family And Children', subcategory: 'Other' },
  { code: '15201', category: 'Offences Against The Family And Children', subcategory: 'Stalking' },
  { code: '19055', category: 'Disorderly Conduct', subcategory: 'Intimidation' },
  { code: '19057', category: 'Disorderly Conduct', subcategory: 'Intimidation' },
  { code: '26100', category: 'Other Miscellaneous', subcategory: 'Extortion-Blackmail' },
  { code: '26141', category: 'Other Miscellaneous', subcategory: 'Kidnapping' },
  { code: '27171', category: 'Other Miscellaneous', subcategory: 'Intimidation' },
  { code: '29170', category: 'Juvenile Offenses', subcategory: 'Family Offenses' },
  { code: '16010', category: 'Drug Offense', subcategory: 'Drug Violation' },
  { code: '99001', category: 'Human Trafficking (A), Commercial Sex Acts', subcategory: 'Human Trafficking, Commercial Sex Acts' },
  { code: '99002', category: 'Human Trafficking, Commercial Sex Acts', subcategory: 'Human Trafficking, Commercial Sex Acts' },
  { code: '99003', category: 'Human Trafficking (B), Involuntary Servitude', subcategory: 'Human Trafficking, Involuntary Servitude' },
];

const REPORTED = '2024-03-09 23:05';
const HAPPENED = '2024-03-09 22:30';

type Comparable = Pick<ExpectedFlag, 'ruleId' | 'actionType' | 'confidence' | 'nexus' | 'protectedCharges' | 'reasons'>;

function comparable(flags: readonly Comparable[]): string[] {
  return flags
    .map((f) => JSON.stringify([f.ruleId, f.actionType, f.confidence, f.nexus, f.protectedCharges, f.reasons]))
    .sort();
}

/** One victim of one incident; one SFPD arrest and one DA decision `Charged`, both with the same charges. */
function bundleOf(row: IncidentCodeRowLabels, charges: string, direct: boolean, alsoSuspect: boolean): CaseBundle {
  const actionIncident = direct ? 'I1' : 'I2';
  return {
    incidentRows: [
      { incidentNumber: 'I1', incidentId: 'I1-1', incidentCode: row.code ?? '', category: row.category ?? '', subcategory: row.subcategory ?? '', incidentDatetime: HAPPENED, reportDatetime: REPORTED },
    ],
    personRoles: [
      { incidentNumber: 'I1', personKey: 'P', role: 'victim' },
      ...(alsoSuspect ? [{ incidentNumber: 'I1', personKey: 'P', role: 'suspect' as const }] : []),
    ],
    arrests: [
      {
        arrestId: 'A1',
        incidentNumber: actionIncident,
        personKey: 'P',
        arrestDatetime: '2024-03-10 19:05',
        arrestDate: null,
        agency: 'SFPD',
        custodyType: 'booked',
        bookedChargesStatute: charges,
        listOfBookedCharges: null,
      },
    ],
    decisions: [
      {
        decisionId: 'D1',
        incidentNumber: actionIncident,
        personKey: 'P',
        actionTaken: 'Charged',
        actionDate: '2024-03-11',
        arrestId: 'A1',
        arrestDate: '2024-03-10',
        listOfFiledCharges: null,
        filedChargesStatute: charges,
      },
    ],
  };
}

/** The flags this library gives for the same bundle. */
function ours(row: IncidentCodeRowLabels, charges: string, direct: boolean, alsoSuspect: boolean): Comparable[] {
  const parsed = chargesOf(charges);
  const actions = [
    { actionType: 'arrest' as const, audited: (p: PolicyDocument) => auditsAction(p, { kind: 'arrest', agency: 'SFPD' }) },
    { actionType: 'da_decision' as const, audited: (p: PolicyDocument) => auditsAction(p, { kind: 'da_decision' }) },
  ];
  const flags: Comparable[] = [];
  for (const ruleId of ['sfpd-psw-2017', 'sfda-psw-2018', 'ca-pc-647.3', 'ca-sb357-repeal'] as const) {
    // The report is dated 2024-03-09; the actions 2024-03-10 and 2024-03-11: the same versions either way.
    const policy = versionInForce(DEFAULT_POLICIES, ruleId, '2024-03-09')!;
    for (const action of actions) {
      if (!action.audited(policy)) continue;
      if (!policy.needsReport) {
        const repealed = repealedCharges(policy, parsed);
        if (repealed.charges.length === 0) continue;
        const { confidence, reasons } = confidenceOf({ nexus: 'none', repealed });
        flags.push({ ruleId, actionType: action.actionType, confidence, nexus: 'none', protectedCharges: repealed.charges, reasons });
        continue;
      }
      if (!rowQualifies(policy, row)) continue;
      const assessment = assessCharges(policy, parsed);
      if (!assessment.anyProtected) continue;
      const nexus = direct ? 'direct' : 'temporal';
      const { confidence, reasons } = confidenceOf({ nexus, assessment, alsoSuspect });
      flags.push({ ruleId, actionType: action.actionType, confidence, nexus, protectedCharges: assessment.protectedCharges, reasons });
    }
  }
  return flags;
}

const chargeList = fc
  .tuple(fc.array(fc.constantFrom(...CHARGE_POOL), { minLength: 1, maxLength: 5 }), fc.constantFrom('; ', ';', ', '))
  .map(([items, separator]) => items.join(separator));

/** A row from the pool, or one mixing the labels of three rows, written in other cases and spacing, the code unpadded. */
const row: fc.Arbitrary<IncidentCodeRowLabels> = fc.oneof(
  fc.constantFrom(...ROW_POOL),
  fc
    .tuple(
      fc.constantFrom(...ROW_POOL),
      fc.constantFrom(...ROW_POOL),
      fc.constantFrom(...ROW_POOL),
      fc.constantFrom((s: string) => s, (s: string) => s.toUpperCase(), (s: string) => s.toLowerCase(), (s: string) => ` ${s}  `),
      fc.boolean(),
    )
    .map(([a, b, c, spell, unpad]) => ({
      category: spell(a.category!),
      subcategory: spell(b.subcategory!),
      code: unpad ? String(Number(c.code)) : c.code,
    })),
);

describe('agreement with the reference oracle, DEFAULT policies', () => {
  it('qualification: the same rows qualify for each rule', () => {
    fc.assert(
      fc.property(row, (r) => {
        expect(comparable(ours(r, '647(b) PC', true, false))).toEqual(comparable(evaluateReference(bundleOf(r, '647(b) PC', true, false))));
      }),
      { numRuns: 400 },
    );
  });

  it('charges, confidence and reasons: the same flags for random charge lists', () => {
    fc.assert(
      fc.property(chargeList, fc.boolean(), fc.boolean(), (charges, direct, alsoSuspect) => {
        const robbery = ROW_POOL[2];
        expect(comparable(ours(robbery, charges, direct, alsoSuspect))).toEqual(comparable(evaluateReference(bundleOf(robbery, charges, direct, alsoSuspect))));
      }),
      { numRuns: 1000 },
    );
  });

  it('all together: random rows and charges', () => {
    fc.assert(
      fc.property(row, chargeList, fc.boolean(), fc.boolean(), (r, charges, direct, alsoSuspect) => {
        expect(comparable(ours(r, charges, direct, alsoSuspect))).toEqual(comparable(evaluateReference(bundleOf(r, charges, direct, alsoSuspect))));
      }),
      { numRuns: 500 },
    );
  });

  it('sanity: the bundles do produce flags (worked example 1, and example 5 with the DA decision)', () => {
    expect(comparable(ours(ROW_POOL[2], '647(b) PC', true, false))).toEqual(
      comparable([
        { ruleId: 'sfpd-psw-2017', actionType: 'arrest', confidence: 'high', nexus: 'direct', protectedCharges: ['PC 647(b)'], reasons: ['all_charges_protected', 'direct_nexus'] },
        { ruleId: 'ca-pc-647.3', actionType: 'arrest', confidence: 'high', nexus: 'direct', protectedCharges: ['PC 647(b)'], reasons: ['all_charges_protected', 'direct_nexus'] },
        { ruleId: 'sfda-psw-2018', actionType: 'da_decision', confidence: 'high', nexus: 'direct', protectedCharges: ['PC 647(b)'], reasons: ['all_charges_protected', 'direct_nexus'] },
      ]),
    );
    expect(comparable(ours(ROW_POOL[2], '11377(a) HS/M; 459 PC/F', false, false))).toEqual(
      comparable([
        { ruleId: 'sfpd-psw-2017', actionType: 'arrest', confidence: 'low', nexus: 'temporal', protectedCharges: ['HS 11377(a)'], reasons: ['mixed_felony', 'temporal_nexus'] },
        { ruleId: 'ca-pc-647.3', actionType: 'arrest', confidence: 'low', nexus: 'temporal', protectedCharges: ['HS 11377(a)'], reasons: ['mixed_felony', 'temporal_nexus'] },
        { ruleId: 'sfda-psw-2018', actionType: 'da_decision', confidence: 'low', nexus: 'temporal', protectedCharges: ['HS 11377(a)'], reasons: ['mixed_felony', 'temporal_nexus'] },
      ]),
    );
  });
});
