// The record cache (issue 7 item 3, src/store/cache.ts) never changes an output: loads
// with and without it are identical; editing a file invalidates that file's entry and no
// other; a truncated, random or stale cache file is ignored and rebuilt; a cached record
// that turns out wrong where a diagnostic needs it is caught; concurrent kefu processes
// leave a whole cache; `--no-cache` writes none.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDesk, type LoadResult, type SourceFile } from '../../src/domain/load-desk.js';
import { contentKeyOf, openRecordCache, openReportMemo } from '../../src/store/cache.js';
import { readDeskSources } from '../../src/store/desk-files.js';
import { AS_OF, KEFU, runKefuSync } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const EXAMPLE = join(ROOT, 'examples', 'desk');
const FIXTURES = join(ROOT, 'tests', 'fixtures');
const AS_OF_MS = Date.parse(AS_OF);

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of `from` that is the top of a git repository (the cache is kept only there). */
function gitDesk(from: string, ...overlays: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-cache-'));
  temps.push(dir);
  cpSync(from, dir, { recursive: true });
  for (const overlay of overlays) cpSync(overlay, dir, { recursive: true, filter: (src) => !src.split('/').pop()!.startsWith('expected.') });
  mkdirSync(join(dir, '.git'));
  return dir;
}

function load(dir: string, withCache: boolean): LoadResult {
  const cache = withCache ? openRecordCache(dir) : undefined;
  const result = loadDesk(readDeskSources(dir), { asOf: AS_OF_MS, ...(cache ? { cache } : {}) });
  cache?.save();
  return result;
}

function loadStamped(dir: string, sources: SourceFile[]): LoadResult {
  const cache = openRecordCache(dir)!;
  const result = loadDesk(sources, { asOf: AS_OF_MS, cache });
  cache.save();
  return result;
}

/** The sources, each counting how often its bytes are read. */
function counted(sources: SourceFile[]): { sources: SourceFile[]; reads: () => number } {
  let reads = 0;
  return {
    sources: sources.map((s) => ({
      path: s.path,
      get bytes() {
        reads++;
        return s.bytes;
      },
      get stamp() {
        return s.stamp;
      },
    })),
    reads: () => reads,
  };
}

/** Everything observable of a load (the parsed files reduced to their text). */
function observable(r: LoadResult): string {
  return JSON.stringify({ desk: r.desk, unreadable: [...r.desk.unreadableIds], asOf: r.asOf, diagnostics: r.diagnostics, texts: [...r.files].map(([p, f]) => [p, f.text]) }, (_k, v: unknown) => (v instanceof Set ? [...v] : v instanceof Map ? [...v] : v));
}

function shards(dir: string): string[] {
  const folder = join(dir, '.kefu', 'cache');
  return existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.bin') && f !== 'checks.bin').map((f) => join(folder, f)) : [];
}

describe('the record cache', () => {
  it('gives what a load without it gives, cold and warm, and the warm load reads no clean file', () => {
    const dir = gitDesk(EXAMPLE);
    const plain = observable(load(dir, false));
    const cold = load(dir, true);
    expect(cold.reading.cached).toBe(0);
    expect(observable(cold)).toBe(plain);
    expect(shards(dir).length).toBeGreaterThan(5);
    const warm = load(dir, true);
    expect(warm.reading).toEqual({ cached: readDeskSources(dir).length, fast: 0, exact: 0, reread: 0, fellBack: false });
    expect(observable(warm)).toBe(plain);
    // git never sees the scratch folder, whatever the desk's own .gitignore says
    expect(readFileSync(join(dir, '.kefu', '.gitignore'), 'utf8')).toMatch(/^\*$/m);
  });

  it('is the same with and without it on every fixture desk, with findings placed from exact re-reads', () => {
    for (const group of ['errors', 'yaml', 'hostile']) {
      if (!existsSync(join(FIXTURES, group))) continue;
      for (const name of readdirSync(join(FIXTURES, group))) {
        const folder = join(FIXTURES, group, name);
        if (!statSync(folder).isDirectory()) continue;
        const dir = gitDesk(join(FIXTURES, 'base-desk'), folder);
        const plain = observable(load(dir, false));
        expect(observable(load(dir, true)), `${group}/${name} cold`).toBe(plain);
        const warm = load(dir, true);
        expect(observable(warm), `${group}/${name} warm`).toBe(plain);
        expect(warm.reading.fellBack, `${group}/${name}`).toBe(false);
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it('editing a file invalidates exactly that entry', () => {
    const dir = gitDesk(EXAMPLE);
    load(dir, true);
    const before = new Map(shards(dir).map((f) => [f, readFileSync(f)]));
    const day = 'duty/2026/11/2026-11-20.yaml';
    writeFileSync(join(dir, day), readFileSync(join(dir, day), 'utf8').replace('content: ', 'content: 改：'));
    const edited = load(dir, true);
    expect(edited.reading.cached).toBe(readDeskSources(dir).length - 1);
    expect(edited.reading.fast + edited.reading.exact).toBe(1);
    expect(observable(edited)).toBe(observable(load(dir, false)));
    // only the shard of that file's folder was rewritten
    const changed = shards(dir).filter((f) => !before.get(f)?.equals(readFileSync(f)));
    expect(changed).toHaveLength(1);
    const again = load(dir, true);
    expect(again.reading.cached).toBe(readDeskSources(dir).length);
  });

  it('drops the entries of deleted files and the shards of deleted folders', () => {
    const dir = gitDesk(EXAMPLE);
    load(dir, true);
    const count = shards(dir).length;
    rmSync(join(dir, 'rosters'), { recursive: true });
    const after = load(dir, true);
    expect(observable(after)).toBe(observable(load(dir, false)));
    expect(shards(dir).length).toBe(count - 1);
  });

  it('ignores a truncated, emptied, random, bit-flipped or stale cache file, and rebuilds it', () => {
    const dir = gitDesk(EXAMPLE);
    const plain = observable(load(dir, false));
    load(dir, true);
    const files = shards(dir).sort((a, b) => statSync(b).size - statSync(a).size);
    expect(files.length).toBeGreaterThanOrEqual(5);
    const [a, b, c, d, e] = files as [string, string, string, string, string];
    truncateSync(a, Math.floor(statSync(a).size / 2));
    writeFileSync(b, '');
    writeFileSync(c, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)));
    const flipped = readFileSync(d);
    flipped[flipped.length - 10]! ^= 0x40;
    writeFileSync(d, flipped);
    const stale = readFileSync(e);
    stale[12]! ^= 0xff; // inside the fingerprint: another kefu version wrote it
    writeFileSync(e, stale);
    const damaged = load(dir, true);
    expect(observable(damaged)).toBe(plain);
    expect(damaged.reading.cached).toBeLessThan(readDeskSources(dir).length);
    expect(damaged.reading.fellBack).toBe(false);
    // rebuilt whole
    const rebuilt = load(dir, true);
    expect(rebuilt.reading.cached).toBe(readDeskSources(dir).length);
    expect(observable(rebuilt)).toBe(plain);
  });

  it('a cached record that is not what the file says is caught where a finding needs the file', () => {
    const dir = gitDesk(join(FIXTURES, 'base-desk'), join(FIXTURES, 'errors', 'REF_DANGLING'));
    const plain = observable(load(dir, false));
    const day = 'duty/2026/11/2026-11-25.yaml';
    const sources = readDeskSources(dir);
    const source = sources.find((s) => s.path === day)!;
    // poison the entry (a valid shard holding a wrong record, as a bug would leave it)
    const poisoned = openRecordCache(dir)!;
    const honest = loadDesk(sources, { asOf: AS_OF_MS, cache: poisoned });
    expect(honest.reading.fast).toBeGreaterThan(0);
    const rec = poisoned.get(day, () => source.bytes, undefined)!;
    (rec.data as { log: { content?: string }[] }).log[0]!.content = '被篡改的内容';
    poisoned.set(day, source.bytes, rec, undefined);
    poisoned.save();
    const caught = load(dir, true);
    expect(caught.reading.fellBack).toBe(true);
    expect(observable(caught)).toBe(plain);
    // the bad entry is gone: the next load reads that file again
    const next = load(dir, true);
    expect(next.reading.fellBack).toBe(false);
    expect(observable(next)).toBe(plain);
  });

  it('leaves a left-over temporary file of a killed process alone until it is stale, then removes it', () => {
    const dir = gitDesk(EXAMPLE);
    load(dir, true);
    const folder = join(dir, '.kefu', 'cache');
    const fresh = join(folder, 'x.bin.123.abc.tmp');
    const old = join(folder, 'y.bin.456.def.tmp');
    writeFileSync(fresh, 'half a shard');
    writeFileSync(old, 'half a shard');
    utimesSync(old, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    expect(observable(load(dir, true))).toBe(observable(load(dir, false)));
    expect(existsSync(fresh)).toBe(true); // it may be another process's shard being written
    expect(existsSync(old)).toBe(false);
  });

  it('knows an unchanged file by its stamp without reading it, and a rewritten one whatever its times say', () => {
    const dir = gitDesk(EXAMPLE);
    const plain = observable(load(dir, false));
    const stamped = () => counted(readDeskSources(dir, { lazy: true, settleMs: 0 }));
    const cold = stamped();
    loadStamped(dir, cold.sources);
    expect(cold.reads()).toBe(cold.sources.length); // the cold load reads every file once
    const warm = stamped();
    const warmLoad = loadStamped(dir, warm.sources);
    expect(warmLoad.reading.cached).toBe(warm.sources.length);
    expect(warm.reads()).toBe(0);
    expect(observable(warmLoad)).toBe(plain);

    // the same length, the same modification time (as `touch -r`, `cp -p`, a careful editor
    // leave it): the change time still moves, so the file is read and its new content seen
    const day = 'duty/2026/11/2026-11-20.yaml';
    const full = join(dir, day);
    const text = readFileSync(full, 'utf8');
    const edited = text.replace(/content: (.)/u, (_m, c: string) => `content: ${c === '改' ? '修' : '改'}`);
    expect(Buffer.byteLength(edited)).toBe(Buffer.byteLength(text));
    const when = new Date('2026-11-20T10:00:00Z');
    utimesSync(full, when, when);
    loadStamped(dir, stamped().sources);
    const before = statSync(full, { bigint: true });
    writeFileSync(full, edited);
    utimesSync(full, when, when);
    const now = statSync(full, { bigint: true });
    expect([now.size, now.mtimeNs]).toEqual([before.size, before.mtimeNs]);
    const after = stamped();
    const afterLoad = loadStamped(dir, after.sources);
    expect(after.reads()).toBe(1);
    expect(afterLoad.reading.cached).toBe(after.sources.length - 1);
    expect(observable(afterLoad)).toBe(observable(load(dir, false)));
    expect(observable(afterLoad)).not.toBe(plain);
  });

  it('reads and hashes a file written in the last two seconds every time: its stamp could stay the same across one more write', () => {
    const dir = gitDesk(EXAMPLE); // every file just copied: none has settled
    load(dir, true);
    const fresh = counted(readDeskSources(dir, { lazy: true }));
    const warm = loadStamped(dir, fresh.sources);
    expect(warm.reading.cached).toBe(fresh.sources.length); // from the cache all the same, by their hashes
    expect(fresh.reads()).toBe(fresh.sources.length);
  });

  it('keeps the findings of the checks for an unchanged desk, and works them out again when any file changes', () => {
    const dir = gitDesk(join(FIXTURES, 'base-desk'), join(FIXTURES, 'errors', 'REF_DANGLING'));
    const plain = load(dir, false);
    expect(plain.diagnostics.some((d) => d.code === 'REF_DANGLING')).toBe(true);
    expect(observable(load(dir, true))).toBe(observable(plain));
    expect(existsSync(join(dir, '.kefu', 'cache', 'checks.bin'))).toBe(true);
    const warm = load(dir, true);
    expect(observable(warm)).toBe(observable(plain));

    // proof that the kept findings are what a warm load reports: plant one in their place
    const planted = openRecordCache(dir)!;
    const sources = readDeskSources(dir);
    loadDesk(sources, { asOf: AS_OF_MS, cache: planted });
    planted.checks!(sources.map((s) => s.path).sort())!.set([{ code: 'STAFF_UNKNOWN', file: 'kefu.yaml', line: 1, col: 1, params: { id: 'S99' } }]);
    planted.save();
    const fooled = load(dir, true);
    expect(fooled.diagnostics.map((d) => `${d.code} ${d.file}`)).toContain('STAFF_UNKNOWN kefu.yaml');
    expect(fooled.diagnostics.some((d) => d.code === 'REF_DANGLING')).toBe(false);

    // any change to any file: the desk is another, and its checks run again
    const roster = readDeskSources(dir).find((s) => s.path.startsWith('rosters/'))!.path;
    writeFileSync(join(dir, roster), `${readFileSync(join(dir, roster), 'utf8')}# a comment\n`);
    const changed = load(dir, true);
    expect(observable(changed)).toBe(observable(load(dir, false)));
    expect(changed.diagnostics.some((d) => d.code === 'STAFF_UNKNOWN')).toBe(false);

    // a damaged findings file is ignored
    const file = join(dir, '.kefu', 'cache', 'checks.bin');
    const bytes = readFileSync(file);
    bytes[bytes.length - 3]! ^= 0x10;
    writeFileSync(file, bytes);
    expect(observable(load(dir, true))).toBe(observable(load(dir, false)));
  });

  it('gives back exactly what it kept, also what JSON cannot hold (-0, undefined, holes)', () => {
    const dir = gitDesk(EXAMPLE);
    const bare = Object.assign(Object.create(null) as object, { a: 1 });
    const odd = { kind: 'config', data: { zero: -0, gone: undefined, holes: [1, , 3], bare, big: 1e308, text: 'é\u2028' } } as never;
    const plain = { kind: 'config', data: { n: 1.5, list: ['a', { b: null, c: true }], text: '中文' } } as never;
    const writer = openRecordCache(dir)!;
    writer.set('a/odd.yaml', Buffer.from('odd'), odd, undefined);
    writer.set('a/plain.yaml', Buffer.from('plain'), plain, undefined);
    writer.save();
    const reader = openRecordCache(dir)!;
    const back = reader.get('a/odd.yaml', () => Buffer.from('odd'), undefined) as unknown as { data: Record<string, unknown> };
    expect(Object.is(back.data.zero, -0)).toBe(true);
    expect(Object.hasOwn(back.data, 'gone')).toBe(true);
    expect(1 in (back.data.holes as unknown[])).toBe(false);
    expect(back.data.big).toBe(1e308);
    expect(back.data.text).toBe('é\u2028');
    expect(reader.get('a/plain.yaml', () => Buffer.from('plain'), undefined)).toStrictEqual(plain);
  });

  it('keeps a record handed with its JSON (read ahead) as that very JSON, and stores a load\'s records once its files are read, before the checks', () => {
    const dir = gitDesk(EXAMPLE);
    const record = { kind: 'config', data: { n: 1.5, list: ['a', { b: null }], text: '中文' } } as never;
    const json = Buffer.from(JSON.stringify(record), 'utf8');
    const writer = openRecordCache(dir)!;
    writer.set('a/x.yaml', { hash: contentKeyOf(Buffer.from('x')).hash, json }, record, undefined);
    writer.recordsRead?.();
    expect(shards(dir)).toHaveLength(1); // written before save()
    expect(readFileSync(shards(dir)[0]!).includes(json)).toBe(true);
    expect(openRecordCache(dir)!.get('a/x.yaml', () => Buffer.from('x'), undefined)).toStrictEqual(record);

    // a load stores its records when every file is read: the shards exist before save()
    const other = gitDesk(EXAMPLE);
    const cache = openRecordCache(other)!;
    const cold = loadDesk(readDeskSources(other), { asOf: AS_OF_MS, cache });
    expect(shards(other).length).toBeGreaterThan(3);
    cache.save();
    expect(observable(load(other, true))).toBe(observable(cold));
    expect(load(other, true).reading.cached).toBe(cold.reading.fast);
  });

  it('leaves the files of kinds a command does not read unread when it keeps the findings for this very desk, and only then', () => {
    const dir = gitDesk(EXAMPLE);
    const reads = new Set(['config', 'staff', 'roster', 'complaint', 'work-order', 'callback-month']);
    const stamped = () => counted(readDeskSources(dir, { lazy: true, settleMs: 0 }));
    const full = loadStamped(dir, stamped().sources); // cold: fills the cache and the findings
    const dutyFiles = [...full.files.keys()].filter((p) => p.startsWith('duty/')).length;
    expect(dutyFiles).toBeGreaterThan(3);
    const partial = (sources = stamped()) => {
      const cache = openRecordCache(dir)!;
      const result = loadDesk(sources.sources, { asOf: AS_OF_MS, cache, reads });
      cache.save();
      return { result, reads: sources.reads() };
    };
    const warm = partial();
    expect(warm.result.reading.unread).toBe(dutyFiles);
    expect(warm.reads).toBe(0);
    expect(warm.result.desk.dutyDays).toEqual([]);
    const { dutyDays: _left, ...rest } = full.desk;
    const { dutyDays: _none, ...partialRest } = warm.result.desk;
    expect(JSON.stringify(partialRest, (_k, v: unknown) => (v instanceof Set ? [...v] : v))).toBe(JSON.stringify(rest, (_k, v: unknown) => (v instanceof Set ? [...v] : v)));
    expect(warm.result.diagnostics).toEqual(full.diagnostics); // the example desk's findings are all in the kinds read
    expect([...warm.result.files.keys()]).toEqual([...full.files.keys()]); // every file, in path order, read or not
    // the unread files' entries are kept: a load of every kind still takes every record from the cache
    expect(loadStamped(dir, stamped().sources).reading.cached).toBe(full.files.size);

    // a duty file changed: the findings kept are not this desk's, so every kind is read, in its place
    const day = join(dir, 'duty/2026/11/2026-11-20.yaml');
    writeFileSync(day, readFileSync(day, 'utf8').replace(/content: (.)/u, (_m, c: string) => `content: ${c === '改' ? '修' : '改'}`));
    const changed = partial();
    expect(changed.result.reading.unread).toBeUndefined();
    expect(changed.result.desk.dutyDays.length).toBe(dutyFiles);
    expect(observable(changed.result)).toBe(observable(load(dir, false)));
  });

  it('keeps the entry of a file new to its folder that sorts first in it (a shard parses the records it stored, not one per entry)', () => {
    const dir = gitDesk(EXAMPLE);
    const stamped = () => readDeskSources(dir, { lazy: true, settleMs: 0 });
    const reads = new Set(['config', 'staff', 'roster', 'complaint', 'work-order', 'callback-month']);
    const run = (withReads = false) => {
      const cache = openRecordCache(dir)!;
      const result = loadDesk(stamped(), { asOf: AS_OF_MS, cache, ...(withReads ? { reads } : {}) });
      cache.save();
      return result.reading;
    };
    const first = join(dir, 'duty/2026/11/2026-11-01.yaml');
    const all = run().fast;
    renameSync(first, `${first}.away`);
    run();
    renameSync(`${first}.away`, first);
    expect(run()).toMatchObject({ cached: all - 1, fast: 1 });
    expect(run()).toMatchObject({ cached: all, fast: 0 }); // kept, with every other entry of its folder
    const unread = run(true).unread;
    expect(unread).toBeGreaterThan(3);
    expect(run(true)).toMatchObject({ fast: 0, unread }); // a run that reads no record of a folder writes none of them away
    expect(run()).toMatchObject({ cached: all, fast: 0 });
  });

  it('keeps no findings from a run that found a cached record wrong: the next run works them out again', () => {
    const dir = gitDesk(EXAMPLE);
    const plain = load(dir, false);
    load(dir, true);
    // a wrong record for one duty file (what a bad entry or a fast-reader bug would give): by S99
    const path = 'duty/2026/11/2026-11-01.yaml';
    const sources = readDeskSources(dir, { lazy: true, settleMs: 0 });
    const source = sources.find((x) => x.path === path)!;
    const wrong = structuredClone(plain.desk.dutyDays.find((d) => d.file === path)!.data) as { log: { by: string }[] };
    wrong.log[0]!.by = 'S99';
    const planted = openRecordCache(dir)!;
    planted.set(path, source.bytes, { kind: 'duty-day', data: wrong } as never, source.stamp);
    for (const x of sources) if (x.path !== path) planted.get(x.path, () => x.bytes, x.stamp);
    planted.save();
    rmSync(join(dir, '.kefu', 'cache', 'checks.bin'), { force: true });
    const found = loadStamped(dir, readDeskSources(dir, { lazy: true, settleMs: 0 }));
    expect(found.reading.fellBack).toBe(true);
    expect(observable(found)).toBe(observable(plain));
    const next = loadStamped(dir, readDeskSources(dir, { lazy: true, settleMs: 0 }));
    expect(next.diagnostics).toEqual(plain.diagnostics);
  });

  it('is not kept for a folder that is not a git repository', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-cache-'));
    temps.push(dir);
    cpSync(EXAMPLE, dir, { recursive: true });
    expect(openRecordCache(dir)).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------
// The CLI: --no-cache, and several kefu processes on one desk at once (the built binary).

function runAsync(args: string[]): Promise<{ status: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [KEFU, ...args], { env: { ...process.env, CI: '1', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout: Buffer.concat(out).toString('utf8') }));
  });
}

describe('kefu with and without --no-cache', () => {
  it('--no-cache writes no cache, and the outputs are the same either way', () => {
    const dir = gitDesk(EXAMPLE);
    const args = (...extra: string[]) => ['-C', dir, '--as-of', AS_OF, '--lang', 'en', ...extra];
    const bare = runKefuSync([...args('--no-cache'), 'report', 'overdue', '--format', 'json']);
    expect(bare.status).toBe(0);
    expect(existsSync(join(dir, '.kefu', 'cache'))).toBe(false);
    const validateBare = runKefuSync([...args('--no-cache'), 'validate', '--format', 'json']);
    const cold = runKefuSync([...args(), 'report', 'overdue', '--format', 'json']);
    expect(shards(dir).length).toBeGreaterThan(0);
    const warm = runKefuSync([...args(), 'report', 'overdue', '--format', 'json']);
    expect(cold.stdout).toBe(bare.stdout);
    expect(warm.stdout).toBe(bare.stdout);
    expect(runKefuSync([...args(), 'validate', '--format', 'json']).stdout).toBe(validateBare.stdout);
    const debug = runKefuSync([...args('--debug'), 'validate']);
    expect(debug.stderr).toMatch(/\d+ from the cache, 0 read fast, 0 read exactly/);
  });

  it('several processes at once, while a file changes, all print what --no-cache prints and leave a whole cache', async () => {
    const dir = gitDesk(join(FIXTURES, 'base-desk'));
    const args = ['-C', dir, '--as-of', AS_OF, '--lang', 'en', 'validate', '--format', 'json'];
    const day = join(dir, 'duty/2026/11/2026-11-24.yaml');
    const original = readFileSync(day);
    for (let round = 0; round < 3; round++) {
      if (round === 1) writeFileSync(day, Buffer.concat([original, Buffer.from('# a comment appended\n')]));
      if (round === 2) writeFileSync(day, original);
      const expected = runKefuSync(['--no-cache', ...args]).stdout;
      const runs = await Promise.all(Array.from({ length: 4 }, () => runAsync(args)));
      for (const r of runs) expect(r.stdout).toBe(expected);
    }
    // the cache the processes left is whole: the next run takes every clean file from it
    const debug = runKefuSync(['--debug', ...args]);
    expect(debug.stderr).toMatch(new RegExp(`: listed ${readDeskSources(dir).length} files .* \\(${readDeskSources(dir).length} from the cache, 0 read fast, 0 read exactly`));
  });
});

describe('report memo (openReportMemo)', () => {
  const stamped = (dir: string) => readDeskSources(dir, { lazy: true, settleMs: 0 }).filter((s) => !s.path.startsWith('duty/'));

  it('gives back what was kept for the same files, and nothing once a file is added, written or its stamp is unknown', () => {
    const dir = gitDesk(EXAMPLE);
    const value = { horizon: -Infinity, list: [1, '二', { three: 3 }] };
    openReportMemo(dir, 'overdue', stamped(dir))!.write(value);
    expect(openReportMemo(dir, 'overdue', stamped(dir))!.read()).toEqual(value);
    expect(openReportMemo(dir, 'kpi', stamped(dir))!.read()).toBeUndefined(); // another report's name
    // a file written since (same bytes: its change time moves), a file added
    const file = join(dir, 'kefu.yaml');
    writeFileSync(file, readFileSync(file));
    expect(openReportMemo(dir, 'overdue', stamped(dir))!.read()).toBeUndefined();
    openReportMemo(dir, 'overdue', stamped(dir))!.write(value);
    writeFileSync(join(dir, 'complaints', 'stray.txt'), 'x');
    expect(openReportMemo(dir, 'overdue', stamped(dir))!.read()).toBeUndefined();
    // a file that cannot vouch for its bytes (just written, cut by an interrupted append, a link): no memo at all
    const sources = stamped(dir);
    expect(openReportMemo(dir, 'overdue', sources.map((s, i) => (i === 3 ? { path: s.path, bytes: s.bytes } : s)))).toBeUndefined();
    expect(openReportMemo(dir, 'overdue', readDeskSources(dir, { lazy: true, settleMs: 60_000 }))).toBeUndefined();
    expect(openReportMemo(dir, 'overdue', [...sources, { path: 'complaints/x.yaml', bytes: new Uint8Array(0), link: '/etc/passwd' }])).toBeUndefined();
  });

  it('none outside a git repository, and a damaged memo reads as none', () => {
    const plain = mkdtempSync(join(tmpdir(), 'kefu-memo-'));
    temps.push(plain);
    cpSync(EXAMPLE, plain, { recursive: true });
    expect(openReportMemo(plain, 'overdue', stamped(plain))).toBeUndefined();
    const dir = gitDesk(EXAMPLE);
    openReportMemo(dir, 'overdue', stamped(dir))!.write({ a: 1 });
    const memo = join(dir, '.kefu', 'cache', 'overdue.memo');
    truncateSync(memo, statSync(memo).size - 1);
    expect(openReportMemo(dir, 'overdue', stamped(dir))!.read()).toBeUndefined();
  });
});
