import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrateDatabase } from '../../apps/api/src/database/app-role';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../apps/api/src/database/embedded-postgres';

/**
 * One real PostgreSQL per test run: DATABASE_URL if set (a superuser's, or a role that may create roles and
 * databases), else an ephemeral embedded server. As in production, two roles: the schema owner runs the migrations
 * and the tests work as the app role, which owns nothing (so a missing grant fails a test). A migrated template
 * database is made once; each test file gets its own copy, so files run in parallel without seeing each other's rows.
 */
export const TEMPLATE_DB = 'sra_test_template';
const STATE_ENV = 'SRA_TEST_SERVER_URL';
const ROLES_ENV = 'SRA_TEST_ROLES';
export const TEST_OWNER_ROLE = 'sra_test_owner';
export const TEST_APP_ROLE = 'sra_test_app';

interface TestRoles {
  owner: { user: string; password: string };
  app: { user: string; password: string };
}

interface GlobalState {
  embedded?: EmbeddedPostgresHandle;
  dataDir?: string;
}

const state = globalThis as unknown as { __sraTestPostgres?: GlobalState };

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function asRole(url: string, login: { user: string; password: string }, database: string): string {
  const u = new URL(withDatabase(url, database));
  u.username = encodeURIComponent(login.user);
  u.password = encodeURIComponent(login.password);
  return u.toString();
}

function testRoles(): TestRoles {
  const raw = process.env[ROLES_ENV];
  if (!raw) throw new Error('the integration global setup did not run (no test roles)');
  return JSON.parse(raw) as TestRoles;
}

export async function setupTestPostgres(): Promise<void> {
  let serverUrl = process.env.DATABASE_URL;
  const own: GlobalState = {};
  if (!serverUrl) {
    own.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sra-test-pg-'));
    own.embedded = await startEmbeddedPostgres({ dataDir: own.dataDir, mode: 'exclusive', database: 'postgres' });
    serverUrl = own.embedded.bootstrapUrl;
  }
  state.__sraTestPostgres = own;
  process.env[STATE_ENV] = serverUrl;
  const roles: TestRoles = {
    owner: { user: TEST_OWNER_ROLE, password: randomBytes(18).toString('base64url') },
    app: { user: TEST_APP_ROLE, password: randomBytes(18).toString('base64url') },
  };
  process.env[ROLES_ENV] = JSON.stringify(roles);

  const admin = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
    for (const role of [roles.owner, roles.app]) {
      const exists = ((await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.user])).rowCount ?? 0) > 0;
      await admin.query(
        `${exists ? 'ALTER' : 'CREATE'} ROLE ${role.user} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${admin.escapeLiteral(role.password)}`,
      );
    }
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB} OWNER ${roles.owner.user}`);
  } finally {
    await admin.end();
  }
  // The owner migrates and grants the app role; the copies of the template keep both.
  const migrated = await migrateDatabase({ url: asRole(serverUrl, roles.app, TEMPLATE_DB), ownerUrl: asRole(serverUrl, roles.owner, TEMPLATE_DB) });
  if (migrated.warning) throw new Error(migrated.warning);
}

export async function teardownTestPostgres(): Promise<void> {
  const own = state.__sraTestPostgres;
  await own?.embedded?.stop();
  if (own?.dataDir) fs.rmSync(own.dataDir, { recursive: true, force: true });
}

export interface TestDatabase {
  /** As the app role: what the server and the CLI work as. */
  url: string;
  /** As the schema owner: migrations only. */
  ownerUrl: string;
  drop: () => Promise<void>;
}

/** A fresh database for one test file: migrated (a copy of the template) unless asked otherwise. */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = process.env[STATE_ENV];
  if (!serverUrl) throw new Error('the integration global setup did not run (no test PostgreSQL)');
  const roles = testRoles();
  const name = `sra_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} OWNER ${roles.owner.user}${options.migrated === false ? '' : ` TEMPLATE ${TEMPLATE_DB}`}`);
  await admin.end();
  return {
    url: asRole(serverUrl, roles.app, name),
    ownerUrl: asRole(serverUrl, roles.owner, name),
    drop: async () => {
      const c = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
