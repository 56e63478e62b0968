// `npm run -s keying -- --config <config.json> --in <extract.csv> --out <import.csv>`: the agencies' keying kit
// (docs/keying.md), bundled on demand into dist/keying/keying-kit.cjs, the single file an agency is handed.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { ensureBuilt, root } = require('./ensure-built.cjs');

ensureBuilt(['keying-kit']);
const result = spawnSync(process.execPath, [path.join(root, 'dist/keying/keying-kit.cjs'), ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
