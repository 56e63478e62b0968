/**
 * Version 1 of each rule, exactly as compliance-rules.md §1, §4 and §5 give them.
 *
 * Provenance:
 * - The SF policies' lists (`sfpd-psw-2017`, `sfda-psw-2018`): `secondary`, as the spec says. The bulletin and the
 *   DA policy were not available in full; the lists come from their public descriptions.
 * - PC 647.3's lists: `inferred`, as the spec says ("the section list is inferred and must be checked against the
 *   enacted text"); its protected charges are the same list as the SF policies', read into the statute, so they are
 *   inferred too until someone checks them against the enacted section.
 * - SB 357's repealed sections: `secondary`. The spec names PC 653.20 and 653.22, and public accounts of the bill
 *   agree that it ended the crime of loitering with intent to commit prostitution (653.22) from 2023-01-01; they do
 *   not all agree that 653.20 (the definitions used by 653.22) was repealed rather than amended. Nobody on the
 *   project has checked the chaptered bill, so `verified` would overstate it, and it is a statement of record, not
 *   a reading of ours, so `inferred` would understate it.
 */
import type { PolicyDocument, ProtectedChargeList, QualificationList } from './model';

const SPEC_SOURCE = {
  title: 'Safe Reporting Audit compliance rules (compliance-rules.md §1, §4, §5)',
  note: 'The project contract: the default lists, their provenance and the effective dates.',
};

/** "Sexual assault, human trafficking, stalking, robbery, assault, kidnapping, threats, blackmail, extortion, burglary, or other violent crime." */
function sfQualification(): QualificationList {
  return {
    categories: ['Homicide', 'Robbery', 'Assault', 'Rape', 'Burglary'],
    categoryPrefixes: ['Human Trafficking'],
    subcategories: ['Kidnapping', 'Stalking', 'Extortion-Blackmail', 'Intimidation', 'Family Offenses'],
    codes: ['04144', '15040', '15200'],
    // The victim is an officer (04073, 04074, 04154, 27171), or no person was attacked (04080-04084, firearm discharges).
    excludedCodes: ['04073', '04074', '04154', '27171', '04080', '04081', '04082', '04083', '04084'],
    provenance: 'secondary',
  };
}

/** "Prostitution-related offenses or minor drug offenses" (§5). */
function protectedCharges(provenance: ProtectedChargeList['provenance']): ProtectedChargeList {
  return {
    codes: ['PC 647(a)', 'PC 647(b)', 'PC 653.22'],
    contextUnknownCodes: ['PC 372'],
    drugMisdemeanorRange: 'HS 11000-11999',
    drugNoLevelSections: ['HS 11350', 'HS 11357', 'HS 11364', 'HS 11377', 'HS 11550'],
    provenance,
  };
}

const REPORT_NEXUS = { hoursBeforeIncident: 24, hoursAfterReport: 72 };

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * Version 1 of the four rules. Frozen, so that no caller edits the defaults by accident: to make a new version,
 * copy one (`structuredClone`, or `JSON.parse(JSON.stringify(...))`), change the copy, and validate it.
 */
export const DEFAULT_POLICIES: PolicyDocument[] = deepFreeze([
  {
    ruleId: 'sfpd-psw-2017',
    version: 1,
    effectiveFrom: '2017-12-01',
    title: 'SFPD does not arrest sex workers who report violent crime',
    instrument: 'SFPD Department Bulletin "Prioritizing Safety for Sex Workers" (issued Dec 2017, announced 2018-01-11)',
    sentenceBars: "SFPD bulletin 'Prioritizing Safety for Sex Workers' bars this arrest.",
    audits: { arrests: { agencies: ['SFPD'] }, daCharges: false },
    needsReport: true,
    qualification: sfQualification(),
    protectedCharges: protectedCharges('secondary'),
    repealedCodes: null,
    nexus: { ...REPORT_NEXUS },
    sources: [
      { title: 'SFPD Department Bulletin "Prioritizing Safety for Sex Workers"', note: 'Issued December 2017, announced 2018-01-11. Full text not available to the project.' },
      { ...SPEC_SOURCE },
    ],
    changeReason: '',
  },
  {
    ruleId: 'sfda-psw-2018',
    version: 1,
    effectiveFrom: '2018-01-11',
    title: 'The SF District Attorney does not charge sex workers who report violent crime',
    instrument: 'SF District Attorney "Prioritizing Safety for Sex Workers" policy',
    sentenceBars: "SF District Attorney policy 'Prioritizing Safety for Sex Workers' bars this charge.",
    audits: { arrests: null, daCharges: true },
    needsReport: true,
    qualification: sfQualification(),
    protectedCharges: protectedCharges('secondary'),
    repealedCodes: null,
    nexus: { ...REPORT_NEXUS },
    sources: [
      { title: 'SF District Attorney "Prioritizing Safety for Sex Workers" policy', note: 'Announced 2018-01-11 with the SFPD bulletin. Full text not available to the project.' },
      { ...SPEC_SOURCE },
    ],
    changeReason: '',
  },
  {
    ruleId: 'ca-pc-647.3',
    version: 1,
    effectiveFrom: '2020-01-01',
    title: 'No arrest in California of sex workers who report violent crime',
    instrument: 'California Penal Code 647.3 (SB 233, Stats. 2019 ch. 141)',
    sentenceBars: 'California Penal Code 647.3 bars this arrest.',
    audits: { arrests: { agencies: 'any' }, daCharges: false },
    needsReport: true,
    qualification: {
      // Serious felonies (PC 1192.7(c)), assault under 245(a), 273.5, 518, 236.1, 243.4(a), 646.9.
      categories: ['Homicide', 'Robbery', 'Rape'],
      categoryPrefixes: ['Human Trafficking'],
      subcategories: ['Aggravated Assault', 'Burglary - Residential', 'Burglary - Hot Prowl', 'Kidnapping', 'Stalking', 'Extortion-Blackmail'],
      // 04144 Battery, Sexual (243.4(a)); 15040 Spouse/Cohabitee, Inflict Injury (273.5); 19057 Terrorist Threats (PC 422).
      codes: ['04144', '15040', '19057'],
      // Assault on an officer, and firearm discharges where no person was attacked.
      excludedCodes: ['04073', '04074', '04080', '04081', '04082', '04083', '04084'],
      provenance: 'inferred',
    },
    protectedCharges: protectedCharges('inferred'),
    repealedCodes: null,
    nexus: { ...REPORT_NEXUS },
    sources: [
      {
        title: 'California Penal Code section 647.3',
        url: 'https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=PEN&sectionNum=647.3',
        note: 'Added by SB 233 (Stats. 2019 ch. 141), in force 2020-01-01. The lists here are inferred: check them against the enacted text.',
      },
      { ...SPEC_SOURCE },
    ],
    changeReason: '',
  },
  {
    ruleId: 'ca-sb357-repeal',
    version: 1,
    effectiveFrom: '2023-01-01',
    title: 'No arrest or charge under the repealed loitering-for-prostitution sections',
    instrument: 'SB 357 repealed PC 653.20 and 653.22',
    sentenceBars: 'SB 357 repealed PC 653.20 and PC 653.22 from 2023-01-01.',
    audits: { arrests: { agencies: 'any' }, daCharges: true },
    needsReport: false,
    qualification: null,
    protectedCharges: null,
    repealedCodes: { codes: ['PC 653.20', 'PC 653.22'], provenance: 'secondary' },
    nexus: null,
    sources: [
      {
        title: 'SB 357 (Wiener), Safer Streets for All Act',
        url: 'https://leginfo.legislature.ca.gov/faces/billNavClient.xhtml?bill_id=202120220SB357',
        note: 'Signed 2022-07-01, in force 2023-01-01. Check against the chaptered text whether 653.20 was repealed or amended.',
      },
      { ...SPEC_SOURCE },
    ],
    changeReason: '',
  },
]);
