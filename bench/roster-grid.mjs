#!/usr/bin/env node
// Roster generation through the domain API (SPEC §5.1, issue 5): for 10, 20 and 40
// staff × one 31-day month × 1 and 3 shift types, several seeded instances each (leave
// drawn per seed): buildRosterProblem + solveRoster with HiGHS (loadRosterSolver), and
// the independent checker's verdict on every roster returned.
//
//   node bench/roster-grid.mjs [--instances N] [--time-limit S]
//
// Prints one JSON document: { solverLoadMs, cells: [{ staff, shiftTypes, runs: [...] }] }.
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
const MONTH = '2026-12';
const AS_OF = Date.parse('2026-11-25T09:00:00+08:00');


/** kefu.yaml and staff.yaml of one instance, as the files a desk would hold. */
function instance(staffCount, shiftTypes, seed) {
  const rnd = mulberry32(seed * 7919 + staffCount * 31 + shiftTypes);
  const perDay = Math.max(1, Math.round(staffCount / 10));
  const shifts = shiftTypes === 1
    ? [{ id: 'day24', name: '24小时值班', start: '08:30', end: '08:30', roles: ['clerk'], min_staff: perDay }]
    : [
        { id: 'day', name: '白班', start: '08:30', end: '17:30', summer: { end: '18:00' }, roles: ['clerk'], min_staff: perDay },
        { id: 'noon', name: '午班', start: '12:00', end: '13:30', summer: { end: '14:00' }, roles: ['clerk'], min_staff: 1 },
        { id: 'night', name: '夜班', start: '17:30', end: '08:30', summer: { start: '18:00' }, roles: ['maintenance'], min_staff: Math.max(1, Math.round(staffCount / 20)) },
      ];
  const config = { property: '基准', timezone: 'Asia/Shanghai', duty_day_start: '08:30', shifts, roster: { min_rest_hours: 24, max_shifts_per_week: 3 } };
  const staff = [{ id: 'S00', name: '主管', roles: ['supervisor'] }];
  for (let i = 1; i <= staffCount; i++) {
    const role = shiftTypes === 1 || i <= Math.round(staffCount * 0.6) ? 'clerk' : 'maintenance';
    const member = { id: `S${String(i).padStart(2, '0')}`, name: `员工${i}`, roles: [role] };
    if (rnd() < 0.3) {
      const from = 1 + Math.floor(rnd() * 26);
      const to = Math.min(31, from + 1 + Math.floor(rnd() * 5));
      member.leave = [{ from: `${MONTH}-${String(from).padStart(2, '0')}`, to: `${MONTH}-${String(to).padStart(2, '0')}`, reason: '年假' }];
    }
    staff.push(member);
  }
  const sources = [
    { path: 'kefu.yaml', bytes: Buffer.from(stringify(config)) },
    { path: 'staff.yaml', bytes: Buffer.from(stringify({ staff })) },
  ];
  const { desk, diagnostics } = loadDesk(sources, { asOf: AS_OF });
  if (diagnostics.some((d) => d.severity === 'error')) throw new Error(`instance ${staffCount}×${shiftTypes}#${seed}: ${JSON.stringify(diagnostics[0])}`);
  return desk;
}

const t0 = performance.now();
const solve = await loadRosterSolver();
const solverLoadMs = performance.now() - t0;

const cells = [];
for (const staffCount of [10, 20, 40]) {
  for (const shiftTypes of [1, 3]) {
    const runs = [];
    for (let seed = 1; seed <= INSTANCES; seed++) {
      const desk = instance(staffCount, shiftTypes, seed);
      const started = performance.now();
      const problem = buildRosterProblem(desk, { month: MONTH, seed });
      const result = await solveRoster(problem, solve, { timeLimitSeconds: TIME_LIMIT });
      const ms = performance.now() - started;
      if (result.status === 'solved') {
        const check = checkRoster(problem, result.assignments);
        runs.push({ seed, ms, status: 'solved', optimal: result.optimal, method: result.method, hard: check.hard.length, deviations: check.deviations.map((d) => d.total) });
      } else {
        runs.push({ seed, ms, status: 'infeasible', proven: result.proven, method: result.method, blocks: result.blocks.length });
      }
      process.stderr.write(`roster ${staffCount} staff × ${shiftTypes} shift type(s) #${seed}: ${ms.toFixed(0)} ms ${runs.at(-1).status}\n`);
    }
    cells.push({ staff: staffCount, shiftTypes, runs });
  }
}
process.stdout.write(`${JSON.stringify({ solverLoadMs, timeLimitSeconds: TIME_LIMIT, instances: INSTANCES, cells })}\n`);
