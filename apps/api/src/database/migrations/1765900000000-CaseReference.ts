import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14, the internal report's case table: a case is named there by its reference, the first 8 characters of its
 * id, and the Flagged cases search box finds a case by it (`id LIKE 'c3f2a9d1%'`). The primary key serves such a
 * prefix only under the C collation (the embedded database's): this index serves it whatever the collation.
 */
export class CaseReference1765900000000 implements MigrationInterface {
  name = 'CaseReference1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX flag_case_id_prefix_idx ON flag_case (id text_pattern_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX flag_case_id_prefix_idx`);
  }
}
