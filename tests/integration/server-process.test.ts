import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI_MAIN, requireBuilt, SERVER_MAIN } from '../support/paths';
import { childEnv, isAlive, runCli, startServer, stopServer, tempDir, type RunningServer } from '../support/processes';

/**
 * What `npm start` runs, as a real process on the embedded PostgreSQL:
 * first start, clean stop, restart with data kept, a second instance, a
 * crash, and an ordinary (non-root) user.
 */
beforeAll(() => requireBuilt(SERVER_MAIN, CLI_MAIN));

async function login(url: string, email: string, password: string): Promise<{ status: number; cookie: string | null }> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  return { status: res.status, cookie: res.headers.get('set-cookie')?.split(';')[0] ?? null };
}

function postmasterPid(dataDir: string): number | null {
  const file = path.join(dataDir, 'pg', 'postmaster.pid');
  return fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8').split('\n')[0]) : null;
}

describe('the server on its embedded database', () => {
  const dataDir = tempDir('server');
  const env = childEnv({ AUDIT_DATA_DIR: dataDir, PORT: '0' });
  let server: RunningServer | null = null;
  afterAll(async () => {
    if (server) await stopServer(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  let adminPassword = '';

  it('on first start creates admin@localhost with a generated password, printed once and kept in a 0600 file', async () => {
    server = await startServer(env);
    const file = path.join(dataDir, 'initial-admin-password');
    adminPassword = fs.readFileSync(file, 'utf8').trim();
    expect(adminPassword.length).toBeGreaterThanOrEqual(20);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(server.stdout()).toContain(adminPassword);
    expect(server.stdout()).toContain(file);
    expect((await login(server.url, 'admin@localhost', adminPassword)).status).toBe(200);
    const health = await (await fetch(`${server.url}/api/health`)).json();
    expect(health.database).toMatchObject({ status: 'up', embedded: true, migrationsPending: 0 });
  });

  it('refuses a second instance on the same data dir with a clear error, without hanging', async () => {
    const started = Date.now();
    await expect(startServer(env, 30_000)).rejects.toThrow(/in use by another Safe Reporting Audit process \(pid \d+\)/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('lets the CLI work next to the running server, on the same database', async () => {
    const result = await runCli(['users:list', '--json'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"email":"admin@localhost"');
  });

  it('stops cleanly on SIGTERM, stopping PostgreSQL too', async () => {
    const pgPid = postmasterPid(dataDir);
    expect(pgPid).not.toBeNull();
    expect(await stopServer(server!, 'SIGTERM')).toBe(0);
    server = null;
    expect(isAlive(pgPid!)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'owner.json'))).toBe(false);
  });

  it('keeps its data and the admin account across a restart, and prints no new password', async () => {
    server = await startServer(env);
    expect(server.stdout()).not.toContain('First start');
    // It says where the password is (until it is changed), never the password itself.
    expect(server.stdout()).toContain(`the password is in ${path.join(dataDir, 'initial-admin-password')}`);
    expect(server.stdout()).not.toContain(adminPassword);
    expect((await login(server.url, 'admin@localhost', adminPassword)).status).toBe(200);
  });

  it('stops cleanly on SIGINT (Ctrl-C) as well', async () => {
    expect(await stopServer(server!, 'SIGINT')).toBe(0);
    server = null;
  });

  it('recovers after being killed: the orphaned PostgreSQL is stopped and the data is intact', async () => {
    const first = await startServer(env);
    const orphan = postmasterPid(dataDir)!;
    first.child.kill('SIGKILL');
    await first.exited;
    expect(isAlive(orphan)).toBe(true); // PostgreSQL outlived its owner
    server = await startServer(env);
    expect(isAlive(orphan)).toBe(false);
    expect((await login(server.url, 'admin@localhost', adminPassword)).status).toBe(200);
  });
});

describe('first start with AUDIT_ADMIN_PASSWORD', () => {
  it('uses that password and writes no password file', async () => {
    const dataDir = tempDir('envpw');
    const server = await startServer(childEnv({ AUDIT_DATA_DIR: dataDir, PORT: '0', AUDIT_ADMIN_PASSWORD: 'from-the-environment-1' }));
    try {
      expect(fs.existsSync(path.join(dataDir, 'initial-admin-password'))).toBe(false);
      expect(server.stdout()).not.toContain('from-the-environment-1');
      expect((await login(server.url, 'admin@localhost', 'from-the-environment-1')).status).toBe(200);
    } finally {
      expect(await stopServer(server)).toBe(0);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('configuration errors', () => {
  it('names the bad setting and exits non-zero', async () => {
    await expect(startServer(childEnv({ AUDIT_DATA_DIR: tempDir('badcfg'), PORT: 'eighty' }), 30_000)).rejects.toThrow(/PORT must be a whole number/);
  });
});

const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;

describe('as an ordinary user', () => {
  // The whole suite already runs as an ordinary user when not root. As root,
  // this runs the server as "nobody" to prove both paths.
  it('starts, serves and stops', async () => {
    const dataDir = tempDir('nobody');
    let command: string[] = [];
    if (runningAsRoot) {
      execFileSync('chown', ['nobody', dataDir]);
      command = ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', '--'];
    }
    const env = childEnv({ AUDIT_DATA_DIR: dataDir, PORT: '0', AUDIT_ADMIN_PASSWORD: 'ordinary-user-password', HOME: dataDir });
    const server = await startServer(env, 60_000, command);
    try {
      expect((await login(server.url, 'admin@localhost', 'ordinary-user-password')).status).toBe(200);
      const owner = fs.statSync(path.join(dataDir, 'pg')).uid;
      expect(owner).toBe(runningAsRoot ? Number(execFileSync('id', ['-u', 'nobody']).toString()) : process.getuid!());
    } finally {
      expect(await stopServer(server)).toBe(0);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

