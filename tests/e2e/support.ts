// Running the real built CLI as a subprocess, on real temp folders and git repos.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const KEFU = join(ROOT, 'bin', 'kefu.js');
export const EXAMPLE_DESK = join(ROOT, 'examples', 'desk');
export const AS_OF = '2026-11-25T09:00:00+08:00';

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** A clean environment: no colour forcing, no CI unless asked, a fixed language. */
export function runKefu(args: string[], options: { cwd?: string; env?: Record<string, string | undefined>; input?: string } = {}): Run {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, CI: '1', LANG: 'C.UTF-8', LC_ALL: undefined, LC_MESSAGES: undefined, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const r = spawnSync(process.execPath, [KEFU, ...args], { cwd: options.cwd ?? ROOT, env: env as NodeJS.ProcessEnv, encoding: 'utf8', input: options.input ?? '' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = 'kefu-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A temp copy of a desk folder (the example desk by default). */
export function copyDesk(from = EXAMPLE_DESK): string {
  const dir = tempDir('kefu-desk-');
  cpSync(from, dir, { recursive: true });
  return dir;
}

export function git(cwd: string, args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
