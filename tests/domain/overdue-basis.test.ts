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
import { basisHolds, buildOverdueReport, overdueBasis, overdueFromBasis } from '../../src/domain/reports/overdue.js';
import { fromLocal, toEpoch } from '../../src/domain/time.js';
import { readDeskSources } from '../../src/store/desk-files.js';
import { ROOT } from '../helpers/cli.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** instants from the horizon on: the same second, the next, the next morning's cron, a month's end and turn, a year on */
function asOfsFrom(horizon: number, tz: string): number[] {
  const out = [horizon, horizon + 1, horizon + 1000, horizon + HOUR, horizon + DAY - 1, horizon + DAY, horizon + 3 * DAY + 1, horizon + 8 * DAY, horizon + 40 * DAY, horizon + 400 * DAY];
  const d = new Date(horizon + 8 * HOUR);
  const nextMonth = `${d.getUTCFullYear() + (d.getUTCMonth() === 11 ? 1 : 0)}-${String((d.getUTCMonth() + 1) % 12 + 1).padStart(2, '0')}-01`;
  out.push(fromLocal(nextMonth, '00:00', tz) - 1, fromLocal(nextMonth, '00:00', tz));
  return out;
}

function expectSameReports(desk: Desk): void {
  const basis = overdueBasis(desk);
  expect(Number.isFinite(basis.horizon)).toBe(true);
  expect(basisHolds(basis, basis.horizon - 1)).toBe(false);
  for (const asOf of asOfsFrom(basis.horizon, desk.config.timezone)) {
    expect(basisHolds(basis, asOf)).toBe(true);
    expect(overdueFromBasis(basis, asOf), new Date(asOf).toISOString()).toEqual(buildOverdueReport(desk, asOf));
  }
}

function load(dir: string): Desk {
  const { desk, diagnostics } = loadDesk(readDeskSources(dir), { asOf: toEpoch('2026-11-25T09:00:00+08:00') });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return desk;
}

describe('overdue basis: the same report from its horizon on', () => {
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

  it('on two generated desks (seeds 3 and 11), at a dozen instants from the horizon on', () => {
    for (const seed of ['3', '11']) {
      const desk = load(join(temp, seed));
      const report = buildOverdueReport(desk, toEpoch('2026-11-25T09:00:00+08:00'));
      // the desks have something in every section, or the comparison proves little
      expect(report.callbacks.overdue.length).toBeGreaterThan(0);
      expect(report.callbacks.due_soon.length + report.complaints.overdue.length + report.quota.length).toBeGreaterThan(0);
      expectSameReports(desk);
    }
  });

  it('on the example desk and the fixtures base desk', () => {
    expectSameReports(load(join(ROOT, 'examples', 'desk')));
    expectSameReports(load(join(ROOT, 'tests', 'fixtures', 'base-desk')));
  });
});

describe('overdue basis: its horizon', () => {
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

  it('is the latest recorded instant: the callback made last; one millisecond before it, the basis does not hold', () => {
    const d = desk([order('WO-20261101-A001', '2026-11-01T10:00:00+08:00')], [callback('WO-20261101-A001', '2026-11-05T10:00:00+08:00')]);
    const basis = overdueBasis(d);
    expect(basis.horizon).toBe(toEpoch('2026-11-05T10:00:00+08:00'));
    // before the callback the repair is overdue (due 11-03 23:59:59); the basis, made as of
    // the end of time, knows it called back — which is why it must not answer then
    const before = basis.horizon - 1;
    expect(basisHolds(basis, before)).toBe(false);
    expect(buildOverdueReport(d, before).callbacks.overdue.map((o) => o.subject)).toEqual(['WO-20261101-A001']);
    expect(overdueFromBasis(basis, before).callbacks.overdue).toEqual([]);
    expect(overdueFromBasis(basis, basis.horizon)).toEqual(buildOverdueReport(d, basis.horizon));
  });

  it('a special service: the contract end counts only once asOf reaches it, past the horizon', () => {
    const service = order('WO-20261101-S001', '2026-11-01T10:00:00+08:00', { kind: 'special_service', category: undefined, contract: { start: '2026-11-01', end: '2026-12-31' }, events: [] });
    const d = desk([service], []);
    const basis = overdueBasis(d);
    expect(basis.horizon).toBe(-Infinity); // no recorded instant at all
    for (const at of ['2026-11-16T00:00:00+08:00', '2026-11-30T23:59:59+08:00', '2026-12-01T00:00:00+08:00', '2026-12-30T23:59:59+08:00', '2026-12-31T00:00:00+08:00', '2027-01-08T00:00:00+08:00', '2027-02-01T00:00:00+08:00']) {
      expect(overdueFromBasis(basis, toEpoch(at)), at).toEqual(buildOverdueReport(d, toEpoch(at)));
    }
    // the midterm checkpoint is 12-01 (start + ⌊60 / 2⌋ days), the end 12-31, each at local midnight
    expect(overdueFromBasis(basis, toEpoch('2026-11-30T23:59:59+08:00')).quota).toEqual([]);
    expect(overdueFromBasis(basis, toEpoch('2026-12-30T23:59:59+08:00')).quota).toMatchObject([{ kind: 'special_service', month: '2026-12', closed: 1 }]);
    expect(overdueFromBasis(basis, toEpoch('2026-12-31T00:00:00+08:00')).quota).toMatchObject([{ kind: 'special_service', month: '2026-12', closed: 2 }]);
  });

  it('a planned special service due the same day: its end is not due soon the evening before the contract ends', () => {
    const sameDay = resolveConfig({ property: 'x', callbacks: { special_service: { within: 'same_day' } } });
    const service = order('WO-20261101-S002', '2026-11-01T10:00:00+08:00', { kind: 'special_service', category: undefined, contract: { start: '2026-11-01', end: '2026-12-31' }, events: [] });
    const plan: CallbackItem = { type: 'plan', subject: service.id, checkpoint: 'end', assignee: 'S03', at: '2026-11-02T09:00:00+08:00', by: 'S02' };
    const d: Desk = { ...desk([service], [plan]), config: sameDay };
    const basis = overdueBasis(d);
    expect(basis.horizon).toBe(toEpoch('2026-11-02T09:00:00+08:00'));
    // due 12-31 23:59:59 is within a day of 12-30 23:59:59, but the end counts only from 12-31 00:00
    const eve = toEpoch('2026-12-30T23:59:59+08:00');
    expect(buildOverdueReport(d, eve).callbacks.due_soon).toEqual([]);
    expect(buildOverdueReport(d, eve + 1000).callbacks.due_soon).toMatchObject([{ subject: service.id, checkpoint: 'end', assignee: 'S03' }]);
    for (const at of [eve, eve + 1000, toEpoch('2027-01-01T00:00:00+08:00')]) expect(overdueFromBasis(basis, at)).toEqual(buildOverdueReport(d, at));
  });
});
