// The complaint register through the real CLI: each step appended and committed,
// nonsense refused with nothing written, deadlines by severity to the second.
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AS_OF, EXAMPLE_DESK, copyDesk, git, newDesk, runKefuSync as runKefu, type StaffMember } from '../helpers/cli.js';

/** Not the default staff: below, the clerk S03 李娜 registers and commits, the supervisor S02 is escalated to, S07 is assigned. */
const STAFF: StaffMember[] = [['S01', '周建国', 'manager'], ['S02', '王芳', 'supervisor'], ['S03', '李娜', 'clerk'], ['S07', '赵强', 'maintenance']];

const kefu = (desk: string, ...args: string[]) => runKefu(['-C', desk, '--lang', 'en', ...args]);
const complaintFile = (desk: string, id: string) => join(desk, 'complaints', id.slice(3, 7), id.slice(7, 9), `${id}.yaml`);
const NEW = ['complaint', 'new', '--by', 'S03', '--channel', 'phone', '--unit', '3-1201', '--name', '李先生', '--phone', '13900001234', '--category', 'noise', '--summary', '夜间装修噪音'];

function create(desk: string, severity: string, at: string, ...more: string[]): string {
  const r = kefu(desk, ...NEW, '--severity', severity, '--at', at, ...more);
  expect(r.stderr).toContain('registered');
  expect(r.status).toBe(0);
  return r.stdout.trim();
}

interface ShowJson {
  severity: string;
  status: string;
  complainant: { name?: string; phone?: string };
  deadlines: { stage: string; rule: string; due: string; done_at: string | null; status: string }[];
  callback: { due: string; status: string } | null;
}

function show(desk: string, id: string, asOf: string): ShowJson {
  const r = kefu(desk, 'complaint', 'show', id, '--format', 'json', '--as-of', asOf);
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as ShowJson;
}

describe('kefu complaint', () => {
  let desk: string;
  beforeAll(() => {
    desk = newDesk(STAFF);
  });

  it('new: a file of its own, created with the schema line, its first action as the first event, committed by the clerk', () => {
    const id = create(desk, 'important', '2026-11-20T10:05:00+08:00', '--escalate-to', 'S02');
    expect(id).toMatch(/^TS-20261120-[0-9A-Z]{4}$/);
    const text = readFileSync(complaintFile(desk, id), 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=\.\.\/\.\.\/\.\.\/schemas\/complaint\.schema\.json\nid: TS-/);
    expect(text).toContain('phone: "13900001234"');
    expect(text).toMatch(/events:\n {2}- type: escalated\n {4}at: "2026-11-20T10:05:00\+08:00"\n {4}by: S03\n {4}to: S02\n$/);
    expect(git(desk, ['log', '-1', '--format=%an|%s'])).toBe(`李娜|complaint: ${id} received (important, noise)\n`);
    expect(git(desk, ['log', '--format=%B'])).not.toMatch(/1390000|李先生/);
    expect(kefu(desk, 'validate').status).toBe(0);
  });

  it('without an action, the registration itself is the first event; the prefix of an id is enough afterwards', () => {
    const id = create(desk, 'minor', '2026-11-21T09:00:00+08:00');
    expect(readFileSync(complaintFile(desk, id), 'utf8')).toContain('- type: note\n');
    const before = readFileSync(complaintFile(desk, id), 'utf8');
    expect(kefu(desk, 'complaint', 'assign', id.slice(0, 14), '--assignee', 'S07', '--department', '工程部', '--by', 'S02', '--at', '2026-11-21T09:30:00+08:00').status).toBe(0);
    const after = readFileSync(complaintFile(desk, id), 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length)).toBe('  - type: assigned\n    at: "2026-11-21T09:30:00+08:00"\n    by: S02\n    department: 工程部\n    assignee: S07\n');
  });

  it('important: escalated at 11:05:00 is on time, at 11:05:01 it is missed; resolve within 3 days to 23:59:59', () => {
    const onTime = create(desk, 'important', '2026-11-20T10:05:00+08:00');
    const late = create(desk, 'important', '2026-11-20T10:05:00+08:00');
    expect(kefu(desk, 'complaint', 'escalate', onTime, '--to', 'S02', '--by', 'S03', '--at', '2026-11-20T11:05:00+08:00').status).toBe(0);
    expect(kefu(desk, 'complaint', 'escalate', late, '--to', 'S02', '--by', 'S03', '--at', '2026-11-20T11:05:01+08:00').status).toBe(0);
    const a = show(desk, onTime, '2026-11-23T23:59:59+08:00');
    expect(a.deadlines).toEqual([
      { stage: 'escalate', rule: '1h', due: '2026-11-20T11:05:00+08:00', done_at: '2026-11-20T11:05:00+08:00', status: 'met' },
      { stage: 'resolve', rule: '3d', due: '2026-11-23T23:59:59+08:00', done_at: null, status: 'open' },
    ]);
    expect(show(desk, late, '2026-11-21T00:00:00+08:00').deadlines[0]).toMatchObject({ status: 'missed', done_at: '2026-11-20T11:05:01+08:00' });
    expect(show(desk, onTime, '2026-11-24T00:00:00+08:00').deadlines[1]!.status).toBe('missed');
  });

  it('the same answer whatever the machine timezone: the desk is in Asia/Shanghai', () => {
    const id = create(desk, 'minor', '2026-11-22T23:30:00+08:00');
    const out = (tz: string) => runKefu(['-C', desk, 'complaint', 'show', id, '--format', 'json', '--as-of', '2026-11-24T15:59:59Z'], { env: { TZ: tz } }).stdout;
    const utc = JSON.parse(out('UTC')) as ShowJson;
    expect(utc.deadlines).toEqual([{ stage: 'resolve', rule: '2d', due: '2026-11-24T23:59:59+08:00', done_at: null, status: 'open' }]);
    expect(out('America/Los_Angeles')).toBe(out('UTC'));
  });

  it('resolve twice is refused, reopen then resolve again; the callback counts from the latest resolution', () => {
    const id = create(desk, 'minor', '2026-11-10T10:00:00+08:00');
    const file = complaintFile(desk, id);
    expect(kefu(desk, 'complaint', 'resolve', id, '--result', '已处理', '--by', 'S07', '--at', '2026-11-11T10:00:00+08:00').status).toBe(0);
    const before = readFileSync(file, 'utf8');
    const again = kefu(desk, 'complaint', 'resolve', id, '--by', 'S07', '--at', '2026-11-11T11:00:00+08:00');
    expect(again.status).toBe(2);
    expect(again.stderr).toContain(`${id} is already resolved; reopen it first`);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(show(desk, id, '2026-11-12T00:00:00+08:00').callback).toMatchObject({ due: '2026-11-14T23:59:59+08:00', status: 'open' });
    expect(kefu(desk, 'complaint', 'reopen', id, '--reason', '回访时住户反映仍有噪音', '--by', 'S02', '--at', '2026-11-12T09:00:00+08:00').status).toBe(0);
    const reopened = show(desk, id, '2026-11-12T09:00:00+08:00');
    expect([reopened.status, reopened.callback]).toEqual(['open', null]);
    expect(kefu(desk, 'complaint', 'resolve', id, '--by', 'S07', '--at', '2026-11-13T16:00:00+08:00').status).toBe(0);
    expect(show(desk, id, '2026-11-14T00:00:00+08:00').callback).toMatchObject({ due: '2026-11-16T23:59:59+08:00' });
    const notResolved = create(desk, 'minor', '2026-11-10T10:00:00+08:00');
    expect(kefu(desk, 'complaint', 'reopen', notResolved, '--reason', 'x', '--by', 'S02').stderr).toContain('is not resolved, so there is nothing to reopen');
  });

  it('reclassify minor → major recomputes every deadline from received_at; the same severity is refused', () => {
    const id = create(desk, 'minor', '2026-11-20T10:05:00+08:00');
    expect(show(desk, id, '2026-11-20T12:00:00+08:00').deadlines.map((d) => `${d.stage} ${d.due}`)).toEqual(['resolve 2026-11-22T23:59:59+08:00']);
    expect(kefu(desk, 'complaint', 'reclassify', id, '--severity', 'minor', '--reason', 'x', '--by', 'S02').status).toBe(2);
    expect(kefu(desk, 'complaint', 'reclassify', id, '--severity', 'major', '--reason', '涉及消防安全', '--by', 'S02', '--at', '2026-11-20T15:00:00+08:00').status).toBe(0);
    const v = show(desk, id, '2026-11-21T00:00:00+08:00');
    expect(v.severity).toBe('major');
    expect(v.deadlines.map((d) => `${d.stage} ${d.rule} ${d.due} ${d.status}`)).toEqual([
      'escalate same_day 2026-11-20T23:59:59+08:00 missed',
      'reply 2d 2026-11-22T23:59:59+08:00 open',
      'resolve 10d 2026-11-30T23:59:59+08:00 open',
    ]);
    // before the reclassification was made, the complaint was still minor
    expect(show(desk, id, '2026-11-20T14:59:59+08:00').severity).toBe('minor');
  });

  it("a minor complaint with the resident's own deadline is due by that date", () => {
    const id = create(desk, 'minor', '2026-11-20T10:05:00+08:00', '--requested-deadline', '2026-11-27');
    expect(show(desk, id, '2026-11-25T00:00:00+08:00').deadlines).toEqual([
      { stage: 'resolve', rule: 'requested_deadline', due: '2026-11-27T23:59:59+08:00', done_at: null, status: 'open' },
    ]);
  });

  it('invalid: no deadlines, no callback, nothing but notes afterwards', () => {
    const id = create(desk, 'important', '2026-11-20T10:05:00+08:00');
    expect(kefu(desk, 'complaint', 'invalid', id, '--reason', '非物业管理范围', '--by', 'S02', '--at', '2026-11-20T10:30:00+08:00').status).toBe(0);
    const v = show(desk, id, '2026-11-30T00:00:00+08:00');
    expect([v.status, v.deadlines, v.callback]).toEqual(['invalid', [], null]);
    expect(kefu(desk, 'complaint', 'resolve', id, '--by', 'S02').stderr).toContain('was marked invalid; only a note can be added');
    expect(kefu(desk, 'complaint', 'note', id, '--text', '已向住户解释', '--by', 'S02', '--at', '2026-11-20T11:00:00+08:00').status).toBe(0);
  });

  it('missing flags without a terminal: exit 2 naming them, nothing written', () => {
    const fresh = newDesk(STAFF);
    const r = kefu(fresh, 'complaint', 'new', '--by', 'S03', '--unit', '1-101');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--summary --category --severity');
    expect(existsSync(join(fresh, 'complaints'))).toBe(false);
    expect(kefu(fresh, 'complaint', 'new', ...NEW.slice(2), '--severity', 'urgent').stderr).toContain('--severity');
    expect(existsSync(join(fresh, 'complaints'))).toBe(false);
  });

  it('an event before the receipt, or by an unknown staff member, is refused', () => {
    const id = create(desk, 'minor', '2026-11-20T10:05:00+08:00');
    expect(kefu(desk, 'complaint', 'note', id, '--text', 'x', '--by', 'S03', '--at', '2026-11-20T10:04:59+08:00').stderr).toContain('cannot be earlier than its receipt');
    expect(kefu(desk, 'complaint', 'note', id, '--text', 'x', '--by', 'S99', '--at', '2026-11-20T11:00:00+08:00').stderr).toContain('S99');
  });
});

describe('kefu complaint list and show on the example desk', () => {
  it('filters by severity, status and overdue; personal data masked unless --reveal', () => {
    const r = kefu(EXAMPLE_DESK, 'complaint', 'list', '--format', 'json', '--as-of', AS_OF, '--overdue');
    const list = (JSON.parse(r.stdout) as { complaints: { id: string; severity: string; complainant: { phone?: string } }[] }).complaints;
    const report = JSON.parse(kefu(EXAMPLE_DESK, 'report', 'overdue', '--format', 'json', '--as-of', AS_OF).stdout) as { complaints: { overdue: { id: string }[] }; callbacks: { overdue: { subject: string; kind: string }[] } };
    const expected = new Set([...report.complaints.overdue.map((c) => c.id), ...report.callbacks.overdue.filter((c) => c.kind === 'complaint').map((c) => c.subject)]);
    expect(new Set(list.map((c) => c.id))).toEqual(expected);
    expect(r.stdout).not.toMatch(/1[3-9]\d{9}/);
    expect(kefu(EXAMPLE_DESK, 'complaint', 'list', '--format', 'json', '--as-of', AS_OF, '--reveal').stdout).toMatch(/"phone": "1[3-9]\d{9}"/);
    const major = JSON.parse(kefu(EXAMPLE_DESK, 'complaint', 'list', '--format', 'json', '--as-of', AS_OF, '--severity', 'major', '--month', '2026-11').stdout) as { complaints: { severity: string; received_at: string }[] };
    expect(major.complaints.length).toBeGreaterThan(0);
    expect(major.complaints.every((c) => c.severity === 'major' && c.received_at.startsWith('2026-11'))).toBe(true);
    const csv = kefu(EXAMPLE_DESK, 'complaint', 'list', '--format', 'csv', '--as-of', AS_OF, '--status', 'open').stdout.trim().split('\n');
    expect(csv[0]).toBe('id,received,severity,status,category,unit,assignee,next,due,overdue');
    expect(csv.slice(1).every((l) => l.split(',')[3] === 'open')).toBe(true);
  });

  it('an ambiguous prefix lists the candidates; an unknown one says so', () => {
    expect(kefu(EXAMPLE_DESK, 'complaint', 'show', 'TS-202611').stderr).toMatch(/TS-202611 could be any of: TS-20261102-F2AR, /);
    expect(kefu(EXAMPLE_DESK, 'complaint', 'show', 'TS-1999').stderr).toContain('TS-1999');
  });
});

describe('kefu explain', () => {
  const golden = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'explain', name), 'utf8');
  const desk = copyDesk(EXAMPLE_DESK);

  it.each([
    ['TS-20261121-92XW', 'a major complaint: escalated on time, reply overdue, resolve open'],
    ['WO-20261101-11ER', 'a leak repair: response, leak test, callback from the test'],
  ])('%s (%s): json and text equal their golden files', (id) => {
    const json = kefu(desk, 'explain', id, '--as-of', AS_OF, '--format', 'json');
    expect(json.status).toBe(0);
    const text = kefu(desk, 'explain', id, '--as-of', AS_OF, '--no-color');
    if (process.env.UPDATE_GOLDEN) {
      mkdirSync(join(import.meta.dirname, '..', 'fixtures', 'explain'), { recursive: true });
      writeFileSync(join(import.meta.dirname, '..', 'fixtures', 'explain', `${id}.json`), json.stdout);
      writeFileSync(join(import.meta.dirname, '..', 'fixtures', 'explain', `${id}.txt`), text.stdout);
    }
    expect(json.stdout).toBe(golden(`${id}.json`));
    expect(text.stdout).toBe(golden(`${id}.txt`));
  });

  it('every overdue item of the cron report is overdue in explain, with the same due and overdue days', () => {
    const report = JSON.parse(kefu(desk, 'report', 'overdue', '--format', 'json', '--as-of', AS_OF).stdout) as {
      callbacks: { overdue: { subject: string; due: string; overdue_days: number; checkpoint?: string }[] };
      complaints: { overdue: { id: string; stage: string; due: string; overdue_days: number }[] };
    };
    const explained = (id: string) => JSON.parse(kefu(desk, 'explain', id, '--as-of', AS_OF, '--format', 'json').stdout) as { deadlines: { name: string; checkpoint?: string; due: string; verdict: string; overdue_days?: number }[] };
    for (const c of report.complaints.overdue) {
      expect(explained(c.id).deadlines.find((d) => d.name === c.stage)).toMatchObject({ due: c.due, verdict: 'overdue', overdue_days: c.overdue_days });
    }
    for (const c of report.callbacks.overdue) {
      expect(explained(c.subject).deadlines.find((d) => d.name === 'callback' && d.checkpoint === c.checkpoint)).toMatchObject({ due: c.due, verdict: 'overdue', overdue_days: c.overdue_days });
    }
  });

  it('under calendar: workdays, 3 days from 09-30 skip the National Day week and end on the make-up Saturday 10-10', () => {
    const fresh = newDesk(STAFF);
    appendFileSync(join(fresh, 'kefu.yaml'), 'calendar: workdays\n');
    git(fresh, ['commit', '-qam', 'count workdays']);
    const id = create(fresh, 'important', '2026-09-30T10:00:00+08:00', '--escalate-to', 'S02');
    const x = JSON.parse(kefu(fresh, 'explain', id, '--format', 'json', '--as-of', '2026-10-10T23:59:59+08:00').stdout) as { deadlines: { name: string; due: string; counted: string[]; skipped: { date: string; reason: string; name?: string }[]; verdict: string }[] };
    const resolve = x.deadlines.find((d) => d.name === 'resolve')!;
    expect(resolve).toMatchObject({ due: '2026-10-10T23:59:59+08:00', counted: ['2026-10-08', '2026-10-09', '2026-10-10'], verdict: 'open' });
    expect(resolve.skipped.map((d) => `${d.date} ${d.reason} ${d.name ?? ''}`.trim())).toEqual(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'].map((d) => `${d} holiday 国庆节`));
    expect(JSON.parse(kefu(fresh, 'explain', id, '--format', 'json', '--as-of', '2026-10-11T00:00:00+08:00').stdout).deadlines[1].verdict).toBe('overdue');
    const text = kefu(fresh, 'explain', id, '--as-of', '2026-10-09T12:00:00+08:00').stdout;
    expect(text).toContain('workdays counted: 10-08, 10-09, 10-10');
    expect(text).toContain('skipped: 10-01 国庆节, 10-02 国庆节');
  });

  it('an ambiguous prefix lists candidates; an unknown id names what explain knows', () => {
    const r = kefu(desk, 'explain', 'HF-2026', '--as-of', AS_OF);
    expect([r.status, r.stderr]).toEqual([2, expect.stringContaining('HF-2026 could be any of: HF-')]);
    const unknown = kefu(desk, 'explain', 'XX-1');
    expect(unknown.stderr).toContain('explain knows complaints (TS-…), work orders (WO-…) and callbacks (HF-…)');
  });
});
