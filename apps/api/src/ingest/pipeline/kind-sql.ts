import { KEY_COLUMNS, type ImportKind } from '@sra/import-formats';

/**
 * What each kind needs from SQL once its rows are in the load's work table `v`
 * (checked and typed by the row rules of @sra/import-formats as they streamed
 * in): the target table and its key, and the checks and conversions only the
 * database can do.
 */
export interface KindSql {
  table: string;
  /** Key columns of the target table (as the row rules write them), and how the key reads in messages. */
  key: string[];
  keyLabel: string;
  /** Statements run on the work table after the COPY, in order. */
  afterCopy: AfterCopy[];
  /** Distinct charge texts in the batch's rows, for parsing (arrests, DA decisions). */
  chargeColumns?: string[];
}

export interface AfterCopy {
  sql: (v: string) => string;
  /** `$1` is the person-key secret, which never reaches a table or a log. */
  usesSecret: boolean;
  /** May reject rows. */
  rejects: boolean;
}

/**
 * Person keys are replaced by their keyed hash before anything else sees them; so are the tolerant keys (issue 16),
 * each `kind:hex` by `kind:` and HMAC(secret, `kind:hex`), sorted so that a reload compares equal (docs/linking.md).
 */
const rekey: AfterCopy = {
  sql: (v) =>
    `UPDATE ${v} SET person_key = encode(hmac(person_key, $1::text, 'sha256'), 'hex'), ` +
    `person_link_keys = CASE WHEN person_link_keys IS NOT NULL THEN ARRAY(SELECT split_part(k, ':', 1) || ':' || encode(hmac(k, $1::text, 'sha256'), 'hex') ` +
    `FROM unnest(person_link_keys) AS k ORDER BY 1) END WHERE reject IS NULL`,
  usesSecret: true,
  rejects: false,
};

/** An arrest cannot precede its incident, when the incident is loaded (its earliest report row, in San Francisco's calendar). */
const arrestNotBeforeIncidentSql = (v: string) =>
  `UPDATE ${v} SET reject = ARRAY['arrest_date', left(${v}.arrest_when_raw, 200), format('the arrest (%s) is before its incident %s (%s)', ${v}.arrest_date, ${v}.incident_number, i.first_date)] ` +
  `FROM (SELECT incident_number, min((incident_datetime AT TIME ZONE 'America/Los_Angeles')::date) AS first_date FROM incident_report_row ` +
  `WHERE incident_number IN (SELECT incident_number FROM ${v} WHERE reject IS NULL) GROUP BY incident_number) i ` +
  `WHERE i.incident_number = ${v}.incident_number AND ${v}.arrest_date < i.first_date AND ${v}.reject IS NULL`;
const arrestNotBeforeIncident: AfterCopy = { sql: arrestNotBeforeIncidentSql, usesSecret: false, rejects: true };

export const KIND_SQL: Record<ImportKind, KindSql> = {
  incidents: { table: 'incident_report_row', key: KEY_COLUMNS.incidents, keyLabel: 'Row ID', afterCopy: [] },
  'incident-persons': {
    table: 'incident_person',
    key: KEY_COLUMNS['incident-persons'],
    keyLabel: 'Incident Number, Person Key and Person Role',
    afterCopy: [rekey],
  },
  arrests: {
    table: 'arrest',
    key: KEY_COLUMNS.arrests,
    keyLabel: 'arrest_id',
    afterCopy: [rekey, arrestNotBeforeIncident],
    chargeColumns: ['booked_charges_statute', 'list_of_booked_charges'],
  },
  'da-decisions': {
    table: 'da_decision',
    key: KEY_COLUMNS['da-decisions'],
    keyLabel: 'decision_id',
    afterCopy: [rekey],
    chargeColumns: ['list_of_filed_charges', 'filed_charges_statute'],
  },
};
