// SPEC §3.4: an item goes into the file of the duty day its `at` falls in; a
// supervisor review goes into the day it reviews, timed after that day (seed 000 §4.3).
import type { Finding } from '../../diagnostics/diagnostic.js';
import { itemPath } from '../desk.js';
import { dutyDayPath } from '../records/duty-day.js';
import { dutyDayOf, dutyDayWindow, formatInstant, toEpoch } from '../time.js';
import type { Check } from './check.js';

export const checkDutyDayWindows: Check = (desk) => {
  if (!desk.clockKnown) return [];
  const clock = desk.config;
  const findings: Finding[] = [];
  for (const day of desk.dutyDays) {
    // a file whose `date` disagrees with its name is reported once, not once per item
    if (day.file !== dutyDayPath(day.data.date)) continue;
    const window = dutyDayWindow(day.data.date, clock);
    day.data.log.forEach((item, i) => {
      const t = toEpoch(item.at);
      if (item.type === 'review') {
        if (t < window.end) {
          findings.push({ code: 'REVIEW_TOO_EARLY', file: day.file, path: itemPath(day, 'log', i, 'at'), params: { at: item.at, day: day.data.date, end: formatInstant(window.end, clock.timezone) } });
        }
      } else if (t < window.start || t >= window.end) {
        findings.push({
          code: 'DUTY_OUT_OF_WINDOW',
          file: day.file,
          path: itemPath(day, 'log', i, 'at'),
          params: { at: item.at, day: day.data.date, belongs: dutyDayOf(t, clock), start: clock.duty_day_start },
        });
      }
    });
  }
  return findings;
};
