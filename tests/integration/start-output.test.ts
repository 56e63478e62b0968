import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI_MAIN, requireBuilt, SERVER_MAIN } from '../support/paths';
import { childEnv, startServer, stopServer, tempDir, type RunningServer } from '../support/processes';

/*
 * What `npm start` prints (issue 14): the address, where the admin password is, the demo load's progress; no route
 * warning (nestjs-pino's legacy `*` route, which Nest 11 rewrote with a warning printed twice around the password),
 * and no JSON line per static file. The server (main.js) at its default level logs API requests, never the web
 * app's files; `npm start` (tools/start.cjs) shows warnings and errors only.
 */
beforeAll(() => requireBuilt(SERVER_MAIN, CLI_MAIN));

const ROOT = path.resolve(__dirname, '../..');

/** A built web app of its own: index.html and one hashed script. */
function fakeWebDist(): string {
  const dist = tempDir('start-web');
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><html><body><p>app</p></body></html>');
  fs.writeFileSync(path.join(dist, 'assets', 'index-Abc123_x.js'), 'console.log(1);\n');
  fs.writeFileSync(path.join(dist, 'assets', 'font-Def456_y.woff2'), 'font');
  return dist;
}

/** A page load: the page, its files, a client-side route, and one API call. */
async function loadPage(url: string): Promise<void> {
  for (const p of ['/', '/assets/index-Abc123_x.js', '/assets/font-Def456_y.woff2', '/cases', '/favicon.ico']) await (await fetch(`${url}${p}`)).arrayBuffer();
  expect((await fetch(`${url}/api/app-info`)).status).toBe(401);
}

/** Log lines are JSON; what a person reads is plain text. */
const jsonLines = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { msg?: string; context?: string; req?: { path?: string } });

describe('main.js at its default log level (info)', () => {
  const dataDir = tempDir('start-output');
  const web = fakeWebDist();
  let server: RunningServer | null = null;
  afterAll(async () => {
    if (server) await stopServer(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(web, { recursive: true, force: true });
  });

  it('logs API requests but not the web app’s files, and prints no route warning', async () => {
    server = await startServer(childEnv({ AUDIT_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info', WEB_DIST_DIR: web }));
    await loadPage(server.url);
    // The API request's line is written when its response ends: wait for it rather than for a time.
    for (let i = 0; i < 100 && !server.stdout().includes('/api/app-info'); i++) await new Promise((r) => setTimeout(r, 50));
    const lines = jsonLines(server.stdout());
    const requests = lines.filter((l) => l.req).map((l) => l.req!.path);
    expect(requests).toEqual(['/api/app-info']);
    expect(server.stdout() + server.stderr()).not.toMatch(/LegacyRouteConverter|Unsupported route path/);
  });
});

describe('npm start (tools/start.cjs)', () => {
  const dataDir = tempDir('npm-start');
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('prints the address and where the password is, in plain lines, and nothing per request', async () => {
    const env = childEnv({ AUDIT_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: undefined });
    const child = spawn(process.execPath, [path.join(ROOT, 'tools/start.cjs')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      for (let i = 0; i < 1200 && !/running at http:\/\/\S+\n/.test(out) && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 100));
      const url = /running at (http:\/\/\S+)/.exec(out)?.[1];
      if (!url) throw new Error(`npm start did not start\nstdout:\n${out}\nstderr:\n${err}`);
      await loadPage(url);
      for (let i = 0; i < 100 && !out.includes('Change it after signing in'); i++) await new Promise((r) => setTimeout(r, 50));
      const passwordFile = path.join(dataDir, 'initial-admin-password');
      expect(out).toContain(`running at ${url}`);
      expect(out).toContain(passwordFile);
      expect(jsonLines(out)).toEqual([]);
      expect(out + err).not.toMatch(/LegacyRouteConverter|Unsupported route path/);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});
