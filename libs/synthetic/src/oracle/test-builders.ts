/**
 * Small record builders for the oracle's tests (not used by the oracle itself).
 * Codes are real SFPD incident codes (sfpd-incident-codes-2018-12.csv).
 */
import type { ArrestRecord, CaseBundle, DaDecisionRecord, IncidentCodeRow, PersonRole, PersonRoleRecord } from '../model';

/** Code, category, subcategory as in the SFPD catalog. */
export const CODES = {
  robbery: { incidentCode: '03074', category: 'Robbery', subcategory: 'Robbery - Other' },
  battery: { incidentCode: '04134', category: 'Assault', subcategory: 'Simple Assault' },
  sexualBattery: { incidentCode: '04144', category: 'Assault', subcategory: 'Simple Assault' },
  aggravatedAssault: { incidentCode: '04014', category: 'Assault', subcategory: 'Aggravated Assault' },
  assaultOnOfficer: { incidentCode: '04073', category: 'Assault', subcategory: 'Aggravated Assault' },
  batteryOfOfficer: { incidentCode: '04154', category: 'Assault', subcategory: 'Simple Assault' },
  rape: { incidentCode: '14072', category: 'Rape', subcategory: 'Rape' },
  stalking: { incidentCode: '15201', category: 'Offences Against The Family And Children', subcategory: 'Stalking' },
  threatToResistOfficer: { incidentCode: '27171', category: 'Other Miscellaneous', subcategory: 'Intimidation' },
  terroristThreats: { incidentCode: '19057', category: 'Disorderly Conduct', subcategory: 'Intimidation' },
  commercialBurglary: { incidentCode: '05051', category: 'Burglary', subcategory: 'Burglary - Commercial' },
  residentialBurglary: { incidentCode: '05041', category: 'Burglary', subcategory: 'Burglary - Residential' },
  theft: { incidentCode: '06126', category: 'Larceny Theft', subcategory: 'Larceny Theft - Other' },
} as const;

export type CodeName = keyof typeof CODES;

export function incident(
  incidentNumber: string,
  code: CodeName,
  incidentDatetime: string,
  reportDatetime: string,
  incidentId = `${incidentNumber}-1`,
): IncidentCodeRow {
  return { incidentNumber, incidentId, ...CODES[code], incidentDatetime, reportDatetime };
}

export function role(incidentNumber: string, personKey: string, personRole: PersonRole): PersonRoleRecord {
  return { incidentNumber, personKey, role: personRole };
}

export function arrest(fields: Partial<ArrestRecord> & Pick<ArrestRecord, 'arrestId' | 'incidentNumber' | 'personKey'>): ArrestRecord {
  return {
    arrestDatetime: null,
    arrestDate: null,
    agency: 'SFPD',
    custodyType: 'booked',
    bookedChargesStatute: null,
    listOfBookedCharges: null,
    ...fields,
  };
}

export function decision(
  fields: Partial<DaDecisionRecord> & Pick<DaDecisionRecord, 'decisionId' | 'incidentNumber' | 'personKey' | 'actionDate'>,
): DaDecisionRecord {
  return {
    actionTaken: 'Charged',
    arrestId: null,
    arrestDate: null,
    listOfFiledCharges: null,
    filedChargesStatute: null,
    ...fields,
  };
}

export function bundle(parts: Partial<CaseBundle>): CaseBundle {
  return { incidentRows: [], personRoles: [], arrests: [], decisions: [], ...parts };
}
