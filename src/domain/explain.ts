// `kefu explain ID` (SPEC §4): a record's timeline and, for every deadline derived
// from it, the rule and its source, the instants counted from and to, the days
// counted and skipped, and the verdict as of an instant. Pure: (desk, id, asOf) → data.
import { deriveCallbackSubjects, type Obligation } from './callbacks.js';
import { deriveComplaintState } from './complaints.js';
import { deadlineFrom, type DeskCalendar, type SkippedDay } from './deadlines.js';
import type { Desk } from './desk.js';
import type { Callback } from './records/callback-month.js';
import type { Complaint } from './records/complaint.js';
import { repairCategoryRule } from './records/config.js';
import type { WorkOrder } from './records/work-order.js';
import { localDateOf, toEpoch } from './time.js';

export type Verdict = 'met' | 'missed' | 'open' | 'overdue';

export interface TimelineItem {
  at: number;
  by?: string;
  type: string;
  details: Record<string, unknown>;
  /** after as-of: not yet known at that instant, shown but not counted */
  future: boolean;
}

export interface ExplainedDeadline {
  /** escalate | reply | resolve | callback | response | leak_test */
  name: string;
  checkpoint?: 'midterm' | 'end';
  /** the rule as kefu.yaml writes it: "1h", "3d", "same_day", "requested_deadline", "10min" */
  rule: string;
  /** what picks the rule: "severity important", "repair/leak", … */
  ruleFor: string;
  /** where the rule comes from */
  source: string;
  from: number;
  /** the event or field it counts from */
  fromEvent: string;
  due: number;
  calendar: DeskCalendar['calendar'] | 'clock';
  counted: string[];
  skipped: SkippedDay[];
  /** years counted through without holiday data (only weekends skipped there) */
  uncoveredYears: number[];
  doneAt?: number;
  doneBy?: string;
  /** no_answer / refused attempts (callbacks) */
  attempts: { id: string; at: number; outcome: string }[];
  verdict: Verdict;
  /** local date of as-of minus local date of due, when overdue or missed */
  overdueDays?: number;
  note?: string;
}

export interface Explanation {
  id: string;
  kind: 'complaint' | 'workorder' | 'callback';
  summary: Record<string, unknown>;
  timeline: TimelineItem[];
  deadlines: ExplainedDeadline[];
  asOf: number;
}

export const SOURCES = {
  complaint: 'SPEC §5.2; seed 001 投诉接待 (5)',
  requested: 'SPEC §5.2 (minor: by the resident\'s requested deadline)',
  callbackComplaint: 'SPEC §5.3; seed 002 篇2 §4.1, seed 001 投诉处理及回访制度',
  callbackRepair: 'SPEC §5.3; seed 001 报修接待 4, seed 002 篇2 §4.1.2',
  callbackOther: 'SPEC §5.3; seed 002 篇2 §4.1.2, seed 001 走回访 (1)',
  callbackSpecial: 'SPEC §5.3 (7 days: product default); seed 002 篇2 §4.1.2',
  response: 'SPEC §6.2; seed 004 标准 2',
  leakTest: 'SPEC §5.3, §5.5 (a leak repair untested 3 days after completion: warning; its callback waits for the test)',
} as const;

const DAY = 86_400_000;

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / DAY);
}

function verdictOf(due: number, doneAt: number | undefined, asOf: number): Verdict {
  if (doneAt !== undefined) return doneAt <= due ? 'met' : 'missed';
  return asOf > due ? 'overdue' : 'open';
}

/** How `spec` counts from `from`: the days counted and skipped, as the engine counted them. */
function counting(from: number, spec: string, cal: DeskCalendar): Pick<ExplainedDeadline, 'due' | 'counted' | 'skipped' | 'calendar' | 'uncoveredYears'> {
  const d = deadlineFrom(from, spec, cal);
  const hours = /h$/.test(spec);
  return { due: d.due, counted: d.counted, skipped: d.skipped, uncoveredYears: d.uncoveredYears, calendar: hours ? 'clock' : cal.calendar };
}

function finish(d: Omit<ExplainedDeadline, 'verdict' | 'overdueDays'>, asOf: number, tz: string): ExplainedDeadline {
  const verdict = verdictOf(d.due, d.doneAt, asOf);
  const late = verdict === 'overdue' ? asOf : verdict === 'missed' ? d.doneAt! : undefined;
  return { ...d, verdict, ...(late !== undefined ? { overdueDays: daysBetween(localDateOf(d.due, tz), localDateOf(late, tz)) } : {}) };
}

function timelineOf(events: readonly { at: string; by?: string; type: string }[], asOf: number): TimelineItem[] {
  return events.map((e) => {
    const { at, by, type, ...details } = e;
    return { at: toEpoch(at), ...(by ? { by } : {}), type, details, future: toEpoch(at) > asOf };
  });
}

function callbackDeadline(o: Obligation, cal: DeskCalendar, asOf: number, tz: string, ruleFor: string, source: string, fromEvent: string): ExplainedDeadline {
  const c = counting(o.from, o.rule.within, cal);
  return finish({
    name: 'callback',
    ...(o.checkpoint ? { checkpoint: o.checkpoint } : {}),
    rule: o.rule.within,
    ruleFor: `${ruleFor}, rate ${Math.round(o.rule.rate * 100)}%${o.owed ? '' : ' (not owed: below 100% and not planned)'}`,
    source,
    from: o.from,
    fromEvent,
    ...c,
    ...(o.fulfilledBy ? { doneAt: toEpoch(o.fulfilledBy.at), doneBy: o.fulfilledBy.id } : {}),
    attempts: o.attempts.map((a) => ({ id: a.id, at: toEpoch(a.at), outcome: a.outcome })),
    ...(o.assignee ? { note: `planned: ${o.assignee}` } : {}),
  }, asOf, tz);
}

function explainComplaint(desk: Desk, c: Complaint, asOf: number): Explanation {
  const { config } = desk;
  const tz = config.timezone;
  const state = deriveComplaintState(c, config, asOf);
  const received = toEpoch(c.received_at);
  const deadlines: ExplainedDeadline[] = state.deadlines.map((d) => {
    const requested = d.rule === 'requested_deadline';
    const c2 = requested ? { due: d.due, counted: [], skipped: [], uncoveredYears: [], calendar: config.calendar } : counting(received, d.rule, config);
    return finish({
      name: d.stage,
      rule: d.rule,
      ruleFor: `severity ${state.severity}${state.severity !== c.severity ? ` (reclassified from ${c.severity})` : ''}`,
      source: requested ? SOURCES.requested : SOURCES.complaint,
      from: received,
      fromEvent: 'received_at',
      ...c2,
      ...(d.doneAt !== undefined ? { doneAt: d.doneAt } : {}),
      attempts: [],
    }, asOf, tz);
  });
  const obligation = deriveCallbackSubjects(desk, asOf).find((o) => o.subject === c.id);
  if (obligation) deadlines.push(callbackDeadline(obligation, config, asOf, tz, 'complaint', SOURCES.callbackComplaint, 'resolved'));
  return {
    id: c.id,
    kind: 'complaint',
    summary: { severity: state.severity, status: state.status, category: c.category, unit: c.complainant.unit, received_at: received },
    timeline: [{ at: received, by: c.received_by, type: 'received', details: { channel: c.channel, severity: c.severity }, future: received > asOf }, ...timelineOf(c.events, asOf)],
    deadlines,
    asOf,
  };
}

function explainWorkOrder(desk: Desk, wo: WorkOrder, asOf: number): Explanation {
  const { config } = desk;
  const tz = config.timezone;
  const received = toEpoch(wo.received_at);
  const deadlines: ExplainedDeadline[] = [];
  // the 10-minute response (seed 004 标准 2)
  const minutes = config.kpi.response_minutes;
  const responded = wo.events.find((e) => e.type === 'responded' && toEpoch(e.at) <= asOf);
  deadlines.push(finish({
    name: 'response', rule: `${minutes}min`, ruleFor: 'kpi.response_minutes', source: SOURCES.response,
    from: received, fromEvent: 'received_at', due: received + minutes * 60_000, calendar: 'clock', counted: [], skipped: [], uncoveredYears: [],
    ...(responded ? { doneAt: toEpoch(responded.at), doneBy: responded.by } : {}), attempts: [],
  }, asOf, tz));
  const ruleFor = wo.kind === 'repair' ? `repair/${wo.category ?? 'other'}` : wo.kind;
  const source = wo.kind === 'repair' ? SOURCES.callbackRepair : wo.kind === 'special_service' ? SOURCES.callbackSpecial : SOURCES.callbackOther;
  for (const o of deriveCallbackSubjects(desk, asOf).filter((x) => x.subject === wo.id)) {
    const fromEvent = o.checkpoint ? `contract ${o.checkpoint === 'midterm' ? 'midpoint' : 'end'} ${localDateOf(o.from, tz)} 00:00` : o.rule.counts_from ?? 'completed';
    deadlines.push(callbackDeadline(o, config, asOf, tz, ruleFor, source, fromEvent));
  }
  // a leak repair owes its callback only once tested (SPEC §5.3)
  const rule = wo.kind === 'repair' ? repairCategoryRule(config.callbacks.repair.categories, wo.category) : undefined;
  if (rule?.counts_from === 'leak_tested') {
    const completed = [...wo.events].reverse().find((e) => e.type === 'completed' && toEpoch(e.at) <= asOf);
    if (completed) {
      const from = toEpoch(completed.at);
      const tested = wo.events.find((e) => e.type === 'leak_tested' && toEpoch(e.at) >= from && toEpoch(e.at) <= asOf);
      const c = counting(from, '3d', { ...config, calendar: 'calendar' });
      deadlines.push(finish({
        name: 'leak_test', rule: '3d', ruleFor: `repair/${wo.category}`, source: SOURCES.leakTest, from, fromEvent: 'completed', ...c,
        ...(tested ? { doneAt: toEpoch(tested.at), doneBy: tested.by } : {}), attempts: [],
      }, asOf, tz));
    }
  }
  return {
    id: wo.id,
    kind: 'workorder',
    summary: { kind: wo.kind, ...(wo.category ? { category: wo.category } : {}), unit: wo.requester.unit, received_at: received, ...(wo.contract ? { contract: wo.contract } : {}) },
    timeline: [{ at: received, by: wo.received_by, type: 'received', details: { kind: wo.kind }, future: received > asOf }, ...timelineOf(wo.events, asOf)],
    deadlines,
    asOf,
  };
}

function explainCallback(desk: Desk, cb: Callback, asOf: number): Explanation {
  const { config } = desk;
  const tz = config.timezone;
  const obligations = deriveCallbackSubjects(desk, asOf).filter((o) => o.subject === cb.subject && (cb.checkpoint === undefined || o.checkpoint === cb.checkpoint));
  const reviews = desk.callbackMonths.flatMap((m) => m.data.callbacks).filter((i) => i.type === 'review' && i.callback === cb.id);
  const fulfils = obligations.find((o) => o.fulfilledBy?.id === cb.id);
  const { type: _t, id: _i, at, by, ...details } = cb;
  return {
    id: cb.id,
    kind: 'callback',
    summary: { subject: cb.subject, outcome: cb.outcome, ...(cb.satisfaction ? { satisfaction: cb.satisfaction } : {}), fulfils: fulfils ? fulfils.subject : null },
    timeline: [{ at: toEpoch(at), by, type: 'callback', details, future: toEpoch(at) > asOf }, ...timelineOf(reviews as { at: string; by: string; type: string }[], asOf)],
    deadlines: obligations.map((o) => callbackDeadline(o, config, asOf, tz, o.kind, o.kind === 'complaint' ? SOURCES.callbackComplaint : SOURCES.callbackOther, o.checkpoint ? `contract ${o.checkpoint}` : o.rule.counts_from ?? 'completed')),
    asOf,
  };
}

/** Every id `explain` understands: complaints, work orders, callbacks. */
export function explainableIds(desk: Desk): string[] {
  return [
    ...desk.complaints.map((c) => c.data.id),
    ...desk.workOrders.map((w) => w.data.id),
    ...desk.callbackMonths.flatMap((m) => m.data.callbacks.flatMap((c) => (c.type === 'callback' ? [c.id] : []))),
  ];
}

export function explain(desk: Desk, id: string, asOf: number): Explanation | undefined {
  const c = desk.complaints.find((x) => x.data.id === id);
  if (c) return explainComplaint(desk, c.data, asOf);
  const w = desk.workOrders.find((x) => x.data.id === id);
  if (w) return explainWorkOrder(desk, w.data, asOf);
  for (const m of desk.callbackMonths) {
    const cb = m.data.callbacks.find((x) => x.type === 'callback' && x.id === id);
    if (cb && cb.type === 'callback') return explainCallback(desk, cb, asOf);
  }
  return undefined;
}

