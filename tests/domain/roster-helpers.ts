// Small in-memory desks for the roster tests (no disk: the core is pure).
import type { Desk } from '../../src/domain/desk.js';
import { resolveConfig, type ConfigInput } from '../../src/domain/records/config.js';
import type { Roster } from '../../src/domain/records/roster.js';
import type { RosterResult, RosterSolved } from '../../src/domain/roster/index.js';
import type { StaffMember } from '../../src/domain/records/staff.js';

export type MiniDesk = Pick<Desk, 'config' | 'staff' | 'rosters'>;

export const DAY24 = { id: 'day24', name: '24小时值班', start: '08:30', end: '08:30', roles: ['clerk' as const], min_staff: 1 };
export const SPLIT = [
  { id: 'day', name: '白班', start: '08:30', end: '17:30', summer: { end: '18:00' }, roles: ['clerk' as const], min_staff: 1 },
  { id: 'night', name: '夜班', start: '17:30', end: '08:30', summer: { start: '18:00' }, roles: ['maintenance' as const], min_staff: 1 },
];

export function miniDesk(config: Omit<ConfigInput, 'property'>, staff: StaffMember[], rosters: Roster[] = []): MiniDesk {
  return {
    config: resolveConfig({ property: 'x', ...config }),
    staff,
    rosters: rosters.map((data) => ({ file: `rosters/${data.month}${data.team ? `.${data.team}` : ''}.yaml`, data })),
  };
}

export function person(id: string, roles: StaffMember['roles'], leave: [string, string][] = []): StaffMember {
  return { id, name: id, roles, ...(leave.length ? { leave: leave.map(([from, to]) => ({ from, to })) } : {}) };
}

/** The roster of a result that must have one; otherwise the blocks, as the failure. */
export function solved(r: RosterResult): RosterSolved {
  if (r.status !== 'solved') throw new Error(`expected a roster, got ${JSON.stringify(r.blocks)}`);
  return r;
}
