// kefu.yaml — the desk's configuration (SPEC §3.1), with the residential and
// office profile defaults applied to whatever the desk leaves out.
import { z } from 'zod';
import { deskCalendar } from '../calendar/index.js';
import { clockTime, date, formatted, keyName, monthDay, record, role, staffId, text, type Role } from './common.js';

/** "same_day", "3d" (within 3 days) or "1h" (within 1 hour) — SPEC §5 preamble. */
export const within = formatted(/^(same_day|\d{1,3}[dh])$/, 'duration', '3d, 1h or same_day');

const shift = record({
  id: keyName,
  name: text.optional(),
  start: clockTime,
  end: clockTime,
  summer: record({ start: clockTime.optional(), end: clockTime.optional() }).optional(),
  roles: z.array(role).min(1),
  min_staff: z.int().min(1).max(50).optional(),
});

/**
 * Another team's roster (SPEC §3.3 `team:`): the lobby assistants' roster made by their team
 * lead and approved by the supervisor (seed 004 职责), the cleaners' (seed 000 §5.3).
 */
const team = record({
  shifts: z.array(shift).min(1),
  lead: staffId.optional(),
});
export const TEAM_NAME = /^[a-z][a-z0-9_-]{0,31}$/;

const callbackRow = record({
  within: within.optional(),
  rate: z.number().min(0).max(1).optional(),
});
const repairCallbackRow = record({
  within: within.optional(),
  rate: z.number().min(0).max(1).optional(),
  /** leak repairs count from the leak test (seed 001 报修接待 4) */
  counts_from: z.enum(['completed', 'leak_tested']).optional(),
});

const complaintRow = record({
  escalate: within.optional(),
  escalate_to: role.optional(),
  reply: within.optional(),
  resolve: within.optional(),
});

export const PROFILES = ['residential', 'office'] as const;
export const LOCALES = ['zh-CN', 'en'] as const;
export const SUBJECT_KINDS = ['complaint', 'repair', 'special_service', 'help', 'first_aid', 'activity', 'other'] as const;
export const SEVERITIES = ['major', 'important', 'minor'] as const;
export const SATISFACTION_LEVELS = ['very_satisfied', 'satisfied', 'neutral', 'dissatisfied', 'very_dissatisfied'] as const;

export const configSchema = record({
  property: text,
  timezone: text.optional(),
  locale: z.enum(LOCALES).optional(),
  profile: z.enum(PROFILES).optional(),
  duty_day_start: clockTime.optional(),
  summer: record({ from: monthDay, to: monthDay }).optional(),
  shifts: z.array(shift).min(1).optional(),
  /** shift templates of the other teams' rosters, by team name; the desk's own are `shifts` */
  teams: z.record(formatted(TEAM_NAME, 'team name', 'lobby'), team).optional(),
  handover: record({
    arrive_before_minutes: z.int().min(0).max(240).optional(),
    checklist: z.array(record({ item: text, count: z.int().min(0) })).optional(),
  }).optional(),
  roster: record({
    min_rest_hours: z.number().min(0).max(168).optional(),
    max_shifts_per_week: z.int().min(1).max(21).optional(),
  }).optional(),
  calendar: z.enum(['calendar', 'workdays']).optional(),
  holidays: z.array(date).optional(),
  workdays: z.array(date).optional(),
  retention: record({ duty_years: z.int().min(1).optional(), callback_years: z.int().min(1).optional() }).optional(),
  callbacks: record({
    complaint: callbackRow.optional(),
    repair: repairCallbackRow.extend({ categories: z.record(z.string(), repairCallbackRow).optional() }).optional(),
    special_service: callbackRow.optional(),
    help: callbackRow.optional(),
    first_aid: callbackRow.optional(),
    activity: callbackRow.optional(),
    other: callbackRow.optional(),
  }).optional(),
  complaints: record({
    major: complaintRow.optional(),
    important: complaintRow.optional(),
    minor: complaintRow.optional(),
  }).optional(),
  kpi: record({
    satisfaction_target: z.number().min(0).max(1).optional(),
    satisfied_levels: z.array(z.enum(SATISFACTION_LEVELS)).min(1).optional(),
    response_minutes: z.int().min(1).optional(),
    repeat_complaints: z.int().min(2).optional(),
    repeat_repairs: z.int().min(2).optional(),
  }).optional(),
}).meta({ title: 'kefu.yaml', description: 'kefu desk configuration (SPEC §3.1)' });

export type ConfigInput = z.infer<typeof configSchema>;

export interface Shift {
  id: string;
  name: string;
  start: string;
  end: string;
  summer?: { start?: string; end?: string };
  roles: Role[];
  min_staff: number;
}
export interface TeamConfig { shifts: Shift[]; lead?: string }
export interface CallbackRule { within: string; rate: number; counts_from: 'closed' | 'leak_tested' }
export interface ComplaintRule { escalate?: string; escalate_to?: Role; reply?: string; resolve: string }

/** The configuration with every default applied: what the core works with. */
export interface Config {
  property: string;
  timezone: string;
  locale?: (typeof LOCALES)[number];
  profile: (typeof PROFILES)[number];
  duty_day_start: string;
  summer: { from: string; to: string };
  shifts: Shift[];
  /** the other teams' shift templates (lobby, cleaners…); empty when kefu.yaml names none */
  teams: Record<string, TeamConfig>;
  handover: { arrive_before_minutes: number; checklist: { item: string; count: number }[] };
  roster: { min_rest_hours: number; max_shifts_per_week: number };
  calendar: 'calendar' | 'workdays';
  /** China's shipped statutory holidays ∪ the desk's `holidays`, minus the desk's `workdays` (calendar/index.ts) */
  holidays: string[];
  /** the shipped make-up workdays 调休 ∪ the desk's `workdays`, minus the desk's `holidays` */
  workdays: string[];
  retention: { duty_years: number; callback_years: number };
  callbacks: {
    complaint: CallbackRule;
    repair: CallbackRule & { categories: Record<string, CallbackRule> };
    special_service: CallbackRule;
    help: CallbackRule;
    first_aid: CallbackRule;
    activity: CallbackRule;
    other: CallbackRule;
  };
  complaints: { major: ComplaintRule; important: ComplaintRule; minor: ComplaintRule };
  kpi: {
    satisfaction_target: number;
    satisfied_levels: (typeof SATISFACTION_LEVELS)[number][];
    response_minutes: number;
    repeat_complaints: number;
    repeat_repairs: number;
  };
}

const rule = (within: string, rate: number, counts_from: CallbackRule['counts_from'] = 'closed'): CallbackRule => ({ within, rate, counts_from });

/** SPEC §3.1 and §5; the sources of each number are in the comments. */
function profileDefaults(profile: Config['profile']): Omit<Config, 'property' | 'locale'> {
  const residential = profile === 'residential';
  return {
    timezone: 'Asia/Shanghai',
    profile,
    // seed 000 §4.1.2: the duty day runs 08:30 → 08:30; office hours 09:00 (seed 002 篇6)
    duty_day_start: residential ? '08:30' : '09:00',
    summer: { from: '05-01', to: '09-30' }, // product default
    shifts: residential
      ? [{ id: 'day24', name: '24小时值班', start: '08:30', end: '08:30', roles: ['clerk'], min_staff: 1 }]
      : [{ id: 'office', name: '办公时间值班', start: '09:00', end: '18:00', roles: ['clerk'], min_staff: 1 }],
    teams: {},
    handover: {
      arrive_before_minutes: 5, // seed 000 §4.2.1 (seed 001 says 15)
      checklist: [
        { item: '对讲机', count: 2 },
        { item: '钥匙', count: 10 },
        { item: '值班记录本', count: 1 },
      ],
    },
    roster: { min_rest_hours: 24, max_shifts_per_week: 3 }, // product defaults
    calendar: 'calendar',
    holidays: [],
    workdays: [],
    // seed 000 §4.1.8 (3 years), office seed 002 篇6 (2 years); callbacks seed 002 篇2 §4.7
    retention: { duty_years: residential ? 3 : 2, callback_years: 2 },
    // SPEC §5.3 (seed 002 篇2 §4.1, seed 001 报修接待 4 and 走回访 (1))
    callbacks: {
      complaint: rule('3d', 1),
      repair: {
        ...rule('2d', 1),
        categories: { leak: rule('3d', 1, 'leak_tested'), safety: rule('2d', 1) },
      },
      special_service: rule('7d', 0.3),
      help: rule('7d', 0.3),
      first_aid: rule('7d', 0.3),
      activity: rule('7d', 0.1),
      other: rule('7d', 0),
    },
    // SPEC §5.2 (seed 001 投诉接待 (5))
    complaints: {
      major: { escalate: 'same_day', escalate_to: 'manager', reply: '2d', resolve: '10d' },
      important: { escalate: '1h', escalate_to: 'supervisor', resolve: '3d' },
      minor: { resolve: '2d' },
    },
    kpi: {
      satisfaction_target: 0.9, // seed 004 标准 6
      satisfied_levels: ['very_satisfied', 'satisfied'],
      response_minutes: 10, // seed 004 标准 2
      repeat_complaints: 2, // seed 002 篇2 §4.6
      repeat_repairs: 3, // seed 002 篇2 §4.6
    },
  };
}

type CallbackRowInput = { within?: string; rate?: number; counts_from?: 'completed' | 'leak_tested' };
function mergeCallbackRule(base: CallbackRule, row: CallbackRowInput | undefined): CallbackRule {
  if (!row) return base;
  return {
    within: row.within ?? base.within,
    rate: row.rate ?? base.rate,
    counts_from: row.counts_from === undefined ? base.counts_from : row.counts_from === 'leak_tested' ? 'leak_tested' : 'closed',
  };
}

/** Applies the profile's defaults to a parsed kefu.yaml. Pure; never fails on valid input. */
export function resolveConfig(input: ConfigInput): Config {
  const d = profileDefaults(input.profile ?? 'residential');
  const cb = input.callbacks ?? {};
  // keys come from the desk's files: a table without a prototype, so `constructor` or
  // `__proto__` is a category like any other (a hostile-input finding, issue 8)
  const repairCategories: Record<string, CallbackRule> = Object.assign(Object.create(null) as Record<string, CallbackRule>, d.callbacks.repair.categories);
  for (const [name, row] of Object.entries(cb.repair?.categories ?? {})) {
    repairCategories[name] = mergeCallbackRule(repairCategoryRule(repairCategories, name) ?? d.callbacks.repair, row);
  }
  // The shipped statutory calendar is the default; the desk's lists add to and override it (SPEC §5).
  const timezone = input.timezone ?? d.timezone;
  const calendar = input.calendar ?? d.calendar;
  const days = deskCalendar({ timezone, calendar }, { holidays: input.holidays ?? d.holidays, workdays: input.workdays ?? d.workdays });
  return {
    property: input.property,
    timezone,
    ...(input.locale ? { locale: input.locale } : {}),
    profile: d.profile,
    duty_day_start: input.duty_day_start ?? d.duty_day_start,
    summer: input.summer ?? d.summer,
    shifts: input.shifts ? input.shifts.map(resolveShift) : d.shifts,
    teams: resolveTeams(input.teams),
    handover: {
      arrive_before_minutes: input.handover?.arrive_before_minutes ?? d.handover.arrive_before_minutes,
      checklist: input.handover?.checklist ?? d.handover.checklist,
    },
    roster: { ...d.roster, ...definedOnly(input.roster) },
    calendar,
    holidays: days.holidays.slice(),
    workdays: days.workdays.slice(),
    retention: { ...d.retention, ...definedOnly(input.retention) },
    callbacks: {
      complaint: mergeCallbackRule(d.callbacks.complaint, cb.complaint),
      repair: { ...mergeCallbackRule(d.callbacks.repair, cb.repair), categories: repairCategories },
      special_service: mergeCallbackRule(d.callbacks.special_service, cb.special_service),
      help: mergeCallbackRule(d.callbacks.help, cb.help),
      first_aid: mergeCallbackRule(d.callbacks.first_aid, cb.first_aid),
      activity: mergeCallbackRule(d.callbacks.activity, cb.activity),
      other: mergeCallbackRule(d.callbacks.other, cb.other),
    },
    complaints: {
      major: { ...d.complaints.major, ...definedOnly(input.complaints?.major) },
      important: { ...d.complaints.important, ...definedOnly(input.complaints?.important) },
      minor: { ...d.complaints.minor, ...definedOnly(input.complaints?.minor) },
    },
    kpi: { ...d.kpi, ...definedOnly(input.kpi) },
  };
}

type ShiftInput = z.infer<typeof shift>;
function resolveShift(s: ShiftInput): Shift {
  return {
    id: s.id,
    name: s.name ?? s.id,
    start: s.start,
    end: s.end,
    ...(s.summer ? { summer: { ...s.summer } } : {}),
    roles: s.roles,
    min_staff: s.min_staff ?? 1,
  };
}

function resolveTeams(input: ConfigInput['teams']): Record<string, TeamConfig> {
  const out = Object.create(null) as Record<string, TeamConfig>;
  // Object.keys, never a spread: a parsed `__proto__` key must stay inert (FINDINGS §YAML)
  for (const name of Object.keys(input ?? {}).sort()) {
    const t = input![name]!;
    out[name] = { shifts: t.shifts.map(resolveShift), ...(t.lead ? { lead: t.lead } : {}) };
  }
  return out;
}

/**
 * The desk's own rule for a repair category, if it has one. Only own keys count: a
 * work order's `category: constructor` must not find Object's constructor (issue 8).
 */
export function repairCategoryRule(categories: Readonly<Record<string, CallbackRule>>, category: string | undefined): CallbackRule | undefined {
  return category !== undefined && Object.hasOwn(categories, category) ? categories[category] : undefined;
}

/** Copies the keys whose value is not undefined (and never `notes`), so defaults survive. */
function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  const out: Partial<T> = {};
  if (!value) return out;
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (key !== 'notes' && value[key] !== undefined) out[key] = value[key];
  }
  return out;
}

export const CONFIG_FILE = 'kefu.yaml';
