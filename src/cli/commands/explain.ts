// kefu explain ID — how every deadline of a record was computed (SPEC §4): the rule
// and its source, the instants counted from and to, the days counted and skipped, the verdict.
import { enumLabel } from '../../diagnostics/catalogue.js';
import { explain, explainableIds, type ExplainedDeadline, type Explanation } from '../../domain/explain.js';
import { resolvePrefix } from '../../domain/ids.js';
import { masker } from '../../domain/privacy.js';
import { formatInstant, toLocal } from '../../domain/time.js';
import { checkFormat, type CliContext } from '../context.js';
import { openDesk } from '../desk-session.js';
import { EXIT, KefuError } from '../errors.js';
import { renderJson, visible } from '../render/terminal-text.js';

const PERSONAL = new Set(['name', 'phone']);

/** Details of an event as printed: personal data masked unless --reveal. */
function scrub(value: unknown, reveal: boolean): unknown {
  if (reveal || value === null || typeof value !== 'object') return value;
  const mask = masker(false);
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [
    k,
    k === 'name' && typeof v === 'string' ? mask.name(v) : k === 'phone' && typeof v === 'string' ? mask.phone(v) : PERSONAL.has(k) ? v : scrub(v, reveal),
  ]));
}

export function explanationJson(x: Explanation, tz: string, reveal: boolean) {
  const at = (ms: number) => formatInstant(ms, tz);
  return {
    id: x.id,
    kind: x.kind,
    as_of: at(x.asOf),
    summary: Object.fromEntries(Object.entries(x.summary).map(([k, v]) => [k, k.endsWith('_at') && typeof v === 'number' ? at(v) : v])),
    timeline: x.timeline.map((e) => ({ at: at(e.at), ...(e.by ? { by: e.by } : {}), type: e.type, ...(scrub(e.details, reveal) as object), ...(e.future ? { after_as_of: true } : {}) })),
    deadlines: x.deadlines.map((d) => ({
      name: d.name,
      ...(d.checkpoint ? { checkpoint: d.checkpoint } : {}),
      rule: d.rule,
      rule_for: d.ruleFor,
      source: d.source,
      from: at(d.from),
      from_event: d.fromEvent,
      due: at(d.due),
      calendar: d.calendar,
      counted: d.counted,
      skipped: d.skipped,
      ...(d.uncoveredYears.length ? { uncovered_years: d.uncoveredYears } : {}),
      done_at: d.doneAt === undefined ? null : at(d.doneAt),
      ...(d.doneBy ? { done_by: d.doneBy } : {}),
      attempts: d.attempts.map((a) => ({ id: a.id, at: at(a.at), outcome: a.outcome })),
      verdict: d.verdict,
      ...(d.overdueDays !== undefined ? { overdue_days: d.overdueDays } : {}),
      ...(d.note ? { note: d.note } : {}),
    })),
  };
}

export async function runExplain(ctx: CliContext, idArg: string, flags: { format?: string }): Promise<number> {
  const format = checkFormat(flags.format, ['text', 'json'] as const, 'text');
  const session = openDesk(ctx);
  const { desk, asOf } = session;
  const tz = desk.config.timezone;
  const match = resolvePrefix(idArg, explainableIds(desk));
  if (match.kind === 'none') throw new KefuError('err.noSuchId', { id: idArg }, 'explain.hint');
  if (match.kind === 'many') throw new KefuError('err.ambiguousId', { id: idArg, ids: match.ids.slice(0, 8).join(', ') });
  const x = explain(desk, match.id, asOf)!;
  if (format === 'json') {
    ctx.io.stdout.write(`${renderJson(explanationJson(x, tz, ctx.reveal))}\n`);
    return EXIT.clean;
  }
  const when = (ms: number) => {
    const l = toLocal(ms, tz);
    return `${l.date} ${l.time}`;
  };
  const staffName = new Map(desk.staff.map((s) => [s.id, s.name]));
  const who = (id?: string) => (id ? `${id}${staffName.has(id) ? ` ${staffName.get(id)}` : ''}` : '');
  const L = (v: string) => enumLabel(v, ctx.lang);
  const out: string[] = [];
  const summary = Object.entries(x.summary).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => `${k}: ${k.endsWith('_at') && typeof v === 'number' ? when(v) : typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  // record text (notes, names, holiday names) is shown, never obeyed: escaped before any colour
  out.push(`${ctx.out.bold(visible(x.id))} — ${L(x.kind === 'workorder' ? 'workorder' : x.kind)}  (${ctx.t('explain.asOf', { asOf: when(asOf) })})`);
  out.push(visible(`  ${summary.join(' · ')}`), '', ctx.out.bold(ctx.t('explain.timeline')));
  for (const e of x.timeline) {
    const details = Object.entries(scrub(e.details, ctx.reveal) as Record<string, unknown>).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('; ');
    const line = visible(`  ${when(e.at)}  ${who(e.by).padEnd(8)}  ${L(e.type)}${details ? `  ${details}` : ''}`);
    out.push(e.future ? ctx.out.dim(`${line}  (${ctx.t('explain.future')})`) : line);
  }
  out.push('', ctx.out.bold(ctx.t('explain.deadlines')));
  if (x.deadlines.length === 0) out.push(`  ${ctx.t('explain.noDeadlines')}`);
  for (const d of x.deadlines) out.push(...deadlineLines(ctx, d, when));
  ctx.io.stdout.write(`${out.join('\n')}\n`);
  return EXIT.clean;
}

function deadlineLines(ctx: CliContext, d: ExplainedDeadline, when: (ms: number) => string): string[] {
  const name = ctx.t(`explain.name.${d.name as 'resolve'}`) + (d.checkpoint ? ` (${enumLabel(d.checkpoint, ctx.lang)})` : '');
  const rule = d.rule === 'same_day' ? ctx.t('explain.sameDay') : d.rule === 'requested_deadline' ? ctx.t('explain.requested') : ctx.t('explain.within', { rule: d.rule });
  // holiday names, notes and sources come from the desk's files: escaped before any colour
  const lines = [`  ${ctx.out.bold(visible(name))} — ${visible(ctx.t('explain.rule', { rule, ruleFor: d.ruleFor, source: d.source }))}`];
  lines.push(visible(`    ${ctx.t('explain.from', { from: when(d.from), event: d.fromEvent })}`));
  lines.push(visible(`    ${ctx.t('explain.to', { due: when(d.due) })}`));
  if (d.calendar !== 'clock' && (d.counted.length || d.skipped.length)) {
    lines.push(visible(`    ${ctx.t(d.calendar === 'workdays' ? 'explain.countedWorkdays' : 'explain.countedDays', { days: d.counted.map((x) => x.slice(5)).join(', ') || '—' })}`));
    if (d.skipped.length) lines.push(visible(`    ${ctx.t('explain.skipped', { days: d.skipped.map((s) => `${s.date.slice(5)} ${s.name ?? ctx.t(`explain.reason.${s.reason as 'weekend'}`)}`).join(', ') })}`));
  }
  if (d.uncoveredYears.length) lines.push(`    ${ctx.out.yellow(ctx.t('explain.uncovered', { years: d.uncoveredYears.join(', ') }))}`);
  for (const a of d.attempts) lines.push(visible(`    ${ctx.t('explain.attempt', { id: a.id, at: when(a.at), outcome: enumLabel(a.outcome, ctx.lang) })}`));
  const verdict = ctx.t(`explain.verdict.${d.verdict}`);
  const colour = d.verdict === 'met' ? ctx.out.green : d.verdict === 'open' ? (s: string) => s : ctx.out.red;
  const done = d.doneAt !== undefined ? `${ctx.t('explain.done', { at: when(d.doneAt) })}${d.doneBy ? ` (${d.doneBy})` : ''}` : ctx.t('explain.notDone');
  lines.push(`    ${visible(done)} → ${colour(verdict)}${d.overdueDays !== undefined ? ` (${ctx.t('explain.overdueDays', { days: d.overdueDays })})` : ''}`);
  if (d.note) lines.push(`    ${visible(d.note)}`);
  return lines;
}
