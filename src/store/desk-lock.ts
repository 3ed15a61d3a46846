// One writer at a time per desk on this machine (SPEC §2 Crash safety): a lock
// file created exclusively, naming its holder; a lock left by a process that no
// longer runs is taken over. docs/RELIABILITY.md lists the faults this is tested against.
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { KefuError } from '../cli/errors.js';
import { asWriteError } from './write-file.js';

/** How long to wait for another writer; KEFU_LOCK_WAIT_MS sets it for the fault tests. */
const WAIT_OVERRIDE_MS = Number(process.env.KEFU_LOCK_WAIT_MS) > 0 ? Number(process.env.KEFU_LOCK_WAIT_MS) : undefined;
const WAIT_MS = WAIT_OVERRIDE_MS ?? 60_000;
/**
 * A sync holds the lock while `git pull --rebase` replays the clone's commits — one
 * merge-driver run per local commit — which can take minutes after a day offline (the
 * soak measured it): a write waits that long for it rather than fail.
 */
const SYNC_WAIT_MS = WAIT_OVERRIDE_MS ?? 15 * 60_000;
/** A holder killed between creating the lock and writing its name leaves it empty. */
const EMPTY_LOCK_STALE_MS = 2_000;
/**
 * A lock from another host name is older than any kefu write (they hold it for well
 * under a second; a sync for one pull) — a container that restarted under a new host
 * name, or a machine that was renamed, left it.
 */
const FOREIGN_LOCK_STALE_MS = 10 * 60_000;
/** Taking over a stale lock is itself done under a short-lived lock (see takeOver). */
const TAKEOVER_STALE_MS = 5_000;

interface Holder {
  pid: number;
  host: string;
  since: string;
  /** the holder's start time (Linux /proc), so that a reused pid is not mistaken for it */
  started?: string;
  /** what the holder is doing: 'sync', or '' for a write */
  purpose?: string;
}

/** This process's start time in clock ticks since boot (Linux); undefined elsewhere. */
function startTimeOf(pid: number | 'self'): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may hold spaces and parentheses: count from the last ')'
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

const SELF_STARTED = startTimeOf('self');

function readHolder(lockPath: string): Holder | undefined {
  const [pid, host, since, started, purpose] = readFileSync(lockPath, 'utf8').split('\n');
  if (!/^\d+$/.test(pid ?? '')) return undefined;
  return { pid: Number(pid), host: host ?? '', since: since ?? '', ...(started ? { started } : {}), ...(purpose ? { purpose } : {}) };
}

function ageMs(path: string): number {
  return Date.now() - statSync(path).mtimeMs;
}

/**
 * Whether the lock at `lockPath` was left by a holder that is gone. A missing lock counts
 * as gone for a writer about to retry, but not for a takeover about to remove it: a lock
 * missing at the check may be a live writer's by the time of the removal.
 */
function holderIsGone(lockPath: string, missingIsGone = true): boolean {
  try {
    const holder = readHolder(lockPath);
    if (!holder) return ageMs(lockPath) > EMPTY_LOCK_STALE_MS;
    if (holder.host !== hostname()) return ageMs(lockPath) > FOREIGN_LOCK_STALE_MS;
    process.kill(holder.pid, 0);
    // the pid runs, but is it still the holder, or a new process given the same pid?
    if (holder.started !== undefined) {
      const now = startTimeOf(holder.pid);
      if (now !== undefined && now !== holder.started) return true;
    }
    return false;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPERM') return false; // runs, as another user
    if (code === 'ENOENT') return missingIsGone;
    return code === 'ESRCH';
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Removes a stale lock without racing another process doing the same. Without care, two
 * processes that both find the lock stale could both delete it — the second deleting the
 * fresh lock the first has just taken — and both write. So the removal happens under
 * `lock.takeover` (created exclusively), and only after checking again, under it, that
 * the lock is still the stale one.
 */
function takeOver(lockPath: string): void {
  const guard = `${lockPath}.takeover`;
  let fd: number;
  try {
    fd = openSync(guard, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // its holder was killed in the few microseconds it holds it
    try {
      if (ageMs(guard) > TAKEOVER_STALE_MS) rmSync(guard, { force: true });
    } catch {
      // gone already
    }
    return;
  }
  closeSync(fd);
  try {
    // under the guard nobody else removes a lock, and a dead holder releases nothing: a
    // lock seen stale here is still that stale lock when it is removed
    if (holderIsGone(lockPath, false)) rmSync(lockPath, { force: true });
  } finally {
    rmSync(guard, { force: true });
  }
}

/** The locks this process holds, by path: a write that runs inside another (append, then commit) does not wait for itself. */
const held = new Map<string, number>();

/** Runs `work` holding the desk lock; a nested call in the same process runs it directly. */
export function withDeskLock<T>(root: string, work: () => T, options: { purpose?: 'sync' } = {}): T {
  const dir = join(root, '.kefu');
  const lockPath = join(dir, 'lock');
  const depth = held.get(lockPath);
  if (depth !== undefined) {
    held.set(lockPath, depth + 1);
    try {
      return work();
    } finally {
      held.set(lockPath, depth);
    }
  }
  const mine = acquire(dir, lockPath, options.purpose ?? '');
  held.set(lockPath, 1);
  try {
    return work();
  } finally {
    held.delete(lockPath);
    release(lockPath, mine);
  }
}

function acquire(dir: string, lockPath: string, purpose: string): string {
  const mine = `${process.pid}\n${hostname()}\n${new Date().toISOString()}\n${SELF_STARTED ?? ''}\n${purpose}\n`;
  const started = Date.now();
  try {
    mkdirSync(dir); // the desk's own folder exists; a recursive mkdir would say ENOENT, not EROFS, on a read-only disk
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw asWriteError(error, dir);
  }
  for (let attempt = 0; ; attempt++) {
    let fd: number | undefined;
    try {
      if (linkLock(lockPath, mine)) return mine;
      fd = openSync(lockPath, 'wx');
      writeSync(fd, mine);
      const open = fd;
      fd = undefined;
      closeSync(open);
      return mine;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        // created but could not be written (a full disk): leave no empty lock behind
        if (fd !== undefined) {
          closeSync(fd);
          rmSync(lockPath, { force: true });
        }
        throw asWriteError(error, lockPath);
      }
      if (holderIsGone(lockPath)) {
        takeOver(lockPath);
        continue;
      }
      if (Date.now() - started > WAIT_MS && !(Date.now() - started <= SYNC_WAIT_MS && heldBySync(lockPath))) throw lockedError(lockPath, started);
      sleep(Math.min(2 + attempt, 25));
    }
  }
}

/**
 * Takes the lock with its holder's name already in it: written to a file of this
 * process's own, then hard-linked as the lock (EEXIST if held) — so no other process
 * ever sees it empty or half-written and takes a live writer's lock for a dead one's.
 * False where the file system has no hard links: then the lock is created and written.
 */
function linkLock(lockPath: string, mine: string): boolean {
  const own = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    writeFileSync(own, mine, { flag: 'wx' });
  } catch (error) {
    rmSync(own, { force: true });
    throw error;
  }
  try {
    linkSync(own, lockPath);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') return false;
    throw error;
  } finally {
    rmSync(own, { force: true });
  }
}

function heldBySync(lockPath: string): boolean {
  try {
    return readHolder(lockPath)?.purpose === 'sync';
  } catch {
    return false;
  }
}

/** Removes the lock only if it is still this process's (never another's that took over a lock thought stale). */
function release(lockPath: string, mine: string): void {
  try {
    if (readFileSync(lockPath, 'utf8') === mine) rmSync(lockPath, { force: true });
  } catch {
    // already gone
  }
}

function lockedError(lockPath: string, started: number): KefuError {
  let holder: Holder | undefined;
  try {
    holder = existsSync(lockPath) ? readHolder(lockPath) : undefined;
  } catch {
    holder = undefined;
  }
  return new KefuError(
    'store.lockedBy',
    { file: lockPath, pid: holder?.pid ?? '?', host: holder?.host ?? '?', since: holder?.since ?? '?', seconds: Math.round((Date.now() - started) / 1000) },
    'store.lockedBy.hint',
  );
}
