import { DEFAULT_POLICIES } from './defaults';
import type { PolicyDocument, RuleId } from './model';
import { validatePolicy } from './validate';

function policy(ruleId: RuleId): PolicyDocument {
  return DEFAULT_POLICIES.find((p) => p.ruleId === ruleId)!;
}

const SF_QUALIFICATION = {
  categories: ['Homicide', 'Robbery', 'Assault', 'Rape', 'Burglary'],
  categoryPrefixes: ['Human Trafficking'],
  subcategories: ['Kidnapping', 'Stalking', 'Extortion-Blackmail', 'Intimidation', 'Family Offenses'],
  codes: ['04144', '15040', '15200'],
  excludedCodes: ['04073', '04074', '04154', '27171', '04080', '04081', '04082', '04083', '04084'],
  provenance: 'secondary',
};

const PROTECTED = {
  codes: ['PC 647(a)', 'PC 647(b)', 'PC 653.22'],
  contextUnknownCodes: ['PC 372'],
  drugMisdemeanorRange: 'HS 11000-11999',
  drugNoLevelSections: ['HS 11350', 'HS 11357', 'HS 11364', 'HS 11377', 'HS 11550'],
};

describe('DEFAULT_POLICIES', () => {
  it('version 1 of each of the four rules, from the dates of §1', () => {
    expect(DEFAULT_POLICIES.map((p) => [p.ruleId, p.version, p.effectiveFrom])).toEqual([
      ['sfpd-psw-2017', 1, '2017-12-01'],
      ['sfda-psw-2018', 1, '2018-01-11'],
      ['ca-pc-647.3', 1, '2020-01-01'],
      ['ca-sb357-repeal', 1, '2023-01-01'],
    ]);
  });

  it('every default is valid', () => {
    for (const p of DEFAULT_POLICIES) expect(validatePolicy(p)).toEqual([]);
  });

  it('the instruments of §1', () => {
    expect(DEFAULT_POLICIES.map((p) => p.instrument)).toEqual([
      'SFPD Department Bulletin "Prioritizing Safety for Sex Workers" (issued Dec 2017, announced 2018-01-11)',
      'SF District Attorney "Prioritizing Safety for Sex Workers" policy',
      'California Penal Code 647.3 (SB 233, Stats. 2019 ch. 141)',
      'SB 357 repealed PC 653.20 and 653.22',
    ]);
    expect(policy('sfpd-psw-2017').sentenceBars).toBe("SFPD bulletin 'Prioritizing Safety for Sex Workers' bars this arrest.");
  });

  it('which actions each rule audits (§1, §6)', () => {
    expect(policy('sfpd-psw-2017').audits).toEqual({ arrests: { agencies: ['SFPD'] }, daCharges: false });
    expect(policy('sfda-psw-2018').audits).toEqual({ arrests: null, daCharges: true });
    expect(policy('ca-pc-647.3').audits).toEqual({ arrests: { agencies: 'any' }, daCharges: false });
    expect(policy('ca-sb357-repeal').audits).toEqual({ arrests: { agencies: 'any' }, daCharges: true });
  });

  it('only the repeal needs no report', () => {
    expect(DEFAULT_POLICIES.map((p) => p.needsReport)).toEqual([true, true, true, false]);
  });

  it('the SF policies: the qualifying list of §4, secondary', () => {
    expect(policy('sfpd-psw-2017').qualification).toEqual(SF_QUALIFICATION);
    expect(policy('sfda-psw-2018').qualification).toEqual(SF_QUALIFICATION);
  });

  it('PC 647.3: the qualifying list of §4, inferred', () => {
    expect(policy('ca-pc-647.3').qualification).toEqual({
      categories: ['Homicide', 'Robbery', 'Rape'],
      categoryPrefixes: ['Human Trafficking'],
      subcategories: ['Aggravated Assault', 'Burglary - Residential', 'Burglary - Hot Prowl', 'Kidnapping', 'Stalking', 'Extortion-Blackmail'],
      codes: ['04144', '15040', '19057'],
      excludedCodes: ['04073', '04074', '04080', '04081', '04082', '04083', '04084'],
      provenance: 'inferred',
    });
  });

  it('the protected charges of §5: secondary for the SF policies, inferred for 647.3', () => {
    expect(policy('sfpd-psw-2017').protectedCharges).toEqual({ ...PROTECTED, provenance: 'secondary' });
    expect(policy('sfda-psw-2018').protectedCharges).toEqual({ ...PROTECTED, provenance: 'secondary' });
    expect(policy('ca-pc-647.3').protectedCharges).toEqual({ ...PROTECTED, provenance: 'inferred' });
  });

  it('the report rules: 24 hours before the incident to 72 after the report; no repealed sections', () => {
    for (const ruleId of ['sfpd-psw-2017', 'sfda-psw-2018', 'ca-pc-647.3'] as const) {
      expect(policy(ruleId).nexus).toEqual({ hoursBeforeIncident: 24, hoursAfterReport: 72 });
      expect(policy(ruleId).repealedCodes).toBeNull();
    }
  });

  it('SB 357: PC 653.20 and PC 653.22, no report, no nexus', () => {
    const p = policy('ca-sb357-repeal');
    expect(p.repealedCodes).toEqual({ codes: ['PC 653.20', 'PC 653.22'], provenance: 'secondary' });
    expect([p.qualification, p.protectedCharges, p.nexus]).toEqual([null, null, null]);
  });

  it('are JSON (a round trip changes nothing)', () => {
    expect(JSON.parse(JSON.stringify(DEFAULT_POLICIES))).toEqual(DEFAULT_POLICIES);
  });

  it('are frozen: a new version is made from a copy', () => {
    const p = policy('sfpd-psw-2017');
    expect(() => p.qualification!.codes.push('19057')).toThrow(TypeError);
    expect(() => {
      (p as { version: number }).version = 2;
    }).toThrow(TypeError);
    expect(p.qualification!.codes).toEqual(['04144', '15040', '15200']);
  });
});
