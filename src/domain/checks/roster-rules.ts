// SPEC §5.1 hard rules judged on the roster files as written: known shifts, nobody
// on leave, eligible roles, every shift of every day covered (seed 000 §4.1, seed 001
// 值班制度 二 and 六); and, across slots and across the month boundary, nobody on two
// shifts at once, at least `min_rest_hours` between one person's shifts, at most
// `max_shifts_per_week` per ISO week (product defaults, SPEC §3.1 roster).
import type { Finding, Path } from '../../diagnostics/diagnostic.js';
import { itemPath, type Desk, type Loaded } from '../desk.js';
import type { Shift } from '../records/config.js';
import { effectiveAssignments, rosterPath, type Roster } from '../records/roster.js';
import { isOnLeave } from '../records/staff.js';
import { shiftWindow } from '../shifts.js';
import { addDays, daysInMonth, isoWeekday } from '../time.js';
import type { Check } from './check.js';

/** The shift templates a roster is judged against, or undefined when kefu.yaml does not (readably) define them. */
function shiftsOf(desk: Desk, r: Roster): Shift[] | undefined {
  if (!desk.configKnown) return undefined;
  const team = r.team ?? 'desk';
  return team === 'desk' ? desk.config.shifts : desk.config.teams[team]?.shifts;
}

export const checkRosterRules: Check = (desk) => {
  const findings: Finding[] = [];
  const staff = new Map(desk.staff.map((s) => [s.id, s]));

  for (const r of desk.rosters) {
    // a team roster (lobby, cleaners) is judged against its team's shifts in kefu.yaml; one
    // kefu.yaml does not define, or an unreadable kefu.yaml: judge only what does not depend on them
    const teamShifts = shiftsOf(desk, r.data);
    const ownTeam = teamShifts !== undefined;
    const shifts = new Map((teamShifts ?? []).map((s) => [s.id, s]));
    const shiftIds = (teamShifts ?? []).map((s) => s.id).join(', ');
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
      for (const shift of teamShifts) {
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
  findings.push(...checkRosterSpacing(desk));
  return findings;
};

interface Duty {
  id: string;
  date: string;
  shift: Shift;
  start: number;
  end: number;
  file: string;
  path: Path;
}

const HOUR = 3_600_000;

/**
 * Overlap, rest and the ISO-week limit, per person over all of a team's rosters (so the
 * previous month's last duties count). A duty already reported — unknown person or
 * shift, on leave, wrong role, outside its month — is left out, and so is one reported
 * here, so that one mistake gives one diagnostic; it is reported at the later duty.
 */
function checkRosterSpacing(desk: Desk): Finding[] {
  if (!desk.clockKnown || !desk.staffKnown) return [];
  const findings: Finding[] = [];
  const staff = new Map(desk.staff.map((s) => [s.id, s]));
  // limits kefu.yaml sets but could not be read are not judged (reported there): rest 0 and
  // no weekly maximum leave only overlaps, which depend on no setting
  const restMs = desk.rosterLimitsKnown ? desk.config.roster.min_rest_hours * HOUR : 0;
  const max = desk.rosterLimitsKnown ? desk.config.roster.max_shifts_per_week : Infinity;

  const byTeam = new Map<string, Loaded<Roster>[]>();
  for (const r of desk.rosters) {
    if (r.misnamed || r.file !== rosterPath(r.data) || !shiftsOf(desk, r.data)) continue;
    const team = r.data.team ?? 'desk';
    byTeam.set(team, [...(byTeam.get(team) ?? []), r]);
  }
  for (const rosters of byTeam.values()) {
    const people = new Map<string, Duty[]>();
    for (const r of rosters) {
      const shifts = new Map(shiftsOf(desk, r.data)!.map((s) => [s.id, s]));
      effectiveAssignments(r.data).forEach((a, i) => {
        const shift = shifts.get(a.shift);
        if (!shift || !a.date.startsWith(`${r.data.month}-`)) return;
        const w = shiftWindow(shift, a.date, desk.config);
        a.staff.forEach((id, j) => {
          const member = staff.get(id);
          if (!member || isOnLeave(member, a.date) || !member.roles.some((role) => shift.roles.includes(role))) return;
          const list = people.get(id) ?? [];
          list.push({ id, date: a.date, shift, start: w.start, end: w.end, file: r.file, path: staffPath(r, i, j, id) });
          people.set(id, list);
        });
      });
    }
    for (const [id, duties] of people) {
      duties.sort((a, b) => a.start - b.start); // stable: file order within one instant
      const kept: Duty[] = [];
      for (const d of duties) {
        const prev = kept[kept.length - 1];
        const params = prev && { id, date: d.date, shift: d.shift.id, shiftName: shiftLabel(d.shift.name, d.shift.id), otherDate: prev.date, otherShift: prev.shift.id, otherShiftName: shiftLabel(prev.shift.name, prev.shift.id) };
        if (prev && d.start < prev.end) {
          findings.push({ code: 'ROSTER_OVERLAP', file: d.file, path: d.path, params: params! });
        } else if (prev && d.start - prev.end < restMs) {
          findings.push({ code: 'ROSTER_REST', file: d.file, path: d.path, params: { ...params!, gap: formatHours(d.start - prev.end), min: desk.config.roster.min_rest_hours } });
        } else kept.push(d);
      }
      const weeks = new Map<string, Duty[]>();
      for (const d of kept) {
        const monday = addDays(d.date, 1 - isoWeekday(d.date));
        weeks.set(monday, [...(weeks.get(monday) ?? []), d]);
      }
      for (const [week, list] of weeks) {
        if (list.length <= max) continue;
        const d = list[max]!;
        findings.push({ code: 'ROSTER_WEEK_LIMIT', file: d.file, path: d.path, params: { id, date: d.date, shift: d.shift.id, count: list.length, week, weekEnd: addDays(week, 6), max } });
      }
    }
  }
  return findings;
}

/** 9, 15.5 — hours as a person reads them. */
function formatHours(ms: number): string {
  return String(Math.round((ms / HOUR) * 10) / 10);
}

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
