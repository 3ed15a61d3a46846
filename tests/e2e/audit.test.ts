// kefu audit through the real CLI on real git repos (SPEC §2 Append-only, §4): every
// commit that changed or removed a committed item instead of appending, every review
// whose digest no longer matches, and the pre-commit hook of `kefu init --hooks`.
// The audit codes have no golden fixture (kefu validate cannot produce them): they are
// covered here.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_DESK, git, ROOT, runKefuSync as runKefu, tempDir } from '../helpers/cli.js';

const DAY = 'duty/2026/11/2026-11-25.yaml';
const DAY_24 = 'duty/2026/11/2026-11-24.yaml';

interface Problem { file: string; line: number; col: number; code: string; severity: string; message: string; hint: string; commit?: string; author?: string; date?: string; staged?: boolean }

function audit(desk: string, ...args: string[]) {
  const text = runKefu(['audit', '-C', desk, '--lang', 'en', '--no-color', ...args]);
  const json = runKefu(['audit', '-C', desk, '--lang', 'en', '--format', 'json', ...args]);
  const report = JSON.parse(json.stdout) as { ok: boolean; problems: Problem[] };
  expect(json.status).toBe(text.status);
  return { ...text, report };
}

const commitAll = (desk: string, message: string) => git(desk, ['commit', '--quiet', '--all', '--message', message]);
const head = (desk: string) => git(desk, ['rev-parse', 'HEAD']).trim();
/** 1-based line of the list item holding `needle` (its `- ` line). */
function itemLine(text: string, needle: string): number {
  const lines = text.split('\n');
  let i = lines.findIndex((l) => l.includes(needle));
  while (i > 0 && !/^\s*- /.test(lines[i]!)) i--;
  return i + 1;
}

/** A desk with three entries on 2026-11-25, each its own commit by `kefu duty log`. */
function makeDesk(dir: string, ...initFlags: string[]): string[] {
  expect(runKefu(['init', dir, '--property', '翠湖花园', ...initFlags]).status).toBe(0);
  for (const [id, name, roles] of [['S01', '王芳', 'supervisor'], ['S02', '李娜', 'clerk']] as const) {
    expect(runKefu(['staff', 'add', '-C', dir, '--id', id, '--name', name, '--roles', roles]).status).toBe(0);
  }
  return [['09:12', '咨询物业费'], ['10:30', '咨询停车位'], ['11:45', '楼道灯不亮']].map(([hhmm, content]) => {
    const r = runKefu(['duty', 'log', '-C', dir, '--at', `2026-11-25T${hhmm}:00+08:00`, '--by', 'S02', '--kind', 'consult', '--content', content!]);
    expect(r.status).toBe(0);
    return r.stdout.trim();
  });
}

describe('kefu audit', () => {
  let template: string;
  let ids: string[];
  beforeAll(() => {
    template = join(tempDir('kefu-audit-'), 'desk');
    ids = makeDesk(template);
  });
  /** A fresh copy of the template desk with its whole history. */
  function clone(): string {
    const dir = join(tempDir('kefu-audit-'), 'desk');
    git(ROOT, ['clone', '--quiet', template, dir]);
    return dir;
  }

  it('a history of appends only: exit 0, nothing on stdout', () => {
    const desk = clone();
    const r = audit(desk);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/1 record file in 3 commits checked, no problems/);
    expect(r.report).toEqual({ ok: true, problems: [] });
  });

  it('an entry edited by hand and committed: the commit, the file, the item at its line before the edit', () => {
    const desk = clone();
    const before = readFileSync(join(desk, DAY), 'utf8');
    writeFileSync(join(desk, DAY), before.replace('咨询停车位', '咨询车位'));
    commitAll(desk, 'fix typo');
    const r = audit(desk);
    expect(r.status).toBe(1);
    const line = itemLine(before, `id: ${ids[1]}`);
    expect(r.report.problems).toEqual([
      expect.objectContaining({ file: DAY, line, col: 5, code: 'AUDIT_ITEM_CHANGED', severity: 'error', message: `The committed item ${ids[1]} was changed`, commit: head(desk), author: 'Test' }),
    ]);
    expect(r.stdout).toContain(`${DAY}:${line}:5  AUDIT_ITEM_CHANGED  The committed item ${ids[1]} was changed\n  commit ${head(desk).slice(0, 10)}  Test  `);
    expect(r.stdout).toContain(`> ${line} |   - type: entry`); // the frame shows the version before the edit
    expect(r.stderr).toContain('1 problem in 1 record file, 4 commits.');
    // the same in Chinese
    expect(runKefu(['audit', '-C', desk, '--lang', 'zh-CN', '--no-color']).stdout).toContain(`已提交的记录项 ${ids[1]} 被改动\n  提交 ${head(desk).slice(0, 10)}`);
  });

  it('an entry deleted and committed, then more appended: only the deletion, at its commit', () => {
    const desk = clone();
    const before = readFileSync(join(desk, DAY), 'utf8');
    const start = before.indexOf(`  - type: entry\n    id: ${ids[1]}`);
    const end = before.indexOf('  - type: entry', start + 1);
    writeFileSync(join(desk, DAY), before.slice(0, start) + before.slice(end));
    commitAll(desk, 'remove an entry');
    const removal = head(desk);
    expect(runKefu(['duty', 'log', '-C', desk, '--at', '2026-11-25T15:00:00+08:00', '--by', 'S02', '--kind', 'notice', '--content', '停水通知']).status).toBe(0);
    const r = audit(desk);
    expect(r.status).toBe(1);
    expect(r.report.problems.map(({ file, line, code, commit }) => ({ file, line, code, commit }))).toEqual([
      { file: DAY, line: itemLine(before, `id: ${ids[1]}`), code: 'AUDIT_ITEM_REMOVED', commit: removal },
    ]);
  });

  it('a record file deleted is found; the same file moved unchanged (git mv) is not', () => {
    const moved = clone();
    mkdirSync(join(moved, 'duty/2026/12'));
    git(moved, ['mv', DAY, 'duty/2026/12/2026-12-25.yaml']);
    commitAll(moved, 'move');
    expect(audit(moved).status).toBe(0);

    const desk = clone();
    git(desk, ['rm', '--quiet', DAY]);
    commitAll(desk, 'delete');
    const r = audit(desk);
    expect(r.status).toBe(1);
    expect(r.report.problems).toEqual([expect.objectContaining({ file: DAY, line: 1, col: 1, code: 'AUDIT_FILE_DELETED', commit: head(desk) })]);
  });

  it('a review signed by digest, then an item above it altered: the change and the digest mismatch', async () => {
    const { reviewDigest } = (await import(join(ROOT, 'dist', 'domain', 'records', 'duty-day.js'))) as typeof import('../../src/domain/records/duty-day.js');
    const desk = clone();
    const items = [
      { type: 'entry', id: 'D-20261124-AB12', at: '2026-11-24T09:12:00+08:00', by: 'S02', channel: 'phone', kind: 'repair', content: '厨房水龙头漏水', status: 'open' },
      { type: 'entry', id: 'D-20261124-CD34', at: '2026-11-24T14:00:00+08:00', by: 'S02', channel: 'visit', kind: 'consult', content: '咨询物业费', status: 'done' },
    ];
    const entryText = (e: (typeof items)[number]) => `  - type: entry\n    id: ${e.id}\n    at: "${e.at}"\n    by: ${e.by}\n    channel: ${e.channel}\n    kind: ${e.kind}\n    content: ${e.content}\n    status: ${e.status}\n`;
    const review = `  - type: review\n    at: "2026-11-25T08:40:00+08:00"\n    by: S01\n    comment: 已阅\n    digest: "${reviewDigest(items)}"\n`;
    const signed = `date: "2026-11-24"\nlog:\n${items.map(entryText).join('')}${review}`;
    mkdirSync(join(desk, 'duty/2026/11'), { recursive: true });
    writeFileSync(join(desk, DAY_24), signed);
    git(desk, ['add', DAY_24]);
    commitAll(desk, 'duty day 24, reviewed');
    expect(runKefu(['validate', '-C', desk, '--as-of', '2026-11-25T12:00:00+08:00']).status).toBe(0);
    expect(audit(desk).status).toBe(0);

    writeFileSync(join(desk, DAY_24), signed.replace('厨房水龙头漏水', '卫生间水龙头漏水'));
    commitAll(desk, 'reword');
    const altered = readFileSync(join(desk, DAY_24), 'utf8');
    const r = audit(desk);
    expect(r.status).toBe(1);
    expect(r.report.problems.map(({ file, line, code, commit, message }) => ({ file, line, code, commit, message }))).toEqual([
      { file: DAY_24, line: 3, code: 'AUDIT_ITEM_CHANGED', commit: head(desk), message: 'The committed item D-20261124-AB12 was changed' },
      { file: DAY_24, line: itemLine(altered, 'type: review'), code: 'REVIEW_DIGEST_MISMATCH', commit: undefined, message: 'The review by S01 at 2026-11-25T08:40:00+08:00 does not match the items above it' },
    ]);
    expect(r.stdout).toContain('REVIEW_DIGEST_MISMATCH');
    expect(r.stdout).toContain('  at HEAD\n');
  });

  it('a review made by `kefu duty review` is proven unchanged', () => {
    const desk = clone();
    expect(runKefu(['duty', 'review', '-C', desk, '--date', '2026-11-25', '--at', '2026-11-26T08:45:00+08:00', '--by', 'S01', '--comment', '已阅']).status).toBe(0);
    expect(audit(desk).status).toBe(0);
  });

  it('a header rewritten, and a half-merged file later cleaned up, are found too', () => {
    const desk = clone();
    const before = readFileSync(join(desk, DAY), 'utf8');
    writeFileSync(join(desk, DAY), before.replace('# yaml-language-server', '#  yaml-language-server'));
    commitAll(desk, 'comment');
    appendFileSync(join(desk, DAY), '<<<<<<< ours\n=======\n>>>>>>> theirs\n');
    commitAll(desk, 'half-merged');
    writeFileSync(join(desk, DAY), readFileSync(join(desk, DAY), 'utf8').replace(/<<<<<<< ours\n=======\n>>>>>>> theirs\n/, ''));
    commitAll(desk, 'clean up');
    const r = audit(desk);
    expect(r.report.problems.map(({ line, code }) => ({ line, code }))).toEqual([
      { line: 1, code: 'AUDIT_HEADER_CHANGED' },
      { line: before.split('\n').length, code: 'AUDIT_TEXT_CHANGED' },
    ]);
  });

  it('a change made on a branch is reported at its commit, not again at the merge', () => {
    const desk = clone();
    git(desk, ['switch', '--quiet', '-c', 'side']);
    writeFileSync(join(desk, DAY), readFileSync(join(desk, DAY), 'utf8').replace('楼道灯不亮', '楼道灯闪'));
    commitAll(desk, 'edit on a branch');
    const sideCommit = head(desk);
    git(desk, ['switch', '--quiet', 'main']);
    expect(runKefu(['duty', 'log', '-C', desk, '--at', '2026-11-26T09:00:00+08:00', '--by', 'S02', '--kind', 'consult', '--content', '另一天']).status).toBe(0);
    git(desk, ['merge', '--quiet', '--no-edit', 'side']);
    expect(git(desk, ['rev-list', '--merges', 'HEAD']).trim()).not.toBe('');
    const r = audit(desk);
    expect(r.report.problems.map(({ code, commit }) => ({ code, commit }))).toEqual([{ code: 'AUDIT_ITEM_CHANGED', commit: sideCommit }]);
  });

  it('--staged checks the index against HEAD', () => {
    const desk = clone();
    const file = join(desk, DAY);
    const before = readFileSync(file, 'utf8');
    appendFileSync(file, '  - type: update\n    entry: ' + ids[0] + '\n    at: "2026-11-25T16:00:00+08:00"\n    by: S02\n    status: done\n');
    git(desk, ['add', DAY]);
    expect(audit(desk, '--staged')).toMatchObject({ status: 0, report: { ok: true, problems: [] } });

    writeFileSync(file, readFileSync(file, 'utf8').replace('咨询物业费', '咨询水费'));
    git(desk, ['add', DAY]);
    const r = audit(desk, '--staged');
    expect(r.status).toBe(1);
    expect(r.report.problems).toEqual([expect.objectContaining({ file: DAY, line: itemLine(before, `id: ${ids[0]}`), code: 'AUDIT_ITEM_CHANGED', staged: true })]);
    expect(r.stdout).toContain('  staged, not yet committed\n');
    expect(audit(desk).status).toBe(0); // nothing committed is wrong
  });

  it('outside a git repository: a clear message, exit 2', () => {
    const desk = clone();
    rmSync(join(desk, '.git'), { recursive: true, force: true });
    const r = runKefu(['audit', '-C', desk, '--lang', 'en']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('is not in a git repository');
  });
});

describe('kefu init --hooks', () => {
  it('installs a pre-commit hook that refuses a commit changing an item, and lets appends through', () => {
    const desk = join(tempDir('kefu-audit-hook-'), 'desk');
    const [first] = makeDesk(desk, '--hooks');
    const hook = readFileSync(join(desk, '.git', 'hooks', 'pre-commit'), 'utf8');
    expect(hook).toContain(`'${process.execPath}' '${join(ROOT, 'bin', 'kefu.js')}' -C '.' audit --staged`);

    const file = join(desk, DAY);
    const committed = readFileSync(file, 'utf8');
    writeFileSync(file, committed.replace('咨询物业费', '咨询水费'));
    const refused = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '--quiet', '--all', '--message', 'edit'], { cwd: desk, encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8' } });
    expect(refused.status).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain('AUDIT_ITEM_CHANGED');
    expect(refused.stdout + refused.stderr).toContain(first);
    expect(git(desk, ['show', `HEAD:${DAY}`])).toBe(committed);

    writeFileSync(file, `${committed}  - type: update\n    entry: ${first}\n    at: "2026-11-25T16:00:00+08:00"\n    by: S02\n    status: done\n`);
    commitAll(desk, 'an update, appended by hand');
    expect(git(desk, ['log', '-1', '--format=%s'])).toBe('an update, appended by hand\n');
  });

  it('the hook names the desk relative to the top of the work tree, and another hook is never replaced', () => {
    const top = tempDir('kefu-audit-hook-');
    git(top, ['init', '--quiet']);
    writeFileSync(join(top, '.git', 'hooks', 'pre-commit'), '#!/bin/sh\nexit 0\n');
    const refused = runKefu(['init', join(top, 'records'), '--property', 'X', '--hooks', '--lang', 'en']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('a pre-commit hook kefu did not write is there');
    rmSync(join(top, '.git', 'hooks', 'pre-commit'));
    expect(runKefu(['init', join(top, 'records2'), '--property', 'X', '--hooks']).status).toBe(0);
    expect(readFileSync(join(top, '.git', 'hooks', 'pre-commit'), 'utf8')).toContain(`-C 'records2/' audit --staged`);
  });
});

describe('kefu audit on the example desk', () => {
  it('a desk in a subfolder of its repository, hundreds of files and tens of commits: clean, every review digest matches, and fast', () => {
    const top = tempDir('kefu-audit-example-');
    const desk = join(top, 'examples', 'desk');
    cpSync(EXAMPLE_DESK, desk, { recursive: true });
    git(top, ['init', '--quiet']);
    git(top, ['add', '--all']);
    git(top, ['commit', '--quiet', '--message', 'example desk']);
    for (let i = 10; i < 40; i++) {
      appendFileSync(join(desk, DAY), `  - type: entry\n    id: D-20261125-T0${i}\n    at: "2026-11-25T10:${i}:00+08:00"\n    by: S02\n    channel: phone\n    kind: consult\n    content: 测试${i}\n    status: open\n`);
      git(top, ['commit', '--quiet', '--all', '--message', `entry ${i}`]);
    }
    const started = Date.now();
    const clean = audit(desk);
    const elapsed = Date.now() - started;
    expect(clean.status).toBe(0);
    expect(clean.stderr).toMatch(/\d{3} record files in 31 commits checked, no problems/);
    expect(elapsed).toBeLessThan(20_000); // two runs (text and json); about 2 s on a laptop

    const text = readFileSync(join(desk, DAY), 'utf8');
    writeFileSync(join(desk, DAY), text.replace('content: 测试12', 'content: 测试十二'));
    git(top, ['commit', '--quiet', '--all', '--message', 'edit']);
    renameSync(join(desk, 'callbacks'), join(top, 'callbacks-elsewhere'));
    git(top, ['add', '--all']);
    git(top, ['commit', '--quiet', '--message', 'move the callbacks out of the desk']);
    const r = audit(desk);
    expect(r.status).toBe(1);
    const codes = r.report.problems.map((p) => `${p.code} ${p.file.split('/')[0]}`);
    expect(codes[0]).toBe('AUDIT_FILE_DELETED callbacks');
    expect(codes).toContain('AUDIT_ITEM_CHANGED duty');
    expect(new Set(codes)).toEqual(new Set(['AUDIT_FILE_DELETED callbacks', 'AUDIT_ITEM_CHANGED duty']));
    expect(r.report.problems.find((p) => p.code === 'AUDIT_ITEM_CHANGED')).toMatchObject({ file: DAY, message: 'The committed item D-20261125-T012 was changed' });
  });
});
