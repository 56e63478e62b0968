import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import supertest from 'supertest';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app';

/**
 * Issue 13, Security 1: a page on another origin of the same host (another port: the same *site*, so the
 * SameSite=Strict session cookie goes along) must not be able to write through the signed-in admin's browser.
 * The requests below carry what a browser sends for that page's auto-submitted form: its Origin, the
 * form's content type and body, and the admin's cookie.
 */

let t: TestApp;
let own: string;
let attackerPage: http.Server;
let attackerOrigin: string;
let admin: ReturnType<typeof supertest.agent>;

/** The other origin: a real server on another port of this host, serving the form that submits itself. */
function startAttackerPage(target: string): Promise<http.Server> {
  const page = `<!doctype html><form method="POST" action="${target}/api/users" enctype="application/x-www-form-urlencoded">
<input name="email" value="intruder@example.org"><input name="role" value="admin"><input name="password" value="intruder-password-123">
</form><script>document.forms[0].submit()</script>`;
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page));
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function usersNamed(email: string): Promise<number> {
  const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM app_user WHERE email = $1`, [email]);
  return count;
}

beforeAll(async () => {
  t = await startTestApp();
  // Listening on a known port, so that the requests below reach the server at the origin they name.
  await new Promise<void>((resolve) => t.app.getHttpServer().listen(0, '127.0.0.1', () => resolve()));
  own = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  attackerPage = await startAttackerPage(own);
  attackerOrigin = `http://127.0.0.1:${(attackerPage.address() as AddressInfo).port}`;
  admin = await t.signedIn('admin', 'the-admin@example.org');
});
afterAll(async () => {
  await new Promise((resolve) => attackerPage?.close(resolve));
  await t?.close();
});

describe('a form on another origin of the same host', () => {
  it('cannot create an admin with the signed-in admin cookie: 403, nothing created, the refusal audited', async () => {
    const form = await supertest(attackerOrigin).get('/').expect(200);
    expect(form.text).toContain(`action="${own}/api/users"`);

    const res = await admin
      .post('/api/users')
      .set('Origin', attackerOrigin)
      .set('Sec-Fetch-Site', 'same-site')
      .type('form')
      .send('email=intruder%40example.org&role=admin&password=intruder-password-123')
      .expect(403);
    expect(res.body.message).toBe(
      `Cross-origin request refused: this API takes changes only from its own pages (${own}), and this request came from ${attackerOrigin}.`,
    );
    expect(await usersNamed('intruder@example.org')).toBe(0);

    const [audit] = await t.db.query(`SELECT action, outcome, status_code, detail FROM audit_log WHERE action = 'POST /api/users' ORDER BY id DESC LIMIT 1`);
    expect(audit).toEqual({ action: 'POST /api/users', outcome: 'failure', status_code: 403, detail: { reason: 'cross-origin request' } });
  });

  it('is refused in JSON too, and from another host or scheme, or an opaque ("null") origin', async () => {
    for (const origin of [attackerOrigin, 'http://evil.example', own.replace('http:', 'https:'), 'null']) {
      await admin.post('/api/users').set('Origin', origin).send({ email: 'intruder@example.org', role: 'admin', password: 'intruder-password-123' }).expect(403);
    }
    expect(await usersNamed('intruder@example.org')).toBe(0);
  });

  it('is refused by Sec-Fetch-Site when the browser sends no Origin', async () => {
    for (const site of ['same-site', 'cross-site']) {
      const res = await admin
        .post('/api/users')
        .set('Sec-Fetch-Site', site)
        .send({ email: 'intruder@example.org', role: 'admin', password: 'intruder-password-123' })
        .expect(403);
      expect(res.body.message).toMatch(new RegExp(`the browser says this request is ${site}`));
    }
    expect(await usersNamed('intruder@example.org')).toBe(0);
  });

  it('cannot delete or change either (every write method is checked)', async () => {
    await admin.delete('/api/meetings/00000000-0000-4000-8000-000000000000/agenda/x').set('Origin', attackerOrigin).expect(403);
    await admin.patch('/api/reviews/00000000-0000-4000-8000-000000000000').set('Origin', attackerOrigin).send({}).expect(403);
    await admin.put('/api/charge-codes/x').set('Origin', attackerOrigin).send({}).expect(403);
  });

  it('cannot sign in (login CSRF), even with the right password', async () => {
    const res = await supertest(own).post('/api/auth/login').set('Origin', attackerOrigin).send({ email: 'the-admin@example.org', password: TEST_PASSWORD }).expect(403);
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});

describe('the app’s own pages', () => {
  it('create a user with JSON from the same origin, as the browser sends it', async () => {
    const res = await admin
      .post('/api/users')
      .set('Origin', own)
      .set('Sec-Fetch-Site', 'same-origin')
      .send({ email: 'welcome@example.org', role: 'viewer', password: 'a-good-long-password' })
      .expect(201);
    expect(res.body.email).toBe('welcome@example.org');
  });

  it('are recognised by the Host the browser used (localhost, a default port)', async () => {
    const port = (t.app.getHttpServer().address() as AddressInfo).port;
    await admin.post('/api/users').set('Host', `localhost:${port}`).set('Origin', `http://LOCALHOST:${port}`).send({ email: 'by-name@example.org', role: 'viewer', password: 'a-good-long-password' }).expect(201);
    await admin.post('/api/users').set('Host', 'audit.example.org').set('Origin', 'http://audit.example.org:80').send({ email: 'default-port@example.org', role: 'viewer', password: 'a-good-long-password' }).expect(201);
  });

  it('sign in from the same origin, or with Sec-Fetch-Site same-origin and no Origin', async () => {
    await supertest(own).post('/api/auth/login').set('Origin', own).send({ email: 'the-admin@example.org', password: TEST_PASSWORD }).expect(200);
    await supertest(own).post('/api/auth/login').set('Sec-Fetch-Site', 'same-origin').send({ email: 'the-admin@example.org', password: TEST_PASSWORD }).expect(200);
  });

  it('may send a write without a body and without a Content-Type (sign out)', async () => {
    const viewer = await t.signedIn('viewer');
    await viewer.post('/api/auth/logout').set('Origin', own).expect(204);
  });
});

describe('request bodies', () => {
  it('must be JSON: a same-origin form, text or multipart body to a JSON endpoint gets 415 and creates nothing', async () => {
    const form = await admin.post('/api/users').set('Origin', own).type('form').send('email=formed%40example.org&role=viewer&password=a-good-long-password').expect(415);
    expect(form.body).toEqual({ statusCode: 415, error: 'Unsupported Media Type', message: 'Send the request body as application/json (got application/x-www-form-urlencoded).' });
    const text = await admin.post('/api/users').set('Content-Type', 'text/plain').send('{"email":"formed@example.org","role":"viewer","password":"a-good-long-password"}').expect(415);
    expect(text.body.message).toBe('Send the request body as application/json (got text/plain).');
    await admin.post('/api/users').field('email', 'formed@example.org').field('role', 'viewer').field('password', 'a-good-long-password').expect(415);
    expect(await usersNamed('formed@example.org')).toBe(0);
  });

  it('are multipart on the upload endpoint only', async () => {
    const analyst = await t.signedIn('analyst');
    const json = await analyst.post('/api/ingest/incidents').send({ file: 'x' }).expect(415);
    expect(json.body.message).toBe('Send the request body as multipart/form-data, the file in a field named "file" (got application/json).');
    // The upload passes the check and reaches the importer, which refuses an empty file.
    const upload = await analyst.post('/api/ingest/incidents').query({ dryRun: 'true' }).set('Origin', own).attach('file', Buffer.from(''), 'empty.csv').expect(422);
    expect(upload.body.reason).toBe('The file is empty.');
  });

  it('JSON with a charset is JSON', async () => {
    await admin
      .post('/api/users')
      .set('Content-Type', 'application/json; charset=utf-8')
      .send(JSON.stringify({ email: 'charset@example.org', role: 'viewer', password: 'a-good-long-password' }))
      .expect(201);
  });
});

describe('behind a reverse proxy', () => {
  const body = { email: 'proxied@example.org', role: 'viewer', password: 'a-good-long-password' };

  it('knows its public origin from a trusted proxy’s X-Forwarded-Proto/-Host, and from nobody else', async () => {
    const proxied = await startTestApp({ TRUST_PROXY: 'loopback' });
    try {
      const agent = await proxied.signedIn('admin');
      await agent
        .post('/api/users')
        .set('Origin', 'https://audit.example.org')
        .set('X-Forwarded-Proto', 'https')
        .set('X-Forwarded-Host', 'audit.example.org')
        .send(body)
        .expect(201);
    } finally {
      await proxied.close();
    }
    // Here no proxy is trusted: a client naming the attacker's page as the forwarded host gains nothing.
    await admin.post('/api/users').set('Origin', attackerOrigin).set('X-Forwarded-Host', attackerOrigin.replace('http://', '')).send(body).expect(403);
  });

  it('accepts PUBLIC_URL’s origin when the proxy rewrites Host and says nothing', async () => {
    const published = await startTestApp({ PUBLIC_URL: 'https://audit.example.org/' });
    try {
      const agent = await published.signedIn('admin');
      await agent.post('/api/users').set('Origin', 'https://audit.example.org').send(body).expect(201);
      await agent.post('/api/users').set('Origin', 'https://other.example.org').send(body).expect(403);
    } finally {
      await published.close();
    }
  });
});
