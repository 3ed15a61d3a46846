// kefu's three-way merge of one record file (SPEC §2 Conflict-free sync): pure, no disk.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { mergeRecordTexts, type MergeResult } from '../../src/domain/merge.js';
import { serializeListItem, serializeRecordFile } from '../../src/domain/records/serialize.js';

const DUTY = 'duty/2026/11/2026-11-25.yaml';
const COMPLAINT = 'complaints/2026/11/TS-20261120-K7Q2.yaml';
const CALLBACKS = 'callbacks/2026/2026-11.yaml';
const ROSTER = 'rosters/2026-12.yaml';

const entry = (id: string, at: string, content = id) => ({
  type: 'entry',
  id: `D-20261125-${id}`,
  at: `2026-11-25T${at}:00+08:00`,
  by: 'S02',
  shift: 'day24',
  channel: 'phone',
  kind: 'consult',
  content,
  status: 'open',
});

const MODELINE = '# yaml-language-server: $schema=../../../schemas/duty-day.schema.json';
const dutyDay = (...items: unknown[]) => serializeRecordFile({ date: '2026-11-25', log: items }, MODELINE);
const append = (text: string, ...items: unknown[]) => text + items.map((i) => serializeListItem(i)).join('');

function merged(result: MergeResult): string {
  if (!result.ok) throw new Error(`expected a merge, got ${JSON.stringify(result.reason)}`);
  return result.text;
}

const ids = (text: string, key = 'log') => (parse(text) as Record<string, { id?: string; at?: string }[]>)[key]!.map((i) => i.id ?? i.at);

describe('mergeRecordTexts: both sides only appended', () => {
  const base = dutyDay(entry('AAAA', '09:00'));

  it('keeps the base byte for byte and adds both sides\' new items in `at` order', () => {
    const ours = append(base, entry('OUR1', '09:30'), entry('OUR2', '11:00'));
    const theirs = append(base, entry('THR1', '10:00'), entry('THR2', '12:00'));
    const text = merged(mergeRecordTexts(base, ours, theirs, DUTY));
    expect(text.startsWith(base)).toBe(true);
    expect(ids(text)).toEqual(['D-20261125-AAAA', 'D-20261125-OUR1', 'D-20261125-THR1', 'D-20261125-OUR2', 'D-20261125-THR2']);
    // each new item is written the way kefu appends it
    expect(text).toBe(append(base, entry('OUR1', '09:30'), entry('THR1', '10:00'), entry('OUR2', '11:00'), entry('THR2', '12:00')));
  });

  it('is symmetric in content: swapping the sides gives the same file when no two times are equal', () => {
    const ours = append(base, entry('OUR1', '09:30'));
    const theirs = append(base, entry('THR1', '08:45'), entry('THR2', '10:00'));
    expect(merged(mergeRecordTexts(base, ours, theirs, DUTY))).toBe(merged(mergeRecordTexts(base, theirs, ours, DUTY)));
  });

  it('orders by the instant, not the text, of `at` (offsets may differ)', () => {
    const ours = append(base, { ...entry('OUR1', '10:00'), at: '2026-11-25T10:00:00+08:00' });
    const theirs = append(base, { ...entry('THR1', '10:00'), at: '2026-11-25T01:30:00Z' }); // 09:30 +08:00
    expect(ids(merged(mergeRecordTexts(base, ours, theirs, DUTY)))).toEqual(['D-20261125-AAAA', 'D-20261125-THR1', 'D-20261125-OUR1']);
  });

  it('puts ours first when two new items have the same `at` (stable)', () => {
    const ours = append(base, entry('OUR1', '10:00'));
    const theirs = append(base, entry('THR1', '10:00'));
    expect(ids(merged(mergeRecordTexts(base, ours, theirs, DUTY)))).toEqual(['D-20261125-AAAA', 'D-20261125-OUR1', 'D-20261125-THR1']);
    expect(ids(merged(mergeRecordTexts(base, theirs, ours, DUTY)))).toEqual(['D-20261125-AAAA', 'D-20261125-THR1', 'D-20261125-OUR1']);
  });

  it('keeps an item present on both sides once', () => {
    const same = entry('BOTH', '10:00');
    const ours = append(base, same, entry('OUR1', '11:00'));
    const theirs = append(base, entry('THR1', '09:30'), same);
    expect(ids(merged(mergeRecordTexts(base, ours, theirs, DUTY)))).toEqual(['D-20261125-AAAA', 'D-20261125-THR1', 'D-20261125-BOTH', 'D-20261125-OUR1']);
  });

  it('two items with the same id but different content are both kept (validate reports the duplicate id)', () => {
    const ours = append(base, entry('SAME', '10:00', 'one'));
    const theirs = append(base, entry('SAME', '10:00', 'two'));
    expect(ids(merged(mergeRecordTexts(base, ours, theirs, DUTY)))).toEqual(['D-20261125-AAAA', 'D-20261125-SAME', 'D-20261125-SAME']);
  });

  it('equal sides merge to that side', () => {
    const side = append(base, entry('OUR1', '10:00'));
    expect(merged(mergeRecordTexts(base, side, side, DUTY))).toBe(side);
  });

  it('a side with nothing new leaves the other side\'s items', () => {
    const theirs = append(base, entry('THR1', '10:00'));
    expect(merged(mergeRecordTexts(base, base, theirs, DUTY))).toBe(theirs);
  });

  it('keeps each side\'s own order of its new items (a merge of two sequences, not a sort)', () => {
    const ours = append(base, entry('OUR1', '11:00'), entry('OUR2', '10:00'));
    const theirs = append(base, entry('THR1', '10:30'));
    expect(ids(merged(mergeRecordTexts(base, ours, theirs, DUTY)))).toEqual(['D-20261125-AAAA', 'D-20261125-THR1', 'D-20261125-OUR1', 'D-20261125-OUR2']);
  });

  it('keeps the bytes of a new item written by hand in another layout (it is committed on its side)', () => {
    const flow = '  - { type: entry, id: D-20261125-FLOW, at: "2026-11-25T10:30:00+08:00", by: S02, shift: day24, channel: phone, kind: consult, content: 手写, status: open }\n';
    const ours = base + flow;
    const theirs = append(base, entry('THR1', '10:00'));
    const text = merged(mergeRecordTexts(base, ours, theirs, DUTY));
    expect(text).toBe(append(base, entry('THR1', '10:00')) + flow);
  });

  it('writes with the list\'s own indentation', () => {
    const base0 = 'date: "2026-11-25"\nlog:\n- type: entry\n  id: D-20261125-AAAA\n  at: "2026-11-25T09:00:00+08:00"\n';
    const ours = base0 + serializeListItem(entry('OUR1', '10:00'), 0);
    const theirs = base0 + serializeListItem(entry('THR1', '09:30'), 0);
    const text = merged(mergeRecordTexts(base0, ours, theirs, DUTY));
    expect(text).toBe(base0 + serializeListItem(entry('THR1', '09:30'), 0) + serializeListItem(entry('OUR1', '10:00'), 0));
  });

  it('works for every kind with a top-level list: complaint events, callbacks, roster assignments', () => {
    const complaint = 'id: TS-20261120-K7Q2\nreceived_at: "2026-11-20T10:05:00+08:00"\nsummary: 夜间装修噪音\nevents:\n  - type: note\n    at: "2026-11-20T10:10:00+08:00"\n    by: S02\n    text: 已登记\n';
    const note = (at: string, text: string) => ({ type: 'note', at: `2026-11-2${at}+08:00`, by: 'S02', text });
    const c = merged(mergeRecordTexts(complaint, append(complaint, note('1T09:00:00', 'ours')), append(complaint, note('0T18:00:00', 'theirs')), COMPLAINT));
    expect((parse(c) as { events: { text: string }[] }).events.map((e) => e.text)).toEqual(['已登记', 'theirs', 'ours']);

    const month = 'month: "2026-11"\ncallbacks:\n  - type: plan\n    subject: WO-20261125-3MX9\n    assignee: S03\n    at: "2026-11-25T10:00:00+08:00"\n    by: S01\n';
    const plan = (at: string) => ({ type: 'plan', subject: 'WO-20261125-3MX9', assignee: 'S03', at, by: 'S01' });
    const m = merged(mergeRecordTexts(month, append(month, plan('2026-11-26T10:00:00+08:00')), append(month, plan('2026-11-25T12:00:00+08:00')), CALLBACKS));
    expect(ids(m, 'callbacks')).toEqual(['2026-11-25T10:00:00+08:00', '2026-11-25T12:00:00+08:00', '2026-11-26T10:00:00+08:00']);

    // assignments have no `at`: ours' new items, then theirs'
    const roster = 'month: "2026-12"\nstatus: draft\nassignments:\n  - date: "2026-12-01"\n    shift: day24\n    staff:\n      - S02\n';
    const day = (date: string) => ({ date, shift: 'day24', staff: ['S03'] });
    const r = merged(mergeRecordTexts(roster, append(roster, day('2026-12-03')), append(roster, day('2026-12-02')), ROSTER));
    expect((parse(r) as { assignments: { date: string }[] }).assignments.map((a) => a.date)).toEqual(['2026-12-01', '2026-12-03', '2026-12-02']);
  });
});

describe('mergeRecordTexts during a rebase of several commits', () => {
  // git replays B's commits one by one onto A's; each step's base is the replayed commit's parent
  const x = entry('XXXX', '08:40');
  const [a1, a2, b1, b2] = [entry('A001', '09:10'), entry('A002', '11:00'), entry('B001', '10:00'), entry('B002', '12:00')];

  it('a later step finds its base items between upstream\'s and merges the new ones in their gap', () => {
    const start = dutyDay(x);
    const upstream = append(start, a1, a2);
    const [bFirst, bSecond] = [append(start, b1), append(start, b1, b2)];
    const step1 = merged(mergeRecordTexts(start, upstream, bFirst, DUTY));
    expect(ids(step1)).toEqual([x.id, a1.id, b1.id, a2.id]);
    const step2 = merged(mergeRecordTexts(bFirst, step1, bSecond, DUTY));
    expect(step2).toBe(dutyDay(x, a1, b1, a2, b2));
  });

  it('the same when both clerks created the day\'s file (add/add, then appends)', () => {
    const upstream = dutyDay(a1, a2);
    const [bFirst, bSecond] = [dutyDay(b1), dutyDay(b1, b2)];
    const step1 = merged(mergeRecordTexts('', upstream, bFirst, DUTY));
    const step2 = merged(mergeRecordTexts(bFirst, step1, bSecond, DUTY));
    expect(step2).toBe(dutyDay(a1, b1, a2, b2));
  });

  it('still refuses a replayed commit that edits an item it had added before', () => {
    const start = dutyDay(x);
    const step1 = merged(mergeRecordTexts(start, append(start, a1), append(start, b1), DUTY));
    const edited = append(start, { ...b1, content: 'edited' });
    expect(mergeRecordTexts(append(start, b1), step1, edited, DUTY)).toMatchObject({ ok: false, reason: { code: 'item-changed', side: 'theirs', item: 2 } });
  });
});

describe('mergeRecordTexts: anything but appends is a conflict', () => {
  const base = dutyDay(entry('AAAA', '09:00'), entry('BBBB', '09:30'));
  const theirs = append(base, entry('THR1', '10:00'));

  it('an existing item changed on one side', () => {
    const ours = append(base.replace('content: AAAA', 'content: changed'), entry('OUR1', '11:00'));
    expect(mergeRecordTexts(base, ours, theirs, DUTY)).toEqual({ ok: false, reason: { code: 'item-changed', side: 'ours', item: 1, line: 4 } });
    expect(mergeRecordTexts(base, theirs, ours, DUTY)).toMatchObject({ ok: false, reason: { code: 'item-changed', side: 'theirs' } });
  });

  it('a field added to an existing item, even by appending a line to the file', () => {
    const ours = `${base}    action: 已处理\n`;
    expect(mergeRecordTexts(base, ours, theirs, DUTY)).toMatchObject({ ok: false, reason: { code: 'item-changed', side: 'ours', item: 2 } });
  });

  it('an existing item removed', () => {
    const ours = dutyDay(entry('BBBB', '09:30'));
    expect(mergeRecordTexts(base, ours, theirs, DUTY)).toMatchObject({ ok: false, reason: { code: 'item-removed', side: 'ours', item: 1 } });
    const last = dutyDay(entry('AAAA', '09:00'));
    expect(mergeRecordTexts(base, theirs, last, DUTY)).toMatchObject({ ok: false, reason: { code: 'item-removed', side: 'theirs', item: 2 } });
  });

  it('existing items reordered', () => {
    const ours = dutyDay(entry('BBBB', '09:30'), entry('AAAA', '09:00'));
    expect(mergeRecordTexts(base, ours, theirs, DUTY)).toMatchObject({ ok: false, reason: { code: 'item-changed' } });
  });

  it('a header field changed, added or removed, or a key added after the list', () => {
    expect(mergeRecordTexts(base, base.replace('date: "2026-11-25"', 'date: "2026-11-26"'), theirs, DUTY)).toMatchObject({ ok: false, reason: { code: 'header-changed', side: 'ours', key: 'date' } });
    expect(mergeRecordTexts(base, base.replace('date: "2026-11-25"\n', 'date: "2026-11-25"\nx-note: hi\n'), theirs, DUTY)).toMatchObject({ ok: false, reason: { code: 'header-changed', key: 'x-note' } });
    expect(mergeRecordTexts(base, theirs, `${base}notes:\n  - hi\n`, DUTY)).toMatchObject({ ok: false, reason: { code: 'header-changed', side: 'theirs', key: 'log' } });
  });

  it('the text before the new items changed although the data did not (a comment)', () => {
    const ours = append(base.replace(MODELINE, '# edited'), entry('OUR1', '11:00'));
    expect(mergeRecordTexts(base, ours, theirs, DUTY)).toEqual({ ok: false, reason: { code: 'text-changed', side: 'ours', line: 1 } });
  });

  it('an existing item rewritten in another layout, with the same data', () => {
    const flow = `${dutyDay(entry('AAAA', '09:00'))}  - { type: entry, id: D-20261125-BBBB, at: "2026-11-25T09:30:00+08:00", by: S02, shift: day24, channel: phone, kind: consult, content: BBBB, status: open }\n`;
    expect(mergeRecordTexts(base, theirs, append(flow, entry('OUR1', '11:00')), DUTY)).toMatchObject({ ok: false, reason: { code: 'text-changed', side: 'theirs', line: 13 } });
  });

  it('a side that does not parse cleanly: syntax error, duplicate key, conflict markers, torn tail, alias', () => {
    const broken = [
      `${base}  - type: entry\n    id: [unclosed\n`,
      `${base}  - type: entry\n    type: entry\n`,
      `${base}<<<<<<< HEAD\n  - type: entry\n=======\n>>>>>>> x\n`,
      `${base}  - type: entry\n    id: D-20261125-CUT`,
      `${base}  - &a { type: entry }\n  - *a\n`,
    ];
    for (const side of broken) {
      expect(mergeRecordTexts(base, side, theirs, DUTY)).toMatchObject({ ok: false, reason: { code: 'unparseable', side: 'ours' } });
      expect(mergeRecordTexts(base, theirs, side, DUTY)).toMatchObject({ ok: false, reason: { code: 'unparseable', side: 'theirs' } });
    }
    expect(mergeRecordTexts('date: [\n', theirs, theirs, DUTY)).toMatchObject({ ok: false, reason: { code: 'unparseable', side: 'base' } });
  });

  it('a file without a list at its end, or a flow list', () => {
    expect(mergeRecordTexts('date: "2026-11-25"\nlog: []\n', 'date: "2026-11-25"\nlog: []\n', 'date: "2026-11-25"\nlog: [{a: 1}]\n', DUTY)).toMatchObject({ ok: false, reason: { code: 'no-list', side: 'base' } });
    expect(mergeRecordTexts('a: 1\n', 'a: 1\nb: 2\n', 'a: 1\nc: 3\n', 'notes.yaml')).toMatchObject({ ok: false, reason: { code: 'no-list' } });
  });

  it('kefu.yaml is not an append-only record', () => {
    const config = 'property: 翠湖花园\nholidays:\n  - "2026-10-01"\n';
    expect(mergeRecordTexts(config, `${config}  - "2026-10-02"\n`, `${config}  - "2026-10-03"\n`, 'kefu.yaml')).toMatchObject({ ok: false, reason: { code: 'not-appendable' } });
  });
});

describe('mergeRecordTexts: both sides created the file (empty base)', () => {
  it('identical files are fine', () => {
    const file = dutyDay(entry('AAAA', '09:00'));
    expect(merged(mergeRecordTexts('', file, file, DUTY))).toBe(file);
  });

  it('equal headers: both lists joined in `at` order, shared items once', () => {
    const ours = dutyDay(entry('OUR1', '10:00'), entry('BOTH', '11:00'));
    const theirs = dutyDay(entry('THR1', '09:00'), entry('BOTH', '11:00'));
    const text = merged(mergeRecordTexts('', ours, theirs, DUTY));
    expect(text).toBe(dutyDay(entry('THR1', '09:00'), entry('OUR1', '10:00'), entry('BOTH', '11:00')));
    expect(ids(merged(mergeRecordTexts('', theirs, ours, DUTY)))).toEqual(ids(text));
  });

  it('different headers conflict', () => {
    const ours = dutyDay(entry('OUR1', '10:00'));
    const theirs = serializeRecordFile({ date: '2026-11-26', log: [entry('THR1', '09:00')] });
    expect(mergeRecordTexts('', ours, theirs, DUTY)).toMatchObject({ ok: false, reason: { code: 'headers-differ', key: 'date' } });
  });

  it('a side that does not parse conflicts', () => {
    expect(mergeRecordTexts('', dutyDay(entry('OUR1', '10:00')), 'date: "2026-11-25"\nlog:\n  - [\n', DUTY)).toMatchObject({ ok: false, reason: { code: 'unparseable', side: 'theirs' } });
  });
});
