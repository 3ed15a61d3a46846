// The pipeline on in-memory desks: no disk, every rule at its boundary.
import { describe, expect, it } from 'vitest';
import { loadDesk, type SourceFile } from '../../src/domain/load-desk.js';
import { reviewDigest } from '../../src/domain/records/duty-day.js';

const AS_OF = Date.parse('2026-11-25T09:00:00+08:00');

const BASE: Record<string, string> = {
  'kefu.yaml': 'property: 翠湖花园\n',
  'staff.yaml': `staff:
  - { id: S01, name: 王芳, roles: [supervisor] }
  - { id: S02, name: 李娜, roles: [clerk] }
  - { id: S03, name: 张伟, roles: [clerk] }
  - { id: S09, name: 赵强, roles: [maintenance] }
`,
};

/**
 * The desk loaded as of `asOf`. Most tests here write items after AS_OF to test other rules:
 * ITEM_AFTER_NOW is left out of their diagnostics, and tested on its own (`afterNow`).
 */
function desk(files: Record<string, string>, asOf = AS_OF, afterNow = false) {
  const sources: SourceFile[] = Object.entries({ ...BASE, ...files }).map(([path, text]) => ({ path, bytes: Buffer.from(text) }));
  const result = loadDesk(sources, { asOf, clock: asOf }); // now is the clock's, as without --as-of
  return afterNow ? result : { ...result, diagnostics: result.diagnostics.filter((d) => d.code !== 'ITEM_AFTER_NOW') };
}

function codes(files: Record<string, string>, asOf = AS_OF, afterNow = false) {
  return desk(files, asOf, afterNow).diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.code}`);
}

const entry = (id: string, at: string, extra = '') => `  - type: entry
    id: ${id}
    at: ${at}
    by: S02
    channel: phone
    kind: repair
    content: 厨房水龙头漏水
    status: open
${extra}`;

describe('duty-day windows (SPEC §3.4)', () => {
  it('accepts the first and last second of the duty day, rejects the second after', () => {
    const ok = codes({ 'duty/2026/11/2026-11-25.yaml': `date: "2026-11-25"\nlog:\n${entry('D-20261125-AAAA', '2026-11-25T08:30:00+08:00')}${entry('D-20261125-AAAB', '2026-11-26T08:29:59+08:00')}` });
    expect(ok).toEqual([]);
    const late = codes({ 'duty/2026/11/2026-11-25.yaml': `date: "2026-11-25"\nlog:\n${entry('D-20261125-AAAA', '2026-11-26T08:30:00+08:00')}` });
    expect(late).toEqual(['duty/2026/11/2026-11-25.yaml:5:9 DUTY_OUT_OF_WINDOW']);
    const early = codes({ 'duty/2026/11/2026-11-25.yaml': `date: "2026-11-25"\nlog:\n${entry('D-20261125-AAAA', '2026-11-25T08:29:59+08:00')}` });
    expect(early).toEqual(['duty/2026/11/2026-11-25.yaml:5:9 DUTY_OUT_OF_WINDOW']);
  });

  it('an entry at 02:10 goes in the previous day file', () => {
    expect(codes({ 'duty/2026/11/2026-11-25.yaml': `date: "2026-11-25"\nlog:\n${entry('D-20261126-AAAA', '2026-11-26T02:10:00+08:00')}` })).toEqual([]);
    const d = desk({ 'duty/2026/11/2026-11-26.yaml': `date: "2026-11-26"\nlog:\n${entry('D-20261126-AAAA', '2026-11-26T02:10:00+08:00')}` }).diagnostics;
    expect(d.map((x) => x.code)).toEqual(['DUTY_OUT_OF_WINDOW']);
    expect(d[0]!.params).toMatchObject({ belongs: '2026-11-25', day: '2026-11-26' });
  });

  it('a review must come after the day it reviews: at the end second it is fine, one second before it is not', () => {
    const item = { type: 'entry', id: 'D-20261125-AAAA', at: '2026-11-25T09:00:00+08:00', by: 'S02', channel: 'phone', kind: 'repair', content: '漏水', status: 'open' };
    const file = (at: string) => `date: "2026-11-25"\nlog:\n${entry('D-20261125-AAAA', '2026-11-25T09:00:00+08:00')}  - { type: review, at: ${at}, by: S01, digest: "${reviewDigest([item])}" }\n`;
    expect(codes({ 'duty/2026/11/2026-11-25.yaml': file('2026-11-26T08:30:00+08:00') })).toEqual([]);
    expect(codes({ 'duty/2026/11/2026-11-25.yaml': file('2026-11-26T08:29:59+08:00') })).toEqual(['duty/2026/11/2026-11-25.yaml:11:25 REVIEW_TOO_EARLY']);
  });

  it('incidents and emergencies must name who was notified', () => {
    const f = (extra: string) => `date: "2026-11-25"\nlog:\n${entry('D-20261125-AAAA', '2026-11-25T10:00:00+08:00', extra).replace('kind: repair', 'kind: emergency')}`;
    expect(codes({ 'duty/2026/11/2026-11-25.yaml': f('') })).toEqual(['duty/2026/11/2026-11-25.yaml:8:11 NOTIFIED_REQUIRED']);
    expect(codes({ 'duty/2026/11/2026-11-25.yaml': f('    notified: [S01]\n') })).toEqual([]);
  });
});

describe('one mistake, one diagnostic', () => {
  it('a bad item is reported and the rest of the file still takes part in the cross-record checks', () => {
    const text = `date: "2026-11-25"\nlog:\n${entry('D-20261125-AAAA', '2026-11-25T10:00:00+08:00').replace('channel: phone', 'channel: fone')}  - { type: update, entry: D-20261125-ZZZZ, at: 2026-11-25T11:00:00+08:00, by: S07, status: done }\n`;
    expect(codes({ 'duty/2026/11/2026-11-25.yaml': text })).toEqual([
      'duty/2026/11/2026-11-25.yaml:7:14 SCHEMA_ENUM',
      'duty/2026/11/2026-11-25.yaml:11:28 REF_DANGLING',
      'duty/2026/11/2026-11-25.yaml:11:80 STAFF_UNKNOWN',
    ]);
  });

  it('an item whose only fault is an optional field still has its other fields checked', () => {
    const text = `date: "2026-11-25"\nlog:\n${entry('D-20261125-AAAA', '2026-11-25T10:00:00+08:00', '    referred_to: ""\n    links: [WO-20261125-ZZZZ]\n    colour: red\n')}`;
    expect(codes({ 'duty/2026/11/2026-11-25.yaml': text })).toEqual([
      'duty/2026/11/2026-11-25.yaml:11:18 SCHEMA_EMPTY',
      'duty/2026/11/2026-11-25.yaml:12:13 REF_DANGLING',
      'duty/2026/11/2026-11-25.yaml:13:5 SCHEMA_UNKNOWN_KEY',
    ]);
  });

  it('a reference to a record whose own file is broken is not reported again as dangling', () => {
    const wo = 'id: WO-20261125-3MX9\nkind: repair\nreceived_at: 2026-11-25T09:12:00+08:00\nreceived_by: S02\nrequester: { unit: 3-1201 }\nitem: 漏水\nevents: [\n';
    const day = `date: "2026-11-25"\nlog:\n${entry('D-20261125-AAAA', '2026-11-25T10:00:00+08:00', '    links: [WO-20261125-3MX9]\n')}`;
    const found = codes({ 'workorders/2026/11/WO-20261125-3MX9.yaml': wo, 'duty/2026/11/2026-11-25.yaml': day });
    expect(found.every((c) => c.startsWith('workorders/'))).toBe(true);
    expect(found.length).toBeGreaterThan(0);
  });

  it('a missing key points at its parent mapping, an unknown key at the key itself', () => {
    const text = `date: "2026-11-25"\nlog:\n  - type: entry\n    id: D-20261125-AAAA\n    at: 2026-11-25T10:00:00+08:00\n    by: S02\n    channel: phone\n    status: open\n    content: 漏水\n    colour: red\n`;
    expect(codes({ 'duty/2026/11/2026-11-25.yaml': text })).toEqual([
      'duty/2026/11/2026-11-25.yaml:3:5 SCHEMA_REQUIRED',
      'duty/2026/11/2026-11-25.yaml:10:5 SCHEMA_UNKNOWN_KEY',
    ]);
  });

  it('a misspelled required key is one diagnostic: unknown, with a suggestion', () => {
    const text = `date: "2026-11-25"\nlog:\n  - type: entry\n    id: D-20261125-AAAA\n    at: 2026-11-25T10:00:00+08:00\n    by: S02\n    channel: phone\n    kind: repair\n    status: open\n    contnet: 漏水\n`;
    const d = desk({ 'duty/2026/11/2026-11-25.yaml': text }).diagnostics;
    expect(d.map((x) => `${x.line}:${x.col} ${x.code} ${x.params.didYouMean}`)).toEqual(['10:5 SCHEMA_UNKNOWN_KEY content']);
  });

  it('x- keys and notes are allowed anywhere', () => {
    expect(codes({ 'duty/2026/11/2026-11-25.yaml': `date: "2026-11-25"\nx-source: paper book\nlog:\n${entry('D-20261125-AAAA', '2026-11-25T10:00:00+08:00', '    x-scan: p12.jpg\n    notes: { page: 12 }\n')}` })).toEqual([]);
  });
});

describe('complaint and work-order events (SPEC §5.5)', () => {
  const complaint = (events: string) => `id: TS-20261120-K7Q2
received_at: 2026-11-20T10:05:00+08:00
received_by: S02
channel: phone
complainant: { name: 李先生, unit: 3-1201, phone: "13900001234" }
category: noise
summary: 夜间装修噪音
severity: important
events:
${events}`;
  const path = 'complaints/2026/11/TS-20261120-K7Q2.yaml';

  it('an event one second before received_at is reported; at received_at it is fine', () => {
    expect(codes({ [path]: complaint('  - { type: escalated, at: 2026-11-20T10:05:00+08:00, by: S02, to: S01 }\n') })).toEqual([]);
    expect(codes({ [path]: complaint('  - { type: escalated, at: 2026-11-20T10:04:59+08:00, by: S02, to: S01 }\n') })).toEqual([`${path}:10:28 EVENT_BEFORE_RECEIVED`]);
  });

  it('events out of time order are reported at the later-appended, earlier-timed event', () => {
    const events = '  - { type: escalated, at: 2026-11-20T11:00:00+08:00, by: S02, to: S01 }\n  - { type: note, at: 2026-11-20T10:59:59+08:00, by: S02, text: 回电 }\n';
    expect(codes({ [path]: complaint(events) })).toEqual([`${path}:11:23 EVENT_ORDER`]);
  });

  it('one event timed too late is reported itself, not every event after it', () => {
    const events = [
      '  - { type: escalated, at: 2026-11-20T10:10:00+08:00, by: S02, to: S01 }',
      '  - { type: assigned, at: 2026-11-30T09:00:00+08:00, by: S01, assignee: S03 }', // typo for 11-20
      '  - { type: note, at: 2026-11-21T09:00:00+08:00, by: S02, text: 回电 }',
      '  - { type: resolved, at: 2026-11-22T09:00:00+08:00, by: S03 }',
    ].join('\n');
    const d = desk({ [path]: complaint(`${events}\n`) }).diagnostics;
    expect(d.map((x) => `${x.line} ${x.code} ${x.params.relation}`)).toEqual(['11 EVENT_ORDER order-after']);
  });

  it('the file name and the id must agree', () => {
    expect(codes({ 'complaints/2026/11/TS-20261120-K7Q3.yaml': complaint('  - { type: note, at: 2026-11-20T11:00:00+08:00, by: S02, text: 回电 }\n') })).toEqual(['complaints/2026/11/TS-20261120-K7Q3.yaml:1:5 FILE_NAME_MISMATCH']);
  });
});

describe('an item timed after now (issue 8: a clock that jumps forward)', () => {
  const day = (at: string) => `date: "2026-11-25"\nlog:\n${entry('D-20261125-K7Q2', at)}`;
  const path = 'duty/2026/11/2026-11-25.yaml';

  it('is said from the first second more than 10 minutes after now, not before', () => {
    expect(codes({ [path]: day('2026-11-25T09:10:00+08:00') }, AS_OF, true)).toEqual([]);
    expect(codes({ [path]: day('2026-11-25T09:10:01+08:00') }, AS_OF, true)).toEqual([`${path}:5:9 ITEM_AFTER_NOW`]);
    // the same instant written with another offset
    expect(codes({ [path]: day('2026-11-25T01:10:01Z') }, AS_OF, true)).toEqual([`${path}:5:9 ITEM_AFTER_NOW`]);
  });

  it('is a warning, names the time, and goes once its time has come', () => {
    const d = desk({ [path]: day('2026-11-25T20:10:00+08:00') }, AS_OF, true).diagnostics;
    expect(d.map((x) => [x.severity, x.params.at])).toEqual([['warning', '2026-11-25T20:10:00+08:00']]);
    expect(codes({ [path]: day('2026-11-25T20:10:00+08:00') }, Date.parse('2026-11-25T20:00:00+08:00'), true)).toEqual([]);
  });

  it('is said only when now is the computer\'s clock: as of a given moment (--as-of) the desk may hold items written since', () => {
    const at = (t: string, clock?: number) => loadDesk(Object.entries({ ...BASE, [path]: day(t) }).map(([p, text]) => ({ path: p, bytes: Buffer.from(text) })), { asOf: AS_OF, ...(clock !== undefined ? { clock } : {}) }).diagnostics.map((x) => x.code);
    expect(at('2026-11-25T20:10:00+08:00')).toEqual([]);
    expect(at('2026-11-25T20:10:00+08:00', AS_OF)).toEqual(['ITEM_AFTER_NOW']);
  });

  it('is kept when a cached record is found wrong and the desk is read again exactly', () => {
    const path2 = 'duty/2026/11/2026-11-25.yaml';
    const files = { ...BASE, [path2]: day('2026-11-25T20:10:00+08:00') };
    const sources = Object.entries(files).map(([p, text]) => ({ path: p, bytes: Buffer.from(text) }));
    const plain = loadDesk(sources, { asOf: AS_OF, clock: AS_OF });
    const wrong = structuredClone(plain.desk.dutyDays[0]!.data) as { log: { content: string }[] };
    wrong.log[0]!.content = 'WRONG';
    const kept = new Map([[path2, { kind: 'duty-day' as const, data: wrong }]]);
    const cache = { get: (p: string) => kept.get(p) as never, set: () => {}, forget: (p: string) => void kept.delete(p) };
    const cached = loadDesk(sources, { asOf: AS_OF, clock: AS_OF, cache });
    expect(cached.reading.fellBack).toBe(true);
    expect(cached.diagnostics.map((d) => d.code)).toEqual(['ITEM_AFTER_NOW']);
    expect(cached.diagnostics).toEqual(plain.diagnostics);
  });

  it('is said of work-order and complaint events and of their received_at', () => {
    const wo = `id: WO-20261125-3MX9
kind: repair
received_at: 2026-11-25T12:00:00+08:00
received_by: S02
requester: { name: 李先生, unit: 3-1201, phone: "13900001234" }
category: plumbing
item: 厨房水龙头漏水
events:
  - { type: responded, at: 2026-11-25T12:05:00+08:00, by: S02 }
`;
    const woPath = 'workorders/2026/11/WO-20261125-3MX9.yaml';
    expect(codes({ [woPath]: wo }, AS_OF, true)).toEqual([`${woPath}:3:14 ITEM_AFTER_NOW`, `${woPath}:9:28 ITEM_AFTER_NOW`]);
    const ts = `id: TS-20261125-3MX9
received_at: 2026-11-25T08:00:00+08:00
received_by: S02
channel: phone
complainant: { name: 李先生, unit: 3-1201, phone: "13900001234" }
category: service
content: 投诉物业服务态度
events:
  - { type: note, at: 2026-11-26T09:00:00+08:00, by: S02, text: 回电 }
`;
    const tsPath = 'complaints/2026/11/TS-20261125-3MX9.yaml';
    expect(codes({ [tsPath]: ts }, AS_OF, true).filter((c) => c.endsWith('ITEM_AFTER_NOW'))).toEqual([`${tsPath}:9:23 ITEM_AFTER_NOW`]);
  });
});

describe('leak test warning (SPEC §5.3)', () => {
  const wo = (events: string) => `id: WO-20261120-3MX9
kind: repair
received_at: 2026-11-20T09:12:00+08:00
received_by: S02
requester: { name: 李先生, unit: 3-1201, phone: "13900001234" }
category: leak
item: 卫生间漏水
events:
  - { type: completed, at: 2026-11-21T15:00:00+08:00, by: S09 }
${events}`;
  const path = 'workorders/2026/11/WO-20261120-3MX9.yaml';

  it('warns from the first second after the third day ends, not before', () => {
    expect(codes({ [path]: wo('') }, Date.parse('2026-11-24T23:59:59+08:00'))).toEqual([]);
    expect(codes({ [path]: wo('') }, Date.parse('2026-11-25T00:00:00+08:00'))).toEqual([`${path}:9:5 LEAK_NOT_TESTED`]);
  });

  it('a leak test after completion ends the warning; one timed after as-of does not count yet', () => {
    expect(codes({ [path]: wo('  - { type: leak_tested, at: 2026-11-22T10:00:00+08:00, by: S09, passed: true }\n') })).toEqual([]);
    expect(codes({ [path]: wo('  - { type: leak_tested, at: 2026-11-26T10:00:00+08:00, by: S09, passed: true }\n') })).toEqual([`${path}:9:5 LEAK_NOT_TESTED`]);
  });

  it('is a warning, not an error', () => {
    expect(desk({ [path]: wo('') }).diagnostics[0]?.severity).toBe('warning');
  });
});

describe('rosters (SPEC §5.1 as far as a file shows)', () => {
  const roster = (assignments: string, staffLeave = '') => ({
    'staff.yaml': `staff:\n  - { id: S01, name: 王芳, roles: [supervisor] }\n  - { id: S02, name: 李娜, roles: [clerk]${staffLeave} }\n  - { id: S03, name: 张伟, roles: [clerk] }\n`,
    // two clerks taking turns at 24-hour duty work 4 days in some ISO weeks
    'kefu.yaml': 'property: x\nroster: { max_shifts_per_week: 4 }\n',
    'rosters/2026-02.yaml': `month: "2026-02"\nstatus: draft\nassignments:\n${assignments}`,
  });
  const all = (who: (d: number) => string) => Array.from({ length: 28 }, (_, i) => `  - { date: "2026-02-${String(i + 1).padStart(2, '0')}", shift: day24, staff: [${who(i + 1)}] }\n`).join('');

  it('a fully covered month is clean', () => {
    expect(codes(roster(all((d) => (d % 2 ? 'S02' : 'S03'))))).toEqual([]);
  });

  it('reports an uncovered day, someone on leave, and an ineligible role', () => {
    const text = all((d) => (d === 10 ? 'S01' : d % 2 ? 'S02' : 'S03'));
    const found = desk(roster(text.replace(/ {2}- \{ date: "2026-02-28".*\n/, ''), ', leave: [{ from: "2026-02-03", to: "2026-02-03" }]')).diagnostics;
    expect(found.map((d) => `${d.line}:${d.col} ${d.code} ${d.params.date ?? ''} ${d.params.id ?? ''}`)).toEqual([
      '6:49 ROSTER_ON_LEAVE 2026-02-03 S02',
      '13:49 ROSTER_INELIGIBLE  S01',
      '30:5 ROSTER_UNCOVERED 2026-02-28 ', // no slot at all: points at the slot before where it belongs
    ]);
  });
});

describe('safe YAML (SPEC §2 Times)', () => {
  it('keeps 08:30, no and dates as strings under YAML 1.2 core', () => {
    const r = desk({ 'kefu.yaml': 'property: x\nduty_day_start: 08:30\nholidays: [2027-05-06]\n' });
    expect(r.diagnostics).toEqual([]);
    expect(r.desk.config.duty_day_start).toBe('08:30');
    expect(r.desk.config.holidays).toContain('2027-05-06');
  });

  it('an unquoted phone number is a number, and a type error', () => {
    const r = codes({ 'staff.yaml': 'staff:\n  - { id: S01, name: 王芳, roles: [supervisor], phone: 13800001111 }\n' });
    expect(r).toEqual(['staff.yaml:2:54 SCHEMA_TYPE']);
  });

  it('a __proto__ key is an unknown key and pollutes nothing', () => {
    const r = codes({ 'kefu.yaml': 'property: x\n__proto__: { polluted: true }\n' });
    expect(r).toEqual(['kefu.yaml:2:1 SCHEMA_UNKNOWN_KEY']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('an alias bomb is refused without expanding it', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 9; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`);
    const started = Date.now();
    const r = desk({ 'kefu.yaml': `property: x\n${bomb.join('\n')}\n` });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(new Set(r.diagnostics.map((d) => d.code))).toEqual(new Set(['YAML_ALIAS']));
  });
});
