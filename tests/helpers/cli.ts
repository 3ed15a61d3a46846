// Running the real built CLI as a subprocess, on real temp folders and git repos.
// runKefu is async, so that a test can run several languages and formats at once;
// runKefuSync suits step-by-step scenarios.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { expect } from 'vitest';

export const ROOT = join(import.meta.dirname, '..', '..');
export const KEFU = join(ROOT, 'bin', 'kefu.js');
export const EXAMPLE_DESK = join(ROOT, 'examples', 'desk');
export const AS_OF = '2026-11-25T09:00:00+08:00';

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node bin/kefu.js ARGS`. The environment is made neutral: no colour forcing
 * (NO_COLOR / FORCE_COLOR unset, so only --no-color decides), CI=1 so nothing prompts,
 * no locale variables (the tests pass --lang). `env` entries override; undefined removes.
 */
export function runKefu(args: readonly string[], options: RunOptions = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [KEFU, ...args], { cwd: options.cwd ?? ROOT, env: neutralEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
}

function neutralEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NO_COLOR: undefined,
    FORCE_COLOR: undefined,
    CI: '1',
    LANG: 'C.UTF-8',
    LC_ALL: undefined,
    LC_MESSAGES: undefined,
    ...overrides,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env as NodeJS.ProcessEnv;
}

export function runKefuSync(args: readonly string[], options: RunOptions = {}): Run {
  const r = spawnSync(process.execPath, [KEFU, ...args], { cwd: options.cwd ?? ROOT, env: neutralEnv(options.env), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = 'kefu-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** git with a fixed identity, failing loudly. */
export function git(cwd: string, args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/**
 * A temp copy of the desk folder `from`, with each folder of `overlays` copied on top
 * (files replaced or added, byte for byte). Files named `expected.*` are golden
 * outputs, not desk files, and are left out.
 */
export function copyDesk(from: string, ...overlays: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-'));
  cpSync(from, dir, { recursive: true });
  for (const overlay of overlays) {
    cpSync(overlay, dir, { recursive: true, filter: (src) => !basename(src).startsWith('expected.') });
  }
  return dir;
}

/** A staff member as `kefu staff add` takes it: id, name, comma-separated roles. */
export type StaffMember = readonly [id: string, name: string, roles: string];

/** The staff of a new desk unless a test needs others: a supervisor, two clerks, a maintenance worker. */
export const DEFAULT_STAFF: readonly StaffMember[] = [
  ['S01', '王芳', 'supervisor'],
  ['S02', '李娜', 'clerk'],
  ['S03', '张伟', 'clerk'],
  ['S09', '赵强', 'maintenance'],
];

/** A new desk made the way a supervisor would: `kefu init`, then `kefu staff add` for each member. */
export function newDesk(staff: readonly StaffMember[] = DEFAULT_STAFF): string {
  const dir = join(tempDir(), 'desk');
  expect(runKefuSync(['init', dir, '--property', '翠湖花园']).status).toBe(0);
  for (const [id, name, roles] of staff) {
    expect(runKefuSync(['staff', 'add', '-C', dir, '--id', id, '--name', name, '--roles', roles]).status).toBe(0);
  }
  return dir;
}
