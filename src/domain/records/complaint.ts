// complaints/YYYY/MM/TS-….yaml — one complaint 投诉 with its events (SPEC §3.5, seed 001 投诉接待).
import { z } from 'zod';
import { date, instant, keyName, person, record, recordId, role, staffId, text } from './common.js';
import { SEVERITIES } from './config.js';

export const complaintId = recordId('TS');
export const COMPLAINT_CHANNELS = ['phone', 'visit', 'letter', 'fax', 'email', 'wechat', 'other'] as const;

const base = { at: instant, by: staffId };
export const complaintEventSchema = z.discriminatedUnion('type', [
  record({ type: z.literal('escalated'), ...base, to: staffId, role: role.optional() }),
  record({ type: z.literal('assigned'), ...base, department: text.optional(), assignee: staffId }),
  record({ type: z.literal('replied'), ...base, note: text.optional() }),
  record({ type: z.literal('resolved'), ...base, result: text.optional() }),
  record({ type: z.literal('reopened'), ...base, reason: text }),
  record({ type: z.literal('reclassified'), ...base, severity: z.enum(SEVERITIES), reason: text }),
  record({ type: z.literal('invalid'), ...base, reason: text }),
  record({ type: z.literal('note'), ...base, text }),
]);

export const complaintSchema = record({
  id: complaintId,
  received_at: instant,
  received_by: staffId,
  channel: z.enum(COMPLAINT_CHANNELS),
  complainant: person,
  category: keyName,
  department: text.optional(),
  person: text.optional(),
  location: text.optional(),
  summary: text,
  request: text.optional(),
  severity: z.enum(SEVERITIES),
  requested_deadline: date.optional(),
  events: z.array(complaintEventSchema),
}).meta({ title: 'complaint', description: 'kefu complaint record (SPEC §3.5)' });

export type Complaint = z.infer<typeof complaintSchema>;
export type ComplaintEvent = z.infer<typeof complaintEventSchema>;

export const COMPLAINT_PATH = /^complaints\/(\d{4})\/(\d{2})\/(TS-[^/]+)\.yaml$/;

export function complaintPath(id: string): string {
  // TS-YYYYMMDD-XXXX: the folder is the month of the id's date
  return `complaints/${id.slice(3, 7)}/${id.slice(7, 9)}/${id}.yaml`;
}
