// Every row of SPEC §5.2 and §5.3, each at its boundary: one second before the due
// instant, the due instant itself (still on time), and one second after (overdue).
// The due instants are worked out by hand from the tables, not by the engine.
import { describe, expect, it } from 'vitest';
import { deriveCallbackSubjects } from '../../src/domain/callbacks.js';
import { deriveComplaintState } from '../../src/domain/complaints.js';
import { emptyDesk } from '../../src/domain/desk.js';
import type { Complaint } from '../../src/domain/records/complaint.js';
import { resolveConfig } from '../../src/domain/records/config.js';
import type { WorkOrder } from '../../src/domain/records/work-order.js';
import { formatInstant, toEpoch } from '../../src/domain/time.js';

const TZ = 'Asia/Shanghai';
const config = resolveConfig({ property: 'x' });
const second = 1000;

/** [as-of, verdict] at due − 1 s, due, due + 1 s. */
function around(due: string): [number, 'on time' | 'overdue'][] {
  const t = toEpoch(due);
  return [[t - second, 'on time'], [t, 'on time'], [t + second, 'overdue']];
}

describe('SPEC §5.2: complaint deadlines by severity, counted from received_at (Fri 2026-11-20 10:05)', () => {
  const complaint = (severity: Complaint['severity'], requested?: string): Complaint => ({
    id: 'TS-20261120-K7Q2', received_at: '2026-11-20T10:05:00+08:00', received_by: 'S02', channel: 'phone', complainant: { unit: '3-1201' },
    category: 'noise', summary: 'x', severity, ...(requested ? { requested_deadline: requested } : {}), events: [],
  });
  const rows: [string, Complaint, string, string][] = [
    ['major: escalate to the manager the same day', complaint('major'), 'escalate', '2026-11-20T23:59:59+08:00'],
    ['major: reply within 2 days', complaint('major'), 'reply', '2026-11-22T23:59:59+08:00'],
    ['major: resolve within 10 days', complaint('major'), 'resolve', '2026-11-30T23:59:59+08:00'],
    ['important: escalate to the supervisor within 1 hour', complaint('important'), 'escalate', '2026-11-20T11:05:00+08:00'],
    ['important: resolve within 3 days', complaint('important'), 'resolve', '2026-11-23T23:59:59+08:00'],
    ['minor: resolve within 2 days', complaint('minor'), 'resolve', '2026-11-22T23:59:59+08:00'],
    ["minor: by the resident's requested deadline", complaint('minor', '2026-11-26'), 'resolve', '2026-11-26T23:59:59+08:00'],
  ];
  it.each(rows)('%s', (_name, c, stage, due) => {
    for (const [asOf, verdict] of around(due)) {
      const d = deriveComplaintState(c, config, asOf).deadlines.find((x) => x.stage === stage)!;
      expect(formatInstant(d.due, TZ)).toBe(due);
      expect(d.status === 'missed' ? 'overdue' : 'on time', formatInstant(asOf, TZ)).toBe(verdict);
    }
  });

  it('important and minor complaints have no reply stage; minor ones no escalation', () => {
    expect(deriveComplaintState(complaint('important'), config, 0).deadlines.map((d) => d.stage)).toEqual(['escalate', 'resolve']);
    expect(deriveComplaintState(complaint('minor'), config, 0).deadlines.map((d) => d.stage)).toEqual(['resolve']);
  });
});

describe('SPEC §5.3: callback windows by subject', () => {
  const wo = (kind: WorkOrder['kind'], category: string | undefined, events: WorkOrder['events'], contract?: WorkOrder['contract']): WorkOrder => ({
    id: 'WO-20261120-3MX9', kind, received_at: '2026-11-20T09:00:00+08:00', received_by: 'S02', requester: { unit: '3-1201' }, item: 'x',
    ...(category ? { category } : {}), ...(contract ? { contract } : {}), events,
  });
  const completed = { type: 'completed' as const, at: '2026-11-21T15:00:00+08:00', by: 'S09' };
  const resolvedComplaint: Complaint = {
    id: 'TS-20261120-K7Q2', received_at: '2026-11-20T10:05:00+08:00', received_by: 'S02', channel: 'phone', complainant: { unit: '3-1201' },
    category: 'noise', summary: 'x', severity: 'minor', events: [{ type: 'resolved', at: '2026-11-21T15:00:00+08:00', by: 'S07' }],
  };
  const plan = { type: 'plan' as const, subject: 'WO-20261120-3MX9', assignee: 'S03', at: '2026-11-20T09:30:00+08:00', by: 'S01' };
  const desk = (workOrders: WorkOrder[], complaints: Complaint[] = [], planned = false) => ({
    ...emptyDesk(config),
    complaints: complaints.map((data) => ({ file: 'x', data })),
    workOrders: workOrders.map((data) => ({ file: 'x', data })),
    callbackMonths: [{ file: 'callbacks/2026/2026-11.yaml', data: { month: '2026-11', callbacks: planned ? [plan] : [] } }],
  });
  // [row, desk, checkpoint, counts from, due, rate]
  const rows: [string, ReturnType<typeof desk>, string | undefined, string, string, number][] = [
    ['complaint: 3 days from resolved', desk([], [resolvedComplaint]), undefined, '2026-11-21T15:00:00+08:00', '2026-11-24T23:59:59+08:00', 1],
    ['repair, safety: 2 days from completed', desk([wo('repair', 'safety', [completed])]), undefined, '2026-11-21T15:00:00+08:00', '2026-11-23T23:59:59+08:00', 1],
    ['repair, leak: 3 days from leak_tested', desk([wo('repair', 'leak', [completed, { type: 'leak_tested', at: '2026-11-22T10:00:00+08:00', by: 'S09', passed: true }])]), undefined, '2026-11-22T10:00:00+08:00', '2026-11-25T23:59:59+08:00', 1],
    ['repair, other: 2 days from completed', desk([wo('repair', 'door', [completed])]), undefined, '2026-11-21T15:00:00+08:00', '2026-11-23T23:59:59+08:00', 1],
    ['special_service midterm: 7 days from the contract midpoint (11-01 + ⌊60/2⌋ = 12-01)', desk([wo('special_service', undefined, [], { start: '2026-11-01', end: '2026-12-31' })], [], true), 'midterm', '2026-12-01T00:00:00+08:00', '2026-12-08T23:59:59+08:00', 0.3],
    ['special_service end: 7 days from the contract end', desk([wo('special_service', undefined, [], { start: '2026-11-01', end: '2026-12-31' })], [], true), 'end', '2026-12-31T00:00:00+08:00', '2027-01-07T23:59:59+08:00', 0.3],
    ['help: 7 days from completed (planned)', desk([wo('help', undefined, [completed])], [], true), undefined, '2026-11-21T15:00:00+08:00', '2026-11-28T23:59:59+08:00', 0.3],
    ['first_aid: 7 days from completed (planned)', desk([wo('first_aid', undefined, [completed])], [], true), undefined, '2026-11-21T15:00:00+08:00', '2026-11-28T23:59:59+08:00', 0.3],
    ['activity: 7 days from completed (planned)', desk([wo('activity', undefined, [completed])], [], true), undefined, '2026-11-21T15:00:00+08:00', '2026-11-28T23:59:59+08:00', 0.1],
    ['other: 7 days from completed (planned)', desk([wo('other', undefined, [completed])], [], true), undefined, '2026-11-21T15:00:00+08:00', '2026-11-28T23:59:59+08:00', 0],
  ];
  it.each(rows)('%s', (_name, d, checkpoint, from, due, rate) => {
    for (const [asOf, verdict] of around(due)) {
      const o = deriveCallbackSubjects(d, asOf).find((x) => x.checkpoint === checkpoint)!;
      expect([formatInstant(o.from, TZ), formatInstant(o.due, TZ), o.rule.rate, o.owed]).toEqual([from, due, rate, true]);
      expect(o.overdue ? 'overdue' : 'on time', formatInstant(asOf, TZ)).toBe(verdict);
    }
  });

  it('below 100%, an unplanned subject owes nothing (it only counts toward the quota)', () => {
    const [o] = deriveCallbackSubjects(desk([wo('help', undefined, [completed])]), toEpoch('2026-12-31T00:00:00+08:00'));
    expect([o!.owed, o!.overdue]).toEqual([false, false]);
  });

  it('a leak repair without a leak test, a cancelled order and an invalid complaint owe nothing', () => {
    const asOf = toEpoch('2026-12-31T00:00:00+08:00');
    expect(deriveCallbackSubjects(desk([wo('repair', 'leak', [completed])]), asOf)).toEqual([]);
    expect(deriveCallbackSubjects(desk([wo('repair', 'door', [completed, { type: 'cancelled', at: '2026-11-21T16:00:00+08:00', by: 'S02', reason: 'x' }])]), asOf)).toEqual([]);
    const invalid: Complaint = { ...resolvedComplaint, events: [...resolvedComplaint.events, { type: 'invalid', at: '2026-11-21T16:00:00+08:00', by: 'S01', reason: 'x' }] };
    expect(deriveCallbackSubjects(desk([], [invalid]), asOf)).toEqual([]);
  });
});
