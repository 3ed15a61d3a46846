// A complaint's state and deadlines, derived from its events as of an instant
// (SPEC §3.5, §5.2; seed 001 投诉接待 (5)). Every deadline counts from `received_at`
// under the severity in force at `asOf` (a reclassification recomputes them all).
import { dueFrom, type DeskCalendar } from './deadlines.js';
import type { ComplaintRule, Config } from './records/config.js';
import type { Complaint } from './records/complaint.js';
import { fromLocal, toEpoch } from './time.js';

export type Stage = 'escalate' | 'reply' | 'resolve';
export type StageStatus = 'met' | 'missed' | 'open';

export interface StageDeadline {
  stage: Stage;
  /** the rule, e.g. "1h", "2d", or "requested_deadline" */
  rule: string;
  due: number;
  /** when the stage was done, if it was by asOf */
  doneAt?: number;
  status: StageStatus;
}

export type ComplaintStatus = 'open' | 'resolved' | 'invalid';

export interface ComplaintState {
  severity: Complaint['severity'];
  invalid: boolean;
  /** invalid, else resolved (a resolution in force), else open */
  status: ComplaintStatus;
  /** the last assignee, if any */
  assignee?: string;
  department?: string;
  /** the instant of the resolution in force (last `resolved` not followed by `reopened`) */
  resolvedAt?: number;
  deadlines: StageDeadline[];
}

export function deriveComplaintState(complaint: Complaint, config: Pick<Config, 'complaints'> & DeskCalendar, asOf: number): ComplaintState {
  const received = toEpoch(complaint.received_at);
  const events = complaint.events.filter((e) => toEpoch(e.at) <= asOf);
  let severity = complaint.severity;
  let resolvedAt: number | undefined;
  let invalid = false;
  let escalatedAt: number | undefined;
  let repliedAt: number | undefined;
  let assignee: string | undefined;
  let department = complaint.department;
  for (const e of events) {
    const t = toEpoch(e.at);
    if (e.type === 'reclassified') severity = e.severity;
    if (e.type === 'resolved') resolvedAt = t;
    if (e.type === 'reopened') resolvedAt = undefined;
    if (e.type === 'invalid') invalid = true;
    if (e.type === 'escalated' && escalatedAt === undefined) escalatedAt = t;
    if (e.type === 'replied' && repliedAt === undefined) repliedAt = t;
    if (e.type === 'assigned') [assignee, department] = [e.assignee, e.department ?? department];
  }
  const rule: ComplaintRule = config.complaints[severity];
  const deadlines: StageDeadline[] = [];
  const add = (stage: Stage, ruleText: string, due: number, doneAt: number | undefined) => {
    const status: StageStatus = doneAt !== undefined ? (doneAt <= due ? 'met' : 'missed') : asOf > due ? 'missed' : 'open';
    deadlines.push({ stage, rule: ruleText, due, ...(doneAt !== undefined ? { doneAt } : {}), status });
  };
  if (!invalid) {
    if (rule.escalate) add('escalate', rule.escalate, dueFrom(received, rule.escalate, config), escalatedAt);
    if (rule.reply) add('reply', rule.reply, dueFrom(received, rule.reply, config), repliedAt);
    // a minor complaint with the resident's own deadline is due by that date (SPEC §5.2)
    if (severity === 'minor' && complaint.requested_deadline) {
      add('resolve', 'requested_deadline', fromLocal(complaint.requested_deadline, '23:59:59', config.timezone), resolvedAt);
    } else {
      add('resolve', rule.resolve, dueFrom(received, rule.resolve, config), resolvedAt);
    }
  }
  const status: ComplaintStatus = invalid ? 'invalid' : resolvedAt !== undefined ? 'resolved' : 'open';
  return {
    severity, invalid, status,
    ...(assignee ? { assignee } : {}),
    ...(department ? { department } : {}),
    ...(resolvedAt !== undefined ? { resolvedAt } : {}),
    deadlines,
  };
}
