// The roster problem, the fair bands worked out by hand, the independent checker, and
// the record a solution becomes (SPEC §3.3, §5.1). No solver here: see roster-solve.
import { describe, expect, it } from 'vitest';
import { loadDesk } from '../../src/domain/load-desk.js';
import { rosterPath, rosterSchema, type Roster } from '../../src/domain/records/roster.js';
import { buildRosterProblem, checkRoster, fairBands, buildRosterRecord, rosterTeams, solveRoster, type RosterSolved } from '../../src/domain/roster/index.js';
import { daysInMonth } from '../../src/domain/time.js';
import { DAY24, miniDesk, person, SPLIT } from './roster-helpers.js';

const round3 = (x: number) => Math.round(x * 1000) / 1000;

describe('fair bands, worked out by hand (SPEC §5.1 soft rules)', () => {
  // December 2026: 31 days, 12-01 a Tuesday; weekends 5,6 12,13 19,20 26,27 = 8 days, no statutory holiday.
  // A and C available all 31 days, B on leave 12-01..12-10 (21 days): Σ = 83.
  const desk = miniDesk({ shifts: [DAY24] }, [person('A', ['clerk']), person('B', ['clerk'], [['2026-12-01', '2026-12-10']]), person('C', ['clerk'])]);
  const problem = buildRosterProblem(desk, { month: '2026-12', seed: 1 });

  it('reads the month: days, weekend/holiday days, slots with their real instants', () => {
    expect(problem.days).toHaveLength(31);
    expect(problem.days.filter((d) => d.weekendHoliday).map((d) => d.date.slice(8))).toEqual(['05', '06', '12', '13', '19', '20', '26', '27']);
    expect(problem.slots).toHaveLength(31);
    const first = problem.slots[0]!;
    expect(first).toMatchObject({ date: '2026-12-01', shift: 'day24', need: 1, week: '2026-11-30', eligible: ['A', 'B', 'C'], onLeave: ['B'] });
    expect(first.start).toBe(Date.parse('2026-12-01T08:30:00+08:00'));
    expect(first.end).toBe(Date.parse('2026-12-02T08:30:00+08:00'));
    expect(problem.staff.map((s) => [s.id, s.availableDays, s.availableWeekendHolidays])).toEqual([['A', 31, 8], ['B', 21, 6], ['C', 31, 8]]);
  });

  it('shares duties in proportion to available days: 31 × 31/83, 31 × 21/83', () => {
    const bands = fairBands(problem);
    const [a, b, c] = bands;
    // A: 31·31/83 = 11.578 → 11..12; B: 31·21/83 = 7.843 → 7..8
    expect(round3(a!.byShift.day24!.share)).toBe(11.578);
    expect(a!.byShift.day24).toMatchObject({ floor: 11, ceil: 12, carried: 0 });
    expect(round3(b!.byShift.day24!.share)).toBe(7.843);
    expect(b!.byShift.day24).toMatchObject({ floor: 7, ceil: 8 });
    expect(c!.byShift.day24).toEqual(a!.byShift.day24);
    // weekend/holiday: 8 duties × 8/22 = 2.909 → 2..3 (A, C); 8 × 6/22 = 2.182 → 2..3 (B)
    expect(round3(a!.weekendHoliday.share)).toBe(2.909);
    expect(a!.weekendHoliday).toMatchObject({ floor: 2, ceil: 3 });
    expect(round3(b!.weekendHoliday.share)).toBe(2.182);
    expect(b!.weekendHoliday).toMatchObject({ floor: 2, ceil: 3 });
    // the shares add up to the month's duties
    expect(round3(bands.reduce((x, p) => x + p.byShift.day24!.share, 0))).toBe(31);
  });

  it('shares each shift type among those who can take it: split shifts, clerks by day, maintenance by night', () => {
    const split = buildRosterProblem(miniDesk({ shifts: SPLIT }, [person('C1', ['clerk']), person('C2', ['clerk']), person('M1', ['maintenance']), person('M2', ['maintenance']), person('M3', ['maintenance'])]), { month: '2026-11', seed: 1 });
    const bands = fairBands(split);
    expect(bands.find((b) => b.staff === 'C1')!.byShift).toEqual({ day: { share: 15, carried: 0, target: 15, floor: 15, ceil: 15 } });
    expect(bands.find((b) => b.staff === 'M1')!.byShift).toEqual({ night: { share: 10, carried: 0, target: 10, floor: 10, ceil: 10 } });
    // November 2026: weekends 1, 7,8 14,15 21,22 28,29 = 9 days → maintenance 9/3 = 3 each, clerks 4.5 → 4..5
    expect(bands.find((b) => b.staff === 'M2')!.weekendHoliday).toMatchObject({ share: 3, floor: 3, ceil: 3 });
    expect(bands.find((b) => b.staff === 'C2')!.weekendHoliday).toMatchObject({ share: 4.5, floor: 4, ceil: 5 });
  });

  it('carries over last month\'s imbalance: actual − share, centred on the current staff', () => {
    // November: 30 days, everyone available: share 10 each; A did 11, B 9, C 10 → carry +1, −1, 0
    const counts = { A: 11, B: 9, C: 10 };
    const order = [...Array(11).fill('A'), ...Array(9).fill('B'), ...Array(10).fill('C')] as string[];
    const november: Roster = { month: '2026-11', status: 'approved', assignments: daysInMonth('2026-11').map((date, i) => ({ date, shift: 'day24', staff: [order[i]!] })) };
    expect(order.filter((x) => x === 'A')).toHaveLength(counts.A);
    const p = buildRosterProblem(miniDesk({ shifts: [DAY24] }, [person('A', ['clerk']), person('B', ['clerk']), person('C', ['clerk'])], [november]), { month: '2026-12', seed: 1 });
    expect(p.carried.A!.byShift.day24).toBe(1);
    expect(p.carried.B!.byShift.day24).toBe(-1);
    expect(p.carried.C!.byShift.day24).toBe(0);
    // December: 31/3 = 10.333; A 9.333 → 9..10, B 11.333 → 11..12, C 10..11
    const bands = fairBands(p);
    expect(bands.map((b) => [b.staff, b.byShift.day24!.floor, b.byShift.day24!.ceil])).toEqual([['A', 9, 10], ['B', 11, 12], ['C', 10, 11]]);
    // November's last 9 days are history for rest and the ISO week
    expect(p.history.map((h) => `${h.date} ${h.staff}`)).toEqual(daysInMonth('2026-11').slice(21).map((d) => `${d} C`));
  });
});

describe('the problem: pinned slots, teams', () => {
  it('keeps an existing draft\'s pinned slots and names the ones that cannot be kept', () => {
    const draft: Roster = {
      month: '2026-12', status: 'draft',
      assignments: [
        { date: '2026-12-03', shift: 'day24', staff: ['B'], pinned: true },
        { date: '2026-12-04', shift: 'day24', staff: ['A'] },
        { date: '2026-12-05', shift: 'noon', staff: ['A'], pinned: true },
        { date: '2026-12-06', shift: 'day24', staff: ['Z9'], pinned: true },
      ],
    };
    const p = buildRosterProblem(miniDesk({ shifts: [DAY24] }, [person('A', ['clerk']), person('B', ['clerk'])], [draft]), { month: '2026-12', seed: 1 });
    expect(p.slots.filter((s) => s.pinned.length).map((s) => `${s.date} ${s.pinned}`)).toEqual(['2026-12-03 B']);
    expect(p.pinnedProblems).toEqual([
      { date: '2026-12-05', shift: 'noon', reason: 'unknown_shift' },
      { date: '2026-12-06', shift: 'day24', staff: 'Z9', reason: 'unknown_staff' },
    ]);
  });

  it('a team roster uses the team\'s shifts from kefu.yaml `teams:` and its own staff', () => {
    const desk = miniDesk(
      { shifts: SPLIT, teams: { lobby: { shifts: [{ id: 'lobby', name: '大堂', start: '07:00', end: '19:00', roles: ['lobby'] }], lead: 'L1' } } },
      [person('C1', ['clerk']), person('L1', ['lobby', 'team_lead']), person('L2', ['lobby']), person('L3', ['lobby'])],
    );
    expect(rosterTeams(desk.config)).toEqual(['desk', 'lobby']);
    const p = buildRosterProblem(desk, { month: '2026-12', team: 'lobby', seed: 3 });
    expect(p.shifts.map((s) => s.id)).toEqual(['lobby']);
    expect(p.staff.map((s) => s.id)).toEqual(['L1', 'L2', 'L3']);
    expect(p.lead).toBe('L1');
    expect(() => buildRosterProblem(desk, { month: '2026-12', team: 'cleaner', seed: 1 })).toThrow(/no shifts for team cleaner/);
  });
});

describe('checkRoster: every hard rule, independent of the generator', () => {
  const desk = miniDesk({ shifts: SPLIT, roster: { min_rest_hours: 12, max_shifts_per_week: 4 } }, [
    person('C1', ['clerk'], [['2026-12-10', '2026-12-10']]), person('C2', ['clerk']), person('M1', ['maintenance']), person('M2', ['maintenance']),
  ], [{ month: '2026-11', status: 'approved', assignments: [{ date: '2026-11-30', shift: 'night', staff: ['M1'] }] }]);
  const problem = buildRosterProblem(desk, { month: '2026-12', seed: 1 });
  /** a valid base: clerks alternate by day, maintenance alternate by night (M2 first: M1 worked 11-30) */
  const base = () => daysInMonth('2026-12').flatMap((date, i) => [
    { date, shift: 'day', staff: [i % 2 === 0 ? 'C2' : 'C1'] },
    { date, shift: 'night', staff: [i % 2 === 0 ? 'M2' : 'M1'] },
  ]);
  // 12-10 (i = 9) is C1's day off: swap the pair 12-09/12-10 so that C2 works it
  const valid = () => base().map((a) => (a.shift === 'day' && (a.date === '2026-12-09' || a.date === '2026-12-10') ? { ...a, staff: [a.date === '2026-12-10' ? 'C2' : 'C1'] } : a));

  it('passes a valid roster', () => {
    const check = checkRoster(problem, valid());
    expect(check.hard).toEqual([]);
    expect(check.ok).toBe(true);
  });

  it('finds coverage, leave, role, overlap, rest, week-limit and unknown problems', () => {
    const edit = (date: string, shift: string, staff: string[]) => (list: ReturnType<typeof valid>) => list.map((a) => (a.date === date && a.shift === shift ? { ...a, staff } : a));
    const rules = (list: ReturnType<typeof valid>) => checkRoster(problem, list).hard.map((v) => `${v.rule} ${v.date} ${v.shift} ${v.staff ?? ''}`.trim());
    expect(rules(edit('2026-12-02', 'day', [])(valid()))).toEqual(['coverage 2026-12-02 day']);
    expect(rules(edit('2026-12-10', 'day', ['C1'])(valid()))).toContain('leave 2026-12-10 day C1');
    expect(rules(edit('2026-12-02', 'night', ['C2'])(valid()))).toContain('role 2026-12-02 night C2');
    // M1 on 11-30 (history) and 12-01: 9 h of rest across the month boundary
    const boundary = checkRoster(problem, edit('2026-12-01', 'night', ['M1'])(valid())).hard;
    expect(boundary).toContainEqual({ rule: 'rest', date: '2026-12-01', shift: 'night', staff: 'M1', other: { date: '2026-11-30', shift: 'night', previousMonth: true }, gapHours: 9 });
    // one person twice in one slot: overlap
    expect(rules(edit('2026-12-15', 'night', ['M1', 'M1'])(valid()))).toContain('overlap 2026-12-15 night M1');
    // C2 on 12-07, 12-10, 12-11, 12-13, and now 12-08 (the week of 12-07): five, more than four — reported at the fifth
    const week = checkRoster(problem, edit('2026-12-08', 'day', ['C2'])(valid())).hard;
    expect(week).toEqual([{ rule: 'week_limit', date: '2026-12-13', shift: 'day', staff: 'C2', week: '2026-12-07', count: 5, max: 4 }]);
    expect(rules([...valid(), { date: '2026-12-05', shift: 'noon', staff: ['C1'] }])).toEqual(['shift 2026-12-05 noon']);
    expect(rules(edit('2026-12-05', 'day', ['X1'])(valid()))).toEqual(['staff 2026-12-05 day X1', 'coverage 2026-12-05 day']);
  });

  it('reports each person\'s counts against their bands', () => {
    const check = checkRoster(problem, valid());
    const m2 = check.deviations.find((d) => d.staff === 'M2')!;
    expect(m2.byShift.night!.count).toBe(16);
    expect(m2.duties).toBe(16);
    expect(m2.hours).toBe(16 * 15);
  });
});

describe('the record a solution becomes (SPEC §3.3)', () => {
  it('a draft, stamped with who, when, the seed and optimality; assignments by date then shift order', async () => {
    const desk = miniDesk({ shifts: SPLIT, roster: { min_rest_hours: 12, max_shifts_per_week: 4 } }, [person('C1', ['clerk']), person('C2', ['clerk']), person('M1', ['maintenance']), person('M2', ['maintenance'])]);
    const problem = buildRosterProblem(desk, { month: '2026-12', seed: 9 });
    // no solver: the local search alone, which proves this month optimal (every count in its band)
    const result = (await solveRoster(problem, undefined)) as RosterSolved;
    expect(result).toMatchObject({ status: 'solved', method: 'search', optimal: true });
    const record = buildRosterRecord(problem, { ...result, assignments: [...result.assignments].reverse() }, { at: '2026-11-20T10:00:00+08:00', by: 'S01' });
    expect(rosterSchema.safeParse(record).success).toBe(true);
    expect(record.status).toBe('draft');
    expect(record.generated).toEqual({ at: '2026-11-20T10:00:00+08:00', by: 'S01', seed: 9, optimal: true });
    expect(buildRosterRecord(problem, { ...result, optimal: false }, { at: '2026-11-20T10:00:00+08:00', by: 'S01' }).generated?.optimal).toBe(false);
    expect(record.team).toBeUndefined();
    expect(rosterPath(record)).toBe('rosters/2026-12.yaml');
    expect(record.assignments.slice(0, 4).map((a) => `${a.date} ${a.shift}`)).toEqual(['2026-12-01 day', '2026-12-01 night', '2026-12-02 day', '2026-12-02 night']);
  });
});

describe('kefu validate runs the new hard rules across files (src/domain/checks/roster-rules.ts)', () => {
  const AS_OF = Date.parse('2026-11-25T09:00:00+08:00');
  const files = (december: string, extra: Record<string, string> = {}) => ({
    'kefu.yaml': 'property: x\nroster: { min_rest_hours: 24, max_shifts_per_week: 3 }\nteams:\n  lobby:\n    shifts: [{ id: lobby, start: "07:00", end: "19:00", roles: [lobby] }]\n',
    'staff.yaml': 'staff:\n  - { id: S02, name: 李娜, roles: [clerk] }\n  - { id: S03, name: 张伟, roles: [clerk] }\n  - { id: S04, name: 王强, roles: [clerk] }\n  - { id: L1, name: 刘洋, roles: [lobby] }\n',
    'rosters/2026-11.yaml': 'month: "2026-11"\nstatus: approved\nassignments:\n  - { date: "2026-11-30", shift: day24, staff: [S02] }\n',
    'rosters/2026-12.yaml': `month: "2026-12"\nstatus: draft\nassignments:${december ? `\n${december}` : ' []\n'}`,
    ...extra,
  });
  const run = (f: Record<string, string>) => loadDesk(Object.entries(f).map(([path, text]) => ({ path, bytes: Buffer.from(text) })), { asOf: AS_OF }).diagnostics
    .filter((d) => d.code !== 'ROSTER_UNCOVERED')
    .map((d) => `${d.file}:${d.line}:${d.col} ${d.code}`);

  it('S02 on duty 11-30 → 12-01 08:30 cannot start again at 08:30: ROSTER_REST in the December file', () => {
    expect(run(files('  - { date: "2026-12-01", shift: day24, staff: [S02] }\n'))).toEqual(['rosters/2026-12.yaml:4:49 ROSTER_REST']);
    expect(run(files('  - { date: "2026-12-01", shift: day24, staff: [S03] }\n'))).toEqual([]);
  });

  it('the ISO week of 11-30 counts November\'s duty', () => {
    const three = ['02', '04', '06'].map((d) => `  - { date: "2026-12-${d}", shift: day24, staff: [S02] }\n`).join('');
    expect(run(files(three))).toEqual(['rosters/2026-12.yaml:6:49 ROSTER_WEEK_LIMIT']);
  });

  it('a team roster is judged against its team\'s shifts', () => {
    const lobby = 'month: "2026-12"\nteam: lobby\nstatus: draft\nassignments:\n  - { date: "2026-12-01", shift: lobby, staff: [L1] }\n  - { date: "2026-12-02", shift: lobbby, staff: [L1] }\n  - { date: "2026-12-03", shift: lobby, staff: [S03] }\n';
    expect(run(files('', { 'rosters/2026-12.lobby.yaml': lobby }))).toEqual([
      'rosters/2026-12.lobby.yaml:6:34 SHIFT_UNKNOWN',
      'rosters/2026-12.lobby.yaml:7:49 ROSTER_INELIGIBLE',
    ]);
  });
});
