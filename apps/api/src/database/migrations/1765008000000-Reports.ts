import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Monthly report snapshots (issue 7). A version keeps the data it used, its content hash and its files; it never
 * changes, except once from draft to published (a trigger refuses anything else), and is never deleted.
 */
export class Reports1765008000000 implements MigrationInterface {
  name = 'Reports1765008000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_version (
        id text PRIMARY KEY,
        month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        version integer NOT NULL CHECK (version > 0),
        status text NOT NULL CHECK (status IN ('draft', 'published')),
        reason text,
        generated_at timestamptz NOT NULL,
        generated_by text NOT NULL,
        published_at timestamptz,
        published_by text,
        data jsonb NOT NULL,
        content_hash text NOT NULL,
        suppression_threshold integer NOT NULL,
        UNIQUE (month, version),
        CHECK (id = month || ':' || version)
      )`);
    await q.query(`
      CREATE TABLE report_file (
        report_id text NOT NULL REFERENCES report_version (id),
        edition text NOT NULL CHECK (edition IN ('internal', 'public')),
        format text NOT NULL CHECK (format IN ('pdf', 'csv', 'json')),
        -- The files say whether they are a draft: publishing adds the published files beside the draft's.
        status text NOT NULL CHECK (status IN ('draft', 'published')),
        content bytea NOT NULL,
        sha256 text NOT NULL,
        PRIMARY KEY (report_id, edition, format, status)
      )`);
    await q.query(`
      CREATE FUNCTION report_version_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.status = 'draft' AND NEW.status = 'published'
           AND NEW.id = OLD.id AND NEW.month = OLD.month AND NEW.version = OLD.version AND NEW.data = OLD.data
           AND NEW.content_hash = OLD.content_hash AND NEW.generated_at = OLD.generated_at AND NEW.generated_by = OLD.generated_by
           AND NEW.suppression_threshold = OLD.suppression_threshold THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'report versions are immutable: % refused (only publishing a draft is allowed)', TG_OP;
      END $$`);
    await q.query(`CREATE TRIGGER report_version_immutable BEFORE UPDATE OR DELETE ON report_version FOR EACH ROW EXECUTE FUNCTION report_version_guard()`);
    await q.query(`
      CREATE FUNCTION report_file_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'report files are immutable: % refused', TG_OP;
      END $$`);
    await q.query(`CREATE TRIGGER report_file_immutable BEFORE UPDATE OR DELETE ON report_file FOR EACH ROW EXECUTE FUNCTION report_file_guard()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE report_file`);
    await q.query(`DROP FUNCTION report_file_guard()`);
    await q.query(`DROP TABLE report_version`);
    await q.query(`DROP FUNCTION report_version_guard()`);
  }
}
