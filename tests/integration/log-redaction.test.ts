import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { PERSON_HEADER, SHORT_ARREST_HEADER, SHORT_INCIDENT_HEADER, TEST_PERSON_KEY_SECRET } from '../support/ingest-helpers';
import { requireBuilt, SERVER_MAIN } from '../support/paths';
import { childEnv, startServer, stopServer, tempDir, type RunningServer } from '../support/processes';
import { evaluateNow, loadRecords, startRecordsApp } from '../support/records-fixture';
import type { TestApp } from '../support/test-app';

/*
 * Issue 13, Security 3: the server's log never holds what a request carried, even when PostgreSQL fails on it.
 * The built server runs as a real process (what `npm start` runs) on a database holding one flagged case; each
 * request carries a marker no log line may contain. A NUL character is refused with a 400 naming the field before
 * it reaches PostgreSQL; a statement PostgreSQL refuses (a CHECK added here) is logged without its bound values.
 */
const MARKER = `leak-${randomBytes(6).toString('hex')}`;
const ADMIN_PASSWORD = `admin-${MARKER}-pw`;
let t: TestApp;
let server: RunningServer | null = null;
let dataDir = '';
let cookie = '';
let caseId = '';

beforeAll(async () => {
  requireBuilt(SERVER_MAIN);
  t = await startRecordsApp();
  await loadRecords(t, {
    incidents: [SHORT_INCIDENT_HEADER, ['2024-03-05T20:00', '2024-03-05T21:00', 'F100103074', 'F1001', '950000001', '03074', 'Robbery', 'Mission']],
    'incident-persons': [PERSON_HEADER, ['950000001', 'FP-000001', 'victim']],
    arrests: [SHORT_ARREST_HEADER, ['FA-1', '950000001', 'FP-000001', '2024-03-05T22:00', 'SFPD', 'booked', '647(b) PC']],
  });
  await evaluateNow(t);
  [{ id: caseId }] = await t.db.query(`SELECT id FROM flag_case LIMIT 1`);
  // PostgreSQL refuses these, as it would any constraint: the statements carry the marker as bound values.
  await t.ownerQuery(`ALTER TABLE case_review_event ADD CONSTRAINT test_refused_note CHECK (note IS NULL OR note NOT LIKE '%refused%')`);
  await t.ownerQuery(`ALTER TABLE app_user ADD CONSTRAINT test_refused_name CHECK (display_name IS NULL OR display_name NOT LIKE '%refused%')`);
  dataDir = tempDir('logs');
  // Info level: request lines and errors alike are in the log that is searched.
  const env = childEnv({ DATABASE_URL: t.databaseUrl, PERSON_KEY_SECRET: TEST_PERSON_KEY_SECRET, AUDIT_DATA_DIR: dataDir, PORT: '0', AUDIT_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'info' });
  server = await startServer(env);
  const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@localhost', password: ADMIN_PASSWORD }) });
  expect(login.status).toBe(200);
  cookie = login.headers.get('set-cookie')!.split(';')[0];
});

afterAll(async () => {
  if (server) await stopServer(server);
  await t?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

async function send(method: string, path: string, body?: unknown, signedIn = true): Promise<{ status: number; message: string }> {
  const res = await fetch(`${server!.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(signedIn ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => ({}))) as { message?: string | string[] };
  return { status: res.status, message: String(json.message ?? '') };
}

const serverLog = () => server!.stdout() + server!.stderr();

describe('a NUL character in a text field', () => {
  it.each([
    ['a review note', 'PATCH', () => `/api/reviews/${caseId}`, { note: `${MARKER}-note\u0000` }, /^note cannot hold a NUL/],
    ['a new user password', 'POST', () => '/api/users', { email: 'nul@example.org', role: 'viewer', password: `${MARKER}-password\u0000` }, /^password cannot hold a NUL/],
    ['a new password', 'POST', () => '/api/auth/password', { currentPassword: ADMIN_PASSWORD, newPassword: `${MARKER}-new-password\u0000` }, /^newPassword cannot hold a NUL/],
    ['a sign-in email', 'POST', () => '/api/auth/login', { email: `${MARKER}\u0000@example.org`, password: 'whatever-it-is' }, /^email cannot hold a NUL/],
    ['a bulk change nested in a list', 'POST', () => '/api/reviews/bulk', { caseIds: [caseId], note: 'fine', extra: [{ deep: `${MARKER}\u0000` }] }, /^extra\[0\]\.deep cannot hold a NUL/],
    ['a list filter', 'GET', () => `/api/flags?filter=${encodeURIComponent(JSON.stringify({ personKey: `${MARKER}\u0000` }))}`, undefined, /^filter personKey: cannot hold a NUL/],
    ['a dashboard parameter', 'GET', () => `/api/dashboard?agency=${MARKER}%00`, undefined, /^query parameter agency cannot hold a NUL/],
    ['a path', 'GET', () => `/api/reviews/abc%00`, undefined, /^the path cannot hold a NUL/],
  ])('in %s gets a 400 naming the field', async (_what, method, path, body, message) => {
    const res = await send(method, path(), body, !path().startsWith('/api/auth/login'));
    expect(res).toEqual({ status: 400, message: expect.stringMatching(message) });
  });
});

describe('a statement PostgreSQL refuses', () => {
  it('is logged with its error and constraint, without the statement or its values', async () => {
    expect((await send('PATCH', `/api/reviews/${caseId}`, { note: `${MARKER} refused note` })).status).toBe(500);
    expect((await send('POST', '/api/users', { email: 'refused@example.org', role: 'viewer', password: `${MARKER}-password-1`, displayName: `${MARKER} refused` })).status).toBe(500);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the log is written asynchronously
    const log = serverLog();
    expect(log).toMatch(/"constraint":"test_refused_note"/);
    expect(log).toMatch(/"constraint":"test_refused_name"/);
    expect(log).not.toMatch(/Failing row contains/);
    expect(log).not.toMatch(/INSERT INTO|UPDATE "?app_user/i);
  });
});

describe('the server log, after all of the above', () => {
  it('never holds a value sent nor a password hash', async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const log = serverLog();
    expect(log).toMatch(/"msg":"request (completed|errored)"/); // the log was written and searched
    expect(log).not.toContain(MARKER);
    expect(log).not.toContain('$argon2');
    expect(log).not.toContain('FP-000001');
  });
});
