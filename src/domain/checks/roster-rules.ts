// SPEC §5.1 hard rules that can be judged on a roster file as written: known
// shifts, nobody on leave, eligible roles, every shift of every day covered
// (seed 000 §4.1, seed 001 值班制度 二 and 六). Rest and weekly limits come with the roster issue.
import type { Finding, Path } from '../../diagnostics/diagnostic.js';
import { itemPath, type Loaded } from '../desk.js';
import { effectiveAssignments, rosterPath, type Roster } from '../records/roster.js';
import { isOnLeave } from '../records/staff.js';
import { daysInMonth } from '../time.js';
import type { Check } from './check.js';

export const checkRosterRules: Check = (desk) => {
  const findings: Finding[] = [];
  const staff = new Map(desk.staff.map((s) => [s.id, s]));
  const shifts = new Map(desk.config.shifts.map((s) => [s.id, s]));
  const shiftIds = desk.config.shifts.map((s) => s.id).join(', ');

  for (const r of desk.rosters) {
    // a team roster (lobby, cleaners) has shifts kefu.yaml does not define; an unreadable
    // kefu.yaml defines none of the desk's own: judge only what does not depend on them
    const ownTeam = (!r.data.team || r.data.team === 'desk') && desk.configKnown;
    const effective = effectiveAssignments(r.data);
    const slotPath = (i: number, ...rest: (string | number)[]): Path => itemPath(r, 'assignments', i, ...rest);

    effective.forEach((a, i) => {
      const shift = shifts.get(a.shift);
      if (ownTeam && !shift) {
        findings.push({ code: 'SHIFT_UNKNOWN', file: r.file, path: slotPath(i, 'shift'), params: { id: a.shift, values: shiftIds } });
      }
      a.staff.forEach((id, j) => {
        const member = staff.get(id);
        if (!member) return; // reported as STAFF_UNKNOWN
        const where = staffPath(r, i, j, id);
        if (isOnLeave(member, a.date)) {
          findings.push({ code: 'ROSTER_ON_LEAVE', file: r.file, path: where, params: { id, date: a.date, shift: a.shift, shiftName: shiftLabel(shift?.name, a.shift) } });
        }
        if (ownTeam && shift && !member.roles.some((role) => shift.roles.includes(role))) {
          findings.push({ code: 'ROSTER_INELIGIBLE', file: r.file, path: where, params: { id, roles: member.roles.join('/'), shift: a.shift, shiftName: shiftLabel(shift.name, a.shift), needed: shift.roles.join('/') } });
        }
      });
    });

    // coverage is judged on a roster read whole, filed under its own month
    if (!ownTeam || !desk.staffKnown || r.kept || r.file !== rosterPath(r.data)) continue;
    for (const day of daysInMonth(r.data.month)) {
      // a mistyped shift name is reported above; the slot it meant is not also "uncovered"
      if (effective.some((a) => a.date === day && !shifts.has(a.shift))) continue;
      for (const shift of desk.config.shifts) {
        const slots = effective.map((a, i) => ({ a, i })).filter(({ a }) => a.date === day && a.shift === shift.id);
        // Someone on leave or in the wrong role is reported above, by name; counting heads
        // here keeps one mistake to one diagnostic.
        const rostered = new Set(slots.flatMap(({ a }) => a.staff));
        if (rostered.size < shift.min_staff) {
          const path: Path = slots[0] ? slotPath(slots[0].i, 'staff') : whereMissing(r, day);
          findings.push({ code: 'ROSTER_UNCOVERED', file: r.file, path, params: { date: day, shift: shift.id, shiftName: shiftLabel(shift.name, shift.id), have: rostered.size, need: shift.min_staff } });
        }
      }
    }
  }
  return findings;
};

/** No slot for that shift: point at the day's last slot, or the last one before it. */
function whereMissing(r: Loaded<Roster>, day: string): Path {
  let best = -1;
  r.data.assignments.forEach((a, i) => {
    if (a.date <= day && (best < 0 || a.date >= r.data.assignments[best]!.date)) best = i;
  });
  return best >= 0 ? itemPath(r, 'assignments', best) : ['assignments'];
}

/** A swapped-in person is named in `changes`, not in the assignment: point there. */
function staffPath(r: Loaded<Roster>, slot: number, index: number, id: string): Path {
  const original = r.data.assignments[slot];
  if (original?.staff[index] === id) return itemPath(r, 'assignments', slot, 'staff', index);
  const change = (r.data.changes ?? []).findLastIndex((c) => c.date === original?.date && c.shift === original?.shift && c.to === id);
  return change >= 0 ? ['changes', change, 'to'] : itemPath(r, 'assignments', slot, 'staff');
}

/** 夜班 when kefu.yaml names the shift, else "night 班". */
function shiftLabel(name: string | undefined, id: string): string {
  return name && name !== id ? name : `${id} 班`;
}
