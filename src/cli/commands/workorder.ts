// kefu workorder (wo) new|respond|assign|complete|leak-test|cancel|reopen|show|list —
// repair and service orders 维修工作单 (SPEC §3.6, §4; callbacks §5.3, seed 001 报修接待).
// Every write appends one event to the order's own file and commits it as its author.
import { callbackRuleFor, deriveCallbackSubjects, type Obligation } from '../../domain/callbacks.js';
import { deadlineFrom } from '../../domain/deadlines.js';
import { enumLabel } from '../../diagnostics/catalogue.js';
import { masker } from '../../domain/privacy.js';
import { isActive } from '../../domain/records/staff.js';
import { WORK_ORDER_KINDS, workOrderPath, type WorkOrder, type WorkOrderEvent } from '../../domain/records/work-order.js';
import { formatInstant, localDateOf, toEpoch, toLocal } from '../../domain/time.js';
import type { MessageKey } from '../../i18n/messages.js';
import { checkFormat, type CliContext } from '../context.js';
import { openDesk, openDeskFor, openDeskForRecord, type DeskSession } from '../desk-session.js';
import { EXIT, KefuError } from '../errors.js';
import { askMissing, type Question } from '../prompts.js';
import { checkStaff, findById, freshId, parseAt, staffOnDuty, writeItem } from '../record-writer.js';
import { renderTable } from '../render/table.js';
import { csvCell } from '../render/csv.js';
import { deriveWorkOrderState, WORK_ORDER_STATUSES, type WorkOrderState, type WorkOrderStatus } from '../../domain/work-orders.js';
import { renderJson, visible } from '../render/terminal-text.js';

type Kind = (typeof WORK_ORDER_KINDS)[number];
type Loaded = DeskSession['desk']['workOrders'][number];

/** A leak repair: its callback counts from the leak test (seed 001 报修接待 4). */
function isLeakRepair(session: DeskSession, wo: WorkOrder): boolean {
  return wo.kind === 'repair' && callbackRuleFor(session.desk.config, wo.kind, wo.category).counts_from === 'leak_tested';
}

const opt = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());
const KEY_NAME = /^[a-z][a-z0-9_]{0,31}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (v: string) => DATE.test(v) && !Number.isNaN(Date.parse(v));

const short = (ms: number, tz: string) => {
  const l = toLocal(ms, tz);
  return `${l.date} ${l.time.slice(0, 5)}`;
};

function statusLabel(ctx: CliContext, status: WorkOrderStatus): string {
  return ctx.t(`wo.status.${status}` as MessageKey);
}

function kindChoices(ctx: CliContext) {
  return WORK_ORDER_KINDS.map((k) => ({ value: k, name: ctx.lang === 'zh-CN' ? `${enumLabel(k, 'zh-CN')} (${k})` : k }));
}

/** Repair categories the desk knows: the callback table's rows, the three of seed 001 报修接待 4, and those in use. */
function repairCategories(session: DeskSession): string[] {
  const used = session.desk.workOrders.filter((w) => w.data.kind === 'repair' && w.data.category).map((w) => w.data.category!);
  return [...new Set(['leak', 'safety', 'other', ...Object.keys(session.desk.config.callbacks.repair.categories), ...used])];
}

function byQuestion(ctx: CliContext, fallback: string | undefined): Question {
  return { flag: '--by', message: ctx.t('prompt.wo.by'), ...(fallback ? { default: fallback } : {}) };
}

// ---------------------------------------------------------------------------- new

export interface WoNewFlags {
  kind?: string;
  category?: string;
  item?: string;
  unit?: string;
  name?: string;
  phone?: string;
  location?: string;
  paid?: boolean;
  contractStart?: string;
  contractEnd?: string;
  assignee?: string;
  at?: string;
  by?: string;
  commit?: boolean;
}

/** Registers a work order: the file is created with its first event — the assignment, or a note that it was registered. */
export async function runWoNew(ctx: CliContext, flags: WoNewFlags): Promise<number> {
  // a new order's own file: the other orders are not read (freshId looks for its name on disk)
  const session = openDeskFor(ctx, () => []);
  const { desk } = session;
  const tz = desk.config.timezone;
  const at = parseAt(flags.at, session.asOf, tz);
  const clerk = staffOnDuty(session, at);
  const interactive = ctx.interactive;
  if (flags.kind !== undefined && !(WORK_ORDER_KINDS as readonly string[]).includes(flags.kind)) {
    throw new KefuError('err.badValue', { flag: '--kind', value: flags.kind, reason: WORK_ORDER_KINDS.join('|') });
  }
  if (flags.category !== undefined && !KEY_NAME.test(flags.category)) throw new KefuError('err.badValue', { flag: '--category', value: flags.category, reason: 'a-z, 0-9, _ (e.g. leak)' });
  for (const [flag, value] of [['--contract-start', flags.contractStart], ['--contract-end', flags.contractEnd]] as const) {
    if (value !== undefined && !isDate(value)) throw new KefuError('err.badValue', { flag, value, reason: 'YYYY-MM-DD' });
  }

  // the kind first: it decides what else is needed
  const kindQuestion: Question = { flag: '--kind', message: ctx.t('prompt.wo.kind'), choices: kindChoices(ctx), default: 'repair' };
  const chosen = flags.kind ?? (interactive ? (await askMissing(ctx, [kindQuestion]))['--kind'] : undefined);
  const missing: Question[] = [];
  if (!chosen) missing.push(kindQuestion);
  // the category decides the callback rule of a repair (SPEC §5.3), so a repair needs one
  if (!flags.category && chosen === 'repair') missing.push({ flag: '--category', message: ctx.t('prompt.wo.category'), choices: repairCategories(session).map((c) => ({ value: c, name: c })) });
  if (!flags.item) missing.push({ flag: '--item', message: ctx.t('prompt.wo.item') });
  if (interactive && flags.unit === undefined) missing.push({ flag: '--unit', message: ctx.t('prompt.duty.unit'), required: false });
  if (interactive && flags.name === undefined) missing.push({ flag: '--name', message: ctx.t('prompt.wo.name'), required: false });
  if (interactive && flags.phone === undefined) missing.push({ flag: '--phone', message: ctx.t('prompt.duty.phone'), required: false });
  if (chosen === 'special_service') {
    if (!flags.contractStart) missing.push({ flag: '--contract-start', message: ctx.t('prompt.wo.contractStart'), validate: (v) => isDate(v) || 'YYYY-MM-DD' });
    if (!flags.contractEnd) missing.push({ flag: '--contract-end', message: ctx.t('prompt.wo.contractEnd'), validate: (v) => isDate(v) || 'YYYY-MM-DD' });
  }
  if (!flags.by && (!clerk || interactive)) missing.push(byQuestion(ctx, clerk));
  const answers = await askMissing(ctx, missing);
  const kind = chosen as Kind;
  const get = (flag: string, given: string | undefined) => opt(given ?? answers[flag]);

  const category = get('--category', flags.category);
  const contractStart = get('--contract-start', flags.contractStart);
  const contractEnd = get('--contract-end', flags.contractEnd);
  if (kind !== 'special_service' && (contractStart || contractEnd)) throw new KefuError('wo.err.contractOnly', { kind });
  if (contractStart && contractEnd && contractEnd < contractStart) throw new KefuError('err.badValue', { flag: '--contract-end', value: contractEnd, reason: ctx.t('wo.err.contractOrder', { start: contractStart }) });
  const by = checkStaff(ctx, session, '--by', get('--by', flags.by) ?? clerk ?? '');
  const assignee = flags.assignee !== undefined ? checkStaff(ctx, session, '--assignee', flags.assignee) : undefined;

  const id = freshId(session, 'WO', at);
  const when = formatInstant(at, tz);
  const first: WorkOrderEvent = assignee
    ? { type: 'assigned', at: when, by, assignee }
    : { type: 'note', at: when, by, text: ctx.t('wo.registeredNote') };
  const requester = Object.fromEntries(
    Object.entries({ name: get('--name', flags.name), unit: get('--unit', flags.unit), phone: get('--phone', flags.phone) }).filter(([, v]) => v !== undefined),
  );
  const record: WorkOrder = {
    id,
    kind,
    received_at: when,
    received_by: by,
    requester,
    ...(category ? { category } : {}),
    item: get('--item', flags.item)!,
    ...(opt(flags.location) ? { location: opt(flags.location)! } : {}),
    ...(flags.paid ? { paid: true } : {}),
    ...(contractStart && contractEnd ? { contract: { start: contractStart, end: contractEnd } } : {}),
    events: [first],
  };
  const { path } = writeItem(ctx, session, {
    path: workOrderPath(id), listKey: 'events', item: first,
    create: { record, kind: 'work-order' },
    by, message: `workorder: ${id} new ${kind}${category ? `/${category}` : ''}${assignee ? `, assigned → ${assignee}` : ''}`, commit: flags.commit,
  });
  ctx.io.stdout.write(`${id}\n`);
  ctx.io.stderr.write(`${ctx.t('wo.created', { id, kind: enumLabel(kind, ctx.lang), file: path })}\n`);
  if (assignee) ctx.io.stderr.write(`${ctx.t('wo.assigned', { id, assignee: staffLabel(session, assignee) })}\n`);
  return EXIT.clean;
}

function staffLabel(session: DeskSession, id: string): string {
  const name = session.desk.staff.find((s) => s.id === id)?.name;
  return name ? `${id} ${name}` : id;
}

// ------------------------------------------------------------------------- events

export type WoAction = 'respond' | 'assign' | 'complete' | 'leak-test' | 'cancel' | 'reopen';

export interface WoEventFlags {
  at?: string;
  by?: string;
  assignee?: string;
  note?: string;
  passed?: boolean;
  failed?: boolean;
  reason?: string;
  commit?: boolean;
}

/** Refuses, writing nothing, an event that makes no sense for the order as it stands. */
function refuseNonsense(ctx: CliContext, session: DeskSession, action: WoAction, wo: WorkOrder, s: WorkOrderState, flags: WoEventFlags): void {
  const tz = session.desk.config.timezone;
  const params = { id: wo.id, status: statusLabel(ctx, s.status) };
  const closed = s.status === 'completed' || s.status === 'leak-tested';
  switch (action) {
    case 'respond':
      if (s.respondedAt !== undefined) throw new KefuError('wo.err.alreadyResponded', { ...params, at: short(s.respondedAt, tz) });
      if (closed || s.status === 'cancelled') throw new KefuError('wo.err.notOpen', params);
      break;
    case 'assign':
      if (s.status === 'cancelled') throw new KefuError('wo.err.notOpen', params);
      if (closed) throw new KefuError('wo.err.reopenFirst', params);
      if (flags.assignee !== undefined && flags.assignee.trim() === s.assignee) throw new KefuError('wo.err.sameAssignee', { ...params, assignee: s.assignee });
      break;
    case 'complete':
      if (s.status === 'cancelled') throw new KefuError('wo.err.completeCancelled', params);
      if (closed) throw new KefuError('wo.err.alreadyCompleted', { ...params, at: short(s.completedAt!, tz) });
      break;
    case 'leak-test':
      if (!isLeakRepair(session, wo)) throw new KefuError('wo.err.notLeakRepair', { ...params, kind: wo.kind, category: wo.category ?? '—' });
      if (s.status === 'leak-tested') throw new KefuError('wo.err.alreadyLeakTested', { ...params, at: short(s.leakTest!.at, tz) });
      if (s.status !== 'completed') throw new KefuError('wo.err.leakNotCompleted', params);
      break;
    case 'cancel':
      if (s.status === 'cancelled') throw new KefuError('wo.err.alreadyCancelled', { ...params, at: short(s.cancelledAt!, tz) });
      if (closed) throw new KefuError('wo.err.cancelCompleted', params);
      break;
    case 'reopen':
      if (!closed) throw new KefuError('wo.err.reopenNotCompleted', params);
      break;
  }
}

const EVENT_TYPE: Record<WoAction, WorkOrderEvent['type']> = {
  respond: 'responded', assign: 'assigned', complete: 'completed', 'leak-test': 'leak_tested', cancel: 'cancelled', reopen: 'reopened',
};

/** One lifecycle step of a work order, appended as an event. */
export async function runWoEvent(ctx: CliContext, action: WoAction, idArg: string | undefined, flags: WoEventFlags): Promise<number> {
  const session = openDeskForRecord(ctx, 'workorders', idArg);
  const { desk } = session;
  const tz = desk.config.timezone;
  const at = parseAt(flags.at, session.asOf, tz);
  if (action === 'leak-test' && flags.passed && flags.failed) throw new KefuError('wo.err.passedOrFailed');

  // the fields each step needs; without a terminal every missing one is named at once
  const fields = (s?: WorkOrderState): Question[] => {
    const q: Question[] = [];
    if (action === 'assign' && !flags.assignee) {
      const maintenance = desk.staff.filter((m) => m.roles.includes('maintenance') && isActive(m));
      q.push({ flag: '--assignee', message: ctx.t('prompt.wo.assignee'), ...(maintenance.length && ctx.interactive ? { choices: [...maintenance, ...desk.staff.filter((m) => !maintenance.includes(m) && isActive(m))].map((m) => ({ value: m.id, name: `${m.id} ${m.name}` })) } : {}) });
    }
    if (action === 'leak-test' && !flags.passed && !flags.failed) {
      q.push({ flag: '--passed|--failed', message: ctx.t('prompt.wo.leakTest'), choices: [{ value: 'passed', name: ctx.t('prompt.wo.passed') }, { value: 'failed', name: ctx.t('prompt.wo.failed') }] });
    }
    if ((action === 'complete' || action === 'leak-test') && flags.note === undefined && ctx.interactive) q.push({ flag: '--note', message: ctx.t('prompt.wo.note'), required: false });
    if ((action === 'cancel' || action === 'reopen') && !flags.reason) q.push({ flag: '--reason', message: ctx.t('prompt.wo.reason') });
    // who does the work records it by default; the clerk on duty otherwise
    const fallback = (action === 'complete' || action === 'leak-test' ? s?.assignee : undefined) ?? staffOnDuty(session, at);
    if (!flags.by && (!fallback || ctx.interactive)) q.push(byQuestion(ctx, fallback));
    return q;
  };

  if (!idArg && !ctx.interactive) {
    await askMissing(ctx, [{ flag: 'ID', message: '' }, ...fields()]);
  }
  const id0 = idArg ?? (await askMissing(ctx, [{
    flag: 'ID',
    message: ctx.t('prompt.wo.id'),
    validate: (v) => {
      try {
        findById(desk.workOrders, v.trim(), 'ID');
        return true;
      } catch (error) {
        return error instanceof KefuError ? ctx.t(error.key, error.params) : String(error);
      }
    },
  }]))['ID'];
  const rec = findById(desk.workOrders, id0?.trim(), 'ID');
  const wo = rec.data;
  // writes see the whole file: an event goes after every event already in it
  const state = deriveWorkOrderState(wo, Number.MAX_SAFE_INTEGER);
  const when = formatInstant(at, tz);
  if (at < toEpoch(wo.received_at)) throw new KefuError('wo.err.beforeReceived', { id: wo.id, at: when, received: wo.received_at });
  if (state.lastEventAt !== undefined && at < state.lastEventAt) throw new KefuError('wo.err.beforeLastEvent', { id: wo.id, at: when, last: formatInstant(state.lastEventAt, tz) });
  refuseNonsense(ctx, session, action, wo, state, flags);

  const answers = await askMissing(ctx, fields(state));
  const get = (flag: string, given: string | undefined) => opt(given ?? answers[flag]);
  const fallback = (action === 'complete' || action === 'leak-test' ? state.assignee : undefined) ?? staffOnDuty(session, at);
  const by = checkStaff(ctx, session, '--by', get('--by', flags.by) ?? fallback ?? '');
  const base = { at: when, by };
  const note = get('--note', flags.note);
  let event: WorkOrderEvent;
  switch (action) {
    case 'respond':
      event = { type: 'responded', ...base };
      break;
    case 'assign': {
      const assignee = checkStaff(ctx, session, '--assignee', get('--assignee', flags.assignee) ?? '');
      if (assignee === state.assignee) throw new KefuError('wo.err.sameAssignee', { id: wo.id, assignee });
      event = { type: 'assigned', ...base, assignee };
      break;
    }
    case 'complete':
      event = { type: 'completed', ...base, ...(note ? { note } : {}) };
      break;
    case 'leak-test': {
      const passed = flags.passed ? true : flags.failed ? false : answers['--passed|--failed'] === 'passed';
      event = { type: 'leak_tested', ...base, passed, ...(note ? { note } : {}) };
      break;
    }
    case 'cancel':
      event = { type: 'cancelled', ...base, reason: get('--reason', flags.reason)! };
      break;
    case 'reopen':
      event = { type: 'reopened', ...base, reason: get('--reason', flags.reason)! };
      break;
  }
  const detail = event.type === 'assigned' ? ` → ${event.assignee}` : event.type === 'leak_tested' ? (event.passed ? ' passed' : ' failed') : '';
  const { path } = writeItem(ctx, session, { path: rec.file, listKey: 'events', item: event, by, message: `workorder: ${wo.id} ${EVENT_TYPE[action]}${detail}`, commit: flags.commit });

  const say = (key: MessageKey, params: Record<string, unknown> = {}) => ctx.io.stderr.write(`${ctx.t(key, { id: wo.id, file: path, ...params })}\n`);
  switch (event.type) {
    case 'responded': {
      const minutes = desk.config.kpi.response_minutes;
      const late = at - toEpoch(wo.received_at) > minutes * 60_000;
      say(late ? 'wo.respondedLate' : 'wo.responded', { minutes });
      break;
    }
    case 'assigned':
      say('wo.assignedIn', { assignee: staffLabel(session, event.assignee) });
      break;
    case 'completed':
      say('wo.completed');
      if (isLeakRepair(session, wo)) say('wo.leakTestNext');
      else sayCallbackDue(ctx, session, wo, at, say);
      break;
    case 'leak_tested':
      if (event.passed) {
        say('wo.leakPassed');
        sayCallbackDue(ctx, session, wo, at, say);
      } else say('wo.leakFailed');
      break;
    case 'cancelled':
      say('wo.cancelled');
      break;
    case 'reopened':
      say('wo.reopened');
      break;
    default:
      break;
  }
  return EXIT.clean;
}

/** "Callback due by …" after a closing event, when the kind owes one (rate 100%, SPEC §5.3). */
function sayCallbackDue(ctx: CliContext, session: DeskSession, wo: WorkOrder, from: number, say: (key: MessageKey, params?: Record<string, unknown>) => void): void {
  if (wo.kind === 'special_service') return; // its checkpoints count from the contract, not from completion
  const rule = callbackRuleFor(session.desk.config, wo.kind, wo.category);
  if (rule.rate < 1) return;
  const { due } = deadlineFrom(from, rule.within, session.desk.config);
  const within = /^(\d+)([dh])$/.exec(rule.within);
  say('wo.callbackDue', { due: short(due, session.desk.config.timezone), within: within ? ctx.t(`wo.within.${within[2]}` as MessageKey, { n: within[1] }) : rule.within });
}

// --------------------------------------------------------------------- show, list

export type CallbackStatus = 'met' | 'missed' | 'open' | 'not_owed';

export interface WorkOrderView {
  id: string;
  kind: string;
  category?: string;
  item: string;
  location?: string;
  requester: { name?: string; unit?: string; phone?: string };
  paid: boolean;
  contract?: { start: string; end: string };
  received_at: string;
  received_by: string;
  status: WorkOrderStatus;
  assignee: string | null;
  response: { within_minutes: number; responded_at: string | null; status: 'met' | 'missed' | 'open' };
  completed_at: string | null;
  leak_test: { at: string; passed: boolean } | null;
  callbacks: {
    checkpoint?: string;
    from: string;
    due: string;
    within: string;
    owed: boolean;
    status: CallbackStatus;
    overdue: boolean;
    callback: { id: string; at: string } | null;
    attempts: { id: string; at: string; outcome: string }[];
  }[];
  events: Record<string, unknown>[];
  file: string;
}

/** met: fulfilled by its due; missed: fulfilled late, or not fulfilled by a past due; open: not yet due. */
function callbackStatus(o: Obligation, asOf: number): CallbackStatus {
  if (o.fulfilledBy) return toEpoch(o.fulfilledBy.at) <= o.due ? 'met' : 'missed';
  if (!o.owed) return 'not_owed';
  return asOf > o.due ? 'missed' : 'open';
}

/** What `show` and `list` print of a work order as of `asOf`, personal data masked unless revealed. */
export function workOrderView(ctx: CliContext, session: DeskSession, rec: Loaded, callbacks: Map<string, Obligation[]>): WorkOrderView {
  const { desk, asOf } = session;
  const tz = desk.config.timezone;
  const wo = rec.data;
  const s = deriveWorkOrderState(wo, asOf);
  const mask = masker(ctx.reveal);
  const requester = Object.fromEntries(
    Object.entries({ name: mask.name(wo.requester.name), unit: wo.requester.unit, phone: mask.phone(wo.requester.phone) }).filter(([, v]) => v !== undefined),
  );
  const minutes = desk.config.kpi.response_minutes;
  const limit = toEpoch(wo.received_at) + minutes * 60_000;
  const responseStatus = s.respondedAt !== undefined ? (s.respondedAt <= limit ? 'met' : 'missed') : asOf > limit ? 'missed' : 'open';
  const iso = (ms: number) => formatInstant(ms, tz);
  return {
    id: wo.id,
    kind: wo.kind,
    ...(wo.category ? { category: wo.category } : {}),
    item: wo.item,
    ...(wo.location ? { location: wo.location } : {}),
    requester,
    paid: wo.paid === true,
    ...(wo.contract ? { contract: wo.contract } : {}),
    received_at: iso(toEpoch(wo.received_at)),
    received_by: wo.received_by,
    status: s.status,
    assignee: s.assignee ?? null,
    response: { within_minutes: minutes, responded_at: s.respondedAt === undefined ? null : iso(s.respondedAt), status: responseStatus },
    completed_at: s.completedAt === undefined ? null : iso(s.completedAt),
    leak_test: s.leakTest ? { at: iso(s.leakTest.at), passed: s.leakTest.passed } : null,
    callbacks: (callbacks.get(wo.id) ?? []).map((o) => ({
      ...(o.checkpoint ? { checkpoint: o.checkpoint } : {}),
      from: iso(o.from),
      due: iso(o.due),
      within: o.rule.within,
      owed: o.owed,
      status: callbackStatus(o, asOf),
      overdue: o.overdue,
      callback: o.fulfilledBy ? { id: o.fulfilledBy.id, at: iso(toEpoch(o.fulfilledBy.at)) } : null,
      attempts: o.attempts.map((a) => ({ id: a.id, at: iso(toEpoch(a.at)), outcome: a.outcome })),
    })),
    events: wo.events.filter((e) => toEpoch(e.at) <= asOf).map((e) => ({ ...e, at: iso(toEpoch(e.at)) })),
    file: rec.file,
  };
}

function workOrderCallbacks(session: DeskSession): Map<string, Obligation[]> {
  const out = new Map<string, Obligation[]>();
  for (const o of deriveCallbackSubjects(session.desk, session.asOf)) {
    if (o.kind === 'complaint') continue;
    out.set(o.subject, [...(out.get(o.subject) ?? []), o]);
  }
  return out;
}

/** Work orders received by `asOf`: a past view shows only what existed then. */
function receivedBy(session: DeskSession): Loaded[] {
  return session.desk.workOrders.filter((w) => toEpoch(w.data.received_at) <= session.asOf);
}

function eventDetail(ctx: CliContext, session: DeskSession, e: Record<string, unknown>): string {
  switch (e.type) {
    case 'assigned': return `→ ${staffLabel(session, String(e.assignee))}`;
    case 'leak_tested': return [ctx.t(e.passed ? 'prompt.wo.passed' : 'prompt.wo.failed'), e.note].filter(Boolean).join(' — ');
    case 'completed': return String(e.note ?? '');
    case 'cancelled':
    case 'reopened': return String(e.reason ?? '');
    case 'note': return String(e.text ?? '');
    default: return '';
  }
}

function callbackLabel(ctx: CliContext, c: WorkOrderView['callbacks'][number]): string {
  const state = ctx.t(`wo.cb.${c.status}` as MessageKey);
  return c.callback ? `${state} (${c.callback.id})` : state;
}

export async function runWoShow(ctx: CliContext, idArg: string | undefined, flags: { format?: string }): Promise<number> {
  const format = checkFormat(flags.format, ['table', 'json', 'md'] as const, 'table');
  const session = openDesk(ctx);
  const { desk } = session;
  const tz = desk.config.timezone;
  const id = idArg ?? (await askMissing(ctx, [{ flag: 'ID', message: ctx.t('prompt.wo.id') }]))['ID'];
  const rec = findById(desk.workOrders, id?.trim(), 'ID');
  if (toEpoch(rec.data.received_at) > session.asOf) throw new KefuError('wo.err.notYetReceived', { id: rec.data.id, at: rec.data.received_at });
  const view = workOrderView(ctx, session, rec, workOrderCallbacks(session));
  if (format === 'json') {
    ctx.io.stdout.write(`${renderJson(view)}\n`);
    return EXIT.clean;
  }
  const local = (iso: string | null) => (iso === null ? '' : short(Date.parse(iso), tz));
  const r = view.response;
  const response = r.responded_at
    ? ctx.t(r.status === 'met' ? 'wo.response.met' : 'wo.response.late', { at: local(r.responded_at), minutes: r.within_minutes })
    : ctx.t(r.status === 'open' ? 'wo.response.open' : 'wo.response.missed', { minutes: r.within_minutes });
  const fields: [string, string][] = [
    [ctx.t('wo.field.kind'), [enumLabel(view.kind, ctx.lang), view.category].filter(Boolean).join(' / ')],
    [ctx.t('wo.field.item'), view.item],
    [ctx.t('wo.field.requester'), [view.requester.unit, view.requester.name, view.requester.phone].filter(Boolean).join(' ')],
    ...(view.location ? [[ctx.t('wo.field.location'), view.location] as [string, string]] : []),
    [ctx.t('wo.field.received'), `${local(view.received_at)} ${staffLabel(session, view.received_by)}`],
    [ctx.t('wo.field.status'), statusLabel(ctx, view.status)],
    [ctx.t('wo.field.assignee'), view.assignee ? staffLabel(session, view.assignee) : '—'],
    [ctx.t('wo.field.response'), response],
    ...(view.paid ? [[ctx.t('wo.field.paid'), ctx.t('wo.yes')] as [string, string]] : []),
    ...(view.contract ? [[ctx.t('wo.field.contract'), `${view.contract.start} – ${view.contract.end}`] as [string, string]] : []),
  ];
  const eventHead = ['time', 'event', 'by', 'detail'].map((k) => ctx.t(`wo.col.${k}` as MessageKey));
  const eventRows = view.events.map((e) => [local(String(e.at)), enumLabel(String(e.type), ctx.lang), staffLabel(session, String(e.by)), eventDetail(ctx, session, e)]);
  const cbHead = ['checkpoint', 'from', 'due', 'state', 'attempts'].map((k) => ctx.t(`wo.col.${k}` as MessageKey));
  const cbRows = view.callbacks.map((c) => [c.checkpoint ? enumLabel(c.checkpoint, ctx.lang) : '', local(c.from), local(c.due), callbackLabel(ctx, c), String(c.attempts.length)]);
  const title = ctx.t('wo.show.title', { id: view.id, property: desk.config.property });
  const noCallback = ctx.t(view.status === 'cancelled' ? 'wo.show.noCallbackCancelled' : 'wo.show.noCallback');
  if (format === 'md') {
    const esc = (s: string) => visible(s.replace(/\|/g, '\\|').replace(/\n/g, ' '));
    const table = (head: string[], rows: string[][]) => `| ${head.map(esc).join(' | ')} |\n| ${head.map(() => '---').join(' | ')} |\n${rows.map((row) => `| ${row.map(esc).join(' | ')} |`).join('\n')}\n`;
    const out = [
      `# ${visible(title)}\n`,
      fields.map(([k, v]) => `- **${esc(k)}**: ${esc(v)}`).join('\n') + '\n',
      `## ${ctx.t('wo.show.events')}\n`,
      table(eventHead, eventRows),
      `## ${ctx.t('wo.show.callbacks')}\n`,
      cbRows.length ? table(cbHead, cbRows) : `${noCallback}\n`,
    ];
    ctx.io.stdout.write(out.join('\n'));
    return EXIT.clean;
  }
  const out = [
    visible(title),
    renderTable([ctx.t('wo.col.field'), ctx.t('wo.col.value')], fields.map(([k, v]) => [k, v]), ctx.colorOut),
    ctx.t('wo.show.events'),
    renderTable(eventHead, eventRows, ctx.colorOut),
    ctx.t('wo.show.callbacks'),
    cbRows.length ? renderTable(cbHead, cbRows, ctx.colorOut) : noCallback,
  ];
  ctx.io.stdout.write(`${out.join('\n')}\n`);
  return EXIT.clean;
}

export interface WoListFlags {
  status?: string;
  kind?: string;
  category?: string;
  unit?: string;
  assignee?: string;
  overdue?: boolean;
  from?: string;
  to?: string;
  month?: string;
  format?: string;
}

/** Comma-separated values of a filter, each one checked against what it may be. */
function filterValues(flag: string, value: string | undefined, allowed?: readonly string[]): Set<string> | undefined {
  if (value === undefined) return undefined;
  const values = value.split(',').map((v) => v.trim()).filter(Boolean);
  for (const v of values) if (allowed && !allowed.includes(v)) throw new KefuError('err.badValue', { flag, value: v, reason: allowed.join('|') });
  return new Set(values);
}

export async function runWoList(ctx: CliContext, flags: WoListFlags): Promise<number> {
  const format = checkFormat(flags.format, ['table', 'json', 'csv'] as const, 'table');
  const statuses = filterValues('--status', flags.status, WORK_ORDER_STATUSES);
  const kinds = filterValues('--kind', flags.kind, WORK_ORDER_KINDS);
  const categories = filterValues('--category', flags.category);
  const units = filterValues('--unit', flags.unit);
  const assignees = filterValues('--assignee', flags.assignee);
  if (flags.month !== undefined && (flags.from !== undefined || flags.to !== undefined)) throw new KefuError('wo.err.monthAndRange');
  if (flags.month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(flags.month)) throw new KefuError('err.badValue', { flag: '--month', value: flags.month, reason: 'YYYY-MM' });
  for (const [flag, value] of [['--from', flags.from], ['--to', flags.to]] as const) {
    if (value !== undefined && !isDate(value)) throw new KefuError('err.badValue', { flag, value, reason: 'YYYY-MM-DD' });
  }
  const from = flags.month ? `${flags.month}-01` : flags.from;
  const to = flags.month ? `${flags.month}-31` : flags.to;

  const session = openDesk(ctx);
  const { desk } = session;
  const tz = desk.config.timezone;
  const callbacks = workOrderCallbacks(session);
  const views = receivedBy(session)
    .filter((rec) => {
      const day = localDateOf(toEpoch(rec.data.received_at), tz);
      return (from === undefined || day >= from) && (to === undefined || day <= to);
    })
    .map((rec) => workOrderView(ctx, session, rec, callbacks))
    .filter((v) =>
      (!statuses || statuses.has(v.status))
      && (!kinds || kinds.has(v.kind))
      && (!categories || (v.category !== undefined && categories.has(v.category)))
      && (!units || (v.requester.unit !== undefined && units.has(v.requester.unit)))
      && (!assignees || (v.assignee !== null && assignees.has(v.assignee)))
      && (!flags.overdue || v.callbacks.some((c) => c.overdue)))
    .sort((a, b) => Date.parse(a.received_at) - Date.parse(b.received_at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  // the callback that matters in a list: an overdue one, else an open one, else the latest
  const mainCallback = (v: WorkOrderView) => v.callbacks.find((c) => c.overdue) ?? v.callbacks.find((c) => c.status === 'open') ?? v.callbacks[v.callbacks.length - 1];
  if (format === 'json') {
    ctx.io.stdout.write(`${renderJson(views.map(({ events: _events, ...rest }) => rest))}\n`);
    return EXIT.clean;
  }
  if (format === 'csv') {
    const rows: string[][] = [['id', 'received_at', 'kind', 'category', 'unit', 'name', 'phone', 'item', 'location', 'status', 'assignee', 'responded_at', 'response', 'completed_at', 'callback_due', 'callback']];
    for (const v of views) {
      const cb = mainCallback(v);
      rows.push([v.id, v.received_at, v.kind, v.category ?? '', v.requester.unit ?? '', v.requester.name ?? '', v.requester.phone ?? '', v.item, v.location ?? '', v.status, v.assignee ?? '', v.response.responded_at ?? '', v.response.status, v.completed_at ?? '', cb?.due ?? '', cb?.status ?? '']);
    }
    ctx.io.stdout.write(`${rows.map((row) => row.map(csvCell).join(',')).join('\n')}\n`);
    return EXIT.clean;
  }
  if (views.length === 0) {
    ctx.io.stderr.write(`${ctx.t('wo.list.empty')}\n`);
    return EXIT.clean;
  }
  const head = ['id', 'received', 'kind', 'requester', 'item', 'status', 'assignee', 'callback'].map((k) => ctx.t(`wo.col.${k}` as MessageKey));
  const body = views.map((v) => {
    const cb = mainCallback(v);
    return [
      v.id,
      short(Date.parse(v.received_at), tz),
      [enumLabel(v.kind, ctx.lang), v.category].filter(Boolean).join('/'),
      [v.requester.unit, v.requester.name, v.requester.phone].filter(Boolean).join(' '),
      v.item,
      statusLabel(ctx, v.status),
      v.assignee ?? '',
      cb ? `${short(Date.parse(cb.due), tz)} ${callbackLabel(ctx, cb)}` : '',
    ];
  });
  ctx.io.stdout.write(`${renderTable(head, body, ctx.colorOut)}\n`);
  ctx.io.stderr.write(`${ctx.t('wo.list.count', { count: views.length })}\n`);
  return EXIT.clean;
}
