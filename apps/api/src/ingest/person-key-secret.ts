import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AppConfig } from '../config/app-config';

export const PERSON_KEY_SECRET_FILE = 'person-key-secret';

/**
 * The secret person keys are re-keyed with: PERSON_KEY_SECRET, else (never
 * in production: the config refuses that) one generated once into the data
 * dir, readable only by this user. Losing it breaks the link between old and
 * new loads of the same person, so it is kept with the data.
 */
export function resolvePersonKeySecret(config: AppConfig): string {
  if (config.personKeySecret) return config.personKeySecret;
  const file = path.join(config.dataDir, PERSON_KEY_SECRET_FILE);
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  try {
    fs.writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(file, 'utf8').trim();
    throw error;
  }
}
