// The KPI report (SPEC §6.2) on a small desk built here, every figure worked out by hand
// from the records below — not by the engine. Default residential config: one 24-hour
// shift (day24, clerk, min 1), checklist 对讲机 2 / 钥匙 10 / 值班记录本 1, complaint
// callbacks within 3 days, repairs 2 days, help 7 days at 30%, response 10 minutes,
// repeats: complaints ≥ 2, repairs ≥ 3 per quarter.
import { describe, expect, it } from 'vitest';
import { emptyDesk, type Desk } from '../../src/domain/desk.js';
import type { CallbackItem } from '../../src/domain/records/callback-month.js';
import type { Complaint } from '../../src/domain/records/complaint.js';
import { resolveConfig } from '../../src/domain/records/config.js';
import type { DutyDay, DutyItem, Handover } from '../../src/domain/records/duty-day.js';
import type { Roster } from '../../src/domain/records/roster.js';
import type { StaffMember } from '../../src/domain/records/staff.js';
import type { WorkOrder } from '../../src/domain/records/work-order.js';
import { buildAnalysisReport } from '../../src/domain/reports/analysis.js';
import { buildKpiReport, buildKpiTrend, isHandoverComplete, monthPeriod, quarterPeriod, rate } from '../../src/domain/reports/kpi.js';
import { addDays, toEpoch } from '../../src/domain/time.js';

const config = resolveConfig({ property: '测试花园' });
const at = (local: string) => `${local}+08:00`;
const T = (local: string) => toEpoch(at(local));

const complaint = (id: string, received: string, severity: Complaint['severity'], unit: string, category: string, events: Complaint['events']): Complaint => ({
  id, received_at: at(received), received_by: 'S02', channel: 'phone', complainant: { name: '李先生', unit, phone: '13900001234' }, category, summary: `投诉 ${id}`, severity, events,
});
const ev = <E extends Complaint['events'][number]['type']>(type: E, local: string, extra: Record<string, unknown> = {}) =>
  ({ type, at: at(local), by: 'S01', ...extra }) as Extract<Complaint['events'][number], { type: E }>;

// Complaints. C3 is received in October; C5 in December; the rest in November.
const C1 = complaint('TS-20261102-0001', '2026-11-02T10:00:00', 'minor', '1-101', 'noise', [ev('resolved', '2026-11-03T10:00:00')]); // 24 h, due 11-04 → met
const C2 = complaint('TS-20261128-0002', '2026-11-28T09:00:00', 'minor', '2-202', 'parking', [ev('resolved', '2026-11-30T21:00:00')]); // 60 h, due 11-30 23:59:59 → met
const C3 = complaint('TS-20261030-0003', '2026-10-30T09:00:00', 'minor', '1-101', 'noise', [ev('resolved', '2026-11-01T10:00:00')]);
const C4 = complaint('TS-20261114-0004', '2026-11-14T11:00:00', 'important', '3-303', 'service_attitude', [
  ev('escalated', '2026-11-14T11:30:00', { to: 'S02' }), // due 12:00 → met
  ev('resolved', '2026-11-16T10:00:00'), // 47 h, due 11-17 23:59:59 → met
]);
const C5 = complaint('TS-20261205-0005', '2026-12-05T10:00:00', 'minor', '5-505', 'noise', [ev('resolved', '2026-12-06T10:00:00')]);
const C6 = complaint('TS-20261120-0006', '2026-11-20T10:00:00', 'important', '4-404', 'noise', [
  ev('escalated', '2026-11-20T11:00:01', { to: 'S02' }), // due 11:00:00 → missed by a second
  ev('assigned', '2026-11-20T11:10:00', { assignee: 'S07' }), // never resolved: due 11-23 23:59:59 → missed, S07's
]);
const C7 = complaint('TS-20261125-0007', '2026-11-25T10:00:00', 'minor', '6-606', 'security', [
  ev('escalated', '2026-11-25T15:00:00', { to: 'S01' }),
  ev('reclassified', '2026-11-26T09:00:00', { severity: 'major', reason: '涉及安全' }), // major as of T: escalate same day → met
  ev('replied', '2026-11-27T10:00:00'), // reply within 2 days (11-27 23:59:59) → met; resolve by 12-05 → open
]);

const wo = (id: string, kind: WorkOrder['kind'], received: string, unit: string, category: string | undefined, events: [WorkOrder['events'][number]['type'], string, Record<string, unknown>?][]): WorkOrder => ({
  id, kind, received_at: at(received), received_by: 'S02', requester: { name: '王女士', unit, phone: '13700004321' }, item: `工单 ${id}`,
  ...(category ? { category } : {}),
  events: events.map(([type, local, extra]) => ({ type, at: at(local), by: 'S09', ...(extra ?? {}) }) as WorkOrder['events'][number]),
});
const WO1 = wo('WO-20261110-0001', 'repair', '2026-11-10T09:00:00', '3-303', 'electrical', [['responded', '2026-11-10T09:10:00'], ['completed', '2026-11-10T15:00:00']]); // 10:00 → within
const WO2 = wo('WO-20261111-0002', 'repair', '2026-11-11T09:00:00', '3-303', 'electrical', [['responded', '2026-11-11T09:10:01'], ['completed', '2026-11-11T16:00:00']]); // 10:01 → not
const WO3 = wo('WO-20261120-0003', 'help', '2026-11-20T09:00:00', '7-707', undefined, [['responded', '2026-11-20T09:05:00'], ['completed', '2026-11-20T10:00:00']]);
const WO4 = wo('WO-20261201-0004', 'repair', '2026-12-01T09:00:00', '3-303', 'electrical', [['responded', '2026-12-01T09:03:00']]);
const WO5 = wo('WO-20261121-0005', 'repair', '2026-11-21T09:00:00', '3-303', 'electrical', [['responded', '2026-11-21T09:02:00'], ['cancelled', '2026-11-21T10:00:00', { reason: '住户自行处理' }]]);

const cb = (id: string, subject: string, local: string, by: string, outcome: 'completed' | 'no_answer', satisfaction?: string, escalatedTo?: string): CallbackItem => ({
  type: 'callback', id, subject, at: at(local), by, method: 'phone', outcome,
  ...(satisfaction ? { satisfaction: satisfaction as 'satisfied' } : {}), ...(escalatedTo ? { escalated_to: escalatedTo } : {}),
});
const novCallbacks: CallbackItem[] = [
  cb('HF-20261105-0001', C1.id, '2026-11-05T10:00:00', 'S03', 'completed', 'satisfied'), // C1 due 11-06 → on time
  cb('HF-20261114-0003', WO1.id, '2026-11-14T10:00:00', 'S04', 'completed', 'dissatisfied', C4.id), // WO1 due 11-12 → late
  cb('HF-20261120-0004', WO2.id, '2026-11-20T09:00:00', 'S03', 'no_answer'), // an attempt: not a response
  cb('HF-20261120-0006', C3.id, '2026-11-20T15:00:00', 'S04', 'completed', 'very_dissatisfied', 'TS-20261120-NONE'), // C3 due 11-04 → late; names no complaint
  { type: 'plan', subject: WO2.id, assignee: 'S05', at: at('2026-11-11T17:00:00'), by: 'S01' },
];
// made after November ended but before T: fulfils C2's window (from 11-30 21:00, due 12-03 23:59:59) on time
const decCallbacks: CallbackItem[] = [cb('HF-20261202-0002', C2.id, '2026-12-02T10:00:00', 'S03', 'completed', 'very_satisfied')];

const checklist = (short?: { item: string; counted: number; note?: string }, drop?: string): Handover['checklist'] =>
  config.handover.checklist
    .filter((c) => c.item !== drop)
    .map((c) => (short && short.item === c.item ? { item: c.item, expected: c.count, counted: short.counted, ...(short.note ? { note: short.note } : {}) } : { item: c.item, expected: c.count, counted: c.count }));
const handover = (day: string, from: string, to: string, list: Handover['checklist']): Handover => ({
  type: 'handover', at: at(`${addDays(day, 1)}T08:20:00`), shift: 'day24', from, to, checklist: list,
  signed: { outgoing: at(`${addDays(day, 1)}T08:25:00`), incoming: at(`${addDays(day, 1)}T08:26:00`) },
});
const entry = (id: string, local: string, by: string): DutyItem => ({ type: 'entry', id, at: at(local), by, channel: 'phone', kind: 'consult', content: '咨询', status: 'done' });
const dutyDays: DutyDay[] = [
  { date: '2026-11-01', log: [entry('D-20261101-0001', '2026-11-01T09:00:00', 'S02'), entry('D-20261101-0002', '2026-11-01T15:00:00', 'S02'), handover('2026-11-01', 'S02', 'S03', checklist()), { type: 'review', at: at('2026-11-02T09:00:00'), by: 'S01', digest: `sha256:${'0'.repeat(64)}` }] },
  // a key short, noted: still complete
  { date: '2026-11-02', log: [entry('D-20261102-0001', '2026-11-02T10:00:00', 'S03'), handover('2026-11-02', 'S03', 'S02', checklist({ item: '钥匙', counted: 9, note: '一把借给工程部' }))] },
  // the log book not counted at all: incomplete
  { date: '2026-11-03', log: [handover('2026-11-03', 'S02', 'S03', checklist(undefined, '值班记录本'))] },
];

const staff: StaffMember[] = [
  { id: 'S01', name: '周经理', roles: ['manager'] },
  { id: 'S02', name: '王芳', roles: ['clerk'] },
  { id: 'S03', name: '李娜', roles: ['clerk'], leave: [{ from: '2026-11-17', to: '2026-11-17' }] },
  { id: 'S04', name: '陈静', roles: ['clerk'] },
  { id: 'S05', name: '刘洋', roles: ['clerk'] },
  { id: 'S07', name: '孙丽', roles: ['clerk'] },
  { id: 'S09', name: '张伟', roles: ['maintenance'] },
];
// S02 every day but: 11-15 nobody, 11-16 a maintenance worker (not eligible), 11-17 S03 on leave → 3 gaps
const roster: Roster = {
  month: '2026-11', status: 'approved',
  assignments: Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`)
    .filter((date) => date !== '2026-11-15')
    .map((date) => ({ date, shift: 'day24', staff: [date === '2026-11-16' ? 'S09' : date === '2026-11-17' ? 'S03' : 'S02'] })),
};

const desk: Desk = {
  ...emptyDesk(config),
  staff, staffKnown: true,
  rosters: [{ file: 'rosters/2026-11.yaml', data: roster }],
  dutyDays: dutyDays.map((data) => ({ file: `duty/2026/11/${data.date}.yaml`, data })),
  complaints: [C1, C2, C3, C4, C5, C6, C7].map((data) => ({ file: 'x', data })),
  workOrders: [WO1, WO2, WO3, WO4, WO5].map((data) => ({ file: 'x', data })),
  callbackMonths: [
    { file: 'callbacks/2026/2026-11.yaml', data: { month: '2026-11', callbacks: novCallbacks } },
    { file: 'callbacks/2026/2026-12.yaml', data: { month: '2026-12', callbacks: decCallbacks } },
  ],
};

const NOV = monthPeriod('2026-11')!;
const AS_OF = T('2026-12-03T12:00:00');
const nov = buildKpiReport(desk, NOV, AS_OF, { byStaff: true });

describe('periods', () => {
  it('a month and a quarter are ranges of local dates; anything else is not a period', () => {
    expect(NOV).toEqual({ from: '2026-11-01', to: '2026-11-30', label: '2026-11' });
    expect(monthPeriod('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28', label: '2026-02' });
    expect(quarterPeriod('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31', label: '2026-Q4' });
    expect(quarterPeriod('2026-Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31', label: '2026-Q1' });
    expect([monthPeriod('2026-13'), monthPeriod('2026-1'), quarterPeriod('2026-Q5'), quarterPeriod('2026Q4')]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('rates are fractions to 4 places; a zero denominator is null', () => {
    expect([rate(2, 3), rate(1, 3), rate(0, 5), rate(0, 0), rate(5, 5)]).toEqual([0.6667, 0.3333, 0, null, 1]);
  });

  it('period and as_of are echoed', () => {
    expect(nov.period).toEqual(NOV);
    expect(nov.as_of).toBe('2026-12-03T12:00:00+08:00');
    expect(nov.quarter).toEqual(quarterPeriod('2026-Q4'));
  });
});

describe('callbacks.by_kind (SPEC §6.2)', () => {
  it('complaint: C1, C2, C3 (resolved 11-01 though received in October) and C4 closed in November; C2 called back on 12-02 counts', () => {
    // done: C1 (on time), C3 (11-20, due 11-04: late), C2 (12-02, due 12-03: on time); C4 never
    expect(nov.callbacks.by_kind.complaint).toEqual({ closed: 4, obligations: 4, done: 3, on_time: 2, rate: 0.75, on_time_rate: 0.6667, target: 1 });
  });

  it('the callback made after the period but before --as-of counts; as of the period end it had not been made', () => {
    const atMonthEnd = buildKpiReport(desk, NOV, T('2026-12-01T00:00:00'));
    expect(atMonthEnd.callbacks.by_kind.complaint).toMatchObject({ closed: 4, done: 2, on_time: 1, rate: 0.5, on_time_rate: 0.5 });
  });

  it('repair: WO1 called back late, WO2 only attempted; the cancelled WO5 and the open WO4 are not closed', () => {
    expect(nov.callbacks.by_kind.repair).toEqual({ closed: 2, obligations: 2, done: 1, on_time: 0, rate: 0.5, on_time_rate: 0, target: 1 });
  });

  it('help at 30%: closed but not owed (not planned), not called back: on-time rate has no denominator', () => {
    expect(nov.callbacks.by_kind.help).toEqual({ closed: 1, obligations: 0, done: 0, on_time: 0, rate: 0, on_time_rate: null, target: 0.3 });
  });

  it('kinds with nothing closed: every rate null', () => {
    for (const kind of ['special_service', 'first_aid', 'activity', 'other'] as const) {
      expect(nov.callbacks.by_kind[kind]).toMatchObject({ closed: 0, obligations: 0, done: 0, on_time: 0, rate: null, on_time_rate: null });
    }
    expect(nov.callbacks.by_kind.activity.target).toBe(0.1);
  });
});

describe('callbacks.satisfaction and unsatisfied_without_complaint', () => {
  it('responses: the completed callbacks timed in November (not the no_answer, not December’s)', () => {
    // HF-0001 satisfied, HF-0003 dissatisfied, HF-0006 very_dissatisfied
    expect(nov.callbacks.satisfaction).toEqual({ responses: 3, satisfied: 1, rate: 0.3333, target: 0.9 });
  });

  it('a dissatisfied callback escalated to a complaint that does not exist is listed; one escalated to C4 is not', () => {
    expect(nov.callbacks.unsatisfied_without_complaint).toEqual(['HF-20261120-0006']);
  });

  it('no responses: the rate is null', () => {
    const oct = buildKpiReport(desk, monthPeriod('2026-10')!, AS_OF);
    expect(oct.callbacks.satisfaction).toEqual({ responses: 0, satisfied: 0, rate: null, target: 0.9 });
  });
});

describe('complaints (received in the period, severity as of T)', () => {
  it('received: C1, C2, C4, C6, C7 — not C3 (October) nor C5 (December)', () => {
    expect(nov.complaints.received).toBe(5);
  });

  it('minor: C1 and C2 resolved on time in 24 h and 60 h → median 42', () => {
    expect(nov.complaints.by_severity.minor).toMatchObject({ received: 2, resolved: 2, resolved_on_time: 2, escalated_on_time: null, replied_on_time: null, median_hours_to_resolve: 42 });
  });

  it('important: C4 escalated in 30 min and resolved in 47 h; C6 escalated a second late and never resolved', () => {
    expect(nov.complaints.by_severity.important).toMatchObject({ received: 2, resolved: 1, resolved_on_time: 1, escalated_on_time: 1, replied_on_time: null, median_hours_to_resolve: 47 });
    expect(nov.complaints.by_severity.important.deadlines).toEqual({
      escalate: { met: 1, missed: 1, open: 0, rate: 0.5 }, reply: null, resolve: { met: 1, missed: 1, open: 0, rate: 0.5 },
    });
  });

  it('major: C7, received minor but reclassified major before T; its resolve deadline (12-05) is still open', () => {
    expect(nov.complaints.by_severity.major).toMatchObject({ received: 1, resolved: 0, resolved_on_time: 0, escalated_on_time: 1, replied_on_time: 1, median_hours_to_resolve: null });
    expect(nov.complaints.by_severity.major.deadlines.resolve).toEqual({ met: 0, missed: 0, open: 1, rate: null });
    // as of 11-25 23:00 it was still minor (with C1; C2 was not received yet)
    const before = buildKpiReport(desk, NOV, T('2026-11-25T23:00:00'));
    expect([before.complaints.by_severity.major.received, before.complaints.by_severity.minor.received]).toEqual([0, 2]);
  });

  it('repeats over the quarter: 1-101 noise twice (C3 in October, C1) is at the threshold 2; 2-202 parking once is not', () => {
    expect(nov.complaints.repeats).toEqual([{ unit: '1-101', category: 'noise', count: 2, ids: [C3.id, C1.id] }]);
  });
});

describe('workorders', () => {
  it('received in November by kind; responded within 10 minutes: exactly 10:00 counts, 10:01 does not', () => {
    expect(nov.workorders).toMatchObject({
      received: 4,
      by_kind: { repair: 3, special_service: 0, help: 1, first_aid: 0, activity: 0, other: 0 },
      // WO1 10:00 ✓, WO2 10:01 ✗, WO3 5:00 ✓, WO5 2:00 ✓
      responded_within_target: 0.75,
      responses_judged: 4,
      responses_within: 3,
    });
  });

  it('an order still inside its response window at T is not judged yet; past it, unanswered, it is judged late', () => {
    const quiet = wo('WO-20261130-0009', 'repair', '2026-11-30T23:55:00', '9-909', 'door', []);
    const d: Desk = { ...desk, workOrders: [...desk.workOrders, { file: 'x', data: quiet }] };
    expect(buildKpiReport(d, NOV, T('2026-12-01T00:05:00')).workorders).toMatchObject({ received: 5, responses_judged: 4, responses_within: 3 });
    expect(buildKpiReport(d, NOV, T('2026-12-01T00:05:01')).workorders).toMatchObject({ received: 5, responses_judged: 5, responses_within: 3, responded_within_target: 0.6 });
  });

  it('repair repeats over the quarter: 3-303 electrical twice by 11-30 (threshold − 1), three times once WO4 arrives 12-01; the cancelled WO5 never counts', () => {
    expect(buildKpiReport(desk, NOV, T('2026-11-30T23:00:00')).workorders.repeats).toEqual([]);
    expect(nov.workorders.repeats).toEqual([{ unit: '3-303', category: 'electrical', count: 3, ids: [WO1.id, WO2.id, WO4.id] }]);
  });
});

describe('duty', () => {
  it('30 ended duty days; logs on 3, handovers 3 of which 2 complete, 1 reviewed, 3 roster gaps', () => {
    expect(nov.duty).toMatchObject({ days: 30, days_with_log: 3, handovers: 3, handovers_complete: 2, days_reviewed: 1, roster_gaps: 3 });
    expect(nov.duty.rates).toEqual({ days_with_log: 0.1, handovers_complete: 0.6667, days_reviewed: 0.0333 });
    expect(nov.duty.gaps).toEqual([
      { date: '2026-11-15', shift: 'day24', staffed: 0, min_staff: 1 },
      { date: '2026-11-16', shift: 'day24', staffed: 0, min_staff: 1 },
      { date: '2026-11-17', shift: 'day24', staffed: 0, min_staff: 1 },
    ]);
  });

  it('a duty day in progress is not judged: as of 11-02 12:00 only 11-01 has ended', () => {
    const early = buildKpiReport(desk, NOV, T('2026-11-02T12:00:00'));
    expect(early.duty).toMatchObject({ days: 1, days_with_log: 1, handovers: 1, handovers_complete: 1, days_reviewed: 1, roster_gaps: 0 });
  });

  it('no day ended yet: rates null', () => {
    expect(buildKpiReport(desk, NOV, T('2026-11-01T12:00:00')).duty).toMatchObject({ days: 0, handovers: 0, rates: { days_with_log: null, handovers_complete: null, days_reviewed: null } });
  });

  it('a complete handover: every checklist item counted, or its shortfall noted, and both signed by T', () => {
    const h = handover('2026-11-01', 'S02', 'S03', checklist());
    expect(isHandoverComplete(h, config, T('2026-11-02T08:30:00'))).toBe(true);
    expect(isHandoverComplete(h, config, T('2026-11-02T08:25:30'))).toBe(false); // incoming not yet signed
    expect(isHandoverComplete(handover('2026-11-01', 'S02', 'S03', checklist({ item: '对讲机', counted: 1 })), config, AS_OF)).toBe(false);
    expect(isHandoverComplete(handover('2026-11-01', 'S02', 'S03', checklist({ item: '对讲机', counted: 1, note: '送修' })), config, AS_OF)).toBe(true);
  });
});

describe('--by staff', () => {
  it('entries, callbacks made, on-time share, overdue owned, handovers signed', () => {
    const row = (id: string) => nov.by_staff!.find((s) => s.staff === id);
    // S03: HF-0001 and the no_answer in November; fulfilled C1 (on time) and C2 (12-02, on time)
    expect(row('S03')).toMatchObject({ name: '李娜', entries_logged: 1, callbacks_made: 2, callbacks_completed: 1, callbacks_fulfilled: 2, callbacks_on_time: 2, on_time_rate: 1, handovers_signed: 3 });
    // S04: WO1 and C3, both late
    expect(row('S04')).toMatchObject({ callbacks_made: 2, callbacks_fulfilled: 2, callbacks_on_time: 0, on_time_rate: 0, overdue_owned: 0 });
    expect(row('S02')).toMatchObject({ entries_logged: 2, callbacks_made: 0, on_time_rate: null, handovers_signed: 3 });
    // WO2 planned to S05 and overdue; C6 assigned to S07, resolve deadline passed
    expect(row('S05')).toMatchObject({ overdue_owned: 1 });
    expect(row('S07')).toMatchObject({ overdue_owned: 1 });
  });

  it('absent unless asked for', () => {
    expect(buildKpiReport(desk, NOV, AS_OF).by_staff).toBeUndefined();
  });
});

describe('a quarter spanning three months', () => {
  const asOf = T('2027-01-05T12:00:00');
  const q4 = buildKpiReport(desk, quarterPeriod('2026-Q4')!, asOf);
  const months = ['2026-10', '2026-11', '2026-12'].map((m) => buildKpiReport(desk, monthPeriod(m)!, asOf));

  it('counts what each of its months counts: complaints 1 + 5 + 1, work orders 0 + 4 + 1, complaint callback windows 0 + 4 + 1', () => {
    expect(months.map((m) => m.complaints.received)).toEqual([1, 5, 1]);
    expect(q4.complaints.received).toBe(7);
    expect(months.map((m) => m.workorders.received)).toEqual([0, 4, 1]);
    expect(q4.workorders.received).toBe(5);
    expect(months.map((m) => m.callbacks.by_kind.complaint.closed)).toEqual([0, 4, 1]);
    expect(q4.callbacks.by_kind.complaint).toMatchObject({ closed: 5, done: 3, on_time: 2, rate: 0.6, on_time_rate: 0.6667 });
  });

  it('duty days: 31 + 30 + 31; responses over the quarter: HF-0001, -0003, -0006 and December’s -0002', () => {
    expect(q4.duty.days).toBe(92);
    expect(q4.callbacks.satisfaction).toEqual({ responses: 4, satisfied: 2, rate: 0.5, target: 0.9 });
  });

  it('its repeats are the same as its months’ (the quarter contains itself)', () => {
    expect(q4.complaints.repeats).toEqual(months[1]!.complaints.repeats);
    expect(q4.workorders.repeats).toEqual(months[1]!.workorders.repeats);
  });
});

describe('trend and the quarterly analysis', () => {
  it('the trend holds the earlier periods that have records: October (C3), not September', () => {
    const trend = buildKpiTrend(desk, NOV, AS_OF);
    expect(trend.map((p) => p.period.label)).toEqual(['2026-10']);
    expect(trend[0]!.figures['complaints.received']).toBe(1);
    expect(trend[0]!.figures['callbacks.satisfaction.rate']).toBeNull();
  });

  it('analysis: the unsatisfied callbacks with what was done, the repeats with their records, names masked', () => {
    const a = buildAnalysisReport(desk, quarterPeriod('2026-Q4')!, AS_OF, { reveal: false });
    expect(a.unsatisfied.map((u) => [u.callback, u.handled, u.escalated_to?.id, u.escalated_to?.found, u.escalated_to?.status])).toEqual([
      ['HF-20261114-0003', 'resolved', C4.id, true, 'resolved'],
      ['HF-20261120-0006', 'none', 'TS-20261120-NONE', false, undefined],
    ]);
    expect(a.repeated_complaints).toEqual([{ unit: '1-101', category: 'noise', count: 2, records: [
      expect.objectContaining({ id: C3.id, complainant: '李*', status: 'resolved' }),
      expect.objectContaining({ id: C1.id, complainant: '李*', status: 'resolved' }),
    ] }]);
    expect(a.repeated_repairs[0]!.records.map((r) => [r.id, r.status, r.callback?.satisfaction])).toEqual([
      [WO1.id, 'completed', 'dissatisfied'], [WO2.id, 'completed', undefined], [WO4.id, 'open', undefined],
    ]);
    expect(JSON.stringify(a)).not.toMatch(/1[3-9]\d{9}/);
    expect(buildAnalysisReport(desk, quarterPeriod('2026-Q4')!, AS_OF, { reveal: true }).repeated_complaints[0]!.records[0]!.complainant).toBe('李先生');
  });
});
