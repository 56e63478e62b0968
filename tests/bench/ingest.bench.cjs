// Ingest speed against plain COPY, in the same run on the same PostgreSQL:
// (a) COPY of the generated incidents file into an unindexed all-text table,
// (b) `audit ingest incidents` of it into an empty database, and (c) a second
// load of the same file (every row unchanged). Peak memory of the ingest
// process at each size shows whether it stays flat as files grow.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pipeline } = require('node:stream/promises');
const { Client } = require('pg');
const { from: copyFrom } = require('pg-copy-streams');
const { freshDatabase } = require('./support.cjs');

const SIZES = (process.env.BENCH_INGEST_SIZES || '1000000,5000000').split(',').map(Number);
const fmt = (n) => Math.round(n).toLocaleString('en-US');

function cli(root, args, env) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--max-semi-space-size=64', path.join(root, 'dist/apps/api/apps/api/src/cli/main.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 1 << 24,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`audit ${args.join(' ')} failed: ${result.stderr}`);
  // With LOG_LEVEL=debug the load logs its steps' durations: where the time went.
  const steps = /steps: ([^\n]*?)(?:\u001b\[[0-9;]*m)*$/m.exec(result.stderr);
  return { seconds, out: JSON.parse(result.stdout.trim().split('\n').pop()), steps: steps ? steps[1] : null };
}

async function withDatabase(pg, name, fn) {
  try {
    return await fn(await freshDatabase(pg, name));
  } finally {
    const again = new Client({ connectionString: pg.bootstrapUrl });
    await again.connect();
    await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await again.end();
  }
}

async function plainCopy(url, file) {
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(65_536);
  fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  const header = head.toString('utf8').split('\n')[0].split(',');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE TABLE copy_baseline (${header.map((_, i) => `c${i} text`).join(', ')})`);
    const started = process.hrtime.bigint();
    await pipeline(fs.createReadStream(file, { highWaterMark: 1 << 20 }), client.query(copyFrom(`COPY copy_baseline FROM STDIN WITH (FORMAT csv, HEADER true)`)));
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    await client.end();
  }
}

exports.run = async ({ root }) => {
  const { startEmbeddedPostgres } = require(path.join(root, 'dist/apps/api/apps/api/src/database/embedded-postgres.js'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sra-bench-ingest-pg-'));
  const pg = await startEmbeddedPostgres({ dataDir, mode: 'exclusive', database: 'postgres' });
  const peaks = [];
  try {
    for (const rows of SIZES) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sra-bench-ingest-'));
      try {
        cli(root, ['generate', '--out', dir, '--incidents', String(rows), '--seed', 'bench'], {});
        const file = path.join(dir, 'incidents.csv');
        const mb = fs.statSync(file).size / 1e6;
        const copySeconds = await withDatabase(pg, 'bench_copy', (urls) => plainCopy(urls.DATABASE_OWNER_URL, file));
        await withDatabase(pg, 'bench_ingest', async (urls) => {
          const env = { ...urls, PERSON_KEY_SECRET: 'bench-person-key-secret-0123456789abcdef', LOG_LEVEL: 'debug', NO_COLOR: '1' };
          cli(root, ['db:migrate'], env);
          const first = cli(root, ['ingest', 'incidents', file, '--no-evaluate'], env);
          const second = cli(root, ['ingest', 'incidents', file, '--no-evaluate'], env);
          if (first.out.inserted !== rows || second.out.unchanged !== rows) throw new Error(`unexpected counts: ${JSON.stringify([first.out, second.out])}`);
          const rate = (s) => rows / s;
          peaks.push({ rows, peak: first.out.peakRssMb });
          process.stdout.write(
            `${fmt(rows)} incident rows (${mb.toFixed(0)} MB):\n` +
              `  plain COPY into an unindexed all-text table: ${copySeconds.toFixed(2)} s, ${fmt(rate(copySeconds))} rows/s\n` +
              `  audit ingest into an empty database:        ${first.seconds.toFixed(2)} s, ${fmt(rate(first.seconds))} rows/s = ${((copySeconds / first.seconds) * 100).toFixed(0)}% of COPY (goal 50%); peak memory ${first.out.peakRssMb} MB\n` +
              `    (${first.steps ?? 'no step timings'})\n` +
              `  second load, every row unchanged:           ${second.seconds.toFixed(2)} s, ${fmt(rate(second.seconds))} rows/s = ${((copySeconds / second.seconds) * 100).toFixed(0)}% of COPY; peak memory ${second.out.peakRssMb} MB\n` +
              `    (${second.steps ?? 'no step timings'})\n`,
          );
        });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
    if (peaks.length > 1) {
      const [a, b] = [peaks[0], peaks[peaks.length - 1]];
      process.stdout.write(`ingest peak memory at ${fmt(b.rows)} rows / at ${fmt(a.rows)} rows = ${(b.peak / a.peak).toFixed(2)} (flat is about 1)\n`);
    }
  } finally {
    await pg.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
};
