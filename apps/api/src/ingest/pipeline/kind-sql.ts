import {
  CUSTODY_TYPES,
  DA_ACTIONS,
  PERSON_KEY_CHARS,
  PERSON_KEY_MAX,
  PERSON_KEY_MIN,
  PERSON_ROLES,
  PHONE_LIKE_PATTERN,
  SSN_LIKE_PATTERN,
  type ImportKind,
} from '@sra/import-formats';

/**
 * How each kind of file is validated and merged, in SQL over the staging
 * table. `raw('Column')` is the trimmed text of a file column (NULL when empty
 * or absent); every other value is computed from those.
 */
export type RawRef = (column: string) => string;

export interface FieldSql {
  /** Column of the target table (or, with `temp`, only of the validated rows). */
  name: string;
  expr: (raw: RawRef) => string;
  temp?: boolean;
}

export interface CheckSql {
  /** The file column named in the reject. */
  column: string;
  /** True when the row is bad; may use raw() and the computed fields by name. */
  when: (raw: RawRef) => string;
  /** SQL text expression: a plain-language reason. */
  reason: (raw: RawRef) => string;
  /** The offending value, as stored with the reject; null for values that must not be kept. */
  value: ((raw: RawRef) => string) | null;
}

export interface KindSql {
  table: string;
  /** Key columns of the target table, and how the key reads in messages. */
  key: string[];
  keyLabel: string;
  fields: FieldSql[];
  checks: CheckSql[];
  /** Distinct charge texts in the batch's rows, for parsing (arrests, DA decisions). */
  chargeColumns?: string[];
}

const lit = (text: string) => `'${text.replace(/'/g, "''")}'`;

/*
 * Shape checks are written with a negated character class (`v ~ '[^...]'`),
 * lengths and fixed positions: PostgreSQL runs those far faster than anchored
 * patterns with quantifiers, which matters at millions of rows.
 */

/**
 * A file's local time as a timestamp, inline (a function call per row costs
 * more than the parsing): ISO 8601 (`2024-03-09T22:40[:00[.000]]`, `2024-03-09
 * 22:40`) or DataSF (`2024/03/09 10:40:00 PM`), which PostgreSQL reads natively
 * once the shape is known. NULL when not a valid time, never an error, so one
 * bad row cannot stop a load. No zone is accepted: times are San Francisco's.
 */
export function localTimestamp(v: string): string {
  const iso = `(length(${v}) BETWEEN 16 AND 26 AND substr(${v}, 5, 1) = '-' AND substr(${v}, 8, 1) = '-' AND strpos(substr(${v}, 9), '-') = 0 AND ${v} !~ '[^0-9T: .-]')`;
  const dataSf = `(length(${v}) = 22 AND substr(${v}, 5, 1) = '/' AND substr(${v}, 8, 1) = '/' AND substr(${v}, 20, 1) = ' ' AND ${v} !~ '[^0-9/: AaPpMm]')`;
  return `(CASE WHEN (${iso} OR ${dataSf}) AND pg_input_is_valid(${v}, 'timestamp') THEN ${v}::timestamp END)`;
}

/** A local date: `2024-03-09`, `2024/03/09`, or the date of a local time. */
export function localDate(v: string): string {
  return (
    `(CASE WHEN length(${v}) = 10 AND substr(${v}, 5, 1) IN ('-', '/') AND substr(${v}, 8, 1) = substr(${v}, 5, 1) AND ${v} !~ '[^0-9/-]' ` +
    `AND pg_input_is_valid(replace(${v}, '/', '-'), 'date') THEN replace(${v}, '/', '-')::date ` +
    `ELSE ${localTimestamp(v)}::date END)`
  );
}

/** True when the text is not 1 to `max` characters of the given class (POSIX bracket body). */
const notOf = (v: string, chars: string, min: number, max: number) => `(length(${v}) NOT BETWEEN ${min} AND ${max} OR ${v} ~ '[^${chars}]')`;

/** Wall-clock San Francisco time to an instant. */
export const sfInstant = (localExpr: string) => `(${localExpr} AT TIME ZONE 'America/Los_Angeles')`;
const DATETIME_HINT = ' is not a date and time (use 2024-03-09T22:40 or 2024/03/09 10:40:00 PM)';
const DATE_HINT = ' is not a date (use 2024-03-09 or 2024/03/09)';

const required = (column: string): CheckSql => ({
  column,
  when: (raw) => `${raw(column)} IS NULL`,
  reason: () => lit(`${column} is empty`),
  value: null,
});

const identifier = (column: string): CheckSql => ({
  column,
  when: (raw) => notOf(raw(column), 'A-Za-z0-9._:/-', 1, 64),
  reason: () => lit(`${column} is not an identifier (letters, digits and . _ : / -, at most 64)`),
  value: (raw) => raw(column),
});

const datetime = (column: string, computed: string, isRequired: boolean): CheckSql => ({
  column,
  when: (raw) => (isRequired ? `${computed} IS NULL` : `${raw(column)} IS NOT NULL AND ${computed} IS NULL`),
  reason: (raw) => (isRequired ? `CASE WHEN ${raw(column)} IS NULL THEN ${lit(`${column} is empty`)} ELSE ${lit(`"`)} || ${raw(column)} || ${lit(`"${DATETIME_HINT}`)} END` : `${lit('"')} || ${raw(column)} || ${lit(`"${DATETIME_HINT}`)}`),
  value: (raw) => raw(column),
});

const date = (column: string, computed: string, isRequired: boolean): CheckSql => ({
  column,
  when: (raw) => (isRequired ? `${computed} IS NULL` : `${raw(column)} IS NOT NULL AND ${computed} IS NULL`),
  reason: (raw) => (isRequired ? `CASE WHEN ${raw(column)} IS NULL THEN ${lit(`${column} is empty`)} ELSE ${lit('"')} || ${raw(column)} || ${lit(`"${DATE_HINT}`)} END` : `${lit('"')} || ${raw(column)} || ${lit(`"${DATE_HINT}`)}`),
  value: (raw) => raw(column),
});

/** Person keys: validated, then only their keyed hash is kept (never the key, not even in a reject). */
const personKeyChecks = (column: string): CheckSql[] => [
  required(column),
  {
    column,
    when: (raw) => notOf(raw(column), PERSON_KEY_CHARS, PERSON_KEY_MIN, PERSON_KEY_MAX),
    reason: () => lit(`${column} is not a pseudonymous key (6 to 128 of A-Z a-z 0-9 . _ : -); the value is not kept`),
    value: null,
  },
  {
    column,
    when: (raw) => `${raw(column)} ~ ${lit(SSN_LIKE_PATTERN)}`,
    reason: () => lit(`${column} looks like a Social Security number; keys must be pseudonymous; the value is not kept`),
    value: null,
  },
  {
    column,
    when: (raw) => `${raw(column)} ~ ${lit(PHONE_LIKE_PATTERN)}`,
    reason: () => lit(`${column} looks like a phone number; keys must be pseudonymous; the value is not kept`),
    value: null,
  },
];
// The validation statement's only parameter ($1) is the secret; it never reaches a table or a log.
const rekeyed = (column: string) => (raw: RawRef) => `encode(hmac(${raw(column)}, $1::text, 'sha256'), 'hex')`;

const numeric = (column: string): CheckSql => ({
  column,
  when: (raw) => `${raw(column)} IS NOT NULL AND NOT (${isNumber(raw(column))})`,
  reason: (raw) => `${lit('"')} || ${raw(column)} || ${lit('" is not a number')}`,
  value: (raw) => raw(column),
});
const isNumber = (v: string) => `${v} !~ '[^0-9.-]' AND pg_input_is_valid(${v}, 'double precision')`;
const toNumber = (column: string) => (raw: RawRef) => `CASE WHEN ${isNumber(raw(column))} THEN ${raw(column)}::double precision END`;

const oneOf = (column: string, values: readonly string[], normalise: (e: string) => string = (e) => `lower(${e})`): CheckSql => ({
  column,
  when: (raw) => `${raw(column)} IS NULL OR ${normalise(raw(column))} NOT IN (${values.map((v) => lit(normalise === identity ? v : v.toLowerCase())).join(', ')})`,
  reason: (raw) => `CASE WHEN ${raw(column)} IS NULL THEN ${lit(`${column} is empty`)} ELSE ${lit(`unknown ${column} "`)} || ${raw(column)} || ${lit(`" (one of: ${values.join(', ')})`)} END`,
  value: (raw) => raw(column),
});
const identity = (e: string) => e;

export const KIND_SQL: Record<ImportKind, KindSql> = {
  incidents: {
    table: 'incident_report_row',
    key: ['row_id'],
    keyLabel: 'Row ID',
    fields: [
      { name: 'row_id', expr: (r) => r('Row ID') },
      { name: 'incident_id', expr: (r) => r('Incident ID') },
      { name: 'incident_number', expr: (r) => r('Incident Number') },
      { name: 'incident_local', expr: (r) => localTimestamp(r('Incident Datetime')), temp: true },
      { name: 'report_local', expr: (r) => localTimestamp(r('Report Datetime')), temp: true },
      { name: 'incident_datetime', expr: () => sfInstant('incident_local') },
      { name: 'report_datetime', expr: () => sfInstant('report_local') },
      // `3074` and `03074` are the same code.
      { name: 'incident_code', expr: (r) => `lpad(${r('Incident Code')}, 5, '0')` },
      { name: 'incident_category', expr: (r) => r('Incident Category') },
      { name: 'incident_subcategory', expr: (r) => r('Incident Subcategory') },
      { name: 'incident_description', expr: (r) => r('Incident Description') },
      { name: 'incident_date', expr: (r) => localDate(r('Incident Date')) },
      { name: 'incident_time', expr: (r) => r('Incident Time') },
      { name: 'incident_year', expr: (r) => `CASE WHEN NOT ${notOf(r('Incident Year'), '0-9', 4, 4)} THEN ${r('Incident Year')}::integer END` },
      { name: 'incident_day_of_week', expr: (r) => r('Incident Day of Week') },
      { name: 'cad_number', expr: (r) => r('CAD Number') },
      { name: 'report_type_code', expr: (r) => r('Report Type Code') },
      { name: 'report_type_description', expr: (r) => r('Report Type Description') },
      { name: 'filed_online', expr: (r) => `CASE lower(${r('Filed Online')}) WHEN 'true' THEN true WHEN 'false' THEN false END` },
      { name: 'resolution', expr: (r) => r('Resolution') },
      { name: 'intersection', expr: (r) => r('Intersection') },
      { name: 'cnn', expr: (r) => r('CNN') },
      { name: 'police_district', expr: (r) => r('Police District') },
      { name: 'analysis_neighborhood', expr: (r) => r('Analysis Neighborhood') },
      { name: 'supervisor_district', expr: (r) => r('Supervisor District') },
      { name: 'supervisor_district_2012', expr: (r) => r('Supervisor District 2012') },
      { name: 'latitude', expr: toNumber('Latitude') },
      { name: 'longitude', expr: toNumber('Longitude') },
    ],
    checks: [
      required('Row ID'),
      identifier('Row ID'),
      required('Incident ID'),
      identifier('Incident ID'),
      required('Incident Number'),
      identifier('Incident Number'),
      datetime('Incident Datetime', 'incident_local', true),
      datetime('Report Datetime', 'report_local', true),
      required('Incident Code'),
      {
        column: 'Incident Code',
        when: (r) => notOf(r('Incident Code'), '0-9', 1, 5),
        reason: (r) => `${lit('"')} || ${r('Incident Code')} || ${lit('" is not an incident code (up to five digits)')}`,
        value: (r) => r('Incident Code'),
      },
      required('Incident Category'),
      date('Incident Date', 'incident_date', false),
      {
        column: 'Filed Online',
        when: (r) => `${r('Filed Online')} IS NOT NULL AND lower(${r('Filed Online')}) NOT IN ('true', 'false')`,
        reason: (r) => `${lit('"')} || ${r('Filed Online')} || ${lit('" is not true or false')}`,
        value: (r) => r('Filed Online'),
      },
      numeric('Latitude'),
      numeric('Longitude'),
    ],
  },

  'incident-persons': {
    table: 'incident_person',
    key: ['incident_number', 'person_key', 'person_role'],
    keyLabel: 'Incident Number, Person Key and Person Role',
    fields: [
      { name: 'incident_number', expr: (r) => r('Incident Number') },
      { name: 'person_key', expr: rekeyed('Person Key') },
      { name: 'person_role', expr: (r) => `lower(regexp_replace(${r('Person Role')}, '[_\\s]+', ' ', 'g'))` },
      { name: 'incident_id', expr: (r) => r('Incident ID') },
      { name: 'role_recorded_local', expr: (r) => localTimestamp(r('Role Recorded Datetime')), temp: true },
      { name: 'role_recorded_at', expr: () => sfInstant('role_recorded_local') },
    ],
    checks: [
      required('Incident Number'),
      identifier('Incident Number'),
      ...personKeyChecks('Person Key'),
      oneOf('Person Role', PERSON_ROLES, (e) => `lower(regexp_replace(${e}, '[_\\s]+', ' ', 'g'))`),
      datetime('Role Recorded Datetime', 'role_recorded_local', false),
    ],
  },

  arrests: {
    table: 'arrest',
    key: ['arrest_id'],
    keyLabel: 'arrest_id',
    chargeColumns: ['booked_charges_statute', 'list_of_booked_charges'],
    fields: [
      { name: 'arrest_id', expr: (r) => r('arrest_id') },
      { name: 'incident_number', expr: (r) => r('incident_number') },
      { name: 'person_key', expr: rekeyed('person_key') },
      { name: 'arrest_local', expr: (r) => localTimestamp(r('arrest_datetime')), temp: true },
      { name: 'arrest_date_only', expr: (r) => localDate(r('arrest_date')), temp: true },
      { name: 'arrest_datetime', expr: () => sfInstant('arrest_local') },
      { name: 'arrest_date', expr: () => 'coalesce(arrest_local::date, arrest_date_only)' },
      { name: 'arresting_agency', expr: (r) => `upper(${r('arresting_agency')})` },
      { name: 'custody_type', expr: (r) => `lower(${r('custody_type')})` },
      { name: 'booked_charges_statute', expr: (r) => r('booked_charges_statute') },
      { name: 'list_of_booked_charges', expr: (r) => r('list_of_booked_charges') },
      { name: 'booked_case_type', expr: (r) => r('booked_case_type') },
      { name: 'cad_number', expr: (r) => r('cad_number') },
      // The incident's own date, when it is loaded: an arrest cannot precede it.
      {
        name: 'incident_first_date',
        expr: (r) =>
          `(SELECT min(i.incident_datetime AT TIME ZONE 'America/Los_Angeles')::date FROM incident_report_row i WHERE i.incident_number = ${r('incident_number')})`,
        temp: true,
      },
    ],
    checks: [
      required('arrest_id'),
      identifier('arrest_id'),
      required('incident_number'),
      identifier('incident_number'),
      ...personKeyChecks('person_key'),
      {
        column: 'arrest_datetime',
        when: (r) => `${r('arrest_datetime')} IS NULL AND ${r('arrest_date')} IS NULL`,
        reason: () => lit('arrest_datetime or arrest_date is needed'),
        value: null,
      },
      datetime('arrest_datetime', 'arrest_local', false),
      date('arrest_date', 'arrest_date_only', false),
      required('arresting_agency'),
      oneOf('custody_type', CUSTODY_TYPES),
      {
        column: 'booked_charges_statute',
        when: (r) => `${r('booked_charges_statute')} IS NULL AND ${r('list_of_booked_charges')} IS NULL`,
        reason: () => lit('booked_charges_statute or list_of_booked_charges is needed'),
        value: null,
      },
      {
        column: 'arrest_date',
        when: () => `coalesce(arrest_local::date, arrest_date_only) < incident_first_date`,
        reason: (r) =>
          `format('the arrest (%s) is before its incident %s (%s)', coalesce(arrest_local::date, arrest_date_only), ${r('incident_number')}, incident_first_date)`,
        value: (r) => `coalesce(${r('arrest_datetime')}, ${r('arrest_date')})`,
      },
    ],
  },

  'da-decisions': {
    table: 'da_decision',
    key: ['decision_id'],
    keyLabel: 'decision_id',
    chargeColumns: ['list_of_filed_charges', 'filed_charges_statute'],
    fields: [
      { name: 'decision_id', expr: (r) => r('decision_id') },
      { name: 'incident_number', expr: (r) => r('incident_number') },
      { name: 'person_key', expr: rekeyed('person_key') },
      // Stored as the spec spells it, whatever the case in the file.
      {
        name: 'da_action_taken',
        expr: (r) => `CASE lower(${r('da_action_taken')}) ${DA_ACTIONS.map((a) => `WHEN ${lit(a.toLowerCase())} THEN ${lit(a)}`).join(' ')} END`,
      },
      { name: 'action_date', expr: (r) => localDate(r('action_date')) },
      { name: 'arrest_id', expr: (r) => r('arrest_id') },
      { name: 'arrest_date', expr: (r) => localDate(r('arrest_date')) },
      { name: 'court_number', expr: (r) => r('court_number') },
      { name: 'filing_date', expr: (r) => localDate(r('filing_date')) },
      { name: 'list_of_filed_charges', expr: (r) => r('list_of_filed_charges') },
      { name: 'filed_charges_statute', expr: (r) => r('filed_charges_statute') },
      { name: 'filed_case_type', expr: (r) => r('filed_case_type') },
      { name: 'crime_type', expr: (r) => r('crime_type') },
      { name: 'dv_case', expr: (r) => r('dv_case') },
      { name: 'case_status', expr: (r) => r('case_status') },
      { name: 'disposition_date', expr: (r) => localDate(r('disposition_date')) },
      { name: 'disposition_code', expr: (r) => r('disposition_code') },
      { name: 'disposition_description', expr: (r) => r('disposition_description') },
    ],
    checks: [
      required('decision_id'),
      identifier('decision_id'),
      required('incident_number'),
      identifier('incident_number'),
      ...personKeyChecks('person_key'),
      oneOf('da_action_taken', DA_ACTIONS),
      date('action_date', 'action_date', true),
      date('arrest_date', 'arrest_date', false),
      date('filing_date', 'filing_date', false),
      date('disposition_date', 'disposition_date', false),
      {
        column: 'list_of_filed_charges',
        when: (r) => `lower(${r('da_action_taken')}) = 'charged' AND ${r('list_of_filed_charges')} IS NULL AND ${r('filed_charges_statute')} IS NULL`,
        reason: () => lit('a Charged decision needs list_of_filed_charges (or filed_charges_statute)'),
        value: null,
      },
    ],
  },
};
