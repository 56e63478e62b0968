import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import type { NestExpressApplication } from '@nestjs/platform-express';
import supertest from 'supertest';
import { createApp } from '../../apps/api/src/app.factory';
import { DATABASE_AWAY, DATABASE_DISK_FULL, DATABASE_TOO_SLOW } from '../../apps/api/src/common/database-errors';
import { EvaluationService } from '../../apps/api/src/compliance/evaluation/evaluation.service';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../apps/api/src/database/embedded-postgres';
import { csv, ingest, SHORT_INCIDENT_HEADER, TEST_PERSON_KEY_SECRET } from '../support/ingest-helpers';
import { CLI_MAIN, requireBuilt, SERVER_MAIN } from '../support/paths';
import { childEnv, runCli, startServer, stopServer, tempDir, type RunningServer } from '../support/processes';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app';
import { UsersService } from '../../apps/api/src/users/users.service';

/*
 * Issue 13, Faults 3 and 4: while the database is away (frozen, stopped) every request gets an answer, 503 with a
 * plain message, within the configured bounds; errors with a plain meaning (a full disk, a time limit) say so; a load
 * that fails on one is in the batch history with its reason. Real PostgreSQL throughout, real processes where the
 * fault needs one. No duration is asserted beyond "it answered" (a generous bound proving nothing hung).
 */

const INCIDENTS = csv([SHORT_INCIDENT_HEADER, ['2024-03-05T20:00', '2024-03-05T21:00', 'F100103074', 'F1001', '950000001', '03074', 'Robbery', 'Mission']]);

/** fetch that gives up (and fails the test) rather than hang. */
async function answer(url: string, init: RequestInit = {}, withinMs = 40_000): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(withinMs) });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

/** PostgreSQL's postmaster (from its pid file) and every process it started. */
function postgresProcesses(dataDir: string): number[] {
  const postmaster = Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        // Field 4 of /proc/<pid>/stat is the parent pid (after the parenthesised command name).
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster;
      } catch {
        return false;
      }
    })
    .map(Number);
  return [postmaster, ...children];
}

function signalAll(pids: number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // Gone already.
    }
  }
}

describe('the server with its PostgreSQL frozen (SIGSTOP)', () => {
  const dataDir = tempDir('frozen');
  let server: RunningServer | null = null;
  let cookie = '';
  const ADMIN_PASSWORD = 'frozen-database-admin-password';

  beforeAll(async () => {
    requireBuilt(SERVER_MAIN);
    server = await startServer(
      childEnv({
        AUDIT_DATA_DIR: dataDir,
        PORT: '0',
        AUDIT_ADMIN_PASSWORD: ADMIN_PASSWORD,
        HEALTH_TIMEOUT_MS: '1000',
        DATABASE_STATEMENT_TIMEOUT_MS: '2000',
        DATABASE_CONNECT_TIMEOUT_MS: '2000',
      }),
    );
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@localhost', password: ADMIN_PASSWORD }),
    });
    expect(login.status).toBe(200);
    cookie = login.headers.get('set-cookie')!.split(';')[0];
  });

  afterAll(async () => {
    if (server) await stopServer(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers health 503 "unavailable" and a data endpoint 503 while frozen, then 200 again once it runs', async () => {
    expect((await answer(`${server!.url}/api/health`)).status).toBe(200);
    expect((await answer(`${server!.url}/api/import-batches`, { headers: { cookie } })).status).toBe(200);

    const frozen = postgresProcesses(dataDir);
    expect(frozen.length).toBeGreaterThan(1);
    signalAll(frozen, 'SIGSTOP');
    try {
      const health = await answer(`${server!.url}/api/health`);
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ status: 'unavailable', message: DATABASE_AWAY, database: { status: 'down' } });

      // The session check is the first query: the driver gives up on it (DATABASE_STATEMENT_TIMEOUT_MS + 5 s).
      const data = await answer(`${server!.url}/api/import-batches`, { headers: { cookie } });
      expect(data).toEqual({ status: 503, body: expect.objectContaining({ statusCode: 503, message: DATABASE_AWAY }) });
      // A second request while still frozen is bounded the same way (the pool's connections are all stuck).
      expect((await answer(`${server!.url}/api/flags`, { headers: { cookie } })).status).toBe(503);
    } finally {
      signalAll(frozen, 'SIGCONT');
    }

    // Back: the same server answers again, without a restart.
    let health = { status: 0 };
    for (let i = 0; i < 60 && health.status !== 200; i++) {
      health = await answer(`${server!.url}/api/health`);
      if (health.status !== 200) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(health.status).toBe(200);
    expect((await answer(`${server!.url}/api/import-batches`, { headers: { cookie } })).status).toBe(200);
  });
});

describe('a stopped database', () => {
  const dataDir = tempDir('stopped');
  let pg: EmbeddedPostgresHandle | null = null;
  let app: NestExpressApplication | null = null;

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await pg?.stop().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives 503 with the plain message on every endpoint, health included, never a 500', async () => {
    pg = await startEmbeddedPostgres({ dataDir, mode: 'exclusive' });
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', AUDIT_DATA_DIR: dataDir, HEALTH_TIMEOUT_MS: '2000', DATABASE_CONNECT_TIMEOUT_MS: '2000' });
    app = await createApp(config, { url: pg.url, ownerUrl: pg.ownerUrl, embedded: false });
    await app.init();
    await app.get(UsersService).create({ email: 'viewer@example.org', role: 'viewer', password: TEST_PASSWORD });
    const agent = supertest.agent(app.getHttpServer());
    await agent.post('/api/auth/login').send({ email: 'viewer@example.org', password: TEST_PASSWORD }).expect(200);
    await agent.get('/api/health').expect(200);

    await pg.stop(); // a fast shutdown: connected sessions are ended (57P01), new ones refused
    pg = null;

    const health = await agent.get('/api/health').timeout(20_000);
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'unavailable', message: DATABASE_AWAY });
    for (const path of ['/api/dashboard', '/api/flags', '/api/auth/me']) {
      const res = await agent.get(path).timeout(20_000);
      expect({ path, status: res.status, message: res.body.message }).toEqual({ path, status: 503, message: DATABASE_AWAY });
      expect(res.headers['retry-after']).toBe('30');
    }
    // Signing in needs the database too: the same plain answer, not "wrong password" nor a 500.
    const login = await supertest(app.getHttpServer()).post('/api/auth/login').send({ email: 'viewer@example.org', password: TEST_PASSWORD }).timeout(20_000);
    expect({ status: login.status, message: login.body.message }).toEqual({ status: 503, message: DATABASE_AWAY });
  });
});

describe('time limits', () => {
  let t: TestApp;
  let other: Client;
  beforeAll(async () => {
    t = await startTestApp({ PERSON_KEY_SECRET: TEST_PERSON_KEY_SECRET, DATABASE_STATEMENT_TIMEOUT_MS: '500' });
    other = new Client({ connectionString: t.databaseUrl });
    await other.connect();
  });
  afterAll(async () => {
    await other?.end();
    await t?.close();
  });

  /** Holds `sql` (a lock) in another session for `ms`, while `work` runs. */
  async function whileHeld<T>(sql: string, ms: number, work: () => Promise<T>): Promise<T> {
    await other.query('BEGIN');
    await other.query(sql);
    const release = new Promise((resolve) => setTimeout(resolve, ms)).then(() => other.query('COMMIT'));
    try {
      return await work();
    } finally {
      await release;
    }
  }

  it('stop a request statement that waits too long: 503 saying the database took too long', async () => {
    const analyst = await t.signedIn('analyst');
    const res = await whileHeld('LOCK TABLE import_batch IN ACCESS EXCLUSIVE MODE', 3000, () => analyst.get('/api/import-batches').timeout(20_000));
    expect({ status: res.status, message: res.body.message }).toEqual({ status: 503, message: DATABASE_TOO_SLOW });
    await analyst.get('/api/import-batches').expect(200);
  });

  it('do not stop a load or an evaluation, which wait and run longer than a request may', async () => {
    const loaded = await whileHeld('LOCK TABLE import_batch IN ACCESS EXCLUSIVE MODE', 1500, () => ingest(t, 'incidents', INCIDENTS));
    expect(loaded.status).toBe('loaded');
    const evaluation = await whileHeld(`SELECT pg_advisory_xact_lock(hashtext('sra-evaluate'))`, 1500, () =>
      t.app.get(EvaluationService).evaluate({ trigger: 'on-demand', requestedBy: 'test' }),
    );
    expect(evaluation.runId).toBeTruthy();
  });
});

describe('a load that fails on a database error part-way', () => {
  let t: TestApp;
  beforeAll(async () => {
    requireBuilt(CLI_MAIN);
    t = await startTestApp({ PERSON_KEY_SECRET: TEST_PERSON_KEY_SECRET });
    // This test database only: writing an incident fails as a full disk does (SQLSTATE 53100), once the batch is begun.
    await t.ownerQuery(`
      CREATE FUNCTION test_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION USING ERRCODE = 'disk_full', MESSAGE = 'could not extend file "base/16384/16500.3": No space left on device';
      END $$`);
    await t.ownerQuery(`CREATE TRIGGER test_disk_full BEFORE INSERT ON incident_report_row FOR EACH ROW EXECUTE FUNCTION test_disk_full()`);
  });
  afterAll(async () => t?.close());

  it('as an upload: answered 507 with the plain message, and recorded as failed with its reason', async () => {
    const analyst = await t.signedIn('analyst');
    const res = await analyst.post('/api/ingest/incidents').attach('file', Buffer.from(INCIDENTS), 'march.csv');
    expect({ status: res.status, message: res.body.message }).toEqual({ status: 507, message: DATABASE_DISK_FULL });

    const list = await analyst.get('/api/import-batches').query({ filter: JSON.stringify({ status: 'failed' }) }).expect(200);
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({ status: 'failed', fileName: 'march.csv', source: 'http', refusalReason: DATABASE_DISK_FULL, rowsRead: 0, inserted: 0 });
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM incident_report_row`);
    expect(n).toBe(0);
  });

  it('on an error with no plain meaning: a 500 with a request id, recorded as failed without the error text (which quotes the row)', async () => {
    await t.ownerQuery(`
      CREATE OR REPLACE FUNCTION test_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'test refuses incident %', NEW.incident_number;
      END $$`);
    try {
      const analyst = await t.signedIn('analyst');
      const res = await analyst.post('/api/ingest/incidents').attach('file', Buffer.from(INCIDENTS), 'may.csv');
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ statusCode: 500, message: 'Internal server error', requestId: expect.any(String) });
      const [batch]: Array<{ status: string; refusal_reason: string }> = await t.db.query(`SELECT status, refusal_reason FROM import_batch WHERE file_name = 'may.csv'`);
      expect(batch.status).toBe('failed');
      expect(batch.refusal_reason).toMatch(/^The load stopped on a database error/);
      expect(batch.refusal_reason).not.toContain('950000001');
    } finally {
      await t.ownerQuery(`
        CREATE OR REPLACE FUNCTION test_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION USING ERRCODE = 'disk_full', MESSAGE = 'could not extend file "base/16384/16500.3": No space left on device';
        END $$`);
    }
  });

  it('through the CLI: one plain line on stderr, and recorded as failed too', async () => {
    const dir = tempDir('failed-load');
    try {
      const file = path.join(dir, 'april.csv');
      fs.writeFileSync(file, INCIDENTS);
      const result = await runCli(['ingest', 'incidents', file, '--no-evaluate'], childEnv({ DATABASE_URL: t.databaseUrl, PERSON_KEY_SECRET: TEST_PERSON_KEY_SECRET }));
      expect(result.code).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines[lines.length - 1]).toBe(`audit: ${DATABASE_DISK_FULL} (53100: could not extend file "base/16384/16500.3": No space left on device)`);
      expect(result.stderr).not.toContain('950000001');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const rows: Array<{ status: string; source: string; refusal_reason: string }> = await t.db.query(
      `SELECT status, source, refusal_reason FROM import_batch WHERE file_name = 'april.csv'`,
    );
    expect(rows).toEqual([{ status: 'failed', source: 'cli', refusal_reason: DATABASE_DISK_FULL }]);
  });
});
