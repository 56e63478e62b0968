import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/paths';

/**
 * The Nx module-boundary constraints are real: a domain/contracts lib that
 * imports NestJS or TypeORM, or the web app importing API code, fails lint.
 * Each case writes a throw-away file into a project, lints it through Nx's
 * project graph, and removes it.
 */
function lintViolation(relativeFile: string, source: string): string {
  const file = path.join(REPO_ROOT, relativeFile);
  fs.writeFileSync(file, source);
  try {
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/eslint/bin/eslint.js'), '--no-cache', relativeFile], {
      cwd: REPO_ROOT,
      env: { ...process.env, NX_DAEMON: 'false' },
      stdio: 'pipe',
    });
    return '';
  } catch (error) {
    // Only ESLint's "problems found" exit counts; anything else is a broken test.
    if ((error as { status?: number }).status !== 1) throw error;
    return String((error as { stdout: Buffer }).stdout);
  } finally {
    fs.rmSync(file, { force: true });
  }
}

beforeAll(() => {
  // The rule reads Nx's cached project graph; make sure it exists.
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/nx/dist/bin/nx.js'), 'show', 'projects'], {
    cwd: REPO_ROOT,
    env: { ...process.env, NX_DAEMON: 'false' },
    stdio: 'pipe',
  });
});

describe('module boundaries', () => {
  it('forbid NestJS in the contracts lib', () => {
    const out = lintViolation('libs/contracts/src/zz-boundary-probe.ts', "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n");
    expect(out).toMatch(/@nx\/enforce-module-boundaries/);
    expect(out).toMatch(/@nestjs\/common/);
  });

  it('forbid TypeORM in the contracts lib', () => {
    const out = lintViolation('libs/contracts/src/zz-boundary-probe.ts', "import { Entity } from 'typeorm';\nexport const x = Entity;\n");
    expect(out).toMatch(/not allowed to import "typeorm"/);
  });

  it('forbid the filesystem in pure libs', () => {
    const out = lintViolation('libs/contracts/src/zz-boundary-probe.ts', "import * as fs from 'node:fs';\nexport const x = fs;\n");
    expect(out).toMatch(/no-restricted-imports/);
  });

  it('forbid the web app from importing API code', () => {
    const out = lintViolation('apps/web/src/zz-boundary-probe.ts', "import { AppModule } from '../../api/src/app.module';\nexport const x = AppModule;\n");
    expect(out).toMatch(/@nx\/enforce-module-boundaries/);
  });

  it('pass clean code', () => {
    expect(lintViolation('libs/contracts/src/zz-boundary-probe.ts', "import { ROLES } from './roles';\nexport const x = ROLES;\n")).toBe('');
  });
});
