// The KPI report (SPEC §6.2; issue 6): callback rates by kind (seed 002 篇2 §4.1.2),
// satisfaction (seed 004 标准 6), complaint deadlines by severity (seed 001 投诉接待 (5)),
// the 10-minute response (seed 004 标准 2), repeats per quarter (seed 002 篇2 §4.6) and
// duty compliance (seed 000 §4.1–4.3). Pure: (desk, period, asOf) → data, like
// reports/overdue.ts; rendering is in cli/.
//
// Interpretations of what SPEC §6.2 leaves open — each is repeated where it is applied:
//  - A period is a range of local dates [from, to] in the desk's timezone; "in the period"
//    means from 00:00 of `from` to before 00:00 of the day after `to`, and never after T
//    (records and events timed after --as-of are not yet written).
//  - Callbacks: one subject per callback window, so a special service counts once per
//    checkpoint (midterm, end). The windows are the core's (callbacks.ts) as of T, so a
//    subject reopened and closed again counts only from its latest closing.
//  - `target` of repair is the repair row's rate (category rows may differ; none does by default).
//  - Complaints: every `by_severity` figure is over the complaints RECEIVED in the period
//    (a cohort), judged as of T; invalid complaints are received but have no deadlines.
//    A count for a stage the severity does not have (minor: escalate, reply) is null.
//  - Repeats: over the quarter containing the period, up to T; a complaint or repair
//    without a unit cannot repeat; invalid complaints and cancelled repairs do not count.
//  - Response: the first `responded` event only; within means at most response_minutes
//    after received_at (10:00 counts, 10:01 does not). An order still inside its window at
//    T with no response yet is not judged.
//  - Duty: over the duty days of the period that have ENDED by T (a day in progress is not
//    judged yet). See buildDutyKpi for log, handover, review and roster-gap rules.
import { deriveCallbackSubjects, type Obligation } from '../callbacks.js';
import { deriveComplaintState, type ComplaintState, type Stage } from '../complaints.js';
import { deriveEntries } from '../duty-log.js';
import type { Desk } from '../desk.js';
import type { Callback } from '../records/callback-month.js';
import { UNSATISFIED } from '../records/callback-month.js';
import type { Complaint } from '../records/complaint.js';
import { SEVERITIES, SUBJECT_KINDS, type Config } from '../records/config.js';
import type { Handover } from '../records/duty-day.js';
import { effectiveAssignments, type Roster } from '../records/roster.js';
import { isOnLeave } from '../records/staff.js';
import { WORK_ORDER_KINDS, type WorkOrder } from '../records/work-order.js';
import { deriveWorkOrderState } from '../work-orders.js';
import { addDays, dutyDayWindow, formatInstant, fromLocal, toEpoch } from '../time.js';

export type SubjectKind = (typeof SUBJECT_KINDS)[number];
export type Severity = (typeof SEVERITIES)[number];
export type WorkOrderKind = (typeof WORK_ORDER_KINDS)[number];

export interface KpiPeriod {
  /** first local date, YYYY-MM-DD */
  from: string;
  /** last local date, inclusive */
  to: string;
  /** 2026-11 or 2026-Q4 */
  label: string;
}

export interface CallbackKindKpi {
  closed: number;
  obligations: number;
  done: number;
  on_time: number;
  rate: number | null;
  on_time_rate: number | null;
  target: number;
}

export interface StageKpi {
  met: number;
  missed: number;
  open: number;
  /** met / (met + missed): the judged stages only */
  rate: number | null;
}

export interface SeverityKpi {
  received: number;
  resolved: number;
  resolved_on_time: number;
  /** null: this severity has no escalation stage */
  escalated_on_time: number | null;
  /** null: this severity has no reply stage */
  replied_on_time: number | null;
  median_hours_to_resolve: number | null;
  invalid: number;
  deadlines: Record<Stage, StageKpi | null>;
}

export interface Repeat {
  unit: string;
  category: string;
  count: number;
  ids: string[];
}

export interface RosterGap {
  date: string;
  shift: string;
  staffed: number;
  min_staff: number;
}

export interface StaffKpi {
  staff: string;
  name: string;
  entries_logged: number;
  callbacks_made: number;
  callbacks_completed: number;
  /** callback windows of the period this person's callback fulfilled */
  callbacks_fulfilled: number;
  callbacks_on_time: number;
  on_time_rate: number | null;
  overdue_owned: number;
  handovers_signed: number;
}

export interface KpiReport {
  period: KpiPeriod;
  as_of: string;
  /** the quarter the repeats are counted over */
  quarter: KpiPeriod;
  callbacks: {
    by_kind: Record<SubjectKind, CallbackKindKpi>;
    satisfaction: { responses: number; satisfied: number; rate: number | null; target: number };
    unsatisfied_without_complaint: string[];
  };
  complaints: {
    received: number;
    by_severity: Record<Severity, SeverityKpi>;
    repeat_threshold: number;
    repeats: Repeat[];
  };
  workorders: {
    received: number;
    by_kind: Record<WorkOrderKind, number>;
    responded_within_target: number | null;
    response_minutes: number;
    /** orders whose response is judged (responded, or past their window at T) */
    responses_judged: number;
    responses_within: number;
    median_response_minutes: number | null;
    /** minutes to the first response: ≤5, ≤10, ≤30, ≤60, >60, none yet */
    response_buckets: { le5: number; le10: number; le30: number; le60: number; gt60: number; none: number };
    repeat_threshold: number;
    repeats: Repeat[];
  };
  duty: {
    days: number;
    days_with_log: number;
    handovers: number;
    handovers_complete: number;
    days_reviewed: number;
    roster_gaps: number;
    rates: { days_with_log: number | null; handovers_complete: number | null; days_reviewed: number | null };
    gaps: RosterGap[];
  };
  by_staff?: StaffKpi[];
}

export interface KpiOptions {
  byStaff?: boolean;
}

// ---------------------------------------------------------------------------
// Periods

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;

function lastDayOfMonth(month: string): string {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return addDays(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01`, -1);
}

/** `2026-11` → 2026-11-01 … 2026-11-30; undefined when not a month. */
export function monthPeriod(value: string): KpiPeriod | undefined {
  if (!MONTH.test(value)) return undefined;
  return { from: `${value}-01`, to: lastDayOfMonth(value), label: value };
}

/** `2026-Q4` → 2026-10-01 … 2026-12-31; undefined when not a quarter. */
export function quarterPeriod(value: string): KpiPeriod | undefined {
  const m = QUARTER.exec(value);
  if (!m) return undefined;
  const first = (Number(m[2]) - 1) * 3 + 1;
  const month = (k: number) => `${m[1]}-${String(first + k).padStart(2, '0')}`;
  return { from: `${month(0)}-01`, to: lastDayOfMonth(month(2)), label: value };
}

/** The quarter containing a period's first day (a quarter contains itself). */
export function quarterOf(period: KpiPeriod): KpiPeriod {
  const q = Math.floor((Number(period.from.slice(5, 7)) - 1) / 3) + 1;
  return quarterPeriod(`${period.from.slice(0, 4)}-Q${q}`)!;
}

/** The period of the same length just before: the previous month, or the previous quarter. */
export function previousPeriod(period: KpiPeriod): KpiPeriod {
  const prevDay = addDays(period.from, -1);
  if (QUARTER.test(period.label)) return quarterOf({ from: prevDay, to: prevDay, label: '' });
  return monthPeriod(prevDay.slice(0, 7))!;
}

/** [start, end) instants of a period in the desk's timezone. */
export function periodWindow(period: KpiPeriod, timezone: string): { start: number; end: number } {
  return { start: fromLocal(period.from, '00:00', timezone), end: fromLocal(addDays(period.to, 1), '00:00', timezone) };
}

function datesOf(period: KpiPeriod): string[] {
  const out: string[] = [];
  for (let d = period.from; d <= period.to; d = addDays(d, 1)) out.push(d);
  return out;
}

// ---------------------------------------------------------------------------
// Small arithmetic

/** A fraction rounded to 4 places; null when the denominator is zero (SPEC §6.2). */
export function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const m = s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return Math.round(m * 100) / 100;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

// ---------------------------------------------------------------------------
// The report

export function buildKpiReport(desk: Desk, period: KpiPeriod, asOf: number, options: KpiOptions = {}): KpiReport {
  const { config } = desk;
  const tz = config.timezone;
  const win = periodWindow(period, tz);
  const inPeriod = (t: number) => t >= win.start && t < win.end && t <= asOf;
  const quarter = quarterOf(period);
  const qWin = periodWindow(quarter, tz);
  const inQuarter = (t: number) => t >= qWin.start && t < qWin.end && t <= asOf;

  const { subjects, callbacks } = asOfViews(desk, asOf);
  const windows = subjects.filter((o) => inPeriod(o.from));
  const periodCallbacks = callbacks.filter((c) => inPeriod(toEpoch(c.at)));
  const complaintStates = new Map<string, ComplaintState>();
  const stateOf = (c: Complaint) => {
    let s = complaintStates.get(c.id);
    if (!s) complaintStates.set(c.id, (s = deriveComplaintState(c, config, asOf)));
    return s;
  };
  const received = desk.complaints.map((r) => r.data).filter((c) => inPeriod(toEpoch(c.received_at)));
  const dutyDays = endedDutyDays(desk, period, asOf);

  const report: KpiReport = {
    period: { ...period },
    as_of: formatInstant(asOf, tz),
    quarter,
    callbacks: {
      by_kind: buildCallbackKinds(config, windows),
      satisfaction: buildSatisfaction(config, periodCallbacks),
      unsatisfied_without_complaint: unsatisfiedWithoutComplaint(desk, periodCallbacks, asOf),
    },
    complaints: {
      received: received.length,
      by_severity: buildSeverities(config, received, stateOf),
      repeat_threshold: config.kpi.repeat_complaints,
      repeats: complaintRepeats(desk, inQuarter, stateOf),
    },
    workorders: buildWorkOrders(desk, inPeriod, inQuarter, asOf),
    duty: buildDutyKpi(desk, dutyDays, asOf),
  };
  if (options.byStaff) report.by_staff = buildStaffKpi(desk, period, windows, periodCallbacks, received, stateOf, dutyDays, asOf);
  return report;
}

const views = new WeakMap<Desk, { asOf: number; subjects: readonly Obligation[]; callbacks: readonly Callback[] }>();

/**
 * Every callback window and every callback as of T: the same for a report and the earlier
 * periods of its trend (one T), so worked out once per desk and T — on a three-year desk
 * each is a few hundred thousand objects. Read-only for the callers.
 */
function asOfViews(desk: Desk, asOf: number): { subjects: readonly Obligation[]; callbacks: readonly Callback[] } {
  const known = views.get(desk);
  if (known?.asOf === asOf) return known;
  const view = { asOf, subjects: deriveCallbackSubjects(desk, asOf), callbacks: allCallbacks(desk, asOf) };
  views.set(desk, view);
  return view;
}

function allCallbacks(desk: Pick<Desk, 'callbackMonths'>, asOf: number): Callback[] {
  const out: Callback[] = [];
  for (const m of desk.callbackMonths) for (const item of m.data.callbacks) if (item.type === 'callback' && toEpoch(item.at) <= asOf) out.push(item);
  return out.sort((a, b) => toEpoch(a.at) - toEpoch(b.at) || (a.id < b.id ? -1 : 1));
}

/**
 * SPEC §6.2 callbacks.by_kind: closed = windows counting from an instant in the period
 * (up to T); done = of those, fulfilled by T — a callback made after the period ended but
 * before T counts; on_time = fulfilled at or before the window's due.
 */
function buildCallbackKinds(config: Config, windows: Obligation[]): Record<SubjectKind, CallbackKindKpi> {
  const out = {} as Record<SubjectKind, CallbackKindKpi>;
  for (const kind of SUBJECT_KINDS) {
    const mine = windows.filter((o) => o.kind === kind);
    const done = mine.filter((o) => o.fulfilledBy);
    const onTime = done.filter((o) => toEpoch(o.fulfilledBy!.at) <= o.due);
    out[kind] = {
      closed: mine.length,
      obligations: mine.filter((o) => o.owed).length,
      done: done.length,
      on_time: onTime.length,
      rate: rate(done.length, mine.length),
      on_time_rate: rate(onTime.length, done.length),
      // repair: the repair row's rate; its category rows keep it unless kefu.yaml overrides them
      target: config.callbacks[kind].rate,
    };
  }
  return out;
}

/**
 * responses = completed callbacks timed in the period (seed 004 标准 6); satisfied = those
 * whose level is one of kpi.satisfied_levels. A completed callback with no level recorded
 * is a response that is not counted satisfied.
 */
function buildSatisfaction(config: Config, periodCallbacks: Callback[]): KpiReport['callbacks']['satisfaction'] {
  const responses = periodCallbacks.filter((c) => c.outcome === 'completed');
  const satisfied = responses.filter((c) => c.satisfaction !== undefined && config.kpi.satisfied_levels.includes(c.satisfaction));
  return { responses: responses.length, satisfied: satisfied.length, rate: rate(satisfied.length, responses.length), target: config.kpi.satisfaction_target };
}

/**
 * Dissatisfied callbacks of the period not escalated to a complaint (seed 002 篇2 §4.5):
 * no `escalated_to`, or one naming no complaint received by T.
 */
function unsatisfiedWithoutComplaint(desk: Desk, periodCallbacks: Callback[], asOf: number): string[] {
  const known = new Set(desk.complaints.filter((c) => toEpoch(c.data.received_at) <= asOf).map((c) => c.data.id));
  return periodCallbacks
    .filter((c) => c.satisfaction !== undefined && UNSATISFIED.includes(c.satisfaction) && !(c.escalated_to && known.has(c.escalated_to)))
    .map((c) => c.id);
}

function buildSeverities(config: Config, received: Complaint[], stateOf: (c: Complaint) => ComplaintState): Record<Severity, SeverityKpi> {
  const out = {} as Record<Severity, SeverityKpi>;
  for (const severity of SEVERITIES) {
    const rule = config.complaints[severity];
    const mine = received.filter((c) => stateOf(c).severity === severity);
    const stage = (name: Stage): StageKpi | null => {
      if (name === 'escalate' && !rule.escalate) return null;
      if (name === 'reply' && !rule.reply) return null;
      const ds = mine.map((c) => stateOf(c).deadlines.find((d) => d.stage === name)).filter((d) => d !== undefined);
      const met = ds.filter((d) => d.status === 'met').length;
      const missed = ds.filter((d) => d.status === 'missed').length;
      return { met, missed, open: ds.filter((d) => d.status === 'open').length, rate: rate(met, met + missed) };
    };
    const deadlines = { escalate: stage('escalate'), reply: stage('reply'), resolve: stage('resolve') };
    const resolved = mine.filter((c) => stateOf(c).status === 'resolved');
    out[severity] = {
      received: mine.length,
      resolved: resolved.length,
      resolved_on_time: deadlines.resolve!.met,
      escalated_on_time: deadlines.escalate ? deadlines.escalate.met : null,
      replied_on_time: deadlines.reply ? deadlines.reply.met : null,
      // from received_at to the resolution in force (a reopened complaint: its last resolution)
      median_hours_to_resolve: median(resolved.map((c) => (stateOf(c).resolvedAt! - toEpoch(c.received_at)) / HOUR)),
      invalid: mine.filter((c) => stateOf(c).invalid).length,
      deadlines,
    };
  }
  return out;
}

/** Same unit + category at least `threshold` times; ids in time order; most repeated first. */
function groupRepeats(items: { id: string; unit?: string; category?: string; at: number }[], threshold: number): Repeat[] {
  const groups = new Map<string, { unit: string; category: string; items: { id: string; at: number }[] }>();
  for (const it of items) {
    if (!it.unit || !it.category) continue;
    const key = `${it.unit}\u0000${it.category}`;
    const g = groups.get(key) ?? { unit: it.unit, category: it.category, items: [] };
    g.items.push({ id: it.id, at: it.at });
    groups.set(key, g);
  }
  return [...groups.values()]
    .filter((g) => g.items.length >= threshold)
    .map((g) => ({ unit: g.unit, category: g.category, count: g.items.length, ids: g.items.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1)).map((x) => x.id) }))
    .sort((a, b) => b.count - a.count || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : a.category < b.category ? -1 : 1));
}

/** seed 002 篇2 §4.6 "连续就同一事项投诉两次以上": invalid complaints are not complaints about the service. */
function complaintRepeats(desk: Desk, inQuarter: (t: number) => boolean, stateOf: (c: Complaint) => ComplaintState): Repeat[] {
  const items = desk.complaints
    .map((r) => r.data)
    .filter((c) => inQuarter(toEpoch(c.received_at)) && !stateOf(c).invalid)
    .map((c) => ({ id: c.id, category: c.category, at: toEpoch(c.received_at), ...(c.complainant.unit ? { unit: c.complainant.unit } : {}) }));
  return groupRepeats(items, desk.config.kpi.repeat_complaints);
}

function buildWorkOrders(desk: Desk, inPeriod: (t: number) => boolean, inQuarter: (t: number) => boolean, asOf: number): KpiReport['workorders'] {
  const { kpi } = desk.config;
  const received = desk.workOrders.map((r) => r.data).filter((wo) => inPeriod(toEpoch(wo.received_at)));
  const byKind = {} as Record<WorkOrderKind, number>;
  for (const k of WORK_ORDER_KINDS) byKind[k] = received.filter((wo) => wo.kind === k).length;

  // seed 004 标准 2: a response within response_minutes of receipt; only `responded` counts
  const limit = kpi.response_minutes * MINUTE;
  const buckets = { le5: 0, le10: 0, le30: 0, le60: 0, gt60: 0, none: 0 };
  const minutes: number[] = [];
  let judged = 0;
  let within = 0;
  for (const wo of received) {
    const at = toEpoch(wo.received_at);
    const respondedAt = deriveWorkOrderState(wo, asOf).respondedAt;
    if (respondedAt === undefined) {
      buckets.none++;
      if (asOf > at + limit) judged++; // past its window, unanswered: judged, not within
      continue;
    }
    const delay = respondedAt - at;
    judged++;
    if (delay <= limit) within++;
    minutes.push(delay / MINUTE);
    if (delay <= 5 * MINUTE) buckets.le5++;
    else if (delay <= 10 * MINUTE) buckets.le10++;
    else if (delay <= 30 * MINUTE) buckets.le30++;
    else if (delay <= 60 * MINUTE) buckets.le60++;
    else buckets.gt60++;
  }

  // seed 002 篇2 §4.6 "同一种维修三次以上": repairs of the quarter, not cancelled by T
  const repairs = desk.workOrders
    .map((r) => r.data)
    .filter((wo) => wo.kind === 'repair' && inQuarter(toEpoch(wo.received_at)) && deriveWorkOrderState(wo, asOf).status !== 'cancelled')
    .map((wo: WorkOrder) => ({ id: wo.id, at: toEpoch(wo.received_at), ...(wo.category ? { category: wo.category } : {}), ...(wo.requester.unit ? { unit: wo.requester.unit } : {}) }));

  return {
    received: received.length,
    by_kind: byKind,
    responded_within_target: rate(within, judged),
    response_minutes: kpi.response_minutes,
    responses_judged: judged,
    responses_within: within,
    median_response_minutes: median(minutes),
    response_buckets: buckets,
    repeat_threshold: kpi.repeat_repairs,
    repeats: groupRepeats(repairs, kpi.repeat_repairs),
  };
}

// ---------------------------------------------------------------------------
// Duty

interface DutyDayView {
  date: string;
  /** the day's items timed up to T, or undefined when the desk has no file for it */
  items?: Desk['dutyDays'][number]['data']['log'];
}

/** The period's duty days that have ended by T (a duty day runs from duty_day_start to the next day's, seed 000 §4.1.2). */
function endedDutyDays(desk: Desk, period: KpiPeriod, asOf: number): DutyDayView[] {
  const files = new Map<string, Desk['dutyDays'][number]['data']['log']>();
  for (const d of desk.dutyDays) {
    const list = files.get(d.data.date) ?? [];
    list.push(...d.data.log.filter((i) => toEpoch(i.at) <= asOf));
    files.set(d.data.date, list);
  }
  return datesOf(period)
    .filter((date) => dutyDayWindow(date, desk.config).end <= asOf)
    .map((date) => (files.has(date) ? { date, items: files.get(date)! } : { date }));
}

/**
 * A complete handover (seed 000 §4.2, SPEC §5.4): every item of kefu.yaml's checklist is
 * listed and either counted at its configured count (and at the handover's own expected
 * count) or its shortfall is noted, and both signed by T. Open entries carried over are
 * not judged here (the handover command enforces them when it is written).
 */
export function isHandoverComplete(h: Handover, config: Pick<Config, 'handover'>, asOf: number): boolean {
  const checklistOk = config.handover.checklist.every((want) => {
    const got = h.checklist.find((c) => c.item === want.item);
    if (!got) return false;
    return (got.counted >= want.count && got.counted >= got.expected) || got.note !== undefined;
  });
  return checklistOk && toEpoch(h.signed.outgoing) <= asOf && toEpoch(h.signed.incoming) <= asOf;
}

/**
 * days_with_log: a file for the day with at least one item; days_reviewed: a supervisor's
 * `review` in the day's file by T (seed 000 §4.3); handovers: the `handover` items of those
 * days; roster_gaps: shift-days of kefu.yaml's shifts with fewer than min_staff people of an
 * eligible role, not on leave, on the desk's rosters (approved changes made by T applied; a
 * day without a roster has nobody).
 */
function buildDutyKpi(desk: Desk, days: DutyDayView[], asOf: number): KpiReport['duty'] {
  const handovers = days.flatMap((d) => (d.items ?? []).filter((i): i is Handover => i.type === 'handover'));
  const complete = handovers.filter((h) => isHandoverComplete(h, desk.config, asOf)).length;
  const withLog = days.filter((d) => d.items && d.items.length > 0).length;
  const reviewed = days.filter((d) => (d.items ?? []).some((i) => i.type === 'review')).length;
  const gaps = rosterGaps(desk, days.map((d) => d.date), asOf);
  return {
    days: days.length,
    days_with_log: withLog,
    handovers: handovers.length,
    handovers_complete: complete,
    days_reviewed: reviewed,
    roster_gaps: gaps.length,
    rates: { days_with_log: rate(withLog, days.length), handovers_complete: rate(complete, handovers.length), days_reviewed: rate(reviewed, days.length) },
    gaps,
  };
}

function rosterGaps(desk: Desk, dates: string[], asOf: number): RosterGap[] {
  const staff = new Map(desk.staff.map((s) => [s.id, s]));
  const slots = new Map<string, string[]>();
  for (const r of desk.rosters) {
    if (r.data.team && r.data.team !== 'desk') continue;
    const roster: Roster = { ...r.data, changes: (r.data.changes ?? []).filter((c) => toEpoch(c.at) <= asOf) };
    for (const a of effectiveAssignments(roster)) {
      const key = `${a.date}#${a.shift}`;
      slots.set(key, [...(slots.get(key) ?? []), ...a.staff]);
    }
  }
  const gaps: RosterGap[] = [];
  for (const date of dates) {
    for (const shift of desk.config.shifts) {
      const people = new Set(slots.get(`${date}#${shift.id}`) ?? []);
      // an unknown id still counts when staff.yaml is unreadable (that is reported elsewhere)
      const staffed = [...people].filter((id) => {
        const m = staff.get(id);
        if (!m) return !desk.staffKnown;
        return m.roles.some((r) => shift.roles.includes(r)) && !isOnLeave(m, date);
      }).length;
      if (staffed < shift.min_staff) gaps.push({ date, shift: shift.id, staffed, min_staff: shift.min_staff });
    }
  }
  return gaps;
}

// ---------------------------------------------------------------------------
// Per staff (issue 6 item 4)

/**
 * entries_logged: duty entries (as corrected) timed in the period, by who logged them;
 * callbacks_made: callback attempts of any outcome in the period; callbacks_fulfilled /
 * on_time: the period's callback windows this person's callback fulfilled, and of those
 * the ones made by the due; overdue_owned: callback windows of the period overdue at T
 * and planned to them, plus complaint deadlines of the period's complaints assigned to them
 * that are past due and not done at T; handovers_signed: handovers of the period's ended
 * duty days they signed, outgoing or incoming.
 */
function buildStaffKpi(
  desk: Desk, period: KpiPeriod, windows: Obligation[], periodCallbacks: Callback[], received: Complaint[],
  stateOf: (c: Complaint) => ComplaintState, days: DutyDayView[], asOf: number,
): StaffKpi[] {
  const win = periodWindow(period, desk.config.timezone);
  const blank = (): Omit<StaffKpi, 'staff' | 'name' | 'on_time_rate'> => ({ entries_logged: 0, callbacks_made: 0, callbacks_completed: 0, callbacks_fulfilled: 0, callbacks_on_time: 0, overdue_owned: 0, handovers_signed: 0 });
  const rows = new Map<string, ReturnType<typeof blank>>();
  const row = (id: string) => {
    let r = rows.get(id);
    if (!r) rows.set(id, (r = blank()));
    return r;
  };
  for (const e of deriveEntries(desk, asOf).values()) {
    const t = toEpoch(e.entry.at);
    if (t >= win.start && t < win.end && t <= asOf) row(e.entry.by).entries_logged++;
  }
  for (const c of periodCallbacks) {
    row(c.by).callbacks_made++;
    if (c.outcome === 'completed') row(c.by).callbacks_completed++;
  }
  for (const o of windows) {
    if (o.fulfilledBy) {
      const r = row(o.fulfilledBy.by);
      r.callbacks_fulfilled++;
      if (toEpoch(o.fulfilledBy.at) <= o.due) r.callbacks_on_time++;
    }
    if (o.overdue && o.assignee) row(o.assignee).overdue_owned++;
  }
  for (const c of received) {
    const s = stateOf(c);
    if (!s.assignee) continue;
    for (const d of s.deadlines) if (d.doneAt === undefined && asOf > d.due) row(s.assignee).overdue_owned++;
  }
  for (const d of days) {
    for (const i of d.items ?? []) {
      if (i.type !== 'handover') continue;
      row(i.from).handovers_signed++;
      if (i.to !== i.from) row(i.to).handovers_signed++;
    }
  }
  const names = new Map(desk.staff.map((s) => [s.id, s.name]));
  return [...rows.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([staff, r]) => ({ staff, name: names.get(staff) ?? '', ...r, on_time_rate: rate(r.callbacks_on_time, r.callbacks_fulfilled) }));
}

// ---------------------------------------------------------------------------
// Trend: the same figures for the previous periods present in the desk

/** Whether the desk holds any record dated in the period (a duty day, complaint, work order or callback). */
export function periodHasRecords(desk: Desk, period: KpiPeriod, asOf: number): boolean {
  const win = periodWindow(period, desk.config.timezone);
  const inIt = (t: number) => t >= win.start && t < win.end && t <= asOf;
  return (
    desk.dutyDays.some((d) => d.data.date >= period.from && d.data.date <= period.to) ||
    desk.complaints.some((c) => inIt(toEpoch(c.data.received_at))) ||
    desk.workOrders.some((w) => inIt(toEpoch(w.data.received_at))) ||
    desk.callbackMonths.some((m) => m.data.callbacks.some((c) => inIt(toEpoch(c.at))))
  );
}

export interface TrendPoint {
  period: KpiPeriod;
  figures: Record<string, number | null>;
}

/** Up to `count` previous periods that have records, oldest first, each judged as of the same T. */
export function buildKpiTrend(desk: Desk, period: KpiPeriod, asOf: number, count = 2): TrendPoint[] {
  const out: TrendPoint[] = [];
  let p = period;
  for (let k = 0; k < count; k++) {
    p = previousPeriod(p);
    if (!periodHasRecords(desk, p, asOf)) continue;
    out.unshift({ period: p, figures: kpiFigures(buildKpiReport(desk, p, asOf)) });
  }
  return out;
}

/** The headline figures of a report, by a dotted key: what the table and trend compare. */
export function kpiFigures(r: KpiReport): Record<string, number | null> {
  const f: Record<string, number | null> = {};
  for (const kind of SUBJECT_KINDS) {
    f[`callbacks.by_kind.${kind}.rate`] = r.callbacks.by_kind[kind].rate;
    f[`callbacks.by_kind.${kind}.on_time_rate`] = r.callbacks.by_kind[kind].on_time_rate;
  }
  f['callbacks.satisfaction.rate'] = r.callbacks.satisfaction.rate;
  f['complaints.received'] = r.complaints.received;
  for (const s of SEVERITIES) {
    for (const stage of ['escalate', 'reply', 'resolve'] as const) {
      const d = r.complaints.by_severity[s].deadlines[stage];
      if (d) f[`complaints.by_severity.${s}.deadlines.${stage}.rate`] = d.rate;
    }
    f[`complaints.by_severity.${s}.median_hours_to_resolve`] = r.complaints.by_severity[s].median_hours_to_resolve;
  }
  f['workorders.received'] = r.workorders.received;
  f['workorders.responded_within_target'] = r.workorders.responded_within_target;
  f['duty.rates.days_with_log'] = r.duty.rates.days_with_log;
  f['duty.rates.handovers_complete'] = r.duty.rates.handovers_complete;
  f['duty.rates.days_reviewed'] = r.duty.rates.days_reviewed;
  f['duty.roster_gaps'] = r.duty.roster_gaps;
  return f;
}
