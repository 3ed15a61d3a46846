// staff.yaml — who works at the desk, in which roles, and their approved leave (SPEC §3.2).
import { z } from 'zod';
import { date, phone, record, role, staffId, text } from './common.js';

export const leaveSchema = record({ from: date, to: date, reason: text.optional() });

/** ISO weekdays, Monday first (SPEC §5.1 counts weeks Monday–Sunday). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * Stated roster preferences (SPEC §5.1 soft rule 4, the last one): duties a person would
 * rather not take. Unlike `leave` they may be overruled — by coverage, the hard rules and
 * the fair shares — and the roster generator keeps as many as it can.
 */
export const preferencesSchema = record({
  /** shift ids of kefu.yaml (or a team's shifts), e.g. [night] */
  avoid_shifts: z.array(text).optional(),
  avoid_weekdays: z.array(z.enum(WEEKDAYS)).optional(),
  /** single days off wished for, e.g. a family date; approved absence is `leave` */
  avoid_dates: z.array(date).optional(),
}).meta({ description: 'duties this person would rather not take; kept where the coverage, hard rules and fair shares allow (SPEC §5.1 soft 4)' });

export const staffMemberSchema = record({
  id: staffId,
  name: text,
  roles: z.array(role).min(1),
  phone: phone.optional(),
  active: z.boolean().optional(),
  team: text.optional(),
  leave: z.array(leaveSchema).optional(),
  preferences: preferencesSchema.optional(),
});

export const staffFileSchema = record({
  staff: z.array(staffMemberSchema),
}).meta({ title: 'staff.yaml', description: 'kefu staff list (SPEC §3.2)' });

export type StaffMember = z.infer<typeof staffMemberSchema>;
export type StaffPreferences = z.infer<typeof preferencesSchema>;
export type StaffFile = z.infer<typeof staffFileSchema>;

export const STAFF_FILE = 'staff.yaml';

/** True when the member's approved leave covers the date (inclusive). */
export function isOnLeave(member: StaffMember, day: string): boolean {
  return (member.leave ?? []).some((l) => l.from <= day && day <= l.to);
}

export function isActive(member: StaffMember): boolean {
  return member.active !== false;
}
