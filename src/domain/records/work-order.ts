// workorders/YYYY/MM/WO-….yaml — one repair or service order 维修工作单 with its events (SPEC §3.6).
import { z } from 'zod';
import { date, instant, keyName, person, record, recordId, staffId, text } from './common.js';

export const workOrderId = recordId('WO');
export const WORK_ORDER_KINDS = ['repair', 'special_service', 'help', 'first_aid', 'activity', 'other'] as const;

const base = { at: instant, by: staffId };
export const workOrderEventSchema = z.discriminatedUnion('type', [
  record({ type: z.literal('responded'), ...base }),
  record({ type: z.literal('assigned'), ...base, assignee: staffId }),
  record({ type: z.literal('completed'), ...base, note: text.optional() }),
  record({ type: z.literal('leak_tested'), ...base, passed: z.boolean(), note: text.optional() }),
  record({ type: z.literal('cancelled'), ...base, reason: text }),
  record({ type: z.literal('reopened'), ...base, reason: text }),
  record({ type: z.literal('note'), ...base, text }),
]);

export const workOrderSchema = record({
  id: workOrderId,
  kind: z.enum(WORK_ORDER_KINDS),
  received_at: instant,
  received_by: staffId,
  requester: person,
  category: keyName.optional(),
  item: text,
  location: text.optional(),
  paid: z.boolean().optional(),
  contract: record({ start: date, end: date }).optional(),
  events: z.array(workOrderEventSchema),
})
  .superRefine((wo, ctx) => {
    if (wo.kind === 'special_service' && !wo.contract) {
      ctx.addIssue({ code: 'custom', path: ['kind'], message: 'CONTRACT_REQUIRED', params: { kefu: 'CONTRACT_REQUIRED' } });
    }
    if (wo.contract && wo.contract.end < wo.contract.start) {
      ctx.addIssue({ code: 'custom', path: ['contract', 'end'], message: 'CONTRACT_ORDER', params: { kefu: 'CONTRACT_ORDER' } });
    }
  })
  .meta({ title: 'work order', description: 'kefu work order (SPEC §3.6)' });

export type WorkOrder = z.infer<typeof workOrderSchema>;
export type WorkOrderEvent = z.infer<typeof workOrderEventSchema>;

export const WORK_ORDER_PATH = /^workorders\/(\d{4})\/(\d{2})\/(WO-[^/]+)\.yaml$/;

export function workOrderPath(id: string): string {
  return `workorders/${id.slice(3, 7)}/${id.slice(7, 9)}/${id}.yaml`;
}
