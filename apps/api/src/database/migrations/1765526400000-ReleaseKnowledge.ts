import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Publishing a report adds to what the public knows (issue 12): the released set viewers see is built around every
 * published report, so it is rebuilt when report_version changes, like any result computed from the data.
 */
export class ReleaseKnowledge1765526400000 implements MigrationInterface {
  name = 'ReleaseKnowledge1765526400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`INSERT INTO data_version (table_name) VALUES ('report_version') ON CONFLICT DO NOTHING`);
    await q.query(`CREATE TRIGGER report_version_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON report_version FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER report_version_data_version ON report_version`);
    await q.query(`DELETE FROM data_version WHERE table_name = 'report_version'`);
  }
}
