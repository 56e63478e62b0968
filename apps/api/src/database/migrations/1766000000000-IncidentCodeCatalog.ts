import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, uncategorised and unknown incident codes.
 *
 * - DataSF publishes some incident codes with no category and no subcategory (12075 "Military Ordinance", 65021
 *   "Driving, Stunt Vehicle/Street Racing"): such rows now load, their category stored as absent (NULL).
 * - The incident-code catalog becomes data: filled from the generated DataSF catalog (provenance `catalog`) by
 *   apps/api/src/incident-codes/catalog-seed.ts when the server starts or a file of incidents loads, and extended by
 *   admins (provenance `admin`, with who added it, when, and a source or note). A change keeps the earlier entry in
 *   the history.
 * - Each incidents batch records, at load time, the codes of its rows that the catalog did not know, with counts.
 */
export class IncidentCodeCatalog1766000000000 implements MigrationInterface {
  name = 'IncidentCodeCatalog1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE incident_report_row ALTER COLUMN incident_category DROP NOT NULL`);
    await q.query(`
      CREATE TABLE incident_code (
        code text PRIMARY KEY CHECK (code ~ '^[0-9]{5}$'),
        description text NOT NULL CHECK (char_length(btrim(description)) BETWEEN 1 AND 200),
        category text CHECK (char_length(category) <= 100),
        subcategory text CHECK (char_length(subcategory) <= 100),
        provenance text NOT NULL CHECK (provenance IN ('catalog', 'admin')),
        source text NOT NULL CHECK (char_length(btrim(source)) BETWEEN 1 AND 500),
        note text CHECK (char_length(note) <= 2000),
        added_by_id uuid REFERENCES app_user (id),
        added_by text NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        changed_by text,
        changed_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE incident_code_history (
        id bigserial PRIMARY KEY,
        code text NOT NULL,
        old_values jsonb NOT NULL,
        replaced_by text NOT NULL,
        replaced_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX incident_code_history_code_idx ON incident_code_history (code)`);
    await q.query(`
      CREATE TABLE import_batch_unknown_code (
        batch_id uuid NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,
        code text NOT NULL,
        rows integer NOT NULL CHECK (rows > 0),
        description text,
        PRIMARY KEY (batch_id, code)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE import_batch_unknown_code`);
    await q.query(`DROP TABLE incident_code_history`);
    await q.query(`DROP TABLE incident_code`);
    await q.query(`UPDATE incident_report_row SET incident_category = '' WHERE incident_category IS NULL`);
    await q.query(`ALTER TABLE incident_report_row ALTER COLUMN incident_category SET NOT NULL`);
  }
}
