// `npm run dev`: the web app with hot reload (Vite) on WEB_DEV_PORT (5173),
// proxying /api to the API on API_PORT (3333), which is rebuilt and restarted
// whenever its sources change.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { ensureBuilt, root } = require('./ensure-built.cjs');

const apiPort = process.env.API_PORT || '3333';
const webPort = process.env.WEB_DEV_PORT || '5173';
ensureBuilt(['api']);

const children = [];
function run(name, args, env = {}) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  child.on('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`[dev] ${name} exited (${code ?? signal})\n`);
  });
  children.push(child);
  return child;
}

let stopping = false;
const apiMain = path.join(root, 'dist/apps/api/apps/api/src/main.js');
run('api', ['--watch-path', path.join(root, 'dist/apps/api'), apiMain], { PORT: apiPort, LOG_LEVEL: process.env.LOG_LEVEL || 'info' });
run('web', [path.join(root, 'node_modules/vite/bin/vite.js'), '--config', 'apps/web/vite.config.mts'], { API_PORT: apiPort, WEB_DEV_PORT: webPort });
process.stderr.write(`[dev] web app with hot reload: http://localhost:${webPort} (API on port ${apiPort})\n`);

let timer = null;
function rebuild() {
  process.stderr.write('[dev] API sources changed: rebuilding...\n');
  const r = spawnSync(process.execPath, [path.join(__dirname, 'build-api.cjs'), '--keep'], { cwd: root, stdio: 'inherit' });
  process.stderr.write(r.status === 0 ? '[dev] API rebuilt; restarting it\n' : '[dev] API build failed; keeping the running version\n');
}
for (const dir of ['apps/api/src', 'libs']) {
  fs.watch(path.join(root, dir), { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(rebuild, 300);
  });
}

function stop(signal) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill(signal);
  setTimeout(() => process.exit(0), 5000).unref();
  Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.on('exit', r))))).then(() => process.exit(0));
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
