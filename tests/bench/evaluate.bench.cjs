// Evaluation cost against the size of the data, in the same run on the same
// PostgreSQL: a full evaluation of a generated city of 250k and of 1M incident
// rows (the ratio shows whether cost grows faster than the data: the goal is at
// most 4.5 for 4 times the data), then, on the 1M city, the evaluation that
// follows a batch of 1,000 late person rows, as a share of the full one (goal:
// under 5%), and the evaluation that follows a file correcting 1,000 loaded
// arrests (each moved to another person: its scope holds the people named
// before and after).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { cli, freshDatabase } = require('./support.cjs');

const SIZES = (process.env.BENCH_EVALUATE_SIZES || '250000,1000000').split(',').map(Number);
const LATE_ROWS = 1000;
const CORRECTED_ARRESTS = 1000;
const fmt = (n) => Math.round(n).toLocaleString('en-US');

/** A file that corrects `count` loaded arrests, spread over the file: each gets the person key of the next one. */
function correctingArrests(text, count) {
  const [header, ...lines] = text.trimEnd().split('\n');
  const personColumn = header.split(',').indexOf('person_key');
  // Lines without quotes split on commas as they are.
  const plain = lines.filter((line) => !line.includes('"'));
  const step = Math.max(1, Math.floor(plain.length / count));
  const chosen = plain.filter((_, i) => i % step === 0).slice(0, count).map((line) => line.split(','));
  const moved = chosen.map((fields, i) => {
    const next = [...fields];
    next[personColumn] = chosen[(i + 1) % chosen.length][personColumn];
    return next.join(',');
  });
  return [header, ...moved].join('\n') + '\n';
}



exports.run = async ({ root }) => {
  const { startEmbeddedPostgres } = require(path.join(root, 'dist/apps/api/apps/api/src/database/embedded-postgres.js'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sra-bench-evaluate-pg-'));
  const pg = await startEmbeddedPostgres({ dataDir, mode: 'exclusive', database: 'postgres' });
  const full = [];
  try {
    for (const rows of SIZES) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sra-bench-evaluate-'));
      try {
        cli(root, ['generate', '--out', dir, '--incidents', String(rows), '--seed', 'bench-evaluate'], {});
        // The last person rows arrive later, as a batch of their own.
        const persons = fs.readFileSync(path.join(dir, 'incident-persons.csv'), 'utf8').trimEnd().split('\n');
        fs.writeFileSync(path.join(dir, 'early-persons.csv'), persons.slice(0, -LATE_ROWS).join('\n') + '\n');
        fs.writeFileSync(path.join(dir, 'late-persons.csv'), [persons[0], ...persons.slice(-LATE_ROWS)].join('\n') + '\n');
        const env = { ...(await freshDatabase(pg, `bench_evaluate_${rows}`)), PERSON_KEY_SECRET: 'bench-person-key-secret-0123456789abcdef' };
        cli(root, ['db:migrate'], env);
        for (const [kind, file] of [['incidents', 'incidents.csv'], ['incident-persons', 'early-persons.csv'], ['arrests', 'arrests.csv'], ['da-decisions', 'da-decisions.csv']]) {
          cli(root, ['ingest', kind, path.join(dir, file), '--no-evaluate'], env);
        }
        const run = cli(root, ['evaluate', '--full'], env).out;
        full.push({ rows, seconds: run.seconds });
        process.stdout.write(`${fmt(rows)} incident rows: full evaluation ${run.seconds.toFixed(2)} s, ${fmt(run.flagsCurrent)} flags\n`);
        if (rows === SIZES[SIZES.length - 1]) {
          cli(root, ['ingest', 'incident-persons', path.join(dir, 'late-persons.csv'), '--no-evaluate'], env);
          const incremental = cli(root, ['evaluate'], env).out;
          const seconds = incremental.runs.reduce((sum, r) => sum + r.seconds, 0);
          const added = incremental.runs.reduce((sum, r) => sum + r.flagsNew, 0);
          process.stdout.write(
            `  after a batch of ${fmt(LATE_ROWS)} late person rows: evaluation ${seconds.toFixed(2)} s = ${((seconds / run.seconds) * 100).toFixed(1)}% of the full one (goal under 5%), ${fmt(added)} new flags\n`,
          );
          fs.writeFileSync(path.join(dir, 'correct-arrests.csv'), correctingArrests(fs.readFileSync(path.join(dir, 'arrests.csv'), 'utf8'), CORRECTED_ARRESTS));
          const corrected = cli(root, ['ingest', 'arrests', path.join(dir, 'correct-arrests.csv'), '--no-evaluate'], env).out;
          const after = cli(root, ['evaluate'], env).out;
          const correctionSeconds = after.runs.reduce((sum, r) => sum + r.seconds, 0);
          process.stdout.write(
            `  after a file correcting ${fmt(corrected.updated)} arrests (each to another person): evaluation ${correctionSeconds.toFixed(2)} s = ${((correctionSeconds / run.seconds) * 100).toFixed(1)}% of the full one, ` +
              `${fmt(after.runs.reduce((sum, r) => sum + r.flagsNew, 0))} new and ${fmt(after.runs.reduce((sum, r) => sum + r.flagsWithdrawn, 0))} withdrawn flags\n`,
          );
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
    if (full.length > 1) {
      const [a, b] = [full[0], full[full.length - 1]];
      process.stdout.write(`full evaluation at ${fmt(b.rows)} / at ${fmt(a.rows)} rows = ${(b.seconds / a.seconds).toFixed(2)} for ${(b.rows / a.rows).toFixed(1)} times the data (goal at most 4.5)\n`);
    }
  } finally {
    await pg.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
};
