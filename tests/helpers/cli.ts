// Running the built CLI as a subprocess on temp copies of fixture desks. Async, so
// that a test can run several languages and formats at once.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const KEFU = join(ROOT, 'bin', 'kefu.js');

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
export function runKefu(args: readonly string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<Run> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NO_COLOR: undefined,
    FORCE_COLOR: undefined,
    CI: '1',
    LANG: 'C.UTF-8',
    LC_ALL: undefined,
    LC_MESSAGES: undefined,
    ...options.env,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [KEFU, ...args], { cwd: options.cwd ?? ROOT, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
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
