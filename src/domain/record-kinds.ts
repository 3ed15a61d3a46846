// Which file is which record kind: the desk layout of SPEC §2, one row per kind.
import type { z } from 'zod';
import type { Finding } from '../diagnostics/diagnostic.js';
import { CALLBACK_PATH, callbackMonthPath, callbackItemSchema, callbackMonthSchema } from './records/callback-month.js';
import { COMPLAINT_PATH, complaintPath, complaintEventSchema, complaintSchema } from './records/complaint.js';
import { configSchema, CONFIG_FILE } from './records/config.js';
import { DUTY_PATH, dutyDayPath, dutyDaySchema, dutyItemSchema } from './records/duty-day.js';
import { assignmentSchema, ROSTER_PATH, rosterSchema } from './records/roster.js';
import { STAFF_FILE, staffFileSchema, staffMemberSchema } from './records/staff.js';
import { WORK_ORDER_PATH, workOrderPath, workOrderEventSchema, workOrderSchema } from './records/work-order.js';

export type KindName = 'config' | 'staff' | 'roster' | 'duty-day' | 'complaint' | 'work-order' | 'callback-month';

export interface RecordKind {
  name: KindName;
  pattern: RegExp;
  /** how a file of this kind is named, for FILE_UNEXPECTED */
  example: string;
  schema: z.ZodType;
  /** the list items of the file are appended to: a bad item is skipped, the rest still load */
  listKey?: string;
  /** the schema of one list item, to keep an item whose only faults were optional fields */
  itemSchema?: z.ZodType;
  /** where a record of this kind belongs, by its content */
  pathOf?: (record: Record<string, unknown>) => string;
  /** the fields that must agree with the file name */
  nameFields: (m: RegExpExecArray) => Record<string, string>;
}

export const RECORD_KINDS: RecordKind[] = [
  { name: 'config', pattern: new RegExp(`^${CONFIG_FILE.replace('.', '\\.')}$`), example: CONFIG_FILE, schema: configSchema, nameFields: () => ({}) },
  { name: 'staff', pattern: new RegExp(`^${STAFF_FILE.replace('.', '\\.')}$`), example: STAFF_FILE, schema: staffFileSchema, listKey: 'staff', itemSchema: staffMemberSchema, nameFields: () => ({}) },
  { name: 'roster', pattern: ROSTER_PATH, example: 'rosters/YYYY-MM.yaml', schema: rosterSchema, listKey: 'assignments', itemSchema: assignmentSchema, nameFields: (m) => ({ month: m[1]!, ...(m[2] ? { team: m[2] } : {}) }) },
  { name: 'duty-day', pattern: DUTY_PATH, example: 'duty/YYYY/MM/YYYY-MM-DD.yaml', schema: dutyDaySchema, listKey: 'log', itemSchema: dutyItemSchema, pathOf: (r) => dutyDayPath(String(r.date)), nameFields: (m) => ({ date: m[3]! }) },
  { name: 'complaint', pattern: COMPLAINT_PATH, example: 'complaints/YYYY/MM/TS-YYYYMMDD-XXXX.yaml', schema: complaintSchema, listKey: 'events', itemSchema: complaintEventSchema, pathOf: (r) => complaintPath(String(r.id)), nameFields: (m) => ({ id: m[3]! }) },
  { name: 'work-order', pattern: WORK_ORDER_PATH, example: 'workorders/YYYY/MM/WO-YYYYMMDD-XXXX.yaml', schema: workOrderSchema, listKey: 'events', itemSchema: workOrderEventSchema, pathOf: (r) => workOrderPath(String(r.id)), nameFields: (m) => ({ id: m[3]! }) },
  { name: 'callback-month', pattern: CALLBACK_PATH, example: 'callbacks/YYYY/YYYY-MM.yaml', schema: callbackMonthSchema, listKey: 'callbacks', itemSchema: callbackItemSchema, pathOf: (r) => callbackMonthPath(String(r.month)), nameFields: (m) => ({ month: m[2]! }) },
];

/** The folders kefu owns: every file under them must be a record file. */
export const RECORD_FOLDERS = ['rosters', 'duty', 'complaints', 'workorders', 'callbacks'] as const;

/**
 * The file that holds the record or list item with this id, by how kefu names ids (the
 * date in a D- id is its duty day's, in the others the local date of the record):
 * a duty day, a complaint, a work order, or a month of callbacks. Undefined for other ids.
 */
export function homeOfId(id: string): string | undefined {
  const m = /^(D|TS|WO|HF)-(\d{4})(\d{2})(\d{2})-[0-9A-Z]+$/.exec(id);
  if (!m) return undefined;
  const [, prefix, y, mo, d] = m;
  if (prefix === 'D') return dutyDayPath(`${y}-${mo}-${d}`);
  if (prefix === 'TS') return complaintPath(id);
  if (prefix === 'WO') return workOrderPath(id);
  return callbackMonthPath(`${y}-${mo}`);
}

export function kindOfPath(path: string): { kind: RecordKind; match: RegExpExecArray } | undefined {
  for (const kind of RECORD_KINDS) {
    const match = kind.pattern.exec(path);
    if (match) return { kind, match };
  }
  return undefined;
}

/** The kind a misnamed file in a record folder was probably meant to be. */
export function expectedNameFor(path: string): string {
  const folder = path.split('/')[0];
  const kind = RECORD_KINDS.find((k) => k.example.startsWith(`${folder}/`));
  return kind?.example ?? 'a record file name';
}

/**
 * The file name must agree with the record (its date, month or id), and the folders
 * above it with the record's date: kefu finds records by where they are.
 */
export function nameMismatches(kind: RecordKind, match: RegExpExecArray, data: unknown, file: string): Finding[] {
  const out: Finding[] = [];
  const record = data as Record<string, unknown>;
  for (const [field, expected] of Object.entries(kind.nameFields(match))) {
    const actual = record[field];
    if (actual === undefined && field === 'team') {
      out.push({ code: 'FILE_NAME_MISMATCH', file, path: [], params: { field, actual: '—', expected } });
    } else if (actual !== undefined && actual !== expected) {
      out.push({ code: 'FILE_NAME_MISMATCH', file, path: [field], params: { field, actual: String(actual), expected } });
    }
  }
  if (out.length > 0 || !kind.pathOf) return out;
  const expected = kind.pathOf(record);
  if (expected !== file) {
    const field = Object.keys(kind.nameFields(match))[0]!;
    const dir = (p: string) => p.slice(0, p.lastIndexOf('/') + 1);
    out.push({ code: 'FILE_WRONG_FOLDER', file, path: [field], params: { field, value: String(record[field]), folder: dir(file), expected: dir(expected) } });
  }
  return out;
}
