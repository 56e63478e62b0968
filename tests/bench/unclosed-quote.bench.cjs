// A hostile file against a good one of the same size, through `audit ingest` as a process: a file whose third line
// opens a quote that nothing closes (every later line would become one value) is refused at the 64 KiB limit of a
// value, so it should take a small fraction of the good file's time, with no more memory. Before the scanner kept
// its state across chunks, 100 MB of it took 30 s and 541 MB (and four times the size, eight times as long).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { freshDatabase } = require('./support.cjs');

const MEGABYTES = Number(process.env.BENCH_UNCLOSED_QUOTE_MB || '100');

const HEADER = 'Incident Datetime,Report Datetime,Row ID,Incident ID,Incident Number,Incident Code,Incident Category,Incident Subcategory,Police District';
const row = (i, sub = 'Robbery - Other') => `2024/03/09 10:40:00 PM,2024/03/09 11:05:00 PM,${9_000_000_000 + i},${900_000 + i},${900_000_000 + i},03074,Robbery,${sub},Mission`;

/** About `megabytes` MB of incident rows; with `openQuote`, line 3 opens a quote in "Incident Subcategory" (one byte more). */
function writeFile(file, megabytes, openQuote) {
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, `${HEADER}\n${row(1)}\n${row(2, openQuote ? '"Robbery - Other' : 'Robbery - Other')}\n`);
    let written = 0;
    for (let i = 3; written < megabytes * 1e6; i += 1000) {
      const block = Array.from({ length: 1000 }, (_, k) => row(i + k)).join('\n') + '\n';
      fs.writeSync(fd, block);
      written += block.length;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** `audit ingest incidents <file>`: its wall time, its peak memory (the CLI's own figure) and its JSON answer. */
function ingest(root, file, env) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [path.join(root, 'dist/apps/api/apps/api/src/cli/main.js'), 'ingest', 'incidents', file, '--no-evaluate'], {
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    maxBuffer: 1 << 24,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const out = JSON.parse(result.stdout.trim().split('\n').pop());
  return { seconds, out, code: result.status };
}

exports.run = async ({ root }) => {
  const { startEmbeddedPostgres } = require(path.join(root, 'dist/apps/api/apps/api/src/database/embedded-postgres.js'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sra-bench-quote-pg-'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sra-bench-quote-'));
  const pg = await startEmbeddedPostgres({ dataDir, mode: 'exclusive', database: 'postgres' });
  try {
    const good = path.join(dir, 'good.csv');
    const bad = path.join(dir, 'unclosed-quote.csv');
    writeFile(good, MEGABYTES, false);
    writeFile(bad, MEGABYTES, true);
    const mb = (f) => (fs.statSync(f).size / 1e6).toFixed(1);
    const env = { ...(await freshDatabase(pg, 'bench_quote')), PERSON_KEY_SECRET: 'bench-person-key-secret-0123456789abcdef' };
    spawnSync(process.execPath, [path.join(root, 'dist/apps/api/apps/api/src/cli/main.js'), 'db:migrate'], { env: { ...process.env, ...env } });
    // The hostile file first, into the empty database; then the good one.
    const refused = ingest(root, bad, env);
    if (refused.code === 0 || refused.out.status !== 'refused') throw new Error(`the file with an open quote was not refused: ${JSON.stringify(refused.out)}`);
    const loaded = ingest(root, good, env);
    if (loaded.code !== 0 || loaded.out.status !== 'loaded') throw new Error(`the good file did not load: ${JSON.stringify(loaded.out)}`);
    process.stdout.write(
      `good file (${mb(good)} MB, ${loaded.out.rowsRead.toLocaleString('en-US')} rows): loaded in ${loaded.seconds.toFixed(2)} s, peak memory ${loaded.out.peakRssMb} MB\n` +
        `one quote never closed on line 3 (${mb(bad)} MB): refused in ${refused.seconds.toFixed(2)} s, peak memory ${refused.out.peakRssMb} MB\n` +
        `  (${refused.out.reason.slice(0, 120)}...)\n` +
        `refused / loaded: time ${(refused.seconds / loaded.seconds).toFixed(2)}, peak memory ${(refused.out.peakRssMb / loaded.out.peakRssMb).toFixed(2)} ` +
        '(the CLI\'s start-up included in both: a refusal costs about a start-up)\n',
    );
  } finally {
    await pg.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  }
};
