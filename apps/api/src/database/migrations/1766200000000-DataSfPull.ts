import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, incident data that refreshes itself: one row holding the DataSF pull's settings (set by an admin on the
 * Imports page) and the state of its last pull. The watermark is the latest `data_as_of` of the rows the last
 * successful pull loaded, as DataSF wrote it (a floating timestamp, compared as text by the API). A pull's batch says
 * it came from DataSF (`source = 'datasf'`).
 */
export class DataSfPull1766200000000 implements MigrationInterface {
  name = 'DataSfPull1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE datasf_pull (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        enabled boolean NOT NULL DEFAULT false,
        interval_hours integer NOT NULL DEFAULT 24 CHECK (interval_hours BETWEEN 1 AND 8760),
        base_url text NOT NULL DEFAULT 'https://data.sfgov.org' CHECK (char_length(base_url) BETWEEN 8 AND 500),
        first_since date,
        watermark text,
        state text NOT NULL DEFAULT 'never' CHECK (state IN ('never', 'running', 'succeeded', 'failed')),
        message text,
        last_started_at timestamptz,
        last_finished_at timestamptz,
        last_batch_id uuid REFERENCES import_batch (id) ON DELETE SET NULL,
        last_succeeded_at timestamptz,
        next_run_at timestamptz,
        updated_by text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`INSERT INTO datasf_pull (id) VALUES (1)`);
    await q.query(`ALTER TABLE import_batch DROP CONSTRAINT import_batch_source_check`);
    await q.query(`ALTER TABLE import_batch ADD CONSTRAINT import_batch_source_check CHECK (source IN ('cli', 'http', 'demo', 'datasf'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE datasf_pull`);
    await q.query(`ALTER TABLE import_batch DROP CONSTRAINT import_batch_source_check`);
    await q.query(`ALTER TABLE import_batch ADD CONSTRAINT import_batch_source_check CHECK (source IN ('cli', 'http', 'demo'))`);
  }
}
