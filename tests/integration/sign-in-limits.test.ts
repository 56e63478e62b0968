import supertest from 'supertest';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app';

/**
 * Issue 13, Security 2 and 9: the addresses sign-in limits count cannot be forged, and one account guessed from
 * many addresses is locked for a bounded time, which its owner's own browser can get through.
 */

const WRONG = 'not-the-password';

async function auditRows(t: TestApp, action: string): Promise<Array<{ actor_email: string | null; ip: string | null; status_code: number }>> {
  return t.db.query(`SELECT actor_email, ip, status_code FROM audit_log WHERE action = $1 ORDER BY id`, [action]);
}

describe('with TRUST_PROXY unset (no proxy in front)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ AUTH_LOGIN_MAX_FAILURES: '3', AUTH_LOGIN_MAX_ATTEMPTS_PER_IP: '6', AUTH_LOGIN_WINDOW_SECONDS: '600' });
  });
  afterAll(async () => t?.close());

  it('ignores a forged X-Forwarded-For: the limits count the connection’s address, as the audit log records', async () => {
    await t.createUser('viewer', 'forged@example.org', TEST_PASSWORD);
    const statuses: number[] = [];
    for (let i = 1; i <= 4; i++) {
      const res = await t.request().post('/api/auth/login').set('X-Forwarded-For', `203.0.113.${i}`).send({ email: 'forged@example.org', password: WRONG });
      statuses.push(res.status);
    }
    // 3 failures per (address, account), then 429 whatever address the header claims
    expect(statuses).toEqual([401, 401, 401, 429]);
    const failed = await auditRows(t, 'auth.sign_in_failed');
    expect(failed).toHaveLength(3);
    for (const row of failed) expect(row.ip).toMatch(/(^|:)127\.0\.0\.1$/);

    // ...and the per-address cap on all attempts: 6 allowed in the window (3 above, 3 here on other accounts and
    // forged addresses), the 7th refused
    const more: number[] = [];
    for (let i = 0; i < 4; i++) {
      more.push((await t.request().post('/api/auth/login').set('X-Forwarded-For', `198.51.100.${i}`).send({ email: `sprayed-${i}@example.org`, password: WRONG })).status);
    }
    expect(more).toEqual([401, 401, 401, 429]);
  });
});

describe('behind one proxy (TRUST_PROXY=1), an account guessed from many addresses', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      TRUST_PROXY: '1',
      AUTH_ACCOUNT_MAX_FAILURES: '10',
      AUTH_ACCOUNT_LOCKOUT_SECONDS: '3',
      AUTH_ACCOUNT_LOCKOUT_MAX_SECONDS: '6',
    });
    for (const email of ['victim@example.org', 'bystander@example.org', 'owner@example.org']) await t.createUser('analyst', email, TEST_PASSWORD);
  });
  afterAll(async () => t?.close());

  /** A sign-in as the proxy forwards it from `address`. */
  const signInFrom = (address: string, email: string, password: string) =>
    t.request().post('/api/auth/login').set('X-Forwarded-For', address).send({ email, password });

  it('is locked after 10 failures (30 wrong passwords from 30 addresses: 10 × 401, 20 × 429), other accounts are not, and the lock ends', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await signInFrom(`203.0.113.${i + 1}`, 'victim@example.org', WRONG)).status);
    expect(statuses).toEqual([...Array(10).fill(401), ...Array(20).fill(429)]);

    // Locked for everyone without a known browser, even with the right password; the wait is bounded by the lock.
    const locked = await signInFrom('192.0.2.200', 'victim@example.org', TEST_PASSWORD).expect(429);
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(3);
    // The audit log has the addresses the proxy reported.
    expect((await auditRows(t, 'auth.sign_in_failed')).map((r) => r.ip)).toEqual(Array.from({ length: 10 }, (_, i) => `203.0.113.${i + 1}`));

    await signInFrom('192.0.2.200', 'bystander@example.org', TEST_PASSWORD).expect(200);

    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 200));
    await signInFrom('192.0.2.200', 'victim@example.org', TEST_PASSWORD).expect(200);
  });

  it('lets its owner in from a browser that signed in before, during the lock, which that sign-in ends', async () => {
    const ownersBrowser = supertest.agent(t.app.getHttpServer());
    await ownersBrowser.post('/api/auth/login').set('X-Forwarded-For', '192.0.2.10').send({ email: 'owner@example.org', password: TEST_PASSWORD }).expect(200);
    await ownersBrowser.post('/api/auth/logout').set('X-Forwarded-For', '192.0.2.10').expect(204);

    for (let i = 0; i < 10; i++) await signInFrom(`198.51.100.${i + 1}`, 'owner@example.org', WRONG).expect(401);
    await signInFrom('198.51.100.99', 'owner@example.org', TEST_PASSWORD).expect(429);

    await ownersBrowser.post('/api/auth/login').set('X-Forwarded-For', '192.0.2.10').send({ email: 'owner@example.org', password: TEST_PASSWORD }).expect(200);
    await signInFrom('198.51.100.99', 'owner@example.org', TEST_PASSWORD).expect(200);
  });
});

describe('an administrator ends an account’s lock (TRUST_PROXY=1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // A lock far longer than the test, so only the unlock can let the owner in; one failure per guessing address.
    t = await startTestApp({ TRUST_PROXY: '1', AUTH_LOGIN_MAX_FAILURES: '1', AUTH_ACCOUNT_MAX_FAILURES: '10', AUTH_ACCOUNT_LOCKOUT_SECONDS: '3600', AUTH_ACCOUNT_LOCKOUT_MAX_SECONDS: '3600' });
    await t.createUser('reviewer', 'unlocked@example.org', TEST_PASSWORD);
  });
  afterAll(async () => t?.close());

  const signInFrom = (address: string, email: string, password: string) =>
    t.request().post('/api/auth/login').set('X-Forwarded-For', address).send({ email, password });

  it('clears the lock and its failures, so the owner signs in at once; the guessing addresses stay limited', async () => {
    const [{ id }] = await t.db.query(`SELECT id FROM app_user WHERE email = 'unlocked@example.org'`);
    for (let i = 0; i < 10; i++) await signInFrom(`203.0.113.${i + 1}`, 'unlocked@example.org', WRONG).expect(401);
    await signInFrom('192.0.2.50', 'unlocked@example.org', TEST_PASSWORD).expect(429);

    const admin = await t.signedIn('admin', 'unlocker@example.org');
    const shown = await admin.get(`/api/users/${id}`).expect(200);
    expect(new Date(shown.body.signInLockedUntil).getTime()).toBeGreaterThan(Date.now());

    const someoneElse = await t.signedIn('analyst');
    await someoneElse.post(`/api/users/${id}/unlock`).expect(403);
    await signInFrom('192.0.2.50', 'unlocked@example.org', TEST_PASSWORD).expect(429);

    const unlocked = await admin.post(`/api/users/${id}/unlock`).expect(200);
    expect(unlocked.body).toMatchObject({ id, email: 'unlocked@example.org', signInLockedUntil: null });
    expect((await admin.get(`/api/users/${id}`).expect(200)).body.signInLockedUntil).toBeNull();
    const audit = await t.db.query(`SELECT actor_email, target_id, outcome FROM audit_log WHERE action = 'POST /api/users/:id/unlock' ORDER BY id`);
    expect(audit).toEqual([{ actor_email: 'unlocker@example.org', target_id: id, outcome: 'success' }]);

    await signInFrom('192.0.2.50', 'unlocked@example.org', TEST_PASSWORD).expect(200);
    // an address that guessed has still used up its failures for this account
    await signInFrom('203.0.113.1', 'unlocked@example.org', TEST_PASSWORD).expect(429);
  });

  it('answers 404 for an account that does not exist and 400 for an id that is not one', async () => {
    const admin = await t.signedIn('admin');
    await admin.post('/api/users/00000000-0000-4000-8000-000000000000/unlock').expect(404);
    await admin.post('/api/users/not-an-id/unlock').expect(400);
  });
});

describe('password checks and audit entries', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ AUTH_LOGIN_MAX_FAILURES: '3', AUTH_LOGIN_WINDOW_SECONDS: '600' });
  });
  afterAll(async () => t?.close());

  it('rate-limits the current-password check of a password change like a sign-in', async () => {
    const agent = await t.signedIn('reviewer', 'changing@example.org');
    const hash = async () => (await t.db.query(`SELECT password_hash FROM app_user WHERE email = 'changing@example.org'`))[0].password_hash as string;
    const before = await hash();
    for (let i = 0; i < 3; i++) {
      await agent.post('/api/auth/password').send({ currentPassword: `guess-${i}`, newPassword: 'a-brand-new-password' }).expect(403);
    }
    const res = await agent.post('/api/auth/password').send({ currentPassword: TEST_PASSWORD, newPassword: 'a-brand-new-password' }).expect(429);
    expect(res.body.message).toMatch(/^Too many wrong passwords\. Try again in \d+ seconds\.$/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(await hash()).toBe(before);
  });

  it('does not store a typed "email" that is not an email (often a password typed in the wrong box)', async () => {
    await t.request().post('/api/auth/login').send({ email: 'correct horse battery staple', password: WRONG }).expect(401);
    await t.request().post('/api/auth/login').send({ email: 'nobody@localhost', password: WRONG }).expect(401);
    const rows = await auditRows(t, 'auth.sign_in_failed');
    expect(rows.map((r) => r.actor_email)).toEqual(['(not an email)', 'nobody@localhost']);
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM audit_log WHERE audit_log::text LIKE '%battery staple%'`);
    expect(count).toBe(0);
  });
});

describe('HSTS', () => {
  it('is sent when the session cookie is HTTPS-only, and not otherwise', async () => {
    const secure = await startTestApp({ COOKIE_SECURE: 'true' });
    try {
      const res = await secure.request().get('/api/health').expect(200);
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    } finally {
      await secure.close();
    }
    const plain = await startTestApp();
    try {
      const res = await plain.request().get('/api/health').expect(200);
      expect(res.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await plain.close();
    }
  });
});
