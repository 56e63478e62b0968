// Every page of the demo city, as the web app asks for it: each list's first page, each detail page, the dashboard,
// a meeting of 500 cases, a report. The demo city is what `npm start` loads (issue 14: "no page of the demo city
// takes more than a second"). Each call is timed alone, one at a time (a person opening a page, not a load test;
// `npm run bench -- api` is the load test), PAGES_RUNS times after one warm-up call; printed with the health
// endpoint's time measured in the same run as the baseline (the cost of the HTTP stack alone).
const { request, startServer } = require('./support.cjs');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const RUNS = Number(process.env.PAGES_RUNS || 5);
const PASSWORD = 'bench-pages-admin-password-1';
const GOAL_MS = 1000;

async function json(url, cookie, method, body) {
  const res = await request(url, cookie, method, body);
  if (res.status < 200 || res.status >= 300) throw new Error(`${method ?? 'GET'} ${url}: ${res.status} ${res.body.slice(0, 300)}`);
  return res.body ? JSON.parse(res.body) : null;
}

/** The demo city, as `npm start` loads it, in a data directory of its own. */
function startDemoServer(root, dataDir) {
  return startServer(root, { PORT: '0', NODE_ENV: 'production', AUDIT_DEMO: 'true', AUDIT_DATA_DIR: dataDir, AUDIT_ADMIN_PASSWORD: PASSWORD, PERSON_KEY_SECRET: 'bench-person-key-secret-0123456789abcdef' });
}

const q = (o) => Object.entries(o).map(([k, v]) => `${k}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`).join('&');
const listOf = (resource, sort, filter = {}) => `/api/${resource}?${q({ sort, range: [0, 24], filter })}`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

exports.run = async ({ root }) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sra-bench-pages-'));
  const server = await startDemoServer(root, dataDir);
  try {
    const login = await request(`${server.url}/api/auth/login`, null, 'POST', { email: 'admin@localhost', password: PASSWORD });
    if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${login.body}`);
    const cookie = login.headers['set-cookie'].map((c) => c.split(';')[0]).join('; ');

    process.stdout.write('waiting for the demo city to load...\n');
    const loadStarted = Date.now();
    for (;;) {
      const status = await json(`${server.url}/api/evaluation/status`, cookie);
      const flags = await request(`${server.url}/api/flags?${q({ range: [0, 0] })}`, cookie);
      const total = Number(String(flags.headers['content-range'] ?? '').split('/')[1]);
      if (total > 0 && status.upToDate) break;
      if (Date.now() - loadStarted > 15 * 60_000) throw new Error('the demo city did not load within 15 minutes');
      await new Promise((r) => setTimeout(r, 1000));
    }
    process.stdout.write(`demo city loaded in ${((Date.now() - loadStarted) / 1000).toFixed(0)} s\n`);

    // One of each kind of record, for the detail pages.
    const first = async (resource, sort) => (await json(`${server.url}${listOf(resource, sort)}`, cookie))[0];
    // One at a time, as everything here: just after the demo load the server builds the released figures, and ten
    // calls at once then find the database busy (503).
    const flag = await first('flags', ['actionDate', 'DESC']);
    const kase = await first('cases', ['actionDate', 'DESC']);
    const incident = await first('incidents', ['reportDatetime', 'DESC']);
    const arrest = await first('arrests', ['arrestDate', 'DESC']);
    const decision = await first('da-decisions', ['actionDate', 'DESC']);
    const code = await first('charge-codes', ['known', 'ASC']);
    const policy = await first('policy-versions', ['ruleId', 'ASC']);
    const user = await first('users', ['email', 'ASC']);
    const audit = await first('audit-log', ['at', 'DESC']);
    const batch = await first('import-batches', ['startedAt', 'DESC']);

    // A meeting with 500 cases on its agenda (the issue's size), added in bulk as the agenda screen does.
    const meeting = await json(`${server.url}/api/meetings`, cookie, 'POST', { date: '2022-07-01', title: 'Bench meeting of 500 cases' });
    const cases = await json(`${server.url}/api/cases?${q({ sort: ['actionDate', 'DESC'], range: [0, 499], filter: { status: ['current'] } })}`, cookie);
    await json(`${server.url}/api/meetings/${meeting.id}/agenda/bulk`, cookie, 'POST', { ids: cases.map((c) => c.id) });
    const meetingSize = (await json(`${server.url}/api/meetings/${meeting.id}`, cookie)).agenda.length;

    // A report of the demo city's last month with flags.
    const dashboard = await json(`${server.url}/api/dashboard`, cookie);
    const report = await json(`${server.url}/api/reports`, cookie, 'POST', { month: dashboard.query.to });

    const PAGES = {
      health: '/api/health',
      'dashboard': '/api/dashboard',
      'dashboard: measures by month': '/api/measures?groupBy=month',
      'flagged cases (list)': listOf('cases', ['actionDate', 'DESC'], { status: ['current'] }),
      'flagged cases (search "2")': listOf('cases', ['actionDate', 'DESC'], { status: ['current'], q: '2' }),
      'a case': `/api/cases/${kase.id}`,
      'flags (list)': listOf('flags', ['actionDate', 'DESC'], { status: ['current'] }),
      'a flag': `/api/flags/${flag.id}`,
      'incidents (list)': listOf('incidents', ['reportDatetime', 'DESC']),
      'incidents (search "2")': listOf('incidents', ['reportDatetime', 'DESC'], { q: '2' }),
      'an incident': `/api/incidents/${encodeURIComponent(incident.id)}`,
      'arrests (list)': listOf('arrests', ['arrestDate', 'DESC']),
      'an arrest': `/api/arrests/${encodeURIComponent(arrest.id)}`,
      'DA decisions (list)': listOf('da-decisions', ['actionDate', 'DESC']),
      'a DA decision': `/api/da-decisions/${encodeURIComponent(decision.id)}`,
      'charge codes (list)': listOf('charge-codes', ['known', 'ASC']),
      'a charge code': `/api/charge-codes/${encodeURIComponent(code.id)}`,
      'policy versions (list)': listOf('policy-versions', ['ruleId', 'ASC']),
      'a policy version': `/api/policy-versions/${encodeURIComponent(policy.id)}`,
      'imports (list)': listOf('import-batches', ['startedAt', 'DESC']),
      'an import': `/api/import-batches/${encodeURIComponent(batch.id)}`,
      "an import's rejected rows": `/api/import-rejects?${q({ sort: ['line', 'ASC'], range: [0, 24], filter: { batchId: batch.id } })}`,
      'audit log (list)': listOf('audit-log', ['at', 'DESC']),
      'an audit entry': `/api/audit-log/${encodeURIComponent(audit.id)}`,
      'users (list)': listOf('users', ['email', 'ASC']),
      'a user': `/api/users/${encodeURIComponent(user.id)}`,
      'meetings (list)': listOf('meetings', ['date', 'DESC']),
      [`a meeting of ${meetingSize} cases`]: `/api/meetings/${meeting.id}`,
      'reports (list)': listOf('reports', ['month', 'DESC']),
      'a report': `/api/reports/${report.id}`,
    };

    const times = {};
    for (const [name, address] of Object.entries(PAGES)) {
      const warm = await request(server.url + address, cookie);
      if (warm.status !== 200) throw new Error(`${name}: ${address}: ${warm.status} ${warm.body.slice(0, 300)}`);
      times[name] = [];
      for (let i = 0; i < RUNS; i++) times[name].push((await request(server.url + address, cookie)).ms);
    }
    const health = median(times.health);
    process.stdout.write(`\neach page's API call, median and slowest of ${RUNS} (after a warm-up), against health (${health.toFixed(1)} ms):\n`);
    let slow = 0;
    for (const [name, list] of Object.entries(times)) {
      if (name === 'health') continue;
      const worst = Math.max(...list);
      if (worst >= GOAL_MS) slow++;
      process.stdout.write(
        `${name.padEnd(34)} median ${median(list).toFixed(1).padStart(7)} ms  slowest ${worst.toFixed(1).padStart(7)} ms  = ${(median(list) / health).toFixed(1).padStart(6)}x health${worst >= GOAL_MS ? '  OVER 1 s' : ''}\n`,
      );
    }
    process.stdout.write(`\n${slow === 0 ? 'every page answered in under a second' : `${slow} page(s) took a second or more`} (goal: under ${GOAL_MS} ms)\n`);
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
};
