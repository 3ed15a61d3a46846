// When a shift runs on a given day, with summer times (SPEC §3.1), and who the
// roster has on duty at an instant (SPEC §3.3, changes applied).
import type { Desk } from './desk.js';
import type { Config, Shift } from './records/config.js';
import { effectiveAssignments } from './records/roster.js';
import { addDays, fromLocal, localDateOf } from './time.js';

/** Whether a date falls in the desk's summer (MM-DD bounds, inclusive; may wrap the year end). */
export function isSummer(date: string, summer: Config['summer']): boolean {
  const md = date.slice(5);
  return summer.from <= summer.to ? summer.from <= md && md <= summer.to : md >= summer.from || md <= summer.to;
}

/** [start, end) of a shift that starts on `date`; a shift ending at or before its start time ends the next day. */
export function shiftWindow(shift: Shift, date: string, config: Pick<Config, 'summer' | 'timezone'>): { start: number; end: number } {
  const summer = shift.summer && isSummer(date, config.summer) ? shift.summer : {};
  const start = summer.start ?? shift.start;
  const end = summer.end ?? shift.end;
  const endDate = end <= start ? addDays(date, 1) : date;
  return { start: fromLocal(date, start, config.timezone), end: fromLocal(endDate, end, config.timezone) };
}

export interface OnDuty {
  date: string;
  shift: Shift;
  staff: string[];
}

/** The shifts running at instant t (from the desk's shifts), with the staff the rosters put on them. */
export function onDutyAt(desk: Pick<Desk, 'config' | 'rosters'>, t: number): OnDuty[] {
  const out: OnDuty[] = [];
  const localDate = localDateOf(t, desk.config.timezone);
  for (const date of [addDays(localDate, -1), localDate]) {
    for (const shift of desk.config.shifts) {
      const w = shiftWindow(shift, date, desk.config);
      if (t < w.start || t >= w.end) continue;
      const staff: string[] = [];
      for (const r of desk.rosters) {
        if ((r.data.team && r.data.team !== 'desk') || r.data.month !== date.slice(0, 7)) continue;
        for (const a of effectiveAssignments(r.data)) if (a.date === date && a.shift === shift.id) staff.push(...a.staff);
      }
      out.push({ date, shift, staff });
    }
  }
  return out;
}
