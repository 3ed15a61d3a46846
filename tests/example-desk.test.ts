// The example desk (examples/desk) is the output of scripts/make-example-desk.mjs:
// it must not drift from the script, must validate without a single problem, and
// must show what the issue asks for — every duty day, all severities and kinds,
// leak tests, unanswered and unsatisfied callbacks, and overdue callbacks on the morning of 2026-11-25.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Desk } from '../src/domain/desk.js';
import { loadDesk } from '../src/domain/load-desk.js';
import { reviewDigest } from '../src/domain/records/duty-day.js';
import { readDeskSources } from '../src/store/desk-files.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const example = join(repo, 'examples', 'desk');
const AS_OF = '2026-11-25T09:00:00+08:00';
const asOf = Date.parse(AS_OF);
const DAY = 86_400_000;

function listFiles(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, rel)).sort()) {
    const path = rel ? `${rel}/${name}` : name;
    if (statSync(join(root, path)).isDirectory()) out.push(...listFiles(root, path));
    else out.push(path);
  }
  return out;
}

/** Local (+08:00) calendar date of an ISO instant. */
const localDate = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
/** "Within N days" of an instant: up to 23:59:59 local time of its date + N days (SPEC §5). */
const withinDays = (iso: string, days: number) => Date.parse(`${localDate(iso)}T23:59:59+08:00`) + days * DAY;

describe('examples/desk', () => {
  let temp: string;
  let desk: Desk;
  let diagnostics: unknown[];

  beforeAll(() => {
    temp = mkdtempSync(join(tmpdir(), 'kefu-example-'));
    execFileSync(process.execPath, [join(repo, 'scripts', 'make-example-desk.mjs'), temp], { cwd: repo, stdio: 'pipe' });
    const loaded = loadDesk(readDeskSources(example), { asOf });
    desk = loaded.desk;
    diagnostics = loaded.diagnostics;
  });
  afterAll(() => {
    if (temp) rmSync(temp, { recursive: true, force: true });
  });

  it('is exactly what scripts/make-example-desk.mjs writes', () => {
    const expected = listFiles(example);
    expect(listFiles(temp)).toEqual(expected);
    for (const file of expected) {
      expect(readFileSync(join(temp, file)).equals(readFileSync(join(example, file))), file).toBe(true);
    }
  });

  it('loads without any problem, not even a warning', () => {
    expect(diagnostics).toEqual([]);
  });

  it('has the staff and rosters of a split-shift residential desk', () => {
    expect(desk.config.profile).toBe('residential');
    expect(desk.config.shifts.map((s) => s.id)).toEqual(['day', 'night']);
    expect(desk.config.holidays).toContain('2026-10-01');
    expect(desk.config.workdays).toEqual(expect.arrayContaining(['2026-09-20', '2026-10-10']));
    expect(desk.config.holidays).toEqual(expect.arrayContaining(['2026-09-25', '2026-09-27', '2026-10-07']));
    expect(desk.staff.length).toBeGreaterThanOrEqual(12);
    for (const role of ['manager', 'supervisor', 'clerk', 'maintenance'] as const) {
      expect(desk.staff.some((s) => s.roles.includes(role)), role).toBe(true);
    }
    expect(desk.staff.filter((s) => s.roles.includes('clerk') && s.active !== false).length).toBeGreaterThanOrEqual(5);
    expect(desk.staff.filter((s) => s.roles.includes('maintenance')).length).toBeGreaterThanOrEqual(4);
    expect(desk.rosters.map((r) => r.data.month).sort()).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(desk.rosters.every((r) => r.data.status === 'approved' && r.data.approved)).toBe(true);
    expect(desk.rosters.some((r) => (r.data.changes ?? []).length > 0)).toBe(true);
  });

  it('has a duty log for every day from 2026-09-01 to 2026-11-25, each signed with the right digest but the last', () => {
    const dates = desk.dutyDays.map((d) => d.data.date).sort();
    const expected: string[] = [];
    for (let t = Date.parse('2026-09-01'); t <= Date.parse('2026-11-25'); t += DAY) expected.push(new Date(t).toISOString().slice(0, 10));
    expect(dates).toEqual(expected);
    for (const day of desk.dutyDays) {
      const log = day.data.log;
      const entries = log.filter((i) => i.type === 'entry').length;
      expect(entries, day.data.date).toBeGreaterThanOrEqual(3);
      expect(entries, day.data.date).toBeLessThanOrEqual(12);
      const reviews = log.flatMap((item, i) => (item.type === 'review' ? [{ item, i }] : []));
      if (day.data.date === '2026-11-25') {
        expect(reviews).toEqual([]);
        continue;
      }
      expect(log.filter((i) => i.type === 'handover').length, day.data.date).toBe(2);
      expect(reviews.length, day.data.date).toBe(1);
      expect(reviews[0]!.item.digest, day.data.date).toBe(reviewDigest(log.slice(0, reviews[0]!.i)));
    }
  });

  it('has complaints of every severity and work orders of every kind', () => {
    expect(desk.complaints.length).toBeGreaterThanOrEqual(40);
    expect(new Set(desk.complaints.map((c) => c.data.severity))).toEqual(new Set(['major', 'important', 'minor']));
    const events = (type: string) => desk.complaints.filter((c) => c.data.events.some((e) => e.type === type)).length;
    for (const type of ['reopened', 'reclassified', 'invalid', 'note']) expect(events(type), type).toBeGreaterThan(0);

    expect(desk.workOrders.length).toBeGreaterThanOrEqual(150);
    expect(new Set(desk.workOrders.map((w) => w.data.kind))).toEqual(new Set(['repair', 'special_service', 'help', 'first_aid', 'activity', 'other']));
    const leaks = desk.workOrders.filter((w) => w.data.kind === 'repair' && w.data.category === 'leak');
    expect(leaks.filter((w) => w.data.events.some((e) => e.type === 'leak_tested')).length).toBeGreaterThan(10);
    expect(desk.workOrders.some((w) => w.data.events.some((e) => e.type === 'cancelled'))).toBe(true);
    expect(desk.workOrders.some((w) => w.data.events.some((e) => e.type === 'reopened'))).toBe(true);
  });

  it('has callbacks without answer, and unsatisfied ones escalated to a complaint received after them', () => {
    const items = desk.callbackMonths.flatMap((m) => m.data.callbacks);
    const callbacks = items.flatMap((i) => (i.type === 'callback' ? [i] : []));
    expect(callbacks.some((c) => c.outcome === 'no_answer')).toBe(true);
    expect(items.some((i) => i.type === 'plan')).toBe(true);
    expect(items.some((i) => i.type === 'review')).toBe(true);
    const unsatisfied = callbacks.filter((c) => c.satisfaction === 'dissatisfied' || c.satisfaction === 'very_dissatisfied');
    expect(unsatisfied.length).toBeGreaterThan(0);
    for (const c of unsatisfied) {
      const complaint = desk.complaints.find((x) => x.data.id === c.escalated_to);
      expect(complaint, c.id).toBeDefined();
      expect(Date.parse(complaint!.data.received_at)).toBeGreaterThanOrEqual(Date.parse(c.at));
    }
  });

  it('owes overdue callbacks on the morning of 2026-11-25 (SPEC §5.3, 100% kinds)', () => {
    const callbacks = desk.callbackMonths.flatMap((m) => m.data.callbacks).flatMap((i) => (i.type === 'callback' ? [i] : []));
    const fulfilled = (subject: string, from: string) =>
      callbacks.some((c) => c.subject === subject && c.outcome === 'completed' && Date.parse(c.at) >= Date.parse(from) && Date.parse(c.at) <= asOf);
    const overdue: string[] = [];
    for (const { data } of desk.complaints) {
      const events = data.events;
      if (events.some((e) => e.type === 'invalid')) continue;
      const last = events.findLast((e) => e.type === 'resolved' || e.type === 'reopened');
      if (last?.type !== 'resolved') continue;
      if (asOf > withinDays(last.at, 3) && !fulfilled(data.id, last.at)) overdue.push(data.id);
    }
    for (const { data } of desk.workOrders) {
      if (data.kind !== 'repair') continue;
      const events = data.events;
      const i = events.findLastIndex((e) => e.type === 'completed' || e.type === 'reopened' || e.type === 'cancelled');
      if (events[i]?.type !== 'completed') continue;
      const from = data.category === 'leak' ? events.slice(i + 1).findLast((e) => e.type === 'leak_tested') : events[i];
      if (!from) continue; // not yet leak-tested: nothing owed yet
      const days = data.category === 'leak' ? 3 : 2;
      if (asOf > withinDays(from.at, days) && !fulfilled(data.id, from.at)) overdue.push(data.id);
    }
    expect(overdue.some((id) => id.startsWith('TS-'))).toBe(true);
    expect(overdue.some((id) => id.startsWith('WO-'))).toBe(true);
  });
});
