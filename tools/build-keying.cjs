// Bundles the keying kit (apps/keying-kit) into one file an agency can be handed and run with plain `node`:
// dist/keying/keying-kit.cjs (no dependencies, no name lists). Also bundles the synthetic extract writer the
// linkage bench and the kit's tests use (dist/keying/keying-extracts.cjs, with zxcvbn's name lists).
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  tsconfig: path.join(root, 'tsconfig.base.json'),
  logLevel: 'warning',
  legalComments: 'none',
};
esbuild.buildSync({
  ...common,
  entryPoints: [path.join(root, 'apps/keying-kit/src/main.ts')],
  outfile: path.join(root, 'dist/keying/keying-kit.cjs'),
  banner: { js: '#!/usr/bin/env node\n// Safe Reporting Audit keying kit (docs/keying.md). Run: node keying-kit.cjs --help' },
});
esbuild.buildSync({
  ...common,
  entryPoints: [path.join(root, 'apps/keying-kit/src/extracts-main.ts')],
  outfile: path.join(root, 'dist/keying/keying-extracts.cjs'),
});
