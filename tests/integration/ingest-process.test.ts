import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { CLI_MAIN, requireBuilt } from '../support/paths';
import { childEnv, runCli, startServer, stopServer, tempDir } from '../support/processes';
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
    expect(result.stderr).toMatch(/^audit: the file arrests.csv was refused: This looks like a file of arrests and citations/);
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

/**
 * An incidents file of about `megabytes` MB whose third line opens a quote in "Incident Subcategory" that nothing
 * closes: every later line becomes part of that one value. No other line holds a quote.
 */
function writeUnclosedQuoteFile(file: string, megabytes: number): void {
  const header = 'Incident Datetime,Report Datetime,Row ID,Incident ID,Incident Number,Incident Code,Incident Category,Incident Subcategory,Police District';
  const row = (i: number, sub = 'Robbery - Other') => `2024/03/09 10:40:00 PM,2024/03/09 11:05:00 PM,${9_000_000_000 + i},${900_000 + i},${900_000_000 + i},03074,Robbery,${sub},Mission`;
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, `${header}\n${row(1)}\n${row(2, '"Robbery - Other')}\n`);
    let written = 0;
    for (let i = 3; written < megabytes * 1e6; i += 1000) {
      const block = Array.from({ length: 1000 }, (_, k) => row(i + k)).join('\n') + '\n';
      fs.writeSync(fd, block);
      written += block.length;
    }
  } finally {
    fs.closeSync(fd);
  }
}

// What the refusal says, worked out from the file above and the documented limit of 64 KiB a value.
const UNCLOSED_QUOTE_REFUSAL =
  'Line 3, column "Incident Subcategory": a value is longer than 65,536 bytes (64 KiB), the most one value may hold. ' +
  'The quote (") opened on line 3 in column "Incident Subcategory" is still open after 65,536 bytes (64 KiB): it is probably never closed. Nothing was stored.';

describe('a 20 MB file with one quote never closed near its start', () => {
  let bad: string;
  beforeAll(() => {
    bad = path.join(files, 'unclosed-quote.csv');
    writeUnclosedQuoteFile(bad, 20);
  });

  it('the CLI refuses it, naming the line and column where the quote opened, and records the refusal', async () => {
    const result = await runCli(['ingest', 'incidents', bad], env);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'refused', fileName: 'unclosed-quote.csv', line: 3, column: 'Incident Subcategory', reason: UNCLOSED_QUOTE_REFUSAL });
    expect(result.stderr).toBe(`audit: the file unclosed-quote.csv was refused: ${UNCLOSED_QUOTE_REFUSAL}\n`);
    expect(await count(`SELECT count(*) AS n FROM import_batch WHERE file_name = 'unclosed-quote.csv' AND source = 'cli' AND status = 'refused' AND refusal_line = 3 AND refusal_column = 'Incident Subcategory'`)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM incident_report_row WHERE row_id LIKE '90000%'`)).toBe(0);
  });

  it('an upload of it gets its answer (422, refused, with the line and column), and the refusal is recorded', async () => {
    const analyst = await runCli(['users:add', '--email', 'uploader@example.org', '--role', 'analyst'], env, 'an-analyst-password-for-uploads\n');
    expect(analyst.code).toBe(0);
    const server = await startServer({ ...env, PORT: '0' });
    try {
      const headers = { origin: server.url };
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'uploader@example.org', password: 'an-analyst-password-for-uploads' }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0];
      const form = new FormData();
      form.append('file', new Blob([fs.readFileSync(bad)], { type: 'text/csv' }), 'unclosed-quote.csv');
      const res = await fetch(`${server.url}/api/ingest/incidents`, { method: 'POST', headers: { ...headers, cookie }, body: form });
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({ status: 'refused', fileName: 'unclosed-quote.csv', line: 3, column: 'Incident Subcategory', reason: UNCLOSED_QUOTE_REFUSAL });
      expect(await count(`SELECT count(*) AS n FROM import_batch WHERE file_name = 'unclosed-quote.csv' AND source = 'http' AND status = 'refused' AND refusal_line = 3 AND refusal_column = 'Incident Subcategory'`)).toBe(1);
    } finally {
      await stopServer(server);
    }
  });
});
