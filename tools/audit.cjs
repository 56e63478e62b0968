// `npm run -s audit -- <command>`: the operators' CLI, built on demand.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { ensureBuilt, root } = require('./ensure-built.cjs');

ensureBuilt(['api']);
// A larger young generation: the generator allocates many short-lived strings.
const result = spawnSync(process.execPath, ['--max-semi-space-size=64', path.join(root, 'dist/apps/api/apps/api/src/cli/main.js'), ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
