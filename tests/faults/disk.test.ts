// Faults: a full disk and a desk that cannot be written (docs/RELIABILITY.md, "Disk").
// A clear error, exit 2, the record file unchanged — or, when the item fits but git's
// commit does not, the item written and a note that it is not committed yet.
// Needs root for mount (tmpfs, read-only bind mount) and chattr; skipped, saying why, where not allowed.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { git, runKefuSync, tempDir } from '../helpers/cli.js';
import { DAY_FILE, dutyItems, freshDesk } from './helpers.js';

const kefu = (desk: string, ...args: string[]) => runKefuSync([...args, '-C', desk, '--lang', 'en']);
/** The notes of appends not finished (src/store/append.ts); none once every write is done or refused. */
const appendNotes = (desk: string) => (existsSync(join(desk, '.kefu', 'appending')) ? readdirSync(join(desk, '.kefu', 'appending')) : []);
const sh = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' });

/** Mounts a tmpfs of `size` at a new folder; undefined (with the reason) when this machine does not allow it. */
function tryTmpfs(size: string): { dir?: string; reason?: string } {
  const dir = tempDir('kefu-tmpfs-');
  const r = sh('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  if (r.status !== 0 || r.error) return { reason: `cannot mount a tmpfs here (${(r.stderr || String(r.error)).trim() || 'mount failed'}): run as root to test a full disk` };
  mounted.push(dir);
  return { dir };
}
const mounted: string[] = [];
afterAll(() => {
  for (const dir of mounted.reverse()) sh('umount', ['-l', dir]);
});

const probe = tryTmpfs('64k');
const tmpfsReason = probe.reason;

/** Fills the file system holding `dir` to the last byte. */
function fill(dir: string): string {
  const filler = join(dir, 'filler');
  const chunk = Buffer.alloc(4096, 120);
  writeFileSync(filler, '');
  for (;;) {
    try {
      writeFileSync(filler, chunk, { flag: 'a' });
    } catch {
      break;
    }
  }
  for (let size = 512; size >= 1; size = Math.floor(size / 2)) {
    try {
      writeFileSync(filler, Buffer.alloc(size, 120), { flag: 'a' });
    } catch {
      // full
    }
  }
  return filler;
}

describe.skipIf(tmpfsReason !== undefined)(`a full disk (a small tmpfs)${tmpfsReason ? ` — skipped: ${tmpfsReason}` : ''}`, () => {
  it('for every amount of free space from none to a few pages: exit 2 with "the disk is full" and the file unchanged, or the item written whole with a note; never a cut item; then clean once there is room', () => {
    const { dir } = tryTmpfs('2m');
    const desk = join(dir!, 'desk');
    cpSync(freshDesk(), desk, { recursive: true });
    expect(kefu(desk, 'duty', 'log', '--by', 'S02', '--kind', 'consult', '--content', 'first', '--at', '2026-11-25T10:00:00+08:00').status).toBe(0);
    const file = join(desk, DAY_FILE);
    const filler = fill(dir!);
    const big = '长'.repeat(3000); // 9 kB: more than two pages
    const outcomes: string[] = [];
    for (const freePages of [0, 1, 2, 3, 4, 6, 8]) {
      const size = statSync(filler).size;
      truncateSync(filler, Math.max(0, size - (size % 4096) - freePages * 4096));
      const before = readFileSync(file);
      const r = kefu(desk, 'duty', 'log', '--by', 'S02', '--kind', 'consult', '--content', `${big}${freePages}`, '--at', `2026-11-25T1${freePages}:30:00+08:00`);
      const after = readFileSync(file);
      if (r.status === 2) {
        expect(r.stderr).toMatch(/the disk is full \((ENOSPC|EDQUOT)\); nothing was written/);
        expect(r.stderr).not.toContain('This is a bug');
        expect(after).toEqual(before);
        outcomes.push(`${freePages}: refused`);
      } else {
        expect(r.status).toBe(0);
        expect(after.subarray(0, before.length)).toEqual(before);
        expect(dutyItems(desk)!.at(-1)!.content).toBe(`${big}${freePages}`); // whole
        if (r.stderr.includes('not committed')) outcomes.push(`${freePages}: written, not committed`);
        else outcomes.push(`${freePages}: written and committed`);
      }
      // nothing of kefu's left behind: no lock, no note of an unfinished append, no temp file
      expect(existsSync(join(desk, '.kefu', 'lock'))).toBe(false);
      expect(appendNotes(desk)).toEqual([]);
      expect(existsSync(join(desk, '.git', 'index.lock'))).toBe(false);
      fill(dir!);
    }
    console.log('full disk:', outcomes.join('; '));
    expect(outcomes.some((o) => o.endsWith('refused'))).toBe(true);
    // a new file (the first entry of another day) on a full disk: no empty or cut-off file left
    const r = kefu(desk, 'duty', 'log', '--by', 'S02', '--kind', 'consult', '--content', big, '--at', '2026-11-27T10:00:00+08:00');
    expect(r.status).toBe(2);
    expect(existsSync(join(desk, 'duty/2026/11/2026-11-26.yaml'))).toBe(false);
    expect(readdirSync(join(desk, 'duty/2026/11')).filter((f) => f.includes('.tmp'))).toEqual([]);
    rmSync(filler);
    // room again: the next write commits whatever was left uncommitted, and all is clean
    expect(kefu(desk, 'duty', 'log', '--by', 'S02', '--kind', 'consult', '--content', 'room again', '--at', '2026-11-25T20:00:00+08:00').status).toBe(0);
    expect(git(desk, ['status', '--porcelain']).trim()).toBe('');
    expect(kefu(desk, 'validate').status).toBe(0);
    expect(kefu(desk, 'audit').status).toBe(0);
  });
});

/** A read-only view of `dir` (a read-only bind mount); undefined with the reason when not allowed. */
function tryReadOnlyBind(dir: string): { view?: string; reason?: string } {
  const view = tempDir('kefu-ro-');
  const bind = sh('mount', ['--bind', dir, view]);
  if (bind.status !== 0 || bind.error) return { reason: `cannot bind-mount here (${(bind.stderr || String(bind.error)).trim()}): run as root to test a read-only desk` };
  mounted.push(view);
  const ro = sh('mount', ['-o', 'remount,ro,bind', view]);
  if (ro.status !== 0) return { reason: `cannot remount read-only (${ro.stderr.trim()})` };
  return { view };
}

const bindReason = (() => {
  const d = tempDir('kefu-probe-');
  const r = tryReadOnlyBind(d);
  return r.reason;
})();

describe.skipIf(bindReason !== undefined)(`a read-only desk (a read-only bind mount; root ignores chmod)${bindReason ? ` — skipped: ${bindReason}` : ''}`, () => {
  it('reading works (validate, show, reports) even in a fresh clone kefu never registered its merge driver in; every write exits 2 naming the read-only disk; nothing changes', () => {
    const desk = freshDesk();
    expect(kefu(desk, 'duty', 'log', '--by', 'S02', '--kind', 'consult', '--content', 'first', '--at', '2026-11-25T10:00:00+08:00').status).toBe(0);
    const clone = join(tempDir(), 'clone');
    git(desk, ['clone', '--quiet', desk, clone]); // a clone's config has no merge driver yet
    const { view } = tryReadOnlyBind(clone);
    const before = readFileSync(join(clone, DAY_FILE));
    expect(kefu(view!, 'validate').status).toBe(0);
    expect(kefu(view!, 'duty', 'show', '--date', '2026-11-25').status).toBe(0);
    expect(kefu(view!, 'report', 'overdue', '--as-of', '2026-11-25T12:00:00+08:00').status).toBe(0);
    const r = kefu(view!, 'duty', 'log', '--by', 'S02', '--kind', 'consult', '--content', 'x');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/the desk cannot be written here \(EROFS/);
    expect(r.stderr).not.toContain('This is a bug');
    const wo = kefu(view!, 'wo', 'new', '--kind', 'repair', '--category', 'other', '--item', 'x', '--unit', '1-101', '--by', 'S02');
    expect(wo.status).toBe(2);
    expect(wo.stderr).toContain('EROFS');
    const sync = kefu(view!, 'sync');
    expect(sync.status).toBe(2);
    expect(readFileSync(join(clone, DAY_FILE))).toEqual(before);
  });
});

const chattrReason = (() => {
  const d = tempDir('kefu-probe-');
  writeFileSync(join(d, 'f'), '');
  const r = sh('chattr', ['+i', join(d, 'f')]);
  if (r.status !== 0 || r.error) return `chattr +i not allowed here (${(r.stderr || String(r.error)).trim()}): run as root on ext4/xfs to test an immutable record file`;
  sh('chattr', ['-i', join(d, 'f')]);
  return undefined;
})();

describe.skipIf(chattrReason !== undefined)(`one record file that cannot be written (chattr +i)${chattrReason ? ` — skipped: ${chattrReason}` : ''}`, () => {
  it('the append exits 2 naming the file and why; the file and the desk are unchanged, no note of an unfinished append is left; other files still take appends', () => {
    const desk = freshDesk();
    expect(kefu(desk, 'duty', 'log', '--by', 'S02', '--kind', 'consult', '--content', 'first', '--at', '2026-11-25T10:00:00+08:00').status).toBe(0);
    const file = join(desk, DAY_FILE);
    const before = readFileSync(file);
    const head = git(desk, ['rev-parse', 'HEAD']);
    expect(sh('chattr', ['+i', file]).status).toBe(0);
    try {
      const r = kefu(desk, 'duty', 'log', '--by', 'S02', '--kind', 'consult', '--content', 'x', '--at', '2026-11-25T11:00:00+08:00');
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`${DAY_FILE}: the desk cannot be written here (EPERM`);
      expect(readFileSync(file)).toEqual(before);
      expect(git(desk, ['rev-parse', 'HEAD'])).toBe(head);
      expect(appendNotes(desk)).toEqual([]);
      expect(kefu(desk, 'duty', 'log', '--by', 'S02', '--kind', 'consult', '--content', 'y', '--at', '2026-11-26T10:00:00+08:00').status).toBe(0);
    } finally {
      sh('chattr', ['-i', file]);
    }
    expect(kefu(desk, 'validate').status).toBe(0);
  });
});
