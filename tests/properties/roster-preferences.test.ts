// Properties of stated preferences (SPEC §5.1 soft rule 4, the last): over random months
// with random leave, rest, weekly limits and preferences, a preference never costs
// fairness — the proven optimum's band deviations are those of the same month with no
// preferences at all — and the preferences the proven optimum breaks are no more than
// those any equally fair roster breaks (here: the one generated without them), as the
// independent checker counts them.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { WEEKDAYS, type StaffMember } from '../../src/domain/records/staff.js';
import { buildRosterProblem, checkRoster, solveRoster, type RosterSolved, type SolveLp } from '../../src/domain/roster/index.js';
import { daysInMonth } from '../../src/domain/time.js';
import { loadRosterSolver } from '../../src/store/solver.js';
import { DAY24, miniDesk, person, SPLIT } from '../domain/roster-helpers.js';

const RUNS = Math.max(5, Math.round(Number(process.env.KEFU_PROPERTY_RUNS ?? 300) / 10));
const MONTH = '2026-12';
const DAYS = daysInMonth(MONTH);

let solve: SolveLp;
beforeAll(async () => {
  solve = await loadRosterSolver();
});

const month = fc.record({
  split: fc.boolean(),
  minRest: fc.constantFrom(8, 12, 24),
  perWeek: fc.integer({ min: 3, max: 7 }),
  staff: fc.array(
    fc.record({
      maintenance: fc.boolean(),
      leave: fc.option(fc.record({ start: fc.integer({ min: 0, max: 30 }), length: fc.integer({ min: 1, max: 6 }) }), { freq: 2 }),
      prefs: fc.option(fc.record({
        shift: fc.boolean(),
        weekdays: fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 2 }),
        dates: fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 3 }),
      }), { freq: 2 }),
    }),
    { minLength: 4, maxLength: 16 },
  ),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
});

type Month = typeof month extends fc.Arbitrary<infer T> ? T : never;

function desks(x: Month) {
  const shifts = x.split ? SPLIT : [DAY24];
  const staff = x.staff.map((s, i) => {
    const leave: [string, string][] = s.leave ? [[DAYS[s.leave.start]!, DAYS[Math.min(30, s.leave.start + s.leave.length - 1)]!]] : [];
    const m = person(`S${String(i + 1).padStart(2, '0')}`, [x.split && s.maintenance ? 'maintenance' : 'clerk'], leave);
    const withPrefs: StaffMember = !s.prefs ? m : {
      ...m,
      preferences: {
        ...(s.prefs.shift ? { avoid_shifts: [x.split && s.maintenance ? 'night' : shifts[0]!.id] } : {}),
        avoid_weekdays: s.prefs.weekdays.map((d) => WEEKDAYS[d]!),
        avoid_dates: s.prefs.dates.map((d) => DAYS[d]!),
      },
    };
    return { m, withPrefs };
  });
  const config = { shifts, roster: { min_rest_hours: x.minRest, max_shifts_per_week: x.perWeek } };
  return { plain: miniDesk(config, staff.map((s) => s.m)), stated: miniDesk(config, staff.map((s) => s.withPrefs)) };
}

describe('stated preferences come last', () => {
  it('never cost fairness, and the optimum breaks no more of them than an equally fair roster made without them', async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(month, async (x) => {
        const { plain, stated } = desks(x);
        const p0 = buildRosterProblem(plain, { month: MONTH, seed: x.seed });
        const p1 = buildRosterProblem(stated, { month: MONTH, seed: x.seed });
        const r0 = await solveRoster(p0, solve, { timeLimitSeconds: 10 });
        const r1 = await solveRoster(p1, solve, { timeLimitSeconds: 10 });
        // preferences change nothing about whether a roster exists
        expect(r1.status).toBe(r0.status);
        if (r0.status !== 'solved' || r1.status !== 'solved') return;
        const c1 = checkRoster(p1, r1.assignments);
        expect(c1.hard).toEqual([]);
        expect(r1.preferenceViolations).toBe(c1.preferences.reduce((n, f) => n + f.against.length, 0));
        if (!r0.optimal || !r1.optimal) return;
        compared++;
        expect([r1.bandDeviation, r1.weekendDeviation]).toEqual([r0.bandDeviation, r0.weekendDeviation]);
        const unaware = checkRoster(p1, (r0 as RosterSolved).assignments);
        expect(r1.preferenceViolations).toBeLessThanOrEqual(unaware.preferences.reduce((n, f) => n + f.against.length, 0));
      }),
      { numRuns: RUNS },
    );
    expect(compared).toBeGreaterThan(RUNS / 3);
  });
});
