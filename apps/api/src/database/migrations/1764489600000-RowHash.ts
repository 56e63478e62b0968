import type { MigrationInterface, QueryRunner } from 'typeorm';

const RECORD_TABLES = ['incident_report_row', 'incident_person', 'arrest', 'da_decision'];

/**
 * A hash of each record's values as loaded (person keys left out), so that a
 * file loaded again is compared with what is stored by hash first, and by
 * every column only where the hashes differ. Rows loaded before it have none
 * and are compared by every column.
 */
export class RowHash1764489600000 implements MigrationInterface {
  name = 'RowHash1764489600000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of RECORD_TABLES) await q.query(`ALTER TABLE ${table} ADD COLUMN row_hash bigint`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of RECORD_TABLES) await q.query(`ALTER TABLE ${table} DROP COLUMN row_hash`);
  }
}
