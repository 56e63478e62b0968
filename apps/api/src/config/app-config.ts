import { isIP } from 'node:net';
import * as path from 'node:path';
import { findRepoRoot } from './repo-root';

/** Everything the server and the CLI read from the environment, validated once. */
export interface AppConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** External PostgreSQL, as the app's role (owns nothing); when absent an embedded server runs in `dataDir`. */
  databaseUrl: string | null;
  /** The schema owner's connection, used only to run migrations and grant the app role; null: DATABASE_URL's role migrates. */
  databaseOwnerUrl: string | null;
  databasePoolSize: number;
  /** Database time limits (issue 13, Faults 3); 0 turns a limit off. See docs/architecture.md, "When the database is away". */
  databaseTimeouts: DatabaseTimeouts;
  dataDir: string;
  adminPassword: string | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  sessionTtlHours: number;
  cookieSecure: boolean;
  /**
   * Express `trust proxy`: false, the number of proxies in front of the server, or their addresses/CIDRs.
   * Never `true`, which would believe any X-Forwarded-For a client sends.
   */
  trustProxy: false | number | string[];
  /** The origin the server is published at (from PUBLIC_URL), accepted for writes besides the one a request reached. */
  publicOrigin: string | null;
  loginMaxFailures: number;
  loginMaxAttemptsPerIp: number;
  loginWindowSeconds: number;
  /** Failed sign-ins for one account, from any address, before the account is locked. */
  accountMaxFailures: number;
  /** The first lockout of an account; each further one doubles, up to `accountLockoutMaxSeconds`. */
  accountLockoutSeconds: number;
  accountLockoutMaxSeconds: number;
  webDistDir: string;
  /** Largest import file accepted, in bytes. */
  maxImportBytes: number;
  /**
   * Uploads running at once, per user and in all (dry runs included); one over either gets 429. Each running upload
   * holds one database connection of its own (outside the pool), so the server opens at most
   * `databasePoolSize + uploadsMax` connections (docs/ingest.md, "Limits of uploads").
   */
  uploadsPerUser: number;
  uploadsMax: number;
  /** An upload whose body sends nothing for this long (while the server is reading it) is ended. */
  uploadIdleSeconds: number;
  /** An upload whose body has not all arrived this long after it started is ended. */
  uploadMaxSeconds: number;
  /** Secret for re-keying person keys; null means generated into the data dir (not in production). */
  personKeySecret: string | null;
  /** Load a demo data set into an empty database on start. */
  demo: boolean;
  demoIncidents: number;
  /** Generate a draft of the previous month's report on the 1st of each month (checked hourly). */
  reportScheduler: boolean;
  /** The DataSF pull: rows asked per page (`$limit`), tries per page, and the first wait between tries (doubling). */
  datasfPull: { pageSize: number; attempts: number; retryBaseMs: number; pageTimeoutMs: number; scheduler: boolean };
}

export interface DatabaseTimeouts {
  /** Opening a connection, or waiting for a free one in the pool. */
  connectMs: number;
  /** One statement of a request (PostgreSQL's statement_timeout); the driver gives up a little later if no answer comes. */
  statementMs: number;
  /** One statement of a load or an evaluation, which legitimately run long. */
  longStatementMs: number;
  /** How long /api/health waits for the database before answering 503. */
  healthMs: number;
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
  const databaseOwnerUrl = env.DATABASE_OWNER_URL?.trim() || null;
  if (databaseOwnerUrl && !/^postgres(ql)?:\/\//.test(databaseOwnerUrl)) {
    problems.push('DATABASE_OWNER_URL must start with postgres:// or postgresql://');
  }
  if (databaseOwnerUrl && !databaseUrl) {
    problems.push('DATABASE_OWNER_URL is for an external database: set DATABASE_URL (the app role) too, or neither for the embedded one');
  }

  const logLevel = (env.LOG_LEVEL?.trim().toLowerCase() || 'info') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  // Empty counts as unset (compose files pass `${VAR:-}`).
  const adminPassword = env.AUDIT_ADMIN_PASSWORD ? env.AUDIT_ADMIN_PASSWORD : null;
  if (adminPassword !== null && adminPassword.length < 12) {
    problems.push('AUDIT_ADMIN_PASSWORD must be at least 12 characters');
  }

  const publicUrl = env.PUBLIC_URL?.trim() || null;
  let publicOrigin: string | null = null;
  if (publicUrl) {
    try {
      const url = new URL(publicUrl);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
      publicOrigin = url.origin;
    } catch {
      problems.push(`PUBLIC_URL must be the http(s) address the app is published at, e.g. https://audit.example.org (got "${publicUrl}")`);
    }
  }

  const config: AppConfig = {
    env: appEnv,
    host: env.HOST?.trim() || '127.0.0.1',
    port: int('PORT', 3000, 0, 65535),
    databaseUrl,
    databaseOwnerUrl,
    databasePoolSize: int('DATABASE_POOL_SIZE', 10, 1, 200),
    databaseTimeouts: {
      connectMs: int('DATABASE_CONNECT_TIMEOUT_MS', 5_000, 0, 600_000),
      statementMs: int('DATABASE_STATEMENT_TIMEOUT_MS', 30_000, 0, 86_400_000),
      longStatementMs: int('DATABASE_LONG_STATEMENT_TIMEOUT_MS', 0, 0, 86_400_000),
      healthMs: int('HEALTH_TIMEOUT_MS', 3_000, 100, 60_000),
    },
    dataDir: path.resolve(repoRoot, env.AUDIT_DATA_DIR?.trim() || '.data'),
    adminPassword,
    logLevel,
    sessionTtlHours: int('SESSION_TTL_HOURS', 12, 1, 24 * 30),
    cookieSecure: bool('COOKIE_SECURE', appEnv === 'production'),
    trustProxy: trustProxySetting(env.TRUST_PROXY, problems),
    publicOrigin,
    loginMaxFailures: int('AUTH_LOGIN_MAX_FAILURES', 5, 1, 10_000),
    loginMaxAttemptsPerIp: int('AUTH_LOGIN_MAX_ATTEMPTS_PER_IP', 30, 1, 100_000),
    loginWindowSeconds: int('AUTH_LOGIN_WINDOW_SECONDS', 900, 1, 86_400),
    accountMaxFailures: int('AUTH_ACCOUNT_MAX_FAILURES', 10, 1, 10_000),
    accountLockoutSeconds: int('AUTH_ACCOUNT_LOCKOUT_SECONDS', 60, 1, 86_400),
    accountLockoutMaxSeconds: int('AUTH_ACCOUNT_LOCKOUT_MAX_SECONDS', 900, 1, 86_400),
    webDistDir: path.resolve(repoRoot, env.WEB_DIST_DIR?.trim() || 'dist/apps/web'),
    maxImportBytes: int('AUDIT_MAX_IMPORT_BYTES', 2 * 1024 ** 3, 1, 1024 ** 4),
    uploadsPerUser: int('AUDIT_UPLOADS_PER_USER', 2, 1, 100),
    uploadsMax: int('AUDIT_UPLOADS_MAX', 4, 1, 100),
    uploadIdleSeconds: int('AUDIT_UPLOAD_IDLE_SECONDS', 30, 1, 3600),
    uploadMaxSeconds: int('AUDIT_UPLOAD_MAX_SECONDS', 900, 1, 86_400),
    personKeySecret: env.PERSON_KEY_SECRET ? env.PERSON_KEY_SECRET : null,
    demo: bool('AUDIT_DEMO', appEnv !== 'production'),
    demoIncidents: int('AUDIT_DEMO_INCIDENTS', 450_000, 1000, 100_000_000),
    reportScheduler: bool('AUDIT_REPORT_SCHEDULER', true),
    datasfPull: {
      pageSize: int('AUDIT_DATASF_PAGE_SIZE', 50_000, 1, 50_000),
      attempts: int('AUDIT_DATASF_ATTEMPTS', 5, 1, 20),
      retryBaseMs: int('AUDIT_DATASF_RETRY_BASE_MS', 2_000, 0, 600_000),
      pageTimeoutMs: int('AUDIT_DATASF_PAGE_TIMEOUT_MS', 300_000, 1_000, 3_600_000),
      scheduler: bool('AUDIT_DATASF_SCHEDULER', true),
    },
  };

  if (config.personKeySecret !== null && config.personKeySecret.length < 32) {
    problems.push('PERSON_KEY_SECRET must be at least 32 characters (e.g. `openssl rand -base64 48`)');
  }
  if (config.env === 'production' && config.personKeySecret === null) {
    problems.push('PERSON_KEY_SECRET must be set in production: every replica must re-key person keys with the same secret');
  }
  if (config.accountLockoutMaxSeconds < config.accountLockoutSeconds) {
    problems.push('AUTH_ACCOUNT_LOCKOUT_MAX_SECONDS must be at least AUTH_ACCOUNT_LOCKOUT_SECONDS');
  }
  if (config.uploadsPerUser > config.uploadsMax) {
    problems.push('AUDIT_UPLOADS_PER_USER must not be more than AUDIT_UPLOADS_MAX (the uploads running at once in all)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY: unset/false (the default: the connection's address is the client's), a hop count, or the proxies'
 * addresses. `true` is refused: it makes Express believe whatever X-Forwarded-For a client writes.
 */
function trustProxySetting(raw: string | undefined, problems: string[]): AppConfig['trustProxy'] {
  const value = raw?.trim() ?? '';
  if (value === '' || ['false', 'no', 'off', '0'].includes(value.toLowerCase())) return false;
  if (['true', 'yes', 'on'].includes(value.toLowerCase())) {
    problems.push(
      'TRUST_PROXY=true would believe any X-Forwarded-For a client sends; set the number of proxies in front of the server ' +
        '(TRUST_PROXY=1 for one reverse proxy) or their addresses (e.g. TRUST_PROXY=10.0.0.5 or TRUST_PROXY=10.0.0.0/8,loopback)',
    );
    return false;
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 10) problems.push(`TRUST_PROXY as a number of proxies must be from 0 to 10 (got "${value}")`);
    return hops;
  }
  const entries = value.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !PROXY_RANGE_NAMES.includes(entry) && !isAddressOrCidr(entry));
  if (bad.length > 0) {
    problems.push(
      `TRUST_PROXY must be false, a number of proxies, or comma-separated proxy addresses/CIDRs (or ${PROXY_RANGE_NAMES.join(', ')}); not an address: ${bad.map((b) => `"${b}"`).join(', ')}`,
    );
  }
  return entries;
}

function isAddressOrCidr(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d+$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}
