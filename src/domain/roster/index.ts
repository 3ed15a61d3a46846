// The roster generator's pure core (SPEC §5.1, issue 5), for `kefu roster generate|check|show`.
//
// Design. buildRosterProblem reads the month off the desk: days (ISO week, weekend/holiday),
// one slot per day × shift template with its real [start, end) (summer times, overnight),
// who may take it (active, role), leave, the existing draft's pinned slots, the previous
// month's last 9 days as history, and the imbalance carried from earlier rosters.
// solveRoster writes a MIP (model.ts): binaries x_p_s only where p has the role, is not on
// leave and no history duty is in the way; coverage EXACTLY min_staff per slot (or the
// pinned count if larger) — exact keeps the fair bands consistent (Σ shares = Σ duties);
// rest and overlap as one clique row per slot start over the intervals
// [start, end + min_rest) (an interval graph, so the rows are its maximal cliques); ISO-week
// rows with history subtracted; pinned x fixed to 1. Fairness is per-person floor/ceiling
// BANDS with penalised slack, never "minimise the worst deviation" (FINDINGS.md: that times
// out): shift-type bands weigh W1 = 1000·(bound on weekend slack + 1), weekend/holiday bands
// 1000, the seed's tie-break costs < 1 in total; mip_abs_gap 0.999 proves both fairness
// levels optimal. Infeasible months are named by exact pre-checks (explain.ts), else by an
// elastic re-solve; without a solver (or on a time cap without a roster) a seeded greedy +
// late-acceptance search (fallback.ts) answers, optimal: false. checkRoster (check.ts) is
// written apart from all this and re-judges every roster before it is returned.
export { buildRosterProblem, fairBands, isTeamRoster, isWeekendOrHoliday, rosterTeams, teamShifts, DESK_TEAM } from './problem.js';
export type { Band, Carried, HistoryDuty, PersonBands, PinnedProblem, ProblemDay, ProblemStaff, RosterProblem, RosterProblemOptions, Slot } from './problem.js';
export { solveRoster } from './solve.js';
export type { RosterAssignment, RosterInfeasible, RosterResult, RosterSolved, SolveLp, SolveRosterOptions, SolverOptions, SolverSolution } from './solve.js';
export { checkRoster } from './check.js';
export type { AssignmentLike, BandFinding, CountInBand, HardRule, HardViolation, PersonDeviation, RosterCheck } from './check.js';
export type { Blocker, BlockRule, RosterBlock } from './explain.js';
export { buildRosterRecord, type GeneratedBy } from './record.js';
export type { FallbackOptions } from './fallback.js';
