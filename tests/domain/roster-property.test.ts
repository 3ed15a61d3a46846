// Property-based: many random months (5–40 staff, 28–31 days, 1–3 shift types — the
// 24-hour 08:30 → 08:30 duty, the day/night split with summer times, both with a 24-hour
// lobby duty — random leave, stated preferences, pinned slots, and a previous month as
// history). Whatever comes back must hold up against the independent checker (issue 5,
// "Tests that must exist"), and the two exact routes — the local search proven by cost 0
// or HiGHS from its roster, and the MIP alone — must agree on the optimum.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Shift } from '../../src/domain/records/config.js';
import type { Role } from '../../src/domain/records/common.js';
import type { Roster } from '../../src/domain/records/roster.js';
import { WEEKDAYS } from '../../src/domain/records/staff.js';
import { buildRosterProblem, checkRoster, solveRoster, type RosterProblem, type RosterResult, type RosterSolved, type SolveLp } from '../../src/domain/roster/index.js';
import { addDays, daysInMonth } from '../../src/domain/time.js';
import { loadRosterSolver } from '../../src/store/solver.js';
import { DAY24, miniDesk, person, SPLIT, type MiniDesk } from './roster-helpers.js';

let solve: SolveLp;
beforeAll(async () => {
  solve = await loadRosterSolver();
});

const MONTHS = ['2026-02', '2028-02', '2026-04', '2026-07', '2026-12'] as const; // 28, 29, 30, 31 (summer), 31 days
const LOBBY24: Shift = { id: 'lobby24', name: '大堂24小时', start: '08:30', end: '08:30', roles: ['lobby'], min_staff: 1 };
const LAYOUTS: Shift[][] = [[DAY24], SPLIT, [...SPLIT, LOBBY24]];
const RULES = ['coverage', 'rest', 'overlap', 'week_limit', 'pinned'];

interface Instance {
  month: (typeof MONTHS)[number];
  layout: number;
  minStaff: number[];
  staff: { roles: number[]; leave: { start: number; length: number }[]; prefs: { shifts: number[]; weekdays: number[]; dates: number[] } | null }[];
  minRest: number;
  perWeek: number;
  history: number[]; // per (last-5-day, shift): a staff index to put on it, or −1
  pinned: { day: number; shift: number; who: number }[];
  seed: number;
}

const instance = (opts: { staff?: [number, number]; leave?: boolean; pinned?: boolean; history?: boolean } = {}): fc.Arbitrary<Instance> =>
  fc.record({
    month: fc.constantFrom(...MONTHS),
    layout: fc.integer({ min: 0, max: 2 }),
    minStaff: fc.array(fc.constantFrom(1, 1, 1, 2), { minLength: 3, maxLength: 3 }),
    // the head count drawn uniformly (fast-check's own array sizes lean small)
    staff: fc.integer({ min: opts.staff?.[0] ?? 5, max: opts.staff?.[1] ?? 40 }).chain((n) => fc.array(
      fc.record({
        roles: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 2 }),
        leave: opts.leave === false ? fc.constant([]) : fc.array(fc.record({ start: fc.integer({ min: 1, max: 31 }), length: fc.integer({ min: 1, max: 8 }) }), { maxLength: 2 }),
        // about one person in four states preferences
        prefs: fc.option(fc.record({
          shifts: fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 1 }),
          weekdays: fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 2 }),
          dates: fc.array(fc.integer({ min: 0, max: 27 }), { maxLength: 3 }),
        }), { freq: 3 }),
      }),
      { minLength: n, maxLength: n },
    )),
    minRest: fc.constantFrom(0, 8, 12, 24),
    perWeek: fc.integer({ min: 2, max: 7 }),
    history: opts.history === false ? fc.constant([]) : fc.array(fc.integer({ min: -1, max: 39 }), { minLength: 15, maxLength: 15 }),
    pinned: opts.pinned === false ? fc.constant([]) : fc.array(fc.record({ day: fc.integer({ min: 0, max: 27 }), shift: fc.integer({ min: 0, max: 2 }), who: fc.integer({ min: 0, max: 39 }) }), { maxLength: 3 }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  });

function deskOf(x: Instance): { desk: MiniDesk; problem: RosterProblem } {
  const shifts = LAYOUTS[x.layout]!.map((s, i) => ({ ...s, min_staff: x.minStaff[i]! }));
  const roleSet = [...new Set(shifts.flatMap((s) => s.roles))] as Role[];
  const days = daysInMonth(x.month);
  const ids = x.staff.map((_, i) => `S${String(i + 1).padStart(2, '0')}`);
  const staff = x.staff.map((s, i) => {
    const m = person(ids[i]!, [...new Set(s.roles.map((r) => roleSet[r % roleSet.length]!))], s.leave.map((l) => {
      const from = days[Math.min(l.start, days.length) - 1]!;
      return [from, addDays(from, l.length - 1)];
    }));
    if (!s.prefs) return m;
    return { ...m, preferences: {
      avoid_shifts: s.prefs.shifts.map((k) => shifts[k % shifts.length]!.id),
      avoid_weekdays: s.prefs.weekdays.map((d) => WEEKDAYS[d]!),
      avoid_dates: s.prefs.dates.map((d) => days[d]!),
    } };
  });
  const eligible = (shift: Shift) => staff.filter((m) => m.roles.some((r) => shift.roles.includes(r))).map((m) => m.id);
  const rosters: Roster[] = [];
  // the previous month's last 5 days, filled at random (it need not keep the rules itself)
  const previous = addDays(days[0]!, -1).slice(0, 7);
  const prevDays = daysInMonth(previous).slice(-5);
  const histAssign = prevDays.flatMap((date, d) => shifts.map((s, k) => {
    const pool = eligible(s);
    const pick = x.history[d * 3 + k] ?? -1;
    return { date, shift: s.id, staff: pick >= 0 && pool.length ? [pool[pick % pool.length]!] : [] };
  }));
  if (x.history.length) rosters.push({ month: previous, status: 'approved', assignments: histAssign });
  const pinned = x.pinned.flatMap((p) => {
    const s = shifts[p.shift % shifts.length]!;
    // mostly someone who is there that day (a pinned person on leave is its own, rarer, case)
    const date = days[p.day]!;
    const pool = eligible(s).filter((id) => p.who % 5 === 0 || !staff.find((m) => m.id === id)!.leave?.some((l) => l.from <= date && date <= l.to));
    return pool.length ? [{ date, shift: s.id, staff: [pool[p.who % pool.length]!], pinned: true }] : [];
  });
  if (pinned.length) rosters.push({ month: x.month, status: 'draft', assignments: pinned });
  const desk = miniDesk({ shifts, roster: { min_rest_hours: x.minRest, max_shifts_per_week: x.perWeek } }, staff, rosters);
  return { desk, problem: buildRosterProblem(desk, { month: x.month, seed: x.seed }) };
}

/** Whatever the result, it must be right: a roster breaks no hard rule; no roster names its blocks. */
function expectSound(problem: RosterProblem, r: RosterResult): void {
  if (r.status === 'solved') {
    const check = checkRoster(problem, r.assignments);
    expect(check.hard, 'hard-rule violations in a generated roster').toEqual([]);
    r.assignments.forEach((a, i) => expect(new Set(a.staff).size).toBe(problem.slots[i]!.need));
    expect(r.deviations).toEqual(check.deviations);
    expect(r.preferenceViolations).toBe(check.preferences.reduce((x, f) => x + f.against.length, 0));
    // "proven optimal by the search" is only ever claimed at cost 0
    if (r.method === 'search') expect([r.optimal, r.bandDeviation, r.weekendDeviation, r.preferenceViolations]).toEqual([true, 0, 0, 0]);
  } else {
    expect(r.blocks.length, 'an infeasible month names at least one block').toBeGreaterThan(0);
    for (const b of r.blocks) {
      expect(RULES).toContain(b.rule);
      expect(b.shift).not.toBe('');
      expect(b.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (b.rule !== 'pinned') expect(b.date.startsWith(problem.month)).toBe(true);
    }
    if (r.method !== 'fallback') expect(r.proven).toBe(true);
  }
}

const levels = (r: RosterSolved) => [r.bandDeviation, r.weekendDeviation, r.preferenceViolations];
function lexCompare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

describe('random months: every roster passes the independent checker, or the month is named infeasible', () => {
  it('HiGHS and the fallback agree with the checker and with each other', async () => {
    const seen = { optimal: 0, infeasible: 0, fallbackSolved: 0 };
    await fc.assert(
      fc.asyncProperty(instance(), async (x) => {
        const { problem } = deskOf(x);
        const exact = await solveRoster(problem, solve, { timeLimitSeconds: 5 });
        expectSound(problem, exact);
        const heuristic = await solveRoster(problem, undefined, { fallback: { iterations: 30_000 } });
        expectSound(problem, heuristic);
        if (heuristic.status === 'solved') {
          seen.fallbackSolved++;
          // a roster exists, so the exact side must not have "proven" the opposite
          expect(exact.status).toBe('solved');
          if (exact.status === 'solved' && exact.optimal) {
            // lexicographic optimum: no worse on the shift-type bands, then on weekends/holidays, then on preferences
            expect(lexCompare(levels(exact), levels(heuristic))).toBeLessThanOrEqual(0);
          }
        }
        if (exact.status === 'solved' && exact.optimal) seen.optimal++;
        if (exact.status === 'infeasible') seen.infeasible++;
      }),
      { numRuns: 100 },
    );
    // the generator reaches both kinds of month
    expect(seen.optimal).toBeGreaterThan(5);
    expect(seen.infeasible).toBeGreaterThan(5);
  });

  it('the search-first answer and the MIP alone agree: same verdict, same optimum on every level', async () => {
    let both = 0;
    await fc.assert(
      fc.asyncProperty(instance({ staff: [5, 25] }), async (x) => {
        const { problem } = deskOf(x);
        const auto = await solveRoster(problem, solve, { timeLimitSeconds: 10 });
        const alone = await solveRoster(problem, solve, { timeLimitSeconds: 10, mode: 'solver' });
        expectSound(problem, auto);
        expectSound(problem, alone);
        if (alone.status === 'solved') expect(alone.method).toBe('highs');
        if (auto.status === 'infeasible' && auto.proven && alone.status === 'infeasible' && alone.proven) return;
        expect(auto.status).toBe(alone.status);
        if (auto.status === 'solved' && alone.status === 'solved' && auto.optimal && alone.optimal) {
          both++;
          expect(levels(auto)).toEqual(levels(alone));
        }
      }),
      { numRuns: 40 },
    );
    expect(both).toBeGreaterThan(10);
  });

  it('the same seed gives the same roster', async () => {
    await fc.assert(
      fc.asyncProperty(instance({ staff: [5, 25] }), async (x) => {
        const a = await solveRoster(deskOf(x).problem, solve, { timeLimitSeconds: 5 });
        const b = await solveRoster(deskOf(x).problem, solve, { timeLimitSeconds: 5 });
        expect(b).toEqual(a);
        const fa = await solveRoster(deskOf(x).problem, undefined, { fallback: { iterations: 20_000 } });
        const fb = await solveRoster(deskOf(x).problem, undefined, { fallback: { iterations: 20_000 } });
        expect(fb).toEqual(fa);
      }),
      { numRuns: 15 },
    );
  });

  it('counts sit inside the fair bands whenever a roster inside them exists', async () => {
    // no leave, no rest or weekly limit to speak of, one role per person: taking turns per
    // shift type is such a roster, so the proven optimum must deviate by nothing
    await fc.assert(
      fc.asyncProperty(instance({ staff: [6, 30], leave: false, pinned: false, history: false }), async (x) => {
        const single = { ...x, minRest: 0, perWeek: 7, minStaff: [1, 1, 1], staff: x.staff.map((s) => ({ ...s, roles: [s.roles[0]!] })) };
        const { problem } = deskOf(single);
        if (problem.shifts.some((s) => problem.slots.find((x) => x.shift === s.id)!.eligible.length === 0)) return; // a shift nobody can take
        const r = await solveRoster(problem, solve, { timeLimitSeconds: 5 });
        expectSound(problem, r);
        if (r.status !== 'solved') throw new Error('taking turns is a roster: it cannot be infeasible');
        if (r.optimal) expect(r.bandDeviation).toBe(0);
      }),
      { numRuns: 20 },
    );
  });
});
