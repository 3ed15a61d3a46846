// The month as a mixed-integer program in CPLEX LP text, for HiGHS (src/store/solver.ts).
//
//   x_p_s ∈ {0,1}   person p takes slot s (only where p has the role, is not on leave and
//                   no duty of the previous month is in the way); pinned duties fixed to 1
//   cover:  Σ_p x_p_s = need_s                           (exactly; elastic: + e_s, e_s ≥ 0)
//   rest:   Σ_{b ∋ start_a} x_p_b ≤ 1 for every slot a   (b ∋ t: t in [start_b, end_b + min_rest));
//           these are the maximal cliques of the clash graph, so overlap and rest are tight
//   week:   Σ_{s in ISO week w} x_p_s ≤ max_per_week − previous month's duties in w
//   bands:  Σ_{s of type T} x_p_s + u_p_T ≥ ⌊target⌋,  … − o_p_T ≤ ⌈target⌉   (u, o ≥ 0)
//           the same over weekend/holiday slots with uw_p, ow_p
//   min     W1 Σ(u + o) + W2 Σ(uw + ow) + Σ ε_p_s x_p_s
// W2 = 1000 and W1 = 1000 × (a bound on Σ(uw + ow) + 1) make the priorities lexicographic;
// the seeded ε_p_s are < 1 in total, so a MIP gap below 1 (mip_abs_gap 0.999) proves both
// deviation levels optimal while the seed only breaks ties (SPEC §5.1 determinism).
// Elastic: the same rules without bands, min Σ e_s — the fewest duties that cannot be covered.
import type { Prepared } from './prepare.js';
import { seededRandom } from './random.js';

export interface LpModel {
  text: string;
  /** the x column of (p, s), or undefined where p cannot take s */
  x: (p: number, s: number) => string | undefined;
  /** elastic only: the coverage slack of slot s */
  slack: (s: number) => string;
}

export const W_WEEKEND = 1000;

export function writeRosterLp(prep: Prepared, options: { elastic: boolean }): LpModel {
  const { problem, P, S, canTake, pinned } = prep;
  const W = prep.weeks.length;
  const name = (p: number, s: number) => `x_${p}_${s}`;
  const has = (p: number, s: number) => canTake[p * S + s] === 1 || pinned[p * S + s] === 1;
  const rows: string[] = [];
  const bounds: string[] = [];
  const binaries: string[] = [];
  const objective: string[] = [];

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

  for (let p = 0; p < P; p++) {
    const seen = new Set<string>();
    for (let a = 0; a < S; a++) {
      if (!has(p, a)) continue;
      const clique = prep.cliques[a]!.filter((b) => has(p, b));
      if (clique.length < 2) continue;
      const key = clique.join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push(row(`r_${p}_${a}`, clique.map((b) => name(p, b)), '<= 1'));
    }
    for (let w = 0; w < W; w++) {
      const inWeek: string[] = [];
      for (let s = 0; s < S; s++) if (prep.weekOfSlot[s] === w && has(p, s)) inWeek.push(name(p, s));
      const room = Math.max(0, prep.weekRoom[p * W + w]!);
      if (inWeek.length > room) rows.push(row(`w_${p}_${w}`, inWeek, `<= ${room}`));
    }
  }
  for (let p = 0; p < P; p++) for (let s = 0; s < S; s++) if (pinned[p * S + s]) bounds.push(`${name(p, s)} = 1`);

  if (!options.elastic) {
    const demandWh = problem.slots.filter((s) => s.weekendHoliday).reduce((x, s) => x + s.need, 0);
    const wBands = W_WEEKEND * (2 * demandWh + P + 1);
    prep.bands.forEach((b, p) => {
      prep.problem.shifts.forEach((shift, t) => {
        const band = b.byShift[shift.id];
        if (!band) return;
        const xs: string[] = [];
        for (let s = 0; s < S; s++) if (prep.typeOfSlot[s] === t && has(p, s)) xs.push(name(p, s));
        if (!xs.length) return; // nothing to decide: the deviation is what it is
        rows.push(row(`f_${p}_${t}`, [...xs, `u_${p}_${t}`], `>= ${band.floor}`));
        rows.push(row(`g_${p}_${t}`, [...xs, `- o_${p}_${t}`], `<= ${band.ceil}`));
        objective.push(`${wBands} u_${p}_${t}`, `${wBands} o_${p}_${t}`);
      });
      const xs: string[] = [];
      for (let s = 0; s < S; s++) if (problem.slots[s]!.weekendHoliday && has(p, s)) xs.push(name(p, s));
      if (!xs.length) return;
      rows.push(row(`fw_${p}`, [...xs, `uw_${p}`], `>= ${b.weekendHoliday.floor}`));
      rows.push(row(`gw_${p}`, [...xs, `- ow_${p}`], `<= ${b.weekendHoliday.ceil}`));
      objective.push(`${W_WEEKEND} uw_${p}`, `${W_WEEKEND} ow_${p}`);
    });
    // the seed's tie-break: distinct tiny costs, Σ < 1
    const random = seededRandom(problem.seed, 1);
    const scale = 1 / ((binaries.length + 1) * 1_000_001);
    for (const x of binaries) objective.push(`${((1 + Math.floor(random() * 1_000_000)) * scale).toFixed(12)} ${x}`);
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
