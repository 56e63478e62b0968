import * as path from 'node:path';
import { CLI_MAIN, REPO_ROOT, requireBuilt } from '../support/paths';
import { childEnv, runCli } from '../support/processes';
import { createTestDatabase } from '../support/test-postgres';

/** The operators' CLI, as `npm run -s audit -- <command>` runs it, against a real database. */
beforeAll(() => requireBuilt(CLI_MAIN));

describe('audit CLI', () => {
  let db: { url: string; drop: () => Promise<void> };
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
    env = childEnv({ DATABASE_URL: db.url });
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

  it('is what `npm run -s audit --` runs', async () => {
    const result = await runCli(['help'], env, '', [process.execPath, path.join(REPO_ROOT, 'tools/audit.cjs')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('users:add --email E');
    expect(result.stdout).toContain('db:migrate');
  });
});
