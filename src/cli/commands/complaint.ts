// kefu complaint new|escalate|assign|reply|resolve|reopen|reclassify|invalid|note|show|list —
// the complaint register 投诉登记表 (SPEC §3.5, §5.2; seed 001 投诉接待, 投诉处理及回访制度).
// Every write appends one event to the complaint's own file and commits it as its author.
import { deriveCallbackSubjects, type Obligation } from '../../domain/callbacks.js';
import { deriveComplaintState, type ComplaintState, type StageDeadline } from '../../domain/complaints.js';
import { enumLabel } from '../../diagnostics/catalogue.js';
import { masker } from '../../domain/privacy.js';
import { COMPLAINT_CHANNELS, complaintPath, type Complaint, type ComplaintEvent } from '../../domain/records/complaint.js';
import { SEVERITIES } from '../../domain/records/config.js';
import { isActive } from '../../domain/records/staff.js';
import { formatInstant, localDateOf, toLocal } from '../../domain/time.js';
import { checkFormat, type CliContext } from '../context.js';
import { openDesk, openDeskFor, openDeskForRecord, type DeskSession } from '../desk-session.js';
import { EXIT, KefuError } from '../errors.js';
import { askMissing, type Question } from '../prompts.js';
import { checkStaff, findById, freshId, parseAt, staffOnDuty, writeItem } from '../record-writer.js';
import { paintCell, renderTable } from '../render/table.js';
import { csvCell } from '../render/csv.js';
import { renderJson, visible, visibleLines } from '../render/terminal-text.js';

type Severity = (typeof SEVERITIES)[number];

export interface ComplaintNewFlags {
  at?: string;
  by?: string;
  channel?: string;
  name?: string;
  unit?: string;
  phone?: string;
  category?: string;
  department?: string;
  person?: string;
  location?: string;
  summary?: string;
  request?: string;
  severity?: string;
  requestedDeadline?: string;
  escalateTo?: string;
  assignee?: string;
  commit?: boolean;
}

const opt = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());
const KEY_NAME = /^[a-z][a-z0-9_]{0,31}$/;

function labelled(ctx: CliContext, values: readonly string[]) {
  return values.map((v) => ({ value: v, name: ctx.lang === 'zh-CN' ? `${enumLabel(v, ctx.lang)} (${v})` : v }));
}

/** Whom a complaint of this severity goes up to (SPEC §5.2): the manager for a major one, else the supervisor. */
function escalationTarget(session: DeskSession, severity: Severity): string | undefined {
  const role = session.desk.config.complaints[severity].escalate_to ?? (severity === 'major' ? 'manager' : 'supervisor');
  const active = session.desk.staff.filter((s) => isActive(s));
  return (active.find((s) => s.roles.includes(role)) ?? active.find((s) => s.roles.includes('supervisor')))?.id;
}

function byDefault(session: DeskSession, at: number): string | undefined {
  return staffOnDuty(session, at);
}

/** The deadlines as the clerk needs to hear them: "escalate by 11-20 11:05, resolve by 11-23 23:59". */
function deadlineLine(ctx: CliContext, state: ComplaintState, tz: string): string {
  return state.deadlines
    .filter((d) => d.doneAt === undefined)
    .map((d) => `${ctx.t(`complaint.stage.${d.stage}`)} ≤ ${short(formatInstant(d.due, tz), tz)}${d.status === 'missed' ? ` (${ctx.t('complaint.status.missed')})` : ''}`)
    .join(', ');
}

export async function runComplaintNew(ctx: CliContext, flags: ComplaintNewFlags): Promise<number> {
  // a new complaint's own file: the others are not read (freshId looks for its name on disk)
  const session = openDeskFor(ctx, () => []);
  const { desk } = session;
  const tz = desk.config.timezone;
  const at = parseAt(flags.at, session.asOf, tz);
  const clerk = byDefault(session, at);
  const interactive = ctx.interactive;
  const missing: Question[] = [];
  if (!flags.channel && interactive) missing.push({ flag: '--channel', message: ctx.t('prompt.complaint.channel'), choices: labelled(ctx, COMPLAINT_CHANNELS), default: 'phone' });
  if (interactive && flags.unit === undefined) missing.push({ flag: '--unit', message: ctx.t('prompt.duty.unit'), required: false });
  if (interactive && flags.name === undefined) missing.push({ flag: '--name', message: ctx.t('prompt.duty.name'), required: false });
  if (interactive && flags.phone === undefined) missing.push({ flag: '--phone', message: ctx.t('prompt.duty.phone'), required: false });
  if (!flags.summary) missing.push({ flag: '--summary', message: ctx.t('prompt.complaint.summary') });
  if (interactive && flags.request === undefined) missing.push({ flag: '--request', message: ctx.t('prompt.complaint.request'), required: false });
  if (!flags.category) missing.push({ flag: '--category', message: ctx.t('prompt.handover.category'), validate: (v) => KEY_NAME.test(v) || 'a-z, 0-9, _' });
  if (interactive && flags.department === undefined) missing.push({ flag: '--department', message: ctx.t('prompt.complaint.department'), required: false });
  if (!flags.severity) {
    missing.push({
      flag: '--severity',
      message: ctx.t('prompt.complaint.severity'),
      choices: SEVERITIES.map((s) => ({ value: s, name: ctx.t(`complaint.severity.${s}`) })),
      default: 'minor',
    });
  }
  if (!flags.by && (!clerk || interactive)) missing.push({ flag: '--by', message: ctx.t('prompt.duty.by'), ...(clerk ? { default: clerk } : {}) });
  const answers = await askMissing(ctx, missing);
  const value = (flag: string, given: string | undefined) => opt(given ?? answers[flag]);
  const severity = value('--severity', flags.severity) as Severity;
  if (!SEVERITIES.includes(severity)) throw new KefuError('err.badValue', { flag: '--severity', value: severity, reason: SEVERITIES.join('|') });
  const by = checkStaff(ctx, session, '--by', value('--by', flags.by) ?? clerk ?? '');

  // what the clerk does at once: escalate (important, major) or assign; asked on a terminal
  let escalateTo = opt(flags.escalateTo);
  let requested = opt(flags.requestedDeadline);
  if (interactive && !escalateTo && !flags.assignee && severity !== 'minor') {
    const target = escalationTarget(session, severity);
    escalateTo = opt((await askMissing(ctx, [{ flag: '--escalate-to', message: ctx.t('prompt.complaint.escalateTo', { rule: ctx.t(`complaint.rule.${severity}`) }), required: false, ...(target ? { default: target } : {}) }]))['--escalate-to']);
  }
  if (interactive && severity === 'minor' && requested === undefined) {
    requested = opt((await askMissing(ctx, [{ flag: '--requested-deadline', message: ctx.t('prompt.complaint.requestedDeadline'), required: false, validate: (v) => v === '' || /^\d{4}-\d{2}-\d{2}$/.test(v) || 'YYYY-MM-DD' }]))['--requested-deadline']);
  }
  if (requested !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(requested)) throw new KefuError('err.badValue', { flag: '--requested-deadline', value: requested, reason: 'YYYY-MM-DD' });
  const category = value('--category', flags.category)!;
  if (!KEY_NAME.test(category)) throw new KefuError('err.badValue', { flag: '--category', value: category, reason: 'a-z, 0-9, _ (noise, parking, …)' });

  const stamp = formatInstant(at, tz);
  const department = value('--department', flags.department);
  // a record file holds at least one event (an empty list cannot be appended to): the first action, or the registration itself
  const first: ComplaintEvent = escalateTo
    ? { type: 'escalated', at: stamp, by, to: checkStaff(ctx, session, '--escalate-to', escalateTo) }
    : flags.assignee
      ? { type: 'assigned', at: stamp, by, ...(department ? { department } : {}), assignee: checkStaff(ctx, session, '--assignee', flags.assignee) }
      : { type: 'note', at: stamp, by, text: ctx.t('complaint.registered') };
  const complainant = Object.fromEntries(
    Object.entries({ name: value('--name', flags.name), unit: value('--unit', flags.unit), phone: value('--phone', flags.phone) }).filter(([, v]) => v !== undefined),
  );
  const id = freshId(session, 'TS', at);
  const complaint: Complaint = {
    id,
    received_at: stamp,
    received_by: by,
    channel: (value('--channel', flags.channel) ?? 'phone') as Complaint['channel'],
    complainant,
    category,
    ...(department ? { department } : {}),
    ...(opt(flags.person) ? { person: opt(flags.person)! } : {}),
    ...(opt(flags.location) ? { location: opt(flags.location)! } : {}),
    summary: value('--summary', flags.summary)!,
    ...(value('--request', flags.request) ? { request: value('--request', flags.request)! } : {}),
    severity,
    ...(requested ? { requested_deadline: requested } : {}),
    events: [first],
  };
  const { path } = writeItem(ctx, session, {
    path: complaintPath(id), listKey: 'events', item: first,
    create: { record: complaint, kind: 'complaint' },
    by, message: `complaint: ${id} received (${severity}, ${category})`, commit: flags.commit,
  });
  const state = deriveComplaintState(complaint, desk.config, Math.max(at, session.asOf));
  ctx.io.stdout.write(`${id}\n`);
  ctx.io.stderr.write(`${ctx.t('complaint.created', { id, file: path })}\n`);
  const due = deadlineLine(ctx, state, tz);
  if (due) ctx.io.stderr.write(`${ctx.t('complaint.deadlines', { deadlines: due })}\n`);
  return EXIT.clean;
}

export type ComplaintAction = 'escalate' | 'assign' | 'reply' | 'resolve' | 'reopen' | 'reclassify' | 'invalid' | 'note';

export interface ComplaintEventFlags {
  at?: string;
  by?: string;
  to?: string;
  assignee?: string;
  department?: string;
  note?: string;
  result?: string;
  reason?: string;
  severity?: string;
  text?: string;
  commit?: boolean;
}

/** One lifecycle step, appended as an event — refused, writing nothing, when it makes no sense in the complaint's state. */
export async function runComplaintEvent(ctx: CliContext, action: ComplaintAction, idArg: string | undefined, flags: ComplaintEventFlags): Promise<number> {
  const session = openDeskForRecord(ctx, 'complaints', idArg);
  const { desk } = session;
  const tz = desk.config.timezone;
  const at = parseAt(flags.at, session.asOf, tz);
  const pre: Question[] = [];
  if (!idArg) pre.push({ flag: 'ID', message: ctx.t('prompt.complaint.id') });
  const id0 = idArg ?? (await askMissing(ctx, pre))['ID'];
  const file = findById(desk.complaints, id0, 'ID');
  const c = file.data;
  const state = deriveComplaintState(c, desk.config, Math.max(at, session.asOf));
  if (state.invalid && action !== 'note') throw new KefuError('err.complaintInvalid', { id: c.id });
  if (action === 'resolve' && state.status === 'resolved') throw new KefuError('err.complaintResolved', { id: c.id });
  if (action === 'reopen' && state.status !== 'resolved') throw new KefuError('err.complaintNotResolved', { id: c.id });
  if (action === 'reclassify' && flags.severity === state.severity) throw new KefuError('err.sameSeverity', { id: c.id, severity: state.severity });
  if (at < Date.parse(c.received_at)) throw new KefuError('err.beforeReceived', { id: c.id, at: c.received_at });

  const clerk = byDefault(session, at);
  const missing: Question[] = [];
  const target = escalationTarget(session, state.severity);
  if (action === 'escalate' && !flags.to && (!target || ctx.interactive)) missing.push({ flag: '--to', message: ctx.t('prompt.complaint.escalateTo', { rule: ctx.t(`complaint.rule.${state.severity}`) }), ...(target ? { default: target } : {}) });
  if (action === 'assign' && !flags.assignee) missing.push({ flag: '--assignee', message: ctx.t('prompt.complaint.assignee') });
  if (action === 'assign' && flags.department === undefined && ctx.interactive) missing.push({ flag: '--department', message: ctx.t('prompt.complaint.department'), required: false, ...(state.department ? { default: state.department } : {}) });
  if (action === 'reply' && flags.note === undefined && ctx.interactive) missing.push({ flag: '--note', message: ctx.t('prompt.complaint.reply'), required: false });
  if (action === 'resolve' && flags.result === undefined && ctx.interactive) missing.push({ flag: '--result', message: ctx.t('prompt.complaint.result'), required: false });
  if (action === 'reclassify' && !flags.severity) {
    missing.push({ flag: '--severity', message: ctx.t('prompt.complaint.severity'), choices: SEVERITIES.filter((s) => s !== state.severity).map((s) => ({ value: s, name: ctx.t(`complaint.severity.${s}`) })) });
  }
  if ((action === 'reopen' || action === 'reclassify' || action === 'invalid') && !flags.reason) missing.push({ flag: '--reason', message: ctx.t('prompt.duty.reason') });
  if (action === 'note' && !flags.text) missing.push({ flag: '--text', message: ctx.t('prompt.complaint.note') });
  if (!flags.by && (!clerk || ctx.interactive)) missing.push({ flag: '--by', message: ctx.t('prompt.duty.by'), ...(clerk ? { default: clerk } : {}) });
  const answers = await askMissing(ctx, missing);
  const get = (flag: string, given: string | undefined) => opt(given ?? answers[flag]);
  const by = checkStaff(ctx, session, '--by', get('--by', flags.by) ?? clerk ?? '');
  const base = { at: formatInstant(at, tz), by };
  let event: ComplaintEvent;
  switch (action) {
    case 'escalate':
      event = { type: 'escalated', ...base, to: checkStaff(ctx, session, '--to', get('--to', flags.to) ?? target ?? '') };
      break;
    case 'assign': {
      const department = get('--department', flags.department);
      event = { type: 'assigned', ...base, ...(department ? { department } : {}), assignee: checkStaff(ctx, session, '--assignee', get('--assignee', flags.assignee)!) };
      break;
    }
    case 'reply': {
      const note = get('--note', flags.note);
      event = { type: 'replied', ...base, ...(note ? { note } : {}) };
      break;
    }
    case 'resolve': {
      const result = get('--result', flags.result);
      event = { type: 'resolved', ...base, ...(result ? { result } : {}) };
      break;
    }
    case 'reopen':
      event = { type: 'reopened', ...base, reason: get('--reason', flags.reason)! };
      break;
    case 'reclassify': {
      const severity = get('--severity', flags.severity) as Severity;
      if (!SEVERITIES.includes(severity)) throw new KefuError('err.badValue', { flag: '--severity', value: severity, reason: SEVERITIES.join('|') });
      if (severity === state.severity) throw new KefuError('err.sameSeverity', { id: c.id, severity });
      event = { type: 'reclassified', ...base, severity, reason: get('--reason', flags.reason)! };
      break;
    }
    case 'invalid':
      event = { type: 'invalid', ...base, reason: get('--reason', flags.reason)! };
      break;
    case 'note':
      event = { type: 'note', ...base, text: get('--text', flags.text)! };
      break;
  }
  const { path } = writeItem(ctx, session, {
    path: file.file, listKey: 'events', item: event, by,
    message: `complaint: ${c.id} ${event.type}${event.type === 'reclassified' ? ` → ${event.severity}` : ''}`, commit: flags.commit,
  });
  ctx.io.stderr.write(`${ctx.t('complaint.appended', { id: c.id, event: enumLabel(event.type, ctx.lang), file: path })}\n`);
  const after = deriveComplaintState({ ...c, events: [...c.events, event] }, desk.config, Math.max(at, session.asOf));
  const due = deadlineLine(ctx, after, tz);
  if (due) ctx.io.stderr.write(`${ctx.t('complaint.deadlines', { deadlines: due })}\n`);
  return EXIT.clean;
}

export interface ComplaintView {
  id: string;
  received_at: string;
  received_by: string;
  channel: string;
  complainant: { name?: string; unit?: string; phone?: string };
  category: string;
  department?: string;
  person?: string;
  location?: string;
  summary: string;
  request?: string;
  severity: string;
  severity_received: string;
  requested_deadline?: string;
  status: string;
  assignee?: string;
  deadlines: { stage: string; rule: string; due: string; done_at: string | null; status: string }[];
  callback: { from: string; due: string; status: 'met' | 'missed' | 'open'; callback: string | null; attempts: number } | null;
  events: Record<string, unknown>[];
}

function callbackStatus(o: Obligation, asOf: number): 'met' | 'missed' | 'open' {
  if (o.fulfilledBy) return Date.parse(o.fulfilledBy.at) <= o.due ? 'met' : 'missed';
  return asOf > o.due ? 'missed' : 'open';
}

/** What `show` and `list` print of a complaint as of `asOf`, personal data masked unless revealed. */
export function complaintView(ctx: CliContext, session: DeskSession, c: Complaint, callbacks: Map<string, Obligation>): ComplaintView {
  const { desk, asOf } = session;
  const tz = desk.config.timezone;
  const state = deriveComplaintState(c, desk.config, asOf);
  const mask = masker(ctx.reveal);
  const complainant = Object.fromEntries(
    Object.entries({ name: mask.name(c.complainant.name), unit: c.complainant.unit, phone: mask.phone(c.complainant.phone) }).filter(([, v]) => v !== undefined),
  );
  const cb = callbacks.get(c.id);
  const stage = (d: StageDeadline) => ({ stage: d.stage, rule: d.rule, due: formatInstant(d.due, tz), done_at: d.doneAt === undefined ? null : formatInstant(d.doneAt, tz), status: d.status });
  return {
    id: c.id,
    received_at: c.received_at,
    received_by: c.received_by,
    channel: c.channel,
    complainant,
    category: c.category,
    ...(state.department ? { department: state.department } : {}),
    ...(c.person ? { person: c.person } : {}),
    ...(c.location ? { location: c.location } : {}),
    summary: c.summary,
    ...(c.request ? { request: c.request } : {}),
    severity: state.severity,
    severity_received: c.severity,
    ...(c.requested_deadline ? { requested_deadline: c.requested_deadline } : {}),
    status: state.status,
    ...(state.assignee ? { assignee: state.assignee } : {}),
    deadlines: state.deadlines.map(stage),
    callback: cb
      ? { from: formatInstant(cb.from, tz), due: formatInstant(cb.due, tz), status: callbackStatus(cb, asOf), callback: cb.fulfilledBy?.id ?? null, attempts: cb.attempts.length }
      : null,
    events: c.events.filter((e) => Date.parse(e.at) <= asOf),
  };
}

function complaintCallbacks(session: DeskSession): Map<string, Obligation> {
  return new Map(deriveCallbackSubjects(session.desk, session.asOf).filter((o) => o.kind === 'complaint').map((o) => [o.subject, o]));
}

/** "2026-11-25 11:05", with the seconds when they matter ("11:05:01"). */
function short(iso: string, tz: string): string {
  const l = toLocal(Date.parse(iso), tz);
  return `${l.date} ${l.time.endsWith(':00') ? l.time.slice(0, 5) : l.time.slice(0, 8)}`;
}

export async function runComplaintShow(ctx: CliContext, idArg: string | undefined, flags: { format?: string }): Promise<number> {
  const format = checkFormat(flags.format, ['table', 'json', 'md'] as const, 'table');
  const session = openDesk(ctx);
  const { desk } = session;
  const tz = desk.config.timezone;
  const id = idArg ?? (await askMissing(ctx, [{ flag: 'ID', message: ctx.t('prompt.complaint.id') }]))['ID'];
  const file = findById(desk.complaints.filter((c) => Date.parse(c.data.received_at) <= session.asOf), id, 'ID');
  const v = complaintView(ctx, session, file.data, complaintCallbacks(session));
  if (format === 'json') {
    ctx.io.stdout.write(`${renderJson(v)}\n`);
    return EXIT.clean;
  }
  const L = (v: string) => enumLabel(v, ctx.lang);
  const staffName = new Map(desk.staff.map((s) => [s.id, s.name]));
  const who = (sid: string | undefined) => (sid ? `${sid} ${staffName.get(sid) ?? ''}`.trim() : '');
  const facts: [string, string][] = [
    [ctx.t('complaint.col.severity'), `${L(v.severity)}${v.severity !== v.severity_received ? ` (${ctx.t('complaint.was')} ${L(v.severity_received)})` : ''}`],
    [ctx.t('complaint.col.status'), L(v.status === 'resolved' ? 'resolved' : v.status === 'invalid' ? 'invalid' : 'open')],
    [ctx.t('complaint.col.received'), `${short(v.received_at, tz)} ${who(v.received_by)} (${L(v.channel)})`],
    [ctx.t('complaint.col.complainant'), [v.complainant.unit, v.complainant.name, v.complainant.phone].filter(Boolean).join(' ')],
    [ctx.t('complaint.col.category'), [v.category, v.department, v.person].filter(Boolean).join(' / ')],
    ...(v.location ? [[ctx.t('complaint.col.location'), v.location] as [string, string]] : []),
    [ctx.t('complaint.col.summary'), v.summary],
    ...(v.request ? [[ctx.t('complaint.col.request'), v.request] as [string, string]] : []),
    ...(v.requested_deadline ? [[ctx.t('complaint.col.requested'), v.requested_deadline] as [string, string]] : []),
    ...(v.assignee ? [[ctx.t('complaint.col.assignee'), who(v.assignee)] as [string, string]] : []),
  ];
  const deadlineRows = v.deadlines.map((d) => [ctx.t(`complaint.stage.${d.stage as 'resolve'}`), d.rule, short(d.due, tz), d.done_at ? short(d.done_at, tz) : '', ctx.t(`complaint.status.${d.status as 'met'}`)]);
  if (v.callback) deadlineRows.push([ctx.t('complaint.stage.callback'), desk.config.callbacks.complaint.within, short(v.callback.due, tz), v.callback.callback ?? (v.callback.attempts ? `${v.callback.attempts} ×` : ''), ctx.t(`complaint.status.${v.callback.status}`)]);
  const eventRows = v.events.map((e) => {
    const { type, at, by, ...rest } = e as { type: string; at: string; by: string };
    return [short(at, tz), who(by), L(type), Object.entries(rest).map(([k, x]) => `${k}: ${String(x)}`).join('; ')];
  });
  const dHead = ['stage', 'rule', 'due', 'done', 'verdict'].map((k) => ctx.t(`complaint.dcol.${k as 'stage'}`));
  const eHead = ['time', 'by', 'event', 'details'].map((k) => ctx.t(`complaint.ecol.${k as 'time'}`));
  if (format === 'md') {
    const esc = (s: string) => visible(s.replace(/\|/g, '\\|').replace(/\n/g, ' '));
    const table = (head: string[], rows: string[][]) => `| ${head.join(' | ')} |\n| ${head.map(() => '---').join(' | ')} |\n${rows.map((r) => `| ${r.map(esc).join(' | ')} |`).join('\n')}\n`;
    ctx.io.stdout.write(`# ${v.id}\n\n${facts.map(([k, x]) => `- **${k}**: ${esc(x)}`).join('\n')}\n\n## ${ctx.t('complaint.deadlinesTitle')}\n\n${table(dHead, deadlineRows)}\n## ${ctx.t('complaint.eventsTitle')}\n\n${table(eHead, eventRows)}`);
    return EXIT.clean;
  }
  const colour = (s: string) => (s === ctx.t('complaint.status.missed') ? paintCell(s, ctx.out.red) : s === ctx.t('complaint.status.met') ? paintCell(s, ctx.out.green) : s);
  ctx.io.stdout.write(`${ctx.out.bold(visible(v.id))}\n${facts.map(([k, x]) => `${k}: ${visibleLines(x)}`).join('\n')}\n\n${ctx.t('complaint.deadlinesTitle')}\n${renderTable(dHead, deadlineRows.map((r) => [...r.slice(0, 4), colour(r[4]!)]), ctx.colorOut)}\n\n${ctx.t('complaint.eventsTitle')}\n${renderTable(eHead, eventRows, ctx.colorOut)}\n`);
  return EXIT.clean;
}

export interface ComplaintListFlags {
  status?: string;
  severity?: string;
  category?: string;
  unit?: string;
  assignee?: string;
  overdue?: boolean;
  month?: string;
  from?: string;
  to?: string;
  format?: string;
}

/** The register, filtered: by status, severity, category, unit, assignee, overdue, period of receipt. */
export async function runComplaintList(ctx: CliContext, flags: ComplaintListFlags): Promise<number> {
  const format = checkFormat(flags.format, ['table', 'json', 'csv'] as const, 'table');
  for (const [flag, value, re] of [['--month', flags.month, /^\d{4}-\d{2}$/], ['--from', flags.from, /^\d{4}-\d{2}-\d{2}$/], ['--to', flags.to, /^\d{4}-\d{2}-\d{2}$/]] as const) {
    if (value !== undefined && !re.test(value)) throw new KefuError('err.badValue', { flag, value, reason: flag === '--month' ? 'YYYY-MM' : 'YYYY-MM-DD' });
  }
  if (flags.status && !['open', 'resolved', 'invalid'].includes(flags.status)) throw new KefuError('err.badValue', { flag: '--status', value: flags.status, reason: 'open|resolved|invalid' });
  if (flags.severity && !(SEVERITIES as readonly string[]).includes(flags.severity)) throw new KefuError('err.badValue', { flag: '--severity', value: flags.severity, reason: SEVERITIES.join('|') });
  const session = openDesk(ctx);
  const { desk, asOf } = session;
  const tz = desk.config.timezone;
  const callbacks = complaintCallbacks(session);
  const views = desk.complaints
    .map((f) => f.data)
    .filter((c) => Date.parse(c.received_at) <= asOf)
    .filter((c) => {
      const day = localDateOf(Date.parse(c.received_at), tz);
      return (!flags.month || day.startsWith(flags.month)) && (!flags.from || day >= flags.from) && (!flags.to || day <= flags.to);
    })
    .sort((a, b) => Date.parse(a.received_at) - Date.parse(b.received_at) || (a.id < b.id ? -1 : 1))
    .map((c) => complaintView(ctx, session, c, callbacks))
    .filter((v) =>
      (!flags.status || v.status === flags.status) &&
      (!flags.severity || v.severity === flags.severity) &&
      (!flags.category || v.category === flags.category) &&
      (!flags.unit || v.complainant.unit === flags.unit) &&
      (!flags.assignee || v.assignee === flags.assignee) &&
      (!flags.overdue || isOverdueView(v)),
    );
  if (format === 'json') {
    ctx.io.stdout.write(`${renderJson({ as_of: formatInstant(asOf, tz), complaints: views })}\n`);
    return EXIT.clean;
  }
  const next = (v: ComplaintView) => v.deadlines.find((d) => d.status !== 'met' && d.done_at === null) ?? (v.callback && v.callback.status !== 'met' && !v.callback.callback ? { stage: 'callback', due: v.callback.due, status: v.callback.status } : undefined);
  const head = ['id', 'received', 'severity', 'status', 'category', 'unit', 'assignee', 'next', 'due', 'overdue'];
  const rows = views.map((v) => {
    const n = next(v);
    return [v.id, short(v.received_at, tz), v.severity, v.status, v.category, v.complainant.unit ?? '', v.assignee ?? '', n?.stage ?? '', n ? short(n.due, tz) : '', isOverdueView(v) ? 'yes' : ''];
  });
  if (format === 'csv') {
    ctx.io.stdout.write(`${[head, ...rows].map((r) => r.map(csvCell).join(',')).join('\n')}\n`);
    return EXIT.clean;
  }
  if (rows.length === 0) {
    ctx.io.stderr.write(`${ctx.t('complaint.none')}\n`);
    return EXIT.clean;
  }
  const zhHead = head.map((k) => ctx.t(`complaint.lcol.${k as 'id'}`));
  ctx.io.stdout.write(`${renderTable(zhHead, rows.map((r) => [r[0]!, r[1]!, enumLabel(r[2]!, ctx.lang), enumLabel(r[3]!, ctx.lang), ...r.slice(4, 9), r[9] ? paintCell(ctx.t('complaint.status.missed'), ctx.out.red) : '']), ctx.colorOut)}\n`);
  ctx.io.stderr.write(`${ctx.t('complaint.count', { count: rows.length })}\n`);
  return EXIT.clean;
}

/** A stage past its due and not done, or a callback owed and overdue. */
function isOverdueView(v: ComplaintView): boolean {
  return v.deadlines.some((d) => d.status === 'missed' && d.done_at === null) || (v.callback?.status === 'missed' && v.callback.callback === null);
}
