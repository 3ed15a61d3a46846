// The month as a mixed-integer program in CPLEX LP text, for HiGHS (src/store/solver.ts).
//
//   x_p_s ∈ {0,1}   person p takes slot s (only where p has the role, is not on leave and
//                   no duty of the previous month is in the way); pinned duties fixed to 1
//   cover:  Σ_p x_p_s = need_s                           (exactly; elastic: + e_s, e_s ≥ 0)
//   rest:   Σ_{b ∋ start_a} x_p_b ≤ 1 for every slot a   (b ∋ t: t in [start_b, end_b + min_rest));
//           the cliques of the clash graph (an interval graph), so overlap and rest are tight;
//           a clique contained in the next one is left out (it adds nothing)
//   week:   Σ_{s in ISO week w} x_p_s ≤ max_per_week − previous month's duties in w
//   bands:  Σ_{s of type T} x_p_s + u_p_T ≥ ⌊target⌋,  … − o_p_T ≤ ⌈target⌉   (u, o ≥ 0)
//           the same over weekend/holiday slots with uw_p, ow_p
//   min     W_band Σ(u + o) + W_weekend Σ(uw + ow) + Σ a_p_s x_p_s
//           (a_p_s: how many of p's stated preferences s goes against — its shift, weekday, date)
// Each weight exceeds the largest total of the levels below it, so the priorities of SPEC
// §5.1 are lexicographic, and every coefficient is an integer: HiGHS sees an integral
// objective, and a gap below 1 (mip_abs_gap 0.999) proves all three levels optimal.
// There is no per-variable tie-break cost: thousands of tiny distinct costs hid the
// symmetry between interchangeable people from HiGHS and made 3-shift months 2–19× slower
// (median ≈ 4×, docs/BENCHMARKS.md); the seed reaches the roster through the local
// search's start and HiGHS's random_seed.
// Elastic: the same rules without bands, min Σ e_s — the fewest duties that cannot be covered.
import type { Prepared } from './prepare.js';

export interface LpModel {
  text: string;
  /** the x column of (p, s), or undefined where p cannot take s */
  x: (p: number, s: number) => string | undefined;
  /** elastic only: the coverage slack of slot s */
  slack: (s: number) => string;
  /** every column's value for a roster (per slot, the people): a start for the solver */
  start: (assigned: readonly (readonly number[])[]) => Record<string, number>;
}

export function writeRosterLp(prep: Prepared, options: { elastic: boolean }): LpModel {
  const { problem, P, S, canTake, pinned } = prep;
  const W = prep.weeks.length;
  const name = (p: number, s: number) => `x_${p}_${s}`;
  const has = (p: number, s: number) => canTake[p * S + s] === 1 || pinned[p * S + s] === 1;
  const rows: string[] = [];
  const bounds: string[] = [];
  const binaries: string[] = [];
  const objective: string[] = [];
  const avoid = new Uint8Array(P * S);
  for (const slot of problem.slots) for (const a of slot.avoidedBy) avoid[prep.staffIndex.get(a.staff)! * S + slot.index] = a.count;

  for (let p = 0; p < P; p++) for (let s = 0; s < S; s++) if (has(p, s)) binaries.push(name(p, s));

  for (const slot of problem.slots) {
    const terms: string[] = [];
    for (let p = 0; p < P; p++) if (has(p, slot.index)) terms.push(name(p, slot.index));
    if (options.elastic) {
      terms.push(`e_${slot.index}`);
      bounds.push(`0 <= e_${slot.index} <= ${slot.need}`);
      objective.push(`e_${slot.index}`);
    }
    // an empty row cannot be written; the pre-checks have already named such a slot
    if (terms.length) rows.push(row(`c_${slot.index}`, terms, `= ${slot.need}`));
  }

  // slots by start (ties by index): a person's clique at a is dominated by the one at the
  // next start they can take when nothing of it has ended (with its rest) by then
  const byStart = problem.slots.map((s) => s.index).sort((a, b) => problem.slots[a]!.start - problem.slots[b]!.start || a - b);
  for (let p = 0; p < P; p++) {
    const mine = byStart.filter((s) => has(p, s));
    let previous: number[] | undefined;
    const kept: number[][] = [];
    for (const a of mine) {
      const clique = prep.cliques[a]!.filter((b) => has(p, b));
      if (previous && previous.every((b) => clique.includes(b))) kept.pop();
      kept.push(clique);
      previous = clique;
    }
    kept.forEach((clique, i) => {
      if (clique.length >= 2) rows.push(row(`r_${p}_${i}`, clique.map((b) => name(p, b)), '<= 1'));
    });
    for (let w = 0; w < W; w++) {
      const inWeek: string[] = [];
      for (let s = 0; s < S; s++) if (prep.weekOfSlot[s] === w && has(p, s)) inWeek.push(name(p, s));
      const room = Math.max(0, prep.weekRoom[p * W + w]!);
      if (inWeek.length > room) rows.push(row(`w_${p}_${w}`, inWeek, `<= ${room}`));
    }
  }
  for (let p = 0; p < P; p++) for (let s = 0; s < S; s++) if (pinned[p * S + s]) bounds.push(`${name(p, s)} = 1`);

  /** the band columns of a roster: how far each count lies below its floor / above its ceiling */
  const bandColumns: { p: number; key: string; slots: number[]; floor: number; ceil: number }[] = [];
  if (!options.elastic) {
    const demand = problem.slots.reduce((x, s) => x + s.need, 0);
    const demandWh = problem.slots.filter((s) => s.weekendHoliday).reduce((x, s) => x + s.need, 0);
    // a level's total is at most its floors plus one per duty (as in fallback.ts)
    const whFloors = prep.bands.reduce((x, b) => x + b.weekendHoliday.floor, 0);
    const avoided = avoid.reduce((x, a) => x + a, 0);
    const wWeekend = Math.min(3 * demand, avoided) + 1; // a duty goes against at most 3 preferences
    const wBand = wWeekend * (whFloors + demandWh + 1);
    prep.bands.forEach((b, p) => {
      prep.problem.shifts.forEach((shift, t) => {
        const band = b.byShift[shift.id];
        if (!band) return;
        const xs: number[] = [];
        for (let s = 0; s < S; s++) if (prep.typeOfSlot[s] === t && has(p, s)) xs.push(s);
        if (!xs.length) return; // nothing to decide: the deviation is what it is
        bandColumns.push({ p, key: `_${p}_${t}`, slots: xs, floor: band.floor, ceil: band.ceil });
        objective.push(`${wBand} u_${p}_${t}`, `${wBand} o_${p}_${t}`);
      });
      const xs: number[] = [];
      for (let s = 0; s < S; s++) if (problem.slots[s]!.weekendHoliday && has(p, s)) xs.push(s);
      if (!xs.length) return;
      bandColumns.push({ p, key: `w_${p}`, slots: xs, floor: b.weekendHoliday.floor, ceil: b.weekendHoliday.ceil });
      objective.push(`${wWeekend} uw_${p}`, `${wWeekend} ow_${p}`);
    });
    // count + u ≥ floor, count − o ≤ ceil: u_…/o_… (shift types) and uw_…/ow_… (weekend/holiday)
    for (const c of bandColumns) {
      const xs = c.slots.map((s) => name(c.p, s));
      rows.push(row(`f${c.key}`, [...xs, `u${c.key}`], `>= ${c.floor}`));
      rows.push(row(`g${c.key}`, [...xs, `- o${c.key}`], `<= ${c.ceil}`));
    }
    for (let p = 0; p < P; p++) {
      for (let s = 0; s < S; s++) if (avoid[p * S + s] && has(p, s)) objective.push(avoid[p * S + s] === 1 ? name(p, s) : `${avoid[p * S + s]} ${name(p, s)}`);
    }
  }
  if (!objective.length) objective.push('0 x_dummy');

  const text = [
    'Minimize',
    row('obj', objective, ''),
    'Subject To',
    ...rows,
    ...(bounds.length ? ['Bounds', ...bounds.map((b) => ` ${b}`)] : []),
    ...(binaries.length ? ['Binaries', ...chunk(binaries, 10).map((c) => ` ${c.join(' ')}`)] : []),
    'End',
    '',
  ].join('\n');
  return {
    text,
    x: (p, s) => (has(p, s) ? name(p, s) : undefined),
    slack: (s) => `e_${s}`,
    start: (assigned) => {
      const values: Record<string, number> = {};
      for (const x of binaries) values[x] = 0;
      assigned.forEach((people, s) => people.forEach((p) => (values[name(p, s)] = 1)));
      for (const c of bandColumns) {
        const count = c.slots.reduce((x, s) => x + (values[name(c.p, s)] ?? 0), 0);
        values[`u${c.key}`] = Math.max(0, c.floor - count);
        values[`o${c.key}`] = Math.max(0, count - c.ceil);
      }
      if (options.elastic) assigned.forEach((people, s) => (values[`e_${s}`] = Math.max(0, problem.slots[s]!.need - people.length)));
      return values;
    },
  };
}

/** ` name: a + b - c <= 3`, wrapped every ten terms (the LP format allows continuation lines). */
function row(label: string, terms: string[], sense: string): string {
  const signed = terms.map((t, i) => (t.startsWith('- ') ? t : i === 0 ? t : `+ ${t}`));
  const lines = chunk(signed, 10).map((c) => c.join(' '));
  return ` ${label}: ${lines.join('\n   ')}${sense ? ` ${sense}` : ''}`;
}

function chunk<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
