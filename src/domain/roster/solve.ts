// From a problem to a roster or to the reasons there is none (SPEC §5.1):
//   1. exact pre-checks — a proof of infeasibility when they find something;
//   2. the MIP (model.ts) through the solver the caller hands in (src/store/solver.ts);
//      Optimal → a proven-optimal roster; a time cap with an incumbent → that roster;
//   3. no solver, an error, or a time cap without a roster → the seeded local search;
//   4. the solver proves infeasibility → an elastic solve names the short slots and why.
// Every roster returned has passed the independent checker's hard rules.
import { checkRoster, type PersonDeviation } from './check.js';
import { explainShortSlots, precheckRoster, type RosterBlock } from './explain.js';
import { searchRoster, type FallbackOptions } from './fallback.js';
import { writeRosterLp } from './model.js';
import { prepare, type Prepared } from './prepare.js';
import type { RosterProblem } from './problem.js';

/** What the domain needs of a HiGHS solution (the `highs` package's legacy result). */
export interface SolverSolution {
  Status: string;
  ObjectiveValue?: number;
  Columns: Record<string, { Primal?: number } | undefined>;
}

export interface SolverOptions {
  time_limit: number;
  mip_rel_gap: number;
  mip_abs_gap: number;
  random_seed: number;
  output_flag: boolean;
}

/** A MIP solver for CPLEX LP text; src/store/solver.ts gives one backed by HiGHS. */
export type SolveLp = (lp: string, options: SolverOptions) => Promise<SolverSolution>;

export interface SolveRosterOptions {
  /** the solver's wall-clock cap per solve (default 10 s) */
  timeLimitSeconds?: number;
  fallback?: FallbackOptions;
}

export interface RosterAssignment {
  date: string;
  shift: string;
  staff: string[];
  pinned?: boolean;
}

export interface RosterSolved {
  status: 'solved';
  /** true only when HiGHS reported Optimal: the fairness deviations are proven minimal */
  optimal: boolean;
  method: 'highs' | 'fallback';
  /** what the solver said, when it was asked */
  solverStatus?: string;
  /** by date, then shift order */
  assignments: RosterAssignment[];
  /** per person: counts against their fair bands (from the independent checker) */
  deviations: PersonDeviation[];
  /** Σ deviations from the shift-type bands, and from the weekend/holiday bands */
  bandDeviation: number;
  weekendDeviation: number;
  notes: string[];
}

export interface RosterInfeasible {
  status: 'infeasible';
  /** proven: by a pre-check or the solver; false: the fallback search found no roster */
  proven: boolean;
  method: 'precheck' | 'highs' | 'fallback';
  solverStatus?: string;
  blocks: RosterBlock[];
  notes: string[];
}

export type RosterResult = RosterSolved | RosterInfeasible;

const SOLVER_DEFAULTS = { mip_rel_gap: 0, mip_abs_gap: 0.999, random_seed: 0, output_flag: false };

export async function solveRoster(problem: RosterProblem, solve: SolveLp | undefined, options: SolveRosterOptions = {}): Promise<RosterResult> {
  const prep = prepare(problem);
  const notes: string[] = [];
  const blocks = precheckRoster(prep);
  if (blocks.length) return { status: 'infeasible', proven: true, method: 'precheck', blocks, notes };

  const solverOptions: SolverOptions = { ...SOLVER_DEFAULTS, time_limit: options.timeLimitSeconds ?? 10 };
  let solverStatus: string | undefined;
  if (solve) {
    const model = writeRosterLp(prep, { elastic: false });
    let solution: SolverSolution | undefined;
    try {
      solution = await solve(model.text, solverOptions);
    } catch (e) {
      notes.push(`solver failed: ${(e as Error).message}`);
    }
    if (solution) {
      solverStatus = solution.Status;
      if (solution.Status === 'Infeasible' || solution.Status === 'Primal infeasible or unbounded') {
        return explainInfeasible(prep, solve, solverOptions, solverStatus, notes, options);
      }
      const assigned = readAssignment(prep, solution, model.x);
      if (assigned) {
        const result = finish(prep, assigned, { optimal: solution.Status === 'Optimal', method: 'highs', solverStatus, notes });
        if (result) return result;
        notes.push('the solver\'s roster failed the checker; using the fallback search');
      } else notes.push(`solver stopped without a roster (${solution.Status}); using the fallback search`);
    }
  } else notes.push('no solver: using the fallback search');

  const found = searchRoster(prep, options.fallback);
  if (found.short === 0) {
    const result = finish(prep, found.assigned, { optimal: false, method: 'fallback', ...(solverStatus ? { solverStatus } : {}), notes });
    if (result) return result;
    throw new Error('bug: the fallback search produced a roster that breaks a hard rule');
  }
  return { status: 'infeasible', proven: false, method: 'fallback', ...(solverStatus ? { solverStatus } : {}), blocks: explainShortSlots(prep, found.assigned), notes };
}

async function explainInfeasible(prep: Prepared, solve: SolveLp, solverOptions: SolverOptions, solverStatus: string, notes: string[], options: SolveRosterOptions): Promise<RosterInfeasible> {
  const model = writeRosterLp(prep, { elastic: true });
  try {
    const solution = await solve(model.text, solverOptions);
    const assigned = readAssignment(prep, solution, model.x);
    if (assigned) {
      const blocks = explainShortSlots(prep, assigned);
      if (blocks.length) return { status: 'infeasible', proven: true, method: 'highs', solverStatus, blocks, notes };
    }
    notes.push(`elastic solve: ${solution.Status}`);
  } catch (e) {
    notes.push(`elastic solve failed: ${(e as Error).message}`);
  }
  // the solver proved it infeasible but could not say where: the search's short slots
  const found = searchRoster(prep, options.fallback);
  return { status: 'infeasible', proven: true, method: 'highs', solverStatus, blocks: explainShortSlots(prep, found.assigned), notes };
}

/** The people in each slot from the solver's columns, or undefined when there is no usable roster. */
function readAssignment(prep: Prepared, solution: SolverSolution, x: (p: number, s: number) => string | undefined): number[][] | undefined {
  const assigned: number[][] = prep.problem.slots.map(() => []);
  let any = false;
  for (let s = 0; s < prep.S; s++) {
    for (let p = 0; p < prep.P; p++) {
      const name = x(p, s);
      if (!name) continue;
      const value = solution.Columns[name]?.Primal;
      if (value === undefined || Number.isNaN(value)) return undefined;
      any = true;
      if (value > 0.5) assigned[s]!.push(p);
    }
  }
  return any || prep.S === 0 ? assigned : undefined;
}

function finish(prep: Prepared, assigned: number[][], how: { optimal: boolean; method: 'highs' | 'fallback'; solverStatus?: string; notes: string[] }): RosterSolved | undefined {
  const { problem } = prep;
  if (assigned.some((people, s) => people.length !== problem.slots[s]!.need)) return undefined;
  const assignments: RosterAssignment[] = problem.slots.map((slot, s) => ({
    date: slot.date,
    shift: slot.shift,
    staff: assigned[s]!.map((p) => problem.staff[p]!.id).sort(),
    ...(slot.pinned.length ? { pinned: true } : {}),
  }));
  const check = checkRoster(problem, assignments);
  if (!check.ok) return undefined;
  const bandDeviation = check.deviations.reduce((x, d) => x + d.total - d.weekendHoliday.deviation, 0);
  const weekendDeviation = check.deviations.reduce((x, d) => x + d.weekendHoliday.deviation, 0);
  return {
    status: 'solved',
    optimal: how.optimal,
    method: how.method,
    ...(how.solverStatus ? { solverStatus: how.solverStatus } : {}),
    assignments,
    deviations: check.deviations,
    bandDeviation,
    weekendDeviation,
    notes: how.notes,
  };
}
