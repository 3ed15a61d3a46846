// Callback obligations (SPEC §5.3) at their boundaries, and on the example desk.
import { describe, expect, it } from 'vitest';
import { deriveObligations } from '../../src/domain/callbacks.js';
import { emptyDesk } from '../../src/domain/desk.js';
import { loadDesk } from '../../src/domain/load-desk.js';
import type { CallbackItem } from '../../src/domain/records/callback-month.js';
import { resolveConfig } from '../../src/domain/records/config.js';
import type { WorkOrder } from '../../src/domain/records/work-order.js';
import { formatInstant, toEpoch } from '../../src/domain/time.js';
import { readDeskSources } from '../../src/store/desk-files.js';
import { EXAMPLE_DESK } from '../helpers/cli.js';

const config = resolveConfig({ property: 'x' });
const wo = (over: Partial<WorkOrder>): WorkOrder => ({
  id: 'WO-20261120-3MX9', kind: 'repair', received_at: '2026-11-20T09:00:00+08:00', received_by: 'S02', requester: { unit: '3-1201' }, item: '漏水', events: [], ...over,
});
const desk = (workOrders: WorkOrder[], callbacks: CallbackItem[] = []) => ({
  ...emptyDesk(config),
  workOrders: workOrders.map((data) => ({ file: 'x', data })),
  callbackMonths: [{ file: 'callbacks/2026/2026-11.yaml', data: { month: '2026-11', callbacks } }],
});
const cb = (at: string, outcome: 'completed' | 'no_answer' | 'refused' = 'completed'): CallbackItem => ({
  type: 'callback', id: `HF-20261120-${at.slice(11, 13)}${at.slice(14, 16)}`, subject: 'WO-20261120-3MX9', at, by: 'S02', method: 'phone', outcome, ...(outcome === 'completed' ? { satisfaction: 'satisfied' as const } : {}),
});
const show = (d: ReturnType<typeof desk>, asOf: string) =>
  deriveObligations(d, toEpoch(asOf)).map((o) => `${o.subject} ${formatInstant(o.from, 'Asia/Shanghai')} → ${formatInstant(o.due, 'Asia/Shanghai')} ${o.overdue ? 'overdue' : o.fulfilledBy ? 'done' : 'open'}`);

describe('callback obligations (SPEC §5.3)', () => {
  const completed = { type: 'completed' as const, at: '2026-11-21T15:00:00+08:00', by: 'S09' };

  it('a repair owes a callback within 2 days of completion: overdue from the second after', () => {
    const d = desk([wo({ events: [completed] })]);
    expect(show(d, '2026-11-23T23:59:59+08:00')).toEqual(['WO-20261120-3MX9 2026-11-21T15:00:00+08:00 → 2026-11-23T23:59:59+08:00 open']);
    expect(show(d, '2026-11-24T00:00:00+08:00')).toEqual(['WO-20261120-3MX9 2026-11-21T15:00:00+08:00 → 2026-11-23T23:59:59+08:00 overdue']);
  });

  it('no_answer and refused attempts do not fulfil it; the first completed callback does', () => {
    const d = desk([wo({ events: [completed] })], [cb('2026-11-22T10:00:00+08:00', 'no_answer'), cb('2026-11-22T16:00:00+08:00', 'refused')]);
    const [o] = deriveObligations(d, toEpoch('2026-11-24T00:00:00+08:00'));
    expect(o).toMatchObject({ overdue: true, attempts: [{ outcome: 'no_answer' }, { outcome: 'refused' }] });
    expect(show(desk([wo({ events: [completed] })], [cb('2026-11-23T10:00:00+08:00')]), '2026-11-25T09:00:00+08:00')[0]).toMatch(/done$/);
  });

  it('a leak repair counts from its leak test, and owes nothing until tested', () => {
    const leak = wo({ category: 'leak', events: [completed] });
    expect(deriveObligations(desk([leak]), toEpoch('2026-11-30T00:00:00+08:00'))).toEqual([]);
    const tested = wo({ category: 'leak', events: [completed, { type: 'leak_tested', at: '2026-11-24T10:00:00+08:00', by: 'S09', passed: true }] });
    expect(show(desk([tested]), '2026-11-25T09:00:00+08:00')).toEqual(['WO-20261120-3MX9 2026-11-24T10:00:00+08:00 → 2026-11-27T23:59:59+08:00 open']);
  });

  it('a reopened subject owes nothing until it closes again; a callback before the reopen does not count', () => {
    const events = [completed, { type: 'reopened' as const, at: '2026-11-22T09:00:00+08:00', by: 'S02', reason: '仍漏' }];
    const early = cb('2026-11-21T18:00:00+08:00');
    expect(deriveObligations(desk([wo({ events })], [early]), toEpoch('2026-11-23T00:00:00+08:00'))).toEqual([]);
    const again = [...events, { type: 'completed' as const, at: '2026-11-22T15:00:00+08:00', by: 'S09' }];
    expect(show(desk([wo({ events: again })], [early]), '2026-11-25T00:00:00+08:00')).toEqual(['WO-20261120-3MX9 2026-11-22T15:00:00+08:00 → 2026-11-24T23:59:59+08:00 overdue']);
  });

  it('a cancelled work order owes nothing; a help order only when planned', () => {
    expect(deriveObligations(desk([wo({ events: [completed, { type: 'cancelled', at: '2026-11-21T16:00:00+08:00', by: 'S02', reason: '住户取消' }] })]), toEpoch('2026-11-30T00:00:00+08:00'))).toEqual([]);
    const help = wo({ kind: 'help', events: [completed] });
    expect(deriveObligations(desk([help]), toEpoch('2026-11-30T00:00:00+08:00'))).toEqual([]);
    const planned = desk([help], [{ type: 'plan', subject: help.id, assignee: 'S03', at: '2026-11-21T16:00:00+08:00', by: 'S01' }]);
    expect(deriveObligations(planned, toEpoch('2026-11-30T00:00:00+08:00'))).toMatchObject([{ subject: help.id, assignee: 'S03', overdue: true }]);
  });

  it('a planned special service has two checkpoints, at the contract midpoint and end, each from local midnight', () => {
    const svc = wo({ kind: 'special_service', contract: { start: '2026-11-01', end: '2026-11-30' } });
    const d = desk([svc], [{ type: 'plan', subject: svc.id, assignee: 'S03', at: '2026-11-01T10:00:00+08:00', by: 'S01' }]);
    const obs = deriveObligations(d, toEpoch('2026-11-30T00:00:00+08:00'));
    expect(obs.map((o) => `${o.checkpoint} ${formatInstant(o.from, 'Asia/Shanghai')} → ${formatInstant(o.due, 'Asia/Shanghai')}`)).toEqual([
      'midterm 2026-11-15T00:00:00+08:00 → 2026-11-22T23:59:59+08:00',
      'end 2026-11-30T00:00:00+08:00 → 2026-12-07T23:59:59+08:00',
    ]);
  });
});

describe('the example desk as of 2026-11-25 09:00', () => {
  it('owes exactly the overdue callbacks its generator planted: 2 complaints, 3 repairs, 1 planned help order', () => {
    const asOf = toEpoch('2026-11-25T09:00:00+08:00');
    const { desk: loaded } = loadDesk(readDeskSources(EXAMPLE_DESK), { asOf });
    const obs = deriveObligations(loaded, asOf);
    expect(obs.filter((o) => o.overdue).map((o) => `${o.kind}${o.planned ? ' (planned)' : ''}`)).toEqual(['complaint', 'help (planned)', 'repair', 'repair', 'repair', 'complaint']);
    const soon = obs.filter((o) => !o.fulfilledBy && !o.overdue && o.due - asOf < 86_400_000);
    expect(soon.map((o) => o.kind)).toEqual(['complaint', 'repair']);
  });
});
