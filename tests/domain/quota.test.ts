// The monthly callback quota for kinds below 100% (SPEC §5.3): ⌈rate × closed⌉ completed
// callbacks, closed = subjects whose callback counts from an instant in the month up to T.
import { describe, expect, it } from 'vitest';
import { emptyDesk } from '../../src/domain/desk.js';
import type { CallbackItem } from '../../src/domain/records/callback-month.js';
import { resolveConfig } from '../../src/domain/records/config.js';
import type { WorkOrder } from '../../src/domain/records/work-order.js';
import { buildOverdueReport } from '../../src/domain/reports/overdue.js';
import { toEpoch } from '../../src/domain/time.js';

const config = resolveConfig({ property: 'x' });

/** n help orders completed on 11-0(i+1) 10:00, in unit `units[i]`. */
function helpOrders(n: number, units: (i: number) => string = (i) => `1-${100 + i}`): WorkOrder[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `WO-202611${String(i + 1).padStart(2, '0')}-H${String(i).padStart(3, '0')}`,
    kind: 'help' as const, received_at: `2026-11-${String(i + 1).padStart(2, '0')}T09:00:00+08:00`, received_by: 'S02', requester: { unit: units(i) }, item: '求助',
    events: [{ type: 'completed' as const, at: `2026-11-${String(i + 1).padStart(2, '0')}T10:00:00+08:00`, by: 'S09' }],
  }));
}
const done = (subject: string, at: string): CallbackItem => ({ type: 'callback', id: `HF-20261120-${subject.slice(-4)}`, subject, at, by: 'S03', method: 'phone', outcome: 'completed', satisfaction: 'satisfied' });
const report = (workOrders: WorkOrder[], callbacks: CallbackItem[], asOf: string) =>
  buildOverdueReport({
    ...emptyDesk(config),
    workOrders: workOrders.map((data) => ({ file: 'x', data })),
    callbackMonths: [{ file: 'callbacks/2026/2026-11.yaml', data: { month: '2026-11', callbacks } }],
  }, toEpoch(asOf)).quota;

describe('callback quota (SPEC §5.3)', () => {
  it('7 closed help orders at 30%: ⌈2.1⌉ = 3 needed, less the 1 done', () => {
    const orders = helpOrders(7);
    expect(report(orders, [done(orders[0]!.id, '2026-11-20T10:00:00+08:00')], '2026-11-25T09:00:00+08:00')).toEqual([
      { kind: 'help', month: '2026-11', closed: 7, done: 1, target: 0.3, needed: 2, suggest: [orders[1]!.id, orders[2]!.id] },
    ]);
  });

  it('10 closed at 30% is exactly 3, not 4 (0.3 × 10 in floating point is 3.0000000000000004)', () => {
    expect(report(helpOrders(10), [], '2026-11-25T09:00:00+08:00')[0]).toMatchObject({ closed: 10, done: 0, needed: 3 });
  });

  it('only subjects closed by T count: as of 11-03 09:59:59 two are closed, at 10:00:00 three', () => {
    const orders = helpOrders(7);
    expect(report(orders, [], '2026-11-03T09:59:59+08:00')[0]).toMatchObject({ closed: 2, needed: 1 });
    expect(report(orders, [], '2026-11-03T10:00:00+08:00')[0]).toMatchObject({ closed: 3, needed: 1 });
    expect(report(orders, [], '2026-11-04T10:00:00+08:00')[0]).toMatchObject({ closed: 4, needed: 2 });
  });

  it('met quota: no line at all', () => {
    const orders = helpOrders(3);
    expect(report(orders, [done(orders[2]!.id, '2026-11-20T10:00:00+08:00')], '2026-11-25T09:00:00+08:00')).toEqual([]);
  });

  it('suggestions: units with repeat trouble first, then the oldest', () => {
    const orders = helpOrders(7, (i) => (i === 4 || i === 6 ? '9-0901' : `1-${100 + i}`));
    const [line] = report(orders, [], '2026-11-25T09:00:00+08:00');
    expect(line!.suggest).toEqual([orders[4]!.id, orders[6]!.id, orders[0]!.id]);
  });
});
