// A work order's state derived from its events as of an instant (SPEC §3.6):
// open → assigned → completed (→ leak-tested), or cancelled; a reopen undoes the closing.
import type { WorkOrder } from './records/work-order.js';
import { toEpoch } from './time.js';

export const WORK_ORDER_STATUSES = ['open', 'assigned', 'completed', 'leak-tested', 'cancelled'] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

export interface WorkOrderState {
  status: WorkOrderStatus;
  assignee?: string;
  /** the first `responded` event (the response-time KPI, seed 004 标准 2) */
  respondedAt?: number;
  completedAt?: number;
  /** the last leak test since the last completion */
  leakTest?: { at: number; passed: boolean };
  cancelledAt?: number;
  /** the latest event's time: a new event may not come before it (SPEC §5.5) */
  lastEventAt?: number;
}

/**
 * A work order's state from its events up to `asOf`. A reopen undoes the completion and
 * its leak test (SPEC §5.3: a reopened subject owes nothing until it closes again).
 */
export function deriveWorkOrderState(wo: WorkOrder, asOf: number): WorkOrderState {
  const s: WorkOrderState = { status: 'open' };
  for (const e of wo.events) {
    const t = toEpoch(e.at);
    if (t > asOf) continue;
    s.lastEventAt = Math.max(s.lastEventAt ?? t, t);
    switch (e.type) {
      case 'responded':
        s.respondedAt ??= t;
        break;
      case 'assigned':
        s.assignee = e.assignee;
        if (s.status === 'open') s.status = 'assigned';
        break;
      case 'completed':
        s.status = 'completed';
        s.completedAt = t;
        delete s.leakTest;
        break;
      case 'leak_tested':
        s.leakTest = { at: t, passed: e.passed };
        if (e.passed && s.status === 'completed') s.status = 'leak-tested';
        break;
      case 'cancelled':
        s.status = 'cancelled';
        s.cancelledAt = t;
        break;
      case 'reopened':
        s.status = s.assignee ? 'assigned' : 'open';
        delete s.completedAt;
        delete s.leakTest;
        delete s.cancelledAt;
        break;
      case 'note':
        break;
    }
  }
  return s;
}

