import * as fs from 'node:fs';
import * as path from 'node:path';
import supertest from 'supertest';
import { APP_CONFIG } from '../../apps/api/src/config/config.module';
import { UsersService } from '../../apps/api/src/users/users.service';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

describe('users API (admin)', () => {
  it('creates users, hashes the password, and audits the creation', async () => {
    const admin = await t.signedIn('admin', 'boss@example.org');
    const res = await admin.post('/api/users').send({ email: 'New.Person@Example.org', role: 'reviewer', password: 'a-good-long-password' }).expect(201);
    expect(res.body).toMatchObject({ email: 'new.person@example.org', role: 'reviewer', active: true });
    const [{ password_hash }] = await t.db.query(`SELECT password_hash FROM app_user WHERE email = 'new.person@example.org'`);
    expect(password_hash).toMatch(/^\$argon2id\$/);
    const audit = await t.db.query(`SELECT actor_email, target_id FROM audit_log WHERE action = 'POST /api/users' AND outcome = 'success'`);
    expect(audit).toEqual([{ actor_email: 'boss@example.org', target_id: res.body.id }]);
    // the new account can sign in
    await t.request().post('/api/auth/login').send({ email: 'new.person@example.org', password: 'a-good-long-password' }).expect(200);
  });

  it('refuses a duplicate email with 409 and a bad body with 400 naming the field', async () => {
    const admin = await t.signedIn('admin');
    await admin.post('/api/users').send({ email: 'dup@example.org', role: 'viewer', password: 'a-good-long-password' }).expect(201);
    const dup = await admin.post('/api/users').send({ email: 'DUP@example.org', role: 'viewer', password: 'a-good-long-password' }).expect(409);
    expect(dup.body.message).toMatch(/already exists/);
    const bad = await admin.post('/api/users').send({ email: 'x@example.org', role: 'superuser', password: 'short' }).expect(400);
    expect(bad.body.message.join(' ')).toMatch(/role must be one of/);
    expect(bad.body.message.join(' ')).toMatch(/at least 12/);
  });

  it('serves the react-admin list contract: sort, range, filter, Content-Range', async () => {
    const admin = await t.signedIn('admin');
    for (const [email, role] of [['c1@list.org', 'viewer'], ['a1@list.org', 'analyst'], ['b1@list.org', 'viewer']] as const) {
      await admin.post('/api/users').send({ email, role, password: 'a-good-long-password' }).expect(201);
    }
    const page = await admin
      .get('/api/users')
      .query({ sort: '["email","ASC"]', range: '[0,1]', filter: JSON.stringify({ q: 'list.org' }) })
      .expect(200);
    expect(page.body.map((u: { email: string }) => u.email)).toEqual(['a1@list.org', 'b1@list.org']);
    expect(page.headers['content-range']).toBe('users 0-1/3');

    const viewers = await admin.get('/api/users').query({ sort: '["email","DESC"]', filter: JSON.stringify({ q: 'list.org', role: 'viewer' }) }).expect(200);
    expect(viewers.body.map((u: { email: string }) => u.email)).toEqual(['c1@list.org', 'b1@list.org']);

    const one = await admin.get(`/api/users/${page.body[0].id}`).expect(200);
    expect(one.body.email).toBe('a1@list.org');
    await admin.get('/api/users/00000000-0000-4000-8000-000000000000').expect(404);
    await admin.get('/api/users/not-a-uuid').expect(400);
  });

  it('refuses sort and filter fields outside the allow-list', async () => {
    const admin = await t.signedIn('admin');
    const sort = await admin.get('/api/users').query({ sort: '["password_hash","ASC"]' }).expect(400);
    expect(sort.body.message).toMatch(/cannot sort by "password_hash"/);
    await admin.get('/api/users').query({ filter: '{"password_hash":"x"}' }).expect(400);
    await admin.get('/api/users').query({ unexpected: '1' }).expect(400);
  });
});

describe('changing a role and deactivating an account (admin)', () => {
  const PASSWORD = 'a-good-long-password';
  async function signIn(email: string) {
    const agent = supertest.agent(t.app.getHttpServer());
    await agent.post('/api/auth/login').send({ email, password: PASSWORD }).expect(200);
    return agent;
  }

  it('demotes an analyst: their open sessions end at once, and they sign in again with the new role only', async () => {
    const admin = await t.signedIn('admin', 'demoter@example.org');
    const created = await admin.post('/api/users').send({ email: 'demoted@example.org', role: 'analyst', password: PASSWORD }).expect(201);
    const analyst = await signIn('demoted@example.org');
    const otherDevice = await signIn('demoted@example.org');
    await analyst.get('/api/incidents').expect(200);

    const res = await admin.put(`/api/users/${created.body.id}`).send({ role: 'viewer', active: true }).expect(200);
    expect(res.body).toMatchObject({ email: 'demoted@example.org', role: 'viewer', active: true });
    // Both sessions are gone, not merely narrowed.
    await analyst.get('/api/auth/me').expect(401);
    await otherDevice.get('/api/auth/me').expect(401);
    const [{ sessions }] = await t.db.query(`SELECT count(*)::int AS sessions FROM user_session WHERE user_id = $1`, [created.body.id]);
    expect(sessions).toBe(0);

    const again = await signIn('demoted@example.org');
    await again.get('/api/incidents').expect(403);
    await again.get('/api/auth/me').expect(200);

    const audit = await t.db.query(`SELECT actor_email, target_id, detail FROM audit_log WHERE action = 'PUT /api/users/:id' AND outcome = 'success'`);
    expect(audit).toContainEqual({ actor_email: 'demoter@example.org', target_id: created.body.id, detail: { role: 'viewer', active: true } });
  });

  it('deactivates an account: its sessions end, it cannot sign in, and it can be reactivated', async () => {
    const admin = await t.signedIn('admin');
    const created = await admin.post('/api/users').send({ email: 'leaver@example.org', role: 'reviewer', password: PASSWORD }).expect(201);
    const reviewer = await signIn('leaver@example.org');
    await admin.put(`/api/users/${created.body.id}`).send({ role: 'reviewer', active: false }).expect(200);
    await reviewer.get('/api/auth/me').expect(401);
    await t.request().post('/api/auth/login').send({ email: 'leaver@example.org', password: PASSWORD }).expect(401);
    const listed = await admin.get('/api/users').query({ filter: JSON.stringify({ q: 'leaver@' }) }).expect(200);
    expect(listed.body).toEqual([expect.objectContaining({ email: 'leaver@example.org', active: false })]);

    await admin.put(`/api/users/${created.body.id}`).send({ role: 'reviewer', active: true }).expect(200);
    await signIn('leaver@example.org');
  });

  it('keeps at least one active administrator, and an admin cannot change their own account', async () => {
    const db = t.db;
    // Alone: every other admin of earlier tests is demoted first, by a second admin who is then the only one.
    const second = await t.signedIn('admin', 'second-admin@example.org');
    const [{ id: secondId }] = await db.query(`SELECT id FROM app_user WHERE email = 'second-admin@example.org'`);
    for (const { id } of await db.query(`SELECT id FROM app_user WHERE role = 'admin' AND active AND id <> $1`, [secondId])) {
      await second.put(`/api/users/${id}`).send({ role: 'viewer', active: true }).expect(200);
    }
    const own = await second.put(`/api/users/${secondId}`).send({ role: 'viewer', active: true }).expect(400);
    expect(own.body.message).toMatch(/your own/);
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM app_user WHERE role = 'admin' AND active`);
    expect(count).toBe(1);
    // Nor can anyone else remove the last one: say a request of an admin demoted a moment ago, still in flight.
    const [{ id: demotedId }] = await db.query(`SELECT id FROM app_user WHERE email = 'demoter@example.org'`);
    const users = t.app.get(UsersService);
    await expect(users.update(secondId, { role: 'viewer', active: true }, { id: demotedId })).rejects.toThrow(/only active administrator/);
    await expect(users.update(demotedId, { role: 'admin', active: true }, { id: demotedId })).rejects.toThrow(/your own/);
    const [{ id: viewerId }] = await db.query(`SELECT id FROM app_user WHERE role = 'viewer' AND id <> $1 LIMIT 1`, [demotedId]);
    await expect(users.update(viewerId, { role: 'admin', active: true }, { id: demotedId })).rejects.toThrow(/no longer an active administrator/);
  });

  it('refuses a bad body with 400 naming the field, an unknown account with 404, and anyone but an admin with 403', async () => {
    const admin = await t.signedIn('admin');
    const created = await admin.post('/api/users').send({ email: 'target@example.org', role: 'viewer', password: PASSWORD }).expect(201);
    const bad = await admin.put(`/api/users/${created.body.id}`).send({ role: 'superuser', active: 'yes' }).expect(400);
    expect(bad.body.message.join(' ')).toMatch(/role must be one of/);
    expect(bad.body.message.join(' ')).toMatch(/active must be true or false/);
    await admin.put(`/api/users/${created.body.id}`).send({ role: 'viewer', active: true, email: 'x@example.org' }).expect(400);
    await admin.put('/api/users/00000000-0000-4000-8000-000000000000').send({ role: 'viewer', active: true }).expect(404);
    const analyst = await t.signedIn('analyst');
    await analyst.put(`/api/users/${created.body.id}`).send({ role: 'admin', active: true }).expect(403);
  });
});

describe('the generated first administrator password', () => {
  let fresh: TestApp;
  beforeAll(async () => {
    fresh = await startTestApp();
  });
  afterAll(async () => fresh?.close());

  it('is removed from the data dir once the administrator chooses a password of their own', async () => {
    const dataDir = fresh.app.get<{ dataDir: string }>(APP_CONFIG).dataDir;
    const created = await fresh.app.get(UsersService).ensureInitialAdmin(null, dataDir);
    if (!created.created || created.passwordSource !== 'generated') throw new Error('expected a generated first password');
    expect(fs.existsSync(created.passwordFile)).toBe(true);

    const admin = supertest.agent(fresh.app.getHttpServer());
    await admin.post('/api/auth/login').send({ email: 'admin@localhost', password: created.password }).expect(200);
    // A wrong current password changes nothing, so the file stays.
    await admin.post('/api/auth/password').send({ currentPassword: 'not-the-password', newPassword: 'my-own-long-password' }).expect(403);
    expect(fs.existsSync(created.passwordFile)).toBe(true);

    await admin.post('/api/auth/password').send({ currentPassword: created.password, newPassword: 'my-own-long-password' }).expect(204);
    expect(fs.existsSync(created.passwordFile)).toBe(false);
    expect(fs.readdirSync(path.dirname(created.passwordFile))).not.toContain('initial-admin-password');
  });
});
