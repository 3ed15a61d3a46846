// SPEC §2 IDs, §5.5: an id names one record or item anywhere in the desk.
import type { Finding, Path } from '../../diagnostics/diagnostic.js';
import { itemPath } from '../desk.js';
import type { Check } from './check.js';

export const checkDuplicateIds: Check = (desk) => {
  const first = new Map<string, { file: string; path: Path }>();
  const findings: Finding[] = [];
  const see = (id: string, file: string, path: Path) => {
    const prior = first.get(id);
    if (prior) findings.push({ code: 'ID_DUPLICATE', file, path, params: { id }, related: { param: 'other', file: prior.file, path: prior.path } });
    else first.set(id, { file, path });
  };
  desk.staff.forEach((s, i) => see(s.id, 'staff.yaml', ['staff', i, 'id']));
  // a record whose id disagrees with its file name (a copy that kept the old id) is reported as that
  for (const rec of desk.complaints) if (!rec.misnamed) see(rec.data.id, rec.file, ['id']);
  for (const rec of desk.workOrders) if (!rec.misnamed) see(rec.data.id, rec.file, ['id']);
  for (const day of desk.dutyDays) {
    day.data.log.forEach((item, i) => {
      if (item.type === 'entry') see(item.id, day.file, itemPath(day, 'log', i, 'id'));
    });
  }
  for (const month of desk.callbackMonths) {
    month.data.callbacks.forEach((item, i) => {
      if (item.type === 'callback') see(item.id, month.file, itemPath(month, 'callbacks', i, 'id'));
    });
  }
  return findings;
};
