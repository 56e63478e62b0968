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

/** A new, empty database on the server at adminUrl (dropped first if it exists); returns its URL. */
async function freshDatabase(adminUrl, name) {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

module.exports = { cli, freshDatabase };
