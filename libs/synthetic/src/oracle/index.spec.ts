/**
 * The oracle end to end. Every expectation here is worked out by hand from
 * compliance-rules.md and the semantics list in index.ts, never computed by
 * the code under test.
 */
import type { ArrestRecord, CaseBundle, DaDecisionRecord, ExpectedFlag } from '../model';
import { evaluateReference } from './index';
import { arrest, bundle, decision, incident, role } from './test-builders';

const P = 'person-P';
const INC = '240158822';
const OTHER_INC = '240160001';

/** Example 1's robbery: incident 22:40, reported 2024-03-09 23:05 PST. */
const robbery = incident(INC, 'robbery', '2024-03-09 22:40', '2024-03-09 23:05');

/** Example 1's arrest: SFPD, 23:40 the same evening, same incident, 647(b) PC, booked. */
function arrestA1(fields: Partial<ArrestRecord> = {}): ArrestRecord {
  return arrest({ arrestId: 'A1', incidentNumber: INC, personKey: P, arrestDatetime: '2024-03-09 23:40', bookedChargesStatute: '647(b) PC', ...fields });
}

/** A flag about arrest A1 of person P on the report of incident INC, as in example 1; fields overridden as given. */
function a1Flag(fields: Partial<ExpectedFlag> & Pick<ExpectedFlag, 'ruleId'>): ExpectedFlag {
  return {
    confidence: 'high',
    nexus: 'direct',
    agency: 'SFPD',
    reportIncidentNumber: INC,
    personKey: P,
    actionType: 'arrest',
    actionId: 'A1',
    actionDatetime: '2024-03-09 23:40',
    protectedCharges: ['PC 647(b)'],
    reasons: ['all_charges_protected', 'direct_nexus'],
    ...fields,
  };
}

/** Both arrest rules (sorted: ca-pc-647.3 before sfpd-psw-2017) with the same fields. */
function bothArrestRules(fields: Partial<ExpectedFlag> = {}): ExpectedFlag[] {
  return [a1Flag({ ruleId: 'ca-pc-647.3', ...fields }), a1Flag({ ruleId: 'sfpd-psw-2017', ...fields })];
}

function example1(arrestFields: Partial<ArrestRecord> = {}): CaseBundle {
  return bundle({ incidentRows: [robbery], personRoles: [role(INC, P, 'victim')], arrests: [arrestA1(arrestFields)] });
}

describe('worked examples (compliance-rules.md §9)', () => {
  it('1: victim of robbery, SFPD arrest same incident for 647(b): sfpd-psw-2017 high, ca-pc-647.3 high', () => {
    expect(evaluateReference(example1())).toEqual(bothArrestRules());
  });

  it('2: arrest under another incident number 20 hours after the report: both rules, medium (temporal)', () => {
    // 2024-03-09 23:05 PST = 03-10 07:05Z; 20 h later = 03-11 03:05Z = 2024-03-10 20:05 PDT.
    const b = example1({ incidentNumber: OTHER_INC, arrestDatetime: '2024-03-10 20:05' });
    expect(evaluateReference(b)).toEqual(
      bothArrestRules({ nexus: 'temporal', confidence: 'medium', actionDatetime: '2024-03-10 20:05', reasons: ['all_charges_protected', 'temporal_nexus'] }),
    );
  });

  it('3: arrest 10 days later (under another incident number): none', () => {
    expect(evaluateReference(example1({ incidentNumber: OTHER_INC, arrestDatetime: '2024-03-19 23:40' }))).toEqual([]);
  });

  it('4: charge 11352 HS (sale): none', () => {
    expect(evaluateReference(example1({ bookedChargesStatute: '11352 HS' }))).toEqual([]);
  });

  it('5: charges 11377(a) HS/M; 459 PC/F: both rules, low (mixed_felony)', () => {
    expect(evaluateReference(example1({ bookedChargesStatute: '11377(a) HS/M; 459 PC/F' }))).toEqual(
      bothArrestRules({ confidence: 'low', protectedCharges: ['HS 11377(a)'], reasons: ['direct_nexus', 'mixed_felony'] }),
    );
  });

  it('6: victim of battery (04134), arrested same incident for 647(b): sfpd-psw-2017 high, no 647.3 flag', () => {
    const b = bundle({
      incidentRows: [incident(INC, 'battery', '2024-03-09 22:40', '2024-03-09 23:05')],
      personRoles: [role(INC, P, 'victim')],
      arrests: [arrestA1()],
    });
    expect(evaluateReference(b)).toEqual([a1Flag({ ruleId: 'sfpd-psw-2017' })]);
  });

  it('7: suspect (not victim) on a robbery, arrested for 647(b): none', () => {
    const b = bundle({ incidentRows: [robbery], personRoles: [role(INC, P, 'suspect')], arrests: [arrestA1()] });
    expect(evaluateReference(b)).toEqual([]);
  });

  const rape = incident(INC, 'rape', '2024-03-09 22:40', '2024-03-09 23:05');
  const d1 = (fields: Partial<DaDecisionRecord> = {}) =>
    decision({ decisionId: 'D1', incidentNumber: INC, personKey: P, actionDate: '2024-03-12', listOfFiledCharges: '647B/M/0', ...fields });

  it('8: DA charges P (filed 647B/M/0) on the incident P reported as victim of rape: sfda-psw-2018 high', () => {
    const b = bundle({ incidentRows: [rape], personRoles: [role(INC, P, 'victim')], decisions: [d1()] });
    expect(evaluateReference(b)).toEqual([
      {
        ruleId: 'sfda-psw-2018',
        confidence: 'high',
        nexus: 'direct',
        agency: 'SFDA',
        reportIncidentNumber: INC,
        personKey: P,
        actionType: 'da_decision',
        actionId: 'D1',
        actionDatetime: '2024-03-12',
        protectedCharges: ['PC 647(b)'],
        reasons: ['all_charges_protected', 'code_book_inferred', 'direct_nexus'],
      },
    ]);
  });

  it('9: DA decision Discharged for the same: none', () => {
    const b = bundle({ incidentRows: [rape], personRoles: [role(INC, P, 'victim')], decisions: [d1({ actionTaken: 'Discharged' })] });
    expect(evaluateReference(b)).toEqual([]);
  });

  it('10: anyone arrested for 653.22 PC on 2023-02-01: ca-sb357-repeal', () => {
    const b = bundle({
      arrests: [arrest({ arrestId: 'A10', incidentNumber: '230070001', personKey: 'person-Q', arrestDatetime: '2023-02-01 21:15', bookedChargesStatute: '653.22 PC' })],
    });
    expect(evaluateReference(b)).toEqual([
      {
        ruleId: 'ca-sb357-repeal',
        confidence: 'high',
        nexus: 'none',
        agency: 'SFPD',
        reportIncidentNumber: null,
        personKey: 'person-Q',
        actionType: 'arrest',
        actionId: 'A10',
        actionDatetime: '2023-02-01 21:15',
        protectedCharges: ['PC 653.22'],
        reasons: ['repealed_statute'],
      },
    ]);
  });

  it('11: example 1 dated 2017-06-01 (before every policy): none', () => {
    const b = bundle({
      incidentRows: [incident(INC, 'robbery', '2017-06-01 22:40', '2017-06-01 23:05')],
      personRoles: [role(INC, P, 'victim')],
      arrests: [arrestA1({ arrestDatetime: '2017-06-01 23:40' })],
    });
    expect(evaluateReference(b)).toEqual([]);
  });
});

describe('who reports', () => {
  it('a witness is covered', () => {
    const b = bundle({ incidentRows: [robbery], personRoles: [role(INC, P, 'witness')], arrests: [arrestA1()] });
    expect(evaluateReference(b)).toEqual(bothArrestRules());
  });

  it('a reporting party alone is not covered', () => {
    const b = bundle({ incidentRows: [robbery], personRoles: [role(INC, P, 'reporting party')], arrests: [arrestA1()] });
    expect(evaluateReference(b)).toEqual([]);
  });

  it('a reporting party who is also the victim is covered, once', () => {
    const b = bundle({ incidentRows: [robbery], personRoles: [role(INC, P, 'reporting party'), role(INC, P, 'victim')], arrests: [arrestA1()] });
    expect(evaluateReference(b)).toEqual(bothArrestRules());
  });

  it('several covered roles of one person on one incident give one report', () => {
    const b = bundle({
      incidentRows: [robbery],
      personRoles: [role(INC, P, 'victim'), role(INC, P, 'witness'), role(INC, P, 'victim')],
      arrests: [arrestA1()],
    });
    expect(evaluateReference(b)).toEqual(bothArrestRules());
  });

  it('victim and also suspect: low, also_suspect', () => {
    const b = bundle({ incidentRows: [robbery], personRoles: [role(INC, P, 'victim'), role(INC, P, 'suspect')], arrests: [arrestA1()] });
    expect(evaluateReference(b)).toEqual(bothArrestRules({ confidence: 'low', reasons: ['all_charges_protected', 'also_suspect', 'direct_nexus'] }));
  });

  it("only the reporting person's own actions count", () => {
    const b = bundle({ incidentRows: [robbery], personRoles: [role(INC, P, 'victim')], arrests: [arrestA1({ personKey: 'person-R' })] });
    expect(evaluateReference(b)).toEqual([]);
  });

  it('roles on an incident number with no incident rows make no report', () => {
    const b = bundle({ incidentRows: [], personRoles: [role(INC, P, 'victim')], arrests: [arrestA1()] });
    expect(evaluateReference(b)).toEqual([]);
  });
});

describe('qualifying incidents', () => {
  const single = (code: Parameters<typeof incident>[1]) =>
    bundle({ incidentRows: [incident(INC, code, '2024-03-09 22:40', '2024-03-09 23:05')], personRoles: [role(INC, P, 'victim')], arrests: [arrestA1()] });

  it('an excluded code (04073, assault on an officer) does not qualify although its category is Assault', () => {
    expect(evaluateReference(single('assaultOnOfficer'))).toEqual([]);
  });

  it('a subcategory alone qualifies (15201 Stalking, category Offences Against The Family And Children)', () => {
    expect(evaluateReference(single('stalking'))).toEqual(bothArrestRules());
  });

  it('an SF-only category (05051 commercial burglary): SFPD flag, no 647.3', () => {
    expect(evaluateReference(single('commercialBurglary'))).toEqual([a1Flag({ ruleId: 'sfpd-psw-2017' })]);
  });

  it('a 647.3-only code (19057 terrorist threats) qualifies for both through Intimidation / its code', () => {
    expect(evaluateReference(single('terroristThreats'))).toEqual(bothArrestRules());
  });

  it('a non-qualifying incident (theft): none', () => {
    expect(evaluateReference(single('theft'))).toEqual([]);
  });

  it('any row qualifies the incident: a theft with a robbery supplement', () => {
    const b = bundle({
      incidentRows: [incident(INC, 'theft', '2024-03-09 22:40', '2024-03-09 23:05'), incident(INC, 'robbery', '2024-03-09 22:40', '2024-03-10 12:00', `${INC}-2`)],
      personRoles: [role(INC, P, 'victim')],
      arrests: [arrestA1()],
    });
    expect(evaluateReference(b)).toEqual(bothArrestRules());
  });

  it('the window runs from the earliest report time among the rows', () => {
    // First report 2024-06-01 10:00 PDT, supplement 2024-06-03 10:00: window end 2024-06-04 10:00.
    const rows = [
      incident(INC, 'theft', '2024-06-01 09:00', '2024-06-01 10:00'),
      incident(INC, 'robbery', '2024-06-01 09:00', '2024-06-03 10:00', `${INC}-2`),
    ];
    const at = (arrestDatetime: string) =>
      bundle({ incidentRows: rows, personRoles: [role(INC, P, 'victim')], arrests: [arrestA1({ incidentNumber: OTHER_INC, arrestDatetime })] });
    expect(evaluateReference(at('2024-06-04 10:00')).map((f) => [f.ruleId, f.nexus, f.confidence])).toEqual([
      ['ca-pc-647.3', 'temporal', 'medium'],
      ['sfpd-psw-2017', 'temporal', 'medium'],
    ]);
    expect(evaluateReference(at('2024-06-05 10:00'))).toEqual([]);
  });
});

describe('rule start dates (report time, local date)', () => {
  const at = (reportDatetime: string, incidentDatetime = reportDatetime) =>
    bundle({
      incidentRows: [incident(INC, 'robbery', incidentDatetime, reportDatetime)],
      personRoles: [role(INC, P, 'victim')],
      arrests: [arrestA1({ arrestDatetime: null, arrestDate: '2030-01-01' })],
      decisions: [decision({ decisionId: 'D1', incidentNumber: INC, personKey: P, actionDate: '2030-01-02', filedChargesStatute: '647(b) PC/M' })],
    });
  const rules = (b: CaseBundle) => evaluateReference(b).map((f) => f.ruleId);

  it('sfpd-psw-2017 from 2017-12-01', () => {
    expect(rules(at('2017-11-30 23:59'))).toEqual([]);
    expect(rules(at('2017-12-01 00:00'))).toEqual(['sfpd-psw-2017']);
  });
  it('sfda-psw-2018 from 2018-01-11', () => {
    expect(rules(at('2018-01-10 23:59'))).toEqual(['sfpd-psw-2017']);
    expect(rules(at('2018-01-11 00:00'))).toEqual(['sfda-psw-2018', 'sfpd-psw-2017']);
  });
  it('ca-pc-647.3 from 2020-01-01', () => {
    expect(rules(at('2019-12-31 23:59'))).toEqual(['sfda-psw-2018', 'sfpd-psw-2017']);
    expect(rules(at('2020-01-01 00:00'))).toEqual(['ca-pc-647.3', 'sfda-psw-2018', 'sfpd-psw-2017']);
  });
  it('the report time decides, not the incident time', () => {
    expect(rules(at('2020-01-01 00:30', '2019-12-31 23:00'))).toEqual(['ca-pc-647.3', 'sfda-psw-2018', 'sfpd-psw-2017']);
  });
});

describe('protected charges on the action', () => {
  it('647 with no subdivision: matches, low, ambiguous_subdivision', () => {
    expect(evaluateReference(example1({ bookedChargesStatute: '647 PC' }))).toEqual(
      bothArrestRules({ confidence: 'low', protectedCharges: ['PC 647'], reasons: ['all_charges_protected', 'ambiguous_subdivision', 'direct_nexus'] }),
    );
  });

  it('372: high, pc372_context_unknown', () => {
    expect(evaluateReference(example1({ bookedChargesStatute: '372 PC/M' }))).toEqual(
      bothArrestRules({ protectedCharges: ['PC 372'], reasons: ['all_charges_protected', 'direct_nexus', 'pc372_context_unknown'] }),
    );
  });

  it('11350 HS without level: protected, drug_level_inferred', () => {
    expect(evaluateReference(example1({ bookedChargesStatute: '11350 HS' }))).toEqual(
      bothArrestRules({ protectedCharges: ['HS 11350'], reasons: ['all_charges_protected', 'direct_nexus', 'drug_level_inferred'] }),
    );
  });

  it('DA-style token list only: code_book_inferred', () => {
    expect(evaluateReference(example1({ bookedChargesStatute: null, listOfBookedCharges: '647B' }))).toEqual(
      bothArrestRules({ reasons: ['all_charges_protected', 'code_book_inferred', 'direct_nexus'] }),
    );
  });

  it('full citations are preferred to the token list; an empty citation field falls back to the tokens', () => {
    expect(evaluateReference(example1({ bookedChargesStatute: '647(b) PC', listOfBookedCharges: '647B,11352' }))).toEqual(bothArrestRules());
    expect(evaluateReference(example1({ bookedChargesStatute: '  ', listOfBookedCharges: '647B,11352' }))).toEqual(
      bothArrestRules({ reasons: ['code_book_inferred', 'direct_nexus', 'mixed_misdemeanor'], confidence: 'medium' }),
    );
  });

  it('mixed misdemeanor, direct: medium', () => {
    expect(evaluateReference(example1({ bookedChargesStatute: '647(b) PC/M; 148(a)(1) PC/M' }))).toEqual(
      bothArrestRules({ confidence: 'medium', reasons: ['direct_nexus', 'mixed_misdemeanor'] }),
    );
  });

  it('mixed misdemeanor, temporal: low', () => {
    const b = example1({ incidentNumber: OTHER_INC, arrestDatetime: '2024-03-10 20:05', bookedChargesStatute: '647(b) PC/M; 148(a)(1) PC/M' });
    expect(evaluateReference(b)).toEqual(
      bothArrestRules({ nexus: 'temporal', confidence: 'low', actionDatetime: '2024-03-10 20:05', reasons: ['mixed_misdemeanor', 'temporal_nexus'] }),
    );
  });

  it('felony drug sale 11352 HS or possession for sale 11378 HS: none', () => {
    expect(evaluateReference(example1({ bookedChargesStatute: '11352(a) HS' }))).toEqual([]);
    expect(evaluateReference(example1({ bookedChargesStatute: '11378 HS; 11379 HS' }))).toEqual([]);
    expect(evaluateReference(example1({ bookedChargesStatute: '11377(a) HS/F' }))).toEqual([]);
  });

  it('an attempt of a protected section counts as that section', () => {
    expect(evaluateReference(example1({ bookedChargesStatute: '664/647(b) PC/M' }))).toEqual(bothArrestRules());
  });

  it('several protected charges: normalised, de-duplicated, sorted (and 653.22 in 2024 is also an SB 357 flag)', () => {
    expect(evaluateReference(example1({ bookedChargesStatute: '653.22(a) PC/M; 647(B) PC   PROSTITUTION; 11377(A) HS/M; 647(b) PC' }))).toEqual([
      a1Flag({ ruleId: 'ca-pc-647.3', protectedCharges: ['HS 11377(a)', 'PC 647(b)', 'PC 653.22(a)'] }),
      a1Flag({ ruleId: 'ca-sb357-repeal', reportIncidentNumber: null, nexus: 'none', protectedCharges: ['PC 653.22(a)'], reasons: ['repealed_statute'] }),
      a1Flag({ ruleId: 'sfpd-psw-2017', protectedCharges: ['HS 11377(a)', 'PC 647(b)', 'PC 653.22(a)'] }),
    ]);
  });
});

describe('agencies', () => {
  it('a non-SFPD agency (SFSO): ca-pc-647.3 only', () => {
    expect(evaluateReference(example1({ agency: 'SFSO' }))).toEqual([a1Flag({ ruleId: 'ca-pc-647.3', agency: 'SFSO' })]);
  });
  it('agency case does not matter, and is upper-cased on the flag', () => {
    expect(evaluateReference(example1({ agency: 'sfpd' }))).toEqual(bothArrestRules());
    expect(evaluateReference(example1({ agency: 'chp' }))).toEqual([a1Flag({ ruleId: 'ca-pc-647.3', agency: 'CHP' })]);
  });
  it('a cited arrest counts like a booked one', () => {
    expect(evaluateReference(example1({ custodyType: 'cited' }))).toEqual(bothArrestRules());
  });
});

describe('time window (24 h before the incident, 72 h after the report, inclusive, real instants)', () => {
  // Incident 2024-06-01 09:00 PDT, reported 10:00 PDT: window [2024-05-31 09:00, 2024-06-04 10:00] local.
  const june = incident(INC, 'robbery', '2024-06-01 09:00', '2024-06-01 10:00');
  const otherIncidentArrest = (fields: Partial<ArrestRecord>) =>
    bundle({ incidentRows: [june], personRoles: [role(INC, P, 'victim')], arrests: [arrestA1({ incidentNumber: OTHER_INC, ...fields })] });
  const nexusOf = (b: CaseBundle) => evaluateReference(b).map((f) => `${f.ruleId} ${f.nexus} ${f.confidence}`);
  const TEMPORAL = ['ca-pc-647.3 temporal medium', 'sfpd-psw-2017 temporal medium'];

  it('exactly 72 h after the report flags; 72 h 1 min does not', () => {
    expect(nexusOf(otherIncidentArrest({ arrestDatetime: '2024-06-04 10:00' }))).toEqual(TEMPORAL);
    expect(nexusOf(otherIncidentArrest({ arrestDatetime: '2024-06-04 10:01' }))).toEqual([]);
  });

  it('exactly 24 h before the incident flags; 24 h 1 min does not', () => {
    expect(nexusOf(otherIncidentArrest({ arrestDatetime: '2024-05-31 09:00' }))).toEqual(TEMPORAL);
    expect(nexusOf(otherIncidentArrest({ arrestDatetime: '2024-05-31 08:59' }))).toEqual([]);
  });

  it("an arrest with a date only counts when that day overlaps the window: the window's last day does", () => {
    const b = otherIncidentArrest({ arrestDatetime: null, arrestDate: '2024-06-04' });
    expect(evaluateReference(b)).toEqual(
      bothArrestRules({ nexus: 'temporal', confidence: 'medium', actionDatetime: '2024-06-04', reasons: ['all_charges_protected', 'temporal_nexus'] }),
    );
    expect(evaluateReference(otherIncidentArrest({ arrestDatetime: null, arrestDate: '2024-06-05' }))).toEqual([]);
    expect(nexusOf(otherIncidentArrest({ arrestDatetime: null, arrestDate: '2024-05-31' }))).toEqual(TEMPORAL);
    expect(nexusOf(otherIncidentArrest({ arrestDatetime: null, arrestDate: '2024-05-30' }))).toEqual([]);
  });

  it('across spring-forward: 23:05 PST to 23:05 PDT three days later is 71 real hours (flag); 00:06 PDT is 72 h 01 (none)', () => {
    const at = (arrestDatetime: string) => example1({ incidentNumber: OTHER_INC, arrestDatetime });
    expect(nexusOf(at('2024-03-12 23:05'))).toEqual(TEMPORAL);
    expect(nexusOf(at('2024-03-13 00:05'))).toEqual(TEMPORAL); // exactly 72 h
    expect(nexusOf(at('2024-03-13 00:06'))).toEqual([]);
  });

  it('the window hours can be overridden', () => {
    const late = otherIncidentArrest({ arrestDatetime: '2024-06-05 10:00' });
    expect(nexusOf(late)).toEqual([]);
    expect(evaluateReference(late, { hoursAfterReport: 96 }).map((f) => f.nexus)).toEqual(['temporal', 'temporal']);
    const early = otherIncidentArrest({ arrestDatetime: '2024-05-30 09:00' });
    expect(evaluateReference(early, { hoursBeforeIncident: 48 }).map((f) => f.nexus)).toEqual(['temporal', 'temporal']);
  });

  it('a direct nexus needs no time: same incident 10 days later still flags (direct)', () => {
    expect(evaluateReference(example1({ arrestDatetime: '2024-03-19 23:40' }))).toEqual(bothArrestRules({ actionDatetime: '2024-03-19 23:40' }));
  });
});

describe('DA decisions', () => {
  const victim = role(INC, P, 'victim');

  it('linked through arrestId to an arrest in the report incident: direct (the arrest flags on its own too)', () => {
    const b = bundle({
      incidentRows: [robbery],
      personRoles: [victim],
      arrests: [arrestA1()],
      decisions: [decision({ decisionId: 'D1', incidentNumber: '249999999', personKey: P, actionDate: '2024-03-12', arrestId: 'A1', listOfFiledCharges: '647B/M/0' })],
    });
    expect(evaluateReference(b)).toEqual([
      a1Flag({ ruleId: 'ca-pc-647.3' }),
      {
        ruleId: 'sfda-psw-2018',
        confidence: 'high',
        nexus: 'direct',
        agency: 'SFDA',
        reportIncidentNumber: INC,
        personKey: P,
        actionType: 'da_decision',
        actionId: 'D1',
        actionDatetime: '2024-03-12',
        protectedCharges: ['PC 647(b)'],
        reasons: ['all_charges_protected', 'code_book_inferred', 'direct_nexus'],
      },
      a1Flag({ ruleId: 'sfpd-psw-2017' }),
    ]);
  });

  it("temporal through the named arrest's time", () => {
    const b = bundle({
      incidentRows: [robbery],
      personRoles: [victim],
      arrests: [arrestA1({ incidentNumber: OTHER_INC, arrestDatetime: '2024-03-10 20:05', agency: 'BART', bookedChargesStatute: '459 PC/F' })],
      decisions: [decision({ decisionId: 'D1', incidentNumber: OTHER_INC, personKey: P, actionDate: '2024-04-20', arrestId: 'A1', filedChargesStatute: '647(b) PC/M' })],
    });
    expect(evaluateReference(b)).toEqual([
      {
        ruleId: 'sfda-psw-2018',
        confidence: 'medium',
        nexus: 'temporal',
        agency: 'SFDA',
        reportIncidentNumber: INC,
        personKey: P,
        actionType: 'da_decision',
        actionId: 'D1',
        actionDatetime: '2024-04-20',
        protectedCharges: ['PC 647(b)'],
        reasons: ['all_charges_protected', 'temporal_nexus'],
      },
    ]);
  });

  it("the decision's own arrest date (named arrest not in the bundle) as a whole day; none without it", () => {
    const d = (arrestDate: string | null) =>
      bundle({
        incidentRows: [robbery],
        personRoles: [victim],
        decisions: [decision({ decisionId: 'D1', incidentNumber: OTHER_INC, personKey: P, actionDate: '2024-04-20', arrestId: 'A404', arrestDate, listOfFiledCharges: '11364/M/0' })],
      });
    // Window end: 2024-03-09 23:05 PST + 72 h = 2024-03-13 00:05 PDT, so the day 2024-03-13 overlaps it.
    expect(evaluateReference(d('2024-03-13')).map((f) => [f.ruleId, f.nexus, f.confidence, f.reasons])).toEqual([
      ['sfda-psw-2018', 'temporal', 'medium', ['all_charges_protected', 'code_book_inferred', 'temporal_nexus']],
    ]);
    expect(evaluateReference(d('2024-03-14'))).toEqual([]);
    expect(evaluateReference(d(null))).toEqual([]);
  });

  it('only Charged flags: Discharged, Rejected, Diverted, referrals, Motion to Revoke never do', () => {
    for (const actionTaken of ['Discharged', 'Rejected', 'Diverted', 'Motion to Revoke', 'Referred for Further Investigation', 'Referred to Other Agency'] as const) {
      const b = bundle({
        incidentRows: [robbery],
        personRoles: [victim],
        decisions: [decision({ decisionId: 'D1', incidentNumber: INC, personKey: P, actionDate: '2024-03-12', actionTaken, listOfFiledCharges: '647B/M/0' })],
      });
      expect(evaluateReference(b)).toEqual([]);
    }
  });

  it('filed citations are preferred to the DA tokens', () => {
    const b = bundle({
      incidentRows: [robbery],
      personRoles: [victim],
      decisions: [decision({ decisionId: 'D1', incidentNumber: INC, personKey: P, actionDate: '2024-03-12', filedChargesStatute: '647(b) PC/M', listOfFiledCharges: '647B/M/0, 459/F/0' })],
    });
    expect(evaluateReference(b).map((f) => [f.ruleId, f.confidence, f.reasons])).toEqual([['sfda-psw-2018', 'high', ['all_charges_protected', 'direct_nexus']]]);
  });
});

describe('ca-sb357-repeal', () => {
  const repealArrest = (arrestDatetime: string, fields: Partial<ArrestRecord> = {}) =>
    bundle({ arrests: [arrest({ arrestId: 'A9', incidentNumber: '230000009', personKey: 'person-Q', arrestDatetime, bookedChargesStatute: '653.22 PC', ...fields })] });

  it('before 2023: none; from 2023-01-01 00:00: a flag', () => {
    expect(evaluateReference(repealArrest('2022-12-31 23:59'))).toEqual([]);
    expect(evaluateReference(repealArrest('2023-01-01 00:00')).map((f) => [f.ruleId, f.actionDatetime])).toEqual([['ca-sb357-repeal', '2023-01-01 00:00']]);
  });

  it('by date only, any agency, 653.20 too', () => {
    expect(evaluateReference(repealArrest('', { arrestDatetime: null, arrestDate: '2023-01-01', agency: 'sfso', bookedChargesStatute: '653.20 PC/M' }))).toEqual([
      {
        ruleId: 'ca-sb357-repeal',
        confidence: 'high',
        nexus: 'none',
        agency: 'SFSO',
        reportIncidentNumber: null,
        personKey: 'person-Q',
        actionType: 'arrest',
        actionId: 'A9',
        actionDatetime: '2023-01-01',
        protectedCharges: ['PC 653.20'],
        reasons: ['repealed_statute'],
      },
    ]);
  });

  it('DA charged 653.22 in 2023 (token: code_book_inferred); not when rejected; not before 2023', () => {
    const d = (actionDate: string, actionTaken: DaDecisionRecord['actionTaken'] = 'Charged') =>
      bundle({ decisions: [decision({ decisionId: 'D9', incidentNumber: '230000009', personKey: 'person-Q', actionDate, actionTaken, listOfFiledCharges: '653.22A/M/0' })] });
    expect(evaluateReference(d('2023-05-10'))).toEqual([
      {
        ruleId: 'ca-sb357-repeal',
        confidence: 'high',
        nexus: 'none',
        agency: 'SFDA',
        reportIncidentNumber: null,
        personKey: 'person-Q',
        actionType: 'da_decision',
        actionId: 'D9',
        actionDatetime: '2023-05-10',
        protectedCharges: ['PC 653.22(a)'],
        reasons: ['code_book_inferred', 'repealed_statute'],
      },
    ]);
    expect(evaluateReference(d('2023-05-10', 'Rejected'))).toEqual([]);
    expect(evaluateReference(d('2022-12-31'))).toEqual([]);
  });

  it('only the repealed charges are listed; a reporting victim gets the report flags as well', () => {
    const b = example1({ arrestDatetime: '2024-03-09 23:40', bookedChargesStatute: '653.22 PC/M; 647(b) PC/M' });
    expect(evaluateReference(b)).toEqual([
      a1Flag({ ruleId: 'ca-pc-647.3', protectedCharges: ['PC 647(b)', 'PC 653.22'] }),
      a1Flag({ ruleId: 'ca-sb357-repeal', reportIncidentNumber: null, nexus: 'none', protectedCharges: ['PC 653.22'], reasons: ['repealed_statute'] }),
      a1Flag({ ruleId: 'sfpd-psw-2017', protectedCharges: ['PC 647(b)', 'PC 653.22'] }),
    ]);
  });
});

describe('one flag per (rule, report, action)', () => {
  it('victim on two qualifying incidents, arrested once: one flag per report, each with its own nexus', () => {
    // I2: battery at 2024-03-10 09:30 PDT (16:30Z), window start 03-09 16:30Z; the arrest (03-10 07:40Z) falls in it.
    const I2 = '240160555';
    const b = bundle({
      incidentRows: [robbery, incident(I2, 'battery', '2024-03-10 09:30', '2024-03-10 10:00')],
      personRoles: [role(INC, P, 'victim'), role(I2, P, 'victim')],
      arrests: [arrestA1()],
    });
    expect(evaluateReference(b)).toEqual([
      a1Flag({ ruleId: 'ca-pc-647.3' }),
      a1Flag({ ruleId: 'sfpd-psw-2017' }),
      a1Flag({ ruleId: 'sfpd-psw-2017', reportIncidentNumber: I2, nexus: 'temporal', confidence: 'medium', reasons: ['all_charges_protected', 'temporal_nexus'] }),
    ]);
  });

  it('two arrests on one report: two flags per rule', () => {
    const b = bundle({
      incidentRows: [robbery],
      personRoles: [role(INC, P, 'victim')],
      arrests: [arrestA1(), arrestA1({ arrestId: 'A0', incidentNumber: OTHER_INC, arrestDatetime: '2024-03-10 08:00' })],
    });
    expect(evaluateReference(b).map((f) => `${f.ruleId} ${f.actionId} ${f.nexus}`)).toEqual([
      'ca-pc-647.3 A0 temporal',
      'ca-pc-647.3 A1 direct',
      'sfpd-psw-2017 A0 temporal',
      'sfpd-psw-2017 A1 direct',
    ]);
  });
});

describe('determinism', () => {
  const I2 = '240160555';
  const Q = 'person-Q';
  const big = bundle({
    incidentRows: [robbery, incident(I2, 'rape', '2024-03-10 09:30', '2024-03-10 10:00')],
    personRoles: [role(INC, P, 'victim'), role(I2, P, 'witness'), role(I2, Q, 'victim'), role(INC, Q, 'witness')],
    arrests: [
      arrestA1(),
      arrestA1({ arrestId: 'A2', personKey: Q, incidentNumber: I2, bookedChargesStatute: '11364 HS; 653.22 PC' }),
      arrestA1({ arrestId: 'A3', agency: 'SFSO', arrestDatetime: '2024-03-11 08:00', incidentNumber: OTHER_INC }),
    ],
    decisions: [decision({ decisionId: 'D1', incidentNumber: I2, personKey: Q, actionDate: '2024-03-15', arrestId: 'A2', listOfFiledCharges: '11364/M/0' })],
  });

  it('output is sorted by rule, report incident (null first), person, action type, action id', () => {
    const keys = evaluateReference(big).map((f) => [f.ruleId, f.reportIncidentNumber, f.personKey, f.actionType, f.actionId].join(' '));
    expect(keys).toEqual([
      `ca-pc-647.3 ${INC} ${P} arrest A1`,
      `ca-pc-647.3 ${INC} ${P} arrest A3`,
      `ca-pc-647.3 ${INC} ${Q} arrest A2`,
      `ca-pc-647.3 ${I2} ${P} arrest A1`,
      `ca-pc-647.3 ${I2} ${P} arrest A3`,
      `ca-pc-647.3 ${I2} ${Q} arrest A2`,
      `ca-sb357-repeal  ${Q} arrest A2`,
      `sfda-psw-2018 ${INC} ${Q} da_decision D1`,
      `sfda-psw-2018 ${I2} ${Q} da_decision D1`,
      `sfpd-psw-2017 ${INC} ${P} arrest A1`,
      `sfpd-psw-2017 ${INC} ${Q} arrest A2`,
      `sfpd-psw-2017 ${I2} ${P} arrest A1`,
      `sfpd-psw-2017 ${I2} ${Q} arrest A2`,
    ]);
  });

  it('the same input in any order gives the same output', () => {
    const first = evaluateReference(big);
    expect(evaluateReference(big)).toEqual(first);
    const reversed: CaseBundle = {
      incidentRows: [...big.incidentRows].reverse(),
      personRoles: [...big.personRoles].reverse(),
      arrests: [...big.arrests].reverse(),
      decisions: [...big.decisions].reverse(),
    };
    expect(evaluateReference(reversed)).toEqual(first);
  });

  it('does not modify its input', () => {
    const copy = JSON.parse(JSON.stringify(big));
    evaluateReference(big);
    expect(big).toEqual(copy);
  });
});

describe('approximate links by tolerant keys (issue 16)', () => {
  const Q = 'person-Q';
  const SLK = `slk:${'a1'.repeat(32)}`;
  const SOUND = `sound:${'b2'.repeat(32)}`;
  const DATE = `date:${'c3'.repeat(32)}`;
  const withKeys = (keys: string[]) => ({ ...role(INC, P, 'victim'), linkKeys: keys });

  it('example 1 with the arrest under another person key but the same slk and sound keys: both rules, medium, approximate_link', () => {
    const b = bundle({ incidentRows: [robbery], personRoles: [withKeys([SLK, SOUND])], arrests: [arrestA1({ personKey: Q, linkKeys: [SOUND, SLK, DATE] })] });
    expect(evaluateReference(b)).toEqual(
      bothArrestRules({ confidence: 'medium', reasons: ['all_charges_protected', 'approximate_link', 'direct_nexus'], linkKinds: ['slk', 'sound'], actionPersonKey: Q }),
    );
  });

  it('a temporal nexus linked approximately: medium -> low', () => {
    const b = bundle({
      incidentRows: [robbery],
      personRoles: [withKeys([DATE])],
      arrests: [arrestA1({ personKey: Q, incidentNumber: OTHER_INC, arrestDatetime: '2024-03-10 20:05', linkKeys: [DATE] })],
    });
    expect(evaluateReference(b)).toEqual(
      bothArrestRules({
        nexus: 'temporal',
        confidence: 'low',
        actionDatetime: '2024-03-10 20:05',
        reasons: ['all_charges_protected', 'approximate_link', 'temporal_nexus'],
        linkKinds: ['date'],
        actionPersonKey: Q,
      }),
    );
  });

  it('an exact link wins: the same person key with shared tolerant keys is as example 1', () => {
    const b = bundle({ incidentRows: [robbery], personRoles: [withKeys([SLK])], arrests: [arrestA1({ linkKeys: [SLK] })] });
    expect(evaluateReference(b)).toEqual(bothArrestRules());
  });

  it('another person key and no shared tolerant key: none', () => {
    const b = bundle({ incidentRows: [robbery], personRoles: [withKeys([SLK])], arrests: [arrestA1({ personKey: Q, linkKeys: [`slk:${'a2'.repeat(32)}`, SOUND] })] });
    expect(evaluateReference(b)).toEqual([]);
  });

  it('the same value under another kind does not link', () => {
    const b = bundle({ incidentRows: [robbery], personRoles: [withKeys([`slk:${'e5'.repeat(32)}`])], arrests: [arrestA1({ personKey: Q, linkKeys: [`sound:${'e5'.repeat(32)}`] })] });
    expect(evaluateReference(b)).toEqual([]);
  });

  it('a DA charge linked approximately: sfda-psw-2018 medium', () => {
    const b = bundle({
      incidentRows: [robbery],
      personRoles: [withKeys([SOUND])],
      decisions: [decision({ decisionId: 'D1', incidentNumber: INC, personKey: Q, actionDate: '2024-03-11', listOfFiledCharges: '647B/M/0', linkKeys: [SOUND] })],
    });
    expect(evaluateReference(b)).toEqual([
      {
        ruleId: 'sfda-psw-2018',
        confidence: 'medium',
        nexus: 'direct',
        agency: 'SFDA',
        reportIncidentNumber: INC,
        personKey: P,
        actionType: 'da_decision',
        actionId: 'D1',
        actionDatetime: '2024-03-11',
        protectedCharges: ['PC 647(b)'],
        reasons: ['all_charges_protected', 'approximate_link', 'code_book_inferred', 'direct_nexus'],
        linkKinds: ['sound'],
        actionPersonKey: Q,
      },
    ]);
  });
});
