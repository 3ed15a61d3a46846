// kefu report overdue — the cron job's report (SPEC §6.1), through the built CLI.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AS_OF, copyDesk, EXAMPLE_DESK, git, ROOT, runKefuSync as runKefu, tempDir } from '../helpers/cli.js';

const report = (...args: string[]) => runKefu(['report', 'overdue', '-C', EXAMPLE_DESK, '--lang', 'en', ...args]);

describe('kefu report overdue', () => {
  it('json on the example desk equals its golden file (reviewed against what the generator planted)', () => {
    const r = report('--as-of', AS_OF, '--format', 'json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', 'reports', 'overdue.example-desk.json'), 'utf8')));
  });

  it('--fail-on-overdue exits 1 when something is overdue; text has a table per section', () => {
    const r = report('--as-of', AS_OF, '--fail-on-overdue');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('Callbacks overdue — S03');
    expect(r.stdout).toContain('Complaint deadlines missed');
  });

  it('a callback due at 23:59:59 is due soon at that second and overdue the next', () => {
    const before = JSON.parse(report('--as-of', '2026-11-24T23:59:59+08:00', '--format', 'json').stdout);
    expect(before.callbacks.overdue.map((o: { subject: string }) => o.subject)).not.toContain('TS-20261119-V08V');
    expect(before.callbacks.due_soon.map((o: { subject: string }) => o.subject)).toContain('TS-20261119-V08V');
    const after = JSON.parse(report('--as-of', '2026-11-25T00:00:00+08:00', '--format', 'json').stdout);
    expect(after.callbacks.overdue).toContainEqual(expect.objectContaining({ subject: 'TS-20261119-V08V', overdue_days: 1, due: '2026-11-24T23:59:59+08:00' }));
  });

  it('prints nothing at all when nothing is overdue or due soon, so cron mails only when there is work', () => {
    const desk = join(tempDir(), 'desk');
    expect(runKefu(['init', desk, '--property', '翠湖花园']).status).toBe(0);
    const r = runKefu(['report', 'overdue', '-C', desk, '--fail-on-overdue']);
    expect(r).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect(JSON.parse(runKefu(['report', 'overdue', '-C', desk, '--format', 'json', '--as-of', AS_OF]).stdout)).toEqual({
      as_of: AS_OF, callbacks: { overdue: [], due_soon: [] }, complaints: { overdue: [] }, quota: [],
    });
  });

  it('csv has one header and a row per item', () => {
    const lines = report('--as-of', AS_OF, '--format', 'csv').stdout.trim().split('\n');
    expect(lines[0]).toBe('section,id,kind,stage,due,overdue_days,unit,assignee,on_duty');
    expect(lines.filter((l) => l.startsWith('callback_overdue,'))).toHaveLength(6);
    expect(lines.filter((l) => l.startsWith('complaint_overdue,'))).toHaveLength(3);
  });
});

describe('kefu report overdue: the kept basis (issue 7: a warm run reads no record)', () => {
  const GOLDEN = JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', 'reports', 'overdue.example-desk.json'), 'utf8'));
  const settle = () => new Promise((resolve) => setTimeout(resolve, 2100)); // a file's stamp counts 2 s after its last write
  const run = (desk: string, ...args: string[]) => {
    const r = runKefu(['report', 'overdue', '-C', desk, '--format', 'json', '--debug', ...args]);
    expect(r.status).toBe(0);
    const said = [...r.stderr.matchAll(/report overdue: (.*)$/gm)].map((m) => m[1]);
    return { report: JSON.parse(r.stdout), said };
  };
  const memo = (desk: string) => join(desk, '.kefu', 'cache', 'overdue.memo');

  it('kept on the first run, used on the next; not with --no-cache; not for an instant it does not hold for; a damaged one is worked out again', async () => {
    const desk = copyDesk(EXAMPLE_DESK);
    git(desk, ['init', '-q']);
    await settle();
    expect(run(desk, '--as-of', AS_OF)).toEqual({ report: GOLDEN, said: ['basis kept'] });
    expect(existsSync(memo(desk))).toBe(true);
    expect(run(desk, '--as-of', AS_OF)).toEqual({ report: GOLDEN, said: ['from its kept basis'] });
    expect(run(desk, '--as-of', AS_OF, '--no-cache')).toEqual({ report: GOLDEN, said: [] });
    // before the desk's latest recorded instant the kept basis does not answer: the records
    // are read, and a basis kept that holds for that instant (until the next recorded one)
    const early = '2026-11-22T09:00:00+08:00';
    const fromRecords = run(desk, '--as-of', early, '--no-cache').report;
    expect(fromRecords).not.toEqual(GOLDEN);
    const notThen = 'its kept basis does not hold for this instant: the desk is read';
    expect(run(desk, '--as-of', early)).toEqual({ report: fromRecords, said: [notThen, 'basis kept'] });
    expect(run(desk, '--as-of', early)).toEqual({ report: fromRecords, said: ['from its kept basis'] });
    expect(run(desk, '--as-of', AS_OF)).toEqual({ report: GOLDEN, said: [notThen, 'basis kept'] });
    const bytes = readFileSync(memo(desk));
    bytes[bytes.length - 7]! ^= 0x20;
    writeFileSync(memo(desk), bytes);
    expect(run(desk, '--as-of', AS_OF)).toEqual({ report: GOLDEN, said: ['basis kept'] });
    expect(run(desk, '--as-of', AS_OF).said).toEqual(['from its kept basis']);
  });

  it('a callback recorded since: not used while the file settles, then worked out anew; a duty entry changes nothing', async () => {
    const desk = copyDesk(EXAMPLE_DESK);
    git(desk, ['init', '-q']);
    git(desk, ['add', '-A']);
    git(desk, ['commit', '-qm', 'desk']);
    await settle();
    expect(run(desk, '--as-of', AS_OF).said).toEqual(['basis kept']);
    const subject = 'TS-20261119-V08V';
    expect(GOLDEN.callbacks.overdue.map((o: { subject: string }) => o.subject)).toContain(subject);
    const record = runKefu(['callback', 'record', subject, '-C', desk, '--as-of', '2026-11-25T08:30:00+08:00', '--at', '2026-11-25T08:00:00+08:00', '--by', 'S03', '--method', 'phone', '--outcome', 'completed', '--satisfaction', 'satisfied', '--no-input']);
    expect(record.status, record.stderr).toBe(0);
    const fresh = run(desk, '--as-of', AS_OF, '--no-cache').report;
    expect(fresh.callbacks.overdue.map((o: { subject: string }) => o.subject)).not.toContain(subject);
    expect(run(desk, '--as-of', AS_OF)).toEqual({ report: fresh, said: [] }); // just written: no stamp vouches for it yet
    await settle();
    expect(run(desk, '--as-of', AS_OF)).toEqual({ report: fresh, said: ['basis kept'] });
    const log = runKefu(['duty', 'log', '-C', desk, '--as-of', AS_OF, '--at', '2026-11-25T08:50:00+08:00', '--kind', 'consult', '--channel', 'phone', '--by', 'S05', '--content', '咨询停车', '--status', 'done', '--no-input']);
    expect(log.status, log.stderr).toBe(0);
    expect(run(desk, '--as-of', AS_OF)).toEqual({ report: fresh, said: ['from its kept basis'] });
  });
});
