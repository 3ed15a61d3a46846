// The store's git helpers on real temp repositories (no mocks).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { committedText } from '../../src/store/git.js';
import { git, tempDir } from '../helpers/cli.js';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A repository holding `files` (paths from its top), committed; returns its top folder. */
function repoWith(files: Record<string, string>): string {
  const top = tempDir('kefu-git-');
  temps.push(top);
  git(top, ['init', '--quiet', '-b', 'main']);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(top, path, '..'), { recursive: true });
    writeFileSync(join(top, path), text);
  }
  git(top, ['add', '--all']);
  git(top, ['commit', '--quiet', '-m', 'records']);
  return top;
}

describe('committedText', () => {
  const DAY = 'duty/2026/11/2026-11-25.yaml';

  it('reads a file of a desk at the top of its repository', () => {
    const top = repoWith({ 'kefu.yaml': 'property: x\n', [DAY]: 'date: "2026-11-25"\nlog: []\n' });
    expect(committedText(top, DAY)).toBe('date: "2026-11-25"\nlog: []\n');
  });

  it('reads a file of a desk in a folder of its repository (kefu -C repo/desk): the path is the desk\'s, not the repository\'s', () => {
    // a file of the same name at the repository's top must not be taken for the desk's
    const top = repoWith({ 'desk/kefu.yaml': 'property: x\n', [`desk/${DAY}`]: 'date: "2026-11-25"\nlog: []\n', [DAY]: 'not the desk\n' });
    expect(committedText(join(top, 'desk'), DAY)).toBe('date: "2026-11-25"\nlog: []\n');
    expect(committedText(join(top, 'desk'), 'kefu.yaml')).toBe('property: x\n');
  });

  it('is undefined for a file not committed, and for a folder outside any repository', () => {
    const top = repoWith({ 'kefu.yaml': 'property: x\n' });
    writeFileSync(join(top, 'staff.yaml'), 'staff: []\n');
    expect(committedText(top, 'staff.yaml')).toBeUndefined();
    const bare = tempDir('kefu-nogit-');
    temps.push(bare);
    writeFileSync(join(bare, 'kefu.yaml'), 'property: x\n');
    expect(committedText(bare, 'kefu.yaml')).toBeUndefined();
  });

  it('reads a committed file larger than 1 MiB (a busy month), not mistaking it for one never committed', () => {
    const big = `callbacks:\n${'  - { id: CB-20261101-0001, note: 回访 }\n'.repeat(40_000)}`;
    expect(Buffer.byteLength(big)).toBeGreaterThan(1024 * 1024);
    const top = repoWith({ 'callbacks/2026/2026-11.yaml': big });
    expect(committedText(top, 'callbacks/2026/2026-11.yaml')).toBe(big);
  });
});
