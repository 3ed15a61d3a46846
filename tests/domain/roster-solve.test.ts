// solveRoster with HiGHS (src/store/solver.ts) and without it: the example desk's
// December, the seed, rest across the month boundary, and impossible months named by
// day, shift and rule (SPEC §5.1, issue 5).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDesk } from '../../src/domain/load-desk.js';
import type { Roster } from '../../src/domain/records/roster.js';
import { buildRosterProblem, checkRoster, solveRoster, type RosterInfeasible, type RosterSolved, type SolveLp } from '../../src/domain/roster/index.js';
import { daysInMonth } from '../../src/domain/time.js';
import { readDeskSources } from '../../src/store/desk-files.js';
import { loadRosterSolver } from '../../src/store/solver.js';
import { DAY24, miniDesk, person, solved, SPLIT } from './roster-helpers.js';

const EXAMPLE = join(fileURLToPath(new URL('../..', import.meta.url)), 'examples', 'desk');
let solve: SolveLp;
beforeAll(async () => {
  solve = await loadRosterSolver();
});

const staffOn = (r: RosterSolved, date: string, shift: string) => r.assignments.find((a) => a.date === date && a.shift === shift)!.staff;

describe('the example desk\'s December (split day/night shifts, 11 people who can take them)', () => {
  const { desk } = loadDesk(readDeskSources(EXAMPLE), { asOf: Date.parse('2026-11-25T09:00:00+08:00') });

  it('is proven optimal by the local search alone (every count inside its bands), passes the checker, nobody on leave', async () => {
    const problem = buildRosterProblem(desk, { month: '2026-12', seed: 42 });
    expect(problem.history.length).toBeGreaterThan(0); // November's last days
    const r = solved(await solveRoster(problem, solve, { timeLimitSeconds: 20 }));
    // cost 0 on every level is a lower bound no roster can beat: no solver needed
    expect(r).toMatchObject({ optimal: true, method: 'search', bandDeviation: 0, weekendDeviation: 0, preferenceViolations: 0 });
    expect(r.solverStatus).toBeUndefined();
    expect(checkRoster(problem, r.assignments).hard).toEqual([]);
    expect(r.deviations.every((d) => d.total === 0)).toBe(true);
    // nobody on leave: S03 is away 12-07..12-09
    for (const d of ['2026-12-07', '2026-12-08', '2026-12-09']) expect(staffOn(r, d, 'day')).not.toContain('S03');
  });

  it('the MIP alone (mode: solver) proves the same optimum with HiGHS', async () => {
    const problem = buildRosterProblem(desk, { month: '2026-12', seed: 42 });
    const r = solved(await solveRoster(problem, solve, { timeLimitSeconds: 20, mode: 'solver' }));
    expect(r).toMatchObject({ optimal: true, method: 'highs', solverStatus: 'Optimal', bandDeviation: 0, weekendDeviation: 0, preferenceViolations: 0 });
    expect(checkRoster(problem, r.assignments).hard).toEqual([]);
  });

  it('the same seed gives the same roster; other seeds may differ', async () => {
    const run = async (seed: number) => solved(await solveRoster(buildRosterProblem(desk, { month: '2026-12', seed }), solve)).assignments;
    const a = await run(7);
    expect(await run(7)).toEqual(a);
    const others = await Promise.all([1, 2, 3, 4].map(run));
    expect(new Set([a, ...others].map((x) => JSON.stringify(x))).size).toBeGreaterThan(1);
  });

  it('without a solver the search alone gives the same proof, and the same roster for the same seed', async () => {
    const problem = buildRosterProblem(desk, { month: '2026-12', seed: 5 });
    const r = solved(await solveRoster(problem, undefined));
    expect(r).toMatchObject({ optimal: true, method: 'search' });
    expect(checkRoster(problem, r.assignments).hard).toEqual([]);
    expect(solved(await solveRoster(problem, undefined)).assignments).toEqual(r.assignments);
  });
});

describe('a month whose counts cannot all sit inside their bands: HiGHS proves the optimum', () => {
  // X is the only clerk, so X takes every day shift; with 8 h rest X cannot also take a
  // night (day → night the same evening, night → day the next morning), so M takes every
  // night. The night band (X and M share it, 15–16 each) is missed by 15 on both sides:
  // 30; weekend/holiday duty (16: X 8 days, M 8 nights) against shares 12 and 4: 8.
  const desk = miniDesk({ shifts: SPLIT, roster: { min_rest_hours: 8, max_shifts_per_week: 7 } }, [person('M', ['maintenance']), person('X', ['clerk', 'maintenance'])]);

  it('from the search\'s roster, HiGHS proves 30 and 8 optimal; without a solver the same roster is not proven', async () => {
    const problem = buildRosterProblem(desk, { month: '2026-12', seed: 3 });
    const r = solved(await solveRoster(problem, solve));
    expect(r).toMatchObject({ optimal: true, method: 'highs', solverStatus: 'Optimal', bandDeviation: 30, weekendDeviation: 8 });
    expect(checkRoster(problem, r.assignments).hard).toEqual([]);
    const alone = solved(await solveRoster(problem, undefined, { fallback: { iterations: 5_000 } }));
    expect(alone).toMatchObject({ optimal: false, method: 'fallback', bandDeviation: 30, weekendDeviation: 8 });
    expect(alone.notes).toEqual(['no solver: using the fallback search']);
  });
});

describe('rest across the month boundary', () => {
  // 24-hour duty 08:30 → 08:30, min_rest 24 h: whoever was on duty on 11-30 (until 12-01 08:30) cannot start again at 12-01 08:30
  const november: Roster = { month: '2026-11', status: 'approved', assignments: daysInMonth('2026-11').map((date, i) => ({ date, shift: 'day24', staff: [['A', 'B', 'C', 'D'][i % 4]!] })) };
  const desk = miniDesk({ shifts: [DAY24] }, ['A', 'B', 'C', 'D'].map((id) => person(id, ['clerk'])), [november]);

  it('the person on duty on 11-30 is not on duty on 12-01, with HiGHS or the fallback, for any seed', async () => {
    expect(november.assignments.at(-1)!.staff).toEqual(['B']);
    for (const seed of [1, 2, 3, 4, 5]) {
      const problem = buildRosterProblem(desk, { month: '2026-12', seed });
      for (const r of [await solveRoster(problem, solve), await solveRoster(problem, undefined)]) {
        const s = solved(r);
        expect(staffOn(s, '2026-12-01', 'day24')).not.toContain('B');
        expect(checkRoster(problem, s.assignments).hard).toEqual([]);
      }
    }
  });

  it('the ISO week that starts in November counts November\'s duties (11-30 is a Monday)', async () => {
    // B: 11-30 only in that week of November's roster; max 3 per week → B at most 2 of 12-01..12-06
    const problem = buildRosterProblem(desk, { month: '2026-12', seed: 1 });
    const r = solved(await solveRoster(problem, solve));
    const firstWeek = r.assignments.filter((a) => a.date <= '2026-12-06');
    expect(firstWeek.filter((a) => a.staff.includes('B')).length).toBeLessThanOrEqual(2);
  });
});

describe('an impossible month is named: day, shift, rule', () => {
  const maintenance = (leave: [string, string][][], minStaff: number, perWeek = 4) =>
    miniDesk({ shifts: [SPLIT[0]!, { ...SPLIT[1]!, min_staff: minStaff }], roster: { min_rest_hours: 12, max_shifts_per_week: perWeek } }, [
      person('S03', ['clerk']), person('S04', ['clerk']), person('S09', ['maintenance'], leave[0]), person('S10', ['maintenance'], leave[1]),
    ]);

  it('two maintenance staff, both on leave on 12-24: the 12-24 night, coverage', async () => {
    const problem = buildRosterProblem(maintenance([[['2026-12-24', '2026-12-24']], [['2026-12-20', '2026-12-26']]], 1), { month: '2026-12', seed: 1 });
    const r = (await solveRoster(problem, solve)) as RosterInfeasible;
    expect(r).toMatchObject({ status: 'infeasible', proven: true, method: 'precheck' });
    expect(r.blocks).toEqual([{ date: '2026-12-24', shift: 'night', rule: 'coverage', need: 1, available: 0, eligible: ['S09', 'S10'], onLeave: ['S09', 'S10'] }]);
  });

  it('a night for two, one of the two on leave: "only 1 of 2 maintenance staff available"', async () => {
    const problem = buildRosterProblem(maintenance([[], [['2026-12-24', '2026-12-24']]], 2, 7), { month: '2026-12', seed: 1 });
    const r = (await solveRoster(problem, solve)) as RosterInfeasible;
    expect(r.status).toBe('infeasible');
    expect(r.blocks).toEqual([{ date: '2026-12-24', shift: 'night', rule: 'coverage', need: 2, available: 1, eligible: ['S09', 'S10'], onLeave: ['S10'] }]);
  });

  it('a week with more duties than two people may work: the week, week_limit', async () => {
    const desk = miniDesk({ shifts: [DAY24] }, [person('A', ['clerk']), person('B', ['clerk'])]);
    const r = (await solveRoster(buildRosterProblem(desk, { month: '2026-12', seed: 1 }), solve)) as RosterInfeasible;
    expect(r.method).toBe('precheck');
    // 12-01..12-06: 6 duties, 2 × 3 fit; the week of 12-07: 7 duties, 2 × 3 = 6
    expect(r.blocks[0]).toEqual({ date: '2026-12-07', shift: 'day24', rule: 'week_limit', need: 7, available: 6, eligible: ['A', 'B'], onLeave: [], dates: daysInMonth('2026-12').slice(6, 13) });
  });

  it('a pinned duty on leave: pinned', async () => {
    const draft: Roster = { month: '2026-12', status: 'draft', assignments: [{ date: '2026-12-10', shift: 'day24', staff: ['A'], pinned: true }] };
    const desk = miniDesk({ shifts: [DAY24], roster: { min_rest_hours: 24, max_shifts_per_week: 7 } }, [person('A', ['clerk'], [['2026-12-10', '2026-12-11']]), person('B', ['clerk']), person('C', ['clerk'])], [draft]);
    const r = (await solveRoster(buildRosterProblem(desk, { month: '2026-12', seed: 1 }), solve)) as RosterInfeasible;
    expect(r.blocks).toMatchObject([{ date: '2026-12-10', shift: 'day24', rule: 'pinned', staff: 'A', reason: 'leave' }]);
  });

  it('passes the pre-checks, proven infeasible by HiGHS: the elastic solve names the day and the rest rule', async () => {
    // only C on 12-13 and 12-14 (a Sunday and a Monday: two ISO weeks), and C cannot do both with 24 h rest
    const desk = miniDesk({ shifts: [DAY24] }, [person('A', ['clerk'], [['2026-12-13', '2026-12-14']]), person('B', ['clerk'], [['2026-12-13', '2026-12-14']]), person('C', ['clerk'])]);
    const problem = buildRosterProblem(desk, { month: '2026-12', seed: 1 });
    const r = (await solveRoster(problem, solve)) as RosterInfeasible;
    expect(r).toMatchObject({ status: 'infeasible', proven: true, method: 'highs', solverStatus: 'Infeasible' });
    expect(r.blocks).toHaveLength(1);
    const [block] = r.blocks;
    expect(['2026-12-13', '2026-12-14']).toContain(block!.date);
    const other = block!.date === '2026-12-13' ? '2026-12-14' : '2026-12-13';
    expect(block).toMatchObject({ shift: 'day24', rule: 'rest', need: 1, available: 0, eligible: ['A', 'B', 'C'], onLeave: ['A', 'B'] });
    expect(block!.blockedBy).toEqual([{ staff: 'C', rule: 'rest', date: other, shift: 'day24' }]);

    // the fallback alone cannot prove it, but names the same kind of block
    const f = (await solveRoster(problem, undefined)) as RosterInfeasible;
    expect(f).toMatchObject({ status: 'infeasible', proven: false, method: 'fallback' });
    expect(f.blocks.map((b) => b.rule)).toEqual(['rest']);
    expect(['2026-12-13', '2026-12-14']).toContain(f.blocks[0]!.date);
  });
});

describe('the solver loader (src/store/solver.ts)', () => {
  it('survives an error inside HiGHS and solves the next model on a fresh instance', async () => {
    const options = { time_limit: 5, mip_rel_gap: 0, mip_abs_gap: 0, random_seed: 0, output_flag: false };
    // an option HiGHS does not know makes the native call fail (and throw)
    await expect(solve('Minimize\n obj: x\nSubject To\n c: x >= 1\nEnd\n', { ...options, bogus_option: 1 } as typeof options)).rejects.toThrow(/bogus_option/);
    const r = await solve('Minimize\n obj: x + y\nSubject To\n c1: x + y >= 1\nBinaries\n x y\nEnd\n', { time_limit: 5, mip_rel_gap: 0, mip_abs_gap: 0, random_seed: 0, output_flag: false });
    expect(r.Status).toBe('Optimal');
    expect(r.ObjectiveValue).toBe(1);
  });

  it('takes a start solution by column name (unknown names skipped): with no time at all, the start is the answer', async () => {
    const options = { time_limit: 0, mip_rel_gap: 0, mip_abs_gap: 0, random_seed: 0, output_flag: false };
    const lp = 'Minimize\n obj: x + y + z\nSubject To\n c1: x + y + z >= 1\nBinaries\n x y z\nEnd\n';
    expect(await solve(lp, options)).toEqual({ Status: 'Time limit reached', Columns: {} });
    const started = await solve(lp, options, { x: 0, y: 1, z: 0, nope: 3 });
    expect(started).toEqual({ Status: 'Time limit reached', ObjectiveValue: 1, Columns: { x: { Primal: 0 }, y: { Primal: 1 }, z: { Primal: 0 } } });
  });

  it('a time cap with a roster: that roster, not proven optimal; without one: the fallback search', async () => {
    const desk = miniDesk({ shifts: SPLIT, roster: { min_rest_hours: 12, max_shifts_per_week: 4 } }, [person('C1', ['clerk']), person('C2', ['clerk']), person('C3', ['clerk']), person('M1', ['maintenance']), person('M2', ['maintenance']), person('M3', ['maintenance'])]);
    const problem = buildRosterProblem(desk, { month: '2026-12', seed: 1 });
    const capped: SolveLp = async (lp, o) => ({ ...(await solve(lp, o)), Status: 'Time limit reached' });
    // mode solver: straight to the MIP (the search would prove this easy month on its own)
    const withRoster = solved(await solveRoster(problem, capped, { mode: 'solver' }));
    expect(withRoster).toMatchObject({ optimal: false, method: 'highs', solverStatus: 'Time limit reached' });
    const empty: SolveLp = async () => ({ Status: 'Time limit reached', Columns: {} });
    const without = solved(await solveRoster(problem, empty, { mode: 'solver' }));
    expect(without).toMatchObject({ optimal: false, method: 'fallback', solverStatus: 'Time limit reached' });
    expect(without.notes).toEqual(['solver stopped without a roster (Time limit reached); using the fallback search']);
    for (const r of [withRoster, without]) expect(checkRoster(problem, r.assignments).hard).toEqual([]);
  });

  it('a solver that throws falls back to the search, and says so', async () => {
    const desk = miniDesk({ shifts: [DAY24] }, ['A', 'B', 'C', 'D'].map((id) => person(id, ['clerk'])));
    const problem = buildRosterProblem(desk, { month: '2026-12', seed: 1 });
    const r = solved(await solveRoster(problem, () => Promise.reject(new Error('wasm trap')), { mode: 'solver' }));
    expect(r.method).toBe('fallback');
    expect(r.notes).toContain('solver failed: wasm trap');
    expect(checkRoster(problem, r.assignments).hard).toEqual([]);
  });
});
