import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { CLI_MAIN, REPO_ROOT, requireBuilt } from '../support/paths';
import { childEnv, runCli, tempDir } from '../support/processes';
import { createTestDatabase, type TestDatabase } from '../support/test-postgres';

/** The operators' CLI, as `npm run -s audit -- <command>` runs it, against a real database. */
beforeAll(() => requireBuilt(CLI_MAIN));

describe('audit CLI', () => {
  let db: TestDatabase;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
    env = childEnv({ DATABASE_URL: db.url, DATABASE_OWNER_URL: db.ownerUrl });
  });
  afterAll(async () => db?.drop());

  it('db:status reports pending migrations on an empty database, db:migrate applies them once', async () => {
    const before = await runCli(['db:status'], env);
    expect(before.code).toBe(0);
    const status = JSON.parse(before.stdout);
    expect(status.database).toBe('external');
    expect(status.migrations.applied).toEqual([]);
    expect(status.migrations.pending.length).toBeGreaterThan(0);

    const migrate = await runCli(['db:migrate'], env);
    expect(migrate.code).toBe(0);
    expect(JSON.parse(migrate.stdout)).toMatchObject({ applied: status.migrations.pending, pending: 0 });

    const again = await runCli(['db:migrate'], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ applied: [], pending: 0 });
  });

  it('users:add reads the password from stdin; users:list shows the user', async () => {
    const add = await runCli(['users:add', '--email', 'Rev@Example.org', '--role', 'reviewer', '--name', 'Rae Viewer'], env, 'a-very-long-password\n');
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({ email: 'rev@example.org', role: 'reviewer' });

    const table = await runCli(['users:list'], env);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^EMAIL\s+ROLE\s+ACTIVE\s+LAST SIGN-IN$/);
    expect(table.stdout).toMatch(/rev@example\.org\s+reviewer\s+yes\s+never/);

    const json = await runCli(['users:list', '--json'], env);
    const users = json.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(users).toEqual([expect.objectContaining({ email: 'rev@example.org', displayName: 'Rae Viewer', role: 'reviewer', active: true })]);
    expect(json.stdout).not.toMatch(/argon2|password/i);
  });

  it('users:set-password sets a new password read from stdin', async () => {
    const set = await runCli(['users:set-password', '--email', 'REV@example.org'], env, 'another-long-password\n');
    expect(set.stderr).toBe('');
    expect(JSON.parse(set.stdout)).toMatchObject({ email: 'rev@example.org', passwordSet: true });
    const missing = await runCli(['users:set-password', '--email', 'nobody@example.org'], env, 'another-long-password\n');
    expect(missing.stderr).toBe('audit: no user with the email nobody@example.org\n');
  });

  it.each([
    [['users:add', '--email', 'x@example.org', '--role', 'boss'], 'a-very-long-password', /^audit: --role must be one of admin, analyst, reviewer, viewer\n$/],
    [['users:add', '--email', 'x@example.org', '--role', 'viewer'], 'short', /^audit: the password \(read from standard input\) must be at least 12 characters\n$/],
    [['users:add', '--email', 'not-an-email', '--role', 'viewer'], 'a-very-long-password', /^audit: --email must be an email address\n$/],
    [['users:add', '--email', 'REV@example.org', '--role', 'viewer'], 'a-very-long-password', /^audit: A user with the email rev@example.org already exists\n$/],
    [['users:list', '--colour'], '', /^audit: Unknown option '--colour'.*usage: users:list \[--json\]\n$/],
    [['frobnicate'], '', /^audit: unknown command "frobnicate"/],
  ])('%j fails with a one-line error and a non-zero exit', async (args, stdin, message) => {
    const result = await runCli(args, env, stdin);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('evaluate --full prints its summary; flags prints the current flags as CSV or JSON; a bad format is refused', async () => {
    const dir = tempDir('cli-evaluate');
    try {
      expect((await runCli(['generate', '--out', dir, '--incidents', '6000', '--seed', 'cli-evaluate'], env)).code).toBe(0);
      for (const kind of ['incidents', 'incident-persons', 'arrests', 'da-decisions']) {
        const loaded = await runCli(['ingest', kind, path.join(dir, `${kind}.csv`), '--no-evaluate'], { ...env, PERSON_KEY_SECRET: 'cli-test-person-key-secret-0123456789abcdef' });
        expect(loaded.code).toBe(0);
        expect(JSON.parse(loaded.stdout).evaluation).toBeUndefined();
      }
      const expectedCount = fs.readFileSync(path.join(dir, 'expected-flags.csv'), 'utf8').trimEnd().split('\n').length - 1;
      const pending = await runCli(['evaluate'], env);
      expect(pending.code).toBe(0);
      expect(JSON.parse(pending.stdout)).toMatchObject({ batchesEvaluated: 4 });
      const full = await runCli(['evaluate', '--full'], env);
      expect(full.code).toBe(0);
      expect(JSON.parse(full.stdout)).toMatchObject({ scope: 'full', flagsNew: 0, flagsWithdrawn: 0, flagsCurrent: expectedCount });
      expect(JSON.parse((await runCli(['evaluate'], env)).stdout)).toMatchObject({ batchesEvaluated: 0 });

      const asCsv = await runCli(['flags', '--format', 'csv'], env);
      expect(asCsv.code).toBe(0);
      const lines = asCsv.stdout.trimEnd().split('\n');
      expect(lines[0]).toBe('flag_id,rule_id,rule_version,confidence,nexus,agency,report_incident_number,person_key,action_type,action_id,action_datetime,protected_charges,reasons,status,sentence');
      expect(lines).toHaveLength(expectedCount + 1);
      const asJson = JSON.parse((await runCli(['flags', '--format', 'json'], env)).stdout);
      expect(asJson).toHaveLength(expectedCount);
      expect(asJson[0]).toMatchObject({ rule_version: 1, status: 'current' });

      // Without --no-evaluate, a load evaluates the people it touched and says so.
      const reloaded = await runCli(['ingest', 'arrests', path.join(dir, 'arrests.csv')], { ...env, PERSON_KEY_SECRET: 'cli-test-person-key-secret-0123456789abcdef' });
      expect(JSON.parse(reloaded.stdout)).toMatchObject({ status: 'loaded', evaluation: { trigger: 'ingest', scope: 'batch', flagsNew: 0, flagsWithdrawn: 0, flagsCurrent: expectedCount } });

      const bad = await runCli(['flags', '--format', 'xml'], env);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/--format must be one of csv, json/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 360_000); // twelve CLI processes, each starting Node and Nest: slow on a loaded machine

  it('ingest --dry-run prints what the load would do and stores nothing; a load prints its counts, updates included, and what its evaluation did', async () => {
    const dir = tempDir('cli-dry-run');
    const keyEnv = { ...env, PERSON_KEY_SECRET: 'cli-test-person-key-secret-0123456789abcdef' };
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const counts = async () => {
      const { rows } = await client.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
      const out: Record<string, number> = {};
      for (const { name } of rows) out[name] = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${name}"`)).rows[0].n;
      return out;
    };
    try {
      const header = 'arrest_id,incident_number,person_key,arrest_datetime,arresting_agency,custody_type,booked_charges_statute';
      const first = path.join(dir, 'first.csv');
      fs.writeFileSync(first, `${header}\nQ9000001,990000001,SFP-cliq0001,2024-03-09T23:40,SFPD,booked,459 PC\nQ9000002,990000002,SFP-cliq0002,2024-03-10T10:00,SFPD,booked,459 PC\n`);
      const before = await counts();
      const dry = await runCli(['ingest', 'arrests', first, '--dry-run'], keyEnv);
      expect(dry.code).toBe(0);
      expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, status: 'preview', rowsRead: 2, inserted: 2, updated: 0, unchanged: 0, rejected: 0, changes: [], rejects: [] });
      expect(dry.stderr).toContain('ingest (dry run, nothing stored): the load would make 2 new, 0 updated, 0 unchanged, 0 rejected records');
      expect(await counts()).toEqual(before);

      expect((await runCli(['ingest', 'arrests', first, '--no-evaluate'], keyEnv)).code).toBe(0);
      const correction = path.join(dir, 'correction.csv');
      fs.writeFileSync(correction, `${header}\nQ9000001,990000001,SFP-cliq0001,2024-03-09T23:40,SFPD,cited,459 PC\nQ9000003,990000003,SFP-cliq0003,never,SFPD,booked,459 PC\n`);
      const stored = await counts();
      const dryCorrection = await runCli(['ingest', 'arrests', correction, '--dry-run'], keyEnv);
      expect(JSON.parse(dryCorrection.stdout)).toMatchObject({
        status: 'preview',
        inserted: 0,
        updated: 1,
        rejected: 1,
        changes: [{ line: 2, key: { arrest_id: 'Q9000001' }, changes: [{ column: 'custody_type', from: 'booked', to: 'cited' }] }],
        rejects: [{ line: 3, column: 'arrest_datetime', value: 'never' }],
      });
      expect(dryCorrection.stdout).not.toContain('SFP-cliq');
      expect(await counts()).toEqual(stored);

      // Without --dry-run the CLI loads (analysts script it: no question asked) and says how many records it updated.
      const loaded = await runCli(['ingest', 'arrests', correction], keyEnv);
      expect(loaded.code).toBe(0);
      expect(loaded.stderr).toContain('ingest: 0 new, 1 updated, 0 unchanged, 1 rejected records');
      const out = JSON.parse(loaded.stdout);
      // Nobody in these arrests reported anything: the evaluation looked at their people only, who have no case and no
      // flag, so nothing is new, changed, withdrawn or unchanged; the city's other flags stay current.
      const none = { new: 0, changed: 0, withdrawn: 0, unchanged: 0 };
      expect(out).toMatchObject({ status: 'loaded', updated: 1, evaluation: { scope: 'batch', outcome: { state: 'done', flags: none, cases: none } } });
      expect(out.evaluation.outcome.flags.current).toBeGreaterThan(0);
      expect(loaded.stderr).toContain('evaluate: cases 0 new, 0 changed, 0 withdrawn, 0 unchanged');
      expect(loaded.stderr).toContain('evaluate: flags 0 new, 0 changed, 0 withdrawn, 0 unchanged');
    } finally {
      await client.end();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is what `npm run -s audit --` runs', async () => {
    const result = await runCli(['help'], env, '', [process.execPath, path.join(REPO_ROOT, 'tools/audit.cjs')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('users:add --email E');
    expect(result.stdout).toContain('db:migrate');
  });
});

describe('audit generate', () => {
  const files = ['incidents.csv', 'incident-persons.csv', 'arrests.csv', 'da-decisions.csv', 'expected-flags.csv', 'manifest.json'];
  // No database: it must work with nothing configured.
  const env = childEnv({ AUDIT_DATA_DIR: '/nonexistent/never-used' });

  it('writes the four import files, the expected flags and a manifest, reproducibly', async () => {
    const a = tempDir('gen-a');
    const b = tempDir('gen-b');
    const args = ['--incidents', '2000', '--seed', 'cli', '--from', '2019-01', '--to', '2020-06'];
    const first = await runCli(['generate', '--out', a, ...args], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary.counts['incidents.csv']).toBe(2000);
    expect((await runCli(['generate', '--out', b, ...args], env)).code).toBe(0);
    expect(fs.readdirSync(a).sort()).toEqual([...files].sort());
    for (const f of files) expect(fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(b, f)))).toBe(true);
    const manifest = JSON.parse(fs.readFileSync(path.join(a, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ seed: 'cli', parameters: { incidents: 2000, from: '2019-01', to: '2020-06' } });
    const lines = fs.readFileSync(path.join(a, 'incidents.csv'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2001);
    expect(lines[1]).toMatch(/^2019\/01\/01 /);
    expect(lines[lines.length - 1]).toMatch(/^2020\/06\/30 /);
  });

  it.each([
    [['generate'], /^audit: --out DIR is required\n$/],
    [['generate', '--out', '/tmp/x', '--incidents', 'many'], /^audit: --incidents must be a whole number \(got "many"\)\n$/],
    [['generate', '--out', '/tmp/x', '--from', '2020-02', '--to', '2019-01'], /^audit: --to \(2019-01\) is before --from \(2020-02\)\n$/],
  ])('%j fails with a one-line error', async (args, message) => {
    const result = await runCli(args, env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
  });
});
