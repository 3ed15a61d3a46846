// The quarterly analysis (seed 002 篇2 §4.6): at each quarter's end the clerk writes up the
// callbacks that failed (回访不合格) and what was done about them, the matters complained
// about repeatedly (same unit + category ≥ kpi.repeat_complaints) and the repairs done
// repeatedly (≥ kpi.repeat_repairs), with the records behind each line, for the supervisor
// to check and the manager to decide on corrective action. Pure: (desk, quarter, asOf, mask)
// → data. The repeat rules are the KPI report's (kpi.ts), not repeated here.
import { deriveComplaintState } from '../complaints.js';
import type { Desk } from '../desk.js';
import { maskPhone, masker } from '../privacy.js';
import { UNSATISFIED, type Callback } from '../records/callback-month.js';
import type { Complaint } from '../records/complaint.js';
import type { WorkOrder } from '../records/work-order.js';
import { deriveWorkOrderState } from '../work-orders.js';
import { formatInstant, toEpoch } from '../time.js';
import { buildKpiReport, periodWindow, type KpiPeriod } from './kpi.js';

export interface EscalationState {
  id: string;
  /** false when escalated_to names no complaint known at T */
  found: boolean;
  status?: 'open' | 'resolved' | 'invalid';
  severity?: string;
  summary?: string;
  assignee?: string;
  department?: string;
  resolved_at?: string;
  /** the result of the resolution in force */
  result?: string;
}

export interface UnsatisfiedLine {
  callback: string;
  at: string;
  by: string;
  subject: string;
  subject_kind: string;
  category?: string;
  unit?: string;
  satisfaction: string;
  shortcomings?: string;
  suggestions?: string;
  escalated_to?: EscalationState;
  /** the supervisor's reviews of this callback (seed 002 篇2 §4.5) */
  reviews: { at: string; by: string; comment?: string }[];
  /** resolved: the escalated complaint is resolved; open: escalated, not yet; none: not escalated */
  handled: 'resolved' | 'open' | 'none';
}

export interface RepeatedComplaint {
  unit: string;
  category: string;
  count: number;
  records: { id: string; received_at: string; severity: string; status: string; summary: string; complainant?: string; department?: string }[];
}

export interface RepeatedRepair {
  unit: string;
  category: string;
  count: number;
  records: { id: string; received_at: string; item: string; status: string; completed_at?: string; assignee?: string; callback?: { id: string; satisfaction?: string } }[];
}

export interface AnalysisReport {
  period: KpiPeriod;
  as_of: string;
  summary: {
    callbacks: number;
    completed: number;
    unsatisfied: number;
    satisfaction_rate: number | null;
    complaints_received: number;
    repairs_received: number;
  };
  thresholds: { complaints: number; repairs: number };
  unsatisfied: UnsatisfiedLine[];
  repeated_complaints: RepeatedComplaint[];
  repeated_repairs: RepeatedRepair[];
}

/** Mobile numbers typed into free text are personal data too (SPEC §2): masked like the phone fields. */
export function maskPhonesInText(text: string): string {
  return text.replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, (m) => maskPhone(m));
}

/** `reveal`: --reveal, residents' names and phone numbers unmasked (SPEC §2). */
export function buildAnalysisReport(desk: Desk, quarter: KpiPeriod, asOf: number, options: { reveal: boolean }): AnalysisReport {
  const mask = masker(options.reveal);
  const { config } = desk;
  const tz = config.timezone;
  const win = periodWindow(quarter, tz);
  const inQuarter = (t: number) => t >= win.start && t < win.end && t <= asOf;
  const kpi = buildKpiReport(desk, quarter, asOf);
  const free = (s: string | undefined) => (s === undefined || options.reveal ? s : maskPhonesInText(s));
  const at = (t: number) => formatInstant(t, tz);

  const complaints = new Map<string, Complaint>();
  for (const c of desk.complaints) if (toEpoch(c.data.received_at) <= asOf) complaints.set(c.data.id, c.data);
  const workOrders = new Map<string, WorkOrder>();
  for (const w of desk.workOrders) if (toEpoch(w.data.received_at) <= asOf) workOrders.set(w.data.id, w.data);

  const callbacks: Callback[] = [];
  const reviews = new Map<string, { at: string; by: string; comment?: string }[]>();
  for (const m of desk.callbackMonths) {
    for (const item of m.data.callbacks) {
      if (toEpoch(item.at) > asOf) continue;
      if (item.type === 'callback' && inQuarter(toEpoch(item.at))) callbacks.push(item);
      if (item.type === 'review') reviews.set(item.callback, [...(reviews.get(item.callback) ?? []), { at: at(toEpoch(item.at)), by: item.by, ...(item.comment ? { comment: free(item.comment)! } : {}) }]);
    }
  }
  callbacks.sort((a, b) => toEpoch(a.at) - toEpoch(b.at) || (a.id < b.id ? -1 : 1));

  const escalation = (id: string): EscalationState => {
    const c = complaints.get(id);
    if (!c) return { id, found: false };
    const s = deriveComplaintState(c, config, asOf);
    const resolution = s.resolvedAt !== undefined ? [...c.events].reverse().find((e) => e.type === 'resolved' && toEpoch(e.at) === s.resolvedAt) : undefined;
    const result = resolution?.type === 'resolved' ? resolution.result : undefined;
    return {
      id, found: true, status: s.status, severity: s.severity, summary: free(c.summary)!,
      ...(s.assignee ? { assignee: s.assignee } : {}),
      ...(s.department ? { department: s.department } : {}),
      ...(s.resolvedAt !== undefined ? { resolved_at: at(s.resolvedAt) } : {}),
      ...(result ? { result: free(result)! } : {}),
    };
  };

  const unsatisfied: UnsatisfiedLine[] = callbacks
    .filter((c) => c.satisfaction !== undefined && UNSATISFIED.includes(c.satisfaction))
    .map((c) => {
      const subject = complaints.get(c.subject);
      const wo = workOrders.get(c.subject);
      const unit = subject?.complainant.unit ?? wo?.requester.unit;
      const category = subject?.category ?? wo?.category;
      const esc = c.escalated_to ? escalation(c.escalated_to) : undefined;
      return {
        callback: c.id, at: at(toEpoch(c.at)), by: c.by, subject: c.subject,
        subject_kind: subject ? 'complaint' : (wo?.kind ?? (c.subject.startsWith('TS-') ? 'complaint' : 'workorder')),
        ...(category ? { category } : {}),
        ...(unit ? { unit } : {}),
        satisfaction: c.satisfaction!,
        ...(c.shortcomings ? { shortcomings: free(c.shortcomings)! } : {}),
        ...(c.suggestions ? { suggestions: free(c.suggestions)! } : {}),
        ...(esc ? { escalated_to: esc } : {}),
        reviews: reviews.get(c.id) ?? [],
        handled: esc?.status === 'resolved' ? 'resolved' : esc?.found ? 'open' : 'none',
      };
    });

  const repeatedComplaints: RepeatedComplaint[] = kpi.complaints.repeats.map((r) => ({
    unit: r.unit, category: r.category, count: r.count,
    records: r.ids.map((id) => {
      const c = complaints.get(id)!;
      const s = deriveComplaintState(c, config, asOf);
      const name = mask.name(c.complainant.name);
      return {
        id, received_at: at(toEpoch(c.received_at)), severity: s.severity, status: s.status, summary: free(c.summary)!,
        ...(name ? { complainant: name } : {}),
        ...(s.department ? { department: s.department } : {}),
      };
    }),
  }));

  // the last completed callback on each subject, to show how the resident judged each repair
  const lastCallback = new Map<string, Callback>();
  for (const m of desk.callbackMonths) {
    for (const item of m.data.callbacks) {
      if (item.type !== 'callback' || item.outcome !== 'completed' || toEpoch(item.at) > asOf) continue;
      const prev = lastCallback.get(item.subject);
      if (!prev || toEpoch(prev.at) <= toEpoch(item.at)) lastCallback.set(item.subject, item);
    }
  }
  const repeatedRepairs: RepeatedRepair[] = kpi.workorders.repeats.map((r) => ({
    unit: r.unit, category: r.category, count: r.count,
    records: r.ids.map((id) => {
      const wo = workOrders.get(id)!;
      const s = deriveWorkOrderState(wo, asOf);
      const cb = lastCallback.get(id);
      return {
        id, received_at: at(toEpoch(wo.received_at)), item: free(wo.item)!, status: s.status,
        ...(s.completedAt !== undefined ? { completed_at: at(s.completedAt) } : {}),
        ...(s.assignee ? { assignee: s.assignee } : {}),
        ...(cb ? { callback: { id: cb.id, ...(cb.satisfaction ? { satisfaction: cb.satisfaction } : {}) } } : {}),
      };
    }),
  }));

  return {
    period: quarter,
    as_of: at(asOf),
    summary: {
      callbacks: callbacks.length,
      completed: kpi.callbacks.satisfaction.responses,
      unsatisfied: unsatisfied.length,
      satisfaction_rate: kpi.callbacks.satisfaction.rate,
      complaints_received: kpi.complaints.received,
      repairs_received: kpi.workorders.by_kind.repair,
    },
    thresholds: { complaints: config.kpi.repeat_complaints, repairs: config.kpi.repeat_repairs },
    unsatisfied,
    repeated_complaints: repeatedComplaints,
    repeated_repairs: repeatedRepairs,
  };
}
