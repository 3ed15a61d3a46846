// The cron job's report (SPEC §6.1): overdue and soon-due callbacks, overdue
// complaint stages, and the month's callback quota for kinds below 100%. Pure:
// (desk, asOf) → basis → data; rendering is elsewhere.
import { contractCheckpoints, deriveCallbackSubjects } from '../callbacks.js';
import { deriveComplaintState } from '../complaints.js';
import type { Desk } from '../desk.js';
import { onDutyAt } from '../shifts.js';
import { formatInstant, localDateOf, toEpoch } from '../time.js';

export interface OverdueCallback {
  subject: string;
  kind: string;
  category?: string;
  checkpoint?: 'midterm' | 'end';
  due: string;
  overdue_days: number;
  unit?: string;
  assignee?: string;
  on_duty: string[];
}

export interface DueSoonCallback {
  subject: string;
  kind: string;
  category?: string;
  checkpoint?: 'midterm' | 'end';
  due: string;
  unit?: string;
  assignee?: string;
}

export interface OverdueComplaint {
  id: string;
  severity: string;
  stage: string;
  due: string;
  overdue_days: number;
  unit?: string;
  on_duty: string[];
}

export interface QuotaLine {
  kind: string;
  month: string;
  closed: number;
  done: number;
  target: number;
  needed: number;
  suggest: string[];
}

export interface OverdueReport {
  as_of: string;
  callbacks: { overdue: OverdueCallback[]; due_soon: DueSoonCallback[] };
  complaints: { overdue: OverdueComplaint[] };
  quota: QuotaLine[];
}

const DAY = 86_400_000;

function daysBetween(fromDate: string, toDate: string): number {
  return Math.round((Date.parse(toDate) - Date.parse(fromDate)) / DAY);
}

/**
 * What the report is made of, worked out from the records: the callbacks owed and not
 * made, the complaint stages not done, and the quota's subjects of the months a report can
 * still be about. It holds — gives the report the records give — for every asOf in
 * [from, until): no record tells of an instant in between, so they read the same as of any
 * of them. Past the desk's latest recorded instant it is worked out as of the end of time
 * and holds from that instant on, for good; the CLI keeps it by the content of the files
 * it came from (issue 7: a warm cron run reads no record).
 */
export interface OverdueBasis {
  timezone: string;
  /** the first instant it holds for */
  from: number;
  /** the first instant it no longer holds for (a record's instant; Infinity for none) */
  until: number;
  /** owed callbacks not made, each with who was on duty when it fell due */
  open: OpenCallback[];
  /** complaint stages not done (of complaints received by then) */
  stages: OpenStage[];
  /** subjects of the kinds below 100% (SPEC §5.3) whose callback counts from `from`'s month or later */
  quota: QuotaSubject[];
}

interface OpenCallback {
  subject: string;
  kind: string;
  category?: string | undefined;
  checkpoint?: 'midterm' | 'end' | undefined;
  from: number;
  due: number;
  unit?: string | undefined;
  assignee?: string | undefined;
  onDuty: string[];
}

interface OpenStage {
  id: string;
  severity: string;
  stage: string;
  due: number;
  unit?: string | undefined;
  onDuty: string[];
}

interface QuotaSubject {
  subject: string;
  kind: string;
  /** the local month (YYYY-MM) of `from` */
  month: string;
  from: number;
  target: number;
  done: boolean;
  planned: boolean;
  /** how many work orders the subject's unit has (units with repeat trouble are suggested first) */
  unitCount: number;
}

export function buildOverdueReport(desk: Desk, asOf: number): OverdueReport {
  return overdueFromBasis(overdueBasis(desk, asOf), asOf);
}

/**
 * Whether `value` has the shape of a basis (one kept by the CLI is checksummed and made by
 * this very kefu, so this guards against a bug, not against tampering).
 */
export function isOverdueBasis(value: unknown): value is OverdueBasis {
  if (typeof value !== 'object' || value === null) return false;
  const b = value as Partial<Record<keyof OverdueBasis, unknown>>;
  return typeof b.timezone === 'string' && typeof b.from === 'number' && typeof b.until === 'number' && Array.isArray(b.open) && Array.isArray(b.stages) && Array.isArray(b.quota);
}

/** Whether `basis` gives the report as of `asOf`. */
export function basisHolds(basis: OverdueBasis, asOf: number): boolean {
  return basis.from <= asOf && asOf < basis.until;
}

/**
 * The basis that holds for `asOf` and as long after it as it can: from the desk's latest
 * recorded instant on, the one worked out as of the end of time; before it, the one as
 * of `asOf`, until the next instant a record tells of or a special service's checkpoint
 * falls on (tests/domain/overdue-basis.test.ts compares
 * both with the report worked out straight from the records).
 */
export function overdueBasis(desk: Desk, asOf: number): OverdueBasis {
  const { recorded, checkpoints } = instantsOf(desk);
  let latest = -Infinity;
  let next = Infinity;
  for (const t of recorded) {
    if (t > latest) latest = t;
    if (t > asOf && t < next) next = t;
  }
  // past every record: checkpoints after asOf are weighed in the report itself (their `from`)
  if (asOf >= latest) return basisAt(desk, Infinity, latest, Infinity);
  for (const t of checkpoints) if (t > asOf && t < next) next = t;
  return basisAt(desk, asOf, asOf, next);
}

/** The basis as the records read as of `at` (Infinity: the end of time), said to hold for [from, until). */
function basisAt(desk: Desk, at: number, from: number, until: number): OverdueBasis {
  const tz = desk.config.timezone;
  const onDuty = (due: number) => [...new Set(onDutyAt(desk, due).flatMap((d) => d.staff))];
  const subjects = deriveCallbackSubjects(desk, at);
  const open: OpenCallback[] = subjects
    .filter((o) => o.owed && !o.fulfilledBy)
    .map((o) => ({ subject: o.subject, kind: o.kind, category: o.category, checkpoint: o.checkpoint, from: o.from, due: o.due, unit: o.unit, assignee: o.assignee, onDuty: onDuty(o.due) }));

  const stages: OpenStage[] = [];
  for (const { data: c } of desk.complaints) {
    if (Date.parse(c.received_at) > at) continue;
    const state = deriveComplaintState(c, desk.config, at);
    for (const d of state.deadlines) {
      if (d.doneAt !== undefined) continue;
      stages.push({ id: c.id, severity: state.severity, stage: d.stage, due: d.due, unit: c.complainant.unit || undefined, onDuty: onDuty(d.due) });
    }
  }

  // a report is about the month of its asOf: none before `from`'s
  const firstMonth = Number.isFinite(from) ? localDateOf(from, tz).slice(0, 7) : '';
  const unitCounts = new Map<string, number>();
  for (const { data } of desk.workOrders) if (data.requester.unit) unitCounts.set(data.requester.unit, (unitCounts.get(data.requester.unit) ?? 0) + 1);
  const quota: QuotaSubject[] = [];
  for (const o of subjects) {
    if (!(o.rule.rate > 0 && o.rule.rate < 1)) continue;
    const month = localDateOf(o.from, tz).slice(0, 7);
    if (month < firstMonth) continue;
    quota.push({ subject: o.subject, kind: o.kind, month, from: o.from, target: o.rule.rate, done: o.fulfilledBy !== undefined, planned: o.planned, unitCount: unitCounts.get(o.unit ?? '') ?? 0 });
  }
  return { timezone: tz, from, until, open, stages, quota };
}

/**
 * Every instant the report's records weigh against asOf: a complaint's receipt, every
 * complaint and work-order event, every callback-log item; and apart, a special service's
 * checkpoints (its contract's midpoint and end, from which its callbacks count). Between
 * two of them the records read the same as of any instant.
 */
function instantsOf(desk: Desk): { recorded: number[]; checkpoints: number[] } {
  const recorded: number[] = [];
  const checkpoints: number[] = [];
  const tz = desk.config.timezone;
  for (const { data: c } of desk.complaints) {
    recorded.push(toEpoch(c.received_at));
    for (const e of c.events) recorded.push(toEpoch(e.at));
  }
  for (const { data: wo } of desk.workOrders) {
    for (const e of wo.events) recorded.push(toEpoch(e.at));
    if (wo.kind === 'special_service' && wo.contract) for (const c of contractCheckpoints(wo.contract, tz)) checkpoints.push(c.from);
  }
  for (const { data: m } of desk.callbackMonths) for (const item of m.callbacks) recorded.push(toEpoch(item.at));
  return { recorded, checkpoints }; // an unreadable instant (NaN) compares false: passed over
}

/** The report (SPEC §6.1) as of `asOf` from a basis that holds for it (basisHolds). */
export function overdueFromBasis(basis: OverdueBasis, asOf: number): OverdueReport {
  const tz = basis.timezone;
  const today = localDateOf(asOf, tz);
  const byDue = <T extends { due: string; subject?: string; id?: string }>(a: T, b: T) =>
    Date.parse(a.due) - Date.parse(b.due) || ((a.subject ?? a.id ?? '') < (b.subject ?? b.id ?? '') ? -1 : 1);
  // a special service's checkpoint counts from a contract date, which may be after asOf
  const owed = basis.open.filter((o) => !(o.from > asOf)); // (an unreadable instant, NaN, is kept, as the records are)
  const common = (o: OpenCallback) => ({
    subject: o.subject,
    kind: o.kind,
    ...(o.category ? { category: o.category } : {}),
    ...(o.checkpoint ? { checkpoint: o.checkpoint } : {}),
    due: formatInstant(o.due, tz),
  });
  const overdue = owed.filter((o) => asOf > o.due).map((o) => ({
    ...common(o),
    overdue_days: daysBetween(localDateOf(o.due, tz), today),
    ...(o.unit ? { unit: o.unit } : {}),
    ...(o.assignee ? { assignee: o.assignee } : {}),
    on_duty: o.onDuty,
  }));
  const dueSoon = owed.filter((o) => o.due >= asOf && o.due <= asOf + DAY).map((o) => ({
    ...common(o),
    ...(o.unit ? { unit: o.unit } : {}),
    ...(o.assignee ? { assignee: o.assignee } : {}),
  }));
  const complaints: OverdueComplaint[] = basis.stages.filter((d) => asOf > d.due).map((d) => ({
    id: d.id,
    severity: d.severity,
    stage: d.stage,
    due: formatInstant(d.due, tz),
    overdue_days: daysBetween(localDateOf(d.due, tz), today),
    ...(d.unit ? { unit: d.unit } : {}),
    on_duty: d.onDuty,
  }));
  return {
    as_of: formatInstant(asOf, tz),
    callbacks: { overdue: overdue.sort(byDue), due_soon: dueSoon.sort(byDue) },
    complaints: { overdue: complaints.sort(byDue) },
    quota: quotaLines(basis.quota, today.slice(0, 7), asOf),
  };
}

/**
 * For kinds below 100%: ⌈rate × closed⌉ completed callbacks a month, where closed counts
 * the subjects whose callback would count from an instant in the month up to T (SPEC §5.3).
 * Suggestions: not yet called, units with repeat trouble first, then oldest first.
 */
function quotaLines(subjects: QuotaSubject[], month: string, asOf: number): QuotaLine[] {
  const inMonth = subjects.filter((o) => o.month === month && !(o.from > asOf));
  const lines: QuotaLine[] = [];
  for (const kind of [...new Set(inMonth.map((o) => o.kind))].sort()) {
    const mine = inMonth.filter((o) => o.kind === kind);
    const target = mine[0]!.target;
    const done = mine.filter((o) => o.done).length;
    const needed = Math.ceil(target * mine.length - 1e-9) - done;
    if (needed <= 0) continue;
    const suggest = mine
      .filter((o) => !o.done && !o.planned)
      .sort((a, b) => b.unitCount - a.unitCount || a.from - b.from || (a.subject < b.subject ? -1 : 1))
      .slice(0, needed)
      .map((o) => o.subject);
    lines.push({ kind, month, closed: mine.length, done, target, needed, suggest });
  }
  return lines;
}
