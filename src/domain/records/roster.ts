// rosters/YYYY-MM.yaml — one month's duty roster 值班安排表 (SPEC §3.3, seed 000 §4.1.1).
import { z } from 'zod';
import { date, formatted, instant, month, record, staffId, text } from './common.js';

export const assignmentSchema = record({
  date,
  shift: z.string().min(1),
  staff: z.array(staffId),
  pinned: z.boolean().optional(),
});

/** After approval the roster changes only through approved changes (seed 000 §4.1.5 d). */
export const rosterChangeSchema = record({
  at: instant,
  date,
  shift: z.string().min(1),
  from: staffId,
  to: staffId,
  reason: text,
  approved_by: staffId,
});

export const rosterSchema = record({
  month,
  team: formatted(/^[a-z][a-z0-9_-]{0,31}$/, 'key name', 'lobby').optional(),
  status: z.enum(['draft', 'approved']),
  generated: record({ at: instant, by: staffId, seed: z.int().optional(), optimal: z.boolean().optional() }).optional(),
  approved: record({ at: instant, by: staffId }).optional(),
  assignments: z.array(assignmentSchema),
  changes: z.array(rosterChangeSchema).optional(),
}).meta({ title: 'roster', description: 'kefu monthly duty roster (SPEC §3.3)' });

export type Roster = z.infer<typeof rosterSchema>;
export type Assignment = z.infer<typeof assignmentSchema>;

/** rosters/2026-12.yaml, or rosters/2026-12.lobby.yaml for a team roster. */
export const ROSTER_PATH = /^rosters\/(\d{4}-\d{2})(?:\.([a-z][a-z0-9_-]*))?\.yaml$/;

export function rosterPath(r: Pick<Roster, 'month' | 'team'>): string {
  return r.team && r.team !== 'desk' ? `rosters/${r.month}.${r.team}.yaml` : `rosters/${r.month}.yaml`;
}

/** The assignments with the approved changes applied, in order: who is actually on duty. */
const effective = new WeakMap<Roster, Assignment[]>();

/** The roster's assignments with its approved changes applied (memoised per roster object; callers must not mutate). */
export function effectiveAssignments(r: Roster): Assignment[] {
  const known = effective.get(r);
  if (known) return known;
  const out = r.assignments.map((a) => ({ ...a, staff: [...a.staff] }));
  for (const c of r.changes ?? []) {
    const slot = out.find((a) => a.date === c.date && a.shift === c.shift);
    if (!slot) continue;
    const i = slot.staff.indexOf(c.from);
    if (i >= 0) slot.staff[i] = c.to;
  }
  effective.set(r, out);
  return out;
}
