import * as fs from 'node:fs';
import * as path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { Response as SuperagentResponse } from 'superagent';
import { tempDir } from '../support/processes';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * The web app's files (issue 14): sent as the build compressed them (brotli, else gzip) with `Vary: Accept-Encoding`;
 * hashed assets cached for a year (immutable); index.html checked every time. A built web app of its own, made here
 * the way the Vite build makes it (apps/web/vite.config.mts writes `.br` and `.gz` next to each file).
 */
const SCRIPT = `console.log(${JSON.stringify('a built script '.repeat(200))});\n`;
let t: TestApp;
let dist: string;

beforeAll(async () => {
  dist = tempDir('web-dist');
  fs.mkdirSync(path.join(dist, 'assets'));
  const files: Record<string, string> = { 'index.html': `<!doctype html><html><body>${'<p>app</p>'.repeat(200)}</body></html>`, 'assets/index-Abc123_x.js': SCRIPT };
  for (const [name, content] of Object.entries(files)) {
    fs.writeFileSync(path.join(dist, name), content);
    fs.writeFileSync(path.join(dist, `${name}.br`), brotliCompressSync(content));
    fs.writeFileSync(path.join(dist, `${name}.gz`), gzipSync(content));
  }
  t = await startTestApp({ WEB_DIST_DIR: dist });
});
afterAll(async () => t?.close());

/** The body as bytes (supertest has already undone the Content-Encoding, as a browser would). */
const binary = (res: SuperagentResponse, callback: (error: Error | null, body: Buffer) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('static files', () => {
  it('sends a hashed asset brotli-compressed to a browser that accepts it, cached for a year', async () => {
    const res = await t.request().get('/assets/index-Abc123_x.js').set('Accept-Encoding', 'gzip, deflate, br').buffer(true).parse(binary).expect(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^(application|text)\/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    // What was sent is the build's .br file (supertest then decompresses it, as a browser would).
    expect(Number(res.headers['content-length'])).toBe(fs.statSync(path.join(dist, 'assets/index-Abc123_x.js.br')).size);
    expect((res.body as Buffer).toString()).toBe(SCRIPT);
  });

  it('falls back to gzip, then to the file as it is', async () => {
    const gz = await t.request().get('/assets/index-Abc123_x.js').set('Accept-Encoding', 'gzip').buffer(true).parse(binary).expect(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(Number(gz.headers['content-length'])).toBe(fs.statSync(path.join(dist, 'assets/index-Abc123_x.js.gz')).size);
    expect((gz.body as Buffer).toString()).toBe(SCRIPT);
    // br refused explicitly (q=0): gzip
    const noBr = await t.request().get('/assets/index-Abc123_x.js').set('Accept-Encoding', 'br;q=0, gzip').buffer(true).parse(binary).expect(200);
    expect(noBr.headers['content-encoding']).toBe('gzip');
    const plain = await t.request().get('/assets/index-Abc123_x.js').set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.text).toBe(SCRIPT);
  });

  it('keeps index.html uncached, compressed or not, and the app’s routes fall back to it', async () => {
    const index = await t.request().get('/index.html').set('Accept-Encoding', 'br').buffer(true).parse(binary).expect(200);
    expect(index.headers['content-encoding']).toBe('br');
    expect(index.headers['cache-control']).toBe('no-cache');
    // The app's address itself: its index.html, compressed, checked every time.
    const root = await t.request().get('/').set('Accept-Encoding', 'gzip, deflate, br').buffer(true).parse(binary).expect(200);
    expect(root.headers['content-encoding']).toBe('br');
    expect(root.headers['content-type']).toMatch(/^text\/html/);
    expect(root.headers['cache-control']).toBe('no-cache');
    expect(Number(root.headers['content-length'])).toBe(fs.statSync(path.join(dist, 'index.html.br')).size);
    expect((root.body as Buffer).toString()).toContain('<p>app</p>');
    const route = await t.request().get('/some/client/route').expect(200);
    expect(route.headers['cache-control']).toBe('no-cache');
    expect(route.text).toContain('<p>app</p>');
    // nothing outside the built app
    await t.request().get('/assets/..%2f..%2fetc%2fpasswd').set('Accept-Encoding', 'br').expect((res) => expect(res.headers['content-encoding']).toBeUndefined());
    // the API is not the web app's
    await t.request().get('/api/nothing-here').set('Accept-Encoding', 'br').expect(404);
  });
});
