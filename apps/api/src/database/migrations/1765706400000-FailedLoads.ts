import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A load that fails on a database error part-way (out of disk space, the database stopped, a time limit) leaves a
 * batch record saying so (issue 13, Faults 4): status `failed`, with the plain reason in `refusal_reason`.
 */
export class FailedLoads1765706400000 implements MigrationInterface {
  name = 'FailedLoads1765706400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE import_batch DROP CONSTRAINT import_batch_status_check`);
    await q.query(`ALTER TABLE import_batch ADD CONSTRAINT import_batch_status_check CHECK (status IN ('loaded', 'refused', 'failed'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM import_batch WHERE status = 'failed'`);
    await q.query(`ALTER TABLE import_batch DROP CONSTRAINT import_batch_status_check`);
    await q.query(`ALTER TABLE import_batch ADD CONSTRAINT import_batch_status_check CHECK (status IN ('loaded', 'refused'))`);
  }
}
