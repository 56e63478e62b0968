// `npm start`: builds what is missing, then runs the server in this process's
// place (signals reach it directly, so Ctrl-C stops it cleanly).
const { spawn } = require('node:child_process');
const path = require('node:path');
const { ensureBuilt, root } = require('./ensure-built.cjs');

ensureBuilt(['api', 'web']);
const child = spawn(process.execPath, [path.join(root, 'dist/apps/api/apps/api/src/main.js')], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
