import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Task-force review meetings (issue 7): a meeting, and its agenda of flagged cases in order, each with the
 * decision taken on it there (the decision itself is an ordinary review change, kept in flag_review_event).
 * Meetings are the record of what the task force discussed: a trigger refuses deleting one.
 */
export class Meetings1764921600000 implements MigrationInterface {
  name = 'Meetings1764921600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meeting (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        date date NOT NULL,
        title text NOT NULL CHECK (btrim(title) <> ''),
        attendees jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(attendees) = 'array'),
        notes text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held')),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX meeting_date_idx ON meeting (date)`);
    // Positions run 1..n; the uniqueness is checked at commit so a reorder can move every item in one statement.
    await q.query(`
      CREATE TABLE meeting_agenda_item (
        meeting_id uuid NOT NULL REFERENCES meeting (id),
        flag_id text NOT NULL REFERENCES flag (id),
        position integer NOT NULL CHECK (position >= 1),
        added_by_hand boolean NOT NULL DEFAULT false,
        decision text CHECK (decision IN ('new', 'in_review', 'confirmed_violation', 'not_a_violation', 'policy_exception', 'data_error')),
        decision_note text,
        decided_at timestamptz,
        decided_by text,
        PRIMARY KEY (meeting_id, flag_id),
        CONSTRAINT meeting_agenda_item_position_key UNIQUE (meeting_id, position) DEFERRABLE INITIALLY DEFERRED
      )`);
    await q.query(`CREATE INDEX meeting_agenda_item_flag_idx ON meeting_agenda_item (flag_id)`);
    await q.query(`
      CREATE FUNCTION meeting_is_never_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'meetings are never deleted: % refused', TG_OP;
      END $$`);
    await q.query(`CREATE TRIGGER meeting_never_deleted BEFORE DELETE ON meeting FOR EACH ROW EXECUTE FUNCTION meeting_is_never_deleted()`);
    await q.query(`CREATE TRIGGER meeting_no_truncate BEFORE TRUNCATE ON meeting FOR EACH STATEMENT EXECUTE FUNCTION meeting_is_never_deleted()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE meeting_agenda_item`);
    await q.query(`DROP TABLE meeting`);
    await q.query(`DROP FUNCTION meeting_is_never_deleted()`);
  }
}
