// SPEC §5.5: a complaint's or work order's events are appended in time order, none
// before the record was received.
import type { Finding } from '../../diagnostics/diagnostic.js';
import { itemPath } from '../desk.js';
import { toEpoch } from '../time.js';
import type { Check } from './check.js';

export const checkEventOrder: Check = (desk) => {
  const findings: Finding[] = [];
  for (const rec of [...desk.complaints, ...desk.workOrders]) {
    const received = toEpoch(rec.data.received_at);
    let previous: { at: string; t: number } | undefined;
    rec.data.events.forEach((event, i) => {
      const t = toEpoch(event.at);
      const path = itemPath(rec, 'events', i, 'at');
      if (t < received) {
        findings.push({ code: 'EVENT_BEFORE_RECEIVED', file: rec.file, path, params: { at: event.at, received: rec.data.received_at } });
      } else if (previous && t < previous.t) {
        findings.push({ code: 'EVENT_ORDER', file: rec.file, path, params: { at: event.at, previous: previous.at } });
      }
      if (!previous || t >= previous.t) previous = { at: event.at, t };
    });
  }
  return findings;
};
