// commitPaths' quick way for one record file (src/store/git.ts commitOneFile) makes the
// very commit `git commit -- path` makes — same tree, parent, author, committer, message,
// reflog line, and a clean index after — and steps aside for `git commit` whenever that
// would do something else: something else staged, a post-commit hook, signed commits, no
// commit yet, a desk inside a bigger repository.
import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commitPaths } from '../../src/store/git.js';

const temps: string[] = [];
afterEach(() => {
  spy = undefined;
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

// fixed dates, so that the two ways can be compared commit for commit
const DATES = { GIT_AUTHOR_DATE: '2026-11-25T09:00:00+08:00', GIT_COMMITTER_DATE: '2026-11-25T09:00:00+08:00' };

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...DATES } });
}

/** A repository with a desk (at `sub` inside it) holding a committed day file and 200 others. */
function repo(sub = ''): { top: string; desk: string } {
  const top = mkdtempSync(join(tmpdir(), 'kefu-commit-'));
  temps.push(top);
  git(top, 'init', '-q', '-b', 'main');
  git(top, 'config', 'user.name', 'Desk Owner');
  git(top, 'config', 'user.email', 'owner@example.org');
  const desk = join(top, sub);
  mkdirSync(join(desk, 'duty', '2026', '11'), { recursive: true });
  for (let d = 1; d <= 200; d++) writeFileSync(join(desk, 'duty', '2026', '11', `f${d}.yaml`), `n: ${d}\n`);
  writeFileSync(join(desk, 'duty', '2026', '11', '2026-11-25.yaml'), 'date: 2026-11-25\nlog:\n');
  git(top, 'add', '-A');
  git(top, 'commit', '-q', '-m', 'base');
  return { top, desk };
}

const DAY = 'duty/2026/11/2026-11-25.yaml';
const AUTHOR = { name: '张三', email: 'S01@desk.example' };

/** A `git` first on PATH that notes each subcommand kefu runs, then runs the real one. */
function gitSpy(): { path: string; ran: () => string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-gitspy-'));
  temps.push(dir);
  const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  const log = join(dir, 'log');
  writeFileSync(join(dir, 'git'), `#!/bin/sh\necho "$*" >> "${log}"\nexec "${real}" "$@"\n`);
  chmodSync(join(dir, 'git'), 0o755);
  return { path: `${dir}:${process.env.PATH}`, ran: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []) };
}

/** The git subcommands commitPaths ran (the first word that is not an option or its value). */
function subcommands(lines: string[]): string[] {
  return lines.map((l) => l.replace(/^(?:-c \S+ )*/, '').split(' ')[0]!);
}

let spy: ReturnType<typeof gitSpy> | undefined;

/** Commits an appended line to the day file, the quick way (commitPaths) or by `git commit -- path`. */
function append(r: { top: string; desk: string }, how: 'kefu' | 'git', line = '  - id: D-20261125-AB12\n'): void {
  appendFileSync(join(r.desk, DAY), line);
  const saved = { ...process.env };
  Object.assign(process.env, DATES);
  if (spy) process.env.PATH = spy.path;
  try {
    if (how === 'kefu') commitPaths(r.desk, [DAY], 'duty: D-20261125-AB12 consult (2026-11-25)', AUTHOR);
    else {
      git(r.desk, 'add', '--', DAY);
      execFileSync('git', ['commit', '-q', '--no-verify', '-m', 'duty: D-20261125-AB12 consult (2026-11-25)', '--', DAY], { cwd: r.desk, env: { ...process.env, GIT_AUTHOR_NAME: AUTHOR.name, GIT_AUTHOR_EMAIL: AUTHOR.email } });
    }
  } finally {
    process.env = saved;
  }
}

function state(r: { top: string }): { head: string; commit: string; reflog: string; status: string } {
  return {
    head: git(r.top, 'rev-parse', 'HEAD').trim(),
    commit: git(r.top, 'cat-file', '-p', 'HEAD'),
    reflog: git(r.top, 'reflog', '-1', '--format=%gs'),
    status: git(r.top, 'status', '--porcelain'),
  };
}

describe('commitPaths for one record file', () => {
  it('makes the very commit `git commit -- path` makes, and leaves the index clean', () => {
    const a = repo();
    const b = repo();
    expect(git(a.top, 'rev-parse', 'HEAD')).toBe(git(b.top, 'rev-parse', 'HEAD'));
    spy = gitSpy();
    append(a, 'kefu');
    expect(subcommands(spy.ran())).toEqual(['config', 'rev-parse', 'update-index', 'write-tree', 'diff-tree', 'commit-tree', 'update-ref']);
    spy = undefined;
    append(b, 'git');
    expect(state(a)).toEqual(state(b));
    expect(state(a).status).toBe('');
    expect(state(a).commit).toMatch(/^author 张三 <S01@desk\.example> /m);
  });

  it('the same in a desk that is a folder inside a bigger repository', () => {
    const a = repo('desk');
    const b = repo('desk');
    append(a, 'kefu');
    append(b, 'git');
    expect(state(a)).toEqual(state(b));
  });

  it('commits only its file when something else is staged, and leaves that staged', () => {
    const r = repo();
    writeFileSync(join(r.desk, 'duty', '2026', '11', 'f1.yaml'), 'n: 1000\n');
    git(r.top, 'add', '--', 'duty/2026/11/f1.yaml');
    spy = gitSpy();
    append(r, 'kefu');
    expect(subcommands(spy.ran())).toContain('commit'); // `git commit -- path` decided
    expect(git(r.top, 'show', '--name-only', '--format=', 'HEAD').trim()).toBe(DAY);
    expect(git(r.top, 'status', '--porcelain').trim()).toBe('M  duty/2026/11/f1.yaml');
  });

  it('runs the post-commit hook, as `git commit` does', () => {
    const r = repo();
    const hook = join(r.top, '.git', 'hooks', 'post-commit');
    writeFileSync(hook, `#!/bin/sh\ntouch "${join(r.top, 'hook-ran')}"\n`);
    chmodSync(hook, 0o755);
    spy = gitSpy();
    append(r, 'kefu');
    expect(subcommands(spy.ran())).not.toContain('commit-tree');
    expect(existsSync(join(r.top, 'hook-ran'))).toBe(true);
    expect(git(r.top, 'status', '--porcelain')).toBe('?? hook-ran\n');
  });

  it('leaves the commit to `git commit` when a prepare-commit-msg hook would change its message', () => {
    const r = repo();
    const hook = join(r.top, '.git', 'hooks', 'prepare-commit-msg');
    writeFileSync(hook, '#!/bin/sh\necho "[desk]" >> "$1"\n');
    chmodSync(hook, 0o755);
    spy = gitSpy();
    append(r, 'kefu');
    expect(subcommands(spy.ran())).not.toContain('commit-tree');
    expect(git(r.top, 'log', '-1', '--format=%B')).toContain('[desk]');
  });

  it('commits a file git does not know yet, and a second append after it', () => {
    const r = repo();
    const fresh = 'duty/2026/11/2026-11-26.yaml';
    writeFileSync(join(r.desk, fresh), 'date: 2026-11-26\nlog:\n');
    commitPaths(r.desk, [fresh], 'duty: new day');
    expect(git(r.top, 'show', '--name-only', '--format=%s', 'HEAD').trim().split('\n')).toEqual(['duty: new day', '', fresh]);
    append(r, 'kefu');
    append(r, 'kefu', '  - id: D-20261125-CD34\n');
    expect(git(r.top, 'log', '--format=%s', '-3').trim().split('\n')).toEqual(['duty: D-20261125-AB12 consult (2026-11-25)', 'duty: D-20261125-AB12 consult (2026-11-25)', 'duty: new day']);
    expect(git(r.top, 'status', '--porcelain')).toBe('');
  });

  it('a file already committed by someone else: nothing new, no error', () => {
    const r = repo();
    appendFileSync(join(r.desk, DAY), '  - id: D-20261125-AB12\n');
    git(r.top, 'commit', '-q', '-am', 'someone else');
    const head = git(r.top, 'rev-parse', 'HEAD');
    commitPaths(r.desk, [DAY], 'duty: again');
    expect(git(r.top, 'rev-parse', 'HEAD')).toBe(head);
  });
});
