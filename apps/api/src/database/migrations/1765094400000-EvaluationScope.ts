import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11: a batch's evaluation reads the old values of the rows it replaced (record_history, by the batch that
 * replaced them) and the flags whose action it touched; an evaluation run records the database session that runs it,
 * so a run left `running` by a process that died can be told from one still at work; and how many flags in its scope
 * it left as they were.
 */
export class EvaluationScope1765094400000 implements MigrationInterface {
  name = 'EvaluationScope1765094400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX record_history_replaced_by_idx ON record_history (replaced_by_batch, record_kind)`);
    await q.query(`CREATE INDEX flag_action_idx ON flag (action_type, action_id)`);
    await q.query(`ALTER TABLE evaluation_run ADD COLUMN backend_pid integer, ADD COLUMN backend_started_at timestamptz, ADD COLUMN flags_unchanged integer`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE evaluation_run DROP COLUMN backend_pid, DROP COLUMN backend_started_at, DROP COLUMN flags_unchanged`);
    await q.query(`DROP INDEX flag_action_idx`);
    await q.query(`DROP INDEX record_history_replaced_by_idx`);
  }
}
