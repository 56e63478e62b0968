import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14, speed and search. The incidents list grouped every incident report row on each request (4.6-5.8 s on the
 * demo city): one row per incident number is now kept in `incident_summary`, by statement-level triggers on
 * `incident_report_row` (whoever writes it), so a page is an index scan. The app role may only read it: the
 * triggers' function writes it as the owner.
 * Incident numbers are searched by prefix (`LIKE '2200%'`): the indexes on them use text_pattern_ops, which serve
 * both equality and prefixes whatever the database's collation (the embedded one is C; an external one may not be).
 */
export class IncidentSummary1765720800000 implements MigrationInterface {
  name = 'IncidentSummary1765720800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE incident_summary (
        incident_number text PRIMARY KEY,
        report_at timestamptz,
        incident_at timestamptz,
        report_date date,
        category text,
        police_district text,
        rows integer NOT NULL
      )`);
    // The list's sorts (DESC NULLS LAST, then the number; read backwards for ASC NULLS FIRST) and its prefix search.
    await q.query(`CREATE INDEX incident_summary_report_idx ON incident_summary (report_at DESC NULLS LAST, incident_number DESC)`);
    await q.query(`CREATE INDEX incident_summary_incident_idx ON incident_summary (incident_at DESC NULLS LAST, incident_number DESC)`);
    await q.query(`CREATE INDEX incident_summary_category_idx ON incident_summary (category NULLS FIRST, incident_number)`);
    await q.query(`CREATE INDEX incident_summary_district_idx ON incident_summary (police_district NULLS FIRST, incident_number)`);
    await q.query(`CREATE INDEX incident_summary_report_date_idx ON incident_summary (report_date)`);
    await q.query(`CREATE INDEX incident_summary_number_prefix_idx ON incident_summary (incident_number text_pattern_ops)`);

    // Recomputes the summary of the given incident numbers (NULL: of every incident) from their rows.
    await q.query(`
      CREATE FUNCTION incident_summary_refresh(numbers text[]) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
      SET search_path = pg_catalog, public, pg_temp AS $$
      BEGIN
        IF numbers IS NULL THEN
          DELETE FROM incident_summary;
        ELSE
          DELETE FROM incident_summary WHERE incident_number = ANY (numbers);
        END IF;
        INSERT INTO incident_summary (incident_number, report_at, incident_at, report_date, category, police_district, rows)
        SELECT incident_number, min(report_datetime), min(incident_datetime), (min(report_datetime) AT TIME ZONE 'America/Los_Angeles')::date,
               (array_agg(incident_category ORDER BY report_datetime, row_id))[1], (array_agg(police_district ORDER BY report_datetime, row_id))[1],
               count(*)::int
          FROM incident_report_row
         WHERE numbers IS NULL OR incident_number = ANY (numbers)
         GROUP BY incident_number;
      END $$`);
    // One function for the three row events (each trigger names its own transition tables) and TRUNCATE. A large
    // statement (a whole file loaded) recomputes everything in one grouped pass rather than number by number.
    await q.query(`
      CREATE FUNCTION incident_summary_sync() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
      SET search_path = pg_catalog, public, pg_temp AS $$
      DECLARE
        numbers text[];
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          TRUNCATE incident_summary;
          RETURN NULL;
        ELSIF TG_OP = 'INSERT' THEN
          numbers := ARRAY(SELECT DISTINCT incident_number FROM new_rows);
        ELSIF TG_OP = 'DELETE' THEN
          numbers := ARRAY(SELECT DISTINCT incident_number FROM old_rows);
        ELSE
          numbers := ARRAY(SELECT incident_number FROM new_rows UNION SELECT incident_number FROM old_rows);
        END IF;
        IF cardinality(numbers) = 0 THEN RETURN NULL; END IF;
        PERFORM incident_summary_refresh(CASE WHEN cardinality(numbers) > 5000 THEN NULL ELSE numbers END);
        RETURN NULL;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION incident_summary_refresh(text[]) FROM PUBLIC`);
    await q.query(`CREATE TRIGGER incident_summary_insert AFTER INSERT ON incident_report_row REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION incident_summary_sync()`);
    await q.query(`CREATE TRIGGER incident_summary_update AFTER UPDATE ON incident_report_row REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION incident_summary_sync()`);
    await q.query(`CREATE TRIGGER incident_summary_delete AFTER DELETE ON incident_report_row REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION incident_summary_sync()`);
    await q.query(`CREATE TRIGGER incident_summary_truncate AFTER TRUNCATE ON incident_report_row FOR EACH STATEMENT EXECUTE FUNCTION incident_summary_sync()`);
    await q.query(`SELECT incident_summary_refresh(NULL)`);

    // Prefix search on the incident numbers of flags, arrests and DA decisions: the same indexes, with the opclass
    // that also serves LIKE 'x%' (equality lookups use them as before).
    for (const [index, table] of [
      ['flag_report_idx', 'flag'],
      ['arrest_incident_idx', 'arrest'],
      ['da_decision_incident_idx', 'da_decision'],
    ] as const) {
      const column = table === 'flag' ? 'report_incident_number' : 'incident_number';
      await q.query(`DROP INDEX ${index}`);
      await q.query(`CREATE INDEX ${index} ON ${table} (${column} text_pattern_ops)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [index, table, column] of [
      ['flag_report_idx', 'flag', 'report_incident_number'],
      ['arrest_incident_idx', 'arrest', 'incident_number'],
      ['da_decision_incident_idx', 'da_decision', 'incident_number'],
    ] as const) {
      await q.query(`DROP INDEX ${index}`);
      await q.query(`CREATE INDEX ${index} ON ${table} (${column})`);
    }
    for (const t of ['insert', 'update', 'delete', 'truncate']) await q.query(`DROP TRIGGER incident_summary_${t} ON incident_report_row`);
    await q.query(`DROP FUNCTION incident_summary_sync()`);
    await q.query(`DROP FUNCTION incident_summary_refresh(text[])`);
    await q.query(`DROP TABLE incident_summary`);
  }
}
