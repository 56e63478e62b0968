import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Descriptions of charge codes added by admins (issue 11), used on top of the built-in code book of libs/statutes.
 * One row per code, with who described it, when, and from what source; an earlier description is kept in the
 * history when a code is described again.
 */
export class ChargeCodes1765180800000 implements MigrationInterface {
  name = 'ChargeCodes1765180800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE charge_code_description (
        code text PRIMARY KEY CHECK (char_length(code) BETWEEN 3 AND 60),
        description text NOT NULL CHECK (char_length(btrim(description)) BETWEEN 1 AND 200),
        level text CHECK (level IN ('felony', 'misdemeanor', 'infraction')),
        source text NOT NULL CHECK (char_length(btrim(source)) BETWEEN 1 AND 500),
        notes text CHECK (char_length(notes) <= 2000),
        described_by_id uuid REFERENCES app_user (id),
        described_by text NOT NULL,
        described_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE charge_code_description_history (
        id bigserial PRIMARY KEY,
        code text NOT NULL,
        description text NOT NULL,
        level text,
        source text NOT NULL,
        notes text,
        described_by_id uuid,
        described_by text NOT NULL,
        described_at timestamptz NOT NULL,
        replaced_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX charge_code_description_history_code_idx ON charge_code_description_history (code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE charge_code_description_history`);
    await q.query(`DROP TABLE charge_code_description`);
  }
}
