// Stated preferences (staff.yaml `preferences`, SPEC §5.1 soft rule 4): read into the
// problem, judged by the checker, and honoured by the generator last — after coverage,
// the hard rules and both kinds of fair band, never before them.
import { beforeAll, describe, expect, it } from 'vitest';
import { staffFileSchema, type StaffMember } from '../../src/domain/records/staff.js';
import { buildRosterProblem, checkRoster, solveRoster, type RosterSolved, type SolveLp } from '../../src/domain/roster/index.js';
import { isoWeekday } from '../../src/domain/time.js';
import { loadRosterSolver } from '../../src/store/solver.js';
import { DAY24, miniDesk, person, solved, SPLIT } from './roster-helpers.js';

let solve: SolveLp;
beforeAll(async () => {
  solve = await loadRosterSolver();
});

const prefer = (m: StaffMember, preferences: StaffMember['preferences']): StaffMember => ({ ...m, preferences });
const dutiesOf = (r: RosterSolved, id: string) => r.assignments.filter((a) => a.staff.includes(id));

describe('the staff.yaml field', () => {
  it('accepts avoid_shifts, avoid_weekdays (mon … sun) and avoid_dates, and nothing else', () => {
    const ok = { staff: [{ id: 'S02', name: '李娜', roles: ['clerk'], preferences: { avoid_shifts: ['night'], avoid_weekdays: ['sat', 'sun'], avoid_dates: ['2026-12-24'] } }] };
    expect(staffFileSchema.safeParse(ok).success).toBe(true);
    const bad = (preferences: unknown) => staffFileSchema.safeParse({ staff: [{ id: 'S02', name: '李娜', roles: ['clerk'], preferences }] }).success;
    expect(bad({ avoid_weekdays: ['saturday'] })).toBe(false);
    expect(bad({ avoid_dates: ['24/12/2026'] })).toBe(false);
    expect(bad({ prefer_shifts: ['day'] })).toBe(false);
    expect(bad({ notes: '孩子周末补课' })).toBe(true);
  });
});

describe('the problem and the checker', () => {
  const desk = miniDesk({ shifts: SPLIT }, [
    prefer(person('C1', ['clerk']), { avoid_weekdays: ['sun'], avoid_dates: ['2026-12-24'] }),
    person('C2', ['clerk'], [['2026-12-24', '2026-12-24']]),
    prefer(person('M1', ['maintenance'], [['2026-12-20', '2026-12-20']]), { avoid_shifts: ['night', 'no-such-shift'], avoid_weekdays: ['sun'] }),
    person('M2', ['maintenance']),
  ]);
  const problem = buildRosterProblem(desk, { month: '2026-12', seed: 1 });

  it('reads them per person (weekdays as ISO numbers) and marks the slots each would rather not take', () => {
    expect(problem.staff.find((p) => p.id === 'C1')!.preferences).toEqual({ avoidShifts: [], avoidWeekdays: [7], avoidDates: ['2026-12-24'] });
    expect(problem.staff.find((p) => p.id === 'C2')!.preferences).toBeUndefined();
    const slot = (date: string, shift: string) => problem.slots.find((s) => s.date === date && s.shift === shift)!;
    expect(slot('2026-12-06', 'day').avoidedBy).toEqual([{ staff: 'C1', count: 1 }]); // a Sunday
    expect(slot('2026-12-24', 'day').avoidedBy).toEqual([{ staff: 'C1', count: 1 }]);
    expect(slot('2026-12-07', 'day').avoidedBy).toEqual([]);
    expect(slot('2026-12-07', 'night').avoidedBy).toEqual([{ staff: 'M1', count: 1 }]);
    expect(slot('2026-12-06', 'night').avoidedBy).toEqual([{ staff: 'M1', count: 2 }]); // a night and a Sunday
    expect(slot('2026-12-20', 'night').avoidedBy).toEqual([]); // M1 is on leave: leave, not a preference, keeps M1 off
    expect(problem.slots.filter((s) => s.avoidedBy.some((a) => a.staff === 'M1'))).toHaveLength(30);
  });

  it('the checker lists every duty against a stated preference and counts them per person, apart from the fair bands', () => {
    const assignments = problem.slots.map((s) => ({ date: s.date, shift: s.shift, staff: [s.shift === 'day' ? (s.date === '2026-12-24' ? 'C1' : 'C2') : s.date === '2026-12-20' ? 'M2' : 'M1'] }));
    const check = checkRoster(problem, assignments);
    expect(check.hard.filter((h) => h.rule !== 'rest' && h.rule !== 'week_limit')).toEqual([]);
    expect(check.preferences).toContainEqual({ staff: 'C1', date: '2026-12-24', shift: 'day', against: ['date'] });
    expect(check.preferences).toContainEqual({ staff: 'M1', date: '2026-12-06', shift: 'night', against: ['shift', 'weekday'] });
    expect(check.preferences.filter((f) => f.staff === 'M1')).toHaveLength(30);
    const byStaff = Object.fromEntries(check.deviations.map((d) => [d.staff, d.preferences]));
    // each preference a duty goes against counts: 30 nights, 3 of them on a Sunday (12-06, 12-13, 12-27)
    expect(byStaff).toEqual({ C1: 1, C2: 0, M1: 33, M2: 0 });
    // preferences are not fairness: `total` is the band deviations only
    const m1 = check.deviations.find((d) => d.staff === 'M1')!;
    expect(m1.total).toBe(Object.values(m1.byShift).reduce((x, c) => x + c.deviation, 0) + m1.weekendHoliday.deviation);
  });
});

describe('the generator keeps them when it can, and only after the fair shares', () => {
  it('kept in full: the search proves it (nothing to improve), with or without a solver', async () => {
    const desk = miniDesk({ shifts: [DAY24], roster: { min_rest_hours: 24, max_shifts_per_week: 7 } }, [
      prefer(person('A', ['clerk']), { avoid_weekdays: ['sun'] }),
      prefer(person('B', ['clerk']), { avoid_dates: ['2026-12-24', '2026-12-25'] }),
      person('C', ['clerk']),
      person('D', ['clerk']),
    ]);
    const problem = buildRosterProblem(desk, { month: '2026-12', seed: 11 });
    for (const r of [solved(await solveRoster(problem, solve)), solved(await solveRoster(problem, undefined))]) {
      expect(r).toMatchObject({ optimal: true, method: 'search', bandDeviation: 0, weekendDeviation: 0, preferenceViolations: 0 });
      expect(dutiesOf(r, 'A').filter((a) => isoWeekday(a.date) === 7)).toEqual([]);
      expect(dutiesOf(r, 'B').map((a) => a.date)).not.toContain('2026-12-24');
      expect(dutiesOf(r, 'B').map((a) => a.date)).not.toContain('2026-12-25');
      expect(checkRoster(problem, r.assignments).preferences).toEqual([]);
    }
  });

  it('cannot all be kept: HiGHS proves the fewest broken (two people alternate, so A gets 2 of the 4 Mondays either way)', async () => {
    const desk = miniDesk({ shifts: [DAY24], roster: { min_rest_hours: 24, max_shifts_per_week: 7 } }, [prefer(person('A', ['clerk']), { avoid_weekdays: ['mon'] }), person('B', ['clerk'])]);
    const problem = buildRosterProblem(desk, { month: '2026-12', seed: 1 });
    const r = solved(await solveRoster(problem, solve));
    expect(r).toMatchObject({ optimal: true, method: 'highs', bandDeviation: 0, weekendDeviation: 0, preferenceViolations: 2 });
    const check = checkRoster(problem, r.assignments);
    expect(check.hard).toEqual([]);
    expect(check.preferences.map((f) => `${f.staff} ${f.against.join('+')}`)).toEqual(['A weekday', 'A weekday']);
  });

  it('fairness comes first: M1 would rather have no nights, but still gets the fair share of them (15, the least the band allows)', async () => {
    // 8 h between nights is not enough (08:30 → 17:30 is 9 h; min_rest 12), so M1 and M2 alternate: 15 or 16 nights each
    const desk = miniDesk({ shifts: SPLIT, roster: { min_rest_hours: 12, max_shifts_per_week: 7 } }, [
      person('C1', ['clerk']),
      person('C2', ['clerk']),
      prefer(person('M1', ['maintenance']), { avoid_shifts: ['night'] }),
      person('M2', ['maintenance']),
    ]);
    const problem = buildRosterProblem(desk, { month: '2026-12', seed: 2 });
    const r = solved(await solveRoster(problem, solve));
    expect(r).toMatchObject({ optimal: true, bandDeviation: 0, weekendDeviation: 0, preferenceViolations: 15 });
    expect(dutiesOf(r, 'M1')).toHaveLength(15);
    expect(r.deviations.find((d) => d.staff === 'M1')).toMatchObject({ preferences: 15, total: 0 });
  });
});
