// `npm test`: every suite, in order of speed: unit (per Nx project), then
// integration (real PostgreSQL), then browser end-to-end (real Chromium).
// `npm test -- unit|integration|e2e` runs one. Ends with one summary line.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureBuilt, root } = require('./ensure-built.cjs');

const jestBin = path.join(root, 'node_modules/jest/bin/jest.js');
const nxBin = path.join(root, 'node_modules/nx/dist/bin/nx.js');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', FORCE_COLOR: process.env.CI ? '0' : process.env.FORCE_COLOR };
const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sra-test-results-'));

function unitProjects() {
  const out = spawnSync(process.execPath, [nxBin, 'show', 'projects', '--with-target', 'test', '--json'], { cwd: root, env, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`nx show projects failed: ${out.stderr}`);
  return JSON.parse(out.stdout);
}

function jest(name, config) {
  const outputFile = path.join(resultsDir, `${name}.json`);
  const args = [jestBin, '-c', config, '--json', `--outputFile=${outputFile}`, '--ci'];
  process.stdout.write(`\n=== ${name} ===\n`);
  const result = spawnSync(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
  let counts = { passed: 0, failed: 0, skipped: 0 };
  if (fs.existsSync(outputFile)) {
    const r = JSON.parse(fs.readFileSync(outputFile, 'utf8'));
    counts = { passed: r.numPassedTests, failed: r.numFailedTests + (r.numRuntimeErrorTestSuites || 0), skipped: r.numPendingTests + r.numTodoTests };
  }
  if (result.status !== 0 && counts.failed === 0) counts.failed = 1; // a crash before any test ran
  return counts;
}

const SUITES = {
  unit: () => unitProjects().map((project) => jest(`unit:${project}`, findJestConfig(project))),
  integration: () => [jest('integration', 'tests/integration/jest.config.cjs')],
  e2e: () => [jest('e2e', 'tests/e2e/jest.config.cjs')],
};

function findJestConfig(project) {
  for (const dir of ['apps', 'libs']) {
    const file = path.join(dir, project, 'jest.config.cjs');
    if (fs.existsSync(path.join(root, file))) return file;
  }
  throw new Error(`no jest.config.cjs for project ${project}`);
}

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(SUITES);
for (const name of wanted) if (!SUITES[name]) throw new Error(`unknown suite "${name}"; use ${Object.keys(SUITES).join(', ')}`);
if (wanted.some((n) => n !== 'unit')) ensureBuilt(['api', 'web']);

const totals = { passed: 0, failed: 0, skipped: 0 };
for (const name of wanted) {
  for (const c of SUITES[name]()) {
    totals.passed += c.passed;
    totals.failed += c.failed;
    totals.skipped += c.skipped;
  }
}
fs.rmSync(resultsDir, { recursive: true, force: true });
process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}\n`);
process.exit(totals.failed === 0 && totals.skipped === 0 && totals.passed > 0 ? 0 : 1);
