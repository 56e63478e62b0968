import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every decision taken in a meeting, in order (issue 14): the minutes list them all, a change of an earlier
 * decision marked as a correction, where the agenda item keeps only the last. Existing decisions are carried over.
 */
export class MeetingDecisions1765800000000 implements MigrationInterface {
  name = 'MeetingDecisions1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meeting_decision (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        meeting_id uuid NOT NULL,
        flag_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('new', 'in_review', 'confirmed_violation', 'not_a_violation', 'policy_exception', 'data_error')),
        note text,
        correction boolean NOT NULL DEFAULT false,
        decided_at timestamptz NOT NULL DEFAULT now(),
        decided_by text NOT NULL,
        FOREIGN KEY (meeting_id, flag_id) REFERENCES meeting_agenda_item (meeting_id, flag_id)
      )`);
    await q.query(`CREATE INDEX meeting_decision_meeting_idx ON meeting_decision (meeting_id, id)`);
    await q.query(`
      INSERT INTO meeting_decision (meeting_id, flag_id, status, note, decided_at, decided_by)
      SELECT meeting_id, flag_id, decision, decision_note, decided_at, coalesce(decided_by, 'unknown')
        FROM meeting_agenda_item WHERE decision IS NOT NULL ORDER BY decided_at`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE meeting_decision`);
  }
}
