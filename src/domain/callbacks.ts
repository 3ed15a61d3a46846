// Callback obligations (SPEC §5.3; seed 002 篇2 §4.1, seed 001 报修接待 4 and 走回访 (1)):
// which subjects owe a callback, from which instant, by when, and whether it was made.
import { deriveComplaintState } from './complaints.js';
import { dueFrom } from './deadlines.js';
import type { Desk } from './desk.js';
import type { Callback } from './records/callback-month.js';
import { repairCategoryRule, type CallbackRule, type Config } from './records/config.js';
import type { WorkOrder } from './records/work-order.js';
import { addDays, fromLocal, toEpoch } from './time.js';

export interface Obligation {
  subject: string;
  kind: 'complaint' | WorkOrder['kind'];
  category?: string | undefined;
  checkpoint?: 'midterm' | 'end' | undefined;
  /** the instant it counts from */
  from: number;
  due: number;
  rule: CallbackRule;
  planned: boolean;
  assignee?: string | undefined;
  unit?: string | undefined;
  /** the first completed callback at or after `from`, by asOf */
  fulfilledBy?: Callback | undefined;
  /** no_answer / refused attempts since `from` */
  attempts: Callback[];
  overdue: boolean;
  /** owed: a 100% kind, or planned; the others only count toward the month's quota */
  owed: boolean;
}

/** The callback rule for a work order: its kind's row, or its repair category's. */
export function callbackRuleFor(config: Config, kind: WorkOrder['kind'], category?: string): CallbackRule {
  if (kind === 'repair') return repairCategoryRule(config.callbacks.repair.categories, category) ?? config.callbacks.repair;
  return config.callbacks[kind];
}

/** The instant a work order's callback counts from: its latest closing event not followed by a reopen (or undefined). */
function workOrderClosedAt(wo: WorkOrder, rule: CallbackRule, asOf: number): number | undefined {
  let completed: number | undefined;
  let tested: number | undefined;
  let cancelled = false;
  for (const e of wo.events) {
    const t = toEpoch(e.at);
    if (t > asOf) continue;
    if (e.type === 'completed') [completed, tested] = [t, undefined];
    if (e.type === 'leak_tested' && completed !== undefined && e.passed) tested = t;
    if (e.type === 'reopened') [completed, tested] = [undefined, undefined];
    if (e.type === 'cancelled') cancelled = true;
  }
  if (cancelled) return undefined;
  return rule.counts_from === 'leak_tested' ? tested : completed;
}

/**
 * A special service's two callback checkpoints (SPEC §5.3): they count from the contract's
 * midpoint (start + ⌊(end − start)/2⌋ days) and its end, each at local midnight.
 */
export function contractCheckpoints(contract: { start: string; end: string }, timezone: string): { checkpoint: 'midterm' | 'end'; from: number }[] {
  const { start, end } = contract;
  const days = Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000);
  return [
    { checkpoint: 'midterm', from: fromLocal(addDays(start, Math.floor(days / 2)), '00:00', timezone) },
    { checkpoint: 'end', from: fromLocal(end, '00:00', timezone) },
  ];
}

/** Every callback obligation of the desk as of `asOf`, sorted by due, then subject. */
export function deriveObligations(desk: Pick<Desk, 'config' | 'complaints' | 'workOrders' | 'callbackMonths'>, asOf: number): Obligation[] {
  return deriveCallbackSubjects(desk, asOf).filter((o) => o.owed);
}

/** Every closed subject with its callback window, owed or not (the quota counts them all). */
export function deriveCallbackSubjects(desk: Pick<Desk, 'config' | 'complaints' | 'workOrders' | 'callbackMonths'>, asOf: number): Obligation[] {
  const { config } = desk;
  // each subject's callbacks by time, read once
  const callbacks = new Map<string, { at: number; callback: Callback }[]>();
  const plans = new Map<string, { assignee: string }>();
  for (const m of desk.callbackMonths) {
    for (const item of m.data.callbacks) {
      const at = toEpoch(item.at);
      if (at > asOf) continue;
      if (item.type === 'callback') {
        const list = callbacks.get(item.subject);
        if (list) list.push({ at, callback: item });
        else callbacks.set(item.subject, [{ at, callback: item }]);
      }
      if (item.type === 'plan') plans.set(`${item.subject}#${item.checkpoint ?? ''}`, { assignee: item.assignee });
    }
  }
  for (const list of callbacks.values()) list.sort((a, b) => a.at - b.at);
  const planOf = (subject: string, checkpoint?: string) => plans.get(`${subject}#${checkpoint ?? ''}`) ?? plans.get(`${subject}#`);
  const out: Obligation[] = [];
  const add = (o: Omit<Obligation, 'fulfilledBy' | 'attempts' | 'overdue' | 'due' | 'planned' | 'assignee' | 'owed'>) => {
    const plan = planOf(o.subject, o.checkpoint);
    // below 100%, a subject is owed a callback only when planned (SPEC §5.3)
    const owed = o.rule.rate >= 1 || plan !== undefined;
    let fulfilledBy: Callback | undefined;
    const attempts: Callback[] = [];
    for (const { at, callback } of callbacks.get(o.subject) ?? []) {
      if (at < o.from || (o.checkpoint !== undefined && callback.checkpoint !== o.checkpoint)) continue;
      if (callback.outcome !== 'completed') attempts.push(callback);
      else fulfilledBy ??= callback;
    }
    const due = dueFrom(o.from, o.rule.within, config);
    // one shape for every obligation, absent fields undefined: a literal of spreads makes
    // objects of many shapes, slow to build and three times the memory (a report builds 66,000)
    out.push({
      subject: o.subject,
      kind: o.kind,
      category: o.category,
      checkpoint: o.checkpoint,
      from: o.from,
      due,
      rule: o.rule,
      planned: plan !== undefined,
      assignee: plan?.assignee,
      unit: o.unit,
      fulfilledBy,
      attempts,
      overdue: owed && !fulfilledBy && asOf > due,
      owed,
    });
  };
  for (const { data: c } of desk.complaints) {
    const state = deriveComplaintState(c, config, asOf);
    if (state.invalid || state.resolvedAt === undefined) continue;
    add({ subject: c.id, kind: 'complaint', from: state.resolvedAt, rule: config.callbacks.complaint, ...(c.complainant.unit ? { unit: c.complainant.unit } : {}) });
  }
  for (const { data: wo } of desk.workOrders) {
    const rule = callbackRuleFor(config, wo.kind, wo.category);
    const unit = wo.requester.unit;
    if (wo.kind === 'special_service' && wo.contract) {
      if (wo.events.some((e) => e.type === 'cancelled' && toEpoch(e.at) <= asOf)) continue;
      for (const { checkpoint, from } of contractCheckpoints(wo.contract, config.timezone)) {
        if (from <= asOf) add({ subject: wo.id, kind: wo.kind, checkpoint, from, rule, ...(unit ? { unit } : {}) });
      }
      continue;
    }
    const from = workOrderClosedAt(wo, rule, asOf);
    if (from === undefined) continue;
    add({ subject: wo.id, kind: wo.kind, ...(wo.category ? { category: wo.category } : {}), from, rule, ...(unit ? { unit } : {}) });
  }
  return out.sort((a, b) => a.due - b.due || (a.subject < b.subject ? -1 : 1));
}
