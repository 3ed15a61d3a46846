// The local search: a greedy start — slot by slot in time order, the person furthest
// below their fair share — then late acceptance hill climbing (Burke & Bykov) over moves
// that never break a hard rule: every state respects leave, roles, rest, overlap, the
// weekly limit and pinned duties; only coverage may be short. The cost is lexicographic
// (SPEC §5.1): shortness, then the shift-type bands, then the weekend/holiday bands, then
// stated preferences, each weight above every possible total of the levels below. Seeded,
// counted in iterations rather than seconds, so the same seed gives the same roster.
// solve.ts runs it first (when it reaches cost 0 that is a proof of optimality), hands
// its roster to HiGHS as a start, and falls back on it when no solver answers.
import type { Prepared } from './prepare.js';
import { randomInt, seededRandom, type Random } from './random.js';

export interface FallbackOptions {
  /** iterations of the local search (default 200 000: a few hundred ms on a 40-person month) */
  iterations?: number;
  /** length of the late-acceptance list (default 100) */
  lateAcceptance?: number;
}

export interface FallbackResult {
  /** per slot, the people (indices into problem.staff) */
  assigned: number[][];
  /** person-duties still missing */
  short: number;
  /** Σ band deviations (shift types), Σ weekend/holiday deviations and duties against stated preferences, of the best state */
  bandDeviation: number;
  weekendDeviation: number;
  preferenceViolations: number;
  iterations: number;
}

export function searchRoster(prep: Prepared, options: FallbackOptions = {}): FallbackResult {
  const { problem, P, S, canTake, pinned, conflicts } = prep;
  const T = problem.shifts.length;
  const W = prep.weeks.length;
  const random: Random = seededRandom(problem.seed, 2);
  const need = problem.slots.map((s) => s.need);
  const wh = problem.slots.map((s) => s.weekendHoliday);
  const avoid = new Uint8Array(P * S);
  for (const slot of problem.slots) for (const a of slot.avoidedBy) avoid[prep.staffIndex.get(a.staff)! * S + slot.index] = a.count;

  const floor = new Int32Array(P * T);
  const ceil = new Int32Array(P * T);
  const target = new Float64Array(P * T);
  const whFloor = new Int32Array(P);
  const whCeil = new Int32Array(P);
  const whTarget = new Float64Array(P);
  prep.bands.forEach((b, p) => {
    problem.shifts.forEach((shift, t) => {
      const band = b.byShift[shift.id];
      if (!band) return;
      floor[p * T + t] = band.floor;
      ceil[p * T + t] = band.ceil;
      target[p * T + t] = band.target;
    });
    whFloor[p] = b.weekendHoliday.floor;
    whCeil[p] = b.weekendHoliday.ceil;
    whTarget[p] = b.weekendHoliday.target;
  });

  // state
  const inSlot: number[][] = problem.slots.map(() => []);
  const has = new Uint8Array(P * S);
  const weekCount = new Int32Array(P * W);
  const count = new Int32Array(P * T);
  const whCount = new Int32Array(P);
  const demand = need.reduce((x, n) => x + n, 0);
  let short = demand;
  let bandDev = 0;
  let whDev = 0;
  let prefs = 0;
  for (let p = 0; p < P; p++) {
    for (let t = 0; t < T; t++) bandDev += floor[p * T + t]!;
    whDev += whFloor[p]!;
  }
  // lexicographic weights: each level's weight exceeds the largest total of the levels below
  // (a band level is at most its floors plus one per duty); all well inside 2^53
  const demandWh = need.reduce((x, n, s) => x + (wh[s] ? n : 0), 0);
  const W_PREF = 1;
  const W_WEEKEND = W_PREF * (3 * demand + 1); // a duty goes against at most 3 preferences
  const W_BAND = W_WEEKEND * (whDev + demandWh + 1);
  const W_SHORT = W_BAND * (bandDev + demand + 1);
  const dev = (c: number, lo: number, hi: number) => (c < lo ? lo - c : c > hi ? c - hi : 0);
  const cost = () => W_SHORT * short + W_BAND * bandDev + W_WEEKEND * whDev + W_PREF * prefs;

  const add = (p: number, s: number) => {
    const t = prep.typeOfSlot[s]!;
    const k = p * T + t;
    bandDev -= dev(count[k]!, floor[k]!, ceil[k]!);
    count[k]!++;
    bandDev += dev(count[k]!, floor[k]!, ceil[k]!);
    if (wh[s]) {
      whDev -= dev(whCount[p]!, whFloor[p]!, whCeil[p]!);
      whCount[p]!++;
      whDev += dev(whCount[p]!, whFloor[p]!, whCeil[p]!);
    }
    has[p * S + s] = 1;
    inSlot[s]!.push(p);
    weekCount[p * W + prep.weekOfSlot[s]!]!++;
    prefs += avoid[p * S + s]!;
    short--;
  };
  const remove = (p: number, s: number) => {
    const t = prep.typeOfSlot[s]!;
    const k = p * T + t;
    bandDev -= dev(count[k]!, floor[k]!, ceil[k]!);
    count[k]!--;
    bandDev += dev(count[k]!, floor[k]!, ceil[k]!);
    if (wh[s]) {
      whDev -= dev(whCount[p]!, whFloor[p]!, whCeil[p]!);
      whCount[p]!--;
      whDev += dev(whCount[p]!, whFloor[p]!, whCeil[p]!);
    }
    has[p * S + s] = 0;
    const list = inSlot[s]!;
    list.splice(list.indexOf(p), 1);
    weekCount[p * W + prep.weekOfSlot[s]!]!--;
    prefs -= avoid[p * S + s]!;
    short++;
  };
  const canAdd = (p: number, s: number) => {
    if (!canTake[p * S + s] || has[p * S + s] || inSlot[s]!.length >= need[s]!) return false;
    if (weekCount[p * W + prep.weekOfSlot[s]!]! >= prep.weekRoom[p * W + prep.weekOfSlot[s]!]!) return false;
    for (const t of conflicts[s]!) if (has[p * S + t]) return false;
    return true;
  };

  // pinned duties first (the pre-checks have shown they keep every rule together)
  for (let s = 0; s < S; s++) for (let p = 0; p < P; p++) if (pinned[p * S + s]) add(p, s);

  // greedy: in time order, whoever is furthest below their share of that kind of duty
  // (a stated preference against the slot counts as a quarter of a duty more)
  const order = problem.slots.map((s) => s.index).sort((a, b) => problem.slots[a]!.start - problem.slots[b]!.start || a - b);
  for (const s of order) {
    const t = prep.typeOfSlot[s]!;
    while (inSlot[s]!.length < need[s]!) {
      let best = -1;
      let bestKey = Infinity;
      for (let p = 0; p < P; p++) {
        if (!canAdd(p, s)) continue;
        const key = count[p * T + t]! - target[p * T + t]! + (wh[s] ? 0.5 * (whCount[p]! - whTarget[p]!) : 0) + 0.25 * avoid[p * S + s]! + random() * 1e-3;
        if (key < bestKey) {
          bestKey = key;
          best = p;
        }
      }
      if (best < 0) break;
      add(best, s);
    }
  }

  // late acceptance hill climbing
  const iterations = options.iterations ?? 200_000;
  const L = options.lateAcceptance ?? 100;
  let current = cost();
  const history = new Float64Array(L).fill(current);
  let bestCost = current;
  let best = inSlot.map((x) => [...x]);
  let bestDevs = { bandDev, whDev, prefs, short };
  const undo: [number, number, boolean][] = []; // (p, s, wasAdded)
  const doAdd = (p: number, s: number) => {
    add(p, s);
    undo.push([p, s, true]);
  };
  const doRemove = (p: number, s: number) => {
    remove(p, s);
    undo.push([p, s, false]);
  };
  const rollback = () => {
    for (let i = undo.length - 1; i >= 0; i--) {
      const [p, s, added] = undo[i]!;
      if (added) remove(p, s);
      else add(p, s);
    }
    undo.length = 0;
  };
  /** the slots makeRoom took a duty from in this move, for refill */
  const evicted: number[] = [];
  /** Clears room for p in slot s: the duties that clash, then one in a full week. False if a pinned duty is in the way. */
  const makeRoom = (p: number, s: number): boolean => {
    for (const t of conflicts[s]!) {
      if (!has[p * S + t]) continue;
      if (pinned[p * S + t]) return false;
      doRemove(p, t);
      evicted.push(t);
    }
    const w = prep.weekOfSlot[s]!;
    if (weekCount[p * W + w]! >= prep.weekRoom[p * W + w]!) {
      const mine: number[] = [];
      for (let t = 0; t < S; t++) if (has[p * S + t] && prep.weekOfSlot[t] === w && !pinned[p * S + t] && t !== s) mine.push(t);
      if (!mine.length) return false;
      const t = mine[randomInt(random, mine.length)]!;
      doRemove(p, t);
      evicted.push(t);
    }
    return true;
  };
  /**
   * Gives each slot a move left short to someone who can take it as things stand (no
   * further eviction), picked at random: an ejection chain of length two, without which a
   * tight month (weekly limit, rest) cannot move a duty from one person to another.
   */
  const refill = () => {
    for (const t of evicted) {
      if (inSlot[t]!.length >= need[t]!) continue;
      const able = candidates[t]!.filter((r) => canAdd(r, t));
      if (able.length) doAdd(able[randomInt(random, able.length)]!, t);
    }
  };
  const candidates: number[][] = problem.slots.map((slot) => {
    const out: number[] = [];
    for (let p = 0; p < P; p++) if (canTake[p * S + slot.index]) out.push(p);
    return out;
  });
  const movable = (s: number) => inSlot[s]!.filter((p) => !pinned[p * S + s]);

  let i = 0;
  for (; i < iterations && bestCost > 0; i++) {
    undo.length = 0;
    evicted.length = 0;
    const r = random();
    let ok = false;
    if (short > 0 && r < 0.5) {
      // fill a short slot, pushing aside whatever clashes
      const open: number[] = [];
      for (let s = 0; s < S; s++) if (inSlot[s]!.length < need[s]!) open.push(s);
      const s = open[randomInt(random, open.length)]!;
      const cands = candidates[s]!.filter((p) => !has[p * S + s]);
      if (cands.length) {
        const p = cands[randomInt(random, cands.length)]!;
        ok = makeRoom(p, s) && canAdd(p, s);
        if (ok) {
          doAdd(p, s);
          refill();
        }
      }
    } else if (r < 0.75) {
      // replace someone in a slot by someone else
      const s = randomInt(random, S);
      const out = movable(s);
      const cands = candidates[s]!.filter((p) => !has[p * S + s]);
      if (out.length && cands.length) {
        const q = out[randomInt(random, out.length)]!;
        const p = cands[randomInt(random, cands.length)]!;
        doRemove(q, s);
        ok = makeRoom(p, s) && canAdd(p, s);
        if (ok) {
          doAdd(p, s);
          refill();
        }
      }
    } else {
      // two people trade duties
      const s1 = randomInt(random, S);
      const s2 = randomInt(random, S);
      const a = movable(s1);
      const b = movable(s2);
      if (s1 !== s2 && a.length && b.length) {
        const p = a[randomInt(random, a.length)]!;
        const q = b[randomInt(random, b.length)]!;
        if (p !== q && !has[p * S + s2] && !has[q * S + s1]) {
          doRemove(p, s1);
          doRemove(q, s2);
          ok = canAdd(p, s2);
          if (ok) doAdd(p, s2);
          ok = ok && canAdd(q, s1);
          if (ok) doAdd(q, s1);
        }
      }
    }
    if (!ok) {
      rollback();
      continue;
    }
    const next = cost();
    const v = i % L;
    if (next <= current || next <= history[v]!) current = next;
    else rollback();
    if (current < history[v]!) history[v] = current;
    if (current < bestCost) {
      bestCost = current;
      best = inSlot.map((x) => [...x]);
      bestDevs = { bandDev, whDev, prefs, short };
    }
  }
  return {
    assigned: best.map((x) => [...x].sort((a, b) => a - b)),
    short: bestDevs.short,
    bandDeviation: bestDevs.bandDev,
    weekendDeviation: bestDevs.whDev,
    preferenceViolations: bestDevs.prefs,
    iterations: i,
  };
}
