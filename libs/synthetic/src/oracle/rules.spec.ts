import type { IncidentCodeRow } from '../model';
import { incidentQualifies, padIncidentCode, PC_647_3_QUALIFICATION, rowQualifies, SF_POLICY_QUALIFICATION } from './rules';
import { type CodeName, incident } from './test-builders';

const SF = SF_POLICY_QUALIFICATION;
const PC6473 = PC_647_3_QUALIFICATION;

function row(code: CodeName): IncidentCodeRow {
  return incident('240158822', code, '2024-03-09 22:40', '2024-03-09 23:05');
}

describe('qualification lists (§4)', () => {
  it.each<[CodeName, boolean, boolean, string]>([
    ['robbery', true, true, 'category Robbery in both'],
    ['battery', true, false, 'category Assault: SF only (simple battery)'],
    ['sexualBattery', true, true, 'code 04144 in both'],
    ['aggravatedAssault', true, true, 'category Assault (SF); subcategory Aggravated Assault (647.3)'],
    ['assaultOnOfficer', false, false, '04073 is excluded in both, although Assault / Aggravated Assault'],
    ['batteryOfOfficer', false, false, '04154 excluded under SF; Simple Assault not in 647.3'],
    ['rape', true, true, 'category Rape in both'],
    ['stalking', true, true, 'subcategory Stalking in both (category does not qualify)'],
    ['threatToResistOfficer', false, false, '27171 excluded under SF although subcategory Intimidation'],
    ['terroristThreats', true, true, 'subcategory Intimidation (SF); code 19057 (647.3)'],
    ['commercialBurglary', true, false, 'category Burglary: SF only'],
    ['residentialBurglary', true, true, 'Burglary (SF); Burglary - Residential (647.3)'],
    ['theft', false, false, 'Larceny Theft qualifies nowhere'],
  ])('%s: SF %s, 647.3 %s (%s)', (code, sf, pc6473) => {
    expect(rowQualifies(row(code), SF)).toBe(sf);
    expect(rowQualifies(row(code), PC6473)).toBe(pc6473);
  });

  it('codes 15040 and 15200 qualify under SF by code; 15040 also under 647.3', () => {
    const spouse = { incidentCode: '15040', category: 'Offences Against The Family And Children', subcategory: 'Family Offenses' };
    const dv = { incidentCode: '15200', category: 'Offences Against The Family And Children', subcategory: 'Other' };
    expect(rowQualifies(spouse, SF)).toBe(true);
    expect(rowQualifies(spouse, PC6473)).toBe(true);
    expect(rowQualifies(dv, SF)).toBe(true);
    expect(rowQualifies(dv, PC6473)).toBe(false);
  });

  it('every Human Trafficking category qualifies (category prefix)', () => {
    // Not in the 2018-12 catalog; later DataSF exports carry such categories.
    const ht = { incidentCode: '64020', category: 'Human Trafficking (A), Commercial Sex Acts', subcategory: 'Human Trafficking' };
    expect(rowQualifies(ht, SF)).toBe(true);
    expect(rowQualifies(ht, PC6473)).toBe(true);
    expect(rowQualifies({ ...ht, category: 'Human Trafficking, Commercial Sex Acts' }, SF)).toBe(true);
  });

  it('the excluded firearm-discharge range 04080-04084 is excluded in both', () => {
    for (const incidentCode of ['04080', '04081', '04082', '04083', '04084']) {
      const r = { incidentCode, category: 'Assault', subcategory: 'Aggravated Assault' };
      expect(rowQualifies(r, SF)).toBe(false);
      expect(rowQualifies(r, PC6473)).toBe(false);
    }
  });

  it('compares codes zero-padded, and labels trimmed and case-insensitively', () => {
    expect(padIncidentCode('3074')).toBe('03074');
    expect(rowQualifies({ incidentCode: '4073', category: 'Assault', subcategory: 'Aggravated Assault' }, SF)).toBe(false);
    expect(rowQualifies({ incidentCode: '4144', category: 'Other', subcategory: 'Other' }, PC6473)).toBe(true);
    expect(rowQualifies({ incidentCode: '03074', category: ' ROBBERY ', subcategory: '' }, PC6473)).toBe(true);
    expect(rowQualifies({ incidentCode: '15201', category: 'x', subcategory: 'stalking' }, SF)).toBe(true);
  });
});

describe('incidentQualifies', () => {
  it('an incident qualifies when any row does (supplements included)', () => {
    const theft = row('theft');
    const supplement = { ...row('battery'), incidentId: '240158822-2' };
    expect(incidentQualifies([theft], 'sfpd-psw-2017')).toBe(false);
    expect(incidentQualifies([theft, supplement], 'sfpd-psw-2017')).toBe(true);
    expect(incidentQualifies([theft, supplement], 'sfda-psw-2018')).toBe(true);
    expect(incidentQualifies([theft, supplement], 'ca-pc-647.3')).toBe(false);
  });
  it('an excluded row does not stop another row from qualifying', () => {
    expect(incidentQualifies([row('assaultOnOfficer'), row('robbery')], 'ca-pc-647.3')).toBe(true);
    expect(incidentQualifies([row('assaultOnOfficer')], 'ca-pc-647.3')).toBe(false);
  });
});
