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
