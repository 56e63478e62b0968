import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../apps/api/src/database/embedded-postgres';

/**
 * One real PostgreSQL per test run: DATABASE_URL if set, else an ephemeral
 * embedded server. A migrated template database is made once; each test file
 * gets its own copy, so files run in parallel without seeing each other's rows.
 */
export const TEMPLATE_DB = 'sra_test_template';
const STATE_ENV = 'SRA_TEST_SERVER_URL';

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

export async function setupTestPostgres(): Promise<void> {
  let serverUrl = process.env.DATABASE_URL;
  const own: GlobalState = {};
  if (!serverUrl) {
    own.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sra-test-pg-'));
    own.embedded = await startEmbeddedPostgres({ dataDir: own.dataDir, mode: 'exclusive', database: 'postgres' });
    serverUrl = own.embedded.url;
  }
  state.__sraTestPostgres = own;
  process.env[STATE_ENV] = serverUrl;

  const admin = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const ds = new DataSource(dataSourceOptions(withDatabase(serverUrl, TEMPLATE_DB), 1));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
}

export async function teardownTestPostgres(): Promise<void> {
  const own = state.__sraTestPostgres;
  await own?.embedded?.stop();
  if (own?.dataDir) fs.rmSync(own.dataDir, { recursive: true, force: true });
}

/** A fresh database for one test file: migrated (a copy of the template) unless asked otherwise. */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<{ url: string; drop: () => Promise<void> }> {
  const serverUrl = process.env[STATE_ENV];
  if (!serverUrl) throw new Error('the integration global setup did not run (no test PostgreSQL)');
  const name = `sra_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  await admin.query(options.migrated === false ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  await admin.end();
  return {
    url: withDatabase(serverUrl, name),
    drop: async () => {
      const c = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
