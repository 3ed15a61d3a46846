// duty/YYYY/MM/YYYY-MM-DD.yaml — one duty day of the duty log 值班记录 with its
// updates, corrections, handovers 交接班 and the supervisor's review (SPEC §3.4).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { caseId, date, formatted, instant, kefuIssue, person, record, recordId, staffId, text } from './common.js';

export const CHANNELS = ['phone', 'visit', 'patrol', 'letter', 'email', 'wechat', 'intercom', 'other'] as const;
export const ENTRY_KINDS = ['consult', 'help', 'repair', 'complaint', 'suggestion', 'incident', 'emergency', 'notice', 'other'] as const;
/** Kinds that must name who was notified (seed 000 编制指南 2). */
export const KINDS_NEEDING_NOTIFIED: readonly string[] = ['incident', 'emergency'];

export const entryId = recordId('D');
const entryStatus = z.enum(['open', 'done']);
const shiftId = z.string().min(1);

const entryFields = {
  at: instant,
  by: staffId,
  shift: shiftId.optional(),
  channel: z.enum(CHANNELS),
  kind: z.enum(ENTRY_KINDS),
  from: person.optional(),
  content: text,
  action: text.optional(),
  referred_to: text.optional(),
  status: entryStatus,
  important: z.boolean().optional(),
  notified: z.array(staffId).optional(),
  links: z.array(caseId).optional(),
};

export const entrySchema = record({ type: z.literal('entry'), id: entryId, ...entryFields });

export const updateSchema = record({
  type: z.literal('update'),
  entry: entryId,
  at: instant,
  by: staffId,
  status: entryStatus.optional(),
  note: text.optional(),
  links: z.array(caseId).optional(),
});

/** What a correction may set: any field of the entry except its id and type. */
const correctable = record({
  at: instant.optional(),
  by: staffId.optional(),
  shift: shiftId.optional(),
  channel: z.enum(CHANNELS).optional(),
  kind: z.enum(ENTRY_KINDS).optional(),
  from: person.optional(),
  content: text.optional(),
  action: text.optional(),
  referred_to: text.optional(),
  important: z.boolean().optional(),
  notified: z.array(staffId).optional(),
  links: z.array(caseId).optional(),
});

export const correctionSchema = record({
  type: z.literal('correction'),
  entry: entryId,
  at: instant,
  by: staffId,
  reason: text,
  set: correctable,
});

export const handoverSchema = record({
  type: z.literal('handover'),
  at: instant,
  shift: shiftId,
  from: staffId,
  to: staffId,
  checklist: z.array(record({ item: text, expected: z.int().min(0), counted: z.int().min(0), note: text.optional() })),
  carried_over: z.array(entryId).optional(),
  anomalies: text.optional(),
  override: record({ by: staffId, reason: text }).optional(),
  signed: record({ outgoing: instant, incoming: instant }),
});

export const reviewSchema = record({
  type: z.literal('review'),
  at: instant,
  by: staffId,
  comment: text.optional(),
  digest: formatted(/^sha256:[0-9a-f]{64}$/, 'digest', 'sha256:9f86d081… (64 × 0-9a-f)'),
});

export const dutyItemSchema = z
  .discriminatedUnion('type', [entrySchema, updateSchema, correctionSchema, handoverSchema, reviewSchema])
  .superRefine((item, ctx) => {
    if (item.type === 'entry' && KINDS_NEEDING_NOTIFIED.includes(item.kind) && !(item.notified && item.notified.length > 0)) {
      kefuIssue(ctx, 'NOTIFIED_REQUIRED', item.notified ? ['notified'] : ['kind'], { kind: item.kind });
    }
    if (item.type === 'handover') {
      item.checklist.forEach((c, i) => {
        if (c.counted < c.expected && !c.note) kefuIssue(ctx, 'HANDOVER_SHORTFALL', ['checklist', i, 'counted'], { item: c.item, expected: c.expected, counted: c.counted });
      });
    }
  });

export const dutyDaySchema = record({
  date,
  log: z.array(dutyItemSchema),
}).meta({ title: 'duty day', description: 'kefu duty-log day: entries, updates, corrections, handovers, review (SPEC §3.4)' });

export type DutyDay = z.infer<typeof dutyDaySchema>;
export type DutyItem = z.infer<typeof dutyItemSchema>;
export type Entry = z.infer<typeof entrySchema>;
export type Handover = z.infer<typeof handoverSchema>;
export type Review = z.infer<typeof reviewSchema>;

export const DUTY_PATH = /^duty\/(\d{4})\/(\d{2})\/(\d{4}-\d{2}-\d{2})\.yaml$/;

export function dutyDayPath(day: string): string {
  return `duty/${day.slice(0, 4)}/${day.slice(5, 7)}/${day}.yaml`;
}

/** JSON with keys sorted at every level: the same items always give the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * What a supervisor's review signs (SPEC §3.4): sha256 of the canonical JSON of
 * the list of items above the review in its file, so `kefu audit` can prove them unchanged.
 */
export function reviewDigest(itemsAbove: readonly unknown[]): string {
  return `sha256:${createHash('sha256').update(canonicalJson(itemsAbove), 'utf8').digest('hex')}`;
}
