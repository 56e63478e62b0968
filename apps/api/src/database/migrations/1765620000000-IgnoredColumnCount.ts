import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A batch keeps at most the first 200 names of the columns its file had and nothing used (issue 13, Faults 5: a
 * header of 100,000 unknown columns stored every name), and the count of all of them.
 */
export class IgnoredColumnCount1765620000000 implements MigrationInterface {
  name = 'IgnoredColumnCount1765620000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE import_batch ADD COLUMN ignored_column_count integer NOT NULL DEFAULT 0 CHECK (ignored_column_count >= 0)`);
    await q.query(`UPDATE import_batch SET ignored_column_count = cardinality(ignored_columns) WHERE cardinality(ignored_columns) > 0`);
    // Batches recorded before: the same bound as a new load keeps.
    await q.query(
      `UPDATE import_batch
          SET ignored_columns = ARRAY(SELECT CASE WHEN char_length(n) > 100 THEN left(n, 99) || '…' ELSE n END
                                        FROM unnest(ignored_columns[1:200]) WITH ORDINALITY AS u(n, i) ORDER BY i)
        WHERE cardinality(ignored_columns) > 200 OR EXISTS (SELECT 1 FROM unnest(ignored_columns) AS n WHERE char_length(n) > 100)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE import_batch DROP COLUMN ignored_column_count`);
  }
}
