import { ConfigError, loadConfig } from './app-config';

const root = '/srv/audit';

describe('loadConfig', () => {
  it('has defaults that run the product locally on an embedded database', () => {
    const config = loadConfig({}, root);
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeNull();
    expect(config.dataDir).toBe('/srv/audit/.data');
    expect(config.webDistDir).toBe('/srv/audit/dist/apps/web');
    expect(config.cookieSecure).toBe(false);
    expect(config.env).toBe('development');
    expect(config.loginMaxFailures).toBe(5);
  });

  it('resolves a relative data dir against the repository, an absolute one as given', () => {
    expect(loadConfig({ AUDIT_DATA_DIR: 'var/db' }, root).dataDir).toBe('/srv/audit/var/db');
    expect(loadConfig({ AUDIT_DATA_DIR: '/mnt/audit' }, root).dataDir).toBe('/mnt/audit');
  });

  it('treats an empty AUDIT_ADMIN_PASSWORD as unset', () => {
    expect(loadConfig({ AUDIT_ADMIN_PASSWORD: '' }, root).adminPassword).toBeNull();
    expect(loadConfig({ AUDIT_ADMIN_PASSWORD: 'twelve-chars' }, root).adminPassword).toBe('twelve-chars');
  });

  it('takes the schema owner URL for migrations only with an external database', () => {
    const app = 'postgres://audit_app:x@db/audit';
    const owner = 'postgres://audit_owner:y@db/audit';
    expect(loadConfig({ DATABASE_URL: app, DATABASE_OWNER_URL: owner }, root)).toMatchObject({ databaseUrl: app, databaseOwnerUrl: owner });
    expect(loadConfig({ DATABASE_URL: app }, root).databaseOwnerUrl).toBeNull();
    expect(() => loadConfig({ DATABASE_OWNER_URL: owner }, root)).toThrow(/DATABASE_OWNER_URL is for an external database: set DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: app, DATABASE_OWNER_URL: 'mysql://db' }, root)).toThrow(/DATABASE_OWNER_URL must start with postgres:\/\//);
  });

  const secret = 'a'.repeat(40);

  it('uses secure cookies in production unless told otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'production', PERSON_KEY_SECRET: secret }, root).cookieSecure).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', PERSON_KEY_SECRET: secret, COOKIE_SECURE: 'false' }, root).cookieSecure).toBe(false);
  });

  it('refuses to run in production without a person-key secret, or with a short one', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' }, root)).toThrow(/PERSON_KEY_SECRET must be set in production/);
    expect(() => loadConfig({ PERSON_KEY_SECRET: 'short' }, root)).toThrow(/PERSON_KEY_SECRET must be at least 32 characters/);
    expect(loadConfig({}, root).personKeySecret).toBeNull();
  });

  it('loads demo data by default outside production, and limits imports to 2 GB', () => {
    expect(loadConfig({}, root).demo).toBe(true);
    expect(loadConfig({ AUDIT_DEMO: 'false' }, root).demo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', PERSON_KEY_SECRET: secret }, root).demo).toBe(false);
    expect(loadConfig({}, root).maxImportBytes).toBe(2 * 1024 ** 3);
  });

  it('caps uploads at 2 per user and 4 in all, ending a body idle for 30 s or unfinished after 15 minutes', () => {
    const config = loadConfig({}, root);
    expect([config.uploadsPerUser, config.uploadsMax, config.uploadIdleSeconds, config.uploadMaxSeconds]).toEqual([2, 4, 30, 900]);
    const set = loadConfig({ AUDIT_UPLOADS_PER_USER: '1', AUDIT_UPLOADS_MAX: '8', AUDIT_UPLOAD_IDLE_SECONDS: '5', AUDIT_UPLOAD_MAX_SECONDS: '60' }, root);
    expect([set.uploadsPerUser, set.uploadsMax, set.uploadIdleSeconds, set.uploadMaxSeconds]).toEqual([1, 8, 5, 60]);
    expect(() => loadConfig({ AUDIT_UPLOADS_PER_USER: '3', AUDIT_UPLOADS_MAX: '2' }, root)).toThrow(/AUDIT_UPLOADS_PER_USER must not be more than AUDIT_UPLOADS_MAX/);
    expect(() => loadConfig({ AUDIT_UPLOADS_MAX: '0' }, root)).toThrow(/AUDIT_UPLOADS_MAX must be a whole number from 1 to 100/);
    expect(() => loadConfig({ AUDIT_UPLOAD_IDLE_SECONDS: '0.5' }, root)).toThrow(/AUDIT_UPLOAD_IDLE_SECONDS must be a whole number/);
  });

  it('names every bad setting at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', AUDIT_ADMIN_PASSWORD: 'short', COOKIE_SECURE: 'maybe' }, root);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/PORT must be a whole number/);
    expect(problems).toMatch(/DATABASE_URL must start with postgres/);
    expect(problems).toMatch(/AUDIT_ADMIN_PASSWORD must be at least 12/);
    expect(problems).toMatch(/COOKIE_SECURE must be true or false/);
  });

  it('takes TRUST_PROXY as a number of proxies or their addresses, and refuses true', () => {
    expect(loadConfig({}, root).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }, root).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }, root).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,loopback,::1,fd00::/8' }, root).trustProxy).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      'loopback',
      '::1',
      'fd00::/8',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'true' }, root)).toThrow(/TRUST_PROXY=true would believe any X-Forwarded-For.*TRUST_PROXY=1/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' }, root)).toThrow(/not an address: "10.0.0.0\/33"/);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.local' }, root)).toThrow(/not an address: "proxy.local"/);
  });

  it('bounds time spent on the database: connecting, a request statement, the health check; loads have no limit by default', () => {
    expect(loadConfig({}, root).databaseTimeouts).toEqual({ connectMs: 5000, statementMs: 30000, longStatementMs: 0, healthMs: 3000 });
    const set = loadConfig({ DATABASE_CONNECT_TIMEOUT_MS: '1000', DATABASE_STATEMENT_TIMEOUT_MS: '0', DATABASE_LONG_STATEMENT_TIMEOUT_MS: '3600000', HEALTH_TIMEOUT_MS: '500' }, root);
    expect(set.databaseTimeouts).toEqual({ connectMs: 1000, statementMs: 0, longStatementMs: 3_600_000, healthMs: 500 });
    expect(() => loadConfig({ HEALTH_TIMEOUT_MS: '0' }, root)).toThrow(/HEALTH_TIMEOUT_MS must be a whole number from 100 to 60000/);
    expect(() => loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: '-1' }, root)).toThrow(/DATABASE_STATEMENT_TIMEOUT_MS/);
  });

  it('takes the origin of PUBLIC_URL', () => {
    expect(loadConfig({}, root).publicOrigin).toBeNull();
    expect(loadConfig({ PUBLIC_URL: 'https://Audit.Example.org:443/app/' }, root).publicOrigin).toBe('https://audit.example.org');
    expect(() => loadConfig({ PUBLIC_URL: 'audit.example.org' }, root)).toThrow(/PUBLIC_URL must be the http\(s\) address/);
  });
});
