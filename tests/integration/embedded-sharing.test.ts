import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { CLI_MAIN, requireBuilt, SERVER_MAIN } from '../support/paths';
import { childEnv, isAlive, runCli, startServer, stopServer, tempDir, type CliResult, type RunningServer } from '../support/processes';

/**
 * The embedded PostgreSQL shared by processes (issue 13, faults 2 and 3), as real processes: CLIs started at once
 * on one data dir, a CLI leaving while another loads, the server next to a CLI, and PostgreSQL killed under the
 * server. Everything is polled with generous bounds; no duration is asserted.
 */
beforeAll(() => requireBuilt(SERVER_MAIN, CLI_MAIN));

interface RunningCli {
  child: ChildProcess;
  done: Promise<CliResult>;
}

/** Every CLI a test starts; one still running when its test ends (a failed test) is killed. */
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function spawnCli(args: string[], env: NodeJS.ProcessEnv, stdin = ''): RunningCli {
  const child = spawn(process.execPath, [CLI_MAIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
  child.stdin!.end(stdin);
  return { child, done };
}

async function until<T>(what: string, probe: () => T | null | undefined | Promise<T | null | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function postmasterPid(dataDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    return pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Whether a load is running in the data dir's PostgreSQL (asked as PostgreSQL's own client, not as a CLI). */
async function loading(dataDir: string): Promise<boolean> {
  const owner = JSON.parse(fs.readFileSync(path.join(dataDir, 'owner.json'), 'utf8')) as { port: number | null };
  const creds = JSON.parse(fs.readFileSync(path.join(dataDir, 'postgres-credentials.json'), 'utf8')) as { user: string; password: string };
  if (!owner.port) return false;
  const client = new Client({ host: '127.0.0.1', port: owner.port, user: creds.user, password: creds.password, database: 'audit' });
  try {
    await client.connect();
    // A transaction at work in another session: the first CLI sits idle, waiting for its stdin.
    const active = await client.query(
      `SELECT 1 FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = 'audit' AND backend_type = 'client backend' AND state <> 'idle' AND xact_start IS NOT NULL`,
    );
    return (active.rowCount ?? 0) > 0;
  } catch {
    return false; // not up yet
  } finally {
    await client.end();
  }
}

/** Once every user has left: PostgreSQL stopped, and nothing left that says someone uses the data dir. */
async function expectStoppedAndClean(dataDir: string, pids: number[]): Promise<void> {
  for (const pid of pids) await until(`PostgreSQL pid ${pid} to end`, () => !isAlive(pid), 30_000);
  expect(postmasterPid(dataDir)).toBeNull();
  expect(fs.existsSync(path.join(dataDir, 'owner.json'))).toBe(false);
  expect(fs.existsSync(path.join(dataDir, 'lock'))).toBe(false);
  const leases = path.join(dataDir, 'leases');
  expect(fs.existsSync(leases) ? fs.readdirSync(leases) : []).toEqual([]);
}

const files = tempDir('sharing-files');
beforeAll(async () => {
  // Import files for the loads, made without a database.
  const env = childEnv({ AUDIT_DATA_DIR: '/nonexistent/never-used' });
  for (const [name, incidents] of [
    ['small', '1000'],
    ['large', '100000'],
  ]) {
    const result = await runCli(['generate', '--out', path.join(files, name), '--incidents', incidents, '--seed', `sharing-${name}`], env);
    expect(result.code).toBe(0);
  }
}, 300_000);
afterAll(() => fs.rmSync(files, { recursive: true, force: true }));

describe('CLIs sharing the embedded database', () => {
  it('two CLIs started at once on a new data dir both succeed; the database stops after the last', async () => {
    const dataDir = tempDir('sharing-two');
    try {
      const env = childEnv({ AUDIT_DATA_DIR: dataDir });
      const load = spawnCli(['ingest', 'incidents', path.join(files, 'small', 'incidents.csv'), '--no-evaluate'], env);
      const add = spawnCli(['users:add', '--email', 'second@example.org', '--role', 'viewer'], env, 'a-very-long-password\n');
      // Both are told the one port while they run.
      const pid = await until('PostgreSQL to run', () => postmasterPid(dataDir));

      const [loaded, added] = await Promise.all([load.done, add.done]);
      expect({ code: loaded.code, stderr: loaded.stderr }).toMatchObject({ code: 0 });
      expect(JSON.parse(loaded.stdout)).toMatchObject({ status: 'loaded' });
      expect({ code: added.code, stderr: added.stderr }).toMatchObject({ code: 0 });
      expect(JSON.parse(added.stdout)).toMatchObject({ email: 'second@example.org' });
      await expectStoppedAndClean(dataDir, [pid]);

      // Everything stayed in the one database.
      const list = await runCli(['users:list', '--json'], env);
      expect(list.stdout).toContain('second@example.org');
      await expectStoppedAndClean(dataDir, []);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a CLI that finishes, having started the database, does not stop it under another one loading', async () => {
    const dataDir = tempDir('sharing-leave');
    try {
      const env = childEnv({ AUDIT_DATA_DIR: dataDir });
      // Migrated beforehand, so that the first one below is at once waiting for its password, not migrating.
      expect((await runCli(['db:migrate'], env)).code).toBe(0);
      // The first one starts PostgreSQL, then waits for its password on stdin: it leaves when we say (at once,
      // refusing the short password we give it).
      const first = spawn(process.execPath, [CLI_MAIN, 'users:add', '--email', 'first@example.org', '--role', 'viewer'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
      children.push(first);
      let firstErr = '';
      first.stderr!.on('data', (c: Buffer) => (firstErr += c.toString()));
      const firstExit = new Promise<number | null>((resolve) => first.on('exit', (code) => resolve(code)));
      const pid = await until('PostgreSQL to run', () => (fs.existsSync(path.join(dataDir, 'owner.json')) ? postmasterPid(dataDir) : null));

      // With its evaluation: after its load, the second works in a transaction of its own.
      const second = spawnCli(['ingest', 'incidents', path.join(files, 'large', 'incidents.csv')], env);
      await until('the second CLI to be loading', () => loading(dataDir));
      first.stdin!.end('short\n');
      expect({ code: await firstExit, stderr: firstErr }).toEqual({ code: 1, stderr: 'audit: the password (read from standard input) must be at least 12 characters\n' });
      expect(second.child.exitCode).toBeNull(); // the case this test is about did happen: the second was still at work

      const loaded = await second.done;
      expect({ code: loaded.code, stderr: loaded.stderr }).toMatchObject({ code: 0 });
      expect(JSON.parse(loaded.stdout)).toMatchObject({ status: 'loaded' });
      await expectStoppedAndClean(dataDir, [pid]);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a CLI interrupted (Ctrl-C) leaves: the database it started is stopped, not left running', async () => {
    const dataDir = tempDir('sharing-interrupt');
    try {
      const env = childEnv({ AUDIT_DATA_DIR: dataDir });
      const waiting = spawn(process.execPath, [CLI_MAIN, 'users:add', '--email', 'never@example.org', '--role', 'viewer'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
      children.push(waiting);
      let stderr = '';
      waiting.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
      const exited = new Promise<number | null>((resolve) => waiting.on('exit', (code) => resolve(code)));
      const pid = await until('the CLI to hold its lease', () => {
        const leases = path.join(dataDir, 'leases');
        return fs.existsSync(leases) && fs.readdirSync(leases).length === 1 ? postmasterPid(dataDir) : null;
      });
      waiting.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(stderr).toContain('SIGINT received');
      await expectStoppedAndClean(dataDir, [pid]);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('the server started next to a running CLI shares its database, and stops it when it leaves last', async () => {
    const dataDir = tempDir('sharing-server');
    let server: RunningServer | null = null;
    try {
      const env = childEnv({ AUDIT_DATA_DIR: dataDir, PORT: '0', AUDIT_ADMIN_PASSWORD: 'sharing-admin-password' });
      const load = spawnCli(['ingest', 'incidents', path.join(files, 'large', 'incidents.csv'), '--no-evaluate'], env);
      const pid = await until('PostgreSQL to run', () => (fs.existsSync(path.join(dataDir, 'owner.json')) ? postmasterPid(dataDir) : null));
      server = await startServer(env, 180_000);
      // A second server is still refused.
      await expect(startServer(env, 60_000)).rejects.toThrow(/in use by another Safe Reporting Audit process \(pid \d+\)/);

      const loaded = await load.done;
      expect({ code: loaded.code, stderr: loaded.stderr }).toMatchObject({ code: 0 });
      // The CLI left; the server still has its database.
      expect(postmasterPid(dataDir)).toBe(pid);
      const health = await fetch(`${server.url}/api/health`);
      expect(health.status).toBe(200);

      expect(await stopServer(server)).toBe(0);
      server = null;
      await expectStoppedAndClean(dataDir, [pid]);
    } finally {
      if (server) await stopServer(server);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 600_000);
});

async function healthStatus(url: string): Promise<number | null> {
  try {
    return (await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(10_000) })).status;
  } catch {
    return null;
  }
}

describe('PostgreSQL killed under the server', () => {
  it('is restarted on its port, logged, at most 3 times; then the server exits with a clear message', async () => {
    const dataDir = tempDir('pg-killed');
    let server: RunningServer | null = null;
    try {
      server = await startServer(childEnv({ AUDIT_DATA_DIR: dataDir, PORT: '0', AUDIT_ADMIN_PASSWORD: 'restart-admin-password' }), 180_000);
      const running = server;
      let pid = postmasterPid(dataDir)!;
      const port = JSON.parse(fs.readFileSync(path.join(dataDir, 'owner.json'), 'utf8')).port;
      for (let restart = 1; restart <= 3; restart++) {
        process.kill(pid, 'SIGKILL');
        const killed = pid;
        pid = await until(`restart ${restart}`, () => {
          const now = postmasterPid(dataDir);
          return now && now !== killed && isAlive(now) ? now : null;
        });
        await until(`/api/health 200 after restart ${restart}`, async () => (await healthStatus(running.url)) === 200);
        const log = running.stdout() + running.stderr();
        expect(log.match(/restarting it \(restart \d of at most 3 within 10 minutes\)/g)).toHaveLength(restart);
        expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'owner.json'), 'utf8')).port).toBe(port);
      }
      expect(server.stdout() + server.stderr()).toMatch(/PostgreSQL \(pid \d+\) exited unexpectedly \(code null, signal SIGKILL\): restarting it/);

      process.kill(pid, 'SIGKILL');
      const exit = await server.exited;
      expect(exit.code).toBe(1);
      expect(server.stderr()).toMatch(/The embedded PostgreSQL stopped unexpectedly \(code null, signal SIGKILL\) and was not brought back after 3 restarts within 10 minutes/);
      server = null;
    } finally {
      if (server) await stopServer(server);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 600_000);
});
