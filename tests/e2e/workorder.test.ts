// kefu workorder (wo): repair and service orders through the real built CLI, on a
// fresh desk from `kefu init` and on the example desk (SPEC §3.6, §4, §5.3).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_DESK, git, newDesk, runKefu as runKefuAsync, runKefuSync as runKefu } from '../helpers/cli.js';
import { hasTmux, Terminal } from '../helpers/terminal.js';

const wo = (desk: string, sub: string, ...args: string[]) => runKefu(['wo', sub, '-C', desk, '--lang', 'en', ...args]);
const fileOf = (desk: string, id: string) => join(desk, 'workorders', id.slice(3, 7), id.slice(7, 9), `${id}.yaml`);
const allFiles = (desk: string): string[] => {
  const root = join(desk, 'workorders');
  return existsSync(root) ? readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml')).sort() : [];
};

/** A leak repair registered 2026-11-25 09:12 by the clerk S02, with the resident's personal data. */
function newLeak(desk: string, extra: string[] = []): string {
  const r = wo(desk, 'new', '--kind', 'repair', '--category', 'leak', '--item', '厨房水龙头漏水', '--unit', '3-1201', '--name', '李先生', '--phone', '13900001234',
    '--location', '3-1201 厨房', '--at', '2026-11-25T09:12:00+08:00', '--by', 'S02', ...extra);
  expect(r.stderr).toContain('Registered work order');
  expect(r.status).toBe(0);
  return r.stdout.trim();
}

describe('kefu wo new and the lifecycle of a leak repair', () => {
  let desk: string;
  let id: string;
  beforeAll(() => {
    desk = newDesk();
    id = newLeak(desk);
  });

  it('creates workorders/YYYY/MM/WO-….yaml with the schema hint, committed by the clerk without personal data', () => {
    expect(id).toMatch(/^WO-20261125-[0-9A-Z]{4}$/);
    const text = readFileSync(fileOf(desk, id), 'utf8');
    expect(text).toBe(`# yaml-language-server: $schema=../../../schemas/work-order.schema.json
id: ${id}
kind: repair
received_at: "2026-11-25T09:12:00+08:00"
received_by: S02
requester:
  name: 李先生
  unit: 3-1201
  phone: "13900001234"
category: leak
item: 厨房水龙头漏水
location: 3-1201 厨房
events:
  - type: note
    at: "2026-11-25T09:12:00+08:00"
    by: S02
    text: Registered at the desk
`);
    expect(git(desk, ['log', '-1', '--format=%an|%s']).trim()).toBe(`李娜|workorder: ${id} new repair/leak`);
    expect(git(desk, ['status', '--porcelain'])).toBe('');
  });

  it('appends each event without touching a byte before it, committed as whoever did it', () => {
    const steps: [string[], string, string][] = [
      [['respond', id.slice(0, 14), '--at', '2026-11-25T09:15:00+08:00', '--by', 'S02'], '李娜', 'responded'],
      [['assign', id, '--assignee', 'S09', '--at', '2026-11-25T09:16:00+08:00', '--by', 'S02'], '李娜', 'assigned → S09'],
      // --by defaults to the assignee for the work itself
      [['complete', id, '--note', '已更换阀芯', '--at', '2026-11-25T15:00:00+08:00'], '赵强', 'completed'],
      [['leak-test', id, '--passed', '--at', '2026-11-25T18:00:00+08:00'], '赵强', 'leak_tested passed'],
    ];
    for (const [args, author, what] of steps) {
      const before = readFileSync(fileOf(desk, id), 'utf8');
      const r = wo(desk, args[0]!, ...args.slice(1));
      expect(r.stderr).not.toContain('kefu:');
      expect(r.status).toBe(0);
      const after = readFileSync(fileOf(desk, id), 'utf8');
      expect(after.length).toBeGreaterThan(before.length);
      expect(after.startsWith(before)).toBe(true);
      expect(git(desk, ['log', '-1', '--format=%an|%s']).trim()).toBe(`${author}|workorder: ${id} ${what}`);
    }
    expect(readFileSync(fileOf(desk, id), 'utf8')).toMatch(/ {2}- type: leak_tested\n {4}at: "2026-11-25T18:00:00\+08:00"\n {4}by: S09\n {4}passed: true\n$/);
    expect(git(desk, ['log', '--format=%B'])).not.toMatch(/13900001234|李先生/);
    expect(git(desk, ['status', '--porcelain'])).toBe('');
    expect(runKefu(['validate', '-C', desk, '--lang', 'en', '--as-of', '2026-11-26T09:00:00+08:00']).status).toBe(0);
  });

  it('show --format json: state, response KPI, and the callback due 3 days after the leak test at 23:59:59 local', () => {
    const r = wo(desk, 'show', id.slice(0, 14), '--format', 'json', '--as-of', '2026-11-26T09:00:00+08:00');
    expect(r.status).toBe(0);
    const view = JSON.parse(r.stdout);
    expect(view).toMatchObject({
      id, kind: 'repair', category: 'leak', status: 'leak-tested', assignee: 'S09',
      requester: { name: '李*', unit: '3-1201', phone: '139****1234' },
      response: { within_minutes: 10, responded_at: '2026-11-25T09:15:00+08:00', status: 'met' },
      completed_at: '2026-11-25T15:00:00+08:00',
      leak_test: { at: '2026-11-25T18:00:00+08:00', passed: true },
    });
    expect(view.callbacks).toEqual([expect.objectContaining({ from: '2026-11-25T18:00:00+08:00', due: '2026-11-28T23:59:59+08:00', owed: true, status: 'open', overdue: false, callback: null })]);
    expect(view.events.map((e: { type: string }) => e.type)).toEqual(['note', 'responded', 'assigned', 'completed', 'leak_tested']);
    expect(r.stdout).not.toContain('13900001234');
    // after the due, the same window reads missed
    const late = JSON.parse(wo(desk, 'show', id, '--format', 'json', '--as-of', '2026-11-29T00:00:00+08:00').stdout);
    expect(late.callbacks[0]).toMatchObject({ status: 'missed', overdue: true });
    // as of before the leak test: completed, and no window yet (it counts from the test)
    const earlier = JSON.parse(wo(desk, 'show', id, '--format', 'json', '--as-of', '2026-11-25T16:00:00+08:00').stdout);
    expect(earlier).toMatchObject({ status: 'completed', leak_test: null, callbacks: [] });
    expect(earlier.events).toHaveLength(4);
  });

  it('show as a table and as markdown, masked unless --reveal', () => {
    const table = wo(desk, 'show', id, '--as-of', '2026-11-26T09:00:00+08:00');
    expect(table.status).toBe(0);
    expect(table.stdout).toContain('139****1234');
    expect(table.stdout).toContain('2026-11-28 23:59');
    expect(table.stdout).toMatch(/leak-tested/);
    const md = wo(desk, 'show', id, '--format', 'md', '--reveal', '--as-of', '2026-11-26T09:00:00+08:00');
    expect(md.stdout).toMatch(/^# Work order WO-/);
    expect(md.stdout).toContain('13900001234');
    expect(md.stdout).toContain('| time | event | by | detail |');
  });

  it('refuses a second leak test, a response after completion, and an event before the last one', () => {
    const before = readFileSync(fileOf(desk, id), 'utf8');
    expect(wo(desk, 'leak-test', id, '--passed', '--at', '2026-11-26T10:00:00+08:00')).toMatchObject({ status: 2, stderr: expect.stringContaining('already passed its leak test') });
    expect(wo(desk, 'respond', id, '--by', 'S02', '--at', '2026-11-26T10:00:00+08:00')).toMatchObject({ status: 2, stderr: expect.stringContaining('already responded to') });
    expect(wo(desk, 'reopen', id, '--reason', '又漏了', '--by', 'S02', '--at', '2026-11-25T17:00:00+08:00')).toMatchObject({ status: 2, stderr: expect.stringContaining('before the last event') });
    expect(readFileSync(fileOf(desk, id), 'utf8')).toBe(before);
  });

  it('reopen, then complete again: the callback counts from the new leak test only', () => {
    expect(wo(desk, 'reopen', id, '--reason', '又漏了', '--by', 'S02', '--at', '2026-11-27T09:00:00+08:00').status).toBe(0);
    let view = JSON.parse(wo(desk, 'show', id, '--format', 'json', '--as-of', '2026-11-27T10:00:00+08:00').stdout);
    expect(view).toMatchObject({ status: 'assigned', completed_at: null, callbacks: [] });
    expect(wo(desk, 'complete', id, '--at', '2026-11-27T11:00:00+08:00').status).toBe(0);
    const failed = wo(desk, 'leak-test', id, '--failed', '--note', '仍有渗水', '--at', '2026-11-27T12:00:00+08:00');
    expect(failed).toMatchObject({ status: 0, stderr: expect.stringContaining('failed') });
    view = JSON.parse(wo(desk, 'show', id, '--format', 'json', '--as-of', '2026-11-27T13:00:00+08:00').stdout);
    expect(view).toMatchObject({ status: 'completed', leak_test: { passed: false }, callbacks: [] });
    expect(wo(desk, 'leak-test', id, '--passed', '--at', '2026-11-27T16:00:00+08:00').status).toBe(0);
    view = JSON.parse(wo(desk, 'show', id, '--format', 'json', '--as-of', '2026-11-27T17:00:00+08:00').stdout);
    expect(view.callbacks).toEqual([expect.objectContaining({ from: '2026-11-27T16:00:00+08:00', due: '2026-11-30T23:59:59+08:00' })]);
  });
});

describe('kefu wo refuses nonsense and missing input, writing nothing', () => {
  let desk: string;
  let cancelled: string;
  let plain: string;
  beforeAll(() => {
    desk = newDesk();
    cancelled = newLeak(desk, ['--assignee', 'S09']);
    expect(wo(desk, 'cancel', cancelled, '--reason', '住户自行处理', '--by', 'S02', '--at', '2026-11-25T10:00:00+08:00').status).toBe(0);
    const r = wo(desk, 'new', '--kind', 'repair', '--category', 'other', '--item', '信报箱门损坏', '--at', '2026-11-25T11:00:00+08:00', '--by', 'S03');
    expect(r.status).toBe(0);
    plain = r.stdout.trim();
  });

  it('--assignee on new makes the first event the assignment', () => {
    expect(readFileSync(fileOf(desk, cancelled), 'utf8')).toContain('events:\n  - type: assigned\n    at: "2026-11-25T09:12:00+08:00"\n    by: S02\n    assignee: S09\n');
  });

  it('a cancelled order cannot be completed, reopened or cancelled again', () => {
    const before = readFileSync(fileOf(desk, cancelled), 'utf8');
    const head = git(desk, ['rev-parse', 'HEAD']);
    const complete = wo(desk, 'complete', cancelled, '--by', 'S09', '--at', '2026-11-25T12:00:00+08:00');
    expect(complete.status).toBe(2);
    expect(complete.stderr).toContain(`${cancelled} is cancelled; a cancelled work order cannot be completed.`);
    expect(wo(desk, 'reopen', cancelled, '--reason', 'x', '--by', 'S02', '--at', '2026-11-25T12:00:00+08:00')).toMatchObject({ status: 2, stderr: expect.stringContaining('only a completed work order can be reopened') });
    expect(wo(desk, 'cancel', cancelled, '--reason', 'x', '--by', 'S02', '--at', '2026-11-25T12:00:00+08:00')).toMatchObject({ status: 2, stderr: expect.stringContaining('already cancelled') });
    expect(readFileSync(fileOf(desk, cancelled), 'utf8')).toBe(before);
    expect(git(desk, ['rev-parse', 'HEAD'])).toBe(head);
  });

  it('in zh-CN', () => {
    const r = runKefu(['wo', 'complete', cancelled, '-C', desk, '--lang', 'zh-CN', '--by', 'S09', '--at', '2026-11-25T12:00:00+08:00']);
    expect(r).toMatchObject({ status: 2, stderr: expect.stringContaining(`${cancelled} 已取消，已取消的工作单不能完工。`) });
  });

  it('a leak test needs a completed leak repair; a completed order cannot be cancelled', () => {
    const before = readFileSync(fileOf(desk, plain), 'utf8');
    expect(wo(desk, 'leak-test', plain, '--passed', '--by', 'S09', '--at', '2026-11-25T12:00:00+08:00')).toMatchObject({ status: 2, stderr: expect.stringContaining('is not a leak repair') });
    expect(wo(desk, 'reopen', plain, '--reason', 'x', '--by', 'S02', '--at', '2026-11-25T12:00:00+08:00')).toMatchObject({ status: 2, stderr: expect.stringContaining('is open; only a completed') });
    expect(wo(desk, 'complete', plain, '--by', 'S09', '--at', '2026-11-25T12:00:00+08:00').status).toBe(0);
    const after = readFileSync(fileOf(desk, plain), 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(wo(desk, 'cancel', plain, '--reason', 'x', '--by', 'S02', '--at', '2026-11-25T13:00:00+08:00')).toMatchObject({ status: 2, stderr: expect.stringContaining('a completed work order cannot be cancelled') });
    expect(wo(desk, 'leak-test', plain, '--passed', '--failed')).toMatchObject({ status: 2, stderr: expect.stringContaining('not both') });
    expect(readFileSync(fileOf(desk, plain), 'utf8')).toBe(after);
  });

  it('an event before the order was received, or by an unknown staff id, is refused', () => {
    const before = readFileSync(fileOf(desk, plain), 'utf8');
    expect(wo(desk, 'assign', plain, '--assignee', 'S09', '--by', 'S02', '--at', '2026-11-25T10:59:00+08:00')).toMatchObject({ status: 2, stderr: expect.stringContaining('is before') });
    const other = wo(desk, 'new', '--kind', 'help', '--item', '钥匙锁在家里', '--by', 'S77', '--at', '2026-11-25T11:30:00+08:00');
    expect(other).toMatchObject({ status: 2, stderr: expect.stringContaining('--by S77') });
    expect(readFileSync(fileOf(desk, plain), 'utf8')).toBe(before);
  });

  it('without a terminal, missing flags exit 2 naming them, and nothing is written', () => {
    const files = allFiles(desk);
    const head = git(desk, ['rev-parse', 'HEAD']);
    expect(wo(desk, 'new', '--at', '2026-11-25T12:00:00+08:00')).toMatchObject({ status: 2, stderr: expect.stringContaining('Missing --kind --item --by;') });
    expect(wo(desk, 'new', '--kind', 'repair', '--item', 'x', '--by', 'S02')).toMatchObject({ status: 2, stderr: expect.stringContaining('Missing --category;') });
    expect(wo(desk, 'new', '--kind', 'special_service', '--item', '家政保洁包月', '--by', 'S02')).toMatchObject({ status: 2, stderr: expect.stringContaining('Missing --contract-start --contract-end;') });
    expect(wo(desk, 'cancel', '--by', 'S02')).toMatchObject({ status: 2, stderr: expect.stringContaining('Missing ID --reason;') });
    expect(wo(desk, 'leak-test', cancelled.slice(0, 14), '--by', 'S09')).toMatchObject({ status: 2 });
    expect(wo(desk, 'new', '--kind', 'gadget', '--item', 'x', '--by', 'S02')).toMatchObject({ status: 2, stderr: expect.stringContaining('--kind gadget') });
    expect(allFiles(desk)).toEqual(files);
    expect(git(desk, ['rev-parse', 'HEAD'])).toBe(head);
  });

  it('an unknown id and an ambiguous prefix are named', () => {
    expect(wo(desk, 'show', 'WO-2099')).toMatchObject({ status: 2, stderr: expect.stringContaining('No record has an id starting with WO-2099.') });
    const ambiguous = wo(desk, 'respond', 'WO-20261125', '--by', 'S02');
    expect(ambiguous.status).toBe(2);
    expect(ambiguous.stderr).toContain('WO-20261125 could be any of:');
    expect(ambiguous.stderr).toContain(cancelled);
    expect(ambiguous.stderr).toContain(plain);
  });

  it('--no-commit writes the file and leaves it uncommitted', () => {
    const r = wo(desk, 'new', '--kind', 'special_service', '--item', '家政保洁包月', '--contract-start', '2026-12-01', '--contract-end', '2026-12-31', '--paid', '--by', 'S02', '--at', '2026-11-25T14:00:00+08:00', '--no-commit');
    expect(r.status).toBe(0);
    const id = r.stdout.trim();
    expect(readFileSync(fileOf(desk, id), 'utf8')).toContain('paid: true\ncontract:\n  start: "2026-12-01"\n  end: "2026-12-31"\n');
    expect(git(desk, ['status', '--porcelain'])).toContain('workorders/');
  });
});

describe('kefu wo list', () => {
  let desk: string;
  const ids: Record<string, string> = {};
  beforeAll(() => {
    desk = newDesk();
    const add = (key: string, args: string[]) => {
      const r = wo(desk, 'new', ...args);
      expect(r.status).toBe(0);
      ids[key] = r.stdout.trim();
    };
    add('leak', ['--kind', 'repair', '--category', 'leak', '--item', '阳台漏水', '--unit', '3-1201', '--name', '李先生', '--phone', '13900001234', '--assignee', 'S09', '--by', 'S02', '--at', '2026-10-30T09:00:00+08:00']);
    add('safety', ['--kind', 'repair', '--category', 'safety', '--item', '阳台护栏松动', '--unit', '5-0302', '--name', '王女士', '--phone', '13800005678', '--by', 'S02', '--at', '2026-11-02T10:00:00+08:00']);
    add('help', ['--kind', 'help', '--item', '帮忙搬运', '--unit', '3-1201', '--by', 'S03', '--at', '2026-11-20T16:00:00+08:00']);
    add('later', ['--kind', 'activity', '--item', '冬季讲座', '--by', 'S03', '--at', '2026-12-02T10:00:00+08:00']);
    expect(wo(desk, 'assign', ids.safety!, '--assignee', 'S09', '--by', 'S02', '--at', '2026-11-02T10:05:00+08:00').status).toBe(0);
    expect(wo(desk, 'complete', ids.safety!, '--at', '2026-11-03T15:00:00+08:00').status).toBe(0);
  });
  const list = (...args: string[]) => runKefuAsync(['wo', 'list', '-C', desk, '--lang', 'en', '--as-of', '2026-11-25T09:00:00+08:00', ...args]);
  const idsOf = (stdout: string) => (JSON.parse(stdout) as { id: string }[]).map((v) => v.id);

  it('sorted by received_at, records after --as-of left out, personal data masked', async () => {
    const r = await list('--format', 'json');
    expect(r.status).toBe(0);
    expect(idsOf(r.stdout)).toEqual([ids.leak, ids.safety, ids.help]);
    expect(r.stdout).not.toMatch(/13900001234|13800005678|李先生|王女士/);
    expect(r.stdout).toContain('139****1234');
    const table = await list();
    expect(table.stdout).toContain('李* 139****1234');
    expect(table.stdout).not.toContain('13900001234');
    expect(table.stderr).toContain('3 work order(s).');
  });

  it('filters: status, kind, category, unit, assignee, overdue, from/to, month', async () => {
    const [status, kind, category, unit, assignee, overdue, range, month, none] = await Promise.all([
      list('--status', 'completed', '--format', 'json'),
      list('--kind', 'repair', '--format', 'json'),
      list('--category', 'leak,safety', '--format', 'json'),
      list('--unit', '3-1201', '--format', 'json'),
      list('--assignee', 'S09', '--format', 'json'),
      list('--overdue', '--format', 'json'),
      list('--from', '2026-11-01', '--to', '2026-11-19', '--format', 'json'),
      list('--month', '2026-10', '--format', 'json'),
      list('--status', 'cancelled'),
    ]);
    expect(idsOf(status.stdout)).toEqual([ids.safety]);
    expect(idsOf(kind.stdout)).toEqual([ids.leak, ids.safety]);
    expect(idsOf(category.stdout)).toEqual([ids.leak, ids.safety]);
    expect(idsOf(unit.stdout)).toEqual([ids.leak, ids.help]);
    expect(idsOf(assignee.stdout)).toEqual([ids.leak, ids.safety]);
    // the safety repair completed 11-03 owed its callback within 2 days
    expect(idsOf(overdue.stdout)).toEqual([ids.safety]);
    expect(JSON.parse(overdue.stdout)[0].callbacks[0]).toMatchObject({ due: '2026-11-05T23:59:59+08:00', status: 'missed', overdue: true });
    expect(idsOf(range.stdout)).toEqual([ids.safety]);
    expect(idsOf(month.stdout)).toEqual([ids.leak]);
    expect(none).toMatchObject({ status: 0, stdout: '', stderr: 'No work orders match.\n' });
  });

  it('csv, revealed only with --reveal; bad filters exit 2', async () => {
    const [masked, revealed, badStatus, both, badFormat] = await Promise.all([
      list('--format', 'csv'),
      runKefuAsync(['wo', 'list', '-C', desk, '--reveal', '--format', 'csv', '--as-of', '2026-11-25T09:00:00+08:00']),
      list('--status', 'done'),
      list('--month', '2026-11', '--from', '2026-11-01'),
      list('--format', 'md'),
    ]);
    expect(masked.stdout.split('\n')[0]).toBe('id,received_at,kind,category,unit,name,phone,item,location,status,assignee,responded_at,response,completed_at,callback_due,callback');
    expect(masked.stdout.trim().split('\n')).toHaveLength(4);
    expect(masked.stdout).not.toContain('13900001234');
    expect(revealed.stdout).toContain(`${ids.leak},2026-10-30T09:00:00+08:00,repair,leak,3-1201,李先生,13900001234,`);
    expect(badStatus).toMatchObject({ status: 2, stderr: expect.stringContaining('--status done') });
    expect(both).toMatchObject({ status: 2, stderr: expect.stringContaining('not both') });
    expect(badFormat).toMatchObject({ status: 2, stderr: expect.stringContaining('--format md') });
  });

  it('on the example desk, --overdue lists the work orders the overdue report names', async () => {
    const asOf = '2026-11-25T09:00:00+08:00';
    const [listed, report] = await Promise.all([
      runKefuAsync(['wo', 'list', '-C', EXAMPLE_DESK, '--overdue', '--format', 'json', '--as-of', asOf]),
      runKefuAsync(['report', 'overdue', '-C', EXAMPLE_DESK, '--format', 'json', '--as-of', asOf]),
    ]);
    expect(listed.status).toBe(0);
    const fromReport = (JSON.parse(report.stdout) as { callbacks: { overdue: { subject: string }[] } }).callbacks.overdue.map((o) => o.subject).filter((s) => s.startsWith('WO-'));
    expect(idsOf(listed.stdout).sort()).toEqual([...new Set(fromReport)].sort());
    expect(fromReport.length).toBeGreaterThan(0);
  });
});

describe.skipIf(!hasTmux)('kefu wo new prompts on a terminal', () => {
  const term = new Terminal('wo');
  afterAll(() => {
    term.kill();
  });

  it('asks the kind first, then the repair category and the rest, and registers the order', async () => {
    const desk = newDesk();
    term.start(`wo new -C ${desk} --at 2026-11-25T09:12:00+08:00`);
    await term.waitFor('Kind');
    term.keys('Enter'); // repair, the default
    await term.waitFor('Repair category');
    term.keys('Enter'); // leak, the first
    await term.waitFor('What is to be done');
    term.typeLine('厨房水龙头漏水');
    await term.waitFor('Unit');
    term.typeLine('3-1201');
    await term.waitFor('Requester name');
    term.typeLine('李先生');
    await term.waitFor('Phone');
    term.keys('Enter');
    await term.waitFor('Recorded by');
    term.typeLine('S02');
    const screen = await term.waitFor(/Registered work order WO-20261125-/);
    const id = /WO-20261125-[0-9A-Z]{4}/.exec(screen)![0];
    expect(await term.exitStatus()).toBe(0);
    expect(readFileSync(fileOf(desk, id), 'utf8')).toContain('requester:\n  name: 李先生\n  unit: 3-1201\ncategory: leak\nitem: 厨房水龙头漏水\nevents:\n');
  });
});
