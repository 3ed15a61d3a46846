// SPEC §5.5: a complaint's or work order's events are appended in time order, none
// before the record was received. When one event is out of line, it is that event
// that is reported — not every event after it.
import type { Finding } from '../../diagnostics/diagnostic.js';
import { itemPath } from '../desk.js';
import { toEpoch } from '../time.js';
import type { Check } from './check.js';

export const checkEventOrder: Check = (desk) => {
  const findings: Finding[] = [];
  for (const rec of [...desk.complaints, ...desk.workOrders]) {
    const received = toEpoch(rec.data.received_at);
    const events = rec.data.events;
    const times = events.map((e) => toEpoch(e.at));
    const early = new Set<number>();
    times.forEach((t, i) => {
      if (t < received) {
        early.add(i);
        findings.push({ code: 'EVENT_BEFORE_RECEIVED', file: rec.file, path: itemPath(rec, 'events', i, 'at'), params: { at: events[i]!.at, received: rec.data.received_at } });
      }
    });
    const inOrder = longestInOrder(times.map((t, i) => (early.has(i) ? undefined : t)));
    const sorted = [...inOrder].sort((a, b) => a - b);
    times.forEach((t, i) => {
      if (early.has(i) || inOrder.has(i)) return;
      const before = sorted.filter((j) => j < i).pop();
      const after = sorted.find((j) => j > i);
      const tooEarly = before !== undefined && times[before]! > t;
      const other = tooEarly ? before : (after ?? before);
      findings.push({
        code: 'EVENT_ORDER',
        file: rec.file,
        path: itemPath(rec, 'events', i, 'at'),
        params: { at: events[i]!.at, relation: tooEarly ? 'order-before' : 'order-after', other: other !== undefined ? events[other]!.at : '' },
      });
    });
  }
  return findings;
};

/**
 * Indexes of a longest run of events in time order (skipping undefined). Among runs
 * of that length the one spanning the least time wins: a mistyped time is an outlier.
 */
function longestInOrder(times: (number | undefined)[]): Set<number> {
  const length: number[] = [];
  const first: number[] = []; // time of the run's first event
  const prev: number[] = [];
  times.forEach((t, i) => {
    length[i] = t === undefined ? 0 : 1;
    first[i] = t ?? 0;
    prev[i] = -1;
    if (t === undefined) return;
    for (let j = 0; j < i; j++) {
      const u = times[j];
      if (u === undefined || u > t) continue;
      const longer = length[j]! + 1 > length[i]!;
      const tighter = length[j]! + 1 === length[i]! && first[j]! > first[i]!;
      if (longer || tighter) {
        length[i] = length[j]! + 1;
        first[i] = first[j]!;
        prev[i] = j;
      }
    }
  });
  let end = -1;
  length.forEach((l, i) => {
    if (l === 0) return;
    const span = times[i]! - first[i]!;
    if (end < 0 || l > length[end]! || (l === length[end]! && span < times[end]! - first[end]!)) end = i;
  });
  const out = new Set<number>();
  for (let i = end; i >= 0; i = prev[i]!) out.add(i);
  return out;
}
