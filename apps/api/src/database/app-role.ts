import { Client } from 'pg';
import { DataSource, MigrationExecutor, type Logger as TypeOrmLogger } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/**
 * Two database roles (issue 13, Security 6): the owner owns the schema and runs the migrations; the app role, which
 * the server and the CLI work as, owns nothing, so it can neither alter, disable nor drop a trigger or a table, and
 * holds only the privileges below. They are applied by the owner after every migration run (idempotent: revoke all,
 * then grant), so a new table gets its grants with the migration that creates it.
 */

/** Rows are never rewritten or removed (a trigger refuses it too, or nothing in the app does it): add and read only. */
export const INSERT_ONLY_TABLES = [
  'audit_log',
  'policy_version',
  'flag_review_event',
  'case_review_event',
  'report_file',
  'record_history',
  'charge_code_description_history',
  // The decisions of a meeting, in the order taken: a correction is a new row, so the minutes keep both.
  'meeting_decision',
] as const;

/** Never deleted; updated only in the ways their triggers allow (a meeting's details, a draft report published). */
export const NEVER_DELETED_TABLES = ['meeting', 'report_version'] as const;

/** Read-only to the app: what the owner alone writes. */
export const READ_ONLY_TABLES = ['schema_migrations', 'bulk_load_set_aside', 'incident_summary'] as const;

/** The app analyses these after a load (the planner needs their sizes): MAINTAIN (PostgreSQL 17+) allows ANALYZE. */
export const ANALYSED_TABLES = ['incident_report_row', 'incident_person', 'arrest', 'da_decision', 'charge_list'] as const;

/** The owner's functions a first bulk load calls (migration BulkLoadAsOwner). */
const APP_FUNCTIONS = ['bulk_load_set_aside(text)', 'bulk_load_restore(text, text[])'];

interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Run as the owner, in the app's database: gives `appRole` exactly what the app needs on the schema as it now is,
 * and the same by default on tables and sequences the owner creates later.
 */
export async function grantAppRole(owner: Queryable, appRole: string): Promise<void> {
  const app = ident(appRole);
  const rows = (await owner.query(
    `SELECT current_setting('server_version_num')::int >= 170000 AS maintain,
            ARRAY(SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND pg_has_role(c.relowner, 'USAGE')) AS tables,
            EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'bulk_load_set_aside' AND pronamespace = 'public'::regnamespace) AS bulk`,
  )) as Array<{ maintain: boolean; tables: string[]; bulk: boolean }>;
  const { maintain, tables, bulk } = rows[0];
  const has = (t: string) => tables.includes(t);
  const list = (names: readonly string[]) => names.filter(has).map(ident).join(', ');

  // Concurrent GRANTs on one table fail ("tuple concurrently updated"): two starting CLIs take turns.
  await owner.query(`SELECT pg_advisory_xact_lock(hashtext('sra-grant-app-role'))`);
  await owner.query(`GRANT USAGE ON SCHEMA public TO ${app}`);
  await owner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${app}`);
  await owner.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${app}`);
  await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`);
  const insertOnly = list(INSERT_ONLY_TABLES);
  if (insertOnly) await owner.query(`REVOKE UPDATE, DELETE ON ${insertOnly} FROM ${app}`);
  const neverDeleted = list(NEVER_DELETED_TABLES);
  if (neverDeleted) await owner.query(`REVOKE DELETE ON ${neverDeleted} FROM ${app}`);
  const readOnly = list(READ_ONLY_TABLES);
  if (readOnly) await owner.query(`REVOKE INSERT, UPDATE, DELETE ON ${readOnly} FROM ${app}`);
  const analysed = list(ANALYSED_TABLES);
  if (maintain && analysed) await owner.query(`GRANT MAINTAIN ON ${analysed} TO ${app}`);
  // bigserial ids: nextval (USAGE) and currval (SELECT).
  await owner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`);
  if (bulk) await owner.query(`GRANT EXECUTE ON FUNCTION ${APP_FUNCTIONS.join(', ')} TO ${app}`);
  // Tables and sequences created later by this owner (a migration run by the TypeORM CLI, say) are usable at once;
  // the next run of this function narrows them to the lists above.
  await owner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`);
  await owner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app}`);
}

/** Any constant shared by every process of the app. */
const MIGRATION_LOCK = 7_372_010;

export interface MigrationTarget {
  /** The app role's connection. */
  url: string;
  /** The owner's, for migrations; null when the app role runs them itself (DATABASE_OWNER_URL unset). */
  ownerUrl: string | null;
}

/**
 * Applies pending migrations as the owner and then the app role's grants. Without an owner URL, migrations run as the
 * app's own role, as before the two roles existed; the returned warning says so when that role could undo the
 * append-only triggers (a superuser, or the tables' owner).
 */
/**
 * The grants rewrite the privileges of every table's catalog row. A process already running on the database (a CLI
 * loading a file sets a table's indexes aside and back, which rewrites that table's row too) can update one of those
 * rows between our reading and writing it, and PostgreSQL then refuses with "tuple concurrently updated": the whole
 * transaction rolled back, nothing half done, so it is tried again, a few times, a moment later.
 */
async function grantWithRetry(grant: () => Promise<void>, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await grant();
    } catch (error) {
      if (attempt >= attempts || !/tuple concurrently (updated|deleted)/.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt + Math.floor(Math.random() * 100)));
    }
  }
}

export async function migrateDatabase(target: MigrationTarget): Promise<{ applied: string[]; warning: string | null }> {
  // Runs before the app's logger exists: the caller reports what was applied (statements are not logged).
  const ds = new DataSource({ ...dataSourceOptions(target.ownerUrl ?? target.url, 1), logger: SILENT });
  await ds.initialize();
  try {
    // One process migrates at a time (the server and CLIs starting together on a new database would otherwise all
    // create the schema): a session lock, on the one connection the migrations then run on.
    const runner = ds.createQueryRunner();
    let applied: string[];
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      const executor = new MigrationExecutor(ds, runner);
      executor.transaction = 'each';
      applied = (await executor.executePendingMigrations()).map((m) => m.name);
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    } finally {
      // On failure the lock goes with the connection, which destroy() below closes.
      await runner.release();
    }
    if (target.ownerUrl && target.ownerUrl !== target.url) {
      const appRole = await roleOf(target.url);
      const [{ owner }] = (await ds.query(`SELECT current_user AS owner`)) as Array<{ owner: string }>;
      if (appRole === owner) return { applied, warning: ownerWarning(owner, 'DATABASE_URL and DATABASE_OWNER_URL are the same role') };
      await grantWithRetry(() => ds.transaction((tx) => grantAppRole(tx, appRole)));
      return { applied, warning: null };
    }
    const [role] = (await ds.query(
      `SELECT current_user AS name, r.rolsuper AS superuser,
              EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = 'audit_log' AND tableowner = current_user) AS owner
         FROM pg_roles r WHERE r.rolname = current_user`,
    )) as Array<{ name: string; superuser: boolean; owner: boolean }>;
    if (role.superuser) return { applied, warning: ownerWarning(role.name, 'it is a superuser') };
    if (role.owner) return { applied, warning: ownerWarning(role.name, 'it owns the tables') };
    return { applied, warning: null };
  } finally {
    await ds.destroy();
  }
}

const SILENT: TypeOrmLogger = {
  logQuery: () => undefined,
  logQueryError: () => undefined,
  logQuerySlow: () => undefined,
  logSchemaBuild: () => undefined,
  logMigration: () => undefined,
  log: () => undefined,
};

function ownerWarning(role: string, why: string): string {
  return (
    `The app works as the database role "${role}" and ${why}: anyone with its credentials can disable the audit log's ` +
    'append-only triggers. Set DATABASE_URL to a role that owns nothing and DATABASE_OWNER_URL to the owner (see docs/deployment.md).'
  );
}

async function roleOf(url: string): Promise<string> {
  const client = new Client({ connectionString: url, application_name: 'safe-reporting-audit migrations' });
  await client.connect();
  try {
    return (await client.query<{ role: string }>(`SELECT current_user AS role`)).rows[0].role;
  } finally {
    await client.end();
  }
}
