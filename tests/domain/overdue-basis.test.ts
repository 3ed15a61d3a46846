// The overdue report's basis (issue 7): worked out once as of the end of time, kept by the
// CLI by content, it must give the very report the records give as of any asOf from its
// horizon on — and say it does not hold one millisecond before.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Desk } from '../../src/domain/desk.js';
import { emptyDesk } from '../../src/domain/desk.js';
import { loadDesk } from '../../src/domain/load-desk.js';
import type { CallbackItem } from '../../src/domain/records/callback-month.js';
import { resolveConfig } from '../../src/domain/records/config.js';
import type { WorkOrder } from '../../src/domain/records/work-order.js';
import { deriveCallbackSubjects, type Obligation } from '../../src/domain/callbacks.js';
import { deriveComplaintState } from '../../src/domain/complaints.js';
import { basisHolds, buildOverdueReport, overdueBasis, overdueFromBasis, type OverdueComplaint, type OverdueReport, type QuotaLine } from '../../src/domain/reports/overdue.js';
import { onDutyAt } from '../../src/domain/shifts.js';
import { formatInstant, fromLocal, localDateOf, toEpoch } from '../../src/domain/time.js';
import { readDeskSources } from '../../src/store/desk-files.js';
import { ROOT } from '../helpers/cli.js';

// ---- the report straight from the records: kefu's code before the basis (b66834d), the reference ----
const DAY_MS = 86_400_000;
function daysBetween(fromDate: string, toDate: string): number {
  return Math.round((Date.parse(toDate) - Date.parse(fromDate)) / DAY_MS);
}
const DAY = DAY_MS;
function referenceReport(desk: Desk, asOf: number): OverdueReport {
  const tz = desk.config.timezone;
  const today = localDateOf(asOf, tz);
  const onDuty = (due: number) => [...new Set(onDutyAt(desk, due).flatMap((d) => d.staff))];
  const byDue = <T extends { due: string; subject?: string; id?: string }>(a: T, b: T) =>
    Date.parse(a.due) - Date.parse(b.due) || ((a.subject ?? a.id ?? '') < (b.subject ?? b.id ?? '') ? -1 : 1);

  const subjects = deriveCallbackSubjects(desk, asOf);
  const owed = subjects.filter((o) => o.owed && !o.fulfilledBy);
  const common = (o: Obligation) => ({
    subject: o.subject,
    kind: o.kind,
    ...(o.category ? { category: o.category } : {}),
    ...(o.checkpoint ? { checkpoint: o.checkpoint } : {}),
    due: formatInstant(o.due, tz),
  });
  const overdue = owed.filter((o) => o.overdue).map((o) => ({
    ...common(o),
    overdue_days: daysBetween(localDateOf(o.due, tz), today),
    ...(o.unit ? { unit: o.unit } : {}),
    ...(o.assignee ? { assignee: o.assignee } : {}),
    on_duty: onDuty(o.due),
  }));
  const dueSoon = owed.filter((o) => o.due >= asOf && o.due <= asOf + DAY).map((o) => ({
    ...common(o),
    ...(o.unit ? { unit: o.unit } : {}),
    ...(o.assignee ? { assignee: o.assignee } : {}),
  }));

  const complaints: OverdueComplaint[] = [];
  for (const { data: c } of desk.complaints) {
    if (Date.parse(c.received_at) > asOf) continue;
    const state = deriveComplaintState(c, desk.config, asOf);
    for (const d of state.deadlines) {
      if (d.doneAt !== undefined || asOf <= d.due) continue;
      complaints.push({
        id: c.id,
        severity: state.severity,
        stage: d.stage,
        due: formatInstant(d.due, tz),
        overdue_days: daysBetween(localDateOf(d.due, tz), today),
        ...(c.complainant.unit ? { unit: c.complainant.unit } : {}),
        on_duty: onDuty(d.due),
      });
    }
  }

  return {
    as_of: formatInstant(asOf, tz),
    callbacks: { overdue: overdue.sort(byDue), due_soon: dueSoon.sort(byDue) },
    complaints: { overdue: complaints.sort(byDue) },
    quota: referenceQuota(desk, subjects, asOf),
  };
}

/** (as it was) For kinds below 100%: ⌈rate × closed⌉ completed callbacks a month, where closed counts
 * the subjects whose callback would count from an instant in the month up to T (SPEC §5.3).
 * Suggestions: not yet called, units with repeat trouble first, then oldest first.
 */
function referenceQuota(desk: Desk, subjects: Obligation[], asOf: number): QuotaLine[] {
  const tz = desk.config.timezone;
  const month = localDateOf(asOf, tz).slice(0, 7);
  const inMonth = subjects.filter((o) => o.rule.rate > 0 && o.rule.rate < 1 && localDateOf(o.from, tz).startsWith(month));
  const unitCounts = new Map<string, number>();
  for (const { data } of desk.workOrders) if (data.requester.unit) unitCounts.set(data.requester.unit, (unitCounts.get(data.requester.unit) ?? 0) + 1);
  const lines: QuotaLine[] = [];
  for (const kind of [...new Set(inMonth.map((o) => o.kind))].sort()) {
    const mine = inMonth.filter((o) => o.kind === kind);
    const target = mine[0]!.rule.rate;
    const done = mine.filter((o) => o.fulfilledBy && Date.parse(o.fulfilledBy.at) <= asOf).length;
    const needed = Math.ceil(target * mine.length - 1e-9) - done;
    if (needed <= 0) continue;
    const suggest = mine
      .filter((o) => !o.fulfilledBy && !o.planned)
      .sort((a, b) => (unitCounts.get(b.unit ?? '') ?? 0) - (unitCounts.get(a.unit ?? '') ?? 0) || a.from - b.from || (a.subject < b.subject ? -1 : 1))
      .slice(0, needed)
      .map((o) => o.subject);
    lines.push({ kind, month, closed: mine.length, done, target, needed, suggest });
  }
  return lines;
}

// ---- the tests ----

const HOUR = 3_600_000;

/** instants from `from` on: the same millisecond, the next, the next morning's cron, a month's end and turn, a year on */
function laterInstants(from: number, tz: string): number[] {
  const out = [from, from + 1, from + 1000, from + HOUR, from + DAY - 1, from + DAY, from + 3 * DAY + 1, from + 8 * DAY, from + 40 * DAY, from + 400 * DAY];
  const month = localDateOf(from, tz).slice(0, 7);
  const next = `${Number(month.slice(0, 4)) + (month.endsWith('-12') ? 1 : 0)}-${String((Number(month.slice(5, 7)) % 12) + 1).padStart(2, '0')}-01`;
  out.push(fromLocal(next, '00:00', tz) - 1, fromLocal(next, '00:00', tz));
  return out;
}

/** The basis made at `asOf` gives the reference report for every instant it says it holds for, and says it does not hold just before and at its end. */
function expectHolds(desk: Desk, asOf: number): void {
  const basis = overdueBasis(desk, asOf);
  expect(basisHolds(basis, asOf)).toBe(true);
  if (Number.isFinite(basis.from)) expect(basisHolds(basis, basis.from - 1)).toBe(false);
  if (Number.isFinite(basis.until)) expect(basisHolds(basis, basis.until)).toBe(false);
  const probes = laterInstants(Number.isFinite(basis.from) ? basis.from : asOf, desk.config.timezone).filter((t) => t < basis.until);
  if (Number.isFinite(basis.until)) probes.push(basis.until - 1);
  for (const t of [asOf, ...probes]) {
    expect(overdueFromBasis(basis, t), new Date(t).toISOString()).toEqual(referenceReport(desk, t));
  }
}

function load(dir: string): Desk {
  const { desk, diagnostics } = loadDesk(readDeskSources(dir), { asOf: toEpoch('2026-11-25T09:00:00+08:00') });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return desk;
}

const MORNING = toEpoch('2026-11-25T09:00:00+08:00');

describe('overdue basis: the report the records give, for every instant it holds for', () => {
  let temp: string;
  beforeAll(() => {
    temp = mkdtempSync(join(tmpdir(), 'kefu-basis-'));
    for (const seed of ['3', '11']) {
      execFileSync(process.execPath, [join(ROOT, 'scripts', 'gen-desk.mjs'), '--size', 'small', '--seed', seed, '--no-git', join(temp, seed)], { cwd: ROOT, stdio: 'pipe' });
    }
  }, 120_000);
  afterAll(() => {
    if (temp) rmSync(temp, { recursive: true, force: true });
  });

  it('on two generated desks (seeds 3 and 11): made past the latest instant, and made at instants before it', () => {
    for (const seed of ['3', '11']) {
      const desk = load(join(temp, seed));
      const report = referenceReport(desk, MORNING);
      // the desks have something in every section, or the comparison proves little
      expect(report.callbacks.overdue.length).toBeGreaterThan(0);
      expect(report.callbacks.due_soon.length + report.complaints.overdue.length + report.quota.length).toBeGreaterThan(0);
      expect(buildOverdueReport(desk, MORNING)).toEqual(report);
      const past = overdueBasis(desk, MORNING);
      expect(past.until).toBe(Infinity); // the desk ends before 09:00: made as of the end of time
      expect(past.from).toBeLessThan(MORNING);
      expectHolds(desk, MORNING);
      expectHolds(desk, past.from);
      // before the latest instant: a basis of its own, until the next recorded instant
      for (const at of [past.from - 1, MORNING - 3 * DAY, MORNING - 40 * DAY]) {
        const basis = overdueBasis(desk, at);
        expect(basis.from).toBe(at);
        expect(basis.until).toBeGreaterThan(at);
        expect(basis.until).toBeLessThanOrEqual(past.from);
        expectHolds(desk, at);
      }
    }
  });

  it('on the example desk and the fixtures base desk', () => {
    for (const desk of [load(join(ROOT, 'examples', 'desk')), load(join(ROOT, 'tests', 'fixtures', 'base-desk'))]) {
      const past = overdueBasis(desk, MORNING);
      for (const at of [MORNING, past.from, past.from - 1, MORNING - 3 * DAY]) expectHolds(desk, at);
    }
  });
});

describe('overdue basis: where it stops holding', () => {
  const config = resolveConfig({ property: 'x' });
  const order = (id: string, completed: string, extra: Partial<WorkOrder> = {}): WorkOrder => ({
    id, kind: 'repair', category: 'other', received_at: '2026-11-01T09:00:00+08:00', received_by: 'S02', requester: { unit: '1-0101' }, item: '修',
    events: [{ type: 'completed', at: completed, by: 'S09' }], ...extra,
  });
  const callback = (subject: string, at: string): CallbackItem => ({ type: 'callback', id: `HF-20261120-${subject.slice(-4)}`, subject, at, by: 'S03', method: 'phone', outcome: 'completed', satisfaction: 'satisfied' });
  const desk = (workOrders: WorkOrder[], callbacks: CallbackItem[]): Desk => ({
    ...emptyDesk(config),
    workOrders: workOrders.map((data) => ({ file: 'x', data })),
    callbackMonths: [{ file: 'callbacks/2026/2026-11.yaml', data: { month: '2026-11', callbacks } }],
  });

  it('at the next recorded instant: the callback made last', () => {
    const d = desk([order('WO-20261101-A001', '2026-11-01T10:00:00+08:00')], [callback('WO-20261101-A001', '2026-11-05T10:00:00+08:00')]);
    const called = toEpoch('2026-11-05T10:00:00+08:00');
    const late = overdueBasis(d, called);
    expect([late.from, late.until]).toEqual([called, Infinity]);
    // one millisecond before the callback the repair is overdue (due 11-03 23:59:59): a basis
    // made then holds until the callback, and the one made past it does not answer then
    const early = overdueBasis(d, called - 1);
    expect([early.from, early.until]).toEqual([called - 1, called]);
    expect(overdueFromBasis(early, called - 1).callbacks.overdue.map((o) => o.subject)).toEqual(['WO-20261101-A001']);
    expect(basisHolds(late, called - 1)).toBe(false);
    expect(overdueFromBasis(late, called - 1).callbacks.overdue).toEqual([]); // what it would wrongly say
    expect(basisHolds(early, called)).toBe(false);
    for (const at of [called - 1, toEpoch('2026-11-04T09:00:00+08:00'), toEpoch('2026-11-01T10:00:00+08:00')]) expectHolds(d, at);
  });

  it('at a special service checkpoint: counted from a contract date, with no record of that instant', () => {
    const service = order('WO-20261101-S001', '2026-11-01T10:00:00+08:00', { kind: 'special_service', category: undefined, contract: { start: '2026-11-01', end: '2026-12-31' }, events: [] });
    // the midterm checkpoint is 12-01 (start + ⌊60 / 2⌋ days), the end 12-31, each at local midnight
    const midterm = toEpoch('2026-12-01T00:00:00+08:00');
    const end = toEpoch('2026-12-31T00:00:00+08:00');
    // no record at all: the basis of the end of time, the checkpoints weighed in the report
    const bare = desk([service], []);
    expect(overdueBasis(bare, toEpoch('2026-11-16T00:00:00+08:00'))).toMatchObject({ from: -Infinity, until: Infinity });
    // a plan recorded on 12-20: before it, a basis holds until the next checkpoint or the plan
    const planned = toEpoch('2026-12-20T09:00:00+08:00');
    const d = desk([service], [{ type: 'plan', subject: service.id, assignee: 'S03', at: '2026-12-20T09:00:00+08:00', by: 'S02' }]);
    expect(overdueBasis(d, toEpoch('2026-11-16T00:00:00+08:00'))).toMatchObject({ until: midterm });
    expect(overdueBasis(d, midterm)).toMatchObject({ from: midterm, until: planned });
    expect(overdueBasis(d, planned)).toMatchObject({ from: planned, until: Infinity });
    for (const x of [bare, d]) {
      for (const at of ['2026-11-16T00:00:00+08:00', '2026-11-30T23:59:59+08:00', '2026-12-01T00:00:00+08:00', '2026-12-20T08:59:59+08:00', '2026-12-20T09:00:00+08:00', '2026-12-30T23:59:59+08:00', '2026-12-31T00:00:00+08:00', '2027-01-08T00:00:00+08:00']) expectHolds(x, toEpoch(at));
    }
    expect(buildOverdueReport(bare, toEpoch('2026-11-30T23:59:59+08:00')).quota).toEqual([]);
    expect(buildOverdueReport(bare, midterm).quota).toMatchObject([{ kind: 'special_service', month: '2026-12', closed: 1 }]);
    expect(buildOverdueReport(bare, end).quota).toMatchObject([{ kind: 'special_service', month: '2026-12', closed: 2 }]);
  });

  it('a planned special service due the same day: its end is not due soon the evening before the contract ends', () => {
    const sameDay = resolveConfig({ property: 'x', callbacks: { special_service: { within: 'same_day' } } });
    const service = order('WO-20261101-S002', '2026-11-01T10:00:00+08:00', { kind: 'special_service', category: undefined, contract: { start: '2026-11-01', end: '2026-12-31' }, events: [] });
    const plan: CallbackItem = { type: 'plan', subject: service.id, checkpoint: 'end', assignee: 'S03', at: '2026-11-02T09:00:00+08:00', by: 'S02' };
    const d: Desk = { ...desk([service], [plan]), config: sameDay };
    // due 12-31 23:59:59 is within a day of 12-30 23:59:59, but the end counts only from 12-31 00:00
    const eve = toEpoch('2026-12-30T23:59:59+08:00');
    expect(referenceReport(d, eve).callbacks.due_soon).toEqual([]);
    expect(referenceReport(d, eve + 1000).callbacks.due_soon).toMatchObject([{ subject: service.id, checkpoint: 'end', assignee: 'S03' }]);
    // the basis made past every record answers for the eve too, and must leave the end out then
    const past = overdueBasis(d, toEpoch('2026-11-02T09:00:00+08:00'));
    expect(past).toMatchObject({ from: toEpoch('2026-11-02T09:00:00+08:00'), until: Infinity });
    expect(basisHolds(past, eve)).toBe(true);
    for (const at of [eve, eve + 1000, toEpoch('2027-01-01T00:00:00+08:00')]) {
      expect(buildOverdueReport(d, at)).toEqual(referenceReport(d, at));
      expectHolds(d, at);
    }
  });
});
