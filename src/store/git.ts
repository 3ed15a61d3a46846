// git, run without a shell (arguments as an array, `--` before paths).
import { execFileSync } from 'node:child_process';
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

export function isInsideGitRepo(dir: string): boolean {
  try {
    execFileSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: dir, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Commits exactly these paths, with the staff member as author when known (SPEC §4). */
export function commitPaths(root: string, paths: string[], message: string, author?: { name: string; email: string }): void {
  git(root, ['add', '--', ...paths]);
  const env: Record<string, string> = {};
  if (author) Object.assign(env, { GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: author.email });
  // a machine without user.name still commits (as kefu)
  const identity = hasIdentity(root) ? [] : ['-c', 'user.name=kefu', '-c', 'user.email=kefu@localhost'];
  git(root, [...identity, 'commit', '--quiet', '--no-verify', '-m', message, '--', ...paths], env);
}

function hasIdentity(root: string): boolean {
  try {
    execFileSync('git', ['config', 'user.email'], { cwd: root, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The file's text at HEAD, or undefined when the desk is not a repo or the file is not committed. */
export function committedText(root: string, path: string): string | undefined {
  try {
    return execFileSync('git', ['show', `HEAD:${path}`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}
