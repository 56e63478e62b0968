// The API under the load of a review meeting: a generated city of about 1M
// incident rows, then 20 concurrent clients for 30 s driving what the dashboard,
// the flagged-cases and incidents lists (with their search) and a meeting of
// 500 cases call. Prints p50/p95/p99 latency and errors per
// endpoint and overall (goal: p95 under 100 ms, no errors), each against the
// health endpoint measured in the same run under the same load (the cost of the
// HTTP stack alone). Then the web app's production bundle size (gzip).
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { Client } = require('pg');
const { cli, freshDatabase, request: timedRequest, startServer } = require('./support.cjs');

const ROWS = Number(process.env.BENCH_API_ROWS || 1_000_000);
const CLIENTS = Number(process.env.BENCH_API_CLIENTS || 20);
const SECONDS = Number(process.env.BENCH_API_SECONDS || 30);
const PASSWORD = 'bench-reviewer-password-1';
const fmt = (n) => Math.round(n).toLocaleString('en-US');

const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });

/** A call under load: on the kept-alive sockets of the clients. */
const request = (url, cookie, method, body) => timedRequest(url, cookie, method, body, agent);

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** The web app's built files, each gzipped as a server would send it. */
function bundleSize(root) {
  const dir = path.join(root, 'dist/apps/web');
  let raw = 0;
  let gzip = 0;
  let js = 0;
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const file = path.join(d, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.(js|css|html)$/.test(entry.name)) {
        const content = fs.readFileSync(file);
        const zipped = zlib.gzipSync(content, { level: 9 }).length;
        raw += content.length;
        gzip += zipped;
        if (entry.name.endsWith('.js')) js += zipped;
      }
    }
  };
  walk(dir);
  return { raw, gzip, js };
}

/** A meeting with `size` cases on its agenda: the default agenda, then cases added by hand up to `size`. */
async function meetingOf(url, cookie, size, q) {
  const created = await request(`${url}/api/meetings`, cookie, 'POST', { date: '2022-07-01', title: 'Bench meeting' });
  if (created.status !== 201) throw new Error(`meeting: ${created.status} ${created.body}`);
  const { id } = JSON.parse(created.body);
  let detail = JSON.parse((await request(`${url}/api/meetings/${id}/agenda/build`, cookie, 'POST', {})).body);
  const onAgenda = new Set(detail.agenda.map((item) => item.caseId));
  for (let start = 0; onAgenda.size < size; start += 500) {
    const flags = JSON.parse((await request(`${url}/api/flags?${q({ range: [start, start + 499], filter: { status: ['current'] } })}`, cookie)).body);
    if (flags.length === 0) break;
    for (const flag of flags) {
      if (onAgenda.size >= size) break;
      if (onAgenda.has(flag.caseId)) continue;
      const added = await request(`${url}/api/meetings/${id}/agenda`, cookie, 'POST', { flagId: flag.id });
      if (added.status !== 201) throw new Error(`agenda: ${added.status} ${added.body}`);
      onAgenda.add(flag.caseId);
    }
  }
  detail = JSON.parse((await request(`${url}/api/meetings/${id}`, cookie)).body);
  return { id, size: detail.agenda.length };
}

exports.run = async ({ root }) => {
  const { startEmbeddedPostgres } = require(path.join(root, 'dist/apps/api/apps/api/src/database/embedded-postgres.js'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sra-bench-api-pg-'));
  const cityDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sra-bench-api-city-'));
  const pg = await startEmbeddedPostgres({ dataDir, mode: 'exclusive', database: 'postgres' });
  let server;
  try {
    const env = { ...(await freshDatabase(pg, 'bench_api')), PERSON_KEY_SECRET: 'bench-person-key-secret-0123456789abcdef' };
    process.stdout.write(`generating and loading a city of ${fmt(ROWS)} incident rows...\n`);
    cli(root, ['generate', '--out', cityDir, '--incidents', String(ROWS), '--seed', 'bench-api'], {});
    cli(root, ['db:migrate'], env);
    for (const [kind, file] of [['incidents', 'incidents.csv'], ['incident-persons', 'incident-persons.csv'], ['arrests', 'arrests.csv'], ['da-decisions', 'da-decisions.csv']]) {
      cli(root, ['ingest', kind, path.join(cityDir, file), '--no-evaluate'], env);
    }
    const evaluation = cli(root, ['evaluate', '--full'], env).out;
    process.stdout.write(`loaded; ${fmt(evaluation.flagsCurrent)} current flags\n`);
    cli(root, ['users:add', '--email', 'bench.reviewer@example.org', '--role', 'reviewer'], env, `${PASSWORD}\n`);
    // What autovacuum would do soon after a bulk load, done now so it does not run in the middle of the measurement.
    const vacuumStarted = Date.now();
    // As the owner: the app role may analyse only the import tables.
    const db = new Client({ connectionString: env.DATABASE_OWNER_URL });
    await db.connect();
    await db.query('VACUUM (ANALYZE)');
    await db.end();
    process.stdout.write(`vacuumed and analysed in ${((Date.now() - vacuumStarted) / 1000).toFixed(1)} s\n`);

    server = await startServer(root, { ...env, PORT: '0', NODE_ENV: 'production', AUDIT_DEMO: 'false', AUDIT_DATA_DIR: path.join(cityDir, 'app') });
    const login = await request(`${server.url}/api/auth/login`, null, 'POST', { email: 'bench.reviewer@example.org', password: PASSWORD });
    if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${login.body}`);
    const cookie = login.headers['set-cookie'].map((c) => c.split(';')[0]).join('; ');

    // What the dashboard and the list ask for in a meeting: default views, other filters, click-throughs, pages.
    const dash = await request(`${server.url}/api/dashboard`, cookie);
    const { query, byDistrict } = JSON.parse(dash.body);
    const district = byDistrict[0]?.key ?? 'Mission';
    const q = (o) => Object.entries(o).map(([k, v]) => `${k}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`).join('&');
    const clickThrough = { status: ['current'], confidence: ['high', 'medium'], reviewStatus: ['new', 'in_review', 'confirmed_violation'], reportFrom: `${query.from}-01`, reportUntil: `${query.to}-28`, policeDistrict: district };
    // The incidents list's search: the first four digits of the newest incident's number.
    const [newest] = JSON.parse((await request(`${server.url}/api/incidents?${q({ range: [0, 0] })}`, cookie)).body);
    const meeting = await meetingOf(server.url, cookie, 500, q);
    const ENDPOINTS = {
      health: `/api/health`,
      'dashboard (default)': `/api/dashboard`,
      'dashboard (low, one district)': `/api/dashboard?${q({ threshold: 'low', district })}`,
      'dashboard (one rule, agency)': `/api/dashboard?${q({ rule: 'sfpd-psw-2017', agency: 'SFPD' })}`,
      'measures by month': `/api/measures?groupBy=month`,
      'measures by district': `/api/measures?groupBy=district`,
      'flags list (page 1)': `/api/flags?${q({ sort: ['actionDate', 'DESC'], range: [0, 24], filter: { status: ['current'] } })}`,
      'flags list (click-through, by confidence)': `/api/flags?${q({ sort: ['confidence', 'DESC'], range: [0, 24], filter: clickThrough })}`,
      'flags list (page 5, by district)': `/api/flags?${q({ sort: ['policeDistrict', 'ASC'], range: [100, 124] })}`,
      'cases list (search by incident number)': `/api/cases?${q({ range: [0, 24], filter: { status: ['current'], q: newest.id.slice(0, 4) } })}`,
      'incidents list (page 1)': `/api/incidents?${q({ range: [0, 24] })}`,
      'incidents list (page 40, by category)': `/api/incidents?${q({ sort: ['incidentCategory', 'ASC'], range: [975, 999] })}`,
      'incidents list (search by incident number)': `/api/incidents?${q({ range: [0, 24], filter: { q: newest.id.slice(0, 4) } })}`,
      [`meeting of ${meeting.size} cases`]: `/api/meetings/${meeting.id}`,
    };
    // The first call computes (the dashboard and measures are then reused until the data changes): its time, alone.
    const first = {};
    for (const [name, url] of Object.entries(ENDPOINTS)) {
      const res = await request(server.url + url, cookie);
      if (res.status !== 200) throw new Error(`${name}: ${res.status} ${res.body.slice(0, 300)}`);
      first[name] = res.ms;
    }

    const names = Object.keys(ENDPOINTS);
    const latencies = Object.fromEntries(names.map((n) => [n, []]));
    const errors = Object.fromEntries(names.map((n) => [n, 0]));
    const until = Date.now() + SECONDS * 1000;
    let next = 0;
    process.stdout.write(`${CLIENTS} clients for ${SECONDS} s over ${names.length} endpoints (round robin)...\n`);
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (Date.now() < until) {
          const name = names[next++ % names.length];
          try {
            const res = await request(server.url + ENDPOINTS[name], cookie);
            if (res.status !== 200) errors[name]++;
            else latencies[name].push(res.ms);
          } catch {
            errors[name]++;
          }
        }
      }),
    );

    const line = (name, list, errs, base) => {
      const s = [...list].sort((a, b) => a - b);
      const p95 = percentile(s, 95);
      const ratio = base ? `  = ${(p95 / base).toFixed(1)}x health` : '';
      const alone = first[name] === undefined ? ' '.repeat(15) : `first ${first[name].toFixed(0).padStart(4)} ms  `;
      return `${name.padEnd(44)} ${alone}${String(s.length).padStart(6)} req  p50 ${percentile(s, 50).toFixed(1).padStart(6)} ms  p95 ${p95.toFixed(1).padStart(6)} ms  p99 ${percentile(s, 99).toFixed(1).padStart(6)} ms  errors ${errs}${ratio}`;
    };
    const healthP95 = percentile([...latencies.health].sort((a, b) => a - b), 95);
    for (const name of names) process.stdout.write(`${line(name, latencies[name], errors[name], name === 'health' ? null : healthP95)}\n`);
    const all = names.filter((n) => n !== 'health').flatMap((n) => latencies[n]);
    const allErrors = names.reduce((sum, n) => sum + errors[n], 0);
    const total = all.length + latencies.health.length;
    process.stdout.write(`${line('all but health', all, allErrors, healthP95)}\n`);
    const p95 = percentile([...all].sort((a, b) => a - b), 95);
    process.stdout.write(`throughput ${(total / SECONDS).toFixed(0)} requests/s; p95 ${p95.toFixed(1)} ms (goal under 100 ms), ${allErrors} errors (goal none)\n`);
  } finally {
    if (server) {
      server.child.removeAllListeners('exit');
      server.child.kill('SIGTERM');
      await new Promise((resolve) => server.child.once('exit', resolve));
    }
    agent.destroy();
    await pg.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(cityDir, { recursive: true, force: true });
  }

  const size = bundleSize(root);
  process.stdout.write(`web app production bundle: ${fmt(size.raw / 1024)} KiB, ${fmt(size.gzip / 1024)} KiB gzip (JavaScript ${fmt(size.js / 1024)} KiB gzip)\n`);
};
