// What a month's roster must satisfy, read off the desk (SPEC §5.1): the days, the
// shift slots with their real instants (summer times, overnight shifts), who may take
// each slot, leave, pinned slots, the previous month's last duties (rest and ISO-week
// limits across the month boundary) and the imbalance carried over from earlier months.
// Pure: the desk is already loaded; nothing here reads a file or the clock.
import type { Desk } from '../desk.js';
import type { Config, Shift } from '../records/config.js';
import type { Role } from '../records/common.js';
import { effectiveAssignments, type Roster } from '../records/roster.js';
import { isActive, isOnLeave, WEEKDAYS, type StaffMember } from '../records/staff.js';
import { shiftWindow } from '../shifts.js';
import { addDays, daysInMonth, isoWeekday } from '../time.js';

export const DESK_TEAM = 'desk';

export interface ProblemStaff {
  id: string;
  name: string;
  roles: Role[];
  /** days of the month on approved leave */
  leave: string[];
  /** days of the month not on leave: the weight of their fair share */
  availableDays: number;
  /** weekend and holiday days of the month not on leave */
  availableWeekendHolidays: number;
  /** stated preferences (staff.yaml `preferences`), when any: SPEC §5.1 soft 4 */
  preferences?: StatedPreferences;
}

/** What a person would rather not take, as staff.yaml states it (weekdays as ISO numbers, Monday = 1). */
export interface StatedPreferences {
  avoidShifts: string[];
  avoidWeekdays: number[];
  avoidDates: string[];
}

export interface ProblemDay {
  date: string;
  /** the Monday of its ISO week (seed: SPEC §5.1 "per ISO week (Monday–Sunday)") */
  week: string;
  /** a Saturday or Sunday that is not a make-up workday 调休, or a statutory holiday */
  weekendHoliday: boolean;
}

export interface Slot {
  index: number;
  date: string;
  shift: string;
  /** [start, end) epoch ms, summer times applied */
  start: number;
  end: number;
  /** exactly this many people (min_staff, or more when more are pinned) */
  need: number;
  week: string;
  weekendHoliday: boolean;
  /** active staff with a role the shift takes, on leave or not */
  eligible: string[];
  /** of `eligible`, on leave that day */
  onLeave: string[];
  /** kept as they are: the existing draft's `pinned: true` slot */
  pinned: string[];
  /**
   * of `eligible` and not on leave, those whose stated preferences avoid this day or shift,
   * with how many of them it goes against (its shift, its weekday, its date: 1–3)
   */
  avoidedBy: { staff: string; count: number }[];
}

/** One person's duty in the previous month's roster, as history for the boundary rules. */
export interface HistoryDuty {
  date: string;
  shift: string;
  staff: string;
  start: number;
  end: number;
  week: string;
}

/** A pinned assignment that cannot be kept whatever else happens. */
export interface PinnedProblem {
  date: string;
  shift: string;
  staff?: string;
  reason: 'unknown_shift' | 'outside_month' | 'unknown_staff';
}

export interface Carried {
  byShift: Record<string, number>;
  weekendHoliday: number;
}

export interface RosterProblem {
  month: string;
  team: string;
  seed: number;
  /** the team lead who drafts a team roster (seed 004 职责), when kefu.yaml names one */
  lead?: string;
  calendar: Pick<Config, 'timezone' | 'summer'>;
  rules: { minRestHours: number; maxShiftsPerWeek: number };
  days: ProblemDay[];
  /** the team's shift templates, in kefu.yaml order (the order of a day's assignments) */
  shifts: Shift[];
  /** sorted by id */
  staff: ProblemStaff[];
  /** by date, then shift order */
  slots: Slot[];
  history: HistoryDuty[];
  pinnedProblems: PinnedProblem[];
  /** actual minus fair share over the earlier months' rosters, per person (SPEC §5.1 soft 3) */
  carried: Record<string, Carried>;
}

export interface RosterProblemOptions {
  month: string;
  team?: string;
  seed: number;
}

/** The teams a desk can roster: the desk itself and every team kefu.yaml gives shifts. */
export function rosterTeams(config: Config): string[] {
  return [DESK_TEAM, ...Object.keys(config.teams).filter((t) => t !== DESK_TEAM)];
}

export function teamShifts(config: Config, team: string): Shift[] | undefined {
  return team === DESK_TEAM ? config.shifts : config.teams[team]?.shifts;
}

export function isTeamRoster(r: Pick<Roster, 'team'>, team: string): boolean {
  return (r.team ?? DESK_TEAM) === team;
}

/** Weekend (unless a make-up workday) or statutory holiday: balanced separately (SPEC §3.1 holidays). */
export function isWeekendOrHoliday(date: string, config: Pick<Config, 'holidays' | 'workdays'>): boolean {
  if (config.holidays.includes(date)) return true;
  return isoWeekday(date) >= 6 && !config.workdays.includes(date);
}

export function isoWeekOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** Days of the previous month kept as history: min_rest ≤ 168 h plus one overnight shift, and the ISO week. */
const HISTORY_DAYS = 9;

/**
 * The month's rostering problem. Throws only on a caller's mistake (a malformed month,
 * a team kefu.yaml does not define): the CLI checks those first.
 */
export function buildRosterProblem(desk: Pick<Desk, 'config' | 'staff' | 'rosters'>, options: RosterProblemOptions): RosterProblem {
  const { config } = desk;
  const team = options.team ?? DESK_TEAM;
  if (!MONTH.test(options.month)) throw new Error(`buildRosterProblem: month must be YYYY-MM, got ${options.month}`);
  const shifts = teamShifts(config, team);
  if (!shifts) throw new Error(`buildRosterProblem: kefu.yaml defines no shifts for team ${team}`);
  const month = options.month;
  const dates = daysInMonth(month);
  const days: ProblemDay[] = dates.map((date) => ({ date, week: isoWeekOf(date), weekendHoliday: isWeekendOrHoliday(date, config) }));
  const teamRoles = new Set(shifts.flatMap((s) => s.roles));

  const rosters = desk.rosters.map((r) => r.data).filter((r) => isTeamRoster(r, team));
  const current = rosters.filter((r) => r.month === month);
  const pinnedIds = new Set(current.flatMap((r) => r.assignments.filter((a) => a.pinned).flatMap((a) => a.staff)));
  const members = new Map(desk.staff.map((m) => [m.id, m]));

  // everyone active who can take one of the team's shifts, and anyone active who is pinned
  // (so that a pinned person in the wrong role is reported, not silently dropped)
  const staffMembers = desk.staff
    .filter((m) => isActive(m) && (m.roles.some((r) => teamRoles.has(r)) || pinnedIds.has(m.id)))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const staff: ProblemStaff[] = staffMembers.map((m) => {
    const leave = dates.filter((d) => isOnLeave(m, d));
    const onLeave = new Set(leave);
    const preferences = statedPreferences(m);
    return {
      id: m.id,
      name: m.name,
      roles: [...m.roles],
      leave,
      availableDays: dates.length - leave.length,
      availableWeekendHolidays: days.filter((d) => d.weekendHoliday && !onLeave.has(d.date)).length,
      ...(preferences ? { preferences } : {}),
    };
  });
  const byId = new Map(staff.map((p) => [p.id, p]));
  const known = new Set(staff.map((s) => s.id));

  // pinned slots of an existing roster for this month (a draft being regenerated)
  const pinnedBySlot = new Map<string, string[]>();
  const pinnedProblems: PinnedProblem[] = [];
  for (const r of current) {
    for (const a of r.assignments) {
      if (!a.pinned) continue;
      if (!a.date.startsWith(`${month}-`) || !dates.includes(a.date)) {
        pinnedProblems.push({ date: a.date, shift: a.shift, reason: 'outside_month' });
        continue;
      }
      if (!shifts.some((s) => s.id === a.shift)) {
        pinnedProblems.push({ date: a.date, shift: a.shift, reason: 'unknown_shift' });
        continue;
      }
      const key = `${a.date}|${a.shift}`;
      const list = pinnedBySlot.get(key) ?? [];
      for (const id of a.staff) {
        if (!known.has(id)) pinnedProblems.push({ date: a.date, shift: a.shift, staff: id, reason: 'unknown_staff' });
        else if (!list.includes(id)) list.push(id);
      }
      pinnedBySlot.set(key, list);
    }
  }

  const slots: Slot[] = [];
  for (const day of days) {
    for (const shift of shifts) {
      const w = shiftWindow(shift, day.date, config);
      const eligible = staff.filter((p) => p.roles.some((r) => shift.roles.includes(r))).map((p) => p.id);
      const onLeave = eligible.filter((id) => isOnLeave(members.get(id)!, day.date));
      const pinned = (pinnedBySlot.get(`${day.date}|${shift.id}`) ?? []).slice().sort();
      const avoidedBy = eligible
        .filter((id) => !onLeave.includes(id))
        .map((id) => ({ staff: id, count: preferencesAgainst(byId.get(id)!.preferences, day.date, shift.id) }))
        .filter((a) => a.count > 0);
      slots.push({
        index: slots.length,
        date: day.date,
        shift: shift.id,
        start: w.start,
        end: w.end,
        need: Math.max(shift.min_staff, pinned.length),
        week: day.week,
        weekendHoliday: day.weekendHoliday,
        eligible,
        onLeave,
        pinned,
        avoidedBy,
      });
    }
  }

  // the previous month's last days, as actually worked (approved changes applied)
  const first = dates[0]!;
  const previousMonth = addDays(first, -1).slice(0, 7);
  const history: HistoryDuty[] = [];
  for (const r of rosters.filter((x) => x.month === previousMonth)) {
    for (const a of effectiveAssignments(r)) {
      const shift = shifts.find((s) => s.id === a.shift);
      if (!shift || a.date < addDays(first, -HISTORY_DAYS) || a.date >= first) continue;
      const w = shiftWindow(shift, a.date, config);
      for (const id of new Set(a.staff)) {
        if (known.has(id)) history.push({ date: a.date, shift: a.shift, staff: id, start: w.start, end: w.end, week: isoWeekOf(a.date) });
      }
    }
  }
  history.sort((a, b) => a.start - b.start || (a.staff < b.staff ? -1 : a.staff > b.staff ? 1 : 0));

  const lead = team === DESK_TEAM ? undefined : config.teams[team]?.lead;
  return {
    month,
    team,
    seed: options.seed,
    ...(lead ? { lead } : {}),
    calendar: { timezone: config.timezone, summer: config.summer },
    rules: { minRestHours: config.roster.min_rest_hours, maxShiftsPerWeek: config.roster.max_shifts_per_week },
    days,
    shifts,
    staff,
    slots,
    history,
    pinnedProblems,
    carried: carriedImbalance(config, shifts, staff, desk.staff, rosters.filter((r) => r.month < month)),
  };
}

function statedPreferences(m: StaffMember): StatedPreferences | undefined {
  const p = m.preferences;
  if (!p) return undefined;
  const stated: StatedPreferences = {
    avoidShifts: [...new Set(p.avoid_shifts ?? [])],
    avoidWeekdays: [...new Set((p.avoid_weekdays ?? []).map((d) => WEEKDAYS.indexOf(d) + 1))].sort((a, b) => a - b),
    avoidDates: [...new Set(p.avoid_dates ?? [])].sort(),
  };
  return stated.avoidShifts.length + stated.avoidWeekdays.length + stated.avoidDates.length ? stated : undefined;
}

/**
 * How many of the stated preferences a duty on `date` in `shift` goes against (0–3): each
 * counts, so a weekend night is worse than a weekday night for someone who would rather
 * have neither nights nor weekends.
 */
function preferencesAgainst(preferences: StatedPreferences | undefined, date: string, shift: string): number {
  if (!preferences) return 0;
  return Number(preferences.avoidShifts.includes(shift)) + Number(preferences.avoidWeekdays.includes(isoWeekday(date))) + Number(preferences.avoidDates.includes(date));
}

/**
 * Σ over earlier months of (actual − fair share) per person, per shift type and for
 * weekend/holiday duty, so that an imbalance does not accumulate (SPEC §5.1 soft 3).
 * A month's fair share is shared among the people who worked in that roster (a new
 * colleague is owed nothing for the months before they came), then the carry is
 * centred on the current staff so that the month's bands still add up to its demand.
 */
function carriedImbalance(
  config: Config,
  shifts: Shift[],
  staff: ProblemStaff[],
  everyone: StaffMember[],
  earlier: Roster[],
): Record<string, Carried> {
  const carried: Record<string, Carried> = {};
  for (const p of staff) carried[p.id] = { byShift: Object.fromEntries(shifts.map((s) => [s.id, 0])), weekendHoliday: 0 };
  const members = new Map(everyone.map((m) => [m.id, m]));
  const eligibleFor = (id: string, shift: Shift) => members.get(id)?.roles.some((r) => shift.roles.includes(r)) ?? false;

  for (const roster of earlier) {
    const dates = daysInMonth(roster.month);
    const wh = new Set(dates.filter((d) => isWeekendOrHoliday(d, config)));
    const avail = (id: string, only?: Set<string>) => {
      const m = members.get(id);
      return dates.filter((d) => (!only || only.has(d)) && !(m && isOnLeave(m, d))).length;
    };
    const effective = effectiveAssignments(roster).filter((a) => dates.includes(a.date));
    const participants = new Set(effective.flatMap((a) => a.staff));
    const whShare = new Map<string, number>();
    const whActual = new Map<string, number>();
    for (const shift of shifts) {
      const slots = effective.filter((a) => a.shift === shift.id);
      const actual = new Map<string, number>();
      const actualWh = new Map<string, number>();
      for (const a of slots) {
        for (const id of new Set(a.staff)) {
          actual.set(id, (actual.get(id) ?? 0) + 1);
          if (wh.has(a.date)) actualWh.set(id, (actualWh.get(id) ?? 0) + 1);
        }
      }
      const pool = [...participants].filter((id) => eligibleFor(id, shift) || actual.has(id));
      const demand = [...actual.values()].reduce((x, y) => x + y, 0);
      const demandWh = [...actualWh.values()].reduce((x, y) => x + y, 0);
      const totalAvail = pool.reduce((x, id) => x + avail(id), 0);
      const totalAvailWh = pool.reduce((x, id) => x + avail(id, wh), 0);
      for (const id of pool) {
        const share = totalAvail > 0 ? (demand * avail(id)) / totalAvail : 0;
        if (carried[id]) carried[id].byShift[shift.id]! += (actual.get(id) ?? 0) - share;
        whShare.set(id, (whShare.get(id) ?? 0) + (totalAvailWh > 0 ? (demandWh * avail(id, wh)) / totalAvailWh : 0));
        whActual.set(id, (whActual.get(id) ?? 0) + (actualWh.get(id) ?? 0));
      }
    }
    for (const [id, share] of whShare) if (carried[id]) carried[id].weekendHoliday += (whActual.get(id) ?? 0) - share;
  }

  // centre each carry on the people who can take that kind of duty now
  const canTake = (p: ProblemStaff, shift: Shift) => p.roles.some((r) => shift.roles.includes(r));
  for (const shift of shifts) {
    const pool = staff.filter((p) => canTake(p, shift) && p.availableDays > 0);
    const mean = pool.length ? pool.reduce((x, p) => x + carried[p.id]!.byShift[shift.id]!, 0) / pool.length : 0;
    for (const p of staff) carried[p.id]!.byShift[shift.id] = pool.includes(p) ? round(carried[p.id]!.byShift[shift.id]! - mean) : 0;
  }
  const poolWh = staff.filter((p) => shifts.some((s) => canTake(p, s)) && p.availableWeekendHolidays > 0);
  const meanWh = poolWh.length ? poolWh.reduce((x, p) => x + carried[p.id]!.weekendHoliday, 0) / poolWh.length : 0;
  for (const p of staff) carried[p.id]!.weekendHoliday = poolWh.includes(p) ? round(carried[p.id]!.weekendHoliday - meanWh) : 0;
  return carried;
}

/** Six decimals: shares are ratios; this keeps ⌊⌋ and ⌈⌉ from tripping over 2.9999999. */
export function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

// ── fair bands ────────────────────────────────────────────────────────

export interface Band {
  /** the month's duties of this kind × their available days ÷ all eligible people's available days */
  share: number;
  /** carried over from earlier months (actual − share); the target is share − carried */
  carried: number;
  target: number;
  floor: number;
  ceil: number;
}

export interface PersonBands {
  staff: string;
  availableDays: number;
  /** one band per shift type the person can take */
  byShift: Record<string, Band>;
  weekendHoliday: Band;
}

function band(share: number, carried: number): Band {
  const target = Math.max(0, round(share - carried));
  return { share: round(share), carried: round(carried), target, floor: Math.floor(target), ceil: Math.ceil(target) };
}

/**
 * Per person, per shift type, the fair share and the band ⌊share − carried⌋ … ⌈share − carried⌉
 * (SPEC §5.1 soft 1 and 3); the same for weekend/holiday duty (soft 2), summed over the
 * shift types the person can take.
 */
export function fairBands(problem: RosterProblem): PersonBands[] {
  const eligibleFor = new Map(problem.shifts.map((s) => [s.id, new Set(problem.slots.find((x) => x.shift === s.id)?.eligible ?? [])]));
  const byId = new Map(problem.staff.map((p) => [p.id, p]));
  const demand = new Map<string, { all: number; wh: number; avail: number; availWh: number }>();
  for (const shift of problem.shifts) {
    const slots = problem.slots.filter((s) => s.shift === shift.id);
    const pool = [...eligibleFor.get(shift.id)!].map((id) => byId.get(id)!);
    demand.set(shift.id, {
      all: slots.reduce((x, s) => x + s.need, 0),
      wh: slots.filter((s) => s.weekendHoliday).reduce((x, s) => x + s.need, 0),
      avail: pool.reduce((x, p) => x + p.availableDays, 0),
      availWh: pool.reduce((x, p) => x + p.availableWeekendHolidays, 0),
    });
  }
  return problem.staff.map((p) => {
    const byShift: Record<string, Band> = {};
    let whShare = 0;
    for (const shift of problem.shifts) {
      if (!eligibleFor.get(shift.id)!.has(p.id)) continue;
      const d = demand.get(shift.id)!;
      const share = d.avail > 0 ? (d.all * p.availableDays) / d.avail : 0;
      byShift[shift.id] = band(share, problem.carried[p.id]?.byShift[shift.id] ?? 0);
      whShare += d.availWh > 0 ? (d.wh * p.availableWeekendHolidays) / d.availWh : 0;
    }
    return { staff: p.id, availableDays: p.availableDays, byShift, weekendHoliday: band(whShare, problem.carried[p.id]?.weekendHoliday ?? 0) };
  });
}
