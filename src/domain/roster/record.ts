// A solved roster as the record kefu writes (SPEC §3.3): a draft, stamped with who
// generated it, when, the seed and whether it is proven optimal.
import type { Roster } from '../records/roster.js';
import { DESK_TEAM, type RosterProblem } from './problem.js';
import type { RosterSolved } from './solve.js';

export interface GeneratedBy {
  /** ISO 8601 with offset: the CLI reads the clock (or --as-of) once and passes it down */
  at: string;
  by: string;
}

export function buildRosterRecord(problem: RosterProblem, result: RosterSolved, generated: GeneratedBy): Roster {
  const order = new Map(problem.shifts.map((s, i) => [s.id, i]));
  const assignments = [...result.assignments]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : order.get(a.shift)! - order.get(b.shift)!))
    .map((a) => ({ date: a.date, shift: a.shift, staff: [...a.staff], ...(a.pinned ? { pinned: true } : {}) }));
  return {
    month: problem.month,
    ...(problem.team !== DESK_TEAM ? { team: problem.team } : {}),
    status: 'draft',
    generated: { at: generated.at, by: generated.by, seed: problem.seed, optimal: result.optimal },
    assignments,
  };
}
