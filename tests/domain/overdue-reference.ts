// The overdue report worked out straight from the records: kefu's code before the report
// had a basis (b66834d), kept as the reference the basis is held to
// (tests/domain/overdue-basis.test.ts). Not to be changed with the report's code.
import { deriveCallbackSubjects, type Obligation } from '../../src/domain/callbacks.js';
import { deriveComplaintState } from '../../src/domain/complaints.js';
import type { Desk } from '../../src/domain/desk.js';
import type { OverdueComplaint, OverdueReport, QuotaLine } from '../../src/domain/reports/overdue.js';
import { onDutyAt } from '../../src/domain/shifts.js';
import { formatInstant, localDateOf } from '../../src/domain/time.js';

const DAY_MS = 86_400_000;
function daysBetween(fromDate: string, toDate: string): number {
  return Math.round((Date.parse(toDate) - Date.parse(fromDate)) / DAY_MS);
}
const DAY = DAY_MS;
export function referenceReport(desk: Desk, asOf: number): OverdueReport {
  const tz = desk.config.timezone;
  const today = localDateOf(asOf, tz);
  const onDuty = (due: number) => [...new Set(onDutyAt(desk, due).flatMap((d) => d.staff))];
  const byDue = <T extends { due: string; subject?: string; id?: string }>(a: T, b: T) =>
    Date.parse(a.due) - Date.parse(b.due) || ((a.subject ?? a.id ?? '') < (b.subject ?? b.id ?? '') ? -1 : 1);

  const subjects = deriveCallbackSubjects(desk, asOf);
  const owed = subjects.filter((o) => o.owed && !o.fulfilledBy);
  const common = (o: Obligation) => ({
    subject: o.subject,
    kind: o.kind,
    ...(o.category ? { category: o.category } : {}),
    ...(o.checkpoint ? { checkpoint: o.checkpoint } : {}),
    due: formatInstant(o.due, tz),
  });
  const overdue = owed.filter((o) => o.overdue).map((o) => ({
    ...common(o),
    overdue_days: daysBetween(localDateOf(o.due, tz), today),
    ...(o.unit ? { unit: o.unit } : {}),
    ...(o.assignee ? { assignee: o.assignee } : {}),
    on_duty: onDuty(o.due),
  }));
  const dueSoon = owed.filter((o) => o.due >= asOf && o.due <= asOf + DAY).map((o) => ({
    ...common(o),
    ...(o.unit ? { unit: o.unit } : {}),
    ...(o.assignee ? { assignee: o.assignee } : {}),
  }));

  const complaints: OverdueComplaint[] = [];
  for (const { data: c } of desk.complaints) {
    if (Date.parse(c.received_at) > asOf) continue;
    const state = deriveComplaintState(c, desk.config, asOf);
    for (const d of state.deadlines) {
      if (d.doneAt !== undefined || asOf <= d.due) continue;
      complaints.push({
        id: c.id,
        severity: state.severity,
        stage: d.stage,
        due: formatInstant(d.due, tz),
        overdue_days: daysBetween(localDateOf(d.due, tz), today),
        ...(c.complainant.unit ? { unit: c.complainant.unit } : {}),
        on_duty: onDuty(d.due),
      });
    }
  }

  return {
    as_of: formatInstant(asOf, tz),
    callbacks: { overdue: overdue.sort(byDue), due_soon: dueSoon.sort(byDue) },
    complaints: { overdue: complaints.sort(byDue) },
    quota: referenceQuota(desk, subjects, asOf),
  };
}

/** (as it was) For kinds below 100%: ⌈rate × closed⌉ completed callbacks a month, where closed counts
 * the subjects whose callback would count from an instant in the month up to T (SPEC §5.3).
 * Suggestions: not yet called, units with repeat trouble first, then oldest first.
 */
function referenceQuota(desk: Desk, subjects: Obligation[], asOf: number): QuotaLine[] {
  const tz = desk.config.timezone;
  const month = localDateOf(asOf, tz).slice(0, 7);
  const inMonth = subjects.filter((o) => o.rule.rate > 0 && o.rule.rate < 1 && localDateOf(o.from, tz).startsWith(month));
  const unitCounts = new Map<string, number>();
  for (const { data } of desk.workOrders) if (data.requester.unit) unitCounts.set(data.requester.unit, (unitCounts.get(data.requester.unit) ?? 0) + 1);
  const lines: QuotaLine[] = [];
  for (const kind of [...new Set(inMonth.map((o) => o.kind))].sort()) {
    const mine = inMonth.filter((o) => o.kind === kind);
    const target = mine[0]!.rule.rate;
    const done = mine.filter((o) => o.fulfilledBy && Date.parse(o.fulfilledBy.at) <= asOf).length;
    const needed = Math.ceil(target * mine.length - 1e-9) - done;
    if (needed <= 0) continue;
    const suggest = mine
      .filter((o) => !o.fulfilledBy && !o.planned)
      .sort((a, b) => (unitCounts.get(b.unit ?? '') ?? 0) - (unitCounts.get(a.unit ?? '') ?? 0) || a.from - b.from || (a.subject < b.subject ? -1 : 1))
      .slice(0, needed)
      .map((o) => o.subject);
    lines.push({ kind, month, closed: mine.length, done, target, needed, suggest });
  }
  return lines;
}

