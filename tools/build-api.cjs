// Compiles the API (and the libs it imports) with tsc, which keeps Nest's
// decorator metadata, then rewrites the workspace path aliases (@sra/*) in the
// emitted CommonJS to relative requires, so plain `node` can run the output.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const out = path.join(root, 'dist/apps/api');
// `--keep` (dev mode) compiles over the previous output, so a watching server never sees it vanish.
if (!process.argv.includes('--keep')) fs.rmSync(out, { recursive: true, force: true });
execFileSync(path.join(root, 'node_modules/.bin/tsc'), ['-p', 'apps/api/tsconfig.app.json'], { cwd: root, stdio: 'inherit' });

const { paths } = require(path.join(root, 'tsconfig.base.json')).compilerOptions;
const aliases = Object.entries(paths).map(([alias, [target]]) => [alias, path.join(out, target.replace(/\.ts$/, '.js'))]);

// The aliases the output requires: each must have compiled (a lib the API does not import, such as the keying
// kit's, is not built here).
const required = new Set();
function rewrite(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) rewrite(file);
    else if (entry.name.endsWith('.js')) {
      const source = fs.readFileSync(file, 'utf8');
      let changed = source;
      for (const [alias, target] of aliases) {
        let rel = path.relative(path.dirname(file), target).split(path.sep).join('/');
        if (!rel.startsWith('.')) rel = `./${rel}`;
        if (changed.includes(`require("${alias}")`)) required.add(alias);
        changed = changed.split(`require("${alias}")`).join(`require("${rel}")`);
      }
      if (changed !== source) fs.writeFileSync(file, changed);
    }
  }
}
rewrite(out);
for (const [alias, target] of aliases) {
  if (required.has(alias) && !fs.existsSync(target)) throw new Error(`build-api: ${alias} should compile to ${target}, which is missing`);
}
