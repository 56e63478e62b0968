import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * How processes share one embedded data directory (the server and any number of CLIs):
 *
 * - `<dataDir>/lock` is held (created atomically, holder's pid inside) while a process starts, restarts or
 *   stops PostgreSQL, joins it or leaves it, so that no one attaches to a server being stopped and two
 *   leaving at once cannot both think the other stays;
 * - `<dataDir>/leases/<pid>.json` says a process uses the database; the one that leaves last stops it.
 *
 * A process killed with its lock or lease in place leaves them stale: a file whose process is gone is removed
 * by the next one to look. Processes are told apart by their start time where /proc has it, since pids are reused.
 */
export interface ProcessRef {
  pid: number;
  start: string | null;
}

export interface Lease extends ProcessRef {
  kind: 'server' | 'cli';
  since: string;
}

interface LockRecord extends ProcessRef {
  purpose: string;
}

export class DataDirBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirBusyError';
  }
}

const HAS_PROC = fs.existsSync('/proc/self/stat');

function procStat(pid: number): { state: string; start: string } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count from its closing parenthesis (state is field 3, start time 22).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0], start: fields[19] };
  } catch {
    return null;
  }
}

export function thisProcess(): ProcessRef {
  return { pid: process.pid, start: procStat(process.pid)?.start ?? null };
}

/**
 * The process exists, is not a zombie (an orphaned PostgreSQL may be reparented to a pid 1 that never reaps it)
 * and, when its start time was recorded, is the same process rather than a later one given the same pid.
 */
export function isRunning(pid: number, start: string | null = null): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (!HAS_PROC) return true;
  const stat = procStat(pid);
  if (!stat || stat.state === 'Z' || stat.state === 'X') return false;
  return start === null || stat.start === start;
}

function readRecord<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface LockOptions {
  /** What the holder is doing, for the waiting message: "starting or joining the embedded PostgreSQL", ... */
  purpose: string;
  timeoutMs: number;
  /** Told once when this process has waited a moment for another one. */
  onWait?: (message: string) => void;
}

/** Runs `fn` holding `<dataDir>/lock`, waiting (bounded) for the process that holds it. */
export async function withDataDirLock<T>(dataDir: string, options: LockOptions, fn: () => Promise<T>): Promise<T> {
  const lockFile = path.join(dataDir, 'lock');
  const mine: LockRecord = { ...thisProcess(), purpose: options.purpose };
  await acquire(dataDir, lockFile, mine, options);
  try {
    return await fn();
  } finally {
    const holder = readRecord<LockRecord>(lockFile);
    if (holder?.pid === mine.pid && holder.start === mine.start) fs.rmSync(lockFile, { force: true });
  }
}

async function acquire(dataDir: string, lockFile: string, mine: LockRecord, options: LockOptions): Promise<void> {
  // Written aside then hard-linked into place: the lock appears atomically and never half-written.
  const draft = `${lockFile}.${process.pid}.draft`;
  fs.writeFileSync(draft, JSON.stringify(mine) + '\n', { mode: 0o600 });
  const began = Date.now();
  let told = false;
  try {
    for (;;) {
      try {
        fs.linkSync(draft, lockFile);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readRecord<LockRecord>(lockFile);
      if (holder && !isRunning(holder.pid, holder.start)) {
        breakStaleLock(lockFile, holder);
        continue;
      }
      const waited = Date.now() - began;
      if (waited > options.timeoutMs) {
        throw new DataDirBusyError(
          `Waited ${Math.round(waited / 1000)} s for process ${holder?.pid ?? '?'}, which is ${holder?.purpose ?? 'using the embedded PostgreSQL'} (data dir ${dataDir}); giving up. ` +
            `If no such process runs, remove ${lockFile}.`,
        );
      }
      if (!told && holder && waited > 1000) {
        told = true;
        options.onWait?.(`waiting for process ${holder.pid}, which is ${holder.purpose} (data dir ${dataDir})...`);
      }
      await sleep(100);
    }
  } finally {
    fs.rmSync(draft, { force: true });
  }
}

/** Removes a lock whose holder died, without removing one that another process took meanwhile. */
function breakStaleLock(lockFile: string, stale: LockRecord): void {
  const aside = `${lockFile}.${process.pid}.stale`;
  try {
    fs.renameSync(lockFile, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = readRecord<LockRecord>(aside);
  if (moved && (moved.pid !== stale.pid || moved.start !== stale.start)) {
    // Between our read and our rename another process broke the stale lock and took its own: put that back.
    try {
      fs.linkSync(aside, lockFile);
    } catch {
      // A third process holds the lock by now; it is the holder.
    }
  }
  fs.rmSync(aside, { force: true });
}

function leasesDir(dataDir: string): string {
  return path.join(dataDir, 'leases');
}

/** Records that this process uses the database (call with the lock held). */
export function takeLease(dataDir: string, kind: Lease['kind']): void {
  fs.mkdirSync(leasesDir(dataDir), { recursive: true, mode: 0o700 });
  const lease: Lease = { ...thisProcess(), kind, since: new Date().toISOString() };
  fs.writeFileSync(path.join(leasesDir(dataDir), `${process.pid}.json`), JSON.stringify(lease) + '\n', { mode: 0o600 });
}

export function dropLease(dataDir: string): void {
  fs.rmSync(path.join(leasesDir(dataDir), `${process.pid}.json`), { force: true });
}

/** The leases of processes still running; those of dead processes are removed on the way. */
export function liveLeases(dataDir: string): Lease[] {
  let names: string[];
  try {
    names = fs.readdirSync(leasesDir(dataDir));
  } catch {
    return [];
  }
  const live: Lease[] = [];
  for (const name of names) {
    if (!/^\d+\.json$/.test(name)) continue;
    const file = path.join(leasesDir(dataDir), name);
    const lease = readRecord<Lease>(file);
    if (lease && isRunning(lease.pid, lease.start)) live.push(lease);
    else fs.rmSync(file, { force: true });
  }
  return live;
}
