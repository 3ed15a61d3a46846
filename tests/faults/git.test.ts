// Faults around git (docs/RELIABILITY.md, "git"): git missing, not a repository, a
// detached HEAD, a rebase in progress, conflict markers in a record file, a push rejected.
import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { git, runKefuSync, tempDir } from '../helpers/cli.js';
import { DAY_FILE, dutyItems, freshDesk } from './helpers.js';

const kefu = (desk: string, ...args: string[]) => runKefuSync([...args, '-C', desk, '--lang', 'en']);
const kefuEnv = (env: Record<string, string>, desk: string, ...args: string[]) => runKefuSync([...args, '-C', desk, '--lang', 'en'], { env });
const logArgs = (content: string, at: string) => ['duty', 'log', '--by', 'S02', '--kind', 'consult', '--content', content, '--at', at];

let template: string;
beforeAll(() => {
  template = freshDesk();
  expect(kefu(template, ...logArgs('first', '2026-11-25T10:00:00+08:00')).status).toBe(0);
});
/** A copy of the desk made once (kefu init, staff, one entry), with its git history. */
function deskCopy(): string {
  const dir = join(tempDir(), 'desk');
  cpSync(template, dir, { recursive: true });
  return dir;
}

describe('git missing (PATH without git)', () => {
  it('validate and reports work; a write is made and says it is not committed; sync and audit say why they cannot; the next write with git commits it', () => {
    const desk = deskCopy();
    const noGit = { PATH: tempDir('kefu-nogit-') };
    expect(spawnSync('git', ['--version'], { env: { ...process.env, ...noGit } }).error).toBeDefined();
    expect(kefuEnv(noGit, desk, 'validate').status).toBe(0);
    expect(kefuEnv(noGit, desk, 'report', 'overdue', '--as-of', '2026-11-25T12:00:00+08:00').status).toBe(0);
    const w = kefuEnv(noGit, desk, ...logArgs('without git', '2026-11-25T11:00:00+08:00'));
    expect(w.status).toBe(0);
    expect(w.stdout).toMatch(/^D-20261125-/);
    expect(w.stderr).toContain('git was not found, so duty/2026/11/2026-11-25.yaml was written but not committed');
    expect(git(desk, ['status', '--porcelain']).trim()).toBe(`M ${DAY_FILE}`);
    const sync = kefuEnv(noGit, desk, 'sync');
    expect(sync.status).toBe(2);
    expect(sync.stderr).toContain('git was not found');
    const audit = kefuEnv(noGit, desk, 'audit'); // audit reads history: it cannot, and says why (exit 2)
    expect(audit.status).toBe(2);
    expect(audit.stderr).toContain('git was not found (not installed, or not on PATH), so kefu audit cannot read');
    expect(audit.stderr).not.toContain('not in a git repository');
    // git back: the next write commits both entries
    expect(kefu(desk, ...logArgs('with git', '2026-11-25T11:30:00+08:00')).status).toBe(0);
    expect(git(desk, ['status', '--porcelain']).trim()).toBe('');
    expect((dutyItems(desk) ?? []).map((i) => i.content)).toEqual(['first', 'without git', 'with git']);
    expect(kefu(desk, 'audit').status).toBe(0);
  });
});

describe("a killed git's .git/index.lock left behind", () => {
  it('a write is made and says which lock to remove, in both languages; once it is removed the next write commits both', () => {
    const desk = deskCopy();
    const lock = join(desk, '.git', 'index.lock');
    writeFileSync(lock, '');
    const w = kefu(desk, ...logArgs('with the lock', '2026-11-25T11:00:00+08:00'));
    expect(w.status).toBe(0);
    expect(w.stderr).toContain(`${DAY_FILE} was written but not committed`);
    expect(w.stderr).toContain(`If no git is running (close git tools and editors that use git), remove ${lock}`);
    const zh = runKefuSync([...logArgs('锁还在', '2026-11-25T11:10:00+08:00'), '-C', desk, '--lang', 'zh-CN']);
    expect(zh.status).toBe(0);
    expect(zh.stderr).toContain(`请删除 ${lock}`);
    expect(git(desk, ['status', '--porcelain']).trim()).toBe(`M ${DAY_FILE}`);
    rmSync(lock);
    expect(kefu(desk, ...logArgs('lock gone', '2026-11-25T11:30:00+08:00')).status).toBe(0);
    expect(git(desk, ['status', '--porcelain']).trim()).toBe('');
    expect((dutyItems(desk) ?? []).map((i) => i.content)).toEqual(['first', 'with the lock', '锁还在', 'lock gone']);
    expect(kefu(desk, 'audit').status).toBe(0);
  });
});

describe('not a git repository', () => {
  it('validate and writes work (nothing to commit, no note); audit and sync exit 2 saying there is no repository', () => {
    const desk = deskCopy();
    rmSync(join(desk, '.git'), { recursive: true });
    expect(kefu(desk, 'validate').status).toBe(0);
    const w = kefu(desk, ...logArgs('no repo', '2026-11-25T11:00:00+08:00'));
    expect(w.status).toBe(0);
    expect(w.stderr).not.toContain('not committed');
    const audit = kefu(desk, 'audit');
    expect(audit.status).toBe(2);
    expect(audit.stderr).toContain('is not in a git repository');
    const sync = kefu(desk, 'sync');
    expect(sync.status).toBe(2);
    expect(sync.stderr).toContain('is not a git repository');
  });
});

describe('a detached HEAD (someone checked out an old commit to look at the past)', () => {
  it('reading works; writes exit 2 and write nothing (a record there would be on no branch); sync exits 2; back on the branch all is as before', () => {
    const desk = deskCopy();
    git(desk, ['checkout', '--quiet', '--detach', 'HEAD~1']);
    const head = git(desk, ['rev-parse', 'HEAD']);
    expect(kefu(desk, 'validate').status).toBe(0);
    const w = kefu(desk, ...logArgs('detached', '2026-11-25T11:00:00+08:00'));
    expect(w.status).toBe(2);
    expect(w.stderr).toContain('not on a branch (a detached HEAD');
    expect(git(desk, ['status', '--porcelain']).trim()).toBe('');
    expect(git(desk, ['rev-parse', 'HEAD'])).toBe(head);
    expect(kefu(desk, 'sync').stderr).toContain('detached HEAD');
    git(desk, ['checkout', '--quiet', 'main']);
    expect(kefu(desk, ...logArgs('back on main', '2026-11-25T11:00:00+08:00')).status).toBe(0);
    expect((dutyItems(desk) ?? []).map((i) => i.content)).toEqual(['first', 'back on main']);
  });
});

describe('a rebase in progress', () => {
  it('writes exit 2 and write nothing until it is finished or aborted; sync says so too', () => {
    const desk = deskCopy();
    // stop a rebase half way (an interactive rebase with a `break`), as a sync that met a conflict would leave it
    const r = spawnSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', 'rebase', '--quiet', '-i', 'HEAD~1'], { cwd: desk, encoding: 'utf8', env: { ...process.env, GIT_SEQUENCE_EDITOR: 'sed -i 1abreak' } });
    expect(r.status, r.stderr).toBe(0);
    const before = readFileSync(join(desk, DAY_FILE));
    const w = kefu(desk, ...logArgs('mid-rebase', '2026-11-25T11:00:00+08:00'));
    expect(w.status).toBe(2);
    expect(w.stderr).toContain('A rebase or merge is unfinished in this desk; nothing was written.');
    expect(readFileSync(join(desk, DAY_FILE))).toEqual(before);
    expect(kefu(desk, 'sync').stderr).toContain('A rebase or merge is unfinished');
    git(desk, ['rebase', '--abort']);
    expect(kefu(desk, ...logArgs('after the rebase', '2026-11-25T11:00:00+08:00')).status).toBe(0);
  });
});

describe('conflict markers in a record file', () => {
  it('validate names each conflict block (exit 1); appending to that file exits 2 and changes nothing; other files still take appends', () => {
    const desk = deskCopy();
    const file = join(desk, DAY_FILE);
    const text = readFileSync(file, 'utf8');
    const marked = `${text}<<<<<<< HEAD\n  - type: entry\n    id: D-20261125-AAAA\n=======\n  - type: entry\n    id: D-20261125-BBBB\n>>>>>>> theirs\n`;
    for (const committed of [false, true]) {
      writeFileSync(file, marked);
      if (committed) git(desk, ['commit', '--quiet', '-am', 'someone committed a half-merged file']);
      const v = kefu(desk, 'validate', '--format', 'json');
      expect(v.status).toBe(1);
      const codes = (JSON.parse(v.stdout) as { problems: { code: string; file: string; line: number }[] }).problems;
      expect(codes).toContainEqual(expect.objectContaining({ code: 'CONFLICT_MARKER', file: DAY_FILE, line: text.split('\n').length }));
      const w = kefu(desk, ...logArgs('into the conflict', '2026-11-25T11:00:00+08:00'));
      expect(w.status).toBe(2);
      expect(w.stderr).not.toContain('This is a bug');
      expect(readFileSync(file, 'utf8')).toBe(marked);
    }
    expect(kefu(desk, ...logArgs('another day', '2026-11-27T11:00:00+08:00')).status).toBe(0);
  });
});

describe('a push rejected during kefu sync (a pre-receive hook that says no)', () => {
  it('sync exits 2 quoting the remote; the local commits and files are kept; once the remote accepts, sync pushes them and both clones are clean', () => {
    const root = tempDir('kefu-push-');
    const seed = deskCopy();
    const origin = join(root, 'origin.git');
    git(root, ['init', '--quiet', '--bare', '--initial-branch=main', origin]);
    git(seed, ['remote', 'add', 'origin', origin]);
    git(seed, ['push', '--quiet', '-u', 'origin', 'main']);
    const a = join(root, 'a');
    const b = join(root, 'b');
    git(root, ['clone', '--quiet', origin, a]);
    git(root, ['clone', '--quiet', origin, b]);
    const hook = join(origin, 'hooks', 'pre-receive');
    writeFileSync(hook, '#!/bin/sh\necho "remote policy: pushes are closed for the audit" >&2\nexit 1\n');
    chmodSync(hook, 0o755);
    expect(kefu(a, ...logArgs('from a', '2026-11-25T11:00:00+08:00')).status).toBe(0);
    const fileA = readFileSync(join(a, DAY_FILE));
    const headA = git(a, ['rev-parse', 'HEAD']);
    const s = kefu(a, 'sync');
    expect(s.status).toBe(2);
    expect(s.stderr).toContain('git push to origin/main failed');
    expect(s.stderr).toContain('remote policy: pushes are closed for the audit');
    expect(git(a, ['rev-parse', 'HEAD'])).toBe(headA);
    expect(readFileSync(join(a, DAY_FILE))).toEqual(fileA);
    expect(git(a, ['status', '--porcelain']).trim()).toBe('');
    // meanwhile b appends too; the remote opens again
    expect(kefu(b, ...logArgs('from b', '2026-11-25T11:05:00+08:00')).status).toBe(0);
    rmSync(hook);
    expect(kefu(a, 'sync').status).toBe(0);
    expect(kefu(b, 'sync').status).toBe(0);
    expect(kefu(a, 'sync').status).toBe(0);
    for (const clone of [a, b]) {
      expect((dutyItems(clone) ?? []).map((i) => i.content)).toEqual(['first', 'from a', 'from b']);
      expect(kefu(clone, 'validate').status).toBe(0);
      expect(kefu(clone, 'audit').status).toBe(0);
    }
    appendFileSync(join(root, 'done'), '');
  });
});
