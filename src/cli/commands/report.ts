// kefu report overdue — the cron job's report (SPEC §6.1).
import { basisHolds, isOverdueBasis, overdueBasis, overdueFromBasis, type OverdueReport } from '../../domain/reports/overdue.js';
import { openReportMemo } from '../../store/cache.js';
import { checkFormat, resolveAsOf, type CliContext } from '../context.js';
import { BUT_THE_DUTY_LOG, findDeskFiles, openDesk } from '../desk-session.js';
import { EXIT } from '../errors.js';
import { renderTable } from '../render/table.js';
import { csvCell } from '../render/csv.js';
import { renderJson, visible } from '../render/terminal-text.js';

export interface ReportOverdueFlags {
  format?: string;
  failOnOverdue?: boolean;
}

export async function runReportOverdue(ctx: CliContext, flags: ReportOverdueFlags): Promise<number> {
  const format = checkFormat(flags.format, ['text', 'json', 'csv', 'md'] as const, 'text');
  const report = overdueReport(ctx);
  const anything = report.callbacks.overdue.length + report.callbacks.due_soon.length + report.complaints.overdue.length + report.quota.length > 0;
  if (format === 'json') ctx.io.stdout.write(`${renderJson(report)}\n`);
  else if (anything) ctx.io.stdout.write(format === 'csv' ? renderCsv(report) : renderSections(ctx, report, format));
  const overdue = report.callbacks.overdue.length + report.complaints.overdue.length > 0;
  return flags.failOnOverdue && overdue ? EXIT.findings : EXIT.clean;
}

/**
 * The report as of --as-of (or now). Its basis (domain/reports/overdue.ts) is kept by the
 * stamps of every file it comes from (store/cache.ts openReportMemo): a run on a desk none
 * of whose complaints, work orders, callbacks, rosters, staff or kefu.yaml changed since
 * reads no record — the duty log may change all day — as long as the basis holds for its
 * asOf (from the desk's latest recorded instant on, for good). A file just written,
 * --no-cache, or no basis that holds: the desk is read, and the basis kept anew.
 */
function overdueReport(ctx: CliContext): OverdueReport {
  const files = findDeskFiles(ctx);
  const memo = ctx.cache ? openReportMemo(files.root, 'overdue', files.sources.filter((s) => s.path !== 'duty' && !s.path.startsWith('duty/'))) : undefined;
  const kept = memo?.read();
  const debug = (what: string) => {
    if (ctx.debug) ctx.io.stderr.write(`debug: ${files.root}: report overdue: ${what}\n`);
  };
  if (isOverdueBasis(kept)) {
    const asOf = resolveAsOf(ctx, kept.timezone);
    if (basisHolds(kept, asOf)) {
      debug('from its kept basis');
      return overdueFromBasis(kept, asOf);
    }
    debug('its kept basis does not hold for this instant: the desk is read');
  }
  const session = openDesk(ctx, BUT_THE_DUTY_LOG, files);
  const basis = overdueBasis(session.desk, session.asOf);
  if (memo) {
    memo.write(basis);
    debug('basis kept');
  }
  return overdueFromBasis(basis, session.asOf);
}

interface Section {
  title: string;
  head: string[];
  rows: { group: string; cells: string[] }[];
}

function sections(ctx: CliContext, r: OverdueReport): Section[] {
  const none = ctx.t('report.unassigned');
  return [
    {
      title: ctx.t('report.callbacksOverdue'),
      head: ['subject', 'kind', 'due', 'days', 'unit', 'on duty'],
      rows: r.callbacks.overdue.map((o) => ({ group: o.assignee ?? none, cells: [o.subject + (o.checkpoint ? ` (${o.checkpoint})` : ''), [o.kind, o.category].filter(Boolean).join('/'), o.due, String(o.overdue_days), o.unit ?? '', o.on_duty.join(' ')] })),
    },
    {
      title: ctx.t('report.callbacksSoon'),
      head: ['subject', 'kind', 'due', 'unit'],
      rows: r.callbacks.due_soon.map((o) => ({ group: o.assignee ?? none, cells: [o.subject + (o.checkpoint ? ` (${o.checkpoint})` : ''), [o.kind, o.category].filter(Boolean).join('/'), o.due, o.unit ?? ''] })),
    },
    {
      title: ctx.t('report.complaintsOverdue'),
      head: ['id', 'severity', 'stage', 'due', 'days', 'on duty'],
      rows: r.complaints.overdue.map((c) => ({ group: none, cells: [c.id, c.severity, c.stage, c.due, String(c.overdue_days), c.on_duty.join(' ')] })),
    },
    {
      title: ctx.t('report.quota'),
      head: ['kind', 'month', 'closed', 'done', 'target', 'needed', 'suggest'],
      rows: r.quota.map((q) => ({ group: none, cells: [q.kind, q.month, String(q.closed), String(q.done), String(q.target), String(q.needed), q.suggest.join(' ')] })),
    },
  ].filter((s) => s.rows.length > 0);
}

/** A table per section, grouped by assignee (SPEC §6.1). */
function renderSections(ctx: CliContext, r: OverdueReport, format: 'text' | 'md'): string {
  const out: string[] = [format === 'md' ? `# ${ctx.t('report.title', { asOf: r.as_of })}\n` : ctx.t('report.title', { asOf: r.as_of })];
  for (const s of sections(ctx, r)) {
    const groups = [...new Set(s.rows.map((row) => row.group))];
    for (const g of groups) {
      const rows = s.rows.filter((row) => row.group === g).map((row) => row.cells);
      const title = groups.length > 1 || g !== ctx.t('report.unassigned') ? `${s.title} — ${g}` : s.title;
      if (format === 'md') {
        const cell = (text: string) => visible(text.replace(/\|/g, '\\|').replace(/\n/g, ' '));
        out.push(`## ${cell(title)}\n\n| ${s.head.join(' | ')} |\n| ${s.head.map(() => '---').join(' | ')} |\n${rows.map((c) => `| ${c.map(cell).join(' | ')} |`).join('\n')}\n`);
      } else {
        out.push(`\n${visible(title)}\n${renderTable(s.head, rows, ctx.colorOut)}`);
      }
    }
  }
  return `${out.join('\n')}\n`;
}

/** One table for spreadsheets: section, id, kind, stage/checkpoint, due, overdue days, unit, assignee, on duty. */
function renderCsv(r: OverdueReport): string {
  const rows: string[][] = [['section', 'id', 'kind', 'stage', 'due', 'overdue_days', 'unit', 'assignee', 'on_duty']];
  for (const o of r.callbacks.overdue) rows.push(['callback_overdue', o.subject, [o.kind, o.category].filter(Boolean).join('/'), o.checkpoint ?? '', o.due, String(o.overdue_days), o.unit ?? '', o.assignee ?? '', o.on_duty.join(' ')]);
  for (const o of r.callbacks.due_soon) rows.push(['callback_due_soon', o.subject, [o.kind, o.category].filter(Boolean).join('/'), o.checkpoint ?? '', o.due, '', o.unit ?? '', o.assignee ?? '', '']);
  for (const c of r.complaints.overdue) rows.push(['complaint_overdue', c.id, c.severity, c.stage, c.due, String(c.overdue_days), c.unit ?? '', '', c.on_duty.join(' ')]);
  for (const q of r.quota) rows.push(['quota', q.suggest.join(' '), q.kind, q.month, '', String(q.needed), '', '', '']);
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\n')}\n`;
}
