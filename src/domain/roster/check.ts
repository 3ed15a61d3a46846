// The roster checker: every hard rule of SPEC §5.1 judged on any list of assignments
// (generated, or edited by hand), each person's counts against their fair bands, and the
// duties that go against someone's stated preferences.
// Written apart from the generator on purpose — it recomputes shift windows, ISO weeks
// and rest gaps from the templates, pair by pair — so that a test can hold one against
// the other.
import { shiftWindow } from '../shifts.js';
import { addDays, isoWeekday } from '../time.js';
import { fairBands, type Band, type RosterProblem, type StatedPreferences } from './problem.js';

export interface AssignmentLike {
  date: string;
  shift: string;
  staff: readonly string[];
}

export type HardRule = 'coverage' | 'leave' | 'role' | 'staff' | 'shift' | 'overlap' | 'rest' | 'week_limit' | 'pinned';

export interface HardViolation {
  rule: HardRule;
  date: string;
  shift: string;
  staff?: string;
  /** the duty it clashes with (overlap, rest); `previousMonth` when it is history */
  other?: { date: string; shift: string; previousMonth?: boolean };
  need?: number;
  have?: number;
  gapHours?: number;
  count?: number;
  max?: number;
  /** the Monday of the ISO week (week_limit) */
  week?: string;
}

export interface CountInBand {
  count: number;
  floor: number;
  ceil: number;
  /** how far outside the band: 0 inside */
  deviation: number;
}

export interface PersonDeviation {
  staff: string;
  byShift: Record<string, CountInBand>;
  weekendHoliday: CountInBand;
  /** Σ deviations, shift types first then weekend/holiday */
  total: number;
  /** stated preferences their duties go against, each counted (SPEC §5.1 soft 4; not part of `total`) */
  preferences: number;
  duties: number;
  hours: number;
}

/** A duty someone said they would rather not take, and which of their preferences it goes against. */
export interface PreferenceFinding {
  staff: string;
  date: string;
  shift: string;
  against: ('shift' | 'weekday' | 'date')[];
}

export interface BandFinding {
  staff: string;
  kind: 'shift' | 'weekend_holiday';
  shift?: string;
  count: number;
  floor: number;
  ceil: number;
  deviation: number;
}

export interface RosterCheck {
  ok: boolean;
  hard: HardViolation[];
  soft: BandFinding[];
  preferences: PreferenceFinding[];
  deviations: PersonDeviation[];
}

const HOUR = 3_600_000;
const mondayOf = (date: string) => addDays(date, 1 - isoWeekday(date));

function inBand(count: number, b: Band): CountInBand {
  return { count, floor: b.floor, ceil: b.ceil, deviation: Math.max(0, b.floor - count) + Math.max(0, count - b.ceil) };
}

interface Duty {
  date: string;
  shift: string;
  start: number;
  end: number;
  history: boolean;
}

export function checkRoster(problem: RosterProblem, assignments: readonly AssignmentLike[]): RosterCheck {
  const hard: HardViolation[] = [];
  const templates = new Map(problem.shifts.map((s) => [s.id, s]));
  const people = new Map(problem.staff.map((p) => [p.id, p]));
  const monthDays = new Set(problem.days.map((d) => d.date));
  const whDays = new Set(problem.days.filter((d) => d.weekendHoliday).map((d) => d.date));
  const restMs = problem.rules.minRestHours * HOUR;
  const max = problem.rules.maxShiftsPerWeek;

  // who is in each slot (distinct), and each person's duties
  const slotStaff = new Map<string, Set<string>>();
  const duties = new Map<string, Duty[]>();
  const addDuty = (id: string, d: Duty) => {
    const list = duties.get(id) ?? [];
    list.push(d);
    duties.set(id, list);
  };
  for (const h of problem.history) {
    const t = templates.get(h.shift);
    if (!t) continue;
    const w = shiftWindow(t, h.date, problem.calendar);
    addDuty(h.staff, { date: h.date, shift: h.shift, start: w.start, end: w.end, history: true });
  }
  for (const a of assignments) {
    const t = templates.get(a.shift);
    if (!t || !monthDays.has(a.date)) {
      hard.push({ rule: 'shift', date: a.date, shift: a.shift });
      continue;
    }
    const w = shiftWindow(t, a.date, problem.calendar);
    const key = `${a.date}|${a.shift}`;
    const set = slotStaff.get(key) ?? new Set<string>();
    slotStaff.set(key, set);
    for (const id of a.staff) {
      const p = people.get(id);
      if (!p) {
        hard.push({ rule: 'staff', date: a.date, shift: a.shift, staff: id });
        continue;
      }
      if (p.leave.includes(a.date)) hard.push({ rule: 'leave', date: a.date, shift: a.shift, staff: id });
      if (!p.roles.some((r) => t.roles.includes(r))) hard.push({ rule: 'role', date: a.date, shift: a.shift, staff: id });
      set.add(id);
      addDuty(id, { date: a.date, shift: a.shift, start: w.start, end: w.end, history: false });
    }
  }

  // coverage: every shift of every day (SPEC §5.1: at least min_staff)
  for (const day of problem.days) {
    for (const t of problem.shifts) {
      const have = slotStaff.get(`${day.date}|${t.id}`)?.size ?? 0;
      if (have < t.min_staff) hard.push({ rule: 'coverage', date: day.date, shift: t.id, need: t.min_staff, have });
    }
  }
  // pinned slots kept
  for (const s of problem.slots) {
    const set = slotStaff.get(`${s.date}|${s.shift}`);
    for (const id of s.pinned) if (!set?.has(id)) hard.push({ rule: 'pinned', date: s.date, shift: s.shift, staff: id });
  }

  // overlap, rest and ISO-week limit: every pair of one person's duties, history included
  for (const [id, list] of duties) {
    list.sort((a, b) => a.start - b.start);
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (a.history && b.history) continue;
        const gap = b.start - a.end;
        if (gap >= restMs && b.start >= a.end) continue;
        const overlap = b.start < a.end;
        hard.push({
          rule: overlap ? 'overlap' : 'rest',
          date: b.date,
          shift: b.shift,
          staff: id,
          other: { date: a.date, shift: a.shift, ...(a.history ? { previousMonth: true } : {}) },
          ...(overlap ? {} : { gapHours: gap / HOUR }),
        });
      }
    }
    const perWeek = new Map<string, Duty[]>();
    for (const d of list) {
      const w = mondayOf(d.date);
      perWeek.set(w, [...(perWeek.get(w) ?? []), d]);
    }
    for (const [week, ds] of perWeek) {
      // reported at the first duty past the limit (the month's, when history fills the week)
      const over = ds.slice(max).find((d) => !d.history);
      if (over) hard.push({ rule: 'week_limit', date: over.date, shift: over.shift, staff: id, week, count: ds.length, max });
    }
  }

  // soft: duties against stated preferences (SPEC §5.1 soft 4)
  const preferences: PreferenceFinding[] = [];
  for (const p of problem.staff) {
    for (const d of duties.get(p.id) ?? []) {
      const against = preferenceAgainst(p.preferences, d);
      if (!d.history && against.length) preferences.push({ staff: p.id, date: d.date, shift: d.shift, against });
    }
  }
  preferences.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.staff < b.staff ? -1 : a.staff > b.staff ? 1 : 0));

  // soft: counts against the fair bands
  const soft: BandFinding[] = [];
  const deviations: PersonDeviation[] = fairBands(problem).map((b) => {
    const mine = (duties.get(b.staff) ?? []).filter((d) => !d.history);
    const byShift: Record<string, CountInBand> = {};
    for (const [shift, band] of Object.entries(b.byShift)) {
      byShift[shift] = inBand(mine.filter((d) => d.shift === shift).length, band);
      if (byShift[shift].deviation > 0) soft.push({ staff: b.staff, kind: 'shift', shift, ...byShift[shift] });
    }
    const weekendHoliday = inBand(mine.filter((d) => whDays.has(d.date)).length, b.weekendHoliday);
    if (weekendHoliday.deviation > 0) soft.push({ staff: b.staff, kind: 'weekend_holiday', ...weekendHoliday });
    const total = Object.values(byShift).reduce((x, c) => x + c.deviation, 0) + weekendHoliday.deviation;
    const hours = mine.reduce((x, d) => x + (d.end - d.start) / HOUR, 0);
    const against = preferences.filter((f) => f.staff === b.staff).reduce((x, f) => x + f.against.length, 0);
    return { staff: b.staff, byShift, weekendHoliday, total, preferences: against, duties: mine.length, hours };
  });

  hard.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { ok: hard.length === 0, hard, soft, preferences, deviations };
}

function preferenceAgainst(stated: StatedPreferences | undefined, duty: { date: string; shift: string }): PreferenceFinding['against'] {
  if (!stated) return [];
  const against: PreferenceFinding['against'] = [];
  if (stated.avoidShifts.includes(duty.shift)) against.push('shift');
  if (stated.avoidWeekdays.includes(isoWeekday(duty.date))) against.push('weekday');
  if (stated.avoidDates.includes(duty.date)) against.push('date');
  return against;
}
