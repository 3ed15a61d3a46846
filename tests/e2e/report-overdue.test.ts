// kefu report overdue — the cron job's report (SPEC §6.1), through the built CLI.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AS_OF, EXAMPLE_DESK, ROOT, runKefuSync as runKefu, tempDir } from '../helpers/cli.js';

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
