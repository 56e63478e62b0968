import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The app's database role owns no table (issue 13, Security 6), so it cannot drop and rebuild the keys and indexes
 * of an import table around a first bulk load. These functions do it for it, as the schema owner (SECURITY DEFINER),
 * for the four import tables only, only when the table is empty, and only from definitions the catalog wrote: the
 * caller names a table, never a statement. What was set aside is kept in a table the app can only read, and
 * a transaction that sets aside without restoring cannot commit (a deferred check).
 */
export class BulkLoadAsOwner1765700000000 implements MigrationInterface {
  name = 'BulkLoadAsOwner1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE bulk_load_set_aside (
        table_name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('primary key', 'foreign key', 'index')),
        name text NOT NULL,
        definition text NOT NULL,
        PRIMARY KEY (table_name, name)
      )`);
    await q.query(`
      CREATE FUNCTION bulk_load_must_be_restored() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
      SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM public.bulk_load_set_aside WHERE table_name = NEW.table_name AND name = NEW.name) THEN
          RAISE EXCEPTION 'bulk load of %: % % was set aside and not restored', NEW.table_name, NEW.kind, NEW.name;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER bulk_load_restored AFTER INSERT ON bulk_load_set_aside
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bulk_load_must_be_restored()`);

    await q.query(`
      CREATE FUNCTION bulk_load_set_aside(target text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
      -- public for the triggers TRUNCATE fires (the app cannot create anything there); temporary objects last.
      SET search_path = pg_catalog, public, pg_temp AS $$
      DECLARE
        rel regclass;
        filled boolean;
        r record;
      BEGIN
        IF target IS NULL OR target NOT IN ('incident_report_row', 'incident_person', 'arrest', 'da_decision') THEN
          RAISE EXCEPTION 'a bulk load is for an import table, not %', target;
        END IF;
        rel := format('public.%I', target)::regclass;
        EXECUTE format('LOCK TABLE %s IN ACCESS EXCLUSIVE MODE', rel);
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s)', rel) INTO filled;
        IF filled THEN RAISE EXCEPTION 'a bulk load is only into an empty table; % has rows', target; END IF;
        FOR r IN SELECT conname AS name, pg_get_constraintdef(oid) AS def, contype FROM pg_constraint
                  WHERE conrelid = rel AND contype IN ('p', 'f') ORDER BY contype = 'p' DESC, conname LOOP
          INSERT INTO public.bulk_load_set_aside VALUES (target, CASE r.contype WHEN 'p' THEN 'primary key' ELSE 'foreign key' END, r.name, r.def);
          EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', rel, r.name);
        END LOOP;
        FOR r IN SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                  WHERE x.indrelid = rel AND NOT x.indisprimary ORDER BY i.relname LOOP
          INSERT INTO public.bulk_load_set_aside VALUES (target, 'index', r.name, r.def);
          EXECUTE format('DROP INDEX public.%I', r.name);
        END LOOP;
        -- New storage in this transaction: with wal_level=minimal the load then writes no WAL.
        EXECUTE format('TRUNCATE %s', rel);
      END $$`);
    // kinds: 'primary key' (built first: it proves the rows unique), then the rest.
    await q.query(`
      CREATE FUNCTION bulk_load_restore(target text, kinds text[]) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
      SET search_path = pg_catalog, public, pg_temp AS $$
      DECLARE
        rel regclass;
        r record;
      BEGIN
        IF target IS NULL OR target NOT IN ('incident_report_row', 'incident_person', 'arrest', 'da_decision') THEN
          RAISE EXCEPTION 'a bulk load is for an import table, not %', target;
        END IF;
        rel := format('public.%I', target)::regclass;
        FOR r IN SELECT kind, name, definition FROM public.bulk_load_set_aside WHERE table_name = target AND kind = ANY (kinds)
                  ORDER BY kind = 'foreign key', name LOOP
          IF r.kind = 'index' THEN EXECUTE r.definition;
          ELSE EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', rel, r.name, r.definition);
          END IF;
          DELETE FROM public.bulk_load_set_aside WHERE table_name = target AND name = r.name;
        END LOOP;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION bulk_load_set_aside(text), bulk_load_restore(text, text[]) FROM PUBLIC`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION bulk_load_restore(text, text[])`);
    await q.query(`DROP FUNCTION bulk_load_set_aside(text)`);
    await q.query(`DROP TABLE bulk_load_set_aside`);
    await q.query(`DROP FUNCTION bulk_load_must_be_restored()`);
  }
}
