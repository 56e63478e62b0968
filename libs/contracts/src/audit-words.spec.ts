import * as fs from 'node:fs';
import * as path from 'node:path';
import { AUDIT_ACTIONS } from './audit-log';
import { auditLookup, describeAuditEntry, isKnownAuditAction, type AuditEntryLike } from './audit-words';

const API_SRC = path.resolve(__dirname, '../../../apps/api/src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const file = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(file);
    return d.name.endsWith('.ts') && !d.name.endsWith('.spec.ts') ? [file] : [];
  });
}

/**
 * Every action the API writes, read from its source: each write route of each controller (`POST /api/...`, as the
 * write interceptor names it), every named action (AUDIT_ACTIONS) and every action written as a literal
 * (`action: 'user.password_set'`). A new route or action without a sentence makes this test fail.
 */
function actionsTheApiWrites(): string[] {
  const actions = new Set<string>(Object.values(AUDIT_ACTIONS));
  for (const file of sourceFiles(API_SRC)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\.record\(\{\s*action: '([^']+)'/g)) actions.add(m[1]);
    const controller = /@Controller\((?:'([^']*)')?\)/.exec(text);
    if (!controller) continue;
    const prefix = controller[1] ?? '';
    for (const m of text.matchAll(/@(Post|Put|Patch|Delete)\((?:'([^']*)')?\)/g)) {
      const route = ['api', prefix, m[2] ?? ''].filter((part) => part !== '').join('/');
      actions.add(`${m[1].toUpperCase()} /${route}`);
    }
  }
  return [...actions].sort();
}

const entry = (over: Partial<AuditEntryLike> & Pick<AuditEntryLike, 'action'>): AuditEntryLike => ({
  targetType: null,
  targetId: null,
  outcome: 'success',
  statusCode: 200,
  detail: null,
  subject: null,
  ...over,
});

describe('every action the API writes has a sentence', () => {
  const actions = actionsTheApiWrites();

  it('finds the actions in the API source (the reading of the source works)', () => {
    expect(actions).toEqual(expect.arrayContaining(['case.viewed', 'user.password_set', 'POST /api/meetings/:id/decisions', 'PUT /api/users/:id', 'POST /api/ingest/:kind']));
    expect(actions.filter((a) => / \/api\//.test(a)).length).toBeGreaterThanOrEqual(20);
  });

  it.each(actionsTheApiWrites())('%s', (action) => {
    expect(isKnownAuditAction(action)).toBe(true);
    for (const outcome of ['success', 'failure'] as const) {
      const sentence = describeAuditEntry(entry({ action, outcome, statusCode: outcome === 'failure' ? 403 : 200 }));
      expect(sentence.known).toBe(true);
      // Words, not the raw action: no route, no dotted name.
      expect(sentence.text).not.toMatch(/\/api\/|[a-z]\.[a-z]|:id/);
      expect(sentence.text).toMatch(/^[A-Z]/);
    }
  });
});

describe('describeAuditEntry', () => {
  it('names a viewed case by its incident number and links to it', () => {
    const s = describeAuditEntry(entry({ action: 'case.viewed', targetType: 'Case', targetId: 'c0ffee', subject: { resource: 'cases', id: 'c0ffee', name: '220023435' } }));
    expect(s).toEqual({ text: 'Viewed case 220023435', link: { resource: 'cases', id: 'c0ffee' }, linkText: 'case 220023435', known: true });
  });

  it('names a meeting by its day, in the interface date style', () => {
    const s = describeAuditEntry(
      entry({ action: 'POST /api/meetings/:id/decisions', targetType: 'Meetings', targetId: 'm-1', statusCode: 201, subject: { resource: 'meetings', id: 'm-1', name: '2022-06-06' } }),
    );
    expect(s.text).toBe('Recorded a decision in the meeting of Jun 6, 2022');
    expect(s.link).toEqual({ resource: 'meetings', id: 'm-1' });
    expect(s.linkText).toBe('meeting of Jun 6, 2022');
  });

  it('reads a refused write written with its real path, and says why it was refused', () => {
    const action = 'POST /api/meetings/5b0c1d2e-0000-4000-8000-000000000001/decisions';
    const s = describeAuditEntry(entry({ action, outcome: 'failure', statusCode: 403, detail: { reason: 'role not allowed' } }));
    expect(s.text).toBe('Tried to record a decision in a meeting (refused: role not allowed)');
    expect(s.link).toBeNull();
    expect(auditLookup({ action, targetType: null, targetId: null })).toEqual({ resource: 'meetings', id: '5b0c1d2e-0000-4000-8000-000000000001' });
  });

  it('says what a conflict was', () => {
    const s = describeAuditEntry(entry({ action: 'PATCH /api/reviews/:id', targetType: 'Reviews', targetId: 'c1', outcome: 'failure', statusCode: 409 }));
    expect(s.text).toBe('Tried to change the review of a case (refused: changed by someone else first)');
  });

  it('does not link to what is gone', () => {
    const s = describeAuditEntry(entry({ action: 'case.viewed', targetType: 'Case', targetId: 'gone' }));
    expect(s).toEqual({ text: 'Viewed a case', link: null, linkText: null, known: true });
  });

  it('names records that carry their own number', () => {
    expect(describeAuditEntry(entry({ action: 'case.viewed', targetType: 'Incident', targetId: '220023435', subject: { resource: 'incidents', id: '220023435', name: '220023435' } })).text).toBe(
      'Viewed incident 220023435',
    );
    expect(describeAuditEntry(entry({ action: 'case.viewed', targetType: 'Arrest', targetId: 'A-17' })).text).toBe('Viewed arrest A-17');
  });

  it('describes a list read with the fields it was filtered by (never their values)', () => {
    const s = describeAuditEntry(entry({ action: 'cases.listed', targetType: 'Incident', detail: { filter: { incidentNumber: '2200', personKey: '(a person key)' }, range: null } }));
    expect(s.text).toBe('Listed the incidents, filtered by incident number, person key');
    expect(describeAuditEntry(entry({ action: 'cases.listed', targetType: 'Case', detail: { filter: {}, range: null } })).text).toBe('Listed the flagged cases');
  });

  it('describes a report read with its month, version, edition and format', () => {
    const s = describeAuditEntry(
      entry({ action: 'report.read', targetType: 'Report', targetId: '2022-06:1', detail: { edition: 'internal', format: 'pdf' }, subject: { resource: 'reports', id: '2022-06:1', name: '2022-06:1' } }),
    );
    expect(s.text).toBe('Read the report for June 2022 (version 1), internal edition, as PDF');
    expect(s.link).toEqual({ resource: 'reports', id: '2022-06:1' });
  });

  it('counts the cases of a bulk review change', () => {
    const s = describeAuditEntry(entry({ action: 'POST /api/reviews/bulk', targetType: 'Reviews', detail: { targets: ['a', 'b', 'c'], targetCount: 3, change: { status: 'in_review' } } }));
    expect(s.text).toBe('Changed the review of 3 cases');
  });

  it('names accounts and imports', () => {
    expect(
      describeAuditEntry(entry({ action: 'PUT /api/users/:id', targetType: 'Users', targetId: 'u1', detail: { role: 'data_steward' }, subject: { resource: 'users', id: 'u1', name: 'ann@example.org' } })).text,
    ).toBe('Changed the account of ann@example.org (role: data steward)');
    expect(
      describeAuditEntry(
        entry({ action: 'POST /api/ingest/:kind', targetType: 'Ingest', targetId: 'b1', statusCode: 201, subject: { resource: 'import-batches', id: 'b1', name: 'arrests-2022.csv' } }),
      ).text,
    ).toBe('Imported arrests-2022.csv');
    expect(describeAuditEntry(entry({ action: 'user.password_set', targetType: 'User', targetId: 'u1', detail: { via: 'cli' } })).text).toBe(
      'Set the password of an account from the command line',
    );
  });

  it('signs in and out without an object', () => {
    expect(describeAuditEntry(entry({ action: 'auth.sign_in' })).text).toBe('Signed in');
    expect(describeAuditEntry(entry({ action: 'auth.sign_in_failed', outcome: 'failure', statusCode: 401 })).text).toBe('Could not sign in: wrong email or password');
  });

  it('reads an unknown action as words, never failing', () => {
    expect(describeAuditEntry(entry({ action: 'report.archived' }))).toEqual({ text: 'Did: report archived', link: null, linkText: null, known: false });
    expect(describeAuditEntry(entry({ action: 'GET /api/something/else', outcome: 'failure', statusCode: 500 })).text).toBe('Tried: GET /api/something/else (refused: the server failed)');
    expect(describeAuditEntry(entry({ action: '' })).known).toBe(false);
    expect(isKnownAuditAction('POST /api/meetings/1/2/3/4')).toBe(false);
  });
});
