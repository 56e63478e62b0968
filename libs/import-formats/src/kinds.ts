/**
 * The four import files (../shared/spec/import-formats.md): their columns,
 * which are required, and their keys. Column names match without regard to
 * case, spaces or underscores.
 */
export const IMPORT_KINDS = ['incidents', 'incident-persons', 'arrests', 'da-decisions'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export function isImportKind(value: unknown): value is ImportKind {
  return typeof value === 'string' && (IMPORT_KINDS as readonly string[]).includes(value);
}

export interface ColumnSpec {
  /** Canonical name, as the spec writes it. */
  name: string;
  /** Also accepted (normalised like names). */
  aliases?: string[];
  required: boolean;
  /** Columns of which at least one must be present (and filled per row). */
  oneOf?: string;
}

export interface KindSpec {
  kind: ImportKind;
  label: string;
  columns: ColumnSpec[];
  key: string[];
}

const col = (name: string, required = false, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ name, required, ...extra });

export const KINDS: Record<ImportKind, KindSpec> = {
  incidents: {
    kind: 'incidents',
    label: 'SFPD incident reports',
    key: ['Row ID'],
    columns: [
      col('Row ID', true),
      col('Incident ID', true),
      col('Incident Number', true),
      col('Incident Datetime', true),
      col('Report Datetime', true),
      col('Incident Code', true),
      col('Incident Category', true),
      col('Incident Date'),
      col('Incident Time'),
      col('Incident Year'),
      col('Incident Day of Week'),
      col('CAD Number'),
      col('Report Type Code'),
      col('Report Type Description'),
      col('Filed Online'),
      col('Incident Subcategory'),
      col('Incident Description'),
      col('Resolution'),
      col('Intersection'),
      col('CNN'),
      col('Police District'),
      col('Analysis Neighborhood'),
      col('Supervisor District'),
      col('Supervisor District 2012'),
      col('Latitude'),
      col('Longitude'),
      col('Point'),
    ],
  },
  'incident-persons': {
    kind: 'incident-persons',
    label: 'persons on incidents',
    key: ['Incident Number', 'Person Key', 'Person Role'],
    columns: [col('Incident Number', true), col('Incident ID'), col('Person Key', true), col('Person Role', true), col('Role Recorded Datetime'), col('Person Link Keys')],
  },
  arrests: {
    kind: 'arrests',
    label: 'arrests and citations',
    key: ['arrest_id'],
    columns: [
      col('arrest_id', true),
      col('incident_number', true),
      col('person_key', true),
      col('arrest_datetime', false, { oneOf: 'arrest time' }),
      col('arrest_date', false, { oneOf: 'arrest time' }),
      col('arresting_agency', true),
      col('custody_type', true),
      col('booked_charges_statute', false, { oneOf: 'charges' }),
      col('list_of_booked_charges', false, { oneOf: 'charges' }),
      col('booked_case_type'),
      col('cad_number'),
      col('person_link_keys'),
    ],
  },
  'da-decisions': {
    kind: 'da-decisions',
    label: 'DA charging decisions',
    key: ['decision_id'],
    columns: [
      col('decision_id', true),
      col('incident_number', true),
      col('person_key', true),
      col('da_action_taken', true),
      col('action_date', true),
      col('arrest_id'),
      col('arrest_date'),
      col('court_number'),
      col('filing_date'),
      col('list_of_filed_charges'),
      col('filed_charges_statute'),
      col('filed_case_type'),
      col('crime_type'),
      col('dv_case'),
      col('case_status'),
      col('disposition_date'),
      col('disposition_code'),
      col('disposition_description'),
      col('person_link_keys'),
    ],
  },
};

/** `Incident Number`, `incident_number` and `INCIDENTNUMBER` are the same column. */
export function normaliseColumnName(name: string): string {
  return name.replace(/^\uFEFF/, '').toLowerCase().replace(/[\s_]+/g, '');
}

export { CUSTODY_TYPES, DA_ACTIONS, PERSON_ROLES } from '@sra/contracts';

/**
 * Person keys (import-formats.md): 6-128 of [A-Za-z0-9._:-], and nothing that
 * looks like an SSN or a phone number. POSIX regexes, so SQL can use them too.
 */
export const PERSON_KEY_CHARS = 'A-Za-z0-9._:-';
export const PERSON_KEY_MIN = 6;
export const PERSON_KEY_MAX = 128;
export const PERSON_KEY_PATTERN = `^[${PERSON_KEY_CHARS}]{${PERSON_KEY_MIN},${PERSON_KEY_MAX}}$`;
export const SSN_LIKE_PATTERN = '^[0-9]{3}-?[0-9]{2}-?[0-9]{4}$';
export const PHONE_LIKE_PATTERN = '^(\\+?1[-.]?)?\\(?[0-9]{3}\\)?[-. ]?[0-9]{3}[-. ]?[0-9]{4}$';

export type PersonKeyProblem = 'format' | 'ssn' | 'phone';

export function checkPersonKey(key: string): PersonKeyProblem | null {
  if (!new RegExp(PERSON_KEY_PATTERN).test(key)) return 'format';
  if (new RegExp(SSN_LIKE_PATTERN).test(key)) return 'ssn';
  if (new RegExp(PHONE_LIKE_PATTERN).test(key)) return 'phone';
  return null;
}
