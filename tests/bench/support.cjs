// Plumbing the benchmarks share: the built CLI as a child process, and fresh databases on one embedded server.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { Client } = require('pg');

/** Runs `audit <args>`; returns its last stdout line parsed as JSON (or null) and how long it took. */
function cli(root, args, env = {}, input) {
  const started = Date.now();
  const result = spawnSync(process.execPath, [path.join(root, 'dist/apps/api/apps/api/src/cli/main.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    input,
    maxBuffer: 1 << 26,
  });
  if (result.status !== 0) throw new Error(`audit ${args.join(' ')} failed: ${result.stderr}`);
  const last = result.stdout.trim().split('\n').pop();
  let out = null;
  try {
    out = last ? JSON.parse(last) : null;
  } catch {
    out = null;
  }
  return { out, stdout: result.stdout, seconds: (Date.now() - started) / 1000 };
}

/** `url` with another database. */
function inDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * A new, empty database owned by the schema owner on the embedded server `pg` (dropped first if it exists); returns
 * the app's environment for it: DATABASE_URL as the app role, DATABASE_OWNER_URL as the owner (migrations).
 */
async function freshDatabase(pg, name) {
  const admin = new Client({ connectionString: pg.bootstrapUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name} OWNER ${new URL(pg.ownerUrl).username}`);
  await admin.end();
  return { DATABASE_URL: inDatabase(pg.url, name), DATABASE_OWNER_URL: inDatabase(pg.ownerUrl, name) };
}

/**
 * A generated city of `rows` incident rows loaded into a database of its own on a fresh embedded PostgreSQL, then
 * evaluated in full: `run({ env, evaluation })` gets the CLI's environment for it and the evaluation's summary;
 * everything is removed afterwards.
 */
async function withCity(root, { name, rows, seed }, run) {
  const fs = require('node:fs');
  const os = require('node:os');
  const { startEmbeddedPostgres } = require(path.join(root, 'dist/apps/api/apps/api/src/database/embedded-postgres.js'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `sra-bench-${name}-pg-`));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sra-bench-${name}-`));
  const pg = await startEmbeddedPostgres({ dataDir, mode: 'exclusive', database: 'postgres' });
  try {
    const env = { ...(await freshDatabase(pg, `bench_${name}`)), PERSON_KEY_SECRET: 'bench-person-key-secret-0123456789abcdef' };
    process.stdout.write(`generating and loading a city of ${rows.toLocaleString('en-US')} incident rows...\n`);
    cli(root, ['generate', '--out', dir, '--incidents', String(rows), '--seed', seed], {});
    cli(root, ['db:migrate'], env);
    for (const [kind, file] of [['incidents', 'incidents.csv'], ['incident-persons', 'incident-persons.csv'], ['arrests', 'arrests.csv'], ['da-decisions', 'da-decisions.csv']]) {
      cli(root, ['ingest', kind, path.join(dir, file), '--no-evaluate'], env);
    }
    const evaluation = cli(root, ['evaluate', '--full'], env).out;
    return await run({ env, evaluation });
  } finally {
    await pg.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The built server as a child process (quiet: warnings only); resolves with its address once it says it is running. */
function startServer(root, env) {
  const { spawn } = require('node:child_process');
  const child = spawn(process.execPath, [path.join(root, 'dist/apps/api/apps/api/src/main.js')], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (c) => {
      out += c;
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1].replace(/\/$/, '') });
    });
    child.stderr.on('data', (c) => (err += c));
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)));
  });
}

/**
 * One HTTP call to the server, timed: `{ status, headers, body, ms }`. JSON in and out, the session's cookie, and the
 * server's own Origin (a write without it is refused as cross-site); `agent` for kept-alive sockets under load.
 */
function request(url, cookie, method = 'GET', body, agent) {
  const http = require('node:http');
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const headers = { cookie: cookie ?? '', 'content-type': 'application/json', origin: new URL(url).origin };
    const req = http.request(url, { method, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString(), ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    });
    req.on('error', reject);
    if (body) req.write(JSON.stringify(body));
    req.end();
  });
}

module.exports = { cli, freshDatabase, request, startServer, withCity };
