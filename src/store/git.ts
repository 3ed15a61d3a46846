// git, run without a shell (arguments as an array, `--` before paths).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { KefuError } from '../cli/errors.js';

export function git(cwd: string, args: string[], env: Record<string, string> = {}): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  } catch (error) {
    const e = error as { stderr?: string; message: string; code?: string };
    const detail = e.code === 'ENOENT' ? 'git is not installed' : (e.stderr ?? e.message).trim().split('\n')[0];
    throw new KefuError('err.git', { detail });
  }
}

/**
 * For the git commands that may start git's automatic housekeeping (`commit`, `pull`: its
 * fetch and rebase): run it in the foreground, inside kefu's command and under its desk
 * lock, never detached. A housekeeping process left running in the background packs refs
 * and expires reflogs, locking HEAD and the branch for a moment: a write or a sync started
 * after kefu returns then fails on a ref it cannot lock (the soak met it once in 13,000
 * syncs: a rebase step failed and was rescheduled, and the sync stopped mid-rebase).
 * `maintenance.autoDetach` is git 2.47's name for it; older gits ignore it.
 */
export const HOUSEKEEPING_IN_FOREGROUND: readonly string[] = ['-c', 'gc.autoDetach=false', '-c', 'maintenance.autoDetach=false'];

export function isInsideGitRepo(dir: string): boolean {
  try {
    execFileSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: dir, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Where the desk stands in git, for a write (docs/RELIABILITY.md): not in a repository;
 * in one, but git cannot be run (not installed, not on PATH); or in one, possibly on no
 * branch (a detached HEAD) or in the middle of a rebase, merge, cherry-pick or revert.
 */
export type RepoState =
  | { kind: 'none' }
  | { kind: 'no-git' }
  | { kind: 'repo'; detached: boolean; inProgress: boolean };

export function repoState(root: string): RepoState {
  const dir = spawnSync('git', ['rev-parse', '--absolute-git-dir'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  if (dir.error) return hasDotGit(root) ? { kind: 'no-git' } : { kind: 'none' };
  if (dir.status !== 0) return { kind: 'none' };
  const gitDir = dir.stdout.trim();
  const branch = spawnSync('git', ['symbolic-ref', '--quiet', 'HEAD'], { cwd: root, stdio: 'ignore' });
  const inProgress = ['rebase-merge', 'rebase-apply', 'MERGE_HEAD', 'CHERRY_PICK_HEAD', 'REVERT_HEAD'].some((name) => existsSync(join(gitDir, name)));
  return { kind: 'repo', detached: branch.status !== 0, inProgress };
}

/** A `.git` in `dir` or a folder above it: the desk is in a repository even when git cannot be run. */
function hasDotGit(dir: string): boolean {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return true;
    if (dirname(d) === d) return false;
  }
}

/**
 * Commits exactly these paths, with the staff member as author when known (SPEC §4).
 * Another git in this clone (a person's, or a push) may hold `.git/index.lock` for a
 * moment: the commit is retried for a few seconds before giving up.
 */
export function commitPaths(root: string, paths: string[], message: string, author?: { name: string; email: string }): void {
  const env: Record<string, string> = {};
  if (author) Object.assign(env, { GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: author.email });
  const config = gitConfig(root, ['user.email', 'commit.gpgsign']);
  // a machine without user.name still commits (as kefu)
  const identity = config.has('user.email') ? [] : ['-c', 'user.name=kefu', '-c', 'user.email=kefu@localhost'];
  const signs = /^(?:true|yes|on|1)$/i.test(config.get('commit.gpgsign') ?? '');
  if (paths.length === 1 && !signs && commitOneFile(root, paths[0]!, message, identity, env)) return;
  retryWhileLocked(() => git(root, ['add', '--', ...paths]));
  try {
    retryWhileLocked(() => git(root, [...HOUSEKEEPING_IN_FOREGROUND, ...identity, 'commit', '--quiet', '--no-verify', '-m', message, '--', ...paths], env));
  } catch (error) {
    // someone else's `git commit` took these changes in meanwhile: they are committed
    if (!hasChanges(root, paths)) return;
    throw error;
  }
}

/**
 * The commit of one record file the way `git commit` makes it, without its cost on a big
 * desk (issue 7: ~180 ms of a 67,000-file index, against ~50): the file is staged, the
 * index written as a tree, and a commit of that tree on HEAD made and moved to — the same
 * commit, tree, author, message and reflog line. Only when that is exactly what `git
 * commit -- path` would do; otherwise (no commit yet, something else staged, a
 * prepare-commit-msg or post-commit hook to run, signed commits, HEAD moved meanwhile) false, and the caller
 * runs `git commit` itself. The file is staged either way.
 */
function commitOneFile(root: string, path: string, message: string, identity: string[], env: Record<string, string>): boolean {
  // the hooks `git commit --no-verify` still runs (it skips only pre-commit and commit-msg)
  const [prepare, post, head] = gitOr(root, ['rev-parse', '--git-path', 'hooks/prepare-commit-msg', '--git-path', 'hooks/post-commit', '--verify', '-q', 'HEAD'])?.trim().split('\n') ?? [];
  if (!prepare || !post || !head || existsSync(resolve(root, prepare)) || existsSync(resolve(root, post))) return false;
  retryWhileLocked(() => git(root, ['update-index', '--add', '--', path]));
  const tree = gitOr(root, ['write-tree'])?.trim();
  if (!tree) return false;
  // what would be committed besides this file (a path of the repository, ending in the desk's)
  const changed = gitOr(root, ['-c', 'core.quotePath=false', 'diff-tree', '-r', '--name-only', '--no-renames', head, tree]);
  if (changed === undefined) return false;
  const others = changed.split('\n').filter((p) => p !== '' && p !== path && !p.endsWith(`/${path}`));
  if (others.length > 0) return false;
  if (changed.trim() === '') return true; // already committed (someone else's commit took it)
  const commit = gitOr(root, [...identity, 'commit-tree', tree, '-p', head, '-m', message], env)?.trim();
  if (!commit) return false;
  // moved only if HEAD is still where it was: else another commit came in between, and `git commit` decides
  return gitOr(root, ['update-ref', '-m', `commit: ${message.split('\n')[0]}`, 'HEAD', commit, head]) !== undefined;
}

/** git's output, or undefined when it fails (for a step that has a way back). */
function gitOr(cwd: string, args: string[], env: Record<string, string> = {}): string | undefined {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, ...env } });
  return r.status === 0 ? r.stdout : undefined;
}

/** The values of these config keys (lower case) that are set, read in one call. */
function gitConfig(root: string, keys: string[]): Map<string, string> {
  const pattern = `^(${keys.map((k) => k.replace(/\./g, '\\.')).join('|')})$`;
  const out = new Map<string, string>();
  for (const line of (gitOr(root, ['config', '--get-regexp', pattern]) ?? '').split('\n')) {
    const space = line.indexOf(' ');
    if (line) out.set(space < 0 ? line : line.slice(0, space), space < 0 ? '' : line.slice(space + 1));
  }
  return out;
}

const LOCK_RETRY_MS = 5_000;

function retryWhileLocked(run: () => void): void {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      run();
      return;
    } catch (error) {
      const detail = error instanceof KefuError ? String(error.params.detail ?? '') : '';
      if (!detail.includes('index.lock') || Date.now() - started > LOCK_RETRY_MS) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.min(20 * (attempt + 1), 250));
    }
  }
}

function hasChanges(root: string, paths: string[]): boolean {
  const r = spawnSync('git', ['diff', '--quiet', 'HEAD', '--', ...paths], { cwd: root, stdio: 'ignore' });
  return r.status !== 0;
}

/** The most a record file's committed text may take (execFileSync's default, 1 MiB, is less than a busy month). */
const MAX_COMMITTED_BYTES = 256 * 1024 * 1024;

/**
 * The file's text at HEAD, or undefined when the desk is not a repo or the file is not
 * committed. `path` is relative to the desk, which may be a folder inside the repository
 * (`kefu -C repo/desk`): `HEAD:./path` is read relative to the working directory, where
 * `HEAD:path` would be read from the repository's top.
 */
export function committedText(root: string, path: string): string | undefined {
  try {
    return execFileSync('git', ['show', `HEAD:./${path}`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: MAX_COMMITTED_BYTES });
  } catch {
    return undefined;
  }
}
