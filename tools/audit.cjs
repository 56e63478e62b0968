// `npm run -s audit -- <command>`: the operators' CLI, built on demand.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { ensureBuilt, root } = require('./ensure-built.cjs');

ensureBuilt(['api']);
const result = spawnSync(process.execPath, [path.join(root, 'dist/apps/api/apps/api/src/cli/main.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
