// `npm start`: builds what is missing, then runs the server in this process's
// place (signals reach it directly, so Ctrl-C stops it cleanly).
const { spawn } = require('node:child_process');
const path = require('node:path');
const { ensureBuilt, root } = require('./ensure-built.cjs');

ensureBuilt(['api', 'web']);
// A person at a terminal needs the address, where the password is and how the demo load goes (all printed as
// plain lines whatever the level); the server's JSON logs below warnings are for operators: LOG_LEVEL=info shows them.
const env = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL || 'warn' };
const child = spawn(process.execPath, [path.join(root, 'dist/apps/api/apps/api/src/main.js')], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
