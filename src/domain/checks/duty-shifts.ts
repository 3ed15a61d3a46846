// A duty entry or handover names one of the desk's shifts (SPEC §3.1, §3.4).
import type { Finding } from '../../diagnostics/diagnostic.js';
import { itemPath } from '../desk.js';
import type { Check } from './check.js';

export const checkDutyShifts: Check = (desk) => {
  if (!desk.configKnown) return [];
  const shifts = new Set(desk.config.shifts.map((s) => s.id));
  const values = desk.config.shifts.map((s) => s.id).join(', ');
  const findings: Finding[] = [];
  for (const day of desk.dutyDays) {
    day.data.log.forEach((item, i) => {
      const shift = item.type === 'entry' || item.type === 'handover' ? item.shift : item.type === 'correction' ? item.set.shift : undefined;
      if (shift !== undefined && !shifts.has(shift)) {
        findings.push({ code: 'SHIFT_UNKNOWN', file: day.file, path: itemPath(day, 'log', i, ...(item.type === 'correction' ? ['set', 'shift'] : ['shift'])), params: { id: shift, values } });
      }
    });
  }
  return findings;
};
