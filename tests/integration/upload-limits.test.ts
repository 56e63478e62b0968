import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { Client } from 'pg';
import { csv, SHORT_ARREST_HEADER, SHORT_INCIDENT_HEADER, TEST_PERSON_KEY_SECRET } from '../support/ingest-helpers';
import { requireBuilt, SERVER_MAIN } from '../support/paths';
import { childEnv, startServer, stopServer, tempDir, type RunningServer } from '../support/processes';
import { startRecordsApp } from '../support/records-fixture';
import { TEST_PASSWORD, type TestApp } from '../support/test-app';

/*
 * Issue 13, Security 4: uploads cannot exhaust the database's connections. The built server runs as a real process
 * with small limits (2 uploads per user, 3 in all, a body silent for 2 s or unfinished after 30 s is ended). One
 * analyst opens 20 slow uploads as raw HTTP requests (the multipart header, then a trickle): 2 run, each on one
 * connection, the other 18 get 429 with Retry-After; a viewer's dashboard answers meanwhile; a stalled upload and a
 * too slow one are ended by the server with their message, rolled back and recorded; a client that goes away frees
 * its slot and connection; afterwards no load connection is left and uploads run again.
 */
let t: TestApp;
let server: RunningServer | null = null;
let dataDir = '';
const cookies: Record<'analyst' | 'analyst2' | 'viewer', string> = { analyst: '', analyst2: '', viewer: '' };
const INGEST_APP = 'safe-reporting-audit ingest';
const IDLE_SECONDS = 2;
const MAX_SECONDS = 30;

const ROW = ['2024-03-05T20:00', '2024-03-05T21:00', 'F100103074', 'F1001', '950000001', '03074', 'Robbery', 'Mission'];
const INCIDENTS_FILE = csv([SHORT_INCIDENT_HEADER, ROW]);

beforeAll(async () => {
  requireBuilt(SERVER_MAIN);
  t = await startRecordsApp();
  for (const role of ['analyst', 'analyst2', 'viewer'] as const) await t.createUser(role === 'analyst2' ? 'analyst' : role, `${role}@example.org`, TEST_PASSWORD);
  dataDir = tempDir('uploads');
  const env = childEnv({
    DATABASE_URL: t.databaseUrl,
    PERSON_KEY_SECRET: TEST_PERSON_KEY_SECRET,
    AUDIT_DATA_DIR: dataDir,
    PORT: '0',
    AUDIT_UPLOADS_PER_USER: '2',
    AUDIT_UPLOADS_MAX: '3',
    // Wide enough that a test process starved of CPU on a loaded machine still trickles within them.
    AUDIT_UPLOAD_IDLE_SECONDS: String(IDLE_SECONDS),
    AUDIT_UPLOAD_MAX_SECONDS: String(MAX_SECONDS),
  });
  server = await startServer(env);
  for (const who of Object.keys(cookies) as Array<keyof typeof cookies>) {
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: origin() },
      body: JSON.stringify({ email: `${who}@example.org`, password: TEST_PASSWORD }),
    });
    expect(login.status).toBe(200);
    cookies[who] = login.headers.get('set-cookie')!.split(';')[0];
  }
});

afterAll(async () => {
  for (const upload of open) upload.destroy();
  if (server) await stopServer(server);
  await t?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const origin = () => new URL(server!.url).origin;

interface Answer {
  status: number;
  retryAfter: string | undefined;
  body: { message?: string; batchId?: string; status?: string };
}

/** An upload sent by hand: the multipart header and the start of the file at once, the rest when the test says. */
interface SlowUpload {
  answer: Promise<Answer>;
  answered: boolean;
  send(text: string): void;
  /** Sends the rest of the file and the closing boundary. */
  finish(text: string): void;
  /** Sends a byte of the file every `ms` until the server answers. */
  trickle(ms: number): void;
  stopTrickling(): void;
  destroy(): void;
}

const open: SlowUpload[] = [];

function openUpload(as: keyof typeof cookies, kind: string, start: string, query = ''): SlowUpload {
  const boundary = `sra-${randomBytes(8).toString('hex')}`;
  const req = http.request(`${server!.url}/api/ingest/${kind}${query}`, {
    method: 'POST',
    headers: { cookie: cookies[as], origin: origin(), 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  let timer: NodeJS.Timeout | null = null;
  // Once answered, the server may close the connection under a write: that is not the test's concern.
  req.on('error', () => undefined);
  const upload: SlowUpload = {
    answered: false,
    answer: new Promise<Answer>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => {
          upload.answered = true;
          upload.stopTrickling();
          resolve({ status: res.statusCode!, retryAfter: res.headers['retry-after'], body: text ? JSON.parse(text) : {} });
        });
        res.on('error', reject);
      });
      req.on('close', () => {
        if (!upload.answered) reject(new Error('the connection closed without an answer'));
      });
    }),
    send: (text) => void req.write(text),
    finish: (text) => {
      upload.stopTrickling();
      req.end(`${text}\r\n--${boundary}--\r\n`);
    },
    trickle: (ms) => {
      timer = setInterval(() => req.write('9'), ms);
    },
    stopTrickling: () => {
      if (timer) clearInterval(timer);
      timer = null;
    },
    destroy: () => {
      upload.stopTrickling();
      req.destroy();
    },
  };
  upload.answer.catch(() => undefined);
  req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${kind}.csv"\r\nContent-Type: text/csv\r\n\r\n${start}`);
  open.push(upload);
  return upload;
}

/** Load connections open on the test database now. */
async function loadConnections(): Promise<number> {
  const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`, [INGEST_APP]);
  return n;
}

/** Waits until `check` holds (polled), failing with what it last saw. */
async function until<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string): Promise<T> {
  let last: T | undefined;
  for (let i = 0; i < 300; i++) {
    last = await read();
    if (check(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what}: still ${JSON.stringify(last)}`);
}

async function get(path: string, as: keyof typeof cookies): Promise<number> {
  return (await fetch(`${server!.url}${path}`, { headers: { cookie: cookies[as] } })).status;
}

/** A whole upload at once, as the web page sends it. */
async function upload(as: keyof typeof cookies, kind: string, content: string, query = ''): Promise<Answer> {
  const form = new FormData();
  form.append('file', new Blob([content], { type: 'text/csv' }), `${kind}.csv`);
  const res = await fetch(`${server!.url}/api/ingest/${kind}${query}`, { method: 'POST', headers: { cookie: cookies[as], origin: origin() }, body: form });
  return { status: res.status, retryAfter: res.headers.get('retry-after') ?? undefined, body: await res.json() };
}

describe('twenty slow uploads from one analyst', () => {
  let running: SlowUpload[] = [];

  it('run two, each on one load connection, and refuse the other eighteen with 429 and Retry-After', async () => {
    // Each sends the header row, then a byte now and then (more often than the idle limit): slow, not stalled.
    const uploads = Array.from({ length: 20 }, () => openUpload('analyst', 'incidents', `${SHORT_INCIDENT_HEADER.join(',')}\n`));
    for (const u of uploads) u.trickle(200);
    const refused = await until(
      async () => uploads.filter((u) => u.answered),
      (answered) => answered.length >= 18,
      'uploads answered',
    );
    expect(refused).toHaveLength(18);
    for (const u of refused) {
      const answer = await u.answer;
      expect(answer.status).toBe(429);
      expect(answer.retryAfter).toBe('10');
      expect(answer.body.message).toMatch(/^You already have 2 uploads \(previews included\) in progress, the most one user may run at once \(AUDIT_UPLOADS_PER_USER\); nothing of this one was read or stored/);
    }
    running = uploads.filter((u) => !u.answered);
    expect(running).toHaveLength(2);
    // Both loads have their connection (one may wait for the other's turn on the incidents): never more.
    expect(await until(loadConnections, (n) => n >= 2, 'load connections')).toBe(2);
  });

  it('leave a viewer reading the dashboard meanwhile', async () => {
    expect(await get('/api/dashboard', 'viewer')).toBe(200);
    expect(await get('/api/health', 'viewer')).toBe(200);
    expect(running.filter((u) => u.answered)).toHaveLength(0); // the two still hold their places
  });

  it('leave room for another analyst up to the overall cap, then refuse with 429', async () => {
    const theirs = openUpload('analyst2', 'arrests', `${SHORT_ARREST_HEADER.join(',')}\n`);
    theirs.trickle(200);
    expect(await until(loadConnections, (n) => n >= 3, 'load connections')).toBe(3);
    const over = await upload('analyst2', 'arrests', csv([SHORT_ARREST_HEADER]), '?dryRun=true');
    expect(over.status).toBe(429);
    expect(over.retryAfter).toBe('10');
    expect(over.body.message).toMatch(/^The server is already taking 3 uploads, the most it runs at once \(AUDIT_UPLOADS_MAX\); nothing of this one was read/);
    // It goes away mid-file: its load is rolled back and its connection closed.
    theirs.destroy();
    expect(await until(loadConnections, (n) => n <= 2, 'load connections')).toBe(2);
  });

  it('end a stalled upload with 408 and its reason, rolled back, recorded as refused', async () => {
    const [stalled, slow] = running;
    stalled.stopTrickling();
    const answer = await stalled.answer;
    expect(answer.status).toBe(408);
    expect(answer.body.message).toBe(
      'The upload stalled: no data arrived for 2 seconds (AUDIT_UPLOAD_IDLE_SECONDS), so the server ended it and nothing of the file was loaded. Send the file again.',
    );
    const [batch] = await t.db.query(`SELECT status, refusal_reason AS reason, loaded_by FROM import_batch WHERE id = $1`, [answer.body.batchId]);
    expect(batch).toEqual({ status: 'refused', reason: answer.body.message, loaded_by: 'analyst@example.org' });
    // The other one trickles on until its time is up.
    const late = await slow.answer;
    expect(late.status).toBe(408);
    expect(late.body.message).toMatch(/^The upload took longer than 30 seconds to send \(AUDIT_UPLOAD_MAX_SECONDS\), so the server ended it/);
  });

  it('leave no load connection behind, nothing half stored, and every slot free again', async () => {
    expect(await until(loadConnections, (n) => n === 0, 'load connections')).toBe(0);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM incident_report_row`);
    expect(n).toBe(0);
    const refusedBatches: Array<{ reason: string }> = await t.db.query(`SELECT refusal_reason AS reason FROM import_batch WHERE status = 'refused' ORDER BY refusal_reason`);
    expect(refusedBatches.map((b) => b.reason)).toEqual([
      expect.stringMatching(/^The connection closed before the whole file arrived/),
      expect.stringMatching(/^The upload stalled/),
      expect.stringMatching(/^The upload took longer than 30 seconds/),
    ]);
    // Both of the analyst's places are free: a preview and a load at once.
    const [preview, loaded] = await Promise.all([upload('analyst', 'incidents', INCIDENTS_FILE, '?dryRun=true'), upload('analyst', 'arrests', csv([SHORT_ARREST_HEADER, ['FA-1', '950000001', 'FP-000001', '2024-03-05T22:00', 'SFPD', 'booked', '647(b) PC']]))]);
    expect([preview.status, preview.body.status]).toEqual([200, 'preview']);
    expect([loaded.status, loaded.body.status]).toEqual([200, 'loaded']);
    const slow = openUpload('analyst', 'incidents', `${SHORT_INCIDENT_HEADER.join(',')}\n`);
    slow.finish(ROW.join(','));
    expect(await slow.answer).toMatchObject({ status: 200, body: { status: 'loaded' } });
    expect(await until(loadConnections, (n) => n === 0, 'load connections')).toBe(0);
  });
});

describe('an upload waiting for its turn behind another of the same kind', () => {
  it('is ended when it stalls, and answered once the load before it has finished, the server still up', async () => {
    const decisions = 'decision_id,incident_number,person_key,da_action_taken,action_date,arrest_id,list_of_filed_charges\n';
    // A load of the same kind holds the turn: here the test itself holds that load's lock (a transaction's advisory
    // lock on the kind), so how long it holds it does not depend on a client trickling bytes on a busy machine.
    const holder = new Client({ connectionString: t.databaseUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['sra-ingest:da-decisions']);
      const waiting = openUpload('analyst', 'da-decisions', decisions);
      expect(await until(loadConnections, (n) => n >= 1, 'load connections')).toBe(1);
      // It stalls while it waits (its load is not reading yet, but the server would take what came): past its idle
      // limit it is ended then and there, and its load learns it when its turn comes, not before.
      await new Promise((resolve) => setTimeout(resolve, (IDLE_SECONDS + 2) * 1000));
      expect(waiting.answered).toBe(false);
      await holder.query('COMMIT');
      const answer = await waiting.answer;
      expect(answer.status).toBe(408);
      expect(answer.body.message).toMatch(/^The upload stalled/);
    } finally {
      await holder.end();
    }
    expect(await get('/api/health', 'viewer')).toBe(200);
    expect(await until(loadConnections, (n) => n === 0, 'load connections')).toBe(0);
  });
});

describe("Node's own request timeout", () => {
  it('comes after the upload time limit, so that the upload is ended by the limit that says why and records it', () => {
    // The in-process app runs with the default limit of 900 s; Node's default would end a request after 300 s.
    expect((t.app.getHttpServer() as http.Server).requestTimeout).toBe(960_000);
  });
});
