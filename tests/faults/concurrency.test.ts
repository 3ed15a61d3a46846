// Faults: writers at once, and locks left behind (docs/RELIABILITY.md, "Concurrency").
import { fork, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDesk } from '../../src/domain/load-desk.js';
import { readDeskSources } from '../../src/store/desk-files.js';
import { git, KEFU, ROOT, runKefu, runKefuSync, tempDir } from '../helpers/cli.js';
import { DAY_FILE, dutyItems, freshDesk, trials } from './helpers.js';

const kefu = (desk: string, ...args: string[]) => runKefuSync([...args, '-C', desk, '--lang', 'en']);
const log = (desk: string, content: string, at: string, env: Record<string, string> = {}) =>
  runKefuSync(['duty', 'log', '-C', desk, '--lang', 'en', '--by', 'S02', '--kind', 'consult', '--content', content, '--at', at], { env });

describe('two kefu processes writing to one clone at once', () => {
  const each = trials(8);
  it(`two loops of \`kefu duty log\` (${each} each): every run exits 0, every entry present once and committed, no "git failed"`, async () => {
    const desk = freshDesk();
    const loop = async (tag: string) => {
      const results = [];
      for (let i = 0; i < each; i++) {
        results.push(await runKefu(['duty', 'log', '-C', desk, '--lang', 'en', '--by', 'S02', '--kind', 'consult', '--content', `${tag}-${i}`, '--at', `2026-11-25T1${tag === 'A' ? 0 : 1}:${String(i).padStart(2, '0')}:00+08:00`]));
      }
      return results;
    };
    const [a, b] = await Promise.all([loop('A'), loop('B')]);
    for (const r of [...a, ...b]) {
      expect(r.stderr).not.toContain('git failed');
      expect(r.status).toBe(0);
    }
    const contents = (dutyItems(desk) ?? []).map((i) => i.content);
    expect(contents).toHaveLength(2 * each);
    expect(new Set(contents).size).toBe(2 * each);
    expect(git(desk, ['status', '--porcelain']).trim()).toBe('');
    expect(Number(git(desk, ['rev-list', '--count', 'HEAD', '--', 'duty']).trim())).toBe(2 * each);
    expect(kefu(desk, 'audit').status).toBe(0);
  });
});

/** A pid that is certainly not running: a child that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('a lock left behind', () => {
  const lockOf = (desk: string) => join(desk, '.kefu', 'lock');
  const leaveLock = (desk: string, text: string, ageMs = 0) => {
    mkdirSync(join(desk, '.kefu'), { recursive: true });
    writeFileSync(lockOf(desk), text);
    const t = (Date.now() - ageMs) / 1000;
    utimesSync(lockOf(desk), t, t);
  };

  it('by a killed process (its pid gone), by one killed before it wrote its name, by a pid now reused, by a renamed host long ago: taken over at once', () => {
    const desk = freshDesk();
    const cases: [string, string, number][] = [
      ['dead pid', `${deadPid()}\n${hostname()}\n2026-11-25T01:00:00.000Z\n\n`, 0],
      ['empty, 3 s old', '', 3_000],
      ['pid reused by another process', `${process.pid}\n${hostname()}\n2026-11-25T01:00:00.000Z\n1\n`, 0],
      ['another host name, 11 min old', `4242\nold-container\n2026-11-25T01:00:00.000Z\n\n`, 11 * 60_000],
    ];
    for (const [i, [name, text, age]] of cases.entries()) {
      leaveLock(desk, text, age);
      const started = Date.now();
      const r = log(desk, name, `2026-11-25T10:0${i}:00+08:00`);
      expect(r.status, `${name}: ${r.stderr}`).toBe(0);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(existsSync(lockOf(desk))).toBe(false);
    }
    expect((dutyItems(desk) ?? []).map((i) => i.content)).toEqual(cases.map(([name]) => name));
    expect(kefu(desk, 'validate').status).toBe(0);
  });

  it('held by a live process (or fresh, from another host): kefu waits, then exits 2 naming the holder, and writes nothing', () => {
    const desk = freshDesk();
    const cases: [string, string][] = [
      ['a live local process', `${process.pid}\n${hostname()}\n2026-11-25T01:00:00.000Z\n\n`],
      ['another host, just now', `4242\nclerk-pc-2\n2026-11-25T01:00:00.000Z\n\n`],
    ];
    for (const [name, text] of cases) {
      leaveLock(desk, text);
      const r = log(desk, name, '2026-11-25T10:00:00+08:00', { KEFU_LOCK_WAIT_MS: '1500' });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/Another kefu process \(pid \d+ on [\w.-]+, since 2026-11-25T01:00:00.000Z\) is writing to this desk; waited \d+ s, nothing was written/);
      expect(r.stderr).toContain('.kefu/lock and run the command again');
      expect(readFileSync(lockOf(desk), 'utf8')).toBe(text); // not taken from its holder
      expect(existsSync(join(desk, DAY_FILE))).toBe(false);
    }
  });

  it('a stale lock found by eight writers at once: exactly one takes it over at a time — 8 × 25 appends, all present, none interleaved', async () => {
    const dir = tempDir('kefu-takeover-');
    writeFileSync(join(dir, 'kefu.yaml'), 'property: x\n');
    writeFileSync(join(dir, 'staff.yaml'), 'staff:\n  - { id: S02, name: 李娜, roles: [clerk] }\n');
    mkdirSync(join(dir, 'duty/2026/11'), { recursive: true });
    leaveLock(dir, `${deadPid()}\n${hostname()}\n2026-11-25T01:00:00.000Z\n\n`);
    const script = join(ROOT, 'tests', 'e2e', 'scripts', 'append-loop.mjs');
    const tags = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
    await Promise.all(tags.map((tag) => new Promise<void>((resolve, reject) => {
      const child = fork(script, [dir, tag, '25'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
      let err = '';
      child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}: ${err}`))));
    })));
    const { desk, diagnostics } = loadDesk(readDeskSources(dir), { asOf: Date.now() });
    expect(diagnostics).toEqual([]);
    const ids = desk.dutyDays[0]!.data.log.map((i) => (i.type === 'entry' ? i.id : ''));
    expect(ids).toHaveLength(200);
    expect(new Set(ids).size).toBe(200);
  });

  // The takeover once removed a lock that was missing when it looked and a live writer's
  // when it removed it (a writer releasing and taking the lock again in between): two
  // holders at once. Four processes cycling the lock as fast as they can, from a stale lock.
  it('four processes taking the lock 400 times each, from a stale lock: never two holders at once', async () => {
    const dir = tempDir('kefu-lockloop-');
    leaveLock(dir, `${deadPid()}\n${hostname()}\n2026-11-25T01:00:00.000Z\n\n`);
    const script = join(ROOT, 'tests', 'e2e', 'scripts', 'lock-loop.mjs');
    const codes = await Promise.all([0, 1, 2, 3].map(() => new Promise<string>((resolve) => {
      const child = fork(script, [dir, '400'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
      let err = '';
      child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
      child.on('exit', (code) => resolve(`${code} ${err}`.trim()));
    })));
    expect(codes).toEqual(['0', '0', '0', '0']);
    expect(existsSync(lockOf(dir))).toBe(false);
  });

  it('kefu killed while it holds the lock (SIGKILL): the next write takes the lock over without waiting', async () => {
    const desk = freshDesk();
    // a sync with nowhere to push still takes the lock first; hold it by stopping the process (SIGSTOP), then kill it
    const child = spawn(process.execPath, [KEFU, 'duty', 'log', '-C', desk, '--lang', 'en', '--by', 'S02', '--kind', 'consult', '--content', 'killed', '--at', '2026-11-25T10:00:00+08:00'], { stdio: 'ignore', env: { ...process.env, CI: '1' } });
    const deadline = Date.now() + 20_000;
    while (!existsSync(join(desk, '.kefu', 'lock')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    child.kill('SIGSTOP');
    const held = existsSync(join(desk, '.kefu', 'lock'));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const started = Date.now();
    const r = log(desk, 'after', '2026-11-25T10:01:00+08:00');
    expect(r.status, r.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    if (held) expect(r.stderr).not.toContain('Another kefu process');
    expect(kefu(desk, 'validate').status).toBe(0);
  });
});
