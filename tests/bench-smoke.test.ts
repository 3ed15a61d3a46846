// The benchmark desk generator (scripts/gen-desk.mjs, issue 7): deterministic — the same
// seed writes byte-identical trees and the same commit — and what it writes is a valid
// desk, clean through the built CLI. The small size only; the benchmarks use the rest.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AS_OF, ROOT, runKefuSync } from './helpers/cli.js';

const GEN = join(ROOT, 'scripts', 'gen-desk.mjs');

function listFiles(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, rel)).sort()) {
    if (name === '.git') continue;
    const path = rel ? `${rel}/${name}` : name;
    if (statSync(join(root, path)).isDirectory()) out.push(...listFiles(root, path));
    else out.push(path);
  }
  return out;
}

describe('scripts/gen-desk.mjs', () => {
  let temp: string;
  const gen = (dir: string, ...args: string[]) => execFileSync(process.execPath, [GEN, '--size', 'small', ...args, dir], { cwd: ROOT, stdio: 'pipe' });
  const head = (dir: string) => execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir }).toString().trim();

  beforeAll(() => {
    temp = mkdtempSync(join(tmpdir(), 'kefu-gen-'));
    gen(join(temp, 'a'), '--seed', '7');
    gen(join(temp, 'b'), '--seed', '7');
    gen(join(temp, 'c'), '--seed', '8', '--no-git');
  });
  afterAll(() => {
    if (temp) rmSync(temp, { recursive: true, force: true });
  });

  it('writes byte-identical desks, and the same commit, for the same seed', () => {
    const files = listFiles(join(temp, 'a'));
    expect(files.length).toBeGreaterThan(300);
    expect(listFiles(join(temp, 'b'))).toEqual(files);
    for (const file of files) expect(readFileSync(join(temp, 'b', file)).equals(readFileSync(join(temp, 'a', file))), file).toBe(true);
    expect(head(join(temp, 'b'))).toBe(head(join(temp, 'a')));
  });

  it('writes a different desk for another seed', () => {
    const a = readFileSync(join(temp, 'a', 'gen-desk.json'), 'utf8');
    const c = readFileSync(join(temp, 'c', 'gen-desk.json'), 'utf8');
    expect(c).not.toEqual(a);
  });

  it('writes a desk that validates clean through the built CLI', () => {
    const run = runKefuSync(['-C', join(temp, 'a'), '--as-of', AS_OF, '--lang', 'en', 'validate', '--format', 'json']);
    expect(JSON.parse(run.stdout)).toEqual({ ok: true, problems: [] });
    expect(run.status).toBe(0);
  });
});
