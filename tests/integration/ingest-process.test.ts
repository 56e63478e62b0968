import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { CLI_MAIN, requireBuilt } from '../support/paths';
import { childEnv, runCli, tempDir } from '../support/processes';
import { createTestDatabase } from '../support/test-postgres';

/** `audit ingest` as a real process: its output, its exit codes, and a crash in the middle of a large load. */
beforeAll(() => requireBuilt(CLI_MAIN));

let db: { url: string; drop: () => Promise<void> };
let env: NodeJS.ProcessEnv;
let files: string;

async function count(sql: string): Promise<number> {
  const c = new Client({ connectionString: db.url });
  await c.connect();
  try {
    return Number((await c.query(sql)).rows[0].n);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  env = childEnv({ DATABASE_URL: db.url, PERSON_KEY_SECRET: 'process-test-person-key-secret-0123456789' });
  files = tempDir('ingest-files');
  const gen = await runCli(['generate', '--out', files, '--incidents', '300000', '--seed', 'crash'], env);
  expect(gen.code).toBe(0);
});
afterAll(async () => {
  await db?.drop();
  if (files) fs.rmSync(files, { recursive: true, force: true });
});

describe('audit ingest', () => {
  it('prints one JSON line and exits 0 when the batch lands, rejected rows included', async () => {
    const result = await runCli(['ingest', 'arrests', path.join(files, 'arrests.csv')], env);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ kind: 'arrests', fileName: 'arrests.csv', status: 'loaded', rejected: 0 });
    expect(summary.inserted).toBe(fs.readFileSync(path.join(files, 'arrests.csv'), 'utf8').trim().split('\n').length - 1);
    expect(summary.batchId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('exits non-zero with the reason on stderr when the file is refused whole', async () => {
    const result = await runCli(['ingest', 'incident-persons', path.join(files, 'arrests.csv')], env);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'refused' });
    expect(result.stderr).toMatch(/^audit: the file was refused: This looks like a file of arrests and citations/);
  });

  it.each([
    [['ingest', 'tickets', 'x.csv'], /^audit: the kind must be one of incidents, incident-persons, arrests, da-decisions \(got "tickets"\)\n$/],
    [['ingest', 'incidents'], /^audit: which file\? usage: ingest <kind> <file>\n$/],
    [['ingest', 'incidents', '/nonexistent/file.csv'], /^audit: cannot read \/nonexistent\/file.csv: no such file\n$/],
  ])('%j fails with a one-line usage error', async (args, message) => {
    const result = await runCli(args, env);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
  });

  it('leaves no partial batch when killed in the middle of a large load, and the next load gets the right counts', async () => {
    const file = path.join(files, 'incidents.csv');
    const child = spawn(process.execPath, [CLI_MAIN, 'ingest', 'incidents', file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the load did not reach its checking step within 60 s: ${stderr}`)), 60_000);
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString();
        if (/rows read; checking them/.test(stderr)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`the load finished before it could be killed: ${stderr}`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    // The server side of the killed connection rolls back; give it a moment to notice.
    for (let i = 0; i < 50 && (await count(`SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'safe-reporting-audit ingest'`)) > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await count(`SELECT count(*) AS n FROM import_batch WHERE kind = 'incidents'`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM incident_report_row`)).toBe(0);

    const again = await runCli(['ingest', 'incidents', file], env);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'loaded', rowsRead: 300_000, inserted: 300_000, rejected: 0 });
    expect(await count(`SELECT count(*) AS n FROM incident_report_row`)).toBe(300_000);
  });
});
