// kefu callback record|review|plan|due (SPEC §3.7, §5.3) through the real built CLI:
// on a copy of the example desk for the obligations, and on a fresh git desk for
// file creation, commits and the supervisor checks.
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AS_OF, copyDesk, EXAMPLE_DESK, git, newDesk, runKefu as runKefuAsync, runKefuSync as runKefu, tempDir } from '../helpers/cli.js';
import { hasTmux, Terminal } from '../helpers/terminal.js';

interface DueJson {
  as_of: string;
  callbacks: {
    subject: string;
    kind: string;
    category?: string;
    checkpoint?: string;
    from: string;
    due: string;
    overdue: boolean;
    overdue_days: number | null;
    unit?: string;
    name?: string;
    phone?: string;
    assignee?: string;
    attempts: number;
    last_attempt?: { id: string; at: string; outcome: string };
  }[];
}

const NOV = join('callbacks', '2026', '2026-11.yaml');

describe('kefu callback on the example desk', () => {
  let desk: string;
  const kefu = (...args: string[]) => runKefu([...args, '-C', desk, '--lang', 'en', '--as-of', AS_OF]);
  const kefuAsync = (...args: string[]) => runKefuAsync([...args, '-C', desk, '--lang', 'en', '--as-of', AS_OF]);
  const due = (...args: string[]) => JSON.parse(kefu('callback', 'due', '--format', 'json', ...args).stdout) as DueJson;
  /** callback due and report overdue, read at once */
  const dueAndOverdue = async () => {
    const [d, r] = await Promise.all([kefuAsync('callback', 'due', '--format', 'json'), kefuAsync('report', 'overdue', '--format', 'json')]);
    return { due: JSON.parse(d.stdout) as DueJson, overdue: (JSON.parse(r.stdout) as { callbacks: { overdue: { subject: string }[] } }).callbacks.overdue.map((o) => o.subject) };
  };
  beforeAll(() => {
    desk = copyDesk(EXAMPLE_DESK);
  });

  it('due lists the open obligations, sorted by due then subject, overdue ones with their days, residents masked', async () => {
    const [json, report, mine, complaints, badKind, table, revealed] = await Promise.all([
      kefuAsync('callback', 'due', '--format', 'json'),
      kefuAsync('report', 'overdue', '--format', 'json'),
      kefuAsync('callback', 'due', '--format', 'json', '--assignee', 'S03'),
      kefuAsync('callback', 'due', '--format', 'json', '--kind', 'complaint'),
      kefuAsync('callback', 'due', '--kind', 'gossip'),
      kefuAsync('callback', 'due'),
      kefuAsync('callback', 'due', '--reveal', '--format', 'csv'),
    ]);
    const d = JSON.parse(json.stdout) as DueJson;
    expect(d.as_of).toBe(AS_OF);
    const overdue = d.callbacks.filter((c) => c.overdue);
    expect(overdue.map((c) => c.subject)).toEqual((JSON.parse(report.stdout) as { callbacks: { overdue: { subject: string }[] } }).callbacks.overdue.map((o) => o.subject));
    expect(overdue).toHaveLength(6);
    expect(d.callbacks[0]).toEqual({
      subject: 'TS-20261117-KFNA', kind: 'complaint', from: '2026-11-18T14:45:00+08:00', due: '2026-11-21T23:59:59+08:00',
      overdue: true, overdue_days: 4, unit: '9-0303', name: '邓*', phone: '158****2344', attempts: 0,
    });
    expect(d.callbacks.find((c) => !c.overdue)).toMatchObject({ overdue_days: null });
    const dues = d.callbacks.map((c) => `${c.due} ${c.subject}`);
    expect(dues).toEqual([...dues].sort());
    // filters
    expect((JSON.parse(mine.stdout) as DueJson).callbacks.map((c) => c.subject)).toEqual(['WO-20261114-F8Q2']);
    const onlyComplaints = (JSON.parse(complaints.stdout) as DueJson).callbacks;
    expect(onlyComplaints.length).toBeGreaterThan(0);
    expect(onlyComplaints.every((c) => c.kind === 'complaint')).toBe(true);
    expect(badKind).toMatchObject({ status: 2, stderr: expect.stringContaining('--kind gossip') });
    // the table masks too; --reveal shows the numbers
    expect(table.stdout).toContain('158****2344');
    expect(table.stdout).toMatch(/TS-20261117-KFNA.*4 d/);
    expect(revealed.stdout.split('\n')[0]).toBe('subject,kind,category,checkpoint,from,due,overdue,overdue_days,unit,name,phone,assignee,attempts,last_outcome');
    expect(revealed.stdout).toMatch(/\nTS-20261117-KFNA,complaint,,,2026-11-18T14:45:00\+08:00,2026-11-21T23:59:59\+08:00,true,4,9-0303,邓\p{Script=Han}+,158\d{8},,0,\n/u);
  });

  it('a no_answer attempt does not fulfil: still due, attempts = 1', async () => {
    const r = kefu('callback', 'record', 'TS-20261117', '--at', '2026-11-25T08:30:00+08:00', '--by', 'S03', '--outcome', 'no_answer');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^HF-20261125-[0-9A-Z]{4}\n$/);
    expect(r.stderr).toContain('still due');
    const now = await dueAndOverdue();
    const row = now.due.callbacks.find((c) => c.subject === 'TS-20261117-KFNA')!;
    expect(row).toMatchObject({ overdue: true, attempts: 1, last_attempt: { id: r.stdout.trim(), at: '2026-11-25T08:30:00+08:00', outcome: 'no_answer' } });
    expect(now.overdue).toContain('TS-20261117-KFNA');
  });

  it('a completed callback fulfils it: due and report overdue no longer list it', async () => {
    const before = readFileSync(join(desk, NOV), 'utf8');
    const r = kefu('callback', 'record', 'TS-20261117-KFNA', '--at', '2026-11-25T08:40:00+08:00', '--by', 'S03', '--method', 'phone', '--outcome', 'completed',
      '--satisfaction', 'satisfied', '--quality', '4', '--effect', '5', '--suggestions', '希望加快处理', '--resident-confirmed');
    expect(r.status).toBe(0);
    const id = r.stdout.trim();
    const after = readFileSync(join(desk, NOV), 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length)).toBe(
      `  - type: callback\n    id: ${id}\n    subject: TS-20261117-KFNA\n    at: "2026-11-25T08:40:00+08:00"\n    by: S03\n    method: phone\n    outcome: completed\n` +
      '    satisfaction: satisfied\n    quality: 4\n    effect: 5\n    suggestions: 希望加快处理\n    resident_confirmed: true\n',
    );
    const now = await dueAndOverdue();
    expect(now.due.callbacks.map((c) => c.subject)).not.toContain('TS-20261117-KFNA');
    expect(now.overdue).not.toContain('TS-20261117-KFNA');
    expect(now.overdue).toHaveLength(5);
  });

  it('a dissatisfied result without --escalated-to exits 2 when it cannot prompt, writing nothing; with an existing complaint it is written', async () => {
    const before = readFileSync(join(desk, NOV));
    const args = ['callback', 'record', 'WO-20261119-90KC', '--at', '2026-11-25T08:50:00+08:00', '--by', 'S03', '--outcome', 'completed', '--satisfaction', 'dissatisfied', '--shortcomings', '维修后仍滴水'];
    const [refused, dangling] = await Promise.all([kefuAsync(...args), kefuAsync(...args, '--escalated-to', 'TS-20991231-ZZZZ')]);
    expect(refused.status).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('--escalated-to');
    expect(dangling).toMatchObject({ status: 2, stderr: expect.stringContaining('No record has an id starting with TS-20991231-ZZZZ') });
    expect(readFileSync(join(desk, NOV))).toEqual(before);

    const ok = kefu(...args, '--escalated-to', 'TS-20261118-SEF');
    expect(ok.status).toBe(0);
    expect(readFileSync(join(desk, NOV), 'utf8')).toContain(`    id: ${ok.stdout.trim()}\n    subject: WO-20261119-90KC\n`);
    expect(readFileSync(join(desk, NOV), 'utf8')).toMatch(/shortcomings: 维修后仍滴水\n {4}escalated_to: TS-20261118-SEF8\n$/);
  });

  it('unknown subjects are refused; a subject that owes nothing gets a warning but is recorded', async () => {
    const [unknown, noSubject, checkpoint, quality] = await Promise.all([
      kefuAsync('callback', 'record', 'WO-20991231', '--by', 'S03', '--outcome', 'no_answer'),
      kefuAsync('callback', 'record', '--by', 'S03', '--outcome', 'no_answer'),
      kefuAsync('callback', 'record', 'TS-20261117-KFNA', '--checkpoint', 'end', '--by', 'S03', '--outcome', 'no_answer'),
      kefuAsync('callback', 'record', 'TS-20261117-KFNA', '--by', 'S03', '--outcome', 'completed', '--satisfaction', 'satisfied', '--quality', '7'),
    ]);
    expect(unknown).toMatchObject({ status: 2, stderr: expect.stringContaining('No record has an id starting with WO-20991231') });
    expect(noSubject).toMatchObject({ status: 2, stderr: expect.stringContaining('Missing SUBJECT') });
    expect(checkpoint).toMatchObject({ status: 2, stderr: expect.stringContaining('special services only') });
    expect(quality).toMatchObject({ status: 2, stderr: expect.stringContaining('--quality 7: 1–5') });
    const again = kefu('callback', 'record', 'TS-20261117-KFNA', '--at', '2026-11-25T08:55:00+08:00', '--by', 'S03', '--outcome', 'completed', '--satisfaction', 'satisfied');
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('Warning: TS-20261117-KFNA was already called back');
    expect(kefu('validate').status).toBe(0);
  });

  it('plan --suggest prints the month quota; with --assign it plans each suggested subject, which is then owed', async () => {
    const golden = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'reports', 'overdue.example-desk.json'), 'utf8')) as { quota: unknown };
    const [json, clerk] = await Promise.all([
      kefuAsync('callback', 'plan', '--suggest', '--format', 'json'),
      kefuAsync('callback', 'plan', '--suggest', '--assign', 'S04', '--by', 'S04'),
    ]);
    expect(JSON.parse(json.stdout)).toEqual(golden.quota);
    expect(clerk).toMatchObject({ status: 2, stderr: expect.stringContaining('not a supervisor or manager') });
    const r = kefu('callback', 'plan', '--suggest', '--assign', 'S04', '--by', 'S02', '--at', '2026-11-25T08:59:00+08:00');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('WO-20261026-YSMZ');
    expect(r.stderr).toContain('Planned the callback of WO-20261026-YSMZ for S04');
    expect(readFileSync(join(desk, NOV), 'utf8')).toMatch(/ {2}- type: plan\n {4}subject: WO-20261026-YSMZ\n {4}assignee: S04\n {4}at: "2026-11-25T08:59:00\+08:00"\n {4}by: S02\n$/);
    expect(due('--assignee', 'S04').callbacks.map((c) => c.subject)).toEqual(['WO-20261026-YSMZ']);
  });
});

// A fresh desk with a work order and a complaint written by hand, committed.
const WORK_ORDER = `id: WO-20261120-AB12
kind: repair
received_at: "2026-11-20T09:00:00+08:00"
received_by: S02
requester:
  name: 李先生
  unit: 3-1201
  phone: "13900001234"
item: 楼道灯不亮
events:
  - type: responded
    at: "2026-11-20T09:05:00+08:00"
    by: S02
  - type: completed
    at: "2026-11-20T15:00:00+08:00"
    by: S02
`;
const COMPLAINT = `id: TS-20261118-CD34
received_at: "2026-11-18T10:00:00+08:00"
received_by: S02
channel: phone
complainant:
  name: 王女士
  unit: 5-0302
  phone: "13800005678"
category: noise
summary: 夜间装修噪音
severity: minor
events:
  - type: resolved
    at: "2026-11-19T10:00:00+08:00"
    by: S02
`;

function seededDesk(): string {
  // a manager, S05 周建国, for the complaint a dissatisfied callback escalates
  const dir = newDesk([['S01', '王芳', 'supervisor'], ['S02', '李娜', 'clerk'], ['S03', '张伟', 'clerk'], ['S05', '周建国', 'manager']]);
  mkdirSync(join(dir, 'workorders', '2026', '11'), { recursive: true });
  mkdirSync(join(dir, 'complaints', '2026', '11'), { recursive: true });
  writeFileSync(join(dir, 'workorders', '2026', '11', 'WO-20261120-AB12.yaml'), WORK_ORDER);
  writeFileSync(join(dir, 'complaints', '2026', '11', 'TS-20261118-CD34.yaml'), COMPLAINT);
  git(dir, ['add', '--all']);
  git(dir, ['commit', '--quiet', '--message', 'records by hand']);
  return dir;
}

describe('kefu callback on a fresh git desk', () => {
  let desk: string;
  const asOf = '2026-12-02T09:00:00+08:00';
  const kefu = (...args: string[]) => runKefu([...args, '-C', desk, '--lang', 'en', '--as-of', asOf]);
  const lastCommit = () => git(desk, ['log', '-1', '--format=%an|%s']).trim();
  beforeAll(() => {
    desk = seededDesk();
  });

  it('due on a desk with nothing owed prints a line on stderr and nothing on stdout', () => {
    const empty = join(tempDir(), 'desk');
    expect(runKefu(['init', empty, '--property', '翠湖花园']).status).toBe(0);
    expect(runKefu(['callback', 'due', '-C', empty, '--lang', 'en'])).toMatchObject({ status: 0, stdout: '', stderr: 'No callbacks due.\n' });
    expect(JSON.parse(runKefu(['callback', 'due', '-C', empty, '--format', 'json', '--as-of', AS_OF]).stdout)).toEqual({ as_of: AS_OF, callbacks: [] });
  });

  it('plan creates the month file exclusively, with the $schema modeline, committed as the supervisor; a clerk may not plan', () => {
    expect(kefu('callback', 'plan', 'WO-20261120', '--assignee', 'S03', '--by', 'S02', '--at', '2026-11-21T09:00:00+08:00')).toMatchObject({ status: 2, stderr: expect.stringContaining('--by S02: not a supervisor or manager') });
    expect(kefu('callback', 'plan', 'WO-20261120', '--assignee', 'S42', '--by', 'S01')).toMatchObject({ status: 2, stderr: expect.stringContaining('--assignee S42') });
    expect(existsSync(join(desk, NOV))).toBe(false);
    const r = kefu('callback', 'plan', 'WO-20261120', '--assignee', 'S03', '--by', 'S01', '--at', '2026-11-21T09:00:00+08:00');
    expect(r.status).toBe(0);
    expect(readFileSync(join(desk, NOV), 'utf8')).toBe(
      '# yaml-language-server: $schema=../../schemas/callback-month.schema.json\nmonth: 2026-11\ncallbacks:\n' +
      '  - type: plan\n    subject: WO-20261120-AB12\n    assignee: S03\n    at: "2026-11-21T09:00:00+08:00"\n    by: S01\n',
    );
    expect(lastCommit()).toBe('王芳|callback: plan WO-20261120-AB12 → S03');
    const d = JSON.parse(kefu('callback', 'due', '--format', 'json', '--assignee', 'S03').stdout) as DueJson;
    expect(d.callbacks).toEqual([expect.objectContaining({ subject: 'WO-20261120-AB12', assignee: 'S03', overdue: true, overdue_days: 10, due: '2026-11-22T23:59:59+08:00', name: '李*', phone: '139****1234' })]);
  });

  it('record commits as the staff member, with no personal data in the message', () => {
    const r = kefu('callback', 'record', 'WO-20261120-AB12', '--at', '2026-11-22T10:00:00+08:00', '--by', 'S03', '--outcome', 'no_answer');
    expect(r.status).toBe(0);
    expect(lastCommit()).toBe(`张伟|callback: ${r.stdout.trim()} WO-20261120-AB12 no_answer`);
    const ok = kefu('callback', 'record', 'WO-20261120-AB12', '--at', '2026-11-22T16:00:00+08:00', '--by', 'S03', '--method', 'visit', '--outcome', 'completed', '--satisfaction', 'very_satisfied');
    expect(ok.status).toBe(0);
    expect(lastCommit()).toBe(`张伟|callback: ${ok.stdout.trim()} WO-20261120-AB12 completed very_satisfied`);
    expect(git(desk, ['status', '--porcelain'])).toBe('');
    expect(git(desk, ['log', '--format=%B'])).not.toMatch(/1390000|1380000|李先生|王女士/);
    const left = (JSON.parse(kefu('callback', 'due', '--format', 'json').stdout) as DueJson).callbacks.map((c) => c.subject);
    expect(left).toEqual(['TS-20261118-CD34']);
  });

  it('review: refused for a clerk, written by a supervisor into the month of the review', () => {
    const id = kefu('callback', 'record', 'TS-20261118', '--at', '2026-11-20T10:00:00+08:00', '--by', 'S02', '--outcome', 'completed', '--satisfaction', 'dissatisfied', '--escalated-to', 'TS-20261118-CD34').stdout.trim();
    expect(id).toMatch(/^HF-20261120-/);
    const nov = readFileSync(join(desk, NOV));
    const clerk = kefu('callback', 'review', id.slice(0, 14), '--by', 'S02', '--at', '2026-12-01T09:00:00+08:00');
    expect(clerk.status).toBe(2);
    expect(clerk.stderr).toContain('--by S02: not a supervisor or manager');
    expect(kefu('callback', 'review', id, '--by', 'S01', '--at', '2026-11-19T09:00:00+08:00')).toMatchObject({ status: 2, stderr: expect.stringContaining('before the callback') });
    const r = kefu('callback', 'review', id, '--by', 'S01', '--comment', '已转投诉处理', '--at', '2026-12-01T09:00:00+08:00');
    expect(r.status).toBe(0);
    expect(readFileSync(join(desk, NOV))).toEqual(nov);
    expect(readFileSync(join(desk, 'callbacks', '2026', '2026-12.yaml'), 'utf8')).toBe(
      `# yaml-language-server: $schema=../../schemas/callback-month.schema.json\nmonth: 2026-12\ncallbacks:\n  - type: review\n    callback: ${id}\n    at: "2026-12-01T09:00:00+08:00"\n    by: S01\n    comment: 已转投诉处理\n`,
    );
    expect(lastCommit()).toBe(`王芳|callback: review ${id} by S01`);
    expect(kefu('validate')).toMatchObject({ status: 0 });
    expect(kefu('callback', 'review', 'HF-2099', '--by', 'S01')).toMatchObject({ status: 2, stderr: expect.stringContaining('HF-2099') });
  });

  it('--help lists the callback commands in both languages', () => {
    expect(runKefu(['callback', '--help', '--lang', 'en']).stdout).toMatch(/record \[options\] \[subject\][\s\S]*review[\s\S]*plan[\s\S]*due/);
    expect(runKefu(['callback', '--help', '--lang', 'zh-CN']).stdout).toContain('登记对投诉或工作单住户的回访');
  });
});

describe.skipIf(!hasTmux)('callback record offers to open a complaint on a terminal', () => {
  const term = new Terminal('callback');
  let desk: string;
  const start = (args: string) => term.start(`${args} -C ${desk}`, { cols: 140, rows: 30 });
  beforeEach(() => {
    desk = seededDesk();
  });
  afterEach(() => {
    term.kill();
  });

  it('no subject: picked from what is owed; "no" to the complaint writes nothing and exits 2', async () => {
    start('callback record --as-of 2026-11-22T12:00:00+08:00 --at 2026-11-22T10:00:00+08:00 --by S03 --method phone --outcome completed --satisfaction dissatisfied --quality 2 --effect 2 --shortcomings x --suggestions y');
    const screen = await term.waitFor('Which callback');
    expect(screen).toMatch(/TS-20261118-CD34 +complaint +5-0302 +≤ 2026-11-22/);
    expect(screen).toMatch(/WO-20261120-AB12 +repair +3-1201 +≤ 2026-11-22/);
    term.keys('Down', 'Enter'); // the work order
    await term.waitFor('open a complaint now');
    term.keys('Down', 'Enter'); // no
    await term.waitFor('nothing was written');
    expect(await term.exitStatus()).toBe(2);
    expect(existsSync(join(desk, NOV))).toBe(false);
    expect(git(desk, ['status', '--porcelain'])).toBe('');
  });

  it('yes, then the defaults: the complaint is opened first, escalated to the manager, and the callback names it', async () => {
    start('callback record WO-20261120-AB12 --as-of 2026-11-22T12:00:00+08:00 --at 2026-11-22T10:00:00+08:00 --by S03 --method visit --outcome completed --satisfaction very_dissatisfied --quality 2 --effect 2 --shortcomings 灯又坏了 --suggestions 换个师傅');
    await term.waitFor('open a complaint now');
    term.keys('Enter'); // yes
    await term.waitFor('Severity');
    term.keys('Enter'); // important, the default
    await term.waitFor('Category');
    expect(term.screen()).toContain('callback'); // the work order has no category
    term.keys('Enter');
    await term.waitFor(/Recorded callback HF-20261122-/);
    expect(await term.exitStatus()).toBe(0);
    const files = readdirSync(join(desk, 'complaints', '2026', '11')).filter((f) => f !== 'TS-20261118-CD34.yaml');
    expect(files).toHaveLength(1);
    const complaintId = files[0]!.replace('.yaml', '');
    expect(complaintId).toMatch(/^TS-20261122-/);
    expect(readFileSync(join(desk, 'complaints', '2026', '11', files[0]!), 'utf8')).toBe(
      `# yaml-language-server: $schema=../../../schemas/complaint.schema.json\nid: ${complaintId}\nreceived_at: "2026-11-22T10:00:00+08:00"\nreceived_by: S03\nchannel: visit\n` +
      'complainant:\n  name: 李先生\n  unit: 3-1201\n  phone: "13900001234"\ncategory: callback\nsummary: 灯又坏了\nseverity: important\n' +
      'events:\n  - type: escalated\n    at: "2026-11-22T10:00:00+08:00"\n    by: S03\n    to: S05\n    role: manager\n',
    );
    expect(readFileSync(join(desk, NOV), 'utf8')).toMatch(new RegExp(`satisfaction: very_dissatisfied\\n[\\s\\S]*escalated_to: ${complaintId}\\n$`));
    expect(git(desk, ['log', '--format=%an|%s', '-2']).trim().split('\n')).toEqual([
      expect.stringMatching(/^张伟\|callback: HF-20261122-\w+ WO-20261120-AB12 completed very_dissatisfied$/),
      expect.stringMatching(new RegExp(`^张伟\\|complaint: ${complaintId} from callback HF-20261122-\\w+ \\(WO-20261120-AB12\\)$`)),
    ]);
    expect(runKefu(['validate', '-C', desk, '--as-of', '2026-11-22T12:00:00+08:00']).status).toBe(0);
  });
});
