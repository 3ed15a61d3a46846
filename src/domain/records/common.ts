// Building blocks shared by every record kind: formats, ids, people, and the
// "strict, except `notes` and `x-` keys" rule of SPEC §3.
import { z } from 'zod';

/** Every record object also accepts free-form `notes`; `x-` keys are stripped before parsing (see stripExtensionKeys). */
export function record<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject({ ...shape, notes: z.unknown().optional() });
}

export const ID_PATTERN = /^[A-Z]{1,4}-\d{8}-[0-9A-Z]{2,8}$/;
export const STAFF_ID_PATTERN = /^[A-Z0-9]{2,8}$/;
const CLOCK_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
const MONTH_DAY_PATTERN = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Human names of the string formats, keyed by the regex zod reports, for diagnostics. */
export const FORMAT_NAMES = new Map<string, { format: string; example: string }>([
  ['datetime', { format: 'datetime', example: '2026-11-25T09:12:00+08:00' }],
  ['date', { format: 'date', example: '2026-11-25' }],
]);

/** A string that must match `pattern`, named `format` in diagnostics. */
export function formatted(pattern: RegExp, format: string, example: string) {
  FORMAT_NAMES.set(String(pattern), { format, example });
  return z.string().regex(pattern).meta({ title: format, examples: [example] });
}

/** ISO 8601 instant with an offset, e.g. 2026-11-25T09:12:00+08:00 (SPEC §2 Times). */
export const instant = z.iso.datetime({ offset: true, local: false }).meta({ format: 'date-time', examples: ['2026-11-25T09:12:00+08:00'] });
/** A calendar date YYYY-MM-DD, always a string (YAML 1.2 core keeps it one). */
export const date = z.iso.date().meta({ format: 'date', examples: ['2026-11-25'] });
export const clockTime = formatted(CLOCK_TIME_PATTERN, 'clock time', '"08:30"');
export const month = formatted(MONTH_PATTERN, 'month', '"2026-11"');
export const monthDay = formatted(MONTH_DAY_PATTERN, 'month-day', '"05-01"');
export const staffId = formatted(STAFF_ID_PATTERN, 'staff id', 'S01');
export const phone = formatted(/^\+?[0-9][0-9 -]{2,19}$/, 'phone', '"13900001234"');
export const keyName = formatted(/^[a-z][a-z0-9_]{0,31}$/, 'key name', 'noise');

export function recordId(prefix: string) {
  return formatted(new RegExp(`^${prefix}-\\d{8}-[0-9A-Z]{2,8}$`), 'id', `${prefix}-20261125-AB12`);
}
export const anyRecordId = formatted(ID_PATTERN, 'id', 'WO-20261125-3MX9');
/** Complaints and work orders can be the subject of a callback or the link of a duty entry. */
export const caseId = formatted(/^(TS|WO)-\d{8}-[0-9A-Z]{2,8}$/, 'id', 'TS-20261120-K7Q2');

export const text = z.string().min(1);

export const ROLES = ['supervisor', 'clerk', 'maintenance', 'lobby', 'cleaner', 'manager', 'team_lead'] as const;
export const role = z.enum(ROLES);
export type Role = (typeof ROLES)[number];

/** A resident or caller: every field optional; name and phone are personal data (SPEC §2). */
export const person = record({
  name: text.optional(),
  unit: text.optional(),
  phone: phone.optional(),
});
export type Person = z.infer<typeof person>;

/** Marks an issue raised by a refinement with kefu's own diagnostic code. */
export function kefuIssue(ctx: z.RefinementCtx, code: string, path: (string | number)[], params: Record<string, unknown> = {}) {
  ctx.addIssue({ code: 'custom', path, message: code, params: { kefu: code, ...params } });
}

/**
 * Removes `x-` keys (SPEC §3: extension keys are allowed anywhere) from freshly
 * parsed data, in place. Uses delete, never assignment, so a `__proto__` key stays inert.
 */
export function stripExtensionKeys(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) stripExtensionKeys(item);
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (key.startsWith('x-')) delete (value as Record<string, unknown>)[key];
      else stripExtensionKeys((value as Record<string, unknown>)[key]);
    }
  }
}
export const complaintIdRef = recordId('TS');
