// SPEC §5.5: every staff id named in a record is in staff.yaml.
import type { Finding, Path } from '../../diagnostics/diagnostic.js';
import { itemPath } from '../desk.js';
import type { Check } from './check.js';

export const checkStaffReferences: Check = (desk) => {
  if (!desk.staffKnown) return [];
  const known = new Set(desk.staff.map((s) => s.id));
  const findings: Finding[] = [];
  const ref = (id: string | undefined, file: string, path: Path) => {
    if (id !== undefined && !known.has(id) && !desk.unreadableIds.has(id)) findings.push({ code: 'STAFF_UNKNOWN', file, path, params: { id } });
  };
  const refs = (ids: string[] | undefined, file: string, path: Path) => ids?.forEach((id, i) => ref(id, file, [...path, i]));

  for (const r of desk.rosters) {
    const { data, file } = r;
    ref(data.generated?.by, file, ['generated', 'by']);
    ref(data.approved?.by, file, ['approved', 'by']);
    data.assignments.forEach((a, i) => refs(a.staff, file, itemPath(r, 'assignments', i, 'staff')));
    data.changes?.forEach((c, i) => {
      ref(c.from, file, ['changes', i, 'from']);
      ref(c.to, file, ['changes', i, 'to']);
      ref(c.approved_by, file, ['changes', i, 'approved_by']);
    });
  }
  for (const day of desk.dutyDays) {
    const file = day.file;
    day.data.log.forEach((item, i) => {
      const p = (...rest: string[]) => itemPath(day, 'log', i, ...rest);
      switch (item.type) {
        case 'entry':
          ref(item.by, file, p('by'));
          refs(item.notified, file, p('notified'));
          break;
        case 'update':
          ref(item.by, file, p('by'));
          break;
        case 'correction':
          ref(item.by, file, p('by'));
          ref(item.set.by, file, p('set', 'by'));
          refs(item.set.notified, file, p('set', 'notified'));
          break;
        case 'handover':
          ref(item.from, file, p('from'));
          ref(item.to, file, p('to'));
          ref(item.override?.by, file, p('override', 'by'));
          break;
        case 'review':
          ref(item.by, file, p('by'));
          break;
      }
    });
  }
  for (const rec of [...desk.complaints, ...desk.workOrders]) {
    ref(rec.data.received_by, rec.file, ['received_by']);
    rec.data.events.forEach((e, i) => {
      ref(e.by, rec.file, itemPath(rec, 'events', i, 'by'));
      if ('assignee' in e) ref(e.assignee, rec.file, itemPath(rec, 'events', i, 'assignee'));
      if (e.type === 'escalated') ref(e.to, rec.file, itemPath(rec, 'events', i, 'to'));
    });
  }
  for (const month of desk.callbackMonths) {
    month.data.callbacks.forEach((item, i) => {
      ref(item.by, month.file, itemPath(month, 'callbacks', i, 'by'));
      if (item.type === 'plan') ref(item.assignee, month.file, itemPath(month, 'callbacks', i, 'assignee'));
    });
  }
  return findings;
};
