import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11, one case per event: a case is one action (an arrest or a DA charging decision) against a person who had
 * reported; the per-rule flags stay as its evidence (`flag.case_id`). Reviews move from flags to cases
 * (`case_review`, `case_review_event`, append-only); each flag's review is carried over: equal statuses give the case
 * that status, different ones make it `in_review` with an event naming each rule's status ("needs a decision").
 * Every old history event is copied onto the case with the flag and rule it was recorded on; `flag_review` and
 * `flag_review_event` stay as they were, read by nothing.
 * Flags also name the incident report row that qualified (`qualifying_row_id`), so the case page can mark it.
 */
export class Cases1765440000000 implements MigrationInterface {
  name = 'Cases1765440000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE flag ADD COLUMN case_id text, ADD COLUMN qualifying_row_id text`);
    // The case id: a hash of (action type, action id, person key), as caseId() in evaluation.service.ts.
    await q.query(
      `UPDATE flag SET case_id = substr(encode(sha256(convert_to(action_type || chr(31) || action_id || chr(31) || person_key, 'UTF8')), 'hex'), 1, 32)`,
    );
    await q.query(`ALTER TABLE flag ALTER COLUMN case_id SET NOT NULL`);
    await q.query(`CREATE INDEX flag_case_idx ON flag (case_id)`);

    await q.query(`
      CREATE TABLE flag_case (
        id text PRIMARY KEY,
        action_type text NOT NULL CHECK (action_type IN ('arrest', 'da_decision')),
        action_id text NOT NULL,
        person_key text NOT NULL,
        agency text NOT NULL,
        action_at timestamptz,
        action_date date NOT NULL,
        action_datetime text NOT NULL,
        rule_ids text[] NOT NULL,
        flag_count integer NOT NULL,
        confidence text NOT NULL CHECK (confidence IN ('high', 'medium', 'low')),
        confidence_rank integer NOT NULL,
        nexus text NOT NULL CHECK (nexus IN ('direct', 'temporal', 'none')),
        report_incident_numbers text[] NOT NULL,
        report_at timestamptz,
        police_district text,
        incident_category text,
        status text NOT NULL CHECK (status IN ('current', 'withdrawn')),
        first_run_id uuid NOT NULL REFERENCES evaluation_run (id),
        last_run_id uuid NOT NULL REFERENCES evaluation_run (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        changed_at timestamptz NOT NULL DEFAULT now(),
        withdrawn_at timestamptz
      )`);
    await q.query(`CREATE INDEX flag_case_person_idx ON flag_case (person_key)`);
    await q.query(`CREATE INDEX flag_case_status_date_idx ON flag_case (status, action_date)`);
    await q.query(`
      INSERT INTO flag_case (id, action_type, action_id, person_key, agency, action_at, action_date, action_datetime, rule_ids, flag_count, confidence,
                             confidence_rank, nexus, report_incident_numbers, report_at, police_district, incident_category, status,
                             first_run_id, last_run_id, created_at, changed_at, withdrawn_at)
      WITH live AS (SELECT case_id, bool_or(status = 'current') AS current FROM flag GROUP BY case_id),
      shown AS (SELECT f.*, CASE f.confidence WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END AS rank,
                       CASE f.nexus WHEN 'direct' THEN 3 WHEN 'temporal' THEN 2 ELSE 1 END AS nexus_rank, l.current AS case_current
                  FROM flag f JOIN live l USING (case_id) WHERE f.status = 'current' OR NOT l.current)
      SELECT case_id, min(action_type), min(action_id), min(person_key), min(agency), min(action_at), min(action_date), min(action_datetime),
             array_agg(DISTINCT rule_id ORDER BY rule_id), count(*)::int,
             (ARRAY['low', 'medium', 'high'])[max(rank)], max(rank),
             (ARRAY['none', 'temporal', 'direct'])[max(nexus_rank)],
             coalesce(array_agg(DISTINCT report_incident_number ORDER BY report_incident_number) FILTER (WHERE report_incident_number IS NOT NULL), '{}'),
             min(report_at),
             (array_agg(police_district ORDER BY report_at NULLS LAST, report_incident_number, rule_id))[1],
             (array_agg(incident_category ORDER BY report_at NULLS LAST, report_incident_number, rule_id))[1],
             CASE WHEN bool_or(case_current) THEN 'current' ELSE 'withdrawn' END,
             (array_agg(first_run_id ORDER BY created_at))[1], (array_agg(last_run_id ORDER BY changed_at DESC))[1],
             min(created_at), max(changed_at), CASE WHEN bool_or(case_current) THEN NULL ELSE max(withdrawn_at) END
        FROM shown GROUP BY case_id`);
    await q.query(`ALTER TABLE flag ADD CONSTRAINT flag_case_fk FOREIGN KEY (case_id) REFERENCES flag_case (id) DEFERRABLE INITIALLY DEFERRED`);
    // Deferred: an evaluation stores a case's flags first, then the case from them, in one transaction.

    await q.query(`
      CREATE TABLE case_review (
        case_id text PRIMARY KEY REFERENCES flag_case (id),
        status text NOT NULL DEFAULT 'new'
          CHECK (status IN ('new', 'in_review', 'confirmed_violation', 'not_a_violation', 'policy_exception', 'data_error')),
        assignee_id uuid REFERENCES app_user (id),
        version integer NOT NULL DEFAULT 0,
        changed_at timestamptz,
        changed_by text
      )`);
    await q.query(`CREATE INDEX case_review_status_idx ON case_review (status)`);
    await q.query(`CREATE INDEX case_review_assignee_idx ON case_review (assignee_id)`);
    await q.query(`
      CREATE TABLE case_review_event (
        id bigserial PRIMARY KEY,
        case_id text NOT NULL REFERENCES flag_case (id),
        kind text NOT NULL CHECK (kind IN ('status', 'assignee', 'note', 'carried_over')),
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_id uuid REFERENCES app_user (id),
        actor_name text NOT NULL,
        from_value text,
        to_value text,
        note text,
        -- For events recorded on a flag before reviews moved to cases: that flag and its rule.
        flag_id text REFERENCES flag (id),
        rule_id text
      )`);
    await q.query(`CREATE INDEX case_review_event_case_idx ON case_review_event (case_id, id)`);
    await q.query(`
      CREATE FUNCTION case_review_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_review_event is append-only: % refused', TG_OP;
      END $$`);
    await q.query(`CREATE TRIGGER case_review_event_append_only BEFORE UPDATE OR DELETE ON case_review_event FOR EACH ROW EXECUTE FUNCTION case_review_event_is_append_only()`);

    // The old history, on the case, in the order it happened, each event naming the flag and rule it was recorded on.
    await q.query(`
      INSERT INTO case_review_event (case_id, kind, at, actor_id, actor_name, from_value, to_value, note, flag_id, rule_id)
      SELECT f.case_id, e.kind, e.at, e.actor_id, e.actor_name, e.from_value, e.to_value, e.note, f.id, f.rule_id
        FROM flag_review_event e JOIN flag f ON f.id = e.flag_id ORDER BY e.at, e.id`);
    // One review per case with any reviewed flag: the flags' statuses (an unreviewed flag is `new`) agree -> that status;
    // they differ -> in_review, "needs a decision". One assignee among them -> kept; several -> the first rule's, said so.
    await q.query(`
      WITH per_flag AS (
        SELECT f.case_id, f.id AS flag_id, f.rule_id, f.rule_version, coalesce(r.status, 'new') AS status, r.assignee_id, r.version, r.changed_at, r.changed_by,
               coalesce(nullif(u.display_name, ''), u.email) AS assignee_name
          FROM flag f LEFT JOIN flag_review r ON r.flag_id = f.id LEFT JOIN app_user u ON u.id = r.assignee_id
         WHERE f.case_id IN (SELECT f2.case_id FROM flag f2 JOIN flag_review r2 ON r2.flag_id = f2.id)),
      per_case AS (
        SELECT case_id, count(DISTINCT status) AS statuses, min(status) AS one_status,
               count(DISTINCT assignee_id) AS assignees, (array_agg(assignee_id ORDER BY rule_id) FILTER (WHERE assignee_id IS NOT NULL))[1] AS assignee_id,
               max(changed_at) AS changed_at, (array_agg(changed_by ORDER BY changed_at DESC NULLS LAST))[1] AS changed_by,
               string_agg(rule_id || ' v' || rule_version || ': ' || replace(status, '_', ' ') ||
                          CASE WHEN assignee_name IS NOT NULL THEN ' (assigned to ' || assignee_name || ')' ELSE '' END, '; ' ORDER BY rule_id) AS summary,
               count(*) AS flags
          FROM per_flag GROUP BY case_id),
      reviews AS (
        INSERT INTO case_review (case_id, status, assignee_id, version, changed_at, changed_by)
        SELECT case_id, CASE WHEN statuses = 1 THEN one_status ELSE 'in_review' END, assignee_id, 1, changed_at, changed_by FROM per_case
        RETURNING case_id)
      INSERT INTO case_review_event (case_id, kind, actor_name, from_value, to_value, note)
      SELECT p.case_id, 'carried_over', 'one case per event (issue 11)', NULL, CASE WHEN p.statuses = 1 THEN p.one_status ELSE 'in_review' END,
             CASE WHEN p.statuses = 1
                  THEN 'Reviews carried over from the ' || p.flags || ' rule flag(s) of this case, which agreed: ' || p.summary || '.'
                  ELSE 'Needs a decision: the rule flags of this case had different reviews (' || p.summary || '). Both histories are kept below.' END
                 || CASE WHEN p.assignees > 1 THEN ' Several assignees: the first rule''s is kept.' ELSE '' END
        FROM per_case p JOIN reviews USING (case_id)`);

    // The aggregates' caches follow these tables too (see DataVersion).
    for (const table of ['flag_case', 'case_review']) {
      await q.query(`INSERT INTO data_version (table_name) VALUES ($1) ON CONFLICT DO NOTHING`, [table]);
      await q.query(`CREATE TRIGGER ${table}_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()`);
    }
    await q.query(`ALTER TABLE evaluation_run ADD COLUMN cases_new integer, ADD COLUMN cases_changed integer, ADD COLUMN cases_withdrawn integer,
                   ADD COLUMN cases_unchanged integer, ADD COLUMN cases_current integer`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE evaluation_run DROP COLUMN cases_new, DROP COLUMN cases_changed, DROP COLUMN cases_withdrawn, DROP COLUMN cases_unchanged, DROP COLUMN cases_current`);
    await q.query(`DELETE FROM data_version WHERE table_name IN ('flag_case', 'case_review')`);
    await q.query(`DROP TABLE case_review_event`);
    await q.query(`DROP FUNCTION case_review_event_is_append_only()`);
    await q.query(`DROP TABLE case_review`);
    await q.query(`ALTER TABLE flag DROP CONSTRAINT flag_case_fk`);
    await q.query(`DROP TABLE flag_case`);
    await q.query(`ALTER TABLE flag DROP COLUMN case_id, DROP COLUMN qualifying_row_id`);
  }
}
