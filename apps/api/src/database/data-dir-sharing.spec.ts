import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataDirBusyError, dropLease, isRunning, liveLeases, takeLease, thisProcess, withDataDirLock } from './data-dir-sharing';

/** A pid that has certainly ended: a child that ran and was reaped. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid as number;
}

describe('data dir sharing', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sra-sharing-unit-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('tells a running process from an ended one, and from a later one given the same pid', () => {
    expect(isRunning(process.pid)).toBe(true);
    expect(isRunning(deadPid())).toBe(false);
    const me = thisProcess();
    if (me.start !== null) expect(isRunning(process.pid, `${me.start}0`)).toBe(false);
  });

  it('runs one holder at a time, the other waiting and saying for whom', async () => {
    const order: string[] = [];
    const waits: string[] = [];
    let releaseFirst!: () => void;
    const first = withDataDirLock(dir, { purpose: 'starting it', timeoutMs: 30_000 }, async () => {
      order.push('first in');
      await new Promise<void>((r) => (releaseFirst = r));
      order.push('first out');
    });
    await new Promise((r) => setTimeout(r, 50));
    // The same process takes its lock again only after it is released (the lock is per file, not re-entrant).
    const second = withDataDirLock(dir, { purpose: 'stopping it', timeoutMs: 30_000, onWait: (m) => waits.push(m) }, async () => {
      order.push('second in');
    });
    await new Promise((r) => setTimeout(r, 1500));
    releaseFirst();
    await Promise.all([first, second]);
    expect(order).toEqual(['first in', 'first out', 'second in']);
    expect(waits).toEqual([`waiting for process ${process.pid}, which is starting it (data dir ${dir})...`]);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('breaks the lock of a process that died holding it', async () => {
    fs.writeFileSync(path.join(dir, 'lock'), JSON.stringify({ pid: deadPid(), start: null, purpose: 'starting it' }));
    await expect(withDataDirLock(dir, { purpose: 'x', timeoutMs: 5_000 }, async () => 'held')).resolves.toBe('held');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('gives up after its bound with a message naming the holder and the lock file', async () => {
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      fs.writeFileSync(path.join(dir, 'lock'), JSON.stringify({ pid: holder.pid, start: null, purpose: 'stopping it' }));
      const attempt = withDataDirLock(dir, { purpose: 'x', timeoutMs: 300 }, async () => 'held');
      await expect(attempt).rejects.toThrow(DataDirBusyError);
      await expect(attempt).rejects.toThrow(`process ${holder.pid}, which is stopping it`);
      expect(fs.existsSync(path.join(dir, 'lock'))).toBe(true);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('lists the leases of running processes and removes those of ended ones', () => {
    takeLease(dir, 'cli');
    fs.writeFileSync(path.join(dir, 'leases', '1234567.json'), JSON.stringify({ pid: deadPid(), start: null, kind: 'server', since: '' }));
    expect(liveLeases(dir)).toEqual([expect.objectContaining({ pid: process.pid, kind: 'cli' })]);
    expect(fs.readdirSync(path.join(dir, 'leases'))).toEqual([`${process.pid}.json`]);
    dropLease(dir);
    expect(liveLeases(dir)).toEqual([]);
  });
});
