// The released set (issue 12) on a generated city of about 1M incident rows: `audit release` builds it (the cells
// from the database, the relations, joint suppression with its audits) and audits it afresh; `audit release --exact`
// then solves every bound of every hidden count. Each is timed against a full evaluation of the same city in the
// same run.
const { cli, withCity } = require('./support.cjs');

const ROWS = Number(process.env.BENCH_RELEASE_ROWS || 1_000_000);
const fmt = (n) => Math.round(n).toLocaleString('en-US');

exports.run = ({ root }) =>
  withCity(root, { name: 'release', rows: ROWS, seed: 'bench-release' }, ({ env, evaluation }) => {
    process.stdout.write(`full evaluation (the baseline): ${evaluation.seconds.toFixed(1)} s, ${fmt(evaluation.flagsCurrent)} flags\n`);
    const share = (seconds) => `${(seconds / evaluation.seconds).toFixed(2)} times a full evaluation`;
    const r = cli(root, ['release'], env).out;
    process.stdout.write(
      `released set: ${fmt(r.cells)} cells over ${r.periods} periods, ${fmt(r.primary)} small and ${fmt(r.hidden - r.primary)} protecting hidden; ` +
        `built in ${r.buildSeconds.toFixed(1)} s (${share(r.buildSeconds)}), of which suppression and audits ${(r.millis / 1000).toFixed(1)} s\n`,
    );
    process.stdout.write(`fresh audit: ${r.audit.passed ? 'passed' : 'FAILED'}, ${fmt(r.audit.checked)} hidden counts in ${(r.audit.millis / 1000).toFixed(1)} s (${share(r.audit.millis / 1000)})\n`);
    const exact = cli(root, ['release', '--exact'], env).out;
    process.stdout.write(`exact audit (every bound solved): ${exact.audit.passed ? 'passed' : 'FAILED'} in ${(exact.audit.millis / 1000).toFixed(1)} s (${share(exact.audit.millis / 1000)})\n`);
  });
