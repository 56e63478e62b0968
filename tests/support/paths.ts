import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const SERVER_MAIN = path.join(REPO_ROOT, 'dist/apps/api/apps/api/src/main.js');
export const CLI_MAIN = path.join(REPO_ROOT, 'dist/apps/api/apps/api/src/cli/main.js');
export const WEB_INDEX = path.join(REPO_ROOT, 'dist/apps/web/index.html');

/** Process-level tests run the built app, as `npm start` does; `npm test` builds it first. */
export function requireBuilt(...files: string[]): void {
  for (const file of files) {
    if (!fs.existsSync(file)) throw new Error(`${path.relative(REPO_ROOT, file)} is missing: run "npm run build" (npm test does it for you)`);
  }
}
