import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { INSERT_ONLY_TABLES, migrateDatabase, NEVER_DELETED_TABLES } from '../../apps/api/src/database/app-role';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { startEmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres';
import { MIGRATIONS } from '../../apps/api/src/database/schema';
import { requireBuilt, SERVER_MAIN } from '../support/paths';
import { childEnv, startServer, stopServer, tempDir } from '../support/processes';
import { createTestDatabase, type TestDatabase } from '../support/test-postgres';

/**
 * Issue 13, Security 6: the app's database role cannot undo the append-only guarantees. The whole integration suite
 * works as that role (tests/support/test-postgres.ts); here it tries what someone holding its credentials would.
 */
const PERMISSION_DENIED = '42501';

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

/**
 * The SQLSTATE a statement fails with, in a transaction rolled back. A refusal for want of a privilege or of
 * ownership is PERMISSION_DENIED; the audit_log trigger raises the same code, so its message tells them apart.
 */
async function codeOf(client: Client, sql: string): Promise<string | undefined> {
  await client.query('BEGIN');
  try {
    await client.query(sql);
    return undefined;
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    return code === PERMISSION_DENIED && !/^(permission denied|must be owner)/.test(message) ? `${code}: ${message}` : code;
  } finally {
    await client.query('ROLLBACK');
  }
}

describe('the app role', () => {
  let db: TestDatabase;
  let app: Client;
  beforeAll(async () => {
    db = await createTestDatabase();
    app = await connect(db.url);
    await app.query(`INSERT INTO audit_log (action, outcome) VALUES ('test: a row to protect', 'success')`);
  });
  afterAll(async () => {
    await app?.end();
    await db?.drop();
  });

  it.each([
    'ALTER TABLE audit_log DISABLE TRIGGER ALL',
    'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete',
    `UPDATE audit_log SET action = 'rewritten'`,
    'DELETE FROM audit_log',
    'TRUNCATE audit_log',
    'DROP TRIGGER audit_log_no_update_delete ON audit_log',
    'DROP TABLE audit_log',
    'DROP FUNCTION audit_log_refuse_change()',
    'ALTER TABLE audit_log OWNER TO CURRENT_USER',
    'ALTER TABLE audit_log RENAME TO audit_log_old',
    `CREATE TRIGGER sneaky BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`,
    'SET session_replication_role = replica',
    'CREATE TABLE public.mine (id int)',
    'ALTER ROLE CURRENT_USER SUPERUSER',
    'CREATE ROLE helper SUPERUSER',
    `SELECT bulk_load_set_aside('audit_log')`,
  ])('is refused: %s', async (sql) => {
    const code = await codeOf(app, sql);
    // The bulk-load function refuses any but the import tables itself (a raised exception).
    expect(code).toBe(sql.includes('bulk_load_set_aside') ? 'P0001' : PERMISSION_DENIED);
  });

  it('only adds to and reads the append-only tables; never deletes meetings or reports; reads the migrations', async () => {
    const { rows } = await app.query<{ table: string; privileges: string[] }>(
      `SELECT c.relname AS table,
              ARRAY(SELECT p FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) AS p
                     WHERE has_table_privilege(c.oid, p)) AS privileges
         FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' ORDER BY c.relname`,
    );
    const of = (table: string) => rows.find((r) => r.table === table)?.privileges;
    for (const table of INSERT_ONLY_TABLES) expect([table, of(table)]).toEqual([table, ['SELECT', 'INSERT']]);
    for (const table of NEVER_DELETED_TABLES) expect([table, of(table)]).toEqual([table, ['SELECT', 'INSERT', 'UPDATE']]);
    expect(of('schema_migrations')).toEqual(['SELECT']);
    expect(of('bulk_load_set_aside')).toEqual(['SELECT']);
    expect(of('incident_report_row')).toEqual(['SELECT', 'INSERT', 'UPDATE', 'DELETE']);
    // No table is the app's to truncate, reference or put a trigger on.
    for (const r of rows) expect([r.table, r.privileges.filter((p) => ['TRUNCATE', 'REFERENCES', 'TRIGGER'].includes(p))]).toEqual([r.table, []]);

    for (const table of INSERT_ONLY_TABLES) {
      const [{ column }] = (
        await app.query<{ column: string }>(`SELECT attname AS column FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attidentity = '' AND attgenerated = '' ORDER BY attnum LIMIT 1`, [table])
      ).rows;
      expect([table, await codeOf(app, `UPDATE ${table} SET ${column} = ${column} WHERE false`)]).toEqual([table, PERMISSION_DENIED]);
      expect([table, await codeOf(app, `DELETE FROM ${table} WHERE false`)]).toEqual([table, PERMISSION_DENIED]);
    }
    const [{ n }] = (await app.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'test: a row to protect'`)).rows;
    expect(n).toBe(1);
  });

  it('every table a trigger guards against change is one the app may not change either', async () => {
    // tgtype bits: 1 row, 2 before, 8 delete, 16 update.
    const { rows } = await app.query<{ table: string }>(
      `SELECT DISTINCT c.relname AS table FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal AND t.tgtype & 3 = 3 AND t.tgtype & 24 <> 0
        ORDER BY 1`,
    );
    const guarded: string[] = [...INSERT_ONLY_TABLES, ...NEVER_DELETED_TABLES];
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const { table } of rows) expect([table, guarded.includes(table)]).toEqual([table, true]);
  });

  it('is no superuser, creates no role or database, and owns nothing', async () => {
    const { rows } = await app.query(
      `SELECT r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolbypassrls, r.rolreplication,
              (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid AND c.relnamespace = 'public'::regnamespace) AS owned
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(rows[0]).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false, rolreplication: false, owned: 0 });
  });

  it('sets aside and rebuilds an empty import table only through the owner functions, and cannot leave it unrestored', async () => {
    const keys = async () =>
      (
        await app.query<{ name: string }>(
          `SELECT conname AS name FROM pg_constraint WHERE conrelid = 'arrest'::regclass AND contype IN ('p', 'f')
           UNION ALL SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = 'arrest'::regclass ORDER BY 1`,
        )
      ).rows.map((r) => r.name);
    const before = await keys();
    expect(before.length).toBeGreaterThan(0);
    // Set aside and not restored: the transaction cannot commit.
    await app.query('BEGIN');
    await app.query(`SELECT bulk_load_set_aside('arrest')`);
    await expect(app.query('COMMIT')).rejects.toThrow(/set aside and not restored/);
    expect(await keys()).toEqual(before);
    // Set aside and restored: the same keys again.
    await app.query('BEGIN');
    await app.query(`SELECT bulk_load_set_aside('arrest')`);
    expect(await keys()).toEqual([]);
    await app.query(`SELECT bulk_load_restore('arrest', ARRAY['primary key'])`);
    await app.query(`SELECT bulk_load_restore('arrest', ARRAY['index', 'foreign key'])`);
    await app.query('COMMIT');
    expect(await keys()).toEqual(before);
  });
});

describe('migrations', () => {
  it('run as the owner, who then grants the app role; the app role alone cannot create the schema', async () => {
    const db = await createTestDatabase({ migrated: false });
    try {
      await expect(migrateDatabase({ url: db.url, ownerUrl: null })).rejects.toMatchObject({ code: PERMISSION_DENIED });
      const ran = await migrateDatabase({ url: db.url, ownerUrl: db.ownerUrl });
      expect(ran).toEqual({ applied: MIGRATIONS.map((m) => m.name), warning: null });
      const app = await connect(db.url);
      try {
        await app.query(`INSERT INTO audit_log (action, outcome) VALUES ('test', 'success')`);
        expect(await codeOf(app, 'ALTER TABLE audit_log DISABLE TRIGGER ALL')).toBe(PERMISSION_DENIED);
      } finally {
        await app.end();
      }
      // Without an owner URL, a role that owns the tables migrates as before, with a warning.
      const asOwner = await migrateDatabase({ url: db.ownerUrl, ownerUrl: null });
      expect(asOwner.applied).toEqual([]);
      expect(asOwner.warning).toMatch(/owns the tables: anyone with its credentials can disable the audit log's append-only triggers/);
    } finally {
      await db.drop();
    }
  });
});

describe('granting the app role', () => {
  it('is tried again when a running process rewrites a table while it grants ("tuple concurrently updated")', async () => {
    const db = await createTestDatabase({ migrated: true });
    const other = await connect(db.ownerUrl);
    try {
      // What a CLI's bulk load does to a table's catalog row (setting indexes aside rewrites it), held open: the
      // grants below wait for that row, and when it commits PostgreSQL refuses their transaction.
      await other.query('BEGIN');
      await other.query('ALTER TABLE arrest SET (fillfactor = 90)');
      const granting = migrateDatabase({ url: db.url, ownerUrl: db.ownerUrl });
      // the grants are waiting on the row (a lock wait on the owner's session), then the other side commits
      const owner = await connect(db.ownerUrl);
      try {
        for (let waited = 0; ; waited += 50) {
          const [{ waiting }] = (
            await owner.query(
              `SELECT count(*)::int AS waiting FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND (query ILIKE 'GRANT%' OR query ILIKE 'REVOKE%')`,
            )
          ).rows;
          if (waiting > 0) break;
          if (waited > 30_000) throw new Error('the grants never waited on the table being rewritten');
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      } finally {
        await owner.end();
      }
      await other.query('COMMIT');
      await expect(granting).resolves.toEqual({ applied: [], warning: null });
      // and the app role has what it needs
      const app = await connect(db.url);
      try {
        await app.query(`INSERT INTO audit_log (action, outcome) VALUES ('test', 'success')`);
      } finally {
        await app.end();
      }
    } finally {
      await other.end().catch(() => undefined);
      await db.drop();
    }
  });
});

describe('the server', () => {
  it('warns at start when it works as a role that owns the tables (no DATABASE_OWNER_URL), and not as the app role', async () => {
    requireBuilt(SERVER_MAIN);
    const db = await createTestDatabase();
    const dataDir = tempDir('owner-warning');
    const WARNING = /owns the tables: anyone with its credentials can disable the audit log's append-only triggers/;
    try {
      const base = { PERSON_KEY_SECRET: 'db-roles-test-person-key-secret-0123456789', AUDIT_DATA_DIR: dataDir, PORT: '0', AUDIT_ADMIN_PASSWORD: 'db-roles-admin-password' };
      const asOwner = await startServer(childEnv({ ...base, DATABASE_URL: db.ownerUrl }));
      await stopServer(asOwner);
      expect(asOwner.stdout() + asOwner.stderr()).toMatch(WARNING);
      const asApp = await startServer(childEnv({ ...base, DATABASE_URL: db.url, DATABASE_OWNER_URL: db.ownerUrl }));
      await stopServer(asApp);
      expect(asApp.stdout() + asApp.stderr()).not.toMatch(WARNING);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
      await db.drop();
    }
  });
});

describe('the embedded database', () => {
  it('upgrades a data dir made before the two roles: creates them, hands the schema to the owner, keeps the rows', async () => {
    const dataDir = tempDir('embedded-roles');
    const credsFile = path.join(dataDir, 'postgres-credentials.json');
    try {
      // A data dir as it was: the superuser owns the database and, having migrated it, every table.
      let pg = await startEmbeddedPostgres({ dataDir, mode: 'exclusive' });
      const bootstrap = await connect(pg.bootstrapUrl);
      await bootstrap.query(`ALTER DATABASE audit OWNER TO CURRENT_USER`);
      await bootstrap.end();
      const asSuperuser = pg.bootstrapUrl.replace(/\/postgres$/, '/audit');
      const ds = new DataSource(dataSourceOptions(asSuperuser, 1));
      await ds.initialize();
      await ds.runMigrations({ transaction: 'each' });
      await ds.query(`INSERT INTO audit_log (action, outcome) VALUES ('from before', 'success')`);
      await ds.destroy();
      const cleanup = await connect(pg.bootstrapUrl);
      await cleanup.query(`DROP OWNED BY audit_app, audit_owner`);
      await cleanup.query(`DROP ROLE audit_app, audit_owner`);
      await cleanup.end();
      await pg.stop();
      const full = JSON.parse(fs.readFileSync(credsFile, 'utf8'));
      fs.writeFileSync(credsFile, JSON.stringify({ user: full.user, password: full.password }), { mode: 0o600 });

      pg = await startEmbeddedPostgres({ dataDir, mode: 'exclusive' });
      try {
        const creds = JSON.parse(fs.readFileSync(credsFile, 'utf8'));
        expect(Object.keys(creds).sort()).toEqual(['app', 'owner', 'password', 'user']);
        expect(creds.app.password).not.toBe(creds.password);
        expect(fs.statSync(credsFile).mode & 0o777).toBe(0o600);
        expect(await migrateDatabase({ url: pg.url, ownerUrl: pg.ownerUrl })).toEqual({ applied: [], warning: null });

        const app = await connect(pg.url);
        try {
          const { rows } = await app.query(`SELECT current_user AS role, (SELECT count(*)::int FROM audit_log WHERE action = 'from before') AS kept`);
          expect(rows[0]).toEqual({ role: 'audit_app', kept: 1 });
          await app.query(`INSERT INTO audit_log (action, outcome) VALUES ('after', 'success')`);
          expect(await codeOf(app, 'ALTER TABLE audit_log DISABLE TRIGGER ALL')).toBe(PERMISSION_DENIED);
          expect(await codeOf(app, 'DELETE FROM audit_log')).toBe(PERMISSION_DENIED);
          const owners = await app.query(
            `SELECT DISTINCT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'S')`,
          );
          expect(owners.rows).toEqual([{ owner: 'audit_owner' }]);
        } finally {
          await app.end();
        }
      } finally {
        await pg.stop();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
