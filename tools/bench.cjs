// `npm run bench -- <name>`: performance figures, each against a baseline
// measured in the same run on the same machine. Benchmarks print; they never
// fail on a time (these machines are shared and noisy).
const path = require('node:path');
const { ensureBuilt } = require('./ensure-built.cjs');

const BENCHES = {
  generate: () => require('../tests/bench/generate.bench.cjs'),
  ingest: () => require('../tests/bench/ingest.bench.cjs'),
  'unclosed-quote': () => require('../tests/bench/unclosed-quote.bench.cjs'),
  evaluate: () => require('../tests/bench/evaluate.bench.cjs'),
  api: () => require('../tests/bench/api.bench.cjs'),
  report: () => require('../tests/bench/report.bench.cjs'),
  release: () => require('../tests/bench/release.bench.cjs'),
  pages: () => require('../tests/bench/pages.bench.cjs'),
  web: () => require('../tests/bench/web.bench.cjs'),
  linkage: () => require('../tests/bench/linkage.bench.cjs'),
};

const names = process.argv.slice(2);
if (names.length === 0 || names.some((n) => !BENCHES[n])) {
  process.stderr.write(`usage: npm run bench -- <${Object.keys(BENCHES).join('|')}> [...]\n`);
  process.exit(2);
}
// The linkage bench builds its own bundle (tools/build-keying.cjs) and needs no server.
if (names.some((n) => n !== 'linkage')) ensureBuilt(names.some((n) => ['api', 'pages', 'web'].includes(n)) ? ['api', 'web'] : ['api']);
(async () => {
  for (const name of names) {
    process.stdout.write(`\n=== bench: ${name} ===\n`);
    await BENCHES[name]().run({ root: path.resolve(__dirname, '..') });
  }
})().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
