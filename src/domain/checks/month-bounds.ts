// A monthly file holds its month only: roster assignments and changes (SPEC §3.3)
// and the month's callbacks, reviews and plans (SPEC §3.7), by local date.
import type { Finding } from '../../diagnostics/diagnostic.js';
import { itemPath } from '../desk.js';
import { callbackMonthPath } from '../records/callback-month.js';
import { rosterPath } from '../records/roster.js';
import { localDateOf, toEpoch } from '../time.js';
import type { Check } from './check.js';

export const checkMonthBounds: Check = (desk) => {
  const findings: Finding[] = [];
  for (const r of desk.rosters) {
    // a file whose month disagrees with its name is reported once, not once per item
    if (r.file !== rosterPath(r.data)) continue;
    const month = r.data.month;
    r.data.assignments.forEach((a, i) => {
      if (!a.date.startsWith(`${month}-`)) findings.push({ code: 'ITEM_OUTSIDE_MONTH', file: r.file, path: itemPath(r, 'assignments', i, 'date'), params: { value: a.date, month } });
    });
    r.data.changes?.forEach((c, i) => {
      if (!c.date.startsWith(`${month}-`)) findings.push({ code: 'ITEM_OUTSIDE_MONTH', file: r.file, path: ['changes', i, 'date'], params: { value: c.date, month } });
    });
  }
  for (const m of desk.callbackMonths) {
    if (m.file !== callbackMonthPath(m.data.month)) continue;
    m.data.callbacks.forEach((item, i) => {
      const local = localDateOf(toEpoch(item.at), desk.config.timezone);
      if (!local.startsWith(`${m.data.month}-`)) {
        findings.push({ code: 'ITEM_OUTSIDE_MONTH', file: m.file, path: itemPath(m, 'callbacks', i, 'at'), params: { value: item.at, month: m.data.month } });
      }
    });
  }
  return findings;
};
