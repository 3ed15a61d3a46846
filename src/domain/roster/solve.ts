// From a problem to a roster or to the reasons there is none (SPEC §5.1):
//   1. exact pre-checks — a proof of infeasibility when they find something;
//   2. the seeded local search (fallback.ts), briefly: when it reaches cost 0 — every count
//      inside its fair bands, every stated preference kept — nothing can do better (each
//      level of the objective is ≥ 0), so that roster is proven optimal without a solver;
//      this is the usual month, answered in milliseconds;
//   3. otherwise the MIP (model.ts) through the solver the caller hands in
//      (src/store/solver.ts), with the search's roster as its start: Optimal → a
//      proven-optimal roster; a time cap with an incumbent → that roster;
//   4. no solver, an error, or a time cap without a roster → the local search, in full;
//   5. the solver proves infeasibility → an elastic solve names the short slots and why.
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

/**
 * A MIP solver for CPLEX LP text; src/store/solver.ts gives one backed by HiGHS. `start`,
 * when given, is a feasible solution by column name, to begin from.
 */
export type SolveLp = (lp: string, options: SolverOptions, start?: Readonly<Record<string, number>>) => Promise<SolverSolution>;

export interface SolveRosterOptions {
  /** the solver's wall-clock cap per solve (default 10 s) */
  timeLimitSeconds?: number;
  fallback?: FallbackOptions;
  /**
   * auto (default): the local search first, then the solver from the search's roster;
   * solver: the MIP alone, from nothing — the exact model on its own, for tests and the
   * benchmark (the search still answers when there is no solver)
   */
  mode?: 'auto' | 'solver';
}

export interface RosterAssignment {
  date: string;
  shift: string;
  staff: string[];
  pinned?: boolean;
}

export interface RosterSolved {
  status: 'solved';
  /**
   * proven optimal: HiGHS reported Optimal, or the search reached cost 0 (every count in its
   * fair bands and every stated preference kept, which no roster can beat)
   */
  optimal: boolean;
  /** search: the local search, proven optimal by cost 0; fallback: the local search, unproven */
  method: 'highs' | 'search' | 'fallback';
  /** what the solver said, when it was asked */
  solverStatus?: string;
  /** by date, then shift order */
  assignments: RosterAssignment[];
  /** per person: counts against their fair bands (from the independent checker) */
  deviations: PersonDeviation[];
  /** Σ deviations from the shift-type bands, and from the weekend/holiday bands */
  bandDeviation: number;
  weekendDeviation: number;
  /** stated preferences the duties go against, each counted (the last soft rule; 0 when nobody states any) */
  preferenceViolations: number;
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
/**
 * The search's budget before the solver is asked: it stops as soon as it reaches cost 0,
 * which months with a roster inside every band did within 5 000 iterations in the
 * benchmark's grid and within 22 000 in 250 harder, varied months (a few tens of ms on
 * 40 people × 3 shift types); past that HiGHS is the better use of the time.
 */
const SEARCH_BEFORE_SOLVER = 50_000;

export async function solveRoster(problem: RosterProblem, solve: SolveLp | undefined, options: SolveRosterOptions = {}): Promise<RosterResult> {
  const prep = prepare(problem);
  const notes: string[] = [];
  const blocks = precheckRoster(prep);
  if (blocks.length) return { status: 'infeasible', proven: true, method: 'precheck', blocks, notes };

  // with a solver behind it, the search is a quick first try and a start; without, the whole answer
  const solverOnly = solve !== undefined && options.mode === 'solver';
  const first = solverOnly ? undefined : searchRoster(prep, solve ? { ...options.fallback, iterations: Math.min(options.fallback?.iterations ?? SEARCH_BEFORE_SOLVER, SEARCH_BEFORE_SOLVER) } : options.fallback);
  if (first && first.short === 0 && first.bandDeviation === 0 && first.weekendDeviation === 0 && first.preferenceViolations === 0) {
    const result = finish(prep, first.assigned, { optimal: true, method: 'search', notes });
    if (result) return result;
    throw new Error('bug: the local search produced a roster that breaks a hard rule');
  }

  // HiGHS's own random seed follows --seed: with no tie-break costs in the model, it is what
  // picks among equally fair rosters when the solver answers from nothing
  const solverOptions: SolverOptions = { ...SOLVER_DEFAULTS, random_seed: problem.seed % 2_147_483_647, time_limit: options.timeLimitSeconds ?? 10 };
  let solverStatus: string | undefined;
  if (solve) {
    const model = writeRosterLp(prep, { elastic: false });
    let solution: SolverSolution | undefined;
    try {
      solution = await solve(model.text, solverOptions, first?.short === 0 ? model.start(first.assigned) : undefined);
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

  const found = first && !solve ? first : searchRoster(prep, options.fallback);
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

function finish(prep: Prepared, assigned: number[][], how: { optimal: boolean; method: RosterSolved['method']; solverStatus?: string; notes: string[] }): RosterSolved | undefined {
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
  const preferenceViolations = check.deviations.reduce((x, d) => x + d.preferences, 0);
  return {
    status: 'solved',
    optimal: how.optimal,
    method: how.method,
    ...(how.solverStatus ? { solverStatus: how.solverStatus } : {}),
    assignments,
    deviations: check.deviations,
    bandDeviation,
    weekendDeviation,
    preferenceViolations,
    notes: how.notes,
  };
}
