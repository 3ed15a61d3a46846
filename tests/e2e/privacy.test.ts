// Residents' phone numbers and names are personal information (SPEC §2, PIPL): every
// output of every command on the example desk is searched for them, unmasked.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDesk } from '../../src/domain/load-desk.js';
import { maskRecordText } from '../../src/domain/privacy.js';
import { readDeskSources } from '../../src/store/desk-files.js';
import { AS_OF, EXAMPLE_DESK, copyDesk, git, runKefu } from '../helpers/cli.js';

/** Every resident's phone number and full name the desk holds (staff are not residents). */
function residents(dir: string): { phones: string[]; names: string[] } {
  const { desk } = loadDesk(readDeskSources(dir), { asOf: Date.parse(AS_OF) });
  const people = [
    ...desk.complaints.map((c) => c.data.complainant),
    ...desk.workOrders.map((w) => w.data.requester),
    ...desk.dutyDays.flatMap((d) => d.data.log.flatMap((i) => (i.type === 'entry' && i.from ? [i.from] : []))),
  ];
  const staffNames = new Set(desk.staff.map((s) => s.name));
  return {
    phones: [...new Set(people.flatMap((p) => (p.phone ? [p.phone] : [])))],
    names: [...new Set(people.flatMap((p) => (p.name && !staffNames.has(p.name) ? [p.name] : [])))],
  };
}

describe('no unmasked resident data in any output without --reveal', () => {
  let desk: string;
  let phones: string[];
  let names: string[];
  let ids: { complaint: string; workOrder: string; callback: string; day: string };
  beforeAll(() => {
    desk = copyDesk(EXAMPLE_DESK);
    ({ phones, names } = residents(desk));
    // a mistake on a phone line, so that validate shows that line in a code frame
    const { desk: loaded } = loadDesk(readDeskSources(desk), { asOf: Date.parse(AS_OF) });
    const c = loaded.complaints.find((x) => x.data.complainant.phone && x.data.complainant.name)!;
    const text = readFileSync(join(desk, c.file), 'utf8');
    writeFileSync(join(desk, c.file), text.replace(`phone: "${c.data.complainant.phone}"`, `phone: ${c.data.complainant.phone}`));
    ids = {
      complaint: loaded.complaints.find((x) => x !== c && x.data.complainant.phone)!.data.id,
      workOrder: loaded.workOrders.find((w) => w.data.requester.phone)!.data.id,
      callback: loaded.callbackMonths.flatMap((m) => m.data.callbacks).flatMap((x) => (x.type === 'callback' ? [x.id] : []))[0]!,
      day: '2026-11-20',
    };
    git(desk, ['init', '-q']);
    git(desk, ['add', '-A']);
    git(desk, ['commit', '-qm', 'desk']);
  });

  it('the desk has residents to protect', () => {
    expect(phones.length).toBeGreaterThan(100);
    expect(names.length).toBeGreaterThan(50);
  });

  const runs: [string, string[]][] = [
    ['validate', ['validate']],
    ['validate json', ['validate', '--format', 'json']],
    ['duty show', ['duty', 'show', '--date', '2026-11-20']],
    ['duty show json', ['duty', 'show', '--date', '2026-11-20', '--format', 'json']],
    ['duty show md', ['duty', 'show', '--date', '2026-11-24', '--format', 'md']],
    ['complaint list', ['complaint', 'list']],
    ['complaint list json', ['complaint', 'list', '--format', 'json']],
    ['complaint list csv', ['complaint', 'list', '--format', 'csv']],
    ['complaint show', ['complaint', 'show', 'COMPLAINT']],
    ['complaint show json', ['complaint', 'show', 'COMPLAINT', '--format', 'json']],
    ['complaint show md', ['complaint', 'show', 'COMPLAINT', '--format', 'md']],
    ['wo list', ['wo', 'list']],
    ['wo list json', ['wo', 'list', '--format', 'json']],
    ['wo list csv', ['wo', 'list', '--format', 'csv']],
    ['wo show', ['wo', 'show', 'WORKORDER']],
    ['wo show json', ['wo', 'show', 'WORKORDER', '--format', 'json']],
    ['callback due', ['callback', 'due']],
    ['callback due json', ['callback', 'due', '--format', 'json']],
    ['callback due csv', ['callback', 'due', '--format', 'csv']],
    ['report overdue', ['report', 'overdue']],
    ['report overdue json', ['report', 'overdue', '--format', 'json']],
    ['report overdue csv', ['report', 'overdue', '--format', 'csv']],
    ['report overdue md', ['report', 'overdue', '--format', 'md']],
    ['report kpi', ['report', 'kpi', '--month', '2026-11']],
    ['report kpi json', ['report', 'kpi', '--month', '2026-11', '--format', 'json', '--by', 'staff']],
    ['report kpi csv', ['report', 'kpi', '--month', '2026-11', '--format', 'csv']],
    ['report kpi md', ['report', 'kpi', '--month', '2026-11', '--format', 'md']],
    ['report kpi html', ['report', 'kpi', '--month', '2026-11', '--format', 'html']],
    ['report analysis md', ['report', 'analysis', '--quarter', '2026-Q4']],
    ['report analysis html', ['report', 'analysis', '--quarter', '2026-Q4', '--format', 'html']],
    ['explain complaint', ['explain', 'COMPLAINT']],
    ['explain work order json', ['explain', 'WORKORDER', '--format', 'json']],
    ['explain callback', ['explain', 'CALLBACK']],
    ['roster show', ['roster', 'show', '--month', '2026-11']],
    ['roster show json', ['roster', 'show', '--month', '2026-11', '--format', 'json']],
    ['audit', ['audit']],
    ['debug', ['--debug', 'validate']],
  ];

  it.each(runs)('%s', async (_name, args) => {
    const argv = args.map((a) => (a === 'COMPLAINT' ? ids.complaint : a === 'WORKORDER' ? ids.workOrder : a === 'CALLBACK' ? ids.callback : a));
    for (const lang of ['zh-CN', 'en']) {
      const r = await runKefu(['-C', desk, '--lang', lang, '--as-of', AS_OF, ...argv]);
      expect(r.status, `${argv.join(' ')}: ${r.stderr.slice(0, 300)}`).not.toBe(2);
      const out = r.stdout + r.stderr;
      for (const phone of phones) expect(out.includes(phone), `${argv.join(' ')} (${lang}) shows ${phone}`).toBe(false);
      for (const name of names) expect(out.includes(name), `${argv.join(' ')} (${lang}) shows ${name}`).toBe(false);
    }
  });

  it('with --reveal they are shown (so the test above can fail)', async () => {
    const r = await runKefu(['-C', desk, '--as-of', AS_OF, '--reveal', 'complaint', 'show', ids.complaint, '--format', 'json']);
    expect(phones.some((p) => r.stdout.includes(p))).toBe(true);
    const v = await runKefu(['-C', desk, '--as-of', AS_OF, '--reveal', 'validate']);
    expect(phones.some((p) => v.stdout.includes(p))).toBe(true);
  });

  it('commit messages and file names hold no personal data', async () => {
    const work = copyDesk(desk);
    const r = await runKefu(['-C', work, 'duty', 'log', '--by', 'S03', '--kind', 'repair', '--unit', '3-1201', '--name', '李先生', '--phone', '13900001234', '--content', '漏水', '--at', '2026-11-25T08:40:00+08:00']);
    expect(r.status).toBe(0);
    const log = git(work, ['log', '--format=%an %ae %s %b']);
    const files = git(work, ['ls-files']);
    for (const secret of ['13900001234', '李先生', ...phones]) {
      expect(log.includes(secret)).toBe(false);
      expect(files.includes(secret)).toBe(false);
    }
  });
});

describe('maskRecordText', () => {
  it('masks phone values and mobile numbers anywhere, names outside staff.yaml; tags and quotes stay', () => {
    expect(maskRecordText('    phone: "13900001234"')).toBe('    phone: "139****1234"');
    expect(maskRecordText('  phone: !!str 13900001234')).toBe('  phone: !!str 139****1234');
    expect(maskRecordText('  from: { name: 李先生, unit: 3-1201, phone: "13900001234" }')).toBe('  from: { name: 李*, unit: 3-1201, phone: "139****1234" }');
    expect(maskRecordText('content: 住户 13812345678 来电')).toBe('content: 住户 138****5678 来电');
    expect(maskRecordText('id: WO-20261125-3MX9')).toBe('id: WO-20261125-3MX9');
    expect(maskRecordText('    name: 王芳', 'staff.yaml')).toBe('    name: 王芳');
  });
});
