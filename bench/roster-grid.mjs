#!/usr/bin/env node
// Roster generation through the domain API (SPEC §5.1, issue 5): for 10, 20 and 40
// staff × one 31-day month × 1 and 3 shift types, several seeded instances each (leave
// drawn per seed): buildRosterProblem + solveRoster with HiGHS (loadRosterSolver), and
// the independent checker's verdict on every roster returned.
//
//   node bench/roster-grid.mjs [--instances N] [--time-limit S] [--mip] [--stress N] [--preferences F]
//
//   --mip        also time each instance with the MIP alone (solveRoster mode 'solver': no
//                local search first, no start) — the exact model's own speed
//   --stress N   also N months of a harder, varied family (8–40 staff, 1 or 3 shift types,
//                heavy leave, holidays, min_rest 12–24 h, 2–4 duties a week, some people
//                in two roles): the months where counts cannot all sit inside their bands
//                and HiGHS has to prove the optimum, and months proven infeasible
//   --preferences F   a fraction F of the grid's staff state a preference (staff.yaml
//                `preferences`: both weekend days, a shift, a weekday, or two dates), drawn
//                from its own seeded stream so the months are otherwise the same
//
// Prints one JSON document: { solverLoadMs, cells: [{ staff, shiftTypes, runs: [...] }], stress?: [...] }.
// A run's `method` says what answered: search (the local search, proven optimal by cost
// 0), highs (HiGHS, from the search's roster), fallback, or precheck (infeasible).
import { stringify } from 'yaml';
import { loadDesk } from '../dist/domain/load-desk.js';
import { buildRosterProblem, checkRoster, solveRoster } from '../dist/domain/roster/index.js';
import { loadRosterSolver } from '../dist/store/solver.js';
import { mulberry32 } from '../scripts/lib/mulberry32.mjs';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const INSTANCES = arg('--instances', 5);
const TIME_LIMIT = arg('--time-limit', 10);
const MIP = args.includes('--mip');
const STRESS = arg('--stress', 0);
const PREFERENCES = arg('--preferences', 0);
const MONTH = '2026-12';
const AS_OF = Date.parse('2026-11-25T09:00:00+08:00');

const DAY = { id: 'day', name: '白班', start: '08:30', end: '17:30', summer: { end: '18:00' }, roles: ['clerk'] };
const NOON = { id: 'noon', name: '午班', start: '12:00', end: '13:30', summer: { end: '14:00' }, roles: ['clerk'], min_staff: 1 };
const NIGHT = { id: 'night', name: '夜班', start: '17:30', end: '08:30', summer: { start: '18:00' }, roles: ['maintenance'] };
const DAY24 = { id: 'day24', name: '24小时值班', start: '08:30', end: '08:30', roles: ['clerk'] };

function deskOf(config, staff, label) {
  const sources = [
    { path: 'kefu.yaml', bytes: Buffer.from(stringify(config)) },
    { path: 'staff.yaml', bytes: Buffer.from(stringify({ staff })) },
  ];
  const { desk, diagnostics } = loadDesk(sources, { asOf: AS_OF });
  if (diagnostics.some((d) => d.severity === 'error')) throw new Error(`instance ${label}: ${JSON.stringify(diagnostics[0])}`);
  return desk;
}

const day = (d) => `${MONTH}-${String(d).padStart(2, '0')}`;

/** kefu.yaml and staff.yaml of one instance, as the files a desk would hold. */
function instance(staffCount, shiftTypes, seed) {
  const rnd = mulberry32(seed * 7919 + staffCount * 31 + shiftTypes);
  const prefs = mulberry32(seed * 31337 + staffCount);
  const perDay = Math.max(1, Math.round(staffCount / 10));
  const shifts = shiftTypes === 1
    ? [{ ...DAY24, min_staff: perDay }]
    : [{ ...DAY, min_staff: perDay }, NOON, { ...NIGHT, min_staff: Math.max(1, Math.round(staffCount / 20)) }];
  const config = { property: '基准', timezone: 'Asia/Shanghai', duty_day_start: '08:30', shifts, roster: { min_rest_hours: 24, max_shifts_per_week: 3 } };
  const staff = [{ id: 'S00', name: '主管', roles: ['supervisor'] }];
  for (let i = 1; i <= staffCount; i++) {
    const role = shiftTypes === 1 || i <= Math.round(staffCount * 0.6) ? 'clerk' : 'maintenance';
    const member = { id: `S${String(i).padStart(2, '0')}`, name: `员工${i}`, roles: [role] };
    if (rnd() < 0.3) {
      const from = 1 + Math.floor(rnd() * 26);
      const to = Math.min(31, from + 1 + Math.floor(rnd() * 5));
      member.leave = [{ from: day(from), to: day(to), reason: '年假' }];
    }
    if (PREFERENCES > 0 && prefs() < PREFERENCES) {
      const k = prefs();
      member.preferences = k < 0.4 ? { avoid_weekdays: ['sat', 'sun'] }
        : k < 0.6 ? { avoid_shifts: [shifts[Math.floor(prefs() * shifts.length)].id] }
        : k < 0.8 ? { avoid_weekdays: [['mon', 'tue', 'wed', 'thu', 'fri'][Math.floor(prefs() * 5)]] }
        : { avoid_dates: [day(1 + Math.floor(prefs() * 31)), day(24)] };
    }
    staff.push(member);
  }
  return deskOf(config, staff, `${staffCount}×${shiftTypes}#${seed}`);
}

/** One month of the harder family (--stress): every parameter drawn from the seed. */
function stressInstance(seed) {
  const rnd = mulberry32(seed * 104729 + 17);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const staffCount = pick([8, 10, 20, 30, 40]);
  const shiftTypes = pick([1, 3]);
  const perDay = Math.max(1, Math.round(staffCount / pick([10, 8, 6])));
  const shifts = shiftTypes === 1
    ? [{ ...DAY24, min_staff: perDay }]
    : [{ ...DAY, min_staff: perDay }, NOON, { ...NIGHT, min_staff: Math.max(1, Math.round(staffCount / pick([20, 15]))) }];
  const roster = { min_rest_hours: pick([24, 24, 12, 16]), max_shifts_per_week: pick([3, 3, 4, 2]) };
  const holidays = rnd() < 0.5 ? [day(24), day(25), day(31)] : [];
  const config = { property: '基准', timezone: 'Asia/Shanghai', duty_day_start: '08:30', shifts, holidays, roster };
  const leaveP = pick([0.3, 0.5, 0.7]);
  const maxLen = pick([5, 10, 15]);
  const maintenance = pick([0.3, 0.4, 0.5]);
  const staff = [{ id: 'S00', name: '主管', roles: ['supervisor'] }];
  for (let i = 1; i <= staffCount; i++) {
    const role = shiftTypes === 1 || i <= Math.round(staffCount * (1 - maintenance)) ? 'clerk' : rnd() < 0.1 ? 'clerk' : 'maintenance';
    const member = { id: `S${String(i).padStart(2, '0')}`, name: `员工${i}`, roles: rnd() < 0.1 && shiftTypes === 3 ? ['clerk', 'maintenance'] : [role] };
    if (rnd() < leaveP) {
      const from = 1 + Math.floor(rnd() * 28);
      member.leave = [{ from: day(from), to: day(Math.min(31, from + Math.floor(rnd() * maxLen))), reason: '年假' }];
    }
    staff.push(member);
  }
  const label = `${staffCount}×${shiftTypes} min_staff ${shifts.map((s) => s.min_staff).join('/')} rest ${roster.min_rest_hours} h ≤${roster.max_shifts_per_week}/wk leave ${leaveP}×≤${maxLen} d${holidays.length ? ' holidays' : ''}`;
  return { desk: deskOf(config, staff, `stress#${seed}`), label, staff: staffCount, shiftTypes };
}

const t0 = performance.now();
const solve = await loadRosterSolver();
const solverLoadMs = performance.now() - t0;

async function measure(desk, seed) {
  const started = performance.now();
  const problem = buildRosterProblem(desk, { month: MONTH, seed });
  const result = await solveRoster(problem, solve, { timeLimitSeconds: TIME_LIMIT });
  const ms = performance.now() - started;
  let run;
  if (result.status === 'solved') {
    const check = checkRoster(problem, result.assignments);
    run = { seed, ms, status: 'solved', optimal: result.optimal, method: result.method, hard: check.hard.length, deviations: check.deviations.map((d) => d.total), bandDeviation: result.bandDeviation, weekendDeviation: result.weekendDeviation, preferenceViolations: result.preferenceViolations };
  } else {
    run = { seed, ms, status: 'infeasible', proven: result.proven, method: result.method, blocks: result.blocks.length };
  }
  if (MIP) {
    // the exact model alone, from nothing (no search, no start)
    const a = performance.now();
    const exact = await solveRoster(buildRosterProblem(desk, { month: MONTH, seed }), solve, { timeLimitSeconds: TIME_LIMIT, mode: 'solver' });
    run.mip = { ms: performance.now() - a, status: exact.status, method: exact.method, ...(exact.status === 'solved' ? { optimal: exact.optimal, bandDeviation: exact.bandDeviation, weekendDeviation: exact.weekendDeviation } : { proven: exact.proven }) };
  }
  return run;
}

const cells = [];
for (const staffCount of [10, 20, 40]) {
  for (const shiftTypes of [1, 3]) {
    const runs = [];
    for (let seed = 1; seed <= INSTANCES; seed++) {
      runs.push(await measure(instance(staffCount, shiftTypes, seed), seed));
      const r = runs.at(-1);
      process.stderr.write(`roster ${staffCount} staff × ${shiftTypes} shift type(s) #${seed}: ${r.ms.toFixed(0)} ms ${r.status} (${r.method})${r.mip ? `; MIP alone ${r.mip.ms.toFixed(0)} ms` : ''}\n`);
    }
    cells.push({ staff: staffCount, shiftTypes, runs });
  }
}
const stress = [];
for (let seed = 1; seed <= STRESS; seed++) {
  const { desk, label, staff, shiftTypes } = stressInstance(seed);
  const r = { label, staff, shiftTypes, ...(await measure(desk, seed)) };
  stress.push(r);
  process.stderr.write(`roster stress #${seed} ${label}: ${r.ms.toFixed(0)} ms ${r.status} (${r.method})${r.mip ? `; MIP alone ${r.mip.ms.toFixed(0)} ms` : ''}\n`);
}
process.stdout.write(`${JSON.stringify({ solverLoadMs, timeLimitSeconds: TIME_LIMIT, instances: INSTANCES, ...(PREFERENCES ? { preferences: PREFERENCES } : {}), cells, ...(STRESS ? { stress } : {}) })}\n`);
