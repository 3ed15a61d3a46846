// callbacks/YYYY/YYYY-MM.yaml — the month's callbacks 回访, supervisor reviews and plans (SPEC §3.7).
import { z } from 'zod';
import { caseId, complaintIdRef, instant, month, record, recordId, staffId, text } from './common.js';
import { SATISFACTION_LEVELS } from './config.js';

export const callbackId = recordId('HF');
export const UNSATISFIED: readonly string[] = ['dissatisfied', 'very_dissatisfied'];

export const callbackSchema = record({
  type: z.literal('callback'),
  id: callbackId,
  subject: caseId,
  checkpoint: z.enum(['midterm', 'end']).optional(),
  at: instant,
  by: staffId,
  method: z.enum(['phone', 'visit', 'onsite']),
  outcome: z.enum(['completed', 'no_answer', 'refused']),
  satisfaction: z.enum(SATISFACTION_LEVELS).optional(),
  quality: z.int().min(1).max(5).optional(),
  effect: z.int().min(1).max(5).optional(),
  shortcomings: text.optional(),
  suggestions: text.optional(),
  resident_confirmed: z.boolean().optional(),
  escalated_to: complaintIdRef.optional(),
});

export const callbackReviewSchema = record({
  type: z.literal('review'),
  callback: callbackId,
  at: instant,
  by: staffId,
  comment: text.optional(),
});

export const callbackPlanSchema = record({
  type: z.literal('plan'),
  subject: caseId,
  checkpoint: z.enum(['midterm', 'end']).optional(),
  assignee: staffId,
  at: instant,
  by: staffId,
});

export const callbackItemSchema = z.discriminatedUnion('type', [callbackSchema, callbackReviewSchema, callbackPlanSchema]);

export const callbackMonthSchema = record({
  month,
  callbacks: z.array(callbackItemSchema),
}).meta({ title: 'callback month', description: 'kefu callbacks of one month (SPEC §3.7)' });

export type CallbackMonth = z.infer<typeof callbackMonthSchema>;
export type CallbackItem = z.infer<typeof callbackItemSchema>;
export type Callback = z.infer<typeof callbackSchema>;

export const CALLBACK_PATH = /^callbacks\/(\d{4})\/(\d{4}-\d{2})\.yaml$/;

export function callbackMonthPath(m: string): string {
  return `callbacks/${m.slice(0, 4)}/${m}.yaml`;
}
