// Faults: a process killed mid-append, and an append cut off at any byte
// (docs/RELIABILITY.md, "Crashes"). SIGKILL lands anywhere in a `kefu duty log`: before
// the write, between the write and the commit, inside git; a cut-off item — the rare
// short write of a killed process, or a power loss — is simulated at every byte.
import { fork, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDesk } from '../../src/domain/load-desk.js';
import { reportInterruptedAppends } from '../../src/domain/interrupted-appends.js';
import { appendItem, findInterruptedAppends } from '../../src/store/append.js';
import { readDeskSources } from '../../src/store/desk-files.js';
import { KefuError } from '../../src/cli/errors.js';
import { git, KEFU, ROOT, runKefuSync, tempDir } from '../helpers/cli.js';
import { DAY_FILE, dutyItems, freshDesk, SEED, seededRandom, trials } from './helpers.js';

const kefu = (desk: string, ...args: string[]) => runKefuSync([...args, '-C', desk, '--lang', 'en']);

/** Runs `kefu duty log` in its own process group and SIGKILLs the whole group (node and its git) after `delayMs`. */
function killedLog(desk: string, marker: string, at: string, delayMs: number): Promise<{ status: number | null; killed: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [KEFU, 'duty', 'log', '-C', desk, '--lang', 'en', '--by', 'S02', '--kind', 'consult', '--content', marker, '--at', at], {
      detached: true,
      stdio: 'ignore',
      env: { ...process.env, CI: '1' },
    });
    let killed = false;
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
        killed = true;
      } catch {
        // already gone
      }
    }, delayMs);
    child.on('exit', (status) => {
      clearTimeout(timer);
      // the group's git may outlive node by a moment: give it time to be killed too
      setTimeout(() => resolve({ status, killed: killed && status === null }), 30);
    });
  });
}

describe('SIGKILL at random moments of `kefu duty log` (node and git killed together)', () => {
  const n = trials(25);
  it(`${n} trials: every reported append present once and unchanged, nothing before it touched, the desk clean at the end (seed ${SEED})`, async () => {
    const desk = freshDesk();
    const file = join(desk, DAY_FILE);
    const random = seededRandom(SEED);
    const reported = new Set<string>();
    // how long one run takes on this machine now (CI machines and loaded laptops differ)
    const timed = performance.now();
    expect(kefu(desk, 'duty', 'log', '--by', 'S02', '--kind', 'consult', '--content', 'warm-up', '--at', '2026-11-25T09:59:00+08:00').status).toBe(0);
    const runMs = performance.now() - timed;
    reported.add('warm-up');
    let before = readFileSync(file, 'utf8');
    const outcomes = { runMs: Math.round(runMs), exitedNonZero: 0, reported: 0, killedBeforeWrite: 0, killedAfterWrite: 0, uncommitted: 0, tornTail: 0, gitIndexLockLeft: 0 };
    for (let t = 0; t < n; t++) {
      const marker = `M${String(t).padStart(5, '0')}`;
      const at = new Date(Date.parse('2026-11-25T10:00:00+08:00') + t * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      // most of a run is node starting and loading the desk; the write and the commit come
      // last: kill anywhere from the start to a little after a whole run would have ended
      const delay = Math.floor(random() * runMs * 1.2);
      const { status, killed } = await killedLog(desk, marker, at, delay);
      if (status === 0) {
        reported.add(marker);
        outcomes.reported++;
      } else if (status !== null) outcomes.exitedNonZero++;
      const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
      // nothing that was there before the trial was changed
      expect(text.startsWith(before)).toBe(true);
      // git killed mid-commit leaves its locks (the index's, or HEAD's and the branch's while it
      // moves them); kefu never deletes git's locks (a person's git may hold one): the person does
      const gitLocks = ['index.lock', 'HEAD.lock', join('refs', 'heads', 'main.lock'), join('refs', 'heads', 'master.lock')].map((f) => join(desk, '.git', f)).filter((f) => existsSync(f));
      if (gitLocks.length > 0) {
        outcomes.gitIndexLockLeft++;
        for (const lock of gitLocks) rmSync(lock);
      }
      const torn = !text.endsWith('\n') && text !== '' || findInterruptedAppends(desk).length > 0;
      if (torn) {
        outcomes.tornTail++;
        const refused = kefu(desk, 'duty', 'log', '--by', 'S02', '--kind', 'consult', '--content', 'after a tear', '--at', at);
        expect(refused.status).toBe(2);
        expect(readFileSync(file, 'utf8')).toBe(text);
        writeFileSync(file, before); // the person's repair: cut the item back off
        expect(findInterruptedAppends(desk)).toEqual([]);
      } else if (killed) {
        if (text.includes(`content: ${marker}\n`)) outcomes.killedAfterWrite++;
        else outcomes.killedBeforeWrite++;
      }
      const items = dutyItems(desk) ?? [];
      const contents = items.map((i) => i.content);
      for (const m of reported) expect(contents.filter((c) => c === m)).toHaveLength(1);
      expect(new Set(contents).size).toBe(contents.length);
      if (git(desk, ['status', '--porcelain', '--', 'duty']).trim() !== '') outcomes.uncommitted++;
      before = existsSync(file) ? readFileSync(file, 'utf8') : '';
    }
    // the next write commits whatever a killed run left uncommitted; then everything is clean
    const last = kefu(desk, 'duty', 'log', '--by', 'S02', '--kind', 'consult', '--content', 'last', '--at', '2026-11-25T12:00:00+08:00');
    console.log(`SIGKILL trials (seed ${SEED}):`, JSON.stringify(outcomes), last.stderr);
    expect(last.status).toBe(0);
    expect(git(desk, ['status', '--porcelain']).trim()).toBe('');
    expect(kefu(desk, 'validate').status).toBe(0);
    expect(kefu(desk, 'audit').status).toBe(0);
    const contents = (dutyItems(desk) ?? []).map((i) => i.content);
    for (const m of reported) expect(contents).toContain(m);
    console.log(`SIGKILL trials (seed ${SEED}):`, JSON.stringify({ trials: n, ...outcomes, itemsAtEnd: contents.length }));
  }, 20_000 + n * 2_500);
});

describe('a tight loop of appends killed at random moments (kefu\'s own append path, no git)', () => {
  const script = join(ROOT, 'tests', 'e2e', 'scripts', 'append-loop.mjs');
  const n = trials(25);
  it(`${n} trials: complete items intact and read as before, a cut item always refused, never read as data (seed ${SEED})`, async () => {
    const dir = tempDir('kefu-kill-');
    writeFileSync(join(dir, 'kefu.yaml'), 'property: x\n');
    writeFileSync(join(dir, 'staff.yaml'), 'staff:\n  - { id: S02, name: 李娜, roles: [clerk] }\n');
    mkdirSync(join(dir, 'duty/2026/11'), { recursive: true });
    const random = seededRandom(SEED + 1);
    let before = '';
    let torn = 0;
    for (let trial = 0; trial < n; trial++) {
      await new Promise<void>((resolve) => {
        const child = fork(script, [dir, String.fromCharCode(65 + (trial % 26)) + String.fromCharCode(65 + Math.floor(trial / 26) % 26), '100000'], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
        child.once('message', () => setTimeout(() => child.kill('SIGKILL'), Math.floor(random() * 120)));
        child.on('exit', () => resolve());
      });
      const text = readFileSync(join(dir, DAY_FILE), 'utf8');
      expect(text.startsWith(before)).toBe(true);
      const { desk, diagnostics } = loadDesk(readDeskSources(dir), { asOf: Date.now() });
      expect(diagnostics.filter((d) => d.code !== 'TORN_TAIL')).toEqual([]);
      const interrupted = findInterruptedAppends(dir);
      if (!text.endsWith('\n') || interrupted.length > 0) {
        torn++;
        expect(() => appendItem(dir, { path: DAY_FILE, listKey: 'log', item: { type: 'entry' }, newFile: () => '', check: () => {} })).toThrow(KefuError);
        const cut = text.lastIndexOf('\n  - type: entry') + 1;
        writeFileSync(join(dir, DAY_FILE), text.slice(0, cut));
      }
      for (const item of desk.dutyDays[0]?.data.log ?? []) expect(item.type === 'entry' && item.content.startsWith('第')).toBe(true);
      before = readFileSync(join(dir, DAY_FILE), 'utf8');
    }
    console.log(`tight-loop kill trials (seed ${SEED}):`, JSON.stringify({ trials: n, tornFound: torn, items: (dutyItems(dir) ?? []).length }));
  }, 20_000 + n * 1_500);
});

describe('an append cut off at every byte (a short write of a killed process, a power loss)', () => {
  /** The note kefu writes before an append (src/store/append.ts): file, offset, length, sha-256 of the item. */
  function noteIntent(desk: string, path: string, offset: number, item: Buffer): void {
    const dir = join(desk, '.kefu', 'appending');
    mkdirSync(dir, { recursive: true });
    const sha256 = createHash('sha256').update(item).digest('hex');
    writeFileSync(join(dir, `${encodeURIComponent(path)}.json`), `${JSON.stringify({ path, offset, length: item.length, sha256 })}\n`);
  }

  it('every cut of an entry, an update and a correction: refused by the next append and by sync; TORN_TAIL in validate (at a line break, through kefu\'s note of the append); the items before are read unchanged', () => {
    const desk = freshDesk();
    const file = join(desk, DAY_FILE);
    const wo = kefu(desk, 'wo', 'new', '--kind', 'repair', '--category', 'other', '--item', '灯不亮', '--unit', '1-101', '--by', 'S02', '--at', '2026-11-25T09:00:00+08:00').stdout.trim();
    expect(wo).toMatch(/^WO-/);
    expect(kefu(desk, 'duty', 'log', '--by', 'S02', '--kind', 'consult', '--content', '第一条', '--at', '2026-11-25T09:30:00+08:00').status).toBe(0);
    const shapes: [string, string[]][] = [
      ['an emergency entry with notified, important and links', ['duty', 'log', '--by', 'S02', '--kind', 'emergency', '--content', '电梯困人', '--notified', 'S01,S03', '--important', '--link', wo, '--name', '李先生', '--phone', '13900001234', '--at', '2026-11-25T10:00:00+08:00']],
      ['an update with a status and a note', ['duty', 'update', '--entry', 'ENTRY', '--by', 'S02', '--status', 'done', '--note', '已处理完毕', '--at', '2026-11-25T10:30:00+08:00']],
      ['a correction', ['duty', 'correct', '--entry', 'ENTRY', '--by', 'S02', '--unit', '3-1202', '--reason', '房号记错', '--at', '2026-11-25T10:40:00+08:00']],
    ];
    const tally = { cuts: 0, midLine: 0, tornTailReported: 0, indentOnly: 0, indentOnlyCutItemRead: 0, indentOnlyCutItemReadAsValid: 0, lineAligned: 0, lineAlignedWithError: 0, lineAlignedReadAsValid: 0, validateReportsTornTail: 0, blankTail: 0, blankTailHidesItemsBefore: 0, midCharacter: 0, midCharacterHidesItemsBefore: 0 };
    let entry = '';
    for (const [, args] of shapes) {
      const beforeBytes = readFileSync(file);
      const r = kefu(desk, ...args.map((a) => (a === 'ENTRY' ? entry : a)));
      expect(r.status, r.stderr).toBe(0);
      entry ||= r.stdout.trim();
      const after = readFileSync(file);
      const item = after.subarray(beforeBytes.length);
      const whole = loadDesk(readDeskSources(desk), { asOf: Date.parse('2026-11-26T00:00:00+08:00') });
      const kept = whole.desk.dutyDays[0]!.data.log.slice(0, -1);
      const others = readDeskSources(desk).filter((f) => f.path !== DAY_FILE);
      for (let cut = 1; cut < item.length; cut++) {
        const tail = item.subarray(0, cut);
        // the torn line: what the cut leaves after the last line break (within the item)
        const tornLine = tail.subarray(tail.lastIndexOf(0x0a) + 1).toString('utf8');
        // CI: every cut at or next to a line break or in the spaces after one, and every third byte; KEFU_FAULT_TRIALS: every byte
        if (!process.env.KEFU_FAULT_TRIALS && cut % 3 !== 0 && item[cut - 1] !== 0x0a && item[cut] !== 0x0a && !/^ +$/.test(tornLine)) continue;
        tally.cuts++;
        writeFileSync(file, after.subarray(0, beforeBytes.length + cut));
        noteIntent(desk, DAY_FILE, beforeBytes.length, item);
        const sources = others.concat({ path: DAY_FILE, bytes: after.subarray(0, beforeBytes.length + cut) });
        const { desk: loaded, diagnostics } = loadDesk(sources, { asOf: Date.parse('2026-11-26T00:00:00+08:00') });
        const mine = diagnostics.filter((d) => d.file === DAY_FILE);
        // the complete items before the cut are read, unchanged — also when the cut leaves
        // only the spaces of the new item's first line, or falls inside a multi-byte character
        const blankTail = /^ +$/.test(tail.toString('utf8'));
        const midCharacter = !Buffer.from(tail.toString('utf8'), 'utf8').equals(tail);
        const log = loaded.dutyDays[0]?.data.log ?? [];
        if (blankTail) tally.blankTail++;
        if (midCharacter) tally.midCharacter++;
        if (log.length < kept.length && (blankTail || midCharacter)) tally[blankTail ? 'blankTailHidesItemsBefore' : 'midCharacterHidesItemsBefore']++;
        expect(log.slice(0, kept.length), `cut ${cut}: ${JSON.stringify(tail.toString('utf8'))} ${JSON.stringify(mine.map((d) => d.code))}`).toEqual(kept);
        if (item[cut - 1] !== 0x0a) {
          tally.midLine++;
          if (mine.some((d) => d.code === 'TORN_TAIL')) tally.tornTailReported++;
          expect(mine.map((d) => d.code)).toContain('TORN_TAIL');
          // …placed where the file ends: after its last character, or at the character cut short
          const lines = after.subarray(0, beforeBytes.length + cut).toString('utf8').split('\n');
          expect(mine.find((d) => d.code === 'TORN_TAIL'), `cut ${cut}`).toMatchObject({ line: lines.length, col: lines.at(-1)!.replace(/\ufffd+$/, '').length + 1 });
          // the cut item is not read as data — but for a cut in the spaces before a line's
          // first character, no deeper than an item's `-`: those spaces could as well begin
          // a new item, so the file reads as if cut at the line break before them (and, as
          // there, the cut item can read as a shorter one; the append note finds it)
          const indentOnly = !blankTail && /^ {1,2}$/.test(tornLine);
          if (indentOnly) tally.indentOnly++;
          if (indentOnly && log.length > kept.length) tally.indentOnlyCutItemRead++;
          if (indentOnly && log.length > kept.length && mine.every((d) => d.code === 'TORN_TAIL')) tally.indentOnlyCutItemReadAsValid++;
          expect(log.length, `cut ${cut}: ${JSON.stringify(tail.toString('utf8'))}`).toBeLessThanOrEqual(kept.length + (indentOnly ? 1 : 0));
        } else {
          tally.lineAligned++;
          if (mine.some((d) => d.severity === 'error')) tally.lineAlignedWithError++;
          else tally.lineAlignedReadAsValid++;
        }
        // `kefu validate` adds kefu's note of the append (validate.ts): then every cut is one
        // TORN_TAIL and nothing else — at a line break, where the cut item starts
        const validated = reportInterruptedAppends(diagnostics, findInterruptedAppends(desk, { readOnly: true })).filter((d) => d.file === DAY_FILE);
        expect(validated.map((d) => d.code), `cut ${cut}`).toEqual(['TORN_TAIL']);
        if (item[cut - 1] === 0x0a) expect(validated[0]!.line).toBe(beforeBytes.toString('utf8').split('\n').length);
        tally.validateReportsTornTail++;
        // whatever validate can see, kefu's next append and kefu sync refuse
        const torn = readFileSync(file);
        let thrown: unknown;
        try {
          appendItem(desk, { path: DAY_FILE, listKey: 'log', item: { type: 'entry' }, newFile: () => '', check: () => {} });
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(KefuError);
        expect(['err.tornTail', 'store.tornAppend']).toContain((thrown as KefuError).key);
        expect(readFileSync(file)).toEqual(torn);
        expect(findInterruptedAppends(desk).map((f) => f.path)).toEqual([DAY_FILE]);
      }
      // the item complete, its note still there (killed after the fsync): the note goes, appends go on
      writeFileSync(file, after);
      noteIntent(desk, DAY_FILE, beforeBytes.length, item);
      expect(findInterruptedAppends(desk)).toEqual([]);
      expect(existsSync(join(desk, '.kefu', 'appending', `${encodeURIComponent(DAY_FILE)}.json`))).toBe(false);
    }
    // killed after the note, before the write: nothing to repair
    const size = readFileSync(file).length;
    noteIntent(desk, DAY_FILE, size, Buffer.from('  - type: entry\n'));
    expect(findInterruptedAppends(desk)).toEqual([]);
    expect(kefu(desk, 'validate').status).toBe(0);
    console.log('torn cuts:', JSON.stringify(tally));
    expect(tally.tornTailReported).toBe(tally.midLine);
    expect(tally.validateReportsTornTail).toBe(tally.cuts);
    // both kinds of cut were made, and neither hid a whole item before it
    expect(tally.blankTail).toBeGreaterThan(0);
    expect(tally.midCharacter).toBeGreaterThan(0);
    expect(tally.blankTailHidesItemsBefore).toBe(0);
    expect(tally.midCharacterHidesItemsBefore).toBe(0);
  }, 60_000);

  it('through the CLI: validate names TORN_TAIL at the file and line, duty log refuses with exit 2 and writes nothing, and after the repair both are clean', () => {
    const desk = freshDesk();
    const file = join(desk, DAY_FILE);
    const log = (content: string, ...more: string[]) => kefu(desk, 'duty', 'log', '--by', 'S02', '--kind', 'consult', '--content', content, '--at', '2026-11-25T10:00:00+08:00', ...more);
    expect(log('一').status).toBe(0);
    const good = readFileSync(file);
    // killed after the write, before the commit: the cut item is never a committed one
    expect(log('二二二二', '--no-commit').status).toBe(0);
    const full = readFileSync(file);
    const item = full.subarray(good.length);
    // a cut mid-line
    writeFileSync(file, full.subarray(0, full.length - 5));
    noteIntent(desk, DAY_FILE, good.length, item);
    const v = kefu(desk, 'validate', '--format', 'json');
    expect(v.status).toBe(1);
    const problems = (JSON.parse(v.stdout) as { problems: { file: string; line: number; code: string }[] }).problems;
    expect(problems).toEqual([expect.objectContaining({ file: DAY_FILE, code: 'TORN_TAIL' })]);
    const refused = log('三');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/2026-11-25\.yaml:\d+: .*cut off/);
    // a cut at a line break that reads as a complete entry without its status
    const lineCut = full.subarray(0, full.lastIndexOf('    status: open\n'));
    writeFileSync(file, lineCut);
    // validate cannot see it in the file, but kefu's note of the append tells it: TORN_TAIL
    // where the cut item starts, in words for a cut at a line break; the note is left as it is
    const note = join(desk, '.kefu', 'appending', `${encodeURIComponent(DAY_FILE)}.json`);
    const noted = readFileSync(note);
    const v2 = kefu(desk, 'validate', '--format', 'json');
    expect(v2.status).toBe(1);
    const itemLine = good.toString('utf8').split('\n').length;
    expect((JSON.parse(v2.stdout) as { problems: unknown[] }).problems).toEqual([expect.objectContaining({ file: DAY_FILE, line: itemLine, col: 3, code: 'TORN_TAIL', message: expect.stringContaining('cut off at a line break') })]);
    const v2text = kefu(desk, 'validate', '--no-color');
    expect(v2text.stdout).toContain(`${DAY_FILE}:${itemLine}:3  TORN_TAIL  An append to this file was interrupted`);
    expect(runKefuSync(['validate', '-C', desk, '--lang', 'zh-CN', '--no-color']).stdout).toContain('在换行处被截断');
    expect(readFileSync(note)).toEqual(noted);
    // reports and show read the day as it was before the cut append: the cut item, which
    // reads as a valid entry, is never read as data; the item before it is
    const shown = kefu(desk, 'duty', 'show', '--date', '2026-11-25', '--format', 'json');
    expect(shown.status).toBe(0);
    expect(shown.stdout).toContain('"what": "[consult/phone] 一"');
    expect(shown.stdout).not.toContain('二二二二');
    const refused2 = log('三');
    expect(refused2.status).toBe(2);
    expect(refused2.stderr).toContain('an earlier append to this file was interrupted');
    expect(readFileSync(file)).toEqual(lineCut);
    // the repair the message asks for: cut back to the line it names
    const line = Number(/2026-11-25\.yaml:(\d+)/.exec(refused2.stderr)![1]);
    writeFileSync(file, full.toString('utf8').split('\n').slice(0, line - 1).join('\n') + '\n');
    expect(readFileSync(file)).toEqual(good);
    expect(log('三').status).toBe(0);
    expect(kefu(desk, 'validate').status).toBe(0);
  });
});
