import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Import batches, their rejected rows, the four kinds of loaded records with
 * their history, and parsed charge lists.
 */
export class Ingest1764316800000 implements MigrationInterface {
  name = 'Ingest1764316800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);

    await q.query(`
      CREATE TABLE import_batch (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('incidents', 'incident-persons', 'arrests', 'da-decisions')),
        file_name text NOT NULL,
        sha256 text,
        size_bytes bigint,
        loaded_by_user_id uuid REFERENCES app_user (id),
        loaded_by text NOT NULL,
        source text NOT NULL CHECK (source IN ('cli', 'http', 'demo')),
        is_demo boolean NOT NULL DEFAULT false,
        status text NOT NULL CHECK (status IN ('loaded', 'refused')),
        refusal_reason text,
        refusal_line integer,
        refusal_column text,
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        rows_read integer NOT NULL DEFAULT 0,
        inserted integer NOT NULL DEFAULT 0,
        updated integer NOT NULL DEFAULT 0,
        unchanged integer NOT NULL DEFAULT 0,
        rejected integer NOT NULL DEFAULT 0,
        ignored_columns text[] NOT NULL DEFAULT '{}',
        unparsed_charges integer NOT NULL DEFAULT 0
      )`);
    await q.query(`CREATE INDEX import_batch_started_idx ON import_batch (started_at DESC)`);

    await q.query(`
      CREATE TABLE import_reject (
        id bigserial PRIMARY KEY,
        batch_id uuid NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,
        line integer NOT NULL,
        column_name text,
        value text,
        reason text NOT NULL
      )`);
    await q.query(`CREATE INDEX import_reject_batch_idx ON import_reject (batch_id, line)`);

    await q.query(`
      CREATE TABLE incident_report_row (
        row_id text PRIMARY KEY,
        incident_id text NOT NULL,
        incident_number text NOT NULL,
        incident_datetime timestamptz NOT NULL,
        report_datetime timestamptz NOT NULL,
        incident_code text NOT NULL,
        incident_category text NOT NULL,
        incident_subcategory text,
        incident_description text,
        incident_date date,
        incident_time text,
        incident_year integer,
        incident_day_of_week text,
        cad_number text,
        report_type_code text,
        report_type_description text,
        filed_online boolean,
        resolution text,
        intersection text,
        cnn text,
        police_district text,
        analysis_neighborhood text,
        supervisor_district text,
        supervisor_district_2012 text,
        latitude double precision,
        longitude double precision,
        batch_id uuid NOT NULL REFERENCES import_batch (id),
        first_loaded_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz
      )`);
    await q.query(`CREATE INDEX incident_report_row_number_idx ON incident_report_row (incident_number)`);

    await q.query(`
      CREATE TABLE incident_person (
        incident_number text NOT NULL,
        person_key text NOT NULL,
        person_role text NOT NULL CHECK (person_role IN ('victim', 'witness', 'reporting party', 'suspect')),
        incident_id text,
        role_recorded_at timestamptz,
        batch_id uuid NOT NULL REFERENCES import_batch (id),
        first_loaded_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz,
        PRIMARY KEY (incident_number, person_key, person_role)
      )`);
    await q.query(`CREATE INDEX incident_person_person_idx ON incident_person (person_key)`);

    await q.query(`
      CREATE TABLE arrest (
        arrest_id text PRIMARY KEY,
        incident_number text NOT NULL,
        person_key text NOT NULL,
        arrest_datetime timestamptz,
        arrest_date date NOT NULL,
        arresting_agency text NOT NULL,
        custody_type text NOT NULL CHECK (custody_type IN ('booked', 'cited')),
        booked_charges_statute text,
        list_of_booked_charges text,
        booked_case_type text,
        cad_number text,
        batch_id uuid NOT NULL REFERENCES import_batch (id),
        first_loaded_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz
      )`);
    await q.query(`CREATE INDEX arrest_person_idx ON arrest (person_key)`);
    await q.query(`CREATE INDEX arrest_incident_idx ON arrest (incident_number)`);

    await q.query(`
      CREATE TABLE da_decision (
        decision_id text PRIMARY KEY,
        incident_number text NOT NULL,
        person_key text NOT NULL,
        da_action_taken text NOT NULL,
        action_date date NOT NULL,
        arrest_id text,
        arrest_date date,
        court_number text,
        filing_date date,
        list_of_filed_charges text,
        filed_charges_statute text,
        filed_case_type text,
        crime_type text,
        dv_case text,
        case_status text,
        disposition_date date,
        disposition_code text,
        disposition_description text,
        batch_id uuid NOT NULL REFERENCES import_batch (id),
        first_loaded_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz
      )`);
    await q.query(`CREATE INDEX da_decision_person_idx ON da_decision (person_key)`);
    await q.query(`CREATE INDEX da_decision_incident_idx ON da_decision (incident_number)`);
    await q.query(`CREATE INDEX da_decision_arrest_idx ON da_decision (arrest_id)`);

    // One row per distinct charge text ever loaded, parsed by libs/statutes.
    await q.query(`
      CREATE TABLE charge_list (
        raw text PRIMARY KEY,
        charges jsonb NOT NULL,
        unparsed text[] NOT NULL DEFAULT '{}',
        parsed_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Earlier versions of corrected records: nothing a later file changes is lost.
    await q.query(`
      CREATE TABLE record_history (
        id bigserial PRIMARY KEY,
        record_kind text NOT NULL,
        record_key text NOT NULL,
        batch_id uuid NOT NULL REFERENCES import_batch (id),
        replaced_by_batch uuid NOT NULL REFERENCES import_batch (id),
        replaced_at timestamptz NOT NULL DEFAULT now(),
        old_values jsonb NOT NULL
      )`);
    await q.query(`CREATE INDEX record_history_key_idx ON record_history (record_kind, record_key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['record_history', 'charge_list', 'da_decision', 'arrest', 'incident_person', 'incident_report_row', 'import_reject', 'import_batch']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
