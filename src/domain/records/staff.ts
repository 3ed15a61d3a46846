// staff.yaml — who works at the desk, in which roles, and their approved leave (SPEC §3.2).
import { z } from 'zod';
import { date, phone, record, role, staffId, text } from './common.js';

export const leaveSchema = record({ from: date, to: date, reason: text.optional() });

export const staffMemberSchema = record({
  id: staffId,
  name: text,
  roles: z.array(role).min(1),
  phone: phone.optional(),
  active: z.boolean().optional(),
  team: text.optional(),
  leave: z.array(leaveSchema).optional(),
});

export const staffFileSchema = record({
  staff: z.array(staffMemberSchema),
}).meta({ title: 'staff.yaml', description: 'kefu staff list (SPEC §3.2)' });

export type StaffMember = z.infer<typeof staffMemberSchema>;
export type StaffFile = z.infer<typeof staffFileSchema>;

export const STAFF_FILE = 'staff.yaml';

/** True when the member's approved leave covers the date (inclusive). */
export function isOnLeave(member: StaffMember, day: string): boolean {
  return (member.leave ?? []).some((l) => l.from <= day && day <= l.to);
}

export function isActive(member: StaffMember): boolean {
  return member.active !== false;
}
