// The released set (issue 12) on a generated city of about 1M incident rows: `audit release` builds it (the cells
// from the database, the relations, joint suppression with its audits) and audits it afresh; `audit release --exact`
// then solves every bound of every hidden count. Each is timed against a full evaluation of the same city in the
// same run.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { cli, freshDatabase } = require('./support.cjs');

const ROWS = Number(process.env.BENCH_RELEASE_ROWS || 1_000_000);
const fmt = (n) => Math.round(n).toLocaleString('en-US');

exports.run = async ({ root }) => {
  const { startEmbeddedPostgres } = require(path.join(root, 'dist/apps/api/apps/api/src/database/embedded-postgres.js'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sra-bench-release-pg-'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sra-bench-release-'));
  const pg = await startEmbeddedPostgres({ dataDir, mode: 'exclusive', database: 'postgres' });
  try {
    const env = { DATABASE_URL: await freshDatabase(pg.url, 'bench_release'), PERSON_KEY_SECRET: 'bench-person-key-secret-0123456789abcdef' };
    process.stdout.write(`generating and loading a city of ${fmt(ROWS)} incident rows...\n`);
    cli(root, ['generate', '--out', dir, '--incidents', String(ROWS), '--seed', 'bench-release'], {});
    cli(root, ['db:migrate'], env);
    for (const [kind, file] of [['incidents', 'incidents.csv'], ['incident-persons', 'incident-persons.csv'], ['arrests', 'arrests.csv'], ['da-decisions', 'da-decisions.csv']]) {
      cli(root, ['ingest', kind, path.join(dir, file), '--no-evaluate'], env);
    }
    const evaluation = cli(root, ['evaluate', '--full'], env);
    process.stdout.write(`full evaluation (the baseline): ${evaluation.out.seconds.toFixed(1)} s, ${fmt(evaluation.out.flagsCurrent)} flags\n`);
    const share = (seconds) => `${((seconds / evaluation.out.seconds) * 100).toFixed(0)}% of a full evaluation`;
    const fast = cli(root, ['release'], env);
    const r = fast.out;
    process.stdout.write(
      `released set: ${fmt(r.cells)} cells over ${r.periods} periods, ${fmt(r.primary)} small and ${fmt(r.hidden - r.primary)} protecting hidden; ` +
        `built in ${r.buildSeconds.toFixed(1)} s (${share(r.buildSeconds)}), of which suppression and audits ${(r.millis / 1000).toFixed(1)} s\n`,
    );
    process.stdout.write(`fresh audit: ${r.audit.passed ? 'passed' : 'FAILED'}, ${fmt(r.audit.checked)} hidden counts in ${(r.audit.millis / 1000).toFixed(1)} s (${share(r.audit.millis / 1000)})\n`);
    const exact = cli(root, ['release', '--exact'], env).out;
    process.stdout.write(`exact audit (every bound solved): ${exact.audit.passed ? 'passed' : 'FAILED'} in ${(exact.audit.millis / 1000).toFixed(1)} s (${share(exact.audit.millis / 1000)})\n`);
  } finally {
    await pg.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  }
};
