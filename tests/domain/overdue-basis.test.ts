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
import { formatInstant, fromLocal, localDateOf, toEpoch } from '../../src/domain/time.js';
import { referenceReport } from './overdue-reference.js';
import { readDeskSources } from '../../src/store/desk-files.js';
import { ROOT } from '../helpers/cli.js';

const DAY = 86_400_000;

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

// ---- random desks (a review session's fuzzing, kept) ----

/** A seeded linear congruential generator: the same seed, the same desk. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const iso = (t: number, tz: string) => formatInstant(t, tz);
/**
 * A small random desk (built in memory, past the schema: out-of-order events, reopened and
 * cancelled orders, leak tests, special services of 0-30 days, reclassified and invalid
 * complaints, resident deadlines, plans, reviews, failed attempts) in one of three time
 * zones, two with a DST change in its seven weeks, across a month's turn.
 */
function randomDesk(seed: number): Desk {
  const r = rng(seed);
  const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const tz = pick(['Asia/Shanghai', 'America/New_York', 'Europe/London']);
  const config = resolveConfig({ property: 'x', timezone: tz, calendar: pick(['calendar', 'workdays']) as 'calendar', callbacks: { repair: { rate: pick([1, 0.5]), categories: { cheap: { rate: 0.3, within: pick(['1h','0h','same_day','2d']) as string } } }, help: { within: pick(['same_day','1h','7d']) } } } as never);
  const base = toEpoch('2026-10-20T00:00:00Z');
  const span = 50 * DAY;
  const T = () => base + Math.floor(r() * span / 60000) * 60000;
  const wos: WorkOrder[] = [];
  const units = ['1-0101', '1-0102', '2-0201', ''];
  const nW = 2 + Math.floor(r() * 8);
  for (let i = 0; i < nW; i++) {
    const kind = pick(['repair', 'repair', 'special_service', 'help', 'activity', 'first_aid']) as WorkOrder['kind'];
    const id = `WO-20261020-${String.fromCharCode(65 + i)}${i}0${seed % 10}`;
    const times = Array.from({ length: Math.floor(r() * 5) }, T).sort((a, b) => a - b);
    const events: WorkOrder['events'] = times.map((t) => {
      const ty = pick(['completed', 'completed', 'leak_tested', 'reopened', 'cancelled', 'note']);
      const at = iso(t, tz);
      if (ty === 'leak_tested') return { type: 'leak_tested', at, by: 'S09', passed: r() < 0.7 } as never;
      if (ty === 'cancelled' || ty === 'reopened') return { type: ty, at, by: 'S09', reason: 'x' } as never;
      if (ty === 'note') return { type: 'note', at, by: 'S09', text: 'x' } as never;
      return { type: 'completed', at, by: 'S09' } as never;
    });
    if (r() < 0.3) events.reverse(); // out of order
    const u = pick(units);
    const start = localDateOf(T(), tz);
    const len = pick([0, 0, 1, 7, 30]);
    const endD = new Date(Date.parse(start) + len * DAY).toISOString().slice(0, 10);
    wos.push({ id, kind, ...(kind === 'repair' ? { category: pick(['leak', 'cheap', 'other']) } : {}), received_at: iso(base, tz), received_by: 'S02', requester: u ? { unit: u } : {}, item: 'x', events,
      ...(kind === 'special_service' ? { contract: { start, end: endD } } : {}) } as WorkOrder);
  }
  const complaints: Desk['complaints'] = [];
  const nC = Math.floor(r() * 5);
  for (let i = 0; i < nC; i++) {
    const rec = T();
    const evs = Array.from({ length: Math.floor(r() * 5) }, () => rec + Math.floor(r() * 10 * DAY / 60000) * 60000).sort((a, b) => a - b).map((t) => {
      const ty = pick(['escalated', 'replied', 'resolved', 'reopened', 'reclassified', 'invalid', 'resolved']);
      const at = iso(t, tz);
      if (ty === 'escalated') return { type: ty, at, by: 'S01', to: 'S05' };
      if (ty === 'reclassified') return { type: ty, at, by: 'S01', severity: pick(['major', 'important', 'minor']), reason: 'x' };
      if (ty === 'reopened' || ty === 'invalid') return { type: ty, at, by: 'S01', reason: 'x' };
      return { type: ty, at, by: 'S01' };
    });
    complaints.push({ file: 'c', data: { id: `TS-20261020-C${i}${seed % 10}`, received_at: iso(rec, tz), received_by: 'S01', severity: pick(['major', 'important', 'minor']), complainant: pick(units) ? { unit: pick(units.slice(0, 3)) } : {}, content: 'x', ...(r() < 0.4 ? { requested_deadline: localDateOf(rec + 3 * DAY, tz) } : {}), events: evs } as never });
  }
  const subjects = [...wos.map((w) => w.id), ...complaints.map((c) => c.data.id)];
  const items: CallbackItem[] = [];
  const nI = Math.floor(r() * 10);
  for (let i = 0; i < nI; i++) {
    const at = iso(T(), tz);
    const subject = pick(subjects);
    const cp = r() < 0.3 ? { checkpoint: pick(['midterm', 'end']) } : {};
    const ty = pick(['callback', 'callback', 'plan', 'review']);
    if (ty === 'plan') items.push({ type: 'plan', subject, assignee: pick(['S03', 'S04']), at, by: 'S02', ...cp } as never);
    else if (ty === 'review') items.push({ type: 'review', subject, at, by: 'S02' } as never);
    else items.push({ type: 'callback', id: `HF-20261020-${i}X${seed % 10}`, subject, at, by: 'S03', method: 'phone', outcome: pick(['completed', 'completed', 'no_answer']), satisfaction: 'satisfied', ...cp } as never);
  }
  return { ...emptyDesk(config), workOrders: wos.map((data) => ({ file: 'w', data })), complaints, callbackMonths: [{ file: 'cb', data: { month: '2026-11', callbacks: items } }] };
}

describe('overdue basis: random desks (a review found no difference at 85,600 instants)', () => {
  // KEFU_FUZZ_RUNS=1500 for the review's run; KEFU_FUZZ_SEED to start elsewhere
  const runs = Number(process.env.KEFU_FUZZ_RUNS ?? 400);
  const first = Number(process.env.KEFU_FUZZ_SEED ?? 1) || 1;
  it(`${runs} desks, each at bases made at random instants and at the horizon, probed across every basis's span`, () => {
    const seen = { overdue: 0, dueSoon: 0, complaints: 0, quota: 0, service: 0, forGood: 0, checked: 0 };
    for (let seed = first; seed < first + runs; seed++) {
      const desk = randomDesk(seed);
      const r = rng(seed * 7 + 1);
      const start = toEpoch('2026-10-20T00:00:00Z');
      const points = Array.from({ length: 6 }, () => start + Math.floor(r() * 80 * DAY));
      const past = overdueBasis(desk, start + 200 * DAY);
      points.push(past.from, past.from - 1, past.from + 1);
      for (const at of points.filter(Number.isFinite)) {
        const basis = overdueBasis(desk, at);
        const probes = [at, at + 1, at + HOUR, at + DAY - 1, at + DAY, at + 3 * DAY + 7, at + 20 * DAY, at + 45 * DAY].filter((t) => basisHolds(basis, t));
        if (Number.isFinite(basis.until)) probes.push(basis.until - 1);
        for (const t of probes) {
          const want = referenceReport(desk, t);
          expect(overdueFromBasis(basis, t), `seed ${seed}, ${desk.config.timezone}, basis made at ${new Date(at).toISOString()}, as of ${new Date(t).toISOString()}`).toEqual(want);
          seen.checked++;
          if (want.callbacks.overdue.length > 0) seen.overdue++;
          if (want.callbacks.due_soon.length > 0) seen.dueSoon++;
          if (want.complaints.overdue.length > 0) seen.complaints++;
          if (want.quota.length > 0) seen.quota++;
          if ([...want.callbacks.overdue, ...want.callbacks.due_soon].some((o) => o.kind === 'special_service')) seen.service++;
          if (!Number.isFinite(basis.until)) seen.forGood++;
        }
      }
    }
    // every section of the report, and both kinds of basis, were met many times over
    for (const [what, n] of Object.entries(seen)) expect(n, what).toBeGreaterThan(runs / 20);
  });
});
