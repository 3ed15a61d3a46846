// Issue 7 item 6: an append reads kefu.yaml, staff.yaml, the rosters of its months and
// the file it writes — plus the files holding the ids that file names — never the whole
// desk, yet it is refused exactly when the whole desk says the file would be wrong.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { copyDesk, EXAMPLE_DESK, git, runKefuSync as runKefu } from '../helpers/cli.js';

// the morning after the example desk's last day: the day's file does not exist yet
const NOW = '2026-11-26T09:00:00+08:00';
const DAY = 'duty/2026/11/2026-11-26.yaml';
const log = (desk: string, ...args: string[]) =>
  runKefu(['duty', 'log', '-C', desk, '--lang', 'en', '--as-of', NOW, '--debug', '--by', 'S02', '--kind', 'consult', '--channel', 'phone', '--no-commit', ...args]);
const partRead = (stderr: string) => /debug: .*: part of the desk read: (.*)\n/.exec(stderr)?.[1]?.split(', ');

describe('an append does not load the desk', () => {
  let desk: string;
  beforeEach(() => {
    desk = copyDesk(EXAMPLE_DESK);
    git(desk, ['init', '-q']);
    git(desk, ['add', '-A']);
    git(desk, ['commit', '-qm', 'example desk']);
  });

  it('duty log reads kefu.yaml, staff.yaml, this and last month\'s rosters and the day\'s file — nothing else', () => {
    const first = log(desk, '--at', '2026-11-26T09:10:00+08:00', '--content', '咨询停车位');
    expect(first.status).toBe(0);
    expect(partRead(first.stderr)).toEqual(['kefu.yaml', 'staff.yaml', 'rosters/2026-10.yaml', 'rosters/2026-11.yaml']);
    const second = log(desk, '--at', '2026-11-26T09:11:00+08:00', '--content', '咨询快递柜');
    expect(second.status).toBe(0);
    expect(partRead(second.stderr)).toEqual(['kefu.yaml', 'staff.yaml', 'rosters/2026-10.yaml', 'rosters/2026-11.yaml', DAY]);
    for (const r of [first, second]) expect(r.stderr).not.toMatch(/also read|whole desk/);
    expect(readFileSync(join(desk, DAY), 'utf8')).toMatch(/content: 咨询停车位[^]*content: 咨询快递柜/);
    expect(runKefu(['validate', '-C', desk, '--as-of', NOW]).status).toBe(0);
  });

  it('a backfill at 02:10 reads the day before and its month\'s rosters; on the 1st, the month before\'s too', () => {
    const r = log(desk, '--at', '2026-11-01T02:10:00+08:00', '--content', '夜间咨询');
    expect(r.status).toBe(0);
    expect(partRead(r.stderr)).toEqual(['kefu.yaml', 'staff.yaml', 'rosters/2026-09.yaml', 'rosters/2026-10.yaml', 'rosters/2026-11.yaml', 'duty/2026/10/2026-10-31.yaml']);
    expect(readFileSync(join(desk, 'duty/2026/10/2026-10-31.yaml'), 'utf8')).toContain('content: 夜间咨询');
  });

  it('a link to a work order of another month reads that one file and is accepted', () => {
    const r = log(desk, '--at', '2026-11-26T09:11:00+08:00', '--content', '询问维修进度', '--link', 'WO-20260901-AY4Y');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/also read, for the ids it names: workorders\/2026\/09\/WO-20260901-AY4Y\.yaml\n/);
    expect(r.stderr).not.toMatch(/whole desk/);
  });

  it('a link to no record is refused after the whole desk agrees, with the diagnostic at its place; nothing written', () => {
    expect(log(desk, '--at', '2026-11-26T09:10:00+08:00', '--content', '咨询停车位').status).toBe(0);
    const before = readFileSync(join(desk, DAY), 'utf8');
    const r = log(desk, '--at', '2026-11-26T09:12:00+08:00', '--content', '询问维修进度', '--link', 'WO-20200101-ZZZZ');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/REF_DANGLING in part of the desk: checking with the whole desk/);
    expect(r.stderr).toMatch(new RegExp(`${DAY.replaceAll('/', '\\/').replaceAll('.', '\\.')}:\\d+:\\d+ .*WO-20200101-ZZZZ`));
    expect(readFileSync(join(desk, DAY), 'utf8')).toBe(before);
  });

  const update = (desk: string, entry: string) =>
    runKefu(['duty', 'update', '-C', desk, '--lang', 'en', '--as-of', NOW, '--entry', entry, '--at', '2026-11-26T09:05:00+08:00', '--by', 'S02', '--note', '已回电', '--no-commit']);

  it("today's file naming an entry of six days ago (an update) reads that day's file too, and the append goes in", () => {
    expect(update(desk, 'D-20261120-AJ62').status).toBe(0);
    expect(readFileSync(join(desk, DAY), 'utf8')).toContain('entry: D-20261120-AJ62');
    const r = log(desk, '--at', '2026-11-26T09:13:00+08:00', '--content', '咨询快递柜');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/also read, for the ids it names: duty\/2026\/11\/2026-11-20\.yaml\n/);
    expect(r.stderr).not.toMatch(/whole desk/);
  });

  it('an entry whose id does not say where it is (edited by hand) is found by the whole desk, and the append goes in', () => {
    const file = join(desk, 'duty/2026/11/2026-11-20.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('D-20261120-AJ62', 'D-20261119-AJ62'));
    git(desk, ['add', '-A']);
    git(desk, ['commit', '-qm', 'edited by hand']);
    expect(update(desk, 'D-20261119-AJ62').status).toBe(0);
    const r = log(desk, '--at', '2026-11-26T09:14:00+08:00', '--content', '咨询快递柜');
    expect(r.stderr).toMatch(/also read, for the ids it names: duty\/2026\/11\/2026-11-19\.yaml\n/);
    expect(r.stderr).toMatch(/REF_DANGLING in part of the desk: checking with the whole desk/);
    expect(r.status).toBe(0);
    expect(readFileSync(join(desk, DAY), 'utf8')).toContain('content: 咨询快递柜');
  });

  it('a work-order event by a dated prefix reads that order\'s file only; a shorter prefix reads the whole desk', () => {
    const r = runKefu(['wo', 'assign', 'wo-20261125-ad', '-C', desk, '--lang', 'en', '--as-of', NOW, '--debug', '--at', '2026-11-25T10:00:00+08:00', '--assignee', 'S10', '--by', 'S02', '--no-commit']);
    expect(r.status).toBe(0);
    expect(partRead(r.stderr)).toEqual(['kefu.yaml', 'staff.yaml', 'rosters/2026-10.yaml', 'rosters/2026-11.yaml', 'workorders/2026/11/WO-20261125-ADA8.yaml']);
    expect(readFileSync(join(desk, 'workorders/2026/11/WO-20261125-ADA8.yaml'), 'utf8')).toMatch(/type: assigned\n.*\n.*\n\s+assignee: S10\n$/);
    const wide = runKefu(['wo', 'assign', 'WO-2026', '-C', desk, '--lang', 'en', '--as-of', NOW, '--debug', '--assignee', 'S09', '--by', 'S02', '--no-commit']);
    expect(partRead(wide.stderr)).toBeUndefined();
    expect(wide.status).toBe(2); // ambiguous among the whole desk's orders
    expect(wide.stderr).toMatch(/WO-2026/);
  });

  it('a new complaint reads no other complaint, and its id is no existing file\'s name', () => {
    const r = runKefu(['complaint', 'new', '-C', desk, '--lang', 'en', '--as-of', NOW, '--debug', '--at', '2026-11-26T09:20:00+08:00', '--by', 'S02', '--severity', 'minor', '--category', 'noise', '--summary', '楼上装修噪音', '--no-commit']);
    expect(r.status).toBe(0);
    expect(partRead(r.stderr)).toEqual(['kefu.yaml', 'staff.yaml', 'rosters/2026-10.yaml', 'rosters/2026-11.yaml']);
    const id = r.stdout.trim();
    expect(id).toMatch(/^TS-20261126-[0-9A-Z]{4}$/);
    expect(readFileSync(join(desk, `complaints/2026/11/${id}.yaml`), 'utf8')).toContain('summary: 楼上装修噪音');
    expect(runKefu(['validate', '-C', desk, '--as-of', NOW]).status).toBe(0);
  });

  it('a callback on a dated subject reads the subject and the callback months from its month to now; the window is the whole desk\'s', () => {
    const r = runKefu(['callback', 'record', 'WO-20261114-F8', '-C', desk, '--lang', 'en', '--as-of', NOW, '--debug', '--at', '2026-11-26T08:50:00+08:00', '--by', 'S02', '--outcome', 'completed', '--satisfaction', 'satisfied', '--no-commit']);
    expect(r.status, r.stderr).toBe(0);
    expect(partRead(r.stderr)).toEqual(['kefu.yaml', 'staff.yaml', 'rosters/2026-10.yaml', 'rosters/2026-11.yaml', 'workorders/2026/11/WO-20261114-F8Q2.yaml', 'callbacks/2026/2026-11.yaml']);
    expect(r.stdout).toMatch(/^HF-20261126-[0-9A-Z]{4}\n$/);
    // the same subject is no longer overdue for the whole desk's cron report
    const report = runKefu(['report', 'overdue', '-C', desk, '--as-of', NOW, '--format', 'json']);
    expect(JSON.parse(report.stdout).callbacks.overdue.map((o: { subject: string }) => o.subject)).not.toContain('WO-20261114-F8Q2');
    expect(runKefu(['validate', '-C', desk, '--as-of', NOW]).status).toBe(0);
  });

  it('roster commands read kefu.yaml, staff.yaml and every roster (for the carried imbalance), no record', () => {
    const r = runKefu(['roster', 'generate', '--month', '2026-12', '-C', desk, '--lang', 'en', '--as-of', NOW, '--debug', '--seed', '1', '--no-commit']);
    expect(r.status, r.stderr).toBe(0);
    expect(partRead(r.stderr)).toEqual(['kefu.yaml', 'staff.yaml', 'rosters/2026-09.yaml', 'rosters/2026-10.yaml', 'rosters/2026-11.yaml']);
    expect(runKefu(['validate', '-C', desk, '--as-of', NOW]).status).toBe(0);
  });
});
