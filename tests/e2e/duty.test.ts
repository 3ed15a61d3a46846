// The clerk's duty log through the real CLI on a fresh desk from `kefu init`.
import { fork, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, appendFileSync, truncateSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDesk } from '../../src/domain/load-desk.js';
import { readDeskSources } from '../../src/store/desk-files.js';
import { git, newDesk, ROOT, runKefuSync as runKefu, tempDir } from '../helpers/cli.js';

const log = (desk: string, ...args: string[]) => runKefu(['duty', 'log', '-C', desk, '--lang', 'en', ...args]);
const day = (desk: string, date: string) => join(desk, 'duty', date.slice(0, 4), date.slice(5, 7), `${date}.yaml`);

describe('kefu duty log', () => {
  let desk: string;
  beforeAll(() => {
    desk = newDesk();
  });

  it('files an entry under its duty day: 02:10 and 08:29:59 belong to the day before, 08:30:00 starts the next', () => {
    const a = log(desk, '--at', '2026-11-26T02:10:00+08:00', '--by', 'S02', '--kind', 'repair', '--unit', '3-1201', '--name', '李先生', '--phone', '13900001234', '--content', '厨房水龙头漏水');
    expect(a.status).toBe(0);
    expect(a.stdout).toMatch(/^D-20261125-[0-9A-Z]{4}\n$/);
    expect(log(desk, '--at', '2026-11-26T08:29:59+08:00', '--by', 'S02', '--kind', 'consult', '--content', '咨询物业费').status).toBe(0);
    const c = log(desk, '--at', '2026-11-26T08:30:00+08:00', '--by', 'S03', '--kind', 'notice', '--content', '停水通知');
    expect(c.stdout).toMatch(/^D-20261126-/);
    const d25 = readFileSync(day(desk, '2026-11-25'), 'utf8');
    expect(d25).toMatch(/^# yaml-language-server: \$schema=\.\.\/\.\.\/\.\.\/schemas\/duty-day\.schema\.json\ndate: "2026-11-25"\nlog:\n {2}- type: entry\n/);
    expect(d25).toContain('    phone: "13900001234"\n'.replace('    ', '      '));
    expect(d25.match(/type: entry/g)).toHaveLength(2);
    expect(readFileSync(day(desk, '2026-11-26'), 'utf8')).toContain('content: 停水通知');
  });

  it('appends without touching a byte before, and commits each entry as its clerk, without personal data', () => {
    const before = readFileSync(day(desk, '2026-11-25'), 'utf8');
    const r = log(desk, '--at', '2026-11-26T03:00:00+08:00', '--by', 'S03', '--kind', 'help', '--name', '王女士', '--phone', '13800005678', '--content', '钥匙锁在家里');
    expect(r.status).toBe(0);
    const after = readFileSync(day(desk, '2026-11-25'), 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(after.length).toBeGreaterThan(before.length);
    const last = git(desk, ['log', '-1', '--format=%an|%s']).trim();
    expect(last).toBe(`张伟|duty: ${r.stdout.trim()} help (2026-11-25)`);
    expect(git(desk, ['log', '--format=%B'])).not.toMatch(/1380000|1390000|王女士|李先生/);
    expect(git(desk, ['status', '--porcelain'])).toBe('');
  });

  it('without a terminal, missing fields exit 2 naming the flags, and nothing is written', () => {
    const before = readFileSync(day(desk, '2026-11-25'), 'utf8');
    const r = log(desk, '--at', '2026-11-26T03:00:00+08:00');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Missing --kind --content');
    const incident = log(desk, '--at', '2026-11-26T03:00:00+08:00', '--by', 'S02', '--kind', 'emergency', '--content', '电梯困人');
    expect(incident).toMatchObject({ status: 2, stderr: expect.stringContaining('Missing --notified') });
    expect(readFileSync(day(desk, '2026-11-25'), 'utf8')).toBe(before);
  });

  it('a record that would not be valid is refused with its diagnostics, and nothing is written', () => {
    const before = readFileSync(day(desk, '2026-11-25'), 'utf8');
    const r = log(desk, '--at', '2026-11-26T03:00:00+08:00', '--by', 'S02', '--kind', 'emergency', '--content', '电梯困人', '--notified', 'S77');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('The record would not be valid; nothing was written');
    expect(r.stderr).toContain('STAFF_UNKNOWN');
    expect(log(desk, '--by', 'S42', '--kind', 'consult', '--content', 'x').stderr).toContain('--by S42');
    expect(log(desk, '--by', 'S02', '--kind', 'gossip', '--content', 'x').stderr).toContain('SCHEMA_ENUM');
    expect(readFileSync(day(desk, '2026-11-25'), 'utf8')).toBe(before);
  });

  it('update and correct append new items naming the entry; show reads the corrected view', () => {
    const id = log(desk, '--at', '2026-11-26T04:00:00+08:00', '--by', 'S02', '--kind', 'repair', '--unit', '5-0302', '--content', '楼道灯不亮').stdout.trim();
    expect(runKefu(['duty', 'update', '-C', desk, '--entry', id.slice(0, 14), '--status', 'done', '--note', '已更换灯泡', '--by', 'S09', '--at', '2026-11-26T09:00:00+08:00']).status).toBe(0);
    expect(runKefu(['duty', 'correct', '-C', desk, '--entry', id, '--unit', '5-0303', '--reason', '房号记错', '--by', 'S02', '--at', '2026-11-26T09:05:00+08:00']).status).toBe(0);
    const original = readFileSync(day(desk, '2026-11-25'), 'utf8');
    expect(original).toContain('unit: 5-0302'); // never rewritten
    const d26 = readFileSync(day(desk, '2026-11-26'), 'utf8');
    expect(d26).toContain(`  - type: update\n    entry: ${id}\n`);
    expect(d26).toContain(`  - type: correction\n    entry: ${id}\n`);
    const shown = JSON.parse(runKefu(['duty', 'show', '-C', desk, '--date', '2026-11-25', '--format', 'json', '--as-of', '2026-11-26T12:00:00+08:00']).stdout) as { items: { id?: string; what: string; status: string; corrected: boolean }[] };
    const row = shown.items.find((i) => i.id === id)!;
    expect(row).toMatchObject({ status: 'done', corrected: true });
    expect(row.what).toContain('5-0303');
    // residents' data masked unless --reveal
    const masked = runKefu(['duty', 'show', '-C', desk, '--date', '2026-11-25', '--format', 'md', '--as-of', '2026-11-26T12:00:00+08:00']).stdout;
    expect(masked).toContain('李*');
    expect(masked).toContain('139****1234');
    expect(masked).not.toContain('13900001234');
    expect(runKefu(['duty', 'show', '-C', desk, '--date', '2026-11-25', '--format', 'md', '--reveal', '--as-of', '2026-11-26T12:00:00+08:00']).stdout).toContain('13900001234');
    expect(runKefu(['validate', '-C', desk]).status).toBe(0);
  });

  it('a torn tail or an uncommitted edit that is not an append stops further appends', () => {
    const file = day(desk, '2026-11-25');
    const good = readFileSync(file, 'utf8');
    truncateSync(file, statSync(file).size - 7); // a crash mid-write
    const torn = readFileSync(file);
    const r = log(desk, '--at', '2026-11-26T05:00:00+08:00', '--by', 'S02', '--kind', 'consult', '--content', 'x');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/duty\/2026\/11\/2026-11-25\.yaml:\d+: the last item is cut off/);
    expect(readFileSync(file)).toEqual(torn);
    writeFileSync(file, good.replace('content: 厨房水龙头漏水', 'content: 厨房水管漏水'));
    const edited = log(desk, '--at', '2026-11-26T05:00:00+08:00', '--by', 'S02', '--kind', 'consult', '--content', 'x');
    expect(edited.status).toBe(2);
    expect(edited.stderr).toContain('changed since its last commit other than by appending');
    git(desk, ['checkout', '--', 'duty']);
    // an uncommitted append (--no-commit) is fine to append after
    expect(log(desk, '--at', '2026-11-26T05:00:00+08:00', '--by', 'S02', '--kind', 'consult', '--content', '一', '--no-commit').status).toBe(0);
    expect(log(desk, '--at', '2026-11-26T05:01:00+08:00', '--by', 'S02', '--kind', 'consult', '--content', '二').status).toBe(0);
  });
});

describe('appends under load and crashes (SPEC §2 Crash safety)', () => {
  const script = join(ROOT, 'tests', 'e2e', 'scripts', 'append-loop.mjs');

  function deskFor(): string {
    const dir = tempDir('kefu-append-');
    writeFileSync(join(dir, 'kefu.yaml'), 'property: x\n');
    writeFileSync(join(dir, 'staff.yaml'), 'staff:\n  - { id: S02, name: 李娜, roles: [clerk] }\n');
    mkdirSync(join(dir, 'duty/2026/11'), { recursive: true });
    return dir;
  }

  it('two processes appending 500 entries each to the same day: all 1000 present, none interleaved', async () => {
    const dir = deskFor();
    await Promise.all(['A', 'B'].map((tag) => new Promise<void>((resolve, reject) => {
      const child = fork(script, [dir, tag, '500'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
      let err = '';
      child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}: ${err}`))));
    })));
    const { desk, diagnostics } = loadDesk(readDeskSources(dir), { asOf: Date.now() });
    expect(diagnostics).toEqual([]);
    const ids = desk.dutyDays[0]!.data.log.map((i) => (i.type === 'entry' ? i.id : ''));
    expect(ids).toHaveLength(1000);
    expect(new Set(ids).size).toBe(1000);
    for (const tag of ['A', 'B']) {
      const mine = ids.filter((id) => id.slice(-4, -3) === tag);
      expect(mine).toEqual([...mine].sort()); // each writer's items in its own order
      expect(mine).toHaveLength(500);
    }
  });

  it('killed at random moments, over and over: every complete item intact, a torn tail reported, never read as data', async () => {
    const dir = deskFor();
    let appended = 0;
    for (let trial = 0; trial < 25; trial++) {
      const written = await new Promise<number>((resolve) => {
        let last = -1;
        const child = fork(script, [dir, String.fromCharCode(65 + (trial % 26)), '100000'], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
        child.on('message', (i) => (last = Number(i)));
        // the first append comes ~0.3 s after start (module loading): kill somewhere in the loop
        child.once('message', () => setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 150)));
        child.on('exit', () => resolve(last + 1));
      });
      appended += written;
      const { desk, diagnostics } = loadDesk(readDeskSources(dir), { asOf: Date.now() });
      const codes = diagnostics.map((d) => d.code);
      expect(codes.every((c) => c === 'TORN_TAIL')).toBe(true);
      const items = desk.dutyDays[0]?.data.log ?? [];
      // every item a writer reported as done is there, whole
      expect(items.length).toBeGreaterThanOrEqual(appended - trial);
      for (const item of items) expect(item.type === 'entry' && item.content.startsWith('第')).toBe(true);
      if (codes.includes('TORN_TAIL')) {
        // a person repairs the tail before anything more is appended: here, cut it back to the last complete item
        const text = readFileSync(join(dir, 'duty/2026/11/2026-11-25.yaml'), 'utf8');
        writeFileSync(join(dir, 'duty/2026/11/2026-11-25.yaml'), text.slice(0, text.lastIndexOf('\n  - type: entry') + 1));
      }
      appended = (loadDesk(readDeskSources(dir), { asOf: Date.now() }).desk.dutyDays[0]?.data.log ?? []).length;
    }
    expect(appended).toBeGreaterThan(25);
  });
});

describe('kefu duty handover and review', () => {
  let desk: string;
  const k = (...args: string[]) => runKefu(['-C', desk, '--lang', 'en', ...args]);
  beforeAll(() => {
    desk = newDesk();
    expect(log(desk, '--at', '2026-11-25T20:00', '--by', 'S02', '--kind', 'repair', '--unit', '3-1201', '--name', '李先生', '--content', '水管漏水', '--important').status).toBe(0);
    expect(log(desk, '--at', '2026-11-26T02:10', '--by', 'S02', '--kind', 'consult', '--content', '咨询停车').status).toBe(0);
  });

  it('an important open entry blocks the handover; a shortfall needs a note; only a supervisor can override', () => {
    const before = readFileSync(day(desk, '2026-11-25'), 'utf8');
    const blocked = k('duty', 'handover', '--at', '2026-11-26T08:25', '--from', 'S02', '--to', 'S03', '--all-present');
    expect(blocked.status).toBe(2);
    expect(blocked.stderr).toMatch(/Important entries are still open: D-20261125-\w{4}\. The handover is blocked\./);
    expect(k('duty', 'handover', '--at', '2026-11-26T08:25', '--from', 'S02', '--to', 'S03', '--all-present', '--count', '钥匙=9', '--override-by', 'S01', '--reason', 'x').stderr)
      .toContain('钥匙 counted 9 of 10; say why with --note');
    expect(k('duty', 'handover', '--at', '2026-11-26T08:25', '--from', 'S02', '--to', 'S03', '--all-present', '--override-by', 'S03', '--reason', 'x').stderr)
      .toContain('--override-by S03: not a supervisor or manager');
    expect(readFileSync(day(desk, '2026-11-25'), 'utf8')).toBe(before);
  });

  it('an overridden handover records the checklist, the open entries carried over, the override and both signatures', () => {
    const r = k('duty', 'handover', '--at', '2026-11-26T08:25', '--from', 'S02', '--to', 'S03', '--all-present', '--count', '钥匙=9', '--note', '钥匙=3栋钥匙借给维修部', '--override-by', 'S01', '--reason', '维修部已到场');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('2 open entries handed on');
    expect(r.stdout).toContain('李*'); // masked in what both read on screen
    expect(r.stderr).toContain('Night entries still open');
    const text = readFileSync(day(desk, '2026-11-25'), 'utf8');
    const handover = text.slice(text.indexOf('  - type: handover'));
    expect(handover).toContain('    shift: day24\n    from: S02\n    to: S03\n');
    expect(handover).toContain('      - item: 钥匙\n        expected: 10\n        counted: 9\n        note: 3栋钥匙借给维修部\n');
    expect(handover).toMatch(/carried_over:\n {6}- D-20261125-\w{4}\n {6}- D-20261125-\w{4}\n/);
    expect(handover).toContain('    override:\n      by: S01\n      reason: 维修部已到场\n');
    expect(handover).toContain('    signed:\n      outgoing: "2026-11-26T08:25:00+08:00"\n      incoming: "2026-11-26T08:25:00+08:00"\n');
    expect(git(desk, ['log', '-1', '--format=%an|%s']).trim()).toBe('李娜|duty: handover day24 S02 → S03 (2026-11-25)');
  });

  it('the supervisor signs the day after it ends, with the digest of every item above', async () => {
    expect(k('duty', 'review', '--date', '2026-11-25', '--at', '2026-11-26T08:29:59', '--by', 'S01').stderr).toContain('REVIEW_TOO_EARLY');
    expect(k('duty', 'review', '--date', '2026-11-25', '--at', '2026-11-26T08:45', '--by', 'S02').stderr).toContain('not a supervisor');
    const r = k('duty', 'review', '--at', '2026-11-26T08:45', '--by', 'S01', '--comment', '已阅');
    expect(r.status).toBe(0);
    const { desk: loaded } = loadDesk(readDeskSources(desk), { asOf: Date.now() });
    const log25 = loaded.dutyDays.find((d) => d.data.date === '2026-11-25')!.data.log;
    const review = log25[log25.length - 1]!;
    const { reviewDigest } = await import('../../src/domain/records/duty-day.js');
    expect(review).toMatchObject({ type: 'review', by: 'S01', comment: '已阅', digest: reviewDigest(log25.slice(0, -1)) });
    expect(runKefu(['validate', '-C', desk]).status).toBe(0);
  });
});

describe('night entries turned into work orders and complaints at the morning handover (seed 001 值班制度 五)', () => {
  it('by flag: a work order and a complaint are created from the entries, linked, each committed by the clerk', () => {
    const desk = newDesk();
    const leak = log(desk, '--at', '2026-11-25T22:00', '--by', 'S02', '--kind', 'repair', '--unit', '3-1201', '--name', '李先生', '--phone', '13900001234', '--content', '卫生间漏水').stdout.trim();
    const noise = log(desk, '--at', '2026-11-26T01:00', '--by', 'S02', '--kind', 'complaint', '--unit', '5-0302', '--content', '楼上装修噪音').stdout.trim();
    const r = runKefu(['duty', 'handover', '-C', desk, '--lang', 'en', '--at', '2026-11-26T08:25', '--from', 'S02', '--to', 'S03', '--all-present', '--to-workorder', leak.slice(0, 14), '--to-complaint', `${noise}=important:noise`]);
    expect(r.status).toBe(0);
    expect(r.stderr).not.toContain('Night entries still open');
    const wo = /(WO-20261125-\w{4}) created/.exec(r.stderr)?.[1];
    const ts = /(TS-20261126-\w{4}) created/.exec(r.stderr)?.[1];
    expect(wo && ts).toBeTruthy();
    const woText = readFileSync(join(desk, 'workorders', '2026', '11', `${wo}.yaml`), 'utf8');
    expect(woText).toContain(`id: ${wo}\nkind: repair\nreceived_at: "2026-11-25T22:00:00+08:00"\nreceived_by: S02\nrequester:\n  name: 李先生\n  unit: 3-1201\n  phone: "13900001234"\nitem: 卫生间漏水\n`);
    const tsText = readFileSync(join(desk, 'complaints', '2026', '11', `${ts}.yaml`), 'utf8');
    expect(tsText).toContain('category: noise\nsummary: 楼上装修噪音\nseverity: important\n');
    const day = readFileSync(join(desk, 'duty', '2026', '11', '2026-11-25.yaml'), 'utf8');
    expect(day).toContain(`  - type: update\n    entry: ${leak}\n    at: "2026-11-26T08:25:00+08:00"\n    by: S02\n    links:\n      - ${wo}\n`);
    expect(git(desk, ['log', '-6', '--format=%an|%s']).trim().split('\n')).toEqual([
      '李娜|duty: handover day24 S02 → S03 (2026-11-25)',
      `李娜|duty: ${noise} → ${ts}`,
      `李娜|complaint: ${ts} from ${noise}`,
      `李娜|duty: ${leak} → ${wo}`,
      `李娜|workorder: ${wo} from ${leak}`,
      `李娜|duty: ${noise} complaint (2026-11-25)`,
    ]);
    expect(runKefu(['validate', '-C', desk]).status).toBe(0);
  });

  it('without a flag the open night entries are listed for the morning shift', () => {
    const desk = newDesk();
    const id = log(desk, '--at', '2026-11-26T02:00', '--by', 'S02', '--kind', 'repair', '--content', '地库积水').stdout.trim();
    const r = runKefu(['duty', 'handover', '-C', desk, '--lang', 'en', '--at', '2026-11-26T08:25', '--from', 'S02', '--to', 'S03', '--all-present']);
    expect(r.stderr).toContain(`Night entries still open: ${id}. Turn them into work orders or complaints`);
  });
});
