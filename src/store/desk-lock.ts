// One writer at a time per desk on this machine (SPEC §2 Crash safety): a lock
// file created exclusively, naming its holder; a lock left by a process that no
// longer runs is taken over.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { KefuError } from '../cli/errors.js';

const WAIT_MS = 60_000;

function holderIsGone(lockPath: string): boolean {
  try {
    const [pid, host] = readFileSync(lockPath, 'utf8').split('\n');
    // a holder killed between creating the lock and writing its name leaves it empty
    if (!/^\d+$/.test(pid ?? '')) return Date.now() - statSync(lockPath).mtimeMs > 2_000;
    if (host !== hostname()) return false; // another machine's lock on a shared folder: wait it out
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH' || (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `work` holding the desk lock. */
export function withDeskLock<T>(root: string, work: () => T): T {
  const dir = join(root, '.kefu');
  mkdirSync(dir, { recursive: true });
  const lockPath = join(dir, 'lock');
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, `${process.pid}\n${hostname()}\n${new Date().toISOString()}\n`);
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (holderIsGone(lockPath)) {
        rmSync(lockPath, { force: true });
        continue;
      }
      if (Date.now() - started > WAIT_MS) throw new KefuError('err.locked', { file: lockPath });
      sleep(Math.min(2 + attempt, 25));
    }
  }
  try {
    return work();
  } finally {
    rmSync(lockPath, { force: true });
  }
}
