import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { CLI_MAIN, REPO_ROOT, requireBuilt } from '../support/paths';
import { childEnv, runCli, tempDir } from '../support/processes';
import { createTestDatabase, type TestDatabase } from '../support/test-postgres';

/** `audit batches` and `audit rejects` (issue 15): the batches and their rejected rows, read from the terminal, on a real database. */
beforeAll(() => requireBuilt(CLI_MAIN));

describe('audit batches and audit rejects', () => {
  let db: TestDatabase;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
    env = childEnv({ DATABASE_URL: db.url, DATABASE_OWNER_URL: db.ownerUrl, PERSON_KEY_SECRET: 'cli-batches-person-key-secret-0123456789abcdef', LOG_LEVEL: 'info' });
    dir = tempDir('cli-batches');
    expect((await runCli(['db:migrate'], env)).code).toBe(0);
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await db?.drop();
  });

  it('help names both commands', async () => {
    const help = await runCli(['help'], env);
    expect(help.stdout).toMatch(/^ {2}batches \[--limit N\] \[--json\]$/m);
    expect(help.stdout).toMatch(/^ {2}rejects <batch> \[--format table\|csv\|json\]$/m);
  });

  it('lists batches newest first with their counts, and prints a batch\'s rejects as a table, CSV or JSON; person keys never appear', async () => {
    const empty = await runCli(['batches'], env);
    expect(empty).toMatchObject({ code: 0, stdout: 'no import batches yet\n' });

    // Real rows: the first 200 of DataSF's December 2018 month, then a file of three persons with two bad rows.
    const month = path.join(REPO_ROOT, 'tests/fixtures/datasf-incidents-2018-12-first-200.csv');
    expect((await runCli(['ingest', 'incidents', month, '--no-evaluate'], env)).code).toBe(0);
    const persons = path.join(dir, 'persons.csv');
    fs.writeFileSync(persons, 'Incident Number,Person Key,Person Role\n180906213,SFP-0001aaaa,victim\n180906213,415-555-1234,witness\n180906213,SFP-0002bbbb,bystander\n');
    const loaded = await runCli(['ingest', 'incident-persons', persons, '--no-evaluate'], env);
    expect(loaded.code).toBe(0);
    const batchId: string = JSON.parse(loaded.stdout).batchId;
    const historical = path.join(REPO_ROOT, 'tests/fixtures/datasf-historical-shape-2018-12.csv');
    expect((await runCli(['ingest', 'incidents', historical], env)).code).toBe(1);

    const table = await runCli(['batches'], env);
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^BATCH\s+KIND\s+FILE\s+STARTED\s+STATUS\s+READ\s+NEW\s+UPDATED\s+UNCHANGED\s+REJECTED$/);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^[0-9a-f]{8}\s+incidents\s+datasf-historical-shape-2018-12\.csv\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\s+refused\s+0\s+0\s+0\s+0\s+0$/);
    expect(lines[2]).toMatch(new RegExp(`^${batchId.slice(0, 8)}\\s+incident-persons\\s+persons\\.csv\\s+.+ UTC\\s+loaded\\s+3\\s+1\\s+0\\s+0\\s+2$`));
    expect(lines[3]).toMatch(/\s+incidents\s+datasf-incidents-2018-12-first-200\.csv\s+.+\s+loaded\s+200\s+200\s+0\s+0\s+0$/);

    const json = await runCli(['batches', '--limit', '1', '--json'], env);
    const records = json.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(records).toEqual([expect.objectContaining({ kind: 'incidents', status: 'refused', refusalReason: expect.stringMatching(/^This is DataSF's "Police Department Incident Reports: Historical 2003 to May 2018"/) })]);

    // By the 8 characters `batches` shows: a table of line, column, value, reason.
    const rejects = await runCli(['rejects', batchId.slice(0, 8)], env);
    expect(rejects.code).toBe(0);
    expect(rejects.stdout).toBe(
      'LINE  COLUMN       VALUE        REASON\n' +
        '3     Person Key                Person Key looks like a phone number; keys must be pseudonymous; the value is not kept\n' +
        '4     Person Role  "bystander"  unknown Person Role "bystander" (one of: victim, witness, reporting party, suspect)\n',
    );
    expect(rejects.stderr).toBe(`rejects: 2 rejected rows of batch ${batchId} (incident-persons, persons.csv, loaded)\n`);

    const csv = await runCli(['rejects', batchId, '--format', 'csv'], env);
    expect(csv.stdout).toBe(
      'line,column,value,reason\n' +
        '3,Person Key,,Person Key looks like a phone number; keys must be pseudonymous; the value is not kept\n' +
        '4,Person Role,bystander,"unknown Person Role ""bystander"" (one of: victim, witness, reporting party, suspect)"\n',
    );
    const asJson = (await runCli(['rejects', batchId, '--format', 'json'], env)).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(asJson).toEqual([
      { line: 3, column: 'Person Key', value: null, reason: 'Person Key looks like a phone number; keys must be pseudonymous; the value is not kept' },
      { line: 4, column: 'Person Role', value: 'bystander', reason: 'unknown Person Role "bystander" (one of: victim, witness, reporting party, suspect)' },
    ]);
    for (const out of [rejects, csv]) expect(out.stdout + out.stderr).not.toContain('415-555-1234');

    // Reading rejects is recorded, as through the API.
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT actor_email, target_id, detail->>'format' AS format FROM audit_log WHERE action = 'import.rejects_read' ORDER BY id`);
      expect(rows.map((r) => r.format)).toEqual(['table', 'csv', 'json']);
      expect(rows[0]).toMatchObject({ target_id: batchId, actor_email: expect.stringMatching(/^cli:/) });
    } finally {
      await client.end();
    }
  }, 240_000);

  it('an incidents load names the codes the catalog does not know, with their rows', async () => {
    // Real December 2018 rows, three recoded to 12075 (two) and 65021 (one), codes DataSF publishes without a category.
    const file = path.join(REPO_ROOT, 'tests/fixtures/datasf-incidents-2018-12-uncategorised.csv');
    const loaded = await runCli(['ingest', 'incidents', file, '--no-evaluate'], env);
    expect(loaded.code).toBe(0);
    expect(loaded.stderr).toContain(
      'ingest: codes not in the incident-code catalog, loaded as given (an admin can describe them on the Incident codes page): 12075 "Military Ordinance" (2 rows), 65021 "Driving, Stunt Vehicle/Street Racing" (1 row)\n',
    );
    // A file whose codes are all known says nothing of the kind.
    const known = await runCli(['ingest', 'incidents', path.join(REPO_ROOT, 'tests/fixtures/datasf-incidents-2018-12-first-200.csv'), '--no-evaluate'], env);
    expect(known.code).toBe(0);
    expect(known.stderr).not.toContain('codes not in the incident-code catalog');
  }, 120_000);

  it.each([
    [['rejects'], /^audit: which batch\? give its id, or its first 8 characters as `audit batches` shows them\n$/],
    [['rejects', '00000000'], /^audit: no import batch 00000000\n$/],
    [['rejects', 'x; DROP TABLE import_batch'], /^audit: which batch\?/],
    [['rejects', '00000000', '--format', 'xml'], /^audit: --format must be one of table, csv, json \(got "xml"\)\n$/],
    [['batches', '--limit', '0'], /^audit: --limit must be from 1 to 500 \(got "0"\)\n$/],
  ])('%j fails with a one-line error', async (args, message) => {
    const result = await runCli(args, env);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });
});
