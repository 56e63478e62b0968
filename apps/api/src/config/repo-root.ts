import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The repository (or, in the Docker image, the app) root: the nearest folder
 * above this file holding the workspace's package.json. Relative paths in the
 * configuration (data dir, web build) are resolved from here, not from the
 * caller's working directory.
 */
export function findRepoRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate)) {
      try {
        const pkg = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string };
        if (pkg.name === 'safe-reporting-audit') return dir;
      } catch {
        // not ours; keep looking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

export function readAppVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(findRepoRoot(), 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
