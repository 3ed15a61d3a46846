// Reading ahead on worker threads (src/store/read-ahead.ts) never changes an outcome: a
// load that takes the records read ahead is the load without them, on every fixture desk
// (files declined by the fast reader are read exactly, findings placed the same), and the
// built CLI prints the same with its workers as without, cold, with and without the cache.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDesk, readRecordFast, type LoadResult, type ReadAhead } from '../../src/domain/load-desk.js';
import { contentKeyOf } from '../../src/store/cache.js';
import { readDeskSources } from '../../src/store/desk-files.js';
import { AS_OF } from '../helpers/cli.js';
import { runKefuSync } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = join(ROOT, 'tests', 'fixtures');
const AS_OF_MS = Date.parse(AS_OF);

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function deskOf(from: string, ...overlays: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-ahead-'));
  temps.push(dir);
  cpSync(from, dir, { recursive: true });
  for (const overlay of overlays) cpSync(overlay, dir, { recursive: true, filter: (src) => !src.split('/').pop()!.startsWith('expected.') });
  return dir;
}

function observable(r: LoadResult): string {
  return JSON.stringify({ desk: r.desk, unreadable: [...r.desk.unreadableIds], diagnostics: r.diagnostics, texts: [...r.files].map(([p, f]) => [p, f.text]) }, (_k, v: unknown) => (v instanceof Set ? [...v] : v instanceof Map ? [...v] : v));
}

/** What a worker thread sends for these files (read-ahead-worker.ts does exactly this). */
function aheadOf(dir: string, paths: readonly string[]): ReadAhead {
  const read = new Map(paths.map((path) => {
    const bytes = readDeskSources(dir).find((s) => s.path === path)!.bytes;
    return [path, { content: contentKeyOf(bytes), record: structuredClone(readRecordFast(path, bytes) ?? null) }] as const;
  }));
  return { take: (path) => read.get(path) };
}

describe('reading ahead', () => {
  it('a load that takes the records read ahead is the load without them, on every fixture desk', () => {
    let declined = 0;
    for (const group of ['errors', 'yaml', 'hostile']) {
      for (const name of readdirSync(join(FIXTURES, group))) {
        const folder = join(FIXTURES, group, name);
        if (!statSync(folder).isDirectory()) continue;
        const dir = deskOf(join(FIXTURES, 'base-desk'), folder);
        const sources = readDeskSources(dir);
        const plain = loadDesk(sources, { asOf: AS_OF_MS });
        const paths = sources.filter((s) => s.link === undefined).map((s) => s.path);
        const ahead = aheadOf(dir, paths);
        declined += paths.filter((p) => readRecordFast(p, sources.find((s) => s.path === p)!.bytes) === undefined).length;
        const withAhead = loadDesk(sources, { asOf: AS_OF_MS, readAhead: ahead });
        expect(observable(withAhead), `${group}/${name}`).toBe(observable(plain));
        expect(withAhead.reading.fellBack, `${group}/${name}`).toBe(false);
        rmSync(dir, { recursive: true, force: true });
      }
    }
    expect(declined).toBeGreaterThan(50); // the files with problems did go to the exact reader
  });

  it('the built CLI prints the same with its worker threads as without, cold, with and without the cache', () => {
    const dir = deskOf(join(ROOT, 'examples', 'desk'), join(FIXTURES, 'errors', 'REF_DANGLING'));
    mkdirSync(join(dir, '.git')); // a desk keeps a cache only at the top of a repository
    const run = (min: string, ...args: string[]) => runKefuSync(['validate', '--format', 'json', '--debug', '-C', dir, '--as-of', AS_OF, ...args], { env: { KEFU_READ_AHEAD_MIN: min } });
    const alone = run('1000000', '--no-cache');
    expect(alone.stderr).not.toMatch(/read ahead/);
    expect(alone.stdout).toMatch(/REF_DANGLING/);
    const ahead = run('1', '--no-cache');
    expect(ahead.stderr).toMatch(/read ahead: \d+ of \d+ files on [2-4] threads/);
    expect(ahead.stdout).toBe(alone.stdout);
    expect(ahead.status).toBe(alone.status);
    // cold with the cache: read ahead, and what was read ahead is kept
    expect(existsSync(join(dir, '.kefu'))).toBe(false);
    const cold = run('1');
    expect(cold.stdout).toBe(alone.stdout);
    const warm = run('1');
    expect(warm.stdout).toBe(alone.stdout);
    expect(warm.stderr).not.toMatch(/read ahead/); // every file known by its stamp or hash: nothing to read ahead
    expect(warm.stderr).toMatch(/\(\d+ from the cache, 0 read fast/);
  });

  it('a worker that dies with files taken (no word from it) is waited for, then its files are read by the load itself: the same output', () => {
    const dir = deskOf(join(ROOT, 'examples', 'desk'), join(FIXTURES, 'errors', 'REF_DANGLING'));
    mkdirSync(join(dir, '.git'));
    const run = (env: Record<string, string>, ...args: string[]) => runKefuSync(['validate', '--format', 'json', '--debug', '-C', dir, '--as-of', AS_OF, ...args], { env: { KEFU_READ_AHEAD_MIN: '1', ...env } });
    const alone = run({ KEFU_READ_AHEAD_MIN: '1000000' }, '--no-cache');
    const started = performance.now();
    const dying = run({ KEFU_TEST_READ_AHEAD_DIE_AFTER: '0', KEFU_READ_AHEAD_STALL_MS: '1500' });
    const took = performance.now() - started;
    expect(dying.stderr).toMatch(/read ahead: 0 of \d+ files/); // every worker died before posting anything
    expect(took).toBeGreaterThan(1500); // it waited for the stalled workers…
    expect(took).toBeLessThan(60_000); // …not for ever
    expect(dying.stdout).toBe(alone.stdout);
    expect(dying.status).toBe(alone.status);
    // and the records the load read itself went into the cache as usual
    expect(run({}).stderr).toMatch(/\(\d+ from the cache, 0 read fast/);
  });
});
