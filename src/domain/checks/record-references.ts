// SPEC §5.5: an update, correction, handover, link, callback, review or plan names
// a record that exists.
import type { Finding, Path } from '../../diagnostics/diagnostic.js';
import { itemPath } from '../desk.js';
import type { Check } from './check.js';

export const checkRecordReferences: Check = (desk) => {
  const entries = new Set<string>();
  const callbacks = new Set<string>();
  for (const day of desk.dutyDays) for (const item of day.data.log) if (item.type === 'entry') entries.add(item.id);
  for (const m of desk.callbackMonths) for (const item of m.data.callbacks) if (item.type === 'callback') callbacks.add(item.id);
  const complaints = new Set(desk.complaints.map((c) => c.data.id));
  const workOrders = new Set(desk.workOrders.map((w) => w.data.id));

  const findings: Finding[] = [];
  const exists = (id: string, kind: 'entry' | 'callback' | 'complaint' | 'case') => {
    if (desk.unreadableIds.has(id)) return true; // already reported where it is defined
    switch (kind) {
      case 'entry': return entries.has(id);
      case 'callback': return callbacks.has(id);
      case 'complaint': return complaints.has(id);
      case 'case': return complaints.has(id) || workOrders.has(id);
    }
  };
  const ref = (id: string | undefined, kind: Parameters<typeof exists>[1], file: string, path: Path) => {
    if (id !== undefined && !exists(id, kind)) findings.push({ code: 'REF_DANGLING', file, path, params: { id, kind } });
  };

  for (const day of desk.dutyDays) {
    day.data.log.forEach((item, i) => {
      const p = (...rest: (string | number)[]) => itemPath(day, 'log', i, ...rest);
      if (item.type === 'update' || item.type === 'correction') ref(item.entry, 'entry', day.file, p('entry'));
      if (item.type === 'entry' || item.type === 'update') item.links?.forEach((id, j) => ref(id, 'case', day.file, p('links', j)));
      if (item.type === 'correction') item.set.links?.forEach((id, j) => ref(id, 'case', day.file, p('set', 'links', j)));
      if (item.type === 'handover') item.carried_over?.forEach((id, j) => ref(id, 'entry', day.file, p('carried_over', j)));
    });
  }
  for (const m of desk.callbackMonths) {
    m.data.callbacks.forEach((item, i) => {
      const p = (...rest: string[]) => itemPath(m, 'callbacks', i, ...rest);
      if (item.type === 'callback') {
        ref(item.subject, 'case', m.file, p('subject'));
        ref(item.escalated_to, 'complaint', m.file, p('escalated_to'));
      } else if (item.type === 'plan') {
        ref(item.subject, 'case', m.file, p('subject'));
      } else {
        ref(item.callback, 'callback', m.file, p('callback'));
      }
    });
  }
  return findings;
};
