import * as path from 'node:path';
import { findRepoRoot } from './repo-root';

/** Everything the server and the CLI read from the environment, validated once. */
export interface AppConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** External PostgreSQL; when absent an embedded server runs in `dataDir`. */
  databaseUrl: string | null;
  databasePoolSize: number;
  dataDir: string;
  adminPassword: string | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  sessionTtlHours: number;
  cookieSecure: boolean;
  trustProxy: boolean;
  loginMaxFailures: number;
  loginMaxAttemptsPerIp: number;
  loginWindowSeconds: number;
  webDistDir: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: NodeJS.ProcessEnv, repoRoot: string = findRepoRoot()): AppConfig {
  const problems: string[] = [];

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name]?.trim().toLowerCase();
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    problems.push(`${name} must be true or false (got "${env[name]}")`);
    return fallback;
  };

  const nodeEnv = env.NODE_ENV ?? 'development';
  const appEnv: AppConfig['env'] = nodeEnv === 'production' ? 'production' : nodeEnv === 'test' ? 'test' : 'development';

  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  }

  const logLevel = (env.LOG_LEVEL?.trim().toLowerCase() || 'info') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  // Empty counts as unset (compose files pass `${VAR:-}`).
  const adminPassword = env.AUDIT_ADMIN_PASSWORD ? env.AUDIT_ADMIN_PASSWORD : null;
  if (adminPassword !== null && adminPassword.length < 12) {
    problems.push('AUDIT_ADMIN_PASSWORD must be at least 12 characters');
  }

  const config: AppConfig = {
    env: appEnv,
    host: env.HOST?.trim() || '127.0.0.1',
    port: int('PORT', 3000, 0, 65535),
    databaseUrl,
    databasePoolSize: int('DATABASE_POOL_SIZE', 10, 1, 200),
    dataDir: path.resolve(repoRoot, env.AUDIT_DATA_DIR?.trim() || '.data'),
    adminPassword,
    logLevel,
    sessionTtlHours: int('SESSION_TTL_HOURS', 12, 1, 24 * 30),
    cookieSecure: bool('COOKIE_SECURE', appEnv === 'production'),
    trustProxy: bool('TRUST_PROXY', false),
    loginMaxFailures: int('AUTH_LOGIN_MAX_FAILURES', 5, 1, 10_000),
    loginMaxAttemptsPerIp: int('AUTH_LOGIN_MAX_ATTEMPTS_PER_IP', 30, 1, 100_000),
    loginWindowSeconds: int('AUTH_LOGIN_WINDOW_SECONDS', 900, 1, 86_400),
    webDistDir: path.resolve(repoRoot, env.WEB_DIST_DIR?.trim() || 'dist/apps/web'),
  };

  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
