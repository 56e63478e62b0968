import { Controller, Get, Module, Post } from '@nestjs/common';
import supertest from 'supertest';
import { AllowRoles } from '../../apps/api/src/auth/decorators/access.decorators';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app';

/** Routes that exist only in this test, to prove what the guard does with each kind of declaration. */
@Controller('probe')
class ProbeController {
  @Get('undeclared')
  undeclared() {
    return { reached: true };
  }

  @AllowRoles('caseLevel')
  @Get('case-level')
  caseLevel() {
    return { reached: true };
  }

  @AllowRoles('everyone')
  @Post('write')
  write() {
    return { id: 'w1' };
  }
}
@Module({ controllers: [ProbeController] })
class ProbeModule {}

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ AUTH_LOGIN_MAX_FAILURES: '3', AUTH_LOGIN_WINDOW_SECONDS: '600' }, [ProbeModule]);
});
afterAll(async () => t?.close());

async function auditActions(): Promise<Array<{ action: string; outcome: string; actor_email: string | null; status_code: number | null }>> {
  return t.db.query(`SELECT action, outcome, actor_email, status_code FROM audit_log ORDER BY id`);
}

describe('health', () => {
  it('is public and reports the app and a connected, migrated database', async () => {
    const res = await t.request().get('/api/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.app.name).toBe('Safe Reporting Audit');
    expect(res.body.database).toMatchObject({ status: 'up', migrationsPending: 0, embedded: false });
    expect(typeof res.body.database.latencyMs).toBe('number');
  });
});

describe('sign-in', () => {
  beforeAll(async () => t.createUser('analyst', 'ana@example.org', TEST_PASSWORD));

  it('sets an httpOnly, SameSite=Strict session cookie and returns who signed in', async () => {
    const res = await t.request().post('/api/auth/login').send({ email: 'Ana@Example.org', password: TEST_PASSWORD }).expect(200);
    expect(res.body).toMatchObject({ email: 'ana@example.org', role: 'analyst' });
    expect(res.body.passwordHash).toBeUndefined();
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^sra_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
  });

  it('keeps the session for /me and ends it on logout', async () => {
    const agent = await t.signedIn('reviewer');
    const me = await agent.get('/api/auth/me').expect(200);
    expect(me.body.role).toBe('reviewer');
    await agent.post('/api/auth/logout').expect(204);
    await agent.get('/api/auth/me').expect(401);
  });

  it('notes when a session was last used, writing at most once a minute', async () => {
    const agent = await t.signedIn('reviewer', 'last-seen@example.org');
    const lastSeen = async (): Promise<string> =>
      (await t.db.query(`SELECT s.last_seen_at::text AS at FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE u.email = 'last-seen@example.org'`))[0].at;
    await t.db.query(`UPDATE user_session s SET last_seen_at = '2020-01-01T00:00:00Z' FROM app_user u WHERE u.id = s.user_id AND u.email = 'last-seen@example.org'`);
    await agent.get('/api/auth/me').expect(200);
    const touched = await lastSeen();
    expect(Date.parse(touched)).toBeGreaterThan(Date.parse('2025-01-01'));
    // A second request within the minute reads the session without writing it.
    await agent.get('/api/auth/me').expect(200);
    expect(await lastSeen()).toBe(touched);
  });

  it('refuses a wrong password with 401 and records the failed attempt', async () => {
    const res = await t.request().post('/api/auth/login').send({ email: 'ana@example.org', password: 'not-the-password' }).expect(401);
    expect(res.body.message).toBe('Wrong email or password.');
    const failed = (await auditActions()).filter((a) => a.action === 'auth.sign_in_failed');
    expect(failed.at(-1)).toMatchObject({ outcome: 'failure', actor_email: 'ana@example.org', status_code: 401 });
  });

  it('refuses a malformed body with 400 and says which field', async () => {
    const res = await t.request().post('/api/auth/login').send({ email: 'ana@example.org' }).expect(400);
    expect(JSON.stringify(res.body.message)).toMatch(/password/);
    await t.request().post('/api/auth/login').send({ email: 'a@b.org', password: 'x', admin: true }).expect(400);
  });

  it('rate-limits repeated failures for one account with 429 and Retry-After, even with the right password', async () => {
    await t.createUser('viewer', 'victim-of-guessing@example.org', TEST_PASSWORD);
    for (let i = 0; i < 3; i++) {
      await t.request().post('/api/auth/login').send({ email: 'victim-of-guessing@example.org', password: `guess-${i}` }).expect(401);
    }
    const res = await t.request().post('/api/auth/login').send({ email: 'victim-of-guessing@example.org', password: TEST_PASSWORD }).expect(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.body.message).toMatch(/Too many sign-in attempts/);
    expect((await auditActions()).some((a) => a.action === 'auth.sign_in_throttled')).toBe(true);
  });
});

describe('changing a password', () => {
  it('needs the current password, takes effect at once, and ends the other sessions but not this one', async () => {
    await t.createUser('reviewer', 'changer@example.org', TEST_PASSWORD);
    const here = supertest.agent(t.app.getHttpServer());
    const elsewhere = supertest.agent(t.app.getHttpServer());
    await here.post('/api/auth/login').send({ email: 'changer@example.org', password: TEST_PASSWORD }).expect(200);
    await elsewhere.post('/api/auth/login').send({ email: 'changer@example.org', password: TEST_PASSWORD }).expect(200);

    await here.post('/api/auth/password').send({ currentPassword: 'not-the-current-one', newPassword: 'a-brand-new-password' }).expect(403);
    await here.post('/api/auth/password').send({ currentPassword: TEST_PASSWORD, newPassword: 'short' }).expect(400);
    await here.post('/api/auth/password').send({ currentPassword: TEST_PASSWORD, newPassword: 'a-brand-new-password' }).expect(204);

    await here.get('/api/auth/me').expect(200);
    await elsewhere.get('/api/auth/me').expect(401);
    await t.request().post('/api/auth/login').send({ email: 'changer@example.org', password: TEST_PASSWORD }).expect(401);
    await t.request().post('/api/auth/login').send({ email: 'changer@example.org', password: 'a-brand-new-password' }).expect(200);
    const audit = await t.db.query(`SELECT outcome FROM audit_log WHERE action = 'POST /api/auth/password' AND actor_email = 'changer@example.org' ORDER BY id`);
    expect(audit.map((a: { outcome: string }) => a.outcome)).toEqual(['failure', 'failure', 'success']);
  });
});

describe('deny by default', () => {
  it('answers 401 to a request without a session', async () => {
    await t.request().get('/api/users').expect(401);
    await t.request().get('/api/audit-log').expect(401);
    await t.request().get('/api/auth/me').expect(401);
  });

  it('answers 401 to a forged session cookie', async () => {
    await t.request().get('/api/auth/me').set('Cookie', 'sra_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA').expect(401);
  });

  it('answers 403 when the role is not allowed', async () => {
    const viewer = await t.signedIn('viewer');
    const res = await viewer.get('/api/users').expect(403);
    expect(res.body.message).toMatch(/viewer/);
    await viewer.get('/api/probe/case-level').expect(403);
    const reviewer = await t.signedIn('reviewer');
    await reviewer.get('/api/probe/case-level').expect(200);
  });

  it('closes a route that declares no role at all, even to an admin', async () => {
    const admin = await t.signedIn('admin');
    await admin.get('/api/probe/undeclared').expect(403);
  });

  it('records refused writes in the audit log', async () => {
    await t.request().post('/api/probe/write').expect(401);
    const last = (await auditActions()).at(-1);
    expect(last).toMatchObject({ action: 'POST /api/probe/write', outcome: 'failure', status_code: 401 });
  });
});

describe('audit log', () => {
  it('records every successful write with who did it', async () => {
    const agent = await t.signedIn('analyst', 'writer@example.org');
    await agent.post('/api/probe/write').expect(201);
    const rows: Array<{ action: string; actor_email: string; target_id: string; outcome: string }> = await t.db.query(
      `SELECT action, actor_email, target_id, outcome FROM audit_log WHERE action = 'POST /api/probe/write' AND outcome = 'success'`,
    );
    expect(rows).toEqual([{ action: 'POST /api/probe/write', actor_email: 'writer@example.org', target_id: 'w1', outcome: 'success' }]);
  });

  it('records sign-ins and sign-outs with the client address', async () => {
    const agent = await t.signedIn('viewer', 'inout@example.org');
    await agent.post('/api/auth/logout').expect(204);
    const rows: Array<{ action: string; ip: string }> = await t.db.query(`SELECT action, ip FROM audit_log WHERE actor_email = 'inout@example.org' ORDER BY id`);
    expect(rows.map((r) => r.action)).toEqual(['auth.sign_in', 'auth.sign_out']);
    expect(rows[0].ip).toMatch(/127\.0\.0\.1/);
  });

  it('is append-only: the app role may not UPDATE, DELETE or TRUNCATE, and the trigger refuses them to the owner too', async () => {
    await expect(t.db.query(`UPDATE audit_log SET action = 'rewritten'`)).rejects.toThrow(/permission denied for table audit_log/);
    await expect(t.db.query(`DELETE FROM audit_log`)).rejects.toThrow(/permission denied for table audit_log/);
    await expect(t.db.query(`TRUNCATE audit_log`)).rejects.toThrow(/permission denied for table audit_log/);
    await expect(t.ownerQuery(`UPDATE audit_log SET action = 'rewritten'`)).rejects.toThrow(/append-only: UPDATE/);
    await expect(t.ownerQuery(`DELETE FROM audit_log`)).rejects.toThrow(/append-only: DELETE/);
    await expect(t.ownerQuery(`TRUNCATE audit_log`)).rejects.toThrow(/append-only: TRUNCATE/);
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM audit_log WHERE action = 'rewritten'`);
    expect(count).toBe(0);
  });

  it('is readable by admins through the list API, newest first', async () => {
    const admin = await t.signedIn('admin');
    const res = await admin.get('/api/audit-log').query({ range: '[0,4]', filter: JSON.stringify({ outcome: 'failure' }) }).expect(200);
    expect(res.body.length).toBeLessThanOrEqual(5);
    expect(res.body.every((e: { outcome: string }) => e.outcome === 'failure')).toBe(true);
    const times = res.body.map((e: { at: string }) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(res.headers['content-range']).toMatch(/^audit-log 0-\d+\/\d+$/);
  });
});

describe('OpenAPI', () => {
  it('documents the API at /api/docs', async () => {
    const spec = await t.request().get('/api/docs-json').expect(200);
    expect(Object.keys(spec.body.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/auth/login', '/api/users']));
    await t.request().get('/api/docs').expect(200);
  });
});
