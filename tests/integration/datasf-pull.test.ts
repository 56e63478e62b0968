import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { DataSfPullScheduler } from '../../apps/api/src/ingest/datasf/datasf-pull.scheduler';
import { DataSfPullService, PullBusy } from '../../apps/api/src/ingest/datasf/datasf-pull.service';
import { apiMonth, COMPUTED_REGION, FakeDataSf, FIRST_DATA_AS_OF } from '../support/fake-datasf';
import { ingest, TEST_PERSON_KEY_SECRET } from '../support/ingest-helpers';
import { CLI_MAIN, REPO_ROOT, requireBuilt } from '../support/paths';
import { childEnv, runCli } from '../support/processes';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The DataSF pull (issue 15) against a local stand-in for the SODA API serving the real December 2018 month
 * (../shared/data, DataSF, public domain) in the API's shape, 2,000 rows a page: 11,884 rows are 6 pages.
 */
const REAL_MONTH = path.resolve(REPO_ROOT, '../shared/data/sfpd-incident-reports-2018-12.csv');
const MONTH_ROWS = 11_884;
const PAGE = 2_000;

let t: TestApp;
let fake: FakeDataSf;
let pulls: DataSfPullService;
beforeAll(async () => {
  if (!fs.existsSync(REAL_MONTH)) throw new Error(`${REAL_MONTH} is missing: the shared data lives beside the repository`);
  const month = apiMonth(REAL_MONTH);
  fake = new FakeDataSf(month.rows, month.columns);
  await fake.start();
  t = await startTestApp({
    PERSON_KEY_SECRET: TEST_PERSON_KEY_SECRET,
    AUDIT_DATASF_PAGE_SIZE: String(PAGE),
    AUDIT_DATASF_ATTEMPTS: '3',
    AUDIT_DATASF_RETRY_BASE_MS: '20',
    AUDIT_DATASF_SCHEDULER: 'false',
    AUDIT_MAX_IMPORT_BYTES: String(200 * 1024 * 1024),
  });
  pulls = t.app.get(DataSfPullService);
});
afterAll(async () => {
  await t?.close();
  await fake?.stop();
});

const count = async (sql: string, params: unknown[] = []) => ((await t.db.query(sql, params)) as Array<{ n: number }>)[0].n;

/** The audit log's pull entries: written as the pull ends, a moment after its state says so. */
async function pullsLogged(atLeast: number): Promise<Array<Record<string, unknown>>> {
  for (let i = 0; ; i++) {
    const rows = await t.db.query(`SELECT actor_email, outcome, target_type, target_id, detail FROM audit_log WHERE action = 'import.datasf_pulled' ORDER BY id`);
    if (rows.length >= atLeast || i >= 300) return rows;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function waitForPull(admin: Awaited<ReturnType<TestApp['signedIn']>>) {
  for (let i = 0; i < 600; i++) {
    const { body } = await admin.get('/api/datasf-pull').expect(200);
    if (body.state !== 'running') return body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the pull never finished');
}

describe('pulling SFPD incidents from DataSF', () => {
  it('settings are for admins only, default to daily from https://data.sfgov.org, and their changes are audit-logged', async () => {
    const analyst = await t.signedIn('analyst');
    await analyst.get('/api/datasf-pull').expect(403);
    await analyst.put('/api/datasf-pull').send({ enabled: true, intervalHours: 24, baseUrl: fake.baseUrl, firstSince: null }).expect(403);
    await analyst.post('/api/datasf-pull/run').expect(403);

    const admin = await t.signedIn('admin', 'pull-admin@example.org');
    const { body: initial } = await admin.get('/api/datasf-pull').expect(200);
    expect(initial).toMatchObject({ enabled: false, intervalHours: 24, baseUrl: 'https://data.sfgov.org', firstSince: null, state: 'never', watermark: null, nextRunAt: null });

    await admin.put('/api/datasf-pull').send({ enabled: true, intervalHours: 0, baseUrl: 'ftp://x', firstSince: '12/01/2018' }).expect(400);
    const { body: saved } = await admin.put('/api/datasf-pull').send({ enabled: true, intervalHours: 6, baseUrl: `${fake.baseUrl}/`, firstSince: null }).expect(200);
    expect(saved).toMatchObject({ enabled: true, intervalHours: 6, baseUrl: fake.baseUrl, updatedBy: 'pull-admin@example.org' });
    // Never pulled: due at once.
    expect(Date.parse(saved.nextRunAt)).toBeLessThanOrEqual(Date.now() + 1000);
    expect(await pulls.isDue()).toBe(true);
    const audit = await t.db.query(`SELECT action, outcome, detail FROM audit_log WHERE actor_email = 'pull-admin@example.org' AND action LIKE 'PUT /api/datasf-pull' ORDER BY id`);
    expect(audit).toEqual([
      { action: 'PUT /api/datasf-pull', outcome: 'failure', detail: { enabled: true, intervalHours: 0, baseUrl: 'ftp://x', firstSince: '12/01/2018' } },
      { action: 'PUT /api/datasf-pull', outcome: 'success', detail: { enabled: true, intervalHours: 6, baseUrl: `${fake.baseUrl}/`, firstSince: null } },
    ]);
  });

  it('a first pull ("pull now") loads the whole month as one batch, a page failing once is tried again, and a page with another field set is aligned by name', async () => {
    const admin = await t.signedIn('admin');
    fake.requests.length = 0;
    fake.failOnce.add(PAGE); // page 2: a 503, then served
    // Page 3 in another order, without the computed region column and with one the others lack.
    const reordered = [...fake.columns].reverse().filter((c) => c !== COMPUTED_REGION);
    fake.columnsAt.set(2 * PAGE, [...reordered, ':@computed_region_new_one']);
    const { body: started } = await admin.post('/api/datasf-pull/run').expect(202);
    expect(started.state).toBe('running');
    const done = await waitForPull(admin);
    expect(done).toMatchObject({ state: 'succeeded', watermark: FIRST_DATA_AS_OF });
    expect(done.message).toBe(`Pulled 11,884 rows in 6 pages: 11,884 new, 0 updated, 0 unchanged, 0 rejected.`);

    // Offsets asked, in order: page 2 twice (503, then the retry); no $where on a first pull without a first day.
    expect(fake.requests.map((r) => [r.offset, r.status])).toEqual([[0, 200], [2000, 503], [2000, 200], [4000, 200], [6000, 200], [8000, 200], [10000, 200]]);
    expect(fake.requests.every((r) => r.limit === PAGE && r.order === 'row_id' && r.where === null)).toBe(true);

    const [batch] = await t.db.query(`SELECT id, status, source, loaded_by, rows_read, inserted, rejected, ignored_columns FROM import_batch WHERE id = $1`, [done.lastBatchId]);
    expect(batch).toMatchObject({ status: 'loaded', source: 'datasf', loaded_by: expect.stringMatching(/^datasf-pull:admin-/), rows_read: MONTH_ROWS, inserted: MONTH_ROWS, rejected: 0 });
    expect(batch.ignored_columns).toEqual(expect.arrayContaining([COMPUTED_REGION, ':@computed_region_new_one']));
    expect(await count(`SELECT count(*)::int AS n FROM incident_report_row WHERE batch_id = $1`, [done.lastBatchId])).toBe(MONTH_ROWS);
    // A row of the reordered page 3 has its values in their own columns (2018/12/01 12:25:00 AM in San Francisco is 08:25 UTC).
    const third = fake.selected(null)[2 * PAGE + 7];
    const [stored] = await t.db.query(`SELECT incident_code, resolution FROM incident_report_row WHERE row_id = $1`, [third.row_id]);
    expect(stored).toEqual({ incident_code: third.incident_code, resolution: third.resolution });

    // The audit log says who pulled what.
    const logged = await pullsLogged(1);
    expect(logged).toEqual([{ actor_email: expect.stringMatching(/^admin-/), outcome: 'success', target_type: 'Ingest', target_id: done.lastBatchId, detail: { rows: MONTH_ROWS, pages: 6, via: 'app' } }]);

    // The same as uploading the file: loading the real month now changes nothing.
    const upload = await ingest(t, 'incidents', fs.readFileSync(REAL_MONTH), 'sfpd-incident-reports-2018-12.csv', 65_536);
    expect(upload).toMatchObject({ status: 'loaded', rowsRead: MONTH_ROWS, inserted: 0, updated: 0, unchanged: MONTH_ROWS, rejected: 0 });
    fake.columnsAt.clear();
  });

  it('an incremental pull asks only for rows published after the watermark and loads only those', async () => {
    // DataSF republishes three rows with another resolution, and publishes one new row.
    const later = '2019-01-09T03:00:00.000';
    const sorted = fake.selected(null);
    const changed = [sorted[5], sorted[4000], sorted[11_000]];
    for (const row of changed) Object.assign(row, { resolution: 'Cite or Arrest Adult' === row.resolution ? 'Open or Active' : 'Cite or Arrest Adult', data_as_of: later });
    fake.rows.push({ ...sorted[10], row_id: '99999999999', incident_id: '999999', incident_number: '189999999', data_as_of: later });
    fake.requests.length = 0;

    const outcome = await pulls.pull({ requestedBy: 'test' });
    expect(fake.requests.map((r) => r.where)).toEqual([`data_as_of > '${FIRST_DATA_AS_OF}'`]);
    expect(outcome).toMatchObject({ rows: 4, pages: 1, watermark: later, batch: { status: 'loaded', inserted: 1, updated: 3, unchanged: 0, rejected: 0 } });
    expect((await pulls.state()).watermark).toBe(later);

    // Nothing published since: no batch.
    const batches = await count(`SELECT count(*)::int AS n FROM import_batch`);
    const nothing = await pulls.pull({ requestedBy: 'test' });
    expect(nothing).toMatchObject({ rows: 0, batch: null, watermark: later });
    expect(nothing.message).toBe(`DataSF had no new or changed rows (data_as_of > '${later}'); nothing to load.`);
    expect(await count(`SELECT count(*)::int AS n FROM import_batch`)).toBe(batches);
  });

  it('a page failing after its retries leaves no partial batch, the watermark where it was, and a state saying so', async () => {
    const watermark = (await pulls.state()).watermark;
    const rowsBefore = await t.db.query(`SELECT md5(string_agg(row_id || ':' || coalesce(resolution, ''), ',' ORDER BY row_id)) AS h, count(*)::int AS n FROM incident_report_row`);
    const batches = await count(`SELECT count(*)::int AS n FROM import_batch`);
    // 2,500 rows republished: two pages, the second's connection cut every time.
    const latest = '2019-01-10T03:00:00.000';
    const republished = fake.selected(null).slice(0, 2_500);
    // Rows already 'Unfounded' come again unchanged.
    const alreadyUnfounded = republished.filter((row) => row.resolution === 'Unfounded').length;
    expect(alreadyUnfounded).toBeGreaterThan(0);
    republished.forEach((row) => Object.assign(row, { resolution: 'Unfounded', data_as_of: latest }));
    fake.failAlways.add(PAGE);
    fake.requests.length = 0;

    const failed = pulls.pull({ requestedBy: 'test' });
    await expect(failed).rejects.toThrow(/^DataSF could not be reached: .+ \(3 tries\) at page 2; nothing was stored\. Next try at \d{4}-\d\d-\d\d \d\d:\d\d UTC\.$/);
    expect(fake.requests.map((r) => [r.offset, r.status])).toEqual([[0, 200], [2000, 0], [2000, 0], [2000, 0]]);
    const state = await pulls.state();
    expect(state).toMatchObject({ state: 'failed', watermark });
    const [logged] = await t.db.query(`SELECT actor_email, outcome, detail FROM audit_log WHERE action = 'import.datasf_pulled' ORDER BY id DESC LIMIT 1`);
    expect(logged).toEqual({ actor_email: 'test', outcome: 'failure', detail: { reason: state.message, via: 'app' } });
    expect(state.message).toMatch(/^DataSF could not be reached: .+ at page 2; nothing was stored\./);
    expect(await count(`SELECT count(*)::int AS n FROM import_batch`)).toBe(batches);
    expect(await t.db.query(`SELECT md5(string_agg(row_id || ':' || coalesce(resolution, ''), ',' ORDER BY row_id)) AS h, count(*)::int AS n FROM incident_report_row`)).toEqual(rowsBefore);
    // The schedule tries again within the hour, not a day later.
    expect(Date.parse(state.nextRunAt as string)).toBeGreaterThan(Date.now());
    expect(Date.parse(state.nextRunAt as string)).toBeLessThanOrEqual(Date.now() + 3_600_000);

    // DataSF back: the same pull takes all 2,500.
    fake.failAlways.clear();
    const retried = await pulls.pull({ requestedBy: 'test' });
    expect(retried).toMatchObject({ rows: 2_500, pages: 2, watermark: latest, batch: { status: 'loaded', updated: 2_500 - alreadyUnfounded, unchanged: alreadyUnfounded, inserted: 0 } });
  });

  it('only one pull runs at a time', async () => {
    const run = await pulls.begin({ requestedBy: 'first' });
    await expect(pulls.begin({ requestedBy: 'second' })).rejects.toBeInstanceOf(PullBusy);
    const admin = await t.signedIn('admin');
    await admin.post('/api/datasf-pull/run').expect(409);
    await run();
    expect((await pulls.state()).state).toBe('succeeded');
  });

  it('the schedule pulls when its time has come, and a pull left running by a stopped process is said to have stopped', async () => {
    const scheduler = t.app.get(DataSfPullScheduler);
    // On, every 6 hours (the first test), and pulled moments ago: not due.
    expect(await scheduler.runIfDue()).toBe(false);
    await t.db.query(`UPDATE datasf_pull SET next_run_at = now() - interval '1 minute'`);
    fake.requests.length = 0;
    expect(await scheduler.runIfDue()).toBe(true);
    expect(fake.requests).toHaveLength(1);
    const state = await pulls.state();
    expect(state).toMatchObject({ state: 'succeeded', message: expect.stringMatching(/^DataSF had no new or changed rows/) });
    expect(Date.parse(state.nextRunAt as string) - Date.parse(state.lastStartedAt as string)).toBe(6 * 3_600_000);

    // A process stopped mid-pull: the row says running, but no one holds the lock.
    await t.db.query(`UPDATE datasf_pull SET state = 'running', next_run_at = now() - interval '1 minute'`);
    expect(await pulls.recoverInterrupted()).toBe(true);
    expect(await pulls.state()).toMatchObject({ state: 'failed', message: 'The pull stopped with the process that ran it (the server or CLI stopped); nothing was stored.' });
    // While a pull holds the lock it is left alone.
    const run = await pulls.begin({ requestedBy: 'holder' });
    expect(await pulls.recoverInterrupted()).toBe(false);
    expect(await scheduler.runIfDue()).toBe(false);
    await run();
  });

  it('the CLI pulls with --since (reports from that day on) and says why a pull failed, with exit code 1', async () => {
    requireBuilt(CLI_MAIN);
    const env = childEnv({
      DATABASE_URL: t.databaseUrl,
      DATABASE_OWNER_URL: t.databaseOwnerUrl,
      PERSON_KEY_SECRET: TEST_PERSON_KEY_SECRET,
      AUDIT_DATASF_PAGE_SIZE: String(PAGE),
      AUDIT_DATASF_ATTEMPTS: '2',
      AUDIT_DATASF_RETRY_BASE_MS: '20',
    });
    fake.requests.length = 0;
    const expected = fake.rows.filter((r) => r.report_datetime >= '2018-12-24T00:00:00').length;
    const pulled = await runCli(['pull', 'datasf', '--since', '2018-12-24', '--no-evaluate'], env);
    expect(pulled.stderr).toMatch(/pull: Pulled [\d,]+ rows in \d pages?: 0 new, 0 updated, [\d,]+ unchanged, 0 rejected\./);
    expect(pulled.code).toBe(0);
    expect(JSON.parse(pulled.stdout)).toMatchObject({ rows: expected, where: `report_datetime >= '2018-12-24T00:00:00'`, batch: { status: 'loaded', unchanged: expected } });
    expect(fake.requests[0].where).toBe(`report_datetime >= '2018-12-24T00:00:00'`);

    // Another address for this pull only, where nothing listens: refused twice, then said.
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const failed = await runCli(['pull', 'datasf', '--base-url', `http://127.0.0.1:${port}`], env);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/DataSF could not be reached: ECONNREFUSED .*\(2 tries\) at page 1; nothing was stored\./);
    expect((await pulls.state()).baseUrl).toBe(fake.baseUrl);

    const help = await runCli(['help'], env);
    expect(help.stdout).toContain('pull datasf [--since YYYY-MM-DD] [--base-url URL] [--no-evaluate]');
  });
});
