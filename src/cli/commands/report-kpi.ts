// kefu report kpi (SPEC §6.2) and kefu report analysis (seed 002 篇2 §4.6): parse the
// period, call the pure builders, render. Table, md and html show each figure against its
// target (green/red, by kefu's own colour decision) with the trend over earlier periods.
import { buildAnalysisReport, type AnalysisReport } from '../../domain/reports/analysis.js';
import {
  buildKpiReport, buildKpiTrend, monthPeriod, quarterPeriod,
  type KpiPeriod, type KpiReport, type Severity, type SubjectKind, type TrendPoint,
} from '../../domain/reports/kpi.js';
import { SATISFACTION_LEVELS, SEVERITIES, SUBJECT_KINDS } from '../../domain/records/config.js';
import { WORK_ORDER_KINDS } from '../../domain/records/work-order.js';
import type { MessageKey } from '../../i18n/messages.js';
import { checkFormat, type CliContext } from '../context.js';
import { openDesk } from '../desk-session.js';
import { EXIT, KefuError } from '../errors.js';
import { paintCell, renderTable } from '../render/table.js';
import { csvCell } from '../render/csv.js';
import { renderJson, visible, visibleLines } from '../render/terminal-text.js';

export interface ReportKpiFlags {
  month?: string;
  quarter?: string;
  by?: string;
  format?: string;
}

export interface ReportAnalysisFlags {
  quarter?: string;
  format?: string;
}

/** What `--format json` prints: every key of SPEC §6.2, plus the trend of earlier periods. */
export type KpiDocument = KpiReport & { trend: TrendPoint[] };

function periodFromFlags(flags: { month?: string; quarter?: string }): KpiPeriod {
  if ((flags.month === undefined) === (flags.quarter === undefined)) throw new KefuError('err.kpiPeriod');
  if (flags.month !== undefined) {
    const p = monthPeriod(flags.month);
    if (!p) throw new KefuError('err.kpiMonth', { value: flags.month });
    return p;
  }
  const p = quarterPeriod(flags.quarter!);
  if (!p) throw new KefuError('err.kpiQuarter', { value: flags.quarter });
  return p;
}

export async function runReportKpi(ctx: CliContext, flags: ReportKpiFlags): Promise<number> {
  const format = checkFormat(flags.format, ['table', 'json', 'csv', 'md', 'html'] as const, 'table');
  const period = periodFromFlags(flags);
  if (flags.by !== undefined && flags.by !== 'staff') throw new KefuError('err.kpiBy', { value: flags.by });
  const byStaff = flags.by === 'staff';
  const session = openDesk(ctx);
  const { desk, asOf } = session;
  // the html is the printed report: it always carries the workload by staff
  const report = buildKpiReport(desk, period, asOf, { byStaff: byStaff || format === 'html' });
  const doc: KpiDocument = { ...report, trend: buildKpiTrend(desk, period, asOf) };
  const view = kpiView(ctx, doc, { property: desk.config.property, reveal: ctx.reveal });
  const out = (s: string) => ctx.io.stdout.write(s);
  if (format === 'json') out(`${renderJson(doc)}\n`);
  else if (format === 'csv') out(renderKpiCsv(doc));
  else if (format === 'md') out(renderSectionsMd(view.title, view.subtitle, view.notes, view.sections));
  else if (format === 'html') out((await import('../render/html.js')).renderKpiHtml({ t: ctx.t, lang: ctx.lang, property: desk.config.property, report: doc, view, reveal: ctx.reveal }));
  else out(renderSectionsTable(ctx, view.title, view.subtitle, view.notes, view.sections));
  return EXIT.clean;
}

export async function runReportAnalysis(ctx: CliContext, flags: ReportAnalysisFlags): Promise<number> {
  const format = checkFormat(flags.format, ['md', 'html', 'json'] as const, 'md');
  if (flags.quarter === undefined) throw new KefuError('err.kpiQuarter', { value: '' });
  const quarter = quarterPeriod(flags.quarter);
  if (!quarter) throw new KefuError('err.kpiQuarter', { value: flags.quarter });
  const session = openDesk(ctx);
  const report = buildAnalysisReport(session.desk, quarter, session.asOf, { reveal: ctx.reveal });
  const out = (s: string) => ctx.io.stdout.write(s);
  if (format === 'json') out(`${renderJson(report)}\n`);
  else if (format === 'html') out((await import('../render/html.js')).renderAnalysisHtml({ t: ctx.t, lang: ctx.lang, property: session.desk.config.property, report, reveal: ctx.reveal }));
  else out(renderAnalysisMd(ctx, session.desk.config.property, report));
  return EXIT.clean;
}

// ---------------------------------------------------------------------------
// The view shared by table, md and html: sections of cells, each cell judged good or bad.

export type CellStatus = 'good' | 'bad';
export interface Cell {
  text: string;
  status?: CellStatus;
}
export interface Section {
  /** a stable id (html anchors, tests) */
  id: string;
  title: string;
  head: string[];
  rows: Cell[][];
  notes?: string[];
}
export interface KpiView {
  title: string;
  subtitle: string;
  notes: string[];
  sections: Section[];
}

/** 0.7222 → "72.22%"; null → "—". Exactly the json's 4 places, as a percentage. */
export function pct(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${String(Math.round(rate * 10_000) / 100)}%`;
}

const num = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(v));
const cell = (text: string, status?: CellStatus): Cell => (status ? { text, status } : { text });

/** At or above the target is good; nothing to judge is neither. */
function judge(value: number | null, target: number, lowerIsBetter = false): CellStatus | undefined {
  if (value === null) return undefined;
  if (lowerIsBetter) return value <= target ? 'good' : 'bad';
  return value >= target - 1e-9 ? 'good' : 'bad';
}

const STATUSES = ['open', 'resolved', 'invalid', 'assigned', 'completed', 'leak-tested', 'cancelled'] as const;

/** An enumeration value in the user's language; a value kefu has no word for is shown as it is. */
function enumLabel(ctx: Pick<CliContext, 't'>, prefix: string, value: string, known: readonly string[]): string {
  return known.includes(value) ? ctx.t(`${prefix}.${value}` as MessageKey) : value;
}
export const kindLabel = (ctx: Pick<CliContext, 't'>, kind: string) => enumLabel(ctx, 'kpi.kind', kind, SUBJECT_KINDS);
export const severityLabel = (ctx: Pick<CliContext, 't'>, severity: string) => enumLabel(ctx, 'kpi.severity', severity, SEVERITIES);
export const satisfactionLabel = (ctx: Pick<CliContext, 't'>, level: string) => enumLabel(ctx, 'analysis.sat', level, SATISFACTION_LEVELS);
export const statusLabel = (ctx: Pick<CliContext, 't'>, status: string) => enumLabel(ctx, 'analysis.status', status, STATUSES);

export function kpiView(ctx: Pick<CliContext, 't'>, r: KpiDocument, desk: { property: string; reveal: boolean }): KpiView {
  const t = ctx.t;
  const trendHead = r.trend.map((p) => p.period.label);
  const trendCells = (key: string, fmt: (v: number | null) => string = pct) => r.trend.map((p) => cell(fmt(p.figures[key] ?? null)));
  const minutes = r.workorders.response_minutes;

  const headline: Cell[][] = [];
  for (const kind of SUBJECT_KINDS) {
    const k = r.callbacks.by_kind[kind];
    if (k.closed === 0 && r.trend.every((p) => p.figures[`callbacks.by_kind.${kind}.rate`] === null)) continue;
    headline.push([cell(t('kpi.fig.callbackRate', { kind: kindLabel(ctx, kind) })), cell(`${pct(k.rate)} (${k.done}/${k.closed})`, judge(k.rate, k.target)), cell(pct(k.target)), ...trendCells(`callbacks.by_kind.${kind}.rate`)]);
  }
  const sat = r.callbacks.satisfaction;
  headline.push([cell(t('kpi.fig.satisfaction')), cell(`${pct(sat.rate)} (${sat.satisfied}/${sat.responses})`, judge(sat.rate, sat.target)), cell(pct(sat.target)), ...trendCells('callbacks.satisfaction.rate')]);
  for (const s of SEVERITIES) {
    const d = r.complaints.by_severity[s].deadlines.resolve!;
    headline.push([cell(t('kpi.fig.resolveOnTime', { severity: severityLabel(ctx, s) })), cell(`${pct(d.rate)} (${d.met}/${d.met + d.missed})`, judge(d.rate, 1)), cell(pct(1)), ...trendCells(`complaints.by_severity.${s}.deadlines.resolve.rate`)]);
  }
  const wo = r.workorders;
  headline.push([cell(t('kpi.fig.responded', { minutes })), cell(`${pct(wo.responded_within_target)} (${wo.responses_within}/${wo.responses_judged})`, judge(wo.responded_within_target, 1)), cell(pct(1)), ...trendCells('workorders.responded_within_target')]);
  const duty = r.duty;
  headline.push([cell(t('kpi.fig.daysWithLog')), cell(`${pct(duty.rates.days_with_log)} (${duty.days_with_log}/${duty.days})`, judge(duty.rates.days_with_log, 1)), cell(pct(1)), ...trendCells('duty.rates.days_with_log')]);
  headline.push([cell(t('kpi.fig.handoversComplete')), cell(`${pct(duty.rates.handovers_complete)} (${duty.handovers_complete}/${duty.handovers})`, judge(duty.rates.handovers_complete, 1)), cell(pct(1)), ...trendCells('duty.rates.handovers_complete')]);
  headline.push([cell(t('kpi.fig.daysReviewed')), cell(`${pct(duty.rates.days_reviewed)} (${duty.days_reviewed}/${duty.days})`, judge(duty.rates.days_reviewed, 1)), cell(pct(1)), ...trendCells('duty.rates.days_reviewed')]);
  headline.push([cell(t('kpi.fig.rosterGaps')), cell(String(duty.roster_gaps), judge(duty.roster_gaps, 0, true)), cell('0'), ...trendCells('duty.roster_gaps', num)]);

  const sections: Section[] = [
    { id: 'headline', title: t('kpi.section.headline'), head: [t('kpi.col.figure'), t('kpi.col.value'), t('kpi.col.target'), ...trendHead], rows: headline, ...(r.trend.length > 0 ? { notes: [t('kpi.trendNote')] } : {}) },
    {
      id: 'callbacks',
      title: t('kpi.section.callbacks'),
      head: [t('kpi.col.kind'), t('kpi.col.closed'), t('kpi.col.obligations'), t('kpi.col.done'), t('kpi.col.onTime'), t('kpi.col.rate'), t('kpi.col.onTimeRate'), t('kpi.col.target')],
      rows: SUBJECT_KINDS.map((kind: SubjectKind) => {
        const k = r.callbacks.by_kind[kind];
        return [cell(kindLabel(ctx, kind)), cell(String(k.closed)), cell(String(k.obligations)), cell(String(k.done)), cell(String(k.on_time)), cell(pct(k.rate), judge(k.rate, k.target)), cell(pct(k.on_time_rate), judge(k.on_time_rate, 1)), cell(pct(k.target))];
      }),
    },
    {
      id: 'satisfaction',
      title: t('kpi.section.satisfaction'),
      head: [t('kpi.col.responses'), t('kpi.col.satisfied'), t('kpi.col.satisfactionRate'), t('kpi.col.target')],
      rows: [[cell(String(sat.responses)), cell(String(sat.satisfied)), cell(pct(sat.rate), judge(sat.rate, sat.target)), cell(pct(sat.target))]],
      notes: [t('kpi.unsatisfiedWithoutComplaint', { ids: r.callbacks.unsatisfied_without_complaint.join(' ') || t('kpi.none') })],
    },
    {
      id: 'complaints',
      title: t('kpi.section.complaints'),
      head: [t('kpi.col.severity'), t('kpi.col.received'), t('kpi.col.resolved'), t('kpi.col.resolvedOnTime'), t('kpi.col.escalatedOnTime'), t('kpi.col.repliedOnTime'), t('kpi.col.medianHours'), t('kpi.col.resolveCompliance')],
      rows: [
        ...SEVERITIES.map((s: Severity) => {
          const c = r.complaints.by_severity[s];
          return [cell(severityLabel(ctx, s)), cell(String(c.received)), cell(String(c.resolved)), cell(String(c.resolved_on_time)), cell(num(c.escalated_on_time)), cell(num(c.replied_on_time)), cell(num(c.median_hours_to_resolve)), cell(pct(c.deadlines.resolve!.rate), judge(c.deadlines.resolve!.rate, 1))];
        }),
        [cell('Σ'), cell(String(r.complaints.received)), cell(''), cell(''), cell(''), cell(''), cell(''), cell('')],
      ],
    },
    repeatsSection(ctx, 'complaint-repeats', t('kpi.section.complaintRepeats', { quarter: r.quarter.label, threshold: r.complaints.repeat_threshold }), r.complaints.repeats),
    {
      id: 'workorders',
      title: t('kpi.section.workorders'),
      head: [t('kpi.col.received'), t('kpi.col.byKind'), t('kpi.col.respondedWithin', { minutes }), t('kpi.col.medianMinutes')],
      rows: [[
        cell(String(wo.received)),
        cell(WORK_ORDER_KINDS.filter((k) => wo.by_kind[k] > 0).map((k) => `${kindLabel(ctx, k)} ${wo.by_kind[k]}`).join(', ') || t('kpi.none')),
        cell(`${pct(wo.responded_within_target)} (${wo.responses_within}/${wo.responses_judged})`, judge(wo.responded_within_target, 1)),
        cell(num(wo.median_response_minutes)),
      ]],
    },
    repeatsSection(ctx, 'repair-repeats', t('kpi.section.repairRepeats', { quarter: r.quarter.label, threshold: wo.repeat_threshold }), wo.repeats),
    {
      id: 'duty',
      title: t('kpi.section.duty'),
      head: [t('kpi.col.days'), t('kpi.col.daysWithLog'), t('kpi.col.handovers'), t('kpi.col.handoversComplete'), t('kpi.col.daysReviewed'), t('kpi.col.rosterGaps')],
      rows: [[
        cell(String(duty.days)),
        cell(String(duty.days_with_log), judge(duty.rates.days_with_log, 1)),
        cell(String(duty.handovers)),
        cell(String(duty.handovers_complete), judge(duty.rates.handovers_complete, 1)),
        cell(String(duty.days_reviewed), judge(duty.rates.days_reviewed, 1)),
        cell(String(duty.roster_gaps), judge(duty.roster_gaps, 0, true)),
      ]],
    },
  ];
  if (duty.gaps.length > 0) {
    sections.push({
      id: 'roster-gaps',
      title: t('kpi.section.rosterGaps'),
      head: [t('kpi.col.date'), t('kpi.col.shift'), t('kpi.col.staffed')],
      rows: duty.gaps.map((g) => [cell(g.date), cell(g.shift), cell(`${g.staffed} / ${g.min_staff}`, 'bad')]),
    });
  }
  if (r.by_staff) {
    sections.push({
      id: 'staff',
      title: t('kpi.section.staff'),
      head: [t('kpi.col.staff'), t('kpi.col.entries'), t('kpi.col.callbacksMade'), t('kpi.col.callbacksOnTime'), t('kpi.col.overdueOwned'), t('kpi.col.handoversSigned')],
      rows: r.by_staff.map((s) => [
        cell(`${s.staff} ${s.name}`.trim()), cell(String(s.entries_logged)), cell(String(s.callbacks_made)),
        cell(`${pct(s.on_time_rate)} (${s.callbacks_on_time}/${s.callbacks_fulfilled})`, judge(s.on_time_rate, 1)),
        cell(String(s.overdue_owned), judge(s.overdue_owned, 0, true)), cell(String(s.handovers_signed)),
      ]),
    });
  }
  return {
    title: `${desk.property} ${t('kpi.title', { label: r.period.label })}`,
    subtitle: t('kpi.subtitle', { property: desk.property, from: r.period.from, to: r.period.to, asOf: r.as_of }),
    notes: [t(desk.reveal ? 'kpi.revealed' : 'kpi.masked')],
    sections,
  };
}

function repeatsSection(ctx: Pick<CliContext, 't'>, id: string, title: string, repeats: KpiReport['complaints']['repeats']): Section {
  return {
    id, title,
    head: [ctx.t('kpi.col.unit'), ctx.t('kpi.col.category'), ctx.t('kpi.col.count'), ctx.t('kpi.col.records')],
    rows: repeats.length > 0 ? repeats.map((x) => [cell(x.unit), cell(x.category), cell(String(x.count), 'bad'), cell(x.ids.join(' '))]) : [[cell(ctx.t('kpi.none')), cell(''), cell(''), cell('')]],
  };
}

// ---------------------------------------------------------------------------
// Text renderers

function renderSectionsTable(ctx: CliContext, title: string, subtitle: string, notes: string[], sections: Section[]): string {
  const paint = (c: Cell) => (c.status === 'good' ? paintCell(c.text, ctx.out.green) : c.status === 'bad' ? paintCell(c.text, ctx.out.red) : c.text);
  const out = [ctx.out.bold(visible(title)), ...(subtitle ? [visibleLines(subtitle)] : []), ...notes.map(visibleLines)];
  for (const s of sections) {
    out.push('', ctx.out.bold(visible(s.title)), renderTable(s.head, s.rows.map((row) => row.map(paint)), ctx.colorOut));
    for (const note of s.notes ?? []) out.push(visibleLines(note));
  }
  return `${out.join('\n')}\n`;
}

const mdCell = (text: string) => visible(text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' '));

function mdTable(head: string[], rows: Cell[][]): string {
  const mark = (c: Cell) => mdCell(c.text) + (c.status === 'good' ? ' ✓' : c.status === 'bad' ? ' ✗' : '');
  return [`| ${head.map(mdCell).join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(mark).join(' | ')} |`)].join('\n');
}

function renderSectionsMd(title: string, subtitle: string, notes: string[], sections: Section[]): string {
  const out = [`# ${mdCell(title)}`, ''];
  if (subtitle) out.push(mdCell(subtitle), '');
  for (const n of notes) out.push(mdCell(n), '');
  for (const s of sections) {
    out.push(`## ${mdCell(s.title)}`, '', mdTable(s.head, s.rows), '');
    for (const n of s.notes ?? []) out.push(mdCell(n), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/**
 * One row per figure: `metric,value`, the metric a dotted path into the json (lists of ids
 * joined by spaces; repeats keyed unit/category, staff by id, roster gaps by date/shift;
 * earlier periods under trend.<label>.…). Spreadsheets pivot it as they like.
 */
export function renderKpiCsv(doc: KpiDocument): string {
  const rows: string[][] = [['metric', 'value']];
  const keyOf = (item: Record<string, unknown>, i: number): string => {
    if (typeof item.staff === 'string') return item.staff;
    if (typeof item.unit === 'string' && typeof item.category === 'string') return `${item.unit}/${item.category}`;
    if (typeof item.date === 'string' && typeof item.shift === 'string') return `${item.date}/${item.shift}`;
    return String(i);
  };
  const walk = (path: string, v: unknown): void => {
    if (v === null || v === undefined) rows.push([path, '']);
    else if (Array.isArray(v)) {
      if (v.every((x) => typeof x !== 'object' || x === null)) rows.push([path, v.map(String).join(' ')]);
      else v.forEach((x, i) => walk(`${path}.${keyOf(x as Record<string, unknown>, i)}`, x));
    } else if (typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(path ? `${path}.${k}` : k, x);
    } else rows.push([path, String(v)]);
  };
  const { trend, ...report } = doc;
  walk('', report);
  for (const p of trend) for (const [k, v] of Object.entries(p.figures)) rows.push([`trend.${p.period.label}.${k}`, v === null ? '' : String(v)]);
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
}

// ---------------------------------------------------------------------------
// The quarterly analysis as markdown (the html is in render/html.ts)

/** What was done about an unsatisfied callback, as lines. */
export function handlingLines(ctx: Pick<CliContext, 't'>, u: AnalysisReport['unsatisfied'][number]): string[] {
  const t = ctx.t;
  const lines: string[] = [];
  const esc = u.escalated_to;
  if (!esc) lines.push(t('analysis.notEscalated'));
  else if (!esc.found) lines.push(t('analysis.escalatedMissing', { id: esc.id }));
  else {
    lines.push(t('analysis.escalatedTo', { id: esc.id, severity: severityLabel(ctx, esc.severity ?? ''), status: statusLabel(ctx, esc.status ?? 'open') }));
    if (esc.resolved_at) lines.push(t('analysis.resolvedAt', { at: esc.resolved_at }));
    if (esc.result) lines.push(t('analysis.result', { text: esc.result }));
  }
  for (const rv of u.reviews) lines.push(t('analysis.review', { by: rv.by, at: rv.at, comment: rv.comment ?? '' }));
  return lines;
}

function renderAnalysisMd(ctx: CliContext, property: string, r: AnalysisReport): string {
  const t = ctx.t;
  const out: string[] = [`# ${mdCell(`${property} ${t('analysis.title', { label: r.period.label })}`)}`, ''];
  out.push(mdCell(t('kpi.subtitle', { property, from: r.period.from, to: r.period.to, asOf: r.as_of })), '');
  out.push(mdCell(t(ctx.reveal ? 'kpi.revealed' : 'kpi.masked')), '');
  out.push(mdCell(t('analysis.intro')), '');
  out.push(mdCell(t('analysis.summary', {
    label: r.period.label, callbacks: r.summary.callbacks, completed: r.summary.completed, rate: pct(r.summary.satisfaction_rate),
    unsatisfied: r.summary.unsatisfied, complaints: r.summary.complaints_received, repairs: r.summary.repairs_received,
  })), '');

  out.push(`## ${mdCell(t('analysis.unsatisfied'))}`, '');
  if (r.unsatisfied.length === 0) out.push(t('analysis.noneFound'), '');
  else {
    out.push(mdTable(
      [t('analysis.col.callback'), t('analysis.col.subject'), t('analysis.col.satisfaction'), t('analysis.col.done')],
      r.unsatisfied.map((u) => [
        cell(`${u.callback} (${u.at}, ${u.by})`),
        cell([u.subject, kindLabel(ctx, u.subject_kind), u.unit, u.category].filter(Boolean).join(' · ')),
        cell([satisfactionLabel(ctx, u.satisfaction), u.shortcomings ? t('analysis.shortcomings', { text: u.shortcomings }) : '', u.suggestions ? t('analysis.suggestions', { text: u.suggestions }) : ''].filter(Boolean).join('; ')),
        cell(handlingLines(ctx, u).join('; '), u.handled === 'resolved' ? 'good' : 'bad'),
      ]),
    ), '');
  }

  out.push(`## ${mdCell(t('analysis.complaints', { threshold: r.thresholds.complaints }))}`, '');
  if (r.repeated_complaints.length === 0) out.push(t('analysis.noneFound'), '');
  for (const g of r.repeated_complaints) {
    out.push(`### ${mdCell(`${g.unit} · ${g.category} × ${g.count}`)}`, '');
    out.push(mdTable(
      [t('analysis.col.id'), t('analysis.col.received'), t('analysis.col.severity'), t('analysis.col.status'), t('analysis.col.summary')],
      g.records.map((c) => [cell(c.id), cell(c.received_at), cell(severityLabel(ctx, c.severity)), cell(statusLabel(ctx, c.status)), cell([c.summary, c.complainant].filter(Boolean).join(' — '))]),
    ), '');
  }

  out.push(`## ${mdCell(t('analysis.repairs', { threshold: r.thresholds.repairs }))}`, '');
  if (r.repeated_repairs.length === 0) out.push(t('analysis.noneFound'), '');
  for (const g of r.repeated_repairs) {
    out.push(`### ${mdCell(`${g.unit} · ${g.category} × ${g.count}`)}`, '');
    out.push(mdTable(
      [t('analysis.col.id'), t('analysis.col.received'), t('analysis.col.item'), t('analysis.col.status'), t('analysis.col.completed'), t('analysis.col.callbackResult')],
      g.records.map((w) => [cell(w.id), cell(w.received_at), cell(w.item), cell(statusLabel(ctx, w.status)), cell(w.completed_at ?? '—'), cell(w.callback ? `${w.callback.id} ${w.callback.satisfaction ? satisfactionLabel(ctx, w.callback.satisfaction) : ''}`.trim() : '—')]),
    ), '');
  }
  out.push(mdCell(t('analysis.signoff')));
  return `${out.join('\n')}\n`;
}
