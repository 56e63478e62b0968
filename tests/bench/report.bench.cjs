// A month's report on a generated city of about 1M incident rows: `audit report` writing the internal PDF (a new
// snapshot: data, both editions in every format) and then the public PDF (the stored snapshot reused), each timed,
// against a full evaluation of the same city in the same run (goal: the PDF in under a minute).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Client } = require('pg');
const { cli, withCity } = require('./support.cjs');

const ROWS = Number(process.env.BENCH_REPORT_ROWS || 1_000_000);
const fmt = (n) => Math.round(n).toLocaleString('en-US');


exports.run = ({ root }) =>
  withCity(root, { name: 'report', rows: ROWS, seed: 'bench-report' }, async ({ env, evaluation: summary }) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sra-bench-report-out-'));
    const evaluation = { out: summary };
    const db = new Client({ connectionString: env.DATABASE_URL });
    await db.connect();
    // The busiest month of report: the most eligible reports.
    const [{ month, eligible }] = (
      await db.query(`SELECT to_char(report_month, 'YYYY-MM') AS month, count(*)::int AS eligible FROM eligible_report GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`)
    ).rows;
    await db.query('VACUUM (ANALYZE)');
    await db.end();
    process.stdout.write(`full evaluation ${evaluation.out.seconds.toFixed(1)} s (${fmt(evaluation.out.flagsCurrent)} flags); report month ${month} (${fmt(eligible)} eligible report rows)\n`);

    const internal = cli(root, ['report', '--month', month, '--edition', 'internal', '--format', 'pdf', '--out', path.join(dir, 'internal.pdf')], env);
    const pub = cli(root, ['report', '--month', month, '--edition', 'public', '--format', 'pdf', '--out', path.join(dir, 'public.pdf')], env);
    const line = (name, run) =>
      `${name}: ${run.seconds.toFixed(1)} s (of which the report itself ${run.out.seconds.toFixed(1)} s) = ${((run.out.seconds / evaluation.out.seconds) * 100).toFixed(0)}% of a full evaluation; ${fmt(run.out.bytes / 1024)} KiB, version ${run.out.version}`;
    process.stdout.write(`${line('internal PDF, new snapshot (data, both editions, PDF + CSV + JSON)', internal)}\n`);
    process.stdout.write(`${line('public PDF, same snapshot', pub)}\n`);
    process.stdout.write(`goal: the PDF in under a minute: ${internal.seconds < 60 ? 'met' : 'NOT met'} (${internal.seconds.toFixed(1)} s with the command's start)\n`);
    fs.rmSync(dir, { recursive: true, force: true });
  });
