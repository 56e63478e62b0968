import { spawn } from 'node:child_process';
import { Client } from 'pg';
import { EvaluationService } from '../../apps/api/src/compliance/evaluation/evaluation.service';
import { csv, DA_HEADER, ingest, PERSON_HEADER, SHORT_ARREST_HEADER, SHORT_INCIDENT_HEADER, TEST_PERSON_KEY_SECRET } from '../support/ingest-helpers';
import { CLI_MAIN } from '../support/paths';
import { childEnv } from '../support/processes';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * Crash-safe evaluation (issue 11). An `audit evaluate --full` process is killed (SIGKILL) while its run is
 * recorded as `running`; at the next start the run is marked failed with a reason, a run still at work in a live
 * process is left alone, and the batches that no evaluation covered are evaluated in the background, which
 * GET /api/evaluation/status reports until the flags are up to date.
 *
 * Hand-worked data: a robbery reported 2021-03-05 20:00 by victim PK-REC-1, who is arrested by SFPD at 22:00 for
 * 647(b) on that incident: a flag under sfpd-psw-2017 and one under ca-pc-647.3 (both high, direct nexus); the DA
 * charges 647(b) on 2021-03-08: a flag under sfda-psw-2018. Three current flags once evaluated.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ PERSON_KEY_SECRET: TEST_PERSON_KEY_SECRET });
  await ingest(t, 'incidents', csv([SHORT_INCIDENT_HEADER, ['2021-03-05T19:00', '2021-03-05T20:00', 'R7000101', 'R70001', '970000001', '03074', 'Robbery', 'Mission']]));
  await ingest(t, 'incident-persons', csv([PERSON_HEADER, ['970000001', 'PK-REC-1', 'victim']]));
  await ingest(t, 'arrests', csv([SHORT_ARREST_HEADER, ['AR-REC-1', '970000001', 'PK-REC-1', '2021-03-05T22:00', 'SFPD', 'booked', '647(b) PC']]));
  await ingest(t, 'da-decisions', csv([DA_HEADER, ['DD-REC-1', '970000001', 'PK-REC-1', 'Charged', '2021-03-08', 'AR-REC-1', '647B/M/0']]));
});
const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  await t?.close();
});

const runs = (): Promise<Array<{ id: string; status: string; error: string | null; requested_by: string }>> =>
  t.db.query(`SELECT id, status, error, requested_by FROM evaluation_run ORDER BY started_at`);

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}: last ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('an evaluation whose process is killed', () => {
  it('is marked failed at the next start, and what it left is evaluated in the background while the status says so', async () => {
    const viewer = await t.signedIn('viewer');
    expect((await viewer.get('/api/evaluation/status').expect(200)).body).toMatchObject({ upToDate: false, running: 0, batchesWaiting: 4 });
    await t.request().get('/api/evaluation/status').expect(401);

    // Hold the evaluation lock, so the CLI's run is recorded `running` and then waits: it is killed there.
    const holder = new Client({ connectionString: t.databaseUrl });
    await holder.connect();
    holder.on('error', () => undefined);
    cleanups.push(() => holder.end().catch(() => undefined));
    await holder.query('BEGIN');
    await holder.query(`SELECT pg_advisory_xact_lock(hashtext('sra-evaluate'))`);
    const cli = spawn(process.execPath, [CLI_MAIN, 'evaluate', '--full'], {
      env: childEnv({ DATABASE_URL: t.databaseUrl, PERSON_KEY_SECRET: TEST_PERSON_KEY_SECRET }),
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => cli.on('exit', resolve));
    await waitFor(runs, (r) => r.some((run) => run.status === 'running'), 'the CLI run to start');
    cli.kill('SIGKILL');
    await exited;
    await holder.query('COMMIT');
    // The killed process's database session ends once it has nothing left to wait for.
    const [killedRun] = await runs();
    await waitFor(
      () => t.db.query(`SELECT count(*)::int AS n FROM pg_stat_activity a JOIN evaluation_run r ON r.backend_pid = a.pid AND r.backend_started_at = a.backend_start WHERE r.id = $1`, [killedRun.id]),
      (rows: Array<{ n: number }>) => rows[0].n === 0,
      "the killed process's session to end",
    );

    // A run still at work in a live session (this one, waiting on the lock) is not touched.
    await holder.query('BEGIN');
    await holder.query(`SELECT pg_advisory_xact_lock(hashtext('sra-evaluate'))`);
    const live = new Client({ connectionString: t.databaseUrl });
    await live.connect();
    live.on('error', () => undefined);
    cleanups.push(() => live.end().catch(() => undefined));
    await live.query(
      `INSERT INTO evaluation_run (trigger, scope, requested_by, status, backend_pid, backend_started_at)
       SELECT 'on-demand', 'full', 'live test session', 'running', pid, backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid()`,
    );

    const evaluation = t.app.get(EvaluationService);
    expect(await evaluation.recoverInterrupted()).toEqual({ interruptedRuns: 1, batchesToEvaluate: 4 });
    const after = await runs();
    expect(after.find((r) => r.id === killedRun.id)).toMatchObject({ status: 'failed', error: expect.stringContaining('interrupted') });
    expect(after.find((r) => r.requested_by === 'live test session')).toMatchObject({ status: 'running' });
    // While the catch-up waits for the lock, the dashboard's status says the flags are being brought up to date.
    expect((await viewer.get('/api/evaluation/status').expect(200)).body).toMatchObject({ upToDate: false, batchesWaiting: 4 });

    await holder.query('COMMIT');
    await live.query(`UPDATE evaluation_run SET status = 'failed', error = 'test session done' WHERE requested_by = 'live test session'`);
    await waitFor(() => viewer.get('/api/evaluation/status').then((r) => r.body), (s: { upToDate: boolean }) => s.upToDate, 'the catch-up');

    const flags: Array<{ rule_id: string }> = await t.db.query(`SELECT rule_id FROM flag WHERE status = 'current' ORDER BY rule_id`);
    expect(flags.map((f) => f.rule_id)).toEqual(['ca-pc-647.3', 'sfda-psw-2018', 'sfpd-psw-2017']);
    const caughtUp: Array<{ trigger: string; scope: string }> = await t.db.query(`SELECT trigger, scope FROM evaluation_run WHERE status = 'done'`);
    expect(caughtUp).toHaveLength(4);
    expect(caughtUp.every((r) => r.trigger === 'start' && r.scope === 'batch')).toBe(true);
  });
});
