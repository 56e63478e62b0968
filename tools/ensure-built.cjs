// Builds what is missing or older than its sources, through Nx (cached), with
// the build's output on stderr so that stdout stays clean for CLI output.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

const TARGETS = {
  api: { output: 'dist/apps/api/apps/api/src/main.js', sources: ['apps/api/src', 'libs', 'tsconfig.base.json', 'tools/build-api.cjs'] },
  web: { output: 'dist/apps/web/index.html', sources: ['apps/web', 'libs', 'tsconfig.base.json'] },
  'keying-kit': { output: 'dist/keying/keying-kit.cjs', sources: ['apps/keying-kit/src', 'libs', 'tsconfig.base.json', 'tools/build-keying.cjs'] },
};

function newestMtime(p) {
  const full = path.join(root, p);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(full)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

function stale(name) {
  const { output, sources } = TARGETS[name];
  const out = path.join(root, output);
  if (!fs.existsSync(out)) return true;
  const built = fs.statSync(out).mtimeMs;
  return sources.some((s) => newestMtime(s) > built);
}

function ensureBuilt(names) {
  const todo = names.filter(stale);
  if (todo.length === 0) return;
  process.stderr.write(`Building ${todo.join(' and ')}...\n`);
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/nx/dist/bin/nx.js'), 'run-many', '-t', 'build', '-p', ...todo, '--outputStyle=stream'], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
  });
  if (result.status !== 0) {
    process.stderr.write(`The build failed (exit ${result.status}); see above.\n`);
    process.exit(result.status ?? 1);
  }
}

module.exports = { ensureBuilt, root };
if (require.main === module) ensureBuilt(process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(TARGETS));
