import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI_MAIN, SERVER_MAIN } from './paths';

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `sra-${prefix}-`));
}

/** Environment for a child app process: no inherited DATABASE_URL unless given. */
export function childEnv(overrides: Record<string, string | undefined>): NodeJS.ProcessEnv {
  // No demo city unless a test asks for one: it would load in the background of every server.
  // A connection may take seconds to open on a busy machine; fault tests set their own, shorter limit.
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'test', AUDIT_DEMO: 'false', DATABASE_CONNECT_TIMEOUT_MS: '30000' };
  delete env.DATABASE_URL;
  delete env.DATABASE_OWNER_URL;
  delete env.AUDIT_ADMIN_PASSWORD;
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export interface RunningServer {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `node main.js` (what `npm start` runs) and waits for its "running at" line. */
export function startServer(env: NodeJS.ProcessEnv, timeoutMs = 60_000, prefix: string[] = []): Promise<RunningServer> {
  // A prefix such as `setpriv --reuid=nobody --` execs node in place, so the pid stays the server's.
  const [bin, ...args] = [...prefix, process.execPath, SERVER_MAIN];
  const child = spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within ${timeoutMs} ms\nstdout:\n${out}\nstderr:\n${err}`));
    }, timeoutMs);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1], stdout: () => out, stderr: () => err, exited });
      }
    });
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (code ${code}) before starting\nstdout:\n${out}\nstderr:\n${err}`));
    });
  });
}

export async function stopServer(server: RunningServer, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (server.child.exitCode !== null) return server.child.exitCode;
  server.child.kill(signal);
  return (await server.exited).code;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the `audit` CLI (what `npm run -s audit -- ...` runs). */
export function runCli(args: string[], env: NodeJS.ProcessEnv, stdin?: string, command: string[] = [process.execPath, CLI_MAIN]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const [bin, ...pre] = command;
    const child = spawn(bin, [...pre, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

/** Running: a zombie (ended, not yet reaped by a parent such as a container's pid 1) is not. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !['Z', 'X'].includes(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0]);
  } catch {
    return !fs.existsSync('/proc/self/stat');
  }
}
