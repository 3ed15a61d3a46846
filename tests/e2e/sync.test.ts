// kefu sync and kefu's merge driver on real git repos (SPEC §2 Conflict-free sync):
// a bare "origin" and clones of it in temp folders, clerks appending to the same
// duty day and the same complaint on different clones.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { git, KEFU, runKefuSync, tempDir } from '../helpers/cli.js';

const DAY25 = 'duty/2026/11/2026-11-25.yaml';
const DAY26 = 'duty/2026/11/2026-11-26.yaml';
const COMPLAINT = 'complaints/2026/11/TS-20261120-K7Q2.yaml';

const COMPLAINT_FILE = `# yaml-language-server: $schema=../../../schemas/complaint.schema.json
id: TS-20261120-K7Q2
received_at: "2026-11-20T10:05:00+08:00"
received_by: S02
channel: phone
complainant:
  name: 李先生
  unit: 3-1201
  phone: "13900001234"
category: noise
department: 保安部
location: 3栋大堂
summary: 夜间装修噪音
request: 要求禁止夜间施工
severity: important
events:
  - type: escalated
    at: "2026-11-20T10:20:00+08:00"
    by: S02
    to: S01
`;

const note = (at: string, by: string, text: string) => `  - type: note\n    at: "${at}"\n    by: ${by}\n    text: ${text}\n`;

const kefu = (dir: string, ...args: string[]) => runKefuSync([...args, '--lang', 'en'], { cwd: dir });

/** `kefu duty log` in a clone; returns the new entry's id. */
function log(dir: string, at: string, by: string, content: string): string {
  const r = kefu(dir, 'duty', 'log', '--at', at, '--by', by, '--kind', 'consult', '--content', content);
  expect(r.stderr).not.toContain('kefu:');
  expect(r.status).toBe(0);
  return r.stdout.trim();
}

/** git that may fail, with a fixed identity. */
function gitTry(cwd: string, args: string[]) {
  return spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd, encoding: 'utf8' });
}

const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8');
const items = (dir: string, path: string, key: string) => (parse(read(dir, path)) as Record<string, { id?: string; at: string; text?: string }[]>)[key]!;
const times = (list: { at: string }[]) => list.map((i) => Date.parse(i.at));
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

describe('kefu sync between two clones of one desk', () => {
  let root: string;
  let origin: string;
  let a: string;
  let b: string;

  beforeAll(() => {
    root = tempDir('kefu-sync-');
    const seed = join(root, 'seed');
    expect(runKefuSync(['init', seed, '--property', '翠湖花园']).status).toBe(0);
    for (const [id, name, roles] of [['S01', '王芳', 'supervisor'], ['S02', '李娜', 'clerk'], ['S03', '张伟', 'clerk']] as const) {
      expect(runKefuSync(['staff', 'add', '-C', seed, '--id', id, '--name', name, '--roles', roles]).status).toBe(0);
    }
    mkdirSync(join(seed, 'complaints', '2026', '11'), { recursive: true });
    writeFileSync(join(seed, COMPLAINT), COMPLAINT_FILE, { flag: 'wx' });
    git(seed, ['add', '--', COMPLAINT]);
    git(seed, ['commit', '--quiet', '-m', 'complaint TS-20261120-K7Q2']);
    expect(kefu(seed, 'validate').status).toBe(0);
    origin = join(root, 'origin.git');
    git(root, ['init', '--quiet', '--bare', '--initial-branch=main', origin]);
    git(seed, ['remote', 'add', 'origin', origin]);
    git(seed, ['push', '--quiet', '-u', 'origin', 'main']);
    a = join(root, 'a');
    b = join(root, 'b');
    git(root, ['clone', '--quiet', origin, a]);
    git(root, ['clone', '--quiet', origin, b]);
  });

  it('a clone gets the merge driver registered, with absolute paths, by its first kefu command', () => {
    expect(gitTry(a, ['config', '--local', 'merge.kefu.driver']).status).toBe(1); // config is not cloned
    expect(kefu(a, 'duty', 'show', '--date', '2026-11-25').status).toBe(0);
    const driver = git(a, ['config', '--local', 'merge.kefu.driver']).trim();
    expect(driver).toBe(`"${process.execPath}" "${KEFU}" merge-driver %O %A %B --path %P`);
    expect(git(a, ['config', '--local', 'merge.kefu.name']).trim()).toMatch(/^kefu/);
    // idempotent: a second command writes nothing new
    const config = read(a, '.git/config');
    expect(kefu(a, 'duty', 'show', '--date', '2026-11-25').status).toBe(0);
    expect(read(a, '.git/config')).toBe(config);
    expect(gitTry(b, ['config', '--local', 'merge.kefu.driver']).status).toBe(1);
  });

  it('both clerks append to the same duty day, the same complaint and a new duty day; the rebase merges through the driver', () => {
    // A: two entries on the 25th, one on the 26th (a new file), a complaint event committed by hand
    const a1 = log(a, '2026-11-25T09:10:00+08:00', 'S02', 'A 早班咨询');
    const a2 = log(a, '2026-11-25T11:00:00+08:00', 'S02', 'A 午间咨询');
    const a3 = log(a, '2026-11-26T09:00:00+08:00', 'S02', 'A 次日');
    appendFileSync(join(a, COMPLAINT), note('2026-11-21T09:00:00+08:00', 'S02', '已电话联系施工方'));
    git(a, ['commit', '--quiet', '-am', 'complaint note']);
    // B: entries between A's, its own file for the 26th, a complaint event left uncommitted for sync to commit
    const b1 = log(b, '2026-11-25T10:00:00+08:00', 'S03', 'B 上午咨询');
    const b2 = log(b, '2026-11-25T12:00:00+08:00', 'S03', 'B 中午咨询');
    const b3 = log(b, '2026-11-26T08:45:00+08:00', 'S03', 'B 次日');
    appendFileSync(join(b, COMPLAINT), note('2026-11-20T18:00:00+08:00', 'S03', '已现场查看'));
    expect(git(b, ['config', '--local', 'merge.kefu.driver'])).toContain('merge-driver');

    const syncA = kefu(a, 'sync');
    expect(syncA.stderr).toContain('In sync with origin/main');
    expect(syncA.status).toBe(0);
    const syncB = kefu(b, 'sync');
    expect(syncB.stderr).toContain('Committed 1 record file(s).');
    expect(syncB.stderr).toContain('Pulled 4 commit(s) from origin/main.');
    expect(syncB.status).toBe(0);

    // the merged files are valid, hold every item exactly once, in `at` order
    expect(kefu(b, 'validate').status).toBe(0);
    const day25 = items(b, DAY25, 'log');
    expect(day25.map((i) => i.id)).toEqual([a1, b1, a2, b2]);
    expect(times(day25)).toEqual(sorted(times(day25)));
    expect(items(b, DAY26, 'log').map((i) => i.id)).toEqual([b3, a3]);
    expect(items(b, COMPLAINT, 'events').map((e) => e.at)).toEqual(['2026-11-20T10:20:00+08:00', '2026-11-20T18:00:00+08:00', '2026-11-21T09:00:00+08:00']);
    expect(read(b, DAY25).match(/^ {2}- /gm)).toHaveLength(4);
    expect(git(b, ['status', '--porcelain'])).toBe('');
    // the commit sync made names files, not residents
    expect(git(b, ['log', '--format=%B'])).not.toMatch(/1390000|李先生/);

    // A syncs again: both clones and origin converge
    const again = kefu(a, 'sync');
    expect(again.status).toBe(0);
    for (const path of [DAY25, DAY26, COMPLAINT]) expect(read(a, path)).toBe(read(b, path));
    expect(git(a, ['rev-parse', 'HEAD'])).toBe(git(b, ['rev-parse', 'HEAD']));
    expect(git(origin, ['rev-parse', 'main'])).toBe(git(a, ['rev-parse', 'HEAD']));
    expect(kefu(a, 'validate').status).toBe(0);
  });

  it('a side that edited an existing item stops sync with a conflict: nothing is merged silently', () => {
    const before = read(a, DAY25);
    writeFileSync(join(a, DAY25), before.replace('content: A 早班咨询', 'content: A 改过的内容'));
    git(a, ['commit', '--quiet', '-am', 'edit an entry']);
    const b4 = log(b, '2026-11-25T13:00:00+08:00', 'S03', 'B 下午咨询');
    expect(kefu(b, 'sync').status).toBe(0);

    const r = kefu(a, 'sync');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Sync stopped: a conflict');
    expect(r.stderr).toContain(DAY25);
    expect(r.stderr).toMatch(/changed item 1 \(line 4 of the common version\)/);
    // left as git left it: mid-rebase, the file unmerged, nothing pushed
    expect(git(a, ['diff', '--name-only', '--diff-filter=U']).trim()).toBe(DAY25);
    expect(existsSync(join(a, '.git', 'rebase-merge')) || existsSync(join(a, '.git', 'rebase-apply'))).toBe(true);
    const now = read(a, DAY25);
    expect(now.includes('A 改过的内容') && now.includes(b4)).toBe(false);
    expect(git(origin, ['show', `main:${DAY25}`])).not.toContain('A 改过的内容');
    // a second sync refuses until the rebase is dealt with
    const second = kefu(a, 'sync');
    expect(second.status).toBe(2);
    expect(second.stderr).toContain('A rebase or merge is unfinished');

    git(a, ['rebase', '--abort']);
    git(a, ['reset', '--quiet', '--hard', 'origin/main']);
    expect(kefu(a, 'sync').status).toBe(0);
    expect(read(a, DAY25)).toBe(read(b, DAY25));
  });

  it('an uncommitted change that is not an append is refused before anything is committed', () => {
    const head = git(a, ['rev-parse', 'HEAD']);
    const before = read(a, DAY25);
    writeFileSync(join(a, DAY25), before.replace('content: B 上午咨询', 'content: 手改'));
    const r = kefu(a, 'sync');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${DAY25}:`);
    expect(r.stderr).toContain('other than by appending');
    expect(git(a, ['rev-parse', 'HEAD'])).toBe(head);
    git(a, ['checkout', '--', DAY25]);

    // other uncommitted changes would stop the rebase: refused up front too
    appendFileSync(join(a, 'README.md'), '\nlocal note\n');
    const other = kefu(a, 'sync');
    expect(other.status).toBe(2);
    expect(other.stderr).toContain('Uncommitted changes outside the records: README.md');
    git(a, ['checkout', '--', 'README.md']);
  });

  it('a clone without the driver (plain git pull --rebase) gets a conflict or a correct file, never a corrupt one; after one kefu call it merges', () => {
    const c = join(root, 'c');
    git(root, ['clone', '--quiet', origin, c]);
    expect(gitTry(c, ['config', 'merge.kefu.driver']).status).toBe(1);
    // the same layout kefu writes, appended by hand: the two sides' items share most lines
    const mine = '  - type: entry\n    id: D-20261125-CCCC\n    at: "2026-11-25T14:00:00+08:00"\n    by: S02\n    shift: day24\n    channel: phone\n    kind: consult\n    content: C 手工登记\n    status: open\n';
    appendFileSync(join(c, DAY25), mine);
    git(c, ['commit', '--quiet', '-am', 'hand entry']);
    const a5 = log(a, '2026-11-25T15:00:00+08:00', 'S02', 'A 傍晚咨询');
    expect(kefu(a, 'sync').status).toBe(0);

    const pull = gitTry(c, ['pull', '--rebase']);
    const text = read(c, DAY25);
    if (pull.status === 0) {
      expect(kefu(c, 'validate').status).toBe(0);
      expect(text.match(/D-20261125-CCCC/g)).toHaveLength(1);
    } else {
      // git's own text merge: a loud conflict, which validate reports as such
      expect(text).toContain('<<<<<<<');
      const v = kefu(c, 'validate');
      expect(v.status).toBe(1);
      expect(v.stdout + v.stderr).toContain('CONFLICT_MARKER');
      git(c, ['rebase', '--abort']);
    }
    expect(read(c, DAY25).endsWith(mine) || pull.status === 0).toBe(true);

    // sync registers the driver itself and merges
    if (pull.status !== 0) {
      const r = kefu(c, 'sync');
      expect(r.stderr).not.toContain('conflict');
      expect(r.status).toBe(0);
    }
    expect(git(c, ['config', '--local', 'merge.kefu.driver'])).toContain('merge-driver');
    expect(kefu(c, 'validate').status).toBe(0);
    const day25 = items(c, DAY25, 'log');
    const ids = day25.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('D-20261125-CCCC');
    expect(ids).toContain(a5);
    expect(times(day25)).toEqual(sorted(times(day25)));
  });

  it('--no-push pulls and commits but leaves the push', () => {
    const id = log(b, '2026-11-25T16:00:00+08:00', 'S03', 'B 未推送');
    const r = kefu(b, 'sync', '--no-push');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('Not pushed (--no-push)');
    expect(git(origin, ['show', `main:${DAY25}`])).not.toContain(id);
  });
});

describe('kefu sync without anywhere to sync to', () => {
  it('a desk without a remote: says so, exit 2, commits nothing', () => {
    const desk = join(tempDir('kefu-sync-'), 'desk');
    expect(runKefuSync(['init', desk, '--property', '翠湖花园']).status).toBe(0);
    const head = git(desk, ['rev-parse', 'HEAD']);
    const r = kefu(desk, 'sync');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no remote');
    expect(r.stderr).toContain('git remote add origin');
    expect(git(desk, ['rev-parse', 'HEAD'])).toBe(head);
    const zh = runKefuSync(['sync', '--lang', 'zh-CN'], { cwd: desk });
    expect(zh.status).toBe(2);
    expect(zh.stderr).toContain('没有可同步的远程仓库');
  });

  it('a remote but no upstream branch: says so, exit 2', () => {
    const dir = tempDir('kefu-sync-');
    const desk = join(dir, 'desk');
    expect(runKefuSync(['init', desk, '--property', '翠湖花园']).status).toBe(0);
    git(dir, ['init', '--quiet', '--bare', '--initial-branch=main', join(dir, 'origin.git')]);
    git(desk, ['remote', 'add', 'origin', join(dir, 'origin.git')]);
    const r = kefu(desk, 'sync');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no upstream');
    expect(r.stderr).toContain('git push -u origin main');
  });

  it('a folder that is not a git repository', () => {
    const plain = tempDir('kefu-sync-');
    writeFileSync(join(plain, 'kefu.yaml'), 'property: 翠湖花园\n');
    const r = kefu(plain, 'sync');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('is not a git repository');
  });
});

/** A desk with one clerk (S02), pushed to a bare origin and cloned twice, in a temp folder. */
function twoClones(prefix: string): { root: string; a: string; b: string } {
  const root = tempDir(prefix);
  const seed = join(root, 'seed');
  expect(runKefuSync(['init', seed, '--property', '翠湖花园']).status).toBe(0);
  expect(runKefuSync(['staff', 'add', '-C', seed, '--id', 'S02', '--name', '李娜', '--roles', 'clerk']).status).toBe(0);
  const origin = join(root, 'origin.git');
  git(root, ['init', '--quiet', '--bare', '--initial-branch=main', origin]);
  git(seed, ['remote', 'add', 'origin', origin]);
  git(seed, ['push', '--quiet', '-u', 'origin', 'main']);
  const [a, b] = [join(root, 'a'), join(root, 'b')];
  git(root, ['clone', '--quiet', origin, a]);
  git(root, ['clone', '--quiet', origin, b]);
  return { root, a, b };
}

describe('kefu sync leaves no git housekeeping running behind it (RELIABILITY finding 17)', () => {
  // git starts its housekeeping (gc: pack refs, expire reflogs, repack, prune) after a
  // fetch, a rebase or a commit, detached by default: still running when kefu has returned
  // and let go of the desk lock, it locks HEAD and the branch for moments, and the next
  // write or sync fails on a ref it cannot lock. Clone b holds 20,000 loose objects (more
  // than gc.auto's 6,700), so every fetch starts housekeeping that takes a moment.
  it('two rounds of appends and syncs: housekeeping ran, none is left running when sync returns, and the clones agree', () => {
    const { root, a, b } = twoClones('kefu-gc-');
    const blobs = join(root, 'blobs');
    mkdirSync(blobs);
    const paths = Array.from({ length: 20_000 }, (_, i) => join(blobs, String(i)));
    paths.forEach((path, i) => writeFileSync(path, `loose object ${i}\n`));
    const hashed = spawnSync('git', ['hash-object', '-w', '--stdin-paths'], { cwd: b, input: `${paths.join('\n')}\n`, encoding: 'utf8' });
    expect(hashed.status).toBe(0);
    // the hook git runs before automatic housekeeping: it tells that housekeeping ran
    const ran = join(root, 'housekeeping-ran');
    writeFileSync(join(b, '.git', 'hooks', 'pre-auto-gc'), `#!/bin/sh\necho ran >> "${ran}"\n`, { mode: 0o755 });
    const left: boolean[] = [];
    for (let round = 0; round < 2; round++) {
      log(a, `2026-11-25T${10 + round}:00:00+08:00`, 'S02', `A ${round}`);
      expect(kefu(a, 'sync').status).toBe(0);
      log(b, `2026-11-25T${10 + round}:30:00+08:00`, 'S02', `B ${round}`);
      const r = kefu(b, 'sync');
      expect(r.status, r.stderr).toBe(0);
      left.push(existsSync(join(b, '.git', 'gc.pid')));
    }
    expect(readFileSync(ran, 'utf8').trim().split('\n').length).toBeGreaterThanOrEqual(2);
    expect(left).toEqual([false, false]);
    expect(kefu(a, 'sync').status).toBe(0);
    expect(git(a, ['rev-parse', 'HEAD'])).toBe(git(b, ['rev-parse', 'HEAD']));
    expect(kefu(b, 'validate').status).toBe(0);
  }, 60_000);
});

describe('kefu sync when git stops a rebase without a conflict (RELIABILITY finding 17)', () => {
  it('says so, and what to do; nothing is lost, writes wait for it, and `git rebase --continue` finishes it', () => {
    const { root, a, b } = twoClones('kefu-stop-');
    log(a, '2026-11-25T10:00:00+08:00', 'S02', 'A 上午');
    expect(kefu(a, 'sync').status).toBe(0);
    const mine = [log(b, '2026-11-25T10:30:00+08:00', 'S02', 'B 一'), log(b, '2026-11-25T11:30:00+08:00', 'S02', 'B 二')];
    // b's duty files merge through a driver that, the first time, leaves HEAD locked (as a
    // detached git gc does for a moment) before merging as kefu does: that rebase step fails
    const lock = join(b, '.git', 'HEAD.lock');
    const mark = join(root, 'locked-once');
    const driver = join(root, 'flaky-driver.sh');
    writeFileSync(driver, `#!/bin/sh\nif [ ! -e "${mark}" ]; then : > "${mark}"; : > "${lock}"; fi\nexec "${process.execPath}" "${KEFU}" merge-driver "$1" "$2" "$3" --path "$4"\n`, { mode: 0o755 });
    mkdirSync(join(b, '.git', 'info'), { recursive: true });
    writeFileSync(join(b, '.git', 'info', 'attributes'), 'duty/** merge=flaky\n');
    git(b, ['config', 'merge.flaky.driver', `"${driver}" %O %A %B %P`]);
    const r = kefu(b, 'sync');
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain('Sync stopped: git could not finish putting your commits on top of origin/main, though nothing conflicts');
    expect(r.stderr).toContain("cannot lock ref 'HEAD'"); // git's own words, shown
    expect(r.stderr).toContain('Run `git rebase --continue` to do that step again');
    expect(r.stderr).not.toContain('conflict while');
    expect(existsSync(mark)).toBe(true);
    // mid-rebase, kefu writes nothing
    const refused = kefu(b, 'duty', 'log', '--at', '2026-11-25T12:00:00+08:00', '--by', 'S02', '--kind', 'consult', '--content', 'B 三', '--no-input');
    expect(refused.status).toBe(2);
    // the lock let go of, the step done again: every entry there, and the next sync goes through
    rmSync(lock);
    const cont = spawnSync('git', ['-c', 'core.editor=true', 'rebase', '--continue'], { cwd: b, encoding: 'utf8' });
    expect(cont.status, cont.stderr).toBe(0);
    expect(kefu(b, 'sync').status).toBe(0);
    expect(kefu(a, 'sync').status).toBe(0);
    const ids = items(a, DAY25, 'log').map((e) => e.id);
    for (const id of mine) expect(ids).toContain(id);
    expect(ids).toHaveLength(3);
    expect(kefu(a, 'validate').status).toBe(0);
    expect(kefu(b, 'audit').status).toBe(0);
  });
});

describe('kefu merge-driver as git calls it', () => {
  const base = `date: "2026-11-25"\nlog:\n  - type: note\n    at: "2026-11-25T09:00:00+08:00"\n`;
  const item = (at: string) => `  - type: note\n    at: "2026-11-25T${at}:00+08:00"\n`;

  function files(ours: string | Buffer, theirs: string) {
    const dir = tempDir('kefu-driver-');
    writeFileSync(join(dir, 'O'), base);
    writeFileSync(join(dir, 'A'), ours);
    writeFileSync(join(dir, 'B'), theirs);
    return dir;
  }
  const driver = (dir: string, ...names: string[]) => runKefuSync(['merge-driver', ...names, '--path', DAY25, '--lang', 'en'], { cwd: dir });

  it('writes the merge into OURS and exits 0', () => {
    const dir = files(base + item('11:00'), base + item('10:00'));
    const r = driver(dir, 'O', 'A', 'B');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(read(dir, 'A')).toBe(base + item('10:00') + item('11:00'));
  });

  it('on a conflict leaves OURS untouched, says why on stderr and exits 1', () => {
    const ours = `${base}    text: 改过\n${item('11:00')}`;
    const dir = files(ours, base + item('10:00'));
    const r = driver(dir, 'O', 'A', 'B');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`kefu merge-driver: ${DAY25}: not merged, left as a conflict: our version changed item 1 (line 3 of the common version); records are append-only: append a correction instead\n`);
    expect(read(dir, 'A')).toBe(ours);
  });

  it('bad input is a conflict, not a crash: a missing file, bytes that are not UTF-8', () => {
    const dir = files(Buffer.from([0x64, 0x61, 0xff, 0x0a]), base + item('10:00'));
    const missing = driver(dir, 'O', 'nope', 'B');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('cannot read');
    const bytes = driver(dir, 'O', 'A', 'B');
    expect(bytes.status).toBe(1);
    expect(bytes.stderr).toContain('our version does not read cleanly as YAML');
    expect(bytes.stderr).not.toContain('bug');
  });
});
