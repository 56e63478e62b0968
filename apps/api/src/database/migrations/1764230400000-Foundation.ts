import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts, sessions and the append-only audit trail. */
export class Foundation1764230400000 implements MigrationInterface {
  name = 'Foundation1764230400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        display_name text,
        role text NOT NULL CHECK (role IN ('admin', 'analyst', 'reviewer', 'viewer')),
        password_hash text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_sign_in_at timestamptz,
        CONSTRAINT app_user_email_lower CHECK (email = lower(email))
      )`);
    await q.query(`CREATE UNIQUE INDEX app_user_email_key ON app_user (email)`);

    // Only a SHA-256 of the session token is stored: a copy of this table
    // cannot be used to sign in.
    await q.query(`
      CREATE TABLE user_session (
        token_hash bytea PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        ip text,
        user_agent text
      )`);
    await q.query(`CREATE INDEX user_session_user_idx ON user_session (user_id)`);
    await q.query(`CREATE INDEX user_session_expires_idx ON user_session (expires_at)`);

    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_user_id uuid,
        actor_email text,
        action text NOT NULL,
        target_type text,
        target_id text,
        outcome text NOT NULL CHECK (outcome IN ('success', 'failure')),
        status_code integer,
        ip text,
        user_agent text,
        detail jsonb
      )`);
    await q.query(`CREATE INDEX audit_log_at_idx ON audit_log (at DESC)`);
    await q.query(`CREATE INDEX audit_log_action_idx ON audit_log (action, at DESC)`);
    await q.query(`CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, at DESC)`);

    // Append-only: the database itself refuses to rewrite history, whatever
    // the application (or someone with its credentials) attempts.
    await q.query(`
      CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`);
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_refuse_change()`);
    await q.query(`DROP TABLE user_session`);
    await q.query(`DROP TABLE app_user`);
  }
}
