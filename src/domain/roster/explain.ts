// Why no roster exists (SPEC §5.1: "names the days, shifts and the rule that blocks
// them"). First the cheap exact pre-checks, each a proof on its own: a slot with fewer
// people who could take it than it needs, a pinned duty that breaks a rule, an ISO week
// whose duties outnumber what its people may work. When those pass and the solver still
// proves the month infeasible, an elastic solve leaves the fewest slots short, and each
// short slot is explained by what keeps each of its candidates away.
import { clash, clashKind, type BlockReason, type Prepared } from './prepare.js';

export type BlockRule = 'coverage' | 'rest' | 'overlap' | 'week_limit' | 'pinned';

export interface Blocker {
  staff: string;
  rule: BlockReason | 'free';
  /** the duty in the way (rest/overlap, or one in the full week) */
  date?: string;
  shift?: string;
  previousMonth?: boolean;
}

export interface RosterBlock {
  date: string;
  /** a shift id; for a week, the shift ids joined with "+" */
  shift: string;
  rule: BlockRule;
  need: number;
  /** people who could still take it */
  available: number;
  /** active staff with an eligible role */
  eligible: string[];
  /** of those, on leave */
  onLeave: string[];
  /** a week_limit block: the days of that ISO week in the month */
  dates?: string[];
  /** a pinned block: whose pinned duty, and why it cannot be kept */
  staff?: string;
  reason?: 'leave' | 'role' | 'rest' | 'overlap' | 'week_limit' | 'unknown_shift' | 'outside_month' | 'unknown_staff';
  /** what keeps each other candidate away */
  blockedBy?: Blocker[];
}

/** The exact necessary conditions; an empty list says nothing about feasibility. */
export function precheckRoster(prep: Prepared): RosterBlock[] {
  const { problem, S, canTake, pinned, staffIndex } = prep;
  const blocks: RosterBlock[] = [];
  const slotOf = (date: string, shift: string) => problem.slots.find((s) => s.date === date && s.shift === shift);
  const base = (slot: { date: string; shift: string; need?: number; eligible?: string[]; onLeave?: string[] }) => ({
    date: slot.date,
    shift: slot.shift,
    need: slot.need ?? 0,
    available: 0,
    eligible: slot.eligible ?? [],
    onLeave: slot.onLeave ?? [],
  });

  for (const pp of problem.pinnedProblems) {
    blocks.push({ ...base(slotOf(pp.date, pp.shift) ?? pp), rule: 'pinned', reason: pp.reason, ...(pp.staff ? { staff: pp.staff } : {}) });
  }

  // pinned duties that break a rule by themselves
  const pinnedDuties: { p: number; s: number }[] = [];
  for (const slot of problem.slots) {
    for (const id of slot.pinned) {
      const p = staffIndex.get(id)!;
      const k = p * S + slot.index;
      pinnedDuties.push({ p, s: slot.index });
      if (!canTake[k]) {
        const reason = prep.why[k]!;
        const h = prep.whyHistory[k]! >= 0 ? problem.history[prep.whyHistory[k]!] : undefined;
        blocks.push({
          ...base(slot),
          available: countCandidates(prep, slot.index),
          rule: 'pinned',
          staff: id,
          reason,
          ...(h ? { blockedBy: [{ staff: id, rule: reason, date: h.date, shift: h.shift, previousMonth: true }] } : {}),
        });
      }
    }
  }
  for (const a of pinnedDuties) {
    for (const b of pinnedDuties) {
      if (a.p !== b.p || a.s >= b.s) continue;
      const sa = problem.slots[a.s]!;
      const sb = problem.slots[b.s]!;
      if (!clash(sa, sb, prep.restMs)) continue;
      const kind = clashKind(sa, sb);
      blocks.push({ ...base(sb), available: countCandidates(prep, b.s), rule: 'pinned', staff: problem.staff[a.p]!.id, reason: kind, blockedBy: [{ staff: problem.staff[a.p]!.id, rule: kind, date: sa.date, shift: sa.shift }] });
    }
  }
  const W = prep.weeks.length;
  for (let p = 0; p < prep.P; p++) {
    for (let w = 0; w < W; w++) {
      const mine = pinnedDuties.filter((d) => d.p === p && prep.weekOfSlot[d.s] === w);
      if (mine.length > 0 && mine.length > prep.weekRoom[p * W + w]!) {
        const last = problem.slots[mine[mine.length - 1]!.s]!;
        blocks.push({ ...base(last), available: countCandidates(prep, last.index), rule: 'pinned', staff: problem.staff[p]!.id, reason: 'week_limit' });
      }
    }
  }

  // per slot: fewer people who could take it than it needs, once leave, roles and the
  // fixed duties (previous month, pinned) are counted
  for (const slot of problem.slots) {
    const candidates: string[] = [];
    const blockedBy: Blocker[] = [];
    for (const id of slot.eligible) {
      if (slot.onLeave.includes(id)) continue;
      const p = staffIndex.get(id)!;
      const k = p * S + slot.index;
      if (pinned[k]) {
        candidates.push(id);
        continue;
      }
      if (!canTake[k]) {
        const h = problem.history[prep.whyHistory[k]!];
        blockedBy.push({ staff: id, rule: prep.why[k]!, ...(h ? { date: h.date, shift: h.shift, previousMonth: true } : {}) });
        continue;
      }
      const fixed = pinnedDuties.find((d) => d.p === p && d.s !== slot.index && clash(problem.slots[d.s]!, slot, prep.restMs));
      if (fixed) {
        const other = problem.slots[fixed.s]!;
        blockedBy.push({ staff: id, rule: clashKind(other, slot), date: other.date, shift: other.shift });
        continue;
      }
      const w = prep.weekOfSlot[slot.index]!;
      const pinnedInWeek = pinnedDuties.filter((d) => d.p === p && prep.weekOfSlot[d.s] === w).length;
      if (pinnedInWeek >= prep.weekRoom[p * W + w]!) {
        blockedBy.push({ staff: id, rule: 'week_limit' });
        continue;
      }
      candidates.push(id);
    }
    if (candidates.length >= slot.need) continue;
    const free = slot.eligible.length - slot.onLeave.length;
    const rule: BlockRule = free < slot.need ? 'coverage' : dominant(blockedBy);
    blocks.push({ ...base(slot), available: candidates.length, rule, ...(blockedBy.length && rule !== 'coverage' ? { blockedBy } : {}) });
  }
  if (blocks.length) return blocks;

  // per ISO week and set of shift types: the duties against what the people may work
  // (the weekly limit, and the most duties that fit between rests — interval scheduling)
  const T = problem.shifts.length;
  for (let w = 0; w < W; w++) {
    const weekSlots = problem.slots.filter((s) => prep.weekOfSlot[s.index] === w);
    for (const mask of masksBySize(T)) {
      const inSet = weekSlots.filter((s) => mask & (1 << prep.typeOfSlot[s.index]!));
      const demand = inSet.reduce((x, s) => x + s.need, 0);
      let capacity = 0;
      let loose = 0;
      for (let p = 0; p < prep.P; p++) {
        const mine = inSet.filter((s) => canTake[p * S + s.index]);
        if (!mine.length) continue;
        const room = Math.max(0, prep.weekRoom[p * W + w]!);
        capacity += Math.min(room, mostApart(mine, prep.restMs));
        loose += Math.min(room, mine.length);
      }
      if (capacity >= demand) continue;
      const dates = [...new Set(inSet.map((s) => s.date))];
      const ids = problem.shifts.filter((_, i) => mask & (1 << i)).map((s) => s.id);
      const eligible = [...new Set(inSet.flatMap((s) => s.eligible))].sort();
      const onLeave = eligible.filter((id) => inSet.every((s) => !s.eligible.includes(id) || s.onLeave.includes(id)));
      blocks.push({ date: dates[0]!, shift: ids.join('+'), rule: loose < demand ? 'week_limit' : 'rest', need: demand, available: capacity, eligible, onLeave, dates });
      break; // one block per week: the smallest set of shift types that shows it
    }
  }
  return blocks;
}

/** Non-empty subsets of T shift types as bit masks, single types first. */
function masksBySize(T: number): number[] {
  const bits = (m: number) => m.toString(2).replace(/0/g, '').length;
  return Array.from({ length: (1 << T) - 1 }, (_, i) => i + 1).sort((a, b) => bits(a) - bits(b) || a - b);
}

/** The most duties one person can take from `slots` with min_rest between them (earliest end of rest first). */
function mostApart(slots: { start: number; end: number }[], restMs: number): number {
  const sorted = [...slots].sort((a, b) => a.end - b.end);
  let n = 0;
  let free = -Infinity;
  for (const s of sorted) {
    if (s.start >= free) {
      n++;
      free = s.end + restMs;
    }
  }
  return n;
}

function countCandidates(prep: Prepared, s: number): number {
  let n = 0;
  for (let p = 0; p < prep.P; p++) if (prep.canTake[p * prep.S + s]) n++;
  return n;
}

function dominant(blockedBy: Blocker[]): BlockRule {
  const order: BlockRule[] = ['rest', 'overlap', 'week_limit'];
  let best: BlockRule = 'coverage';
  let most = 0;
  for (const rule of order) {
    const n = blockedBy.filter((b) => b.rule === rule).length;
    if (n > most) {
      best = rule;
      most = n;
    }
  }
  return best;
}

/**
 * Explains the slots left short in an (elastic or fallback) assignment: for each, what keeps
 * each candidate away — leave, a clashing duty (named), a full ISO week.
 */
export function explainShortSlots(prep: Prepared, assigned: readonly (readonly number[])[]): RosterBlock[] {
  const { problem, S } = prep;
  const W = prep.weeks.length;
  const duties: number[][] = Array.from({ length: prep.P }, () => []);
  assigned.forEach((people, s) => people.forEach((p) => duties[p]!.push(s)));
  const blocks: RosterBlock[] = [];
  for (const slot of problem.slots) {
    const have = assigned[slot.index]!;
    if (have.length >= slot.need) continue;
    const blockedBy: Blocker[] = [];
    let available = have.length;
    for (const id of slot.eligible) {
      if (slot.onLeave.includes(id)) continue;
      const p = prep.staffIndex.get(id)!;
      if (have.includes(p)) continue;
      const k = p * S + slot.index;
      if (!prep.canTake[k]) {
        const h = problem.history[prep.whyHistory[k]!];
        blockedBy.push({ staff: id, rule: prep.why[k]!, ...(h ? { date: h.date, shift: h.shift, previousMonth: true } : {}) });
        continue;
      }
      const other = duties[p]!.find((t) => t !== slot.index && clash(problem.slots[t]!, slot, prep.restMs));
      if (other !== undefined) {
        const o = problem.slots[other]!;
        blockedBy.push({ staff: id, rule: clashKind(o, slot), date: o.date, shift: o.shift });
        continue;
      }
      const w = prep.weekOfSlot[slot.index]!;
      const inWeek = duties[p]!.filter((t) => prep.weekOfSlot[t] === w);
      if (inWeek.length >= prep.weekRoom[p * W + w]!) {
        const o = problem.slots[inWeek[0] ?? slot.index]!;
        blockedBy.push({ staff: id, rule: 'week_limit', ...(inWeek.length ? { date: o.date, shift: o.shift } : {}) });
        continue;
      }
      blockedBy.push({ staff: id, rule: 'free' });
      available++;
    }
    const free = slot.eligible.length - slot.onLeave.length;
    const rule: BlockRule = free < slot.need ? 'coverage' : dominant(blockedBy);
    blocks.push({ date: slot.date, shift: slot.shift, rule, need: slot.need, available, eligible: slot.eligible, onLeave: slot.onLeave, ...(blockedBy.length ? { blockedBy } : {}) });
  }
  return blocks;
}
