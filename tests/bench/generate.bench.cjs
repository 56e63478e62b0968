// Synthetic data generation: rows per second and peak memory at 1M and 5M
// incident rows, against the baseline of streaming the same bytes from disk to
// disk (what writing the files costs at the least).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pipeline } = require('node:stream/promises');

const SIZES = (process.env.BENCH_GENERATE_SIZES || '1000000,5000000').split(',').map(Number);
const GOAL_ROWS_PER_SECOND = 200_000;

function generate(root, out, rows) {
  const cli = path.join(root, 'dist/apps/api/apps/api/src/cli/main.js');
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--max-semi-space-size=64', cli, 'generate', '--out', out, '--incidents', String(rows), '--seed', 'bench'], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`generate failed: ${result.stderr}`);
  return { seconds, summary: JSON.parse(result.stdout) };
}

async function copySeconds(dir) {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'sra-bench-copy-'));
  const started = process.hrtime.bigint();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.csv'))) {
    await pipeline(fs.createReadStream(path.join(dir, file), { highWaterMark: 1 << 22 }), fs.createWriteStream(path.join(target, file)));
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  fs.rmSync(target, { recursive: true, force: true });
  return seconds;
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');

exports.run = async ({ root }) => {
  const results = [];
  for (const rows of SIZES) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sra-bench-generate-'));
    try {
      const { seconds, summary } = generate(root, dir, rows);
      const bytes = fs.readdirSync(dir).reduce((s, f) => s + fs.statSync(path.join(dir, f)).size, 0);
      const baseline = await copySeconds(dir);
      const rate = rows / seconds;
      results.push({ rows, seconds, rate, baseline, peak: summary.peakRssMb, bytes, flags: summary.counts['expected-flags.csv'] });
      process.stdout.write(
        `${fmt(rows)} rows: ${seconds.toFixed(2)} s, ${fmt(rate)} rows/s (goal ${fmt(GOAL_ROWS_PER_SECOND)}), ` +
          `peak memory ${summary.peakRssMb} MB, ${(bytes / 1e6).toFixed(0)} MB written, ${fmt(summary.counts['expected-flags.csv'])} expected flags\n` +
          `  baseline (stream-copy the same ${(bytes / 1e6).toFixed(0)} MB): ${baseline.toFixed(2)} s; generate / copy = ${(seconds / baseline).toFixed(2)}x\n`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  if (results.length > 1) {
    const [a, b] = [results[0], results[results.length - 1]];
    process.stdout.write(`peak memory at ${fmt(b.rows)} rows / at ${fmt(a.rows)} rows = ${(b.peak / a.peak).toFixed(2)} (flat is about 1)\n`);
  }
};
