// The roster generator's pure core (SPEC §5.1, issue 5), for `kefu roster generate|check|show`.
//
// Design. buildRosterProblem reads the month off the desk: days (ISO week, weekend/holiday),
// one slot per day × shift template with its real [start, end) (summer times, overnight),
// who may take it (active, role), leave, stated preferences (staff.yaml `preferences`), the
// existing draft's pinned slots, the previous month's last 9 days as history, and the
// imbalance carried from earlier rosters. solveRoster first runs a seeded greedy +
// late-acceptance search (fallback.ts) that never breaks a hard rule; the objective is
// lexicographic (shift-type bands, weekend/holiday bands, preferences) and every level is
// ≥ 0, so a search that reaches 0 has a proven optimum — the usual month, in milliseconds.
// Otherwise it writes a MIP (model.ts): binaries x_p_s only where p has the role, is not on
// leave and no history duty is in the way; coverage EXACTLY min_staff per slot (or the
// pinned count if larger) — exact keeps the fair bands consistent (Σ shares = Σ duties);
// rest and overlap as one clique row per slot start over the intervals
// [start, end + min_rest) (an interval graph); ISO-week rows with history subtracted; pinned
// x fixed to 1. Fairness is per-person floor/ceiling BANDS with penalised slack, never
// "minimise the worst deviation" (FINDINGS.md: that times out); integer weights, each level
// above the most the levels below can sum to, and no tie-break costs (they hid the
// symmetry between interchangeable people from HiGHS); mip_abs_gap 0.999 proves all levels
// optimal. HiGHS starts from the search's roster. Infeasible months are named by exact
// pre-checks (explain.ts), else by an elastic re-solve; without a solver (or on a time cap
// without a roster) the search answers, optimal only at cost 0. checkRoster (check.ts) is
// written apart from all this and re-judges every roster before it is returned.
export { buildRosterProblem, fairBands, isTeamRoster, isWeekendOrHoliday, rosterTeams, teamShifts, DESK_TEAM } from './problem.js';
export type { Band, Carried, HistoryDuty, PersonBands, PinnedProblem, ProblemDay, ProblemStaff, RosterProblem, RosterProblemOptions, Slot, StatedPreferences } from './problem.js';
export { solveRoster } from './solve.js';
export type { RosterAssignment, RosterInfeasible, RosterResult, RosterSolved, SolveLp, SolveRosterOptions, SolverOptions, SolverSolution } from './solve.js';
export { checkRoster } from './check.js';
export type { AssignmentLike, BandFinding, CountInBand, HardRule, HardViolation, PersonDeviation, PreferenceFinding, RosterCheck } from './check.js';
export type { Blocker, BlockRule, RosterBlock } from './explain.js';
export { buildRosterRecord, type GeneratedBy } from './record.js';
export type { FallbackOptions } from './fallback.js';
