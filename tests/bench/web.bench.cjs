// The web app in a browser (issue 14): Lighthouse 12 (desktop preset) on the demo city, signed in as the admin, on
// the dashboard, the flagged cases, one case and one report. Prints each page's performance, accessibility and best
// practices scores, total blocking time and cumulative layout shift, and which goals are met (performance at least
// 90, accessibility and best practices 100, TBT under 200 ms, CLS under 0.1). A missed goal is printed, never a
// failure (these machines are shared and noisy); Lighthouse failing to run is one.
//
// The server is the built app on the demo city (AUDIT_DEMO=true, as `npm start`), in a data directory of its own:
// a new one removed afterwards, or BENCH_WEB_DATA_DIR kept between runs (the demo city loads once, which takes
// minutes). BENCH_WEB_RUNS=n runs Lighthouse n times per page and reports the median run (by performance score);
// BENCH_WEB_PAGES=dashboard,case measures only those pages; BENCH_WEB_REPORTS=dir keeps each run's Lighthouse JSON.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const PASSWORD = 'bench-web-admin-password-1';
const RUNS = Math.max(1, Number(process.env.BENCH_WEB_RUNS || 1));
const GOALS = { performance: 90, accessibility: 100, bestPractices: 100, tbtMs: 200, cls: 0.1 };

/** A port nobody listens on now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The built server; resolves once it has said the demo data is loaded (or that the database was not empty). */
function startServer(root, env) {
  const child = spawn(process.execPath, [path.join(root, 'dist/apps/api/apps/api/src/main.js')], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    let url = null;
    child.stdout.on('data', (chunk) => {
      const text = chunk.toString();
      out += text;
      for (const line of text.split('\n')) if (/demo|load/i.test(line) && line.trim()) process.stdout.write(`  server: ${line.trim()}\n`);
      const running = /running at (http:\/\/\S+)/.exec(out);
      if (running && !url) url = running[1].replace(/\/$/, '');
      if (!url) return;
      if (/Demo data loaded/.test(out)) resolve({ child, url });
      // A kept data directory: nothing to load (the server says "Loading demo data" only for an empty database).
      else if (!/Loading demo data/.test(out)) setTimeout(() => !/Loading demo data/.test(out) && resolve({ child, url }), 1000);
    });
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('exit', (code) => reject(new Error(`the server exited (${code}): ${err.slice(-2000)}`)));
  });
}

/** A call to the API; a 503 (busy: the server builds the released figures after loading the demo) is tried again. */
async function api(url, cookie, pathAndQuery, init = {}) {
  let res;
  let text;
  for (let attempt = 0; ; attempt++) {
    res = await fetch(url + pathAndQuery, { ...init, headers: { cookie: cookie ?? '', 'content-type': 'application/json', origin: url, ...(init.headers ?? {}) } });
    text = await res.text();
    if (res.status !== 503 || attempt >= 60) break;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${pathAndQuery}: ${res.status} ${text.slice(0, 300)}`);
  return { res, body: text ? JSON.parse(text) : null };
}

/** Signs in as the admin through the API: the session cookie, as a Cookie header. */
async function signIn(url) {
  const { res } = await api(url, null, '/api/auth/login', { method: 'POST', body: JSON.stringify({ email: 'admin@localhost', password: PASSWORD }) });
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
  if (cookies.length === 0) throw new Error('signing in set no cookie');
  return cookies.join('; ');
}

/** The pages measured: ids found through the API (the newest flagged case, the newest report, made if none). */
async function pagesOf(url, cookie) {
  const q = (o) => Object.entries(o).map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`).join('&');
  const { body: cases } = await api(url, cookie, `/api/cases?${q({ range: [0, 0], filter: { status: ['current'] } })}`);
  if (!cases.length) throw new Error('the demo city has no flagged case');
  let { body: reports } = await api(url, cookie, `/api/reports?${q({ range: [0, 0] })}`);
  if (!reports.length) {
    const { body: dashboard } = await api(url, cookie, '/api/dashboard');
    await api(url, cookie, '/api/reports', { method: 'POST', body: JSON.stringify({ month: dashboard.query.to }) });
    ({ body: reports } = await api(url, cookie, `/api/reports?${q({ range: [0, 0] })}`));
  }
  if (!reports.length) throw new Error('no report could be made');
  // A meeting of 500 cases (issue 14: "a meeting page with 500 cases opens in under a second"): every case of every
  // confidence and status, from the beginning, made once and found again in a kept data directory.
  const { body: meetings } = await api(url, cookie, `/api/meetings?${q({ range: [0, 99] })}`);
  let meeting = meetings.find((m) => m.title === 'Bench: 500 cases');
  if (!meeting) {
    ({ body: meeting } = await api(url, cookie, '/api/meetings', { method: 'POST', body: JSON.stringify({ date: '2022-07-01', title: 'Bench: 500 cases' }) }));
    const built = { since: null, confidence: ['high', 'medium', 'low'], reviewStatus: ['new', 'in_review', 'confirmed_violation', 'not_a_violation', 'policy_exception', 'data_error'], limit: 500 };
    await api(url, cookie, `/api/meetings/${encodeURIComponent(meeting.id)}/agenda/build`, { method: 'POST', body: JSON.stringify(built) });
  }
  const { body: detail } = await api(url, cookie, `/api/meetings/${encodeURIComponent(meeting.id)}`);
  const all = [
    { name: 'dashboard', url: `${url}/#/` },
    { name: 'flagged cases', url: `${url}/#/cases` },
    { name: 'a case', url: `${url}/#/cases/${encodeURIComponent(cases[0].id)}/show` },
    { name: 'a report', url: `${url}/#/reports/${encodeURIComponent(reports[0].id)}/show` },
    { name: `meeting (${detail.agenda.length})`, url: `${url}/#/meetings/${encodeURIComponent(meeting.id)}/show` },
  ];
  // BENCH_WEB_PAGES=dashboard,report measures only the pages whose names contain one of those words.
  const only = (process.env.BENCH_WEB_PAGES ?? '').split(',').map((w) => w.trim()).filter(Boolean);
  return only.length ? all.filter((p) => only.some((w) => p.name.includes(w))) : all;
}

function figuresOf(lhr) {
  const score = (id) => (lhr.categories[id]?.score == null ? NaN : Math.round(lhr.categories[id].score * 100));
  const numeric = (id) => lhr.audits[id]?.numericValue ?? NaN;
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    tbtMs: numeric('total-blocking-time'),
    cls: numeric('cumulative-layout-shift'),
    fcpMs: numeric('first-contentful-paint'),
    lcpMs: numeric('largest-contentful-paint'),
    jsKiB: (lhr.audits['resource-summary']?.details?.items ?? []).find((i) => i.resourceType === 'script')?.transferSize / 1024,
    failing: Object.values(lhr.audits)
      .filter((a) => a.score !== null && a.score < 1 && ['accessibility', 'best-practices'].some((c) => lhr.categories[c]?.auditRefs.some((r) => r.id === a.id && r.weight > 0)))
      .map((a) => a.id),
    runtimeError: lhr.runtimeError?.message ?? null,
  };
}

const met = (f) => ({
  'perf ≥ 90': f.performance >= GOALS.performance,
  'a11y 100': f.accessibility >= GOALS.accessibility,
  'BP 100': f.bestPractices >= GOALS.bestPractices,
  'TBT < 200 ms': f.tbtMs < GOALS.tbtMs,
  'CLS < 0.1': f.cls < GOALS.cls,
});

exports.run = async ({ root }) => {
  const { chromiumPath } = require(path.join(root, 'tests/bench/chromium.cjs'));
  const { default: lighthouse } = await import('lighthouse');
  const { default: desktopConfig } = await import('lighthouse/core/config/desktop-config.js');
  const chromeLauncher = await import('chrome-launcher');

  const kept = process.env.BENCH_WEB_DATA_DIR;
  const dataDir = kept ? path.resolve(kept) : fs.mkdtempSync(path.join(os.tmpdir(), 'sra-bench-web-'));
  fs.mkdirSync(dataDir, { recursive: true });
  const started = Date.now();
  process.stdout.write(`starting the server on the demo city in ${dataDir}${kept ? ' (kept)' : ''}; a new data directory loads the demo city first (minutes)...\n`);
  const port = await freePort();
  let server;
  let chrome;
  try {
    server = await startServer(root, { AUDIT_DEMO: 'true', AUDIT_DATA_DIR: dataDir, PORT: String(port), AUDIT_ADMIN_PASSWORD: PASSWORD });
    process.stdout.write(`server ready at ${server.url} after ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
    const cookie = await signIn(server.url);
    const pages = await pagesOf(server.url, cookie);
    // Warm the server's caches (the dashboard's figures are computed once per data version), as a person's second visit.
    for (const p of ['/api/dashboard', '/api/health']) await api(server.url, cookie, p);

    chrome = await chromeLauncher.launch({
      chromePath: await chromiumPath(),
      chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      logLevel: 'silent',
    });
    const results = [];
    for (const page of pages) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        const result = await lighthouse(
          page.url,
          { port: chrome.port, output: 'json', logLevel: 'error', extraHeaders: { Cookie: cookie }, onlyCategories: ['performance', 'accessibility', 'best-practices'] },
          desktopConfig,
        );
        if (!result?.lhr) throw new Error(`Lighthouse gave no result for ${page.name}`);
        const figures = figuresOf(result.lhr);
        if (figures.runtimeError || Number.isNaN(figures.performance)) throw new Error(`Lighthouse could not measure ${page.name}: ${figures.runtimeError ?? 'no performance score'}`);
        if (process.env.BENCH_WEB_REPORTS) {
          fs.mkdirSync(process.env.BENCH_WEB_REPORTS, { recursive: true });
          fs.writeFileSync(path.join(process.env.BENCH_WEB_REPORTS, `${page.name.replace(/\W+/g, '-')}-${i + 1}.json`), result.report);
        }
        runs.push(figures);
      }
      runs.sort((a, b) => a.performance - b.performance);
      results.push({ page, figures: runs[Math.floor((runs.length - 1) / 2)], all: runs });
    }

    process.stdout.write(`\nLighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } }).catch(() => ({ default: { version: '12' } }))).default.version}, desktop preset, signed in as admin${RUNS > 1 ? `, median of ${RUNS} runs` : ''}\n`);
    process.stdout.write(`${'page'.padEnd(14)} ${'perf'.padStart(4)} ${'a11y'.padStart(4)} ${'BP'.padStart(4)} ${'TBT'.padStart(7)} ${'CLS'.padStart(6)} ${'FCP'.padStart(7)} ${'LCP'.padStart(7)} ${'JS'.padStart(8)}  goals\n`);
    let missed = 0;
    for (const { page, figures: f, all } of results) {
      const goals = met(f);
      const misses = Object.entries(goals).filter(([, ok]) => !ok).map(([g]) => g);
      missed += misses.length;
      process.stdout.write(
        `${page.name.padEnd(14)} ${String(f.performance).padStart(4)} ${String(f.accessibility).padStart(4)} ${String(f.bestPractices).padStart(4)} ${`${Math.round(f.tbtMs)} ms`.padStart(7)} ${f.cls.toFixed(3).padStart(6)} ${`${Math.round(f.fcpMs)} ms`.padStart(7)} ${`${Math.round(f.lcpMs)} ms`.padStart(7)} ${`${Math.round(f.jsKiB ?? 0)} KiB`.padStart(8)}  ${misses.length ? `missed: ${misses.join(', ')}` : 'all met'}\n`,
      );
      if (all.length > 1) process.stdout.write(`${''.padEnd(14)} runs: perf ${all.map((r) => r.performance).join(', ')}; TBT ${all.map((r) => Math.round(r.tbtMs)).join(', ')} ms; CLS ${all.map((r) => r.cls.toFixed(3)).join(', ')}\n`);
      if (f.failing.length) process.stdout.write(`${''.padEnd(14)} failing accessibility/best-practices audits: ${f.failing.join(', ')}\n`);
    }
    process.stdout.write(`goals: performance ≥ ${GOALS.performance}, accessibility ${GOALS.accessibility}, best practices ${GOALS.bestPractices}, TBT < ${GOALS.tbtMs} ms, CLS < ${GOALS.cls}: ${missed === 0 ? 'all met on every page' : `${missed} missed (printed, not a failure: the machine may be busy)`}\n`);
  } finally {
    if (chrome) await chrome.kill();
    if (server) {
      server.child.removeAllListeners('exit');
      server.child.kill('SIGTERM');
      await new Promise((resolve) => server.child.once('exit', resolve));
    }
    if (!kept) fs.rmSync(dataDir, { recursive: true, force: true });
  }
};
