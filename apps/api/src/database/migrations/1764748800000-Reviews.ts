import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reviews of flagged cases (issue 6). A flag without a row here is `new`.
 * The history is append-only: a trigger refuses UPDATE and DELETE, so who
 * changed what and when cannot be rewritten.
 */
export class Reviews1764748800000 implements MigrationInterface {
  name = 'Reviews1764748800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE flag_review (
        flag_id text PRIMARY KEY REFERENCES flag (id),
        status text NOT NULL DEFAULT 'new'
          CHECK (status IN ('new', 'in_review', 'confirmed_violation', 'not_a_violation', 'policy_exception', 'data_error')),
        assignee_id uuid REFERENCES app_user (id),
        version integer NOT NULL DEFAULT 0,
        changed_at timestamptz,
        changed_by text
      )`);
    await q.query(`CREATE INDEX flag_review_status_idx ON flag_review (status)`);
    await q.query(`CREATE INDEX flag_review_assignee_idx ON flag_review (assignee_id)`);
    await q.query(`
      CREATE TABLE flag_review_event (
        id bigserial PRIMARY KEY,
        flag_id text NOT NULL REFERENCES flag (id),
        kind text NOT NULL CHECK (kind IN ('status', 'assignee', 'note')),
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_id uuid REFERENCES app_user (id),
        actor_name text NOT NULL,
        from_value text,
        to_value text,
        note text
      )`);
    await q.query(`CREATE INDEX flag_review_event_flag_idx ON flag_review_event (flag_id, id)`);
    await q.query(`
      CREATE FUNCTION flag_review_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'flag_review_event is append-only: % refused', TG_OP;
      END $$`);
    await q.query(`CREATE TRIGGER flag_review_event_append_only BEFORE UPDATE OR DELETE ON flag_review_event FOR EACH ROW EXECUTE FUNCTION flag_review_event_is_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE flag_review_event`);
    await q.query(`DROP FUNCTION flag_review_event_is_append_only()`);
    await q.query(`DROP TABLE flag_review`);
  }
}
