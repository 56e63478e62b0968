import { loadFiveReportCity } from '../support/five-report-city';
import { csv, ingest, SHORT_INCIDENT_HEADER } from '../support/ingest-helpers';
import { evaluateNow, startRecordsApp } from '../support/records-fixture';
import type { TestApp } from '../support/test-app';

/*
 * Issue 13, security 9: what a reader of case-level data did is in the audit log (which rejects, which edition of a
 * report, which cases a bulk change reached), and no case-level answer may be kept by a browser or proxy cache.
 */
type Agent = Awaited<ReturnType<TestApp['signedIn']>>;
let t: TestApp;
let admin: Agent;
let reviewer: Agent;
let rejectBatchId: string;

interface Entry {
  action: string;
  actor_email: string;
  target_type: string | null;
  target_id: string | null;
  detail: Record<string, unknown> | null;
}
const entries = (action: string): Promise<Entry[]> =>
  t.db.query(`SELECT action, actor_email, target_type, target_id, detail FROM audit_log WHERE action = $1 ORDER BY id`, [action]);

beforeAll(async () => {
  t = await startRecordsApp();
  await loadFiveReportCity(t);
  await evaluateNow(t);
  // One good row and one with a date that does not exist: a batch with one reject.
  const batch = await ingest(
    t,
    'incidents',
    csv([
      SHORT_INCIDENT_HEADER,
      ['2024-06-01T10:00', '2024-06-01T11:00', 'R-OK', 'I-OK', '970000001', '03074', 'Robbery', 'Mission'],
      ['2024-06-31T10:00', '2024-06-31T11:00', 'R-BAD', 'I-BAD', '970000002', '03074', 'Robbery', 'Mission'],
    ]),
    'with-a-reject.csv',
  );
  expect(batch.rejected).toBe(1);
  rejectBatchId = batch.batchId;
  admin = await t.signedIn('admin', 'reader-admin@example.org');
  reviewer = await t.signedIn('reviewer', 'reader-reviewer@example.org');
});
afterAll(async () => t?.close());

describe('reads that the audit log records', () => {
  it('a read of an import\'s rejected rows, as a page or as CSV, with the batch', async () => {
    await admin.get('/api/import-rejects').query({ filter: JSON.stringify({ batchId: rejectBatchId }) }).expect(200);
    await admin.get(`/api/import-batches/${rejectBatchId}/rejects.csv`).expect(200);
    const reads = await entries('import.rejects_read');
    expect(reads).toEqual([
      { action: 'import.rejects_read', actor_email: 'reader-admin@example.org', target_type: 'ImportRejects', target_id: null, detail: { filter: { batchId: rejectBatchId }, range: null } },
      { action: 'import.rejects_read', actor_email: 'reader-admin@example.org', target_type: 'ImportRejects', target_id: rejectBatchId, detail: { format: 'csv' } },
    ]);
  });

  it('a read of a report names the edition read: the page, and each file', async () => {
    const report = (await admin.post('/api/reports').send({ month: '2024-03' }).expect(201)).body as { id: string };
    await reviewer.get(`/api/reports/${report.id}/document`).query({ edition: 'internal' }).expect(200);
    await reviewer.get(`/api/reports/${report.id}/document`).expect(200);
    await reviewer.get(`/api/reports/${report.id}/files/internal/json`).expect(200);
    const reads = (await entries('report.read')).map((e) => [e.actor_email, e.target_id, e.detail]);
    expect(reads).toEqual([
      ['reader-reviewer@example.org', report.id, { edition: 'internal' }],
      ['reader-reviewer@example.org', report.id, { edition: 'public' }],
      ['reader-reviewer@example.org', report.id, { edition: 'internal', format: 'json' }],
    ]);
  });

  it('a bulk review change names every case it reached and the change, never the note', async () => {
    const cases = (await reviewer.get('/api/cases').expect(200)).body as Array<{ id: string }>;
    expect(cases.length).toBeGreaterThanOrEqual(2);
    const caseIds = cases.slice(0, 2).map((c) => c.id);
    await reviewer.post('/api/reviews/bulk').send({ caseIds, status: 'in_review', note: 'a private note about these cases' }).expect(201);
    const [entry] = await entries('POST /api/reviews/bulk');
    expect(entry).toMatchObject({ actor_email: 'reader-reviewer@example.org', detail: { targets: caseIds, targetCount: 2, change: { status: 'in_review' } } });
    expect(JSON.stringify(entry)).not.toContain('private note');
  });
});

describe('the audit log as read', () => {
  interface Listed {
    action: string;
    targetId: string | null;
    outcome: string;
    subject: { resource: string; id: string; name: string | null } | null;
  }
  const listed = async (action: string): Promise<Listed[]> =>
    (await admin.get('/api/audit-log').query({ filter: JSON.stringify({ action }), sort: JSON.stringify(['id', 'ASC']), range: '[0,99]' }).expect(200)).body;

  it('names what each entry is about while it exists: a report by its id, an import by its file, an account by its email', async () => {
    expect((await listed('import.rejects_read')).map((e) => e.subject)).toEqual([
      { resource: 'import-batches', id: rejectBatchId, name: 'with-a-reject.csv' },
      { resource: 'import-batches', id: rejectBatchId, name: 'with-a-reject.csv' },
    ]);
    const reportReads = await listed('report.read');
    expect(reportReads.length).toBeGreaterThan(0);
    for (const read of reportReads) expect(read.subject).toEqual({ resource: 'reports', id: read.targetId, name: read.targetId });
    const someone = (await admin.post('/api/users').send({ email: 'named-in-the-log@example.org', role: 'viewer', password: 'named-in-the-log-1' }).expect(201)).body as { id: string };
    const created = (await listed('POST /api/users')).find((e) => e.targetId === someone.id);
    expect(created?.subject).toEqual({ resource: 'users', id: someone.id, name: 'named-in-the-log@example.org' });
  });

  it('names nothing that does not exist (a change refused for an account that is not there)', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const answer = await admin.put(`/api/users/${missing}`).send({ role: 'viewer' });
    expect([400, 404]).toContain(answer.status);
    const refused = (await listed('PUT /api/users/:id')).filter((e) => e.targetId === missing);
    expect(refused).toEqual([expect.objectContaining({ outcome: 'failure', subject: null })]);
  });
});

describe('Cache-Control: no-store on every API answer', () => {
  it('case-level pages, lists, files and account data may not be kept by a cache', async () => {
    const cases = (await reviewer.get('/api/cases').expect(200)).body as Array<{ id: string }>;
    const paths = [
      '/api/cases',
      `/api/cases/${cases[0].id}`,
      '/api/incidents',
      '/api/arrests',
      '/api/da-decisions',
      '/api/flags',
      '/api/auth/me',
      '/api/dashboard',
    ];
    for (const path of paths) {
      const res = await reviewer.get(path);
      expect([path, res.status]).toEqual([path, 200]);
      expect([path, res.headers['cache-control']]).toEqual([path, 'no-store']);
    }
    for (const path of ['/api/audit-log', `/api/import-batches/${rejectBatchId}/rejects.csv`, '/api/users']) {
      const res = await admin.get(path).expect(200);
      expect([path, res.headers['cache-control']]).toEqual([path, 'no-store']);
    }
    // Refusals too: an error page must not be cached in place of the answer.
    const refused = await t.request().get('/api/cases');
    expect(refused.status).toBe(401);
    expect(refused.headers['cache-control']).toBe('no-store');
  });
});
