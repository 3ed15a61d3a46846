// The rostering problem in index form, shared by the MIP writer, the fallback search
// and the infeasibility explanations: who can take which slot at all, which slots
// clash for one person (rest or overlap), and each person's room per ISO week once
// the previous month's duties are counted.
import { fairBands, type PersonBands, type RosterProblem } from './problem.js';

export type BlockReason = 'role' | 'leave' | 'rest' | 'overlap' | 'week_limit';

export interface Prepared {
  problem: RosterProblem;
  /** people (problem.staff order) and slots (problem.slots order) */
  P: number;
  S: number;
  staffIndex: Map<string, number>;
  restMs: number;
  weeks: string[];
  weekOfSlot: number[];
  typeOfSlot: number[];
  /** per slot: the other slots one person cannot also take (overlap, or less than min_rest between) */
  conflicts: number[][];
  /**
   * per slot a: the slots whose [start, end + min_rest) contains a's start, a included —
   * a clique of the conflict graph (an interval graph), so "at most one of these" is tight
   */
  cliques: number[][];
  /** P×S: role, not on leave, and not blocked by a duty of the previous month */
  canTake: Uint8Array;
  /** P×S: why not, when canTake is 0 */
  why: (BlockReason | undefined)[];
  /** P×S: the history duty that blocks it (rest/overlap/week_limit), index into problem.history */
  whyHistory: Int32Array;
  /** P×W: max_shifts_per_week minus the previous month's duties in that ISO week */
  weekRoom: Int32Array;
  pinned: Uint8Array;
  bands: PersonBands[];
}

/** Whether one person can work both: apart by at least min_rest (no overlap, half-open windows). */
export function clash(a: { start: number; end: number }, b: { start: number; end: number }, restMs: number): boolean {
  return a.start <= b.start ? b.start < a.end + restMs : a.start < b.end + restMs;
}

export function clashKind(a: { start: number; end: number }, b: { start: number; end: number }): 'overlap' | 'rest' {
  return a.start < b.end && b.start < a.end ? 'overlap' : 'rest';
}

export function prepare(problem: RosterProblem): Prepared {
  const P = problem.staff.length;
  const S = problem.slots.length;
  const restMs = problem.rules.minRestHours * 3_600_000;
  const staffIndex = new Map(problem.staff.map((p, i) => [p.id, i]));
  const weeks = [...new Set(problem.slots.map((s) => s.week))];
  const weekIndex = new Map(weeks.map((w, i) => [w, i]));
  const weekOfSlot = problem.slots.map((s) => weekIndex.get(s.week)!);
  const typeIndex = new Map(problem.shifts.map((s, i) => [s.id, i]));
  const typeOfSlot = problem.slots.map((s) => typeIndex.get(s.shift)!);

  const conflicts: number[][] = problem.slots.map(() => []);
  const cliques: number[][] = problem.slots.map(() => []);
  for (const a of problem.slots) {
    for (const b of problem.slots) {
      if (a.index !== b.index && clash(a, b, restMs)) conflicts[a.index]!.push(b.index);
      if (b.start <= a.start && a.start < b.end + restMs) cliques[a.index]!.push(b.index);
    }
  }

  const canTake = new Uint8Array(P * S);
  const why: (BlockReason | undefined)[] = new Array(P * S).fill(undefined);
  const whyHistory = new Int32Array(P * S).fill(-1);
  const weekRoom = new Int32Array(P * weeks.length).fill(problem.rules.maxShiftsPerWeek);
  problem.history.forEach((h) => {
    const p = staffIndex.get(h.staff);
    const w = weekIndex.get(h.week);
    if (p !== undefined && w !== undefined) weekRoom[p * weeks.length + w]!--;
  });
  for (let p = 0; p < P; p++) {
    const id = problem.staff[p]!.id;
    const own = problem.history.map((h, i) => ({ h, i })).filter(({ h }) => h.staff === id);
    for (const s of problem.slots) {
      const k = p * S + s.index;
      if (!s.eligible.includes(id)) why[k] = 'role';
      else if (s.onLeave.includes(id)) why[k] = 'leave';
      else {
        const blocker = own.find(({ h }) => clash(h, s, restMs));
        if (blocker) {
          why[k] = clashKind(blocker.h, s);
          whyHistory[k] = blocker.i;
        } else if (weekRoom[p * weeks.length + weekOfSlot[s.index]!]! <= 0) {
          why[k] = 'week_limit';
          whyHistory[k] = own.find(({ h }) => h.week === s.week)?.i ?? -1;
        } else canTake[k] = 1;
      }
    }
  }
  const pinned = new Uint8Array(P * S);
  for (const s of problem.slots) for (const id of s.pinned) pinned[staffIndex.get(id)! * S + s.index] = 1;

  return { problem, P, S, staffIndex, restMs, weeks, weekOfSlot, typeOfSlot, conflicts, cliques, canTake, why, whyHistory, weekRoom, pinned, bands: fairBands(problem) };
}
