// Faults: a clock that jumps (docs/RELIABILITY.md, "Clock"). kefu reads the clock once
// per run (or takes --as-of), so a run with --as-of T is exactly a run on a machine whose
// clock says T: these tests move "now" with --as-of.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runKefuSync } from '../helpers/cli.js';
import { DAY_FILE, dutyItems, freshDesk } from './helpers.js';

const kefu = (desk: string, ...args: string[]) => runKefuSync([...args, '-C', desk, '--lang', 'en']);

describe('a clock that jumps', () => {
  let desk: string;
  let wo: string;
  beforeAll(() => {
    desk = freshDesk();
    expect(kefu(desk, 'duty', 'log', '--by', 'S02', '--kind', 'consult', '--content', '十点', '--as-of', '2026-11-25T10:00:00+08:00').status).toBe(0);
    wo = kefu(desk, 'wo', 'new', '--kind', 'repair', '--category', 'other', '--item', '灯不亮', '--unit', '1-101', '--by', 'S02', '--as-of', '2026-11-25T10:05:00+08:00').stdout.trim();
    expect(kefu(desk, 'wo', 'respond', wo, '--by', 'S09', '--as-of', '2026-11-25T11:00:00+08:00').status).toBe(0);
  });

  it('back, in the duty log: an entry timed before the last one is accepted (a backfill), validate is clean, and show lists the day in the order written, each with its own time', () => {
    const r = kefu(desk, 'duty', 'log', '--by', 'S02', '--kind', 'consult', '--content', '九点', '--as-of', '2026-11-25T09:00:00+08:00');
    expect(r.status).toBe(0);
    expect((dutyItems(desk) ?? []).map((i) => i.content)).toEqual(['十点', '九点']); // appended, never reordered in the file
    expect(kefu(desk, 'validate').status).toBe(0);
    const shown = JSON.parse(kefu(desk, 'duty', 'show', '--date', '2026-11-25', '--format', 'json', '--as-of', '2026-11-25T12:00:00+08:00').stdout) as { items: { what: string }[] };
    expect(shown.items.map((i) => i.what.replace(/^\[[^\]]*\] /, ''))).toEqual(['十点', '九点']); // like the paper log: as written
  });

  it('back, in a work order: an event timed before its last event is refused with exit 2, nothing written; one appended by hand is EVENT_ORDER in validate', () => {
    const file = join(desk, 'workorders', '2026', '11', `${wo}.yaml`);
    const before = readFileSync(file, 'utf8');
    const r = kefu(desk, 'wo', 'complete', wo, '--by', 'S09', '--as-of', '2026-11-25T10:30:00+08:00');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('is before the last event of');
    expect(readFileSync(file, 'utf8')).toBe(before);
    appendFileSync(file, '  - type: assigned\n    at: "2026-11-25T10:40:00+08:00"\n    by: S02\n    assignee: S09\n');
    const v = kefu(desk, 'validate', '--format', 'json');
    expect(v.status).toBe(1);
    expect((JSON.parse(v.stdout) as { problems: { code: string }[] }).problems.map((p) => p.code)).toEqual(['EVENT_ORDER']);
    writeFileSync(file, before); // undo the hand edit (it was never committed)
  });

  it('forward: an item timed after now is kept (a person chose the time); reports as of now leave it out, and show it once its time comes', () => {
    const r = kefu(desk, 'duty', 'log', '--by', 'S02', '--kind', 'consult', '--content', '明天的', '--at', '2026-11-26T15:00:00+08:00', '--as-of', '2026-11-25T12:00:00+08:00');
    expect(r.status).toBe(0);
    const day26 = (asOf: string) => JSON.parse(kefu(desk, 'duty', 'show', '--date', '2026-11-26', '--format', 'json', '--as-of', asOf).stdout) as { items: unknown[] };
    expect(day26('2026-11-25T12:00:00+08:00').items).toHaveLength(0);
    expect(day26('2026-11-26T16:00:00+08:00').items).toHaveLength(1);
    // validate as of a moment says nothing of items after it (they may have been written since);
    // on the computer's clock it warns of one timed decades ahead (exit 0: a warning)
    const afterNow = (...args: string[]) => {
      const v = kefu(desk, 'validate', '--format', 'json', ...args);
      expect(v.status).toBe(0);
      return (JSON.parse(v.stdout) as { problems: { code: string; severity: string; file: string }[] }).problems.filter((p) => p.code === 'ITEM_AFTER_NOW').map((p) => `${p.file} ${p.severity}`);
    };
    expect(afterNow('--as-of', '2026-11-25T12:00:00+08:00')).toEqual([]);
    expect(kefu(desk, 'duty', 'log', '--by', 'S02', '--kind', 'consult', '--content', '年份打错', '--at', '2062-11-26T15:00:00+08:00').status).toBe(0);
    expect(afterNow().filter((p) => p.startsWith('duty/2062/'))).toEqual(['duty/2062/11/2062-11-26.yaml warning']);
    expect(afterNow('--as-of', '2062-11-26T16:00:00+08:00')).toEqual([]);
  });

  it('--as-of in the past: reports and validate reproduce the past byte for byte, whatever was appended since', () => {
    const T = '2026-11-25T10:30:00+08:00';
    const snapshot = () => ['json', 'csv', 'md'].map((format) => kefu(desk, 'report', 'overdue', '--format', format, '--as-of', T).stdout)
      .concat(kefu(desk, 'duty', 'show', '--date', '2026-11-25', '--format', 'json', '--as-of', T).stdout, kefu(desk, 'validate', '--format', 'json', '--as-of', T).stdout, kefu(desk, 'wo', 'show', wo, '--as-of', T).stdout);
    const past = snapshot();
    expect(kefu(desk, 'wo', 'complete', wo, '--by', 'S09', '--as-of', '2026-11-25T13:00:00+08:00').status).toBe(0);
    expect(kefu(desk, 'duty', 'log', '--by', 'S02', '--kind', 'repair', '--content', '下午', '--as-of', '2026-11-25T14:00:00+08:00').status).toBe(0);
    expect(snapshot()).toEqual(past);
  });

  it('writes with --as-of in the past are judged like any write at that moment: a duty entry is accepted (backfill), a work-order step before its last event is refused — the same as validate as of now decides', () => {
    const T = '2026-11-25T09:30:00+08:00';
    expect(kefu(desk, 'duty', 'log', '--by', 'S02', '--kind', 'consult', '--content', '补记', '--as-of', T).status).toBe(0);
    const step = kefu(desk, 'wo', 'cancel', wo, '--by', 'S02', '--reason', 'x', '--as-of', T);
    expect(step.status).toBe(2);
    expect(kefu(desk, 'validate').status).toBe(0);
    expect(readFileSync(join(desk, DAY_FILE), 'utf8')).toContain('content: 补记');
  });
});
