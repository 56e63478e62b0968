import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The compliance engine's tables: policy versions (immutable once stored),
 * evaluation runs, and flags (stable ids; withdrawn, never deleted).
 */
export class Compliance1764576000000 implements MigrationInterface {
  name = 'Compliance1764576000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE policy_version (
        rule_id text NOT NULL CHECK (rule_id IN ('sfpd-psw-2017', 'sfda-psw-2018', 'ca-pc-647.3', 'ca-sb357-repeal')),
        version integer NOT NULL CHECK (version >= 1),
        effective_from date NOT NULL,
        document jsonb NOT NULL,
        change_reason text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (rule_id, version),
        UNIQUE (rule_id, effective_from)
      )`);
    // A version is evidence for the flags it produced: it is never changed or removed; a change is a new version.
    await q.query(`
      CREATE FUNCTION policy_version_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'policy versions are immutable: add a new version instead';
      END $$`);
    await q.query(`CREATE TRIGGER policy_version_immutable BEFORE UPDATE OR DELETE ON policy_version FOR EACH ROW EXECUTE FUNCTION policy_version_is_immutable()`);
    await q.query(`CREATE TRIGGER policy_version_no_truncate BEFORE TRUNCATE ON policy_version FOR EACH STATEMENT EXECUTE FUNCTION policy_version_is_immutable()`);

    await q.query(`
      CREATE TABLE evaluation_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        trigger text NOT NULL CHECK (trigger IN ('ingest', 'on-demand', 'policy-change', 'start')),
        scope text NOT NULL CHECK (scope IN ('full', 'batch')),
        batch_id uuid REFERENCES import_batch (id),
        requested_by text NOT NULL,
        policy_versions jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
        started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        finished_at timestamptz,
        duration_ms integer,
        reports_flagged integer,
        flags_new integer,
        flags_changed integer,
        flags_withdrawn integer,
        flags_current integer,
        error text
      )`);

    await q.query(`
      CREATE TABLE flag (
        id text PRIMARY KEY,
        rule_id text NOT NULL,
        rule_version integer NOT NULL,
        confidence text NOT NULL CHECK (confidence IN ('high', 'medium', 'low')),
        nexus text NOT NULL CHECK (nexus IN ('direct', 'temporal', 'none')),
        reasons text[] NOT NULL,
        protected_charges text[] NOT NULL,
        agency text NOT NULL,
        report_incident_number text,
        person_key text NOT NULL,
        action_type text NOT NULL CHECK (action_type IN ('arrest', 'da_decision')),
        action_id text NOT NULL,
        action_at timestamptz,
        action_date date NOT NULL,
        action_datetime text NOT NULL,
        report_at timestamptz,
        incident_category text,
        police_district text,
        sentence text NOT NULL,
        status text NOT NULL DEFAULT 'current' CHECK (status IN ('current', 'withdrawn')),
        first_run_id uuid NOT NULL REFERENCES evaluation_run (id),
        last_run_id uuid NOT NULL REFERENCES evaluation_run (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        changed_at timestamptz NOT NULL DEFAULT now(),
        withdrawn_at timestamptz,
        FOREIGN KEY (rule_id, rule_version) REFERENCES policy_version (rule_id, version)
      )`);
    await q.query(`CREATE INDEX flag_person_idx ON flag (person_key)`);
    await q.query(`CREATE INDEX flag_report_idx ON flag (report_incident_number)`);
    await q.query(`CREATE INDEX flag_rule_status_idx ON flag (rule_id, status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE flag`);
    await q.query(`DROP TABLE evaluation_run`);
    await q.query(`DROP TABLE policy_version`);
    await q.query(`DROP FUNCTION policy_version_is_immutable()`);
  }
}
