import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables whose contents the aggregates (dashboard, measures) are computed from. */
const SOURCES = ['flag', 'flag_review', 'eligible_report', 'policy_version', 'arrest', 'da_decision', 'incident_report_row', 'incident_person'];

/**
 * A version per source table that changes whenever its data does (a statement trigger), so a computed dashboard
 * can be reused until then, by every instance of the server alike. The bump is part of the writing transaction:
 * readers see the new version only with the new data. One row per table, so a review being saved never waits
 * for an import or an evaluation holding another table's row.
 */
export class DataVersion1764835200000 implements MigrationInterface {
  name = 'DataVersion1764835200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE data_version (table_name text PRIMARY KEY, version bigint NOT NULL DEFAULT 1)`);
    await q.query(`INSERT INTO data_version (table_name) SELECT unnest($1::text[])`, [SOURCES]);
    await q.query(`
      CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE data_version SET version = version + 1 WHERE table_name = TG_TABLE_NAME;
        RETURN NULL;
      END $$`);
    for (const table of SOURCES) {
      await q.query(`CREATE TRIGGER ${table}_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of SOURCES) await q.query(`DROP TRIGGER ${table}_data_version ON ${table}`);
    await q.query(`DROP FUNCTION bump_data_version()`);
    await q.query(`DROP TABLE data_version`);
  }
}
