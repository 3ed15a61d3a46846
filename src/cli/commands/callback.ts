// kefu callback record|review|plan|due — callbacks 回访 (SPEC §3.7, §5.3; seed 002 篇2 §4).
// Each write appends one item to the month's callback file and commits it as its author.
import { deriveCallbackSubjects, type Obligation } from '../../domain/callbacks.js';
import type { Loaded } from '../../domain/desk.js';
import { masker } from '../../domain/privacy.js';
import { callbackMonthPath, UNSATISFIED, type Callback, type CallbackItem } from '../../domain/records/callback-month.js';
import { complaintPath, type Complaint } from '../../domain/records/complaint.js';
import type { Person } from '../../domain/records/common.js';
import { SATISFACTION_LEVELS, SEVERITIES } from '../../domain/records/config.js';
import { isActive } from '../../domain/records/staff.js';
import type { WorkOrder } from '../../domain/records/work-order.js';
import { buildOverdueReport, type QuotaLine } from '../../domain/reports/overdue.js';
import { addDays, formatInstant, localDateOf, toLocal } from '../../domain/time.js';
import { makeT, checkFormat, type CliContext } from '../context.js';
import { BUT_THE_DUTY_LOG, DATED_ID, openDesk, openDeskPart, type DeskScope, type DeskSession } from '../desk-session.js';
import { recordFilesByPrefix } from '../../store/desk-scope.js';
import { EXIT, KefuError } from '../errors.js';
import { askMissing, type Question } from '../prompts.js';
import { checkStaff, findById, freshId, parseAt, staffOnDuty, takenIds, writeItem } from '../record-writer.js';
import { paintCell, renderTable } from '../render/table.js';
import { csvCell } from '../render/csv.js';
import { renderJson } from '../render/terminal-text.js';

const METHODS = ['phone', 'visit', 'onsite'] as const;
const OUTCOMES = ['completed', 'no_answer', 'refused'] as const;
const CHECKPOINTS = ['midterm', 'end'] as const;
const KINDS = ['complaint', 'repair', 'special_service', 'help', 'first_aid', 'activity', 'other'] as const;

const METHOD_ZH: Record<string, string> = { phone: '电话', visit: '上门', onsite: '现场' };
const OUTCOME_ZH: Record<string, string> = { completed: '已回访', no_answer: '无人接听', refused: '拒绝回访' };
const SATISFACTION_ZH: Record<string, string> = { very_satisfied: '非常满意', satisfied: '满意', neutral: '一般', dissatisfied: '不满意', very_dissatisfied: '非常不满意' };
const SEVERITY_ZH: Record<string, string> = { major: '重大', important: '重要', minor: '轻微' };
const CHECKPOINT_ZH: Record<string, string> = { midterm: '中期', end: '期末' };

function choices(values: readonly string[], ctx: CliContext, labels: Record<string, string>) {
  return values.map((v) => ({ value: v, name: ctx.lang === 'zh-CN' && labels[v] ? `${labels[v]} (${v})` : v }));
}

/** A value of a closed set, or a flag-shaped error. */
function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new KefuError('err.badValue', { flag, value, reason: allowed.join('|') });
  return value as T;
}

/** --quality / --effect: 1–5 (seed 002 篇2 §4.1.4 a, b); empty on a prompt means not given. */
function rating(flag: string, value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 5) throw new KefuError('err.badValue', { flag, value, reason: '1–5' });
  return n;
}

const isSupervisor = (session: DeskSession, id: string) =>
  session.desk.staff.find((s) => s.id === id)?.roles.some((r) => r === 'supervisor' || r === 'manager') === true;

/** The supervisor signing a review or a plan: asked for (a supervisor as default), known, and a supervisor or manager. */
async function supervisorBy(ctx: CliContext, session: DeskSession, flag: string | undefined, message: string): Promise<string> {
  const supervisors = session.desk.staff.filter((s) => isActive(s) && s.roles.includes('supervisor'));
  const answers = flag ? {} : await askMissing(ctx, [{ flag: '--by', message, ...(supervisors[0] ? { default: supervisors[0].id } : {}) }]);
  const by = checkStaff(ctx, session, '--by', flag ?? answers['--by'] ?? '');
  if (session.desk.staff.some((s) => s.id === by) && !isSupervisor(session, by)) {
    throw new KefuError('err.badValue', { flag: '--by', value: by, reason: ctx.t('err.notSupervisor') });
  }
  return by;
}

type Subject = { kind: 'complaint'; rec: Loaded<Complaint> } | { kind: 'workorder'; rec: Loaded<WorkOrder> };

/** A complaint or work order by a unique prefix of its id; unknown ids are refused. */
function findSubject(session: DeskSession, prefix: string | undefined, flag: string): Subject {
  const { complaints, workOrders } = session.desk;
  const rec = findById<Loaded<Complaint> | Loaded<WorkOrder>>([...complaints, ...workOrders], prefix, flag);
  return complaints.includes(rec as Loaded<Complaint>) ? { kind: 'complaint', rec: rec as Loaded<Complaint> } : { kind: 'workorder', rec: rec as Loaded<WorkOrder> };
}

/**
 * SUBJECT when it was not given: on a terminal, picked from the callbacks owed (most urgent
 * first) or typed; otherwise the usual missing-flag error.
 */
async function askSubject(ctx: CliContext, session: DeskSession, at: number, given: string | undefined): Promise<string | undefined> {
  if (given || !ctx.interactive) return given;
  const tz = session.desk.config.timezone;
  const owed = deriveCallbackSubjects(session.desk, at).filter((o) => o.owed && !o.fulfilledBy).slice(0, 30);
  let answer = 'other';
  if (owed.length) {
    const picked = await askMissing(ctx, [{
      flag: 'SUBJECT',
      message: ctx.t('prompt.callback.subject'),
      choices: [
        ...owed.map((o) => ({ value: `${o.subject}#${o.checkpoint ?? ''}`, name: `${o.subject}${o.checkpoint ? ` (${o.checkpoint})` : ''}  ${[o.kind, o.category].filter(Boolean).join('/')}  ${o.unit ?? ''}  ≤ ${localDateOf(o.due, tz)}${o.overdue ? ' !' : ''}` })),
        { value: 'other', name: ctx.t('prompt.callback.otherSubject') },
      ],
    }]);
    answer = picked.SUBJECT ?? 'other';
  }
  if (answer !== 'other') return answer;
  return (await askMissing(ctx, [{ flag: 'SUBJECT', message: ctx.t('prompt.callback.subjectId') }])).SUBJECT;
}

/**
 * The desk for a callback on a subject named by a dated id prefix (TS-202611…, WO-202611…):
 * the subject's record, the complaint it is escalated to, and the months of callbacks from
 * the subject's month to the callback's — its callbacks can be in no others, since they
 * come after it was closed. Otherwise, or when one of them is not found there, the whole desk.
 */
function openDeskForCallback(ctx: CliContext, subjectArg: string | undefined, flags: CallbackRecordFlags): DeskSession {
  const wanted = subjectArg?.trim().toUpperCase() ?? '';
  const escalated = flags.escalatedTo?.trim().toUpperCase();
  const dated = /^(TS|WO)-(\d{4})(\d{2})/.exec(wanted);
  const scope: DeskScope | undefined = dated && (escalated === undefined || DATED_ID.test(escalated))
    ? (base, asOf, root) => {
        const last = localDateOf(parseAt(flags.at, asOf, base.config.timezone), base.config.timezone).slice(0, 7);
        const months: string[] = [];
        for (let m = `${dated[2]}-${dated[3]}`; m <= last && months.length < 120; m = addDays(`${m}-01`, 31).slice(0, 7)) months.push(m);
        return [
          ...(recordFilesByPrefix(root, dated[1] === 'TS' ? 'complaints' : 'workorders', wanted) ?? []),
          ...(escalated ? (recordFilesByPrefix(root, 'complaints', escalated) ?? []) : []),
          ...months.map(callbackMonthPath),
        ];
      }
    : undefined;
  return openDeskPart(ctx, scope, (desk) => {
    const ids = [...desk.complaints, ...desk.workOrders].map((r) => r.data.id);
    return ids.some((id) => id.startsWith(wanted)) && (escalated === undefined || ids.some((id) => id.startsWith(escalated)));
  });
}

const personOf = (s: Subject): Person => (s.kind === 'complaint' ? s.rec.data.complainant : s.rec.data.requester);
const isSpecialService = (s: Subject) => s.kind === 'workorder' && s.rec.data.kind === 'special_service';

/** The month file an item at `at` goes into: the local month of its `at` (SPEC §3.7). */
function appendCallbackItem(ctx: CliContext, session: DeskSession, item: CallbackItem, commit: boolean | undefined, message: string): string {
  const month = localDateOf(Date.parse(item.at), session.desk.config.timezone).slice(0, 7);
  return writeItem(ctx, session, {
    path: callbackMonthPath(month), listKey: 'callbacks', item,
    create: { record: { month, callbacks: [item] }, kind: 'callback-month' },
    by: item.by, message, commit,
  }).path;
}

/** Checks --checkpoint: special services only (SPEC §3.7). */
function checkpointFlag(ctx: CliContext, subject: Subject, value: string | undefined): 'midterm' | 'end' | undefined {
  const checkpoint = oneOf('--checkpoint', value, CHECKPOINTS);
  if (checkpoint && !isSpecialService(subject)) throw new KefuError('err.badValue', { flag: '--checkpoint', value, reason: ctx.t('callback.err.checkpointNotSpecial') });
  return checkpoint;
}

export interface CallbackRecordFlags {
  checkpoint?: string;
  method?: string;
  outcome?: string;
  satisfaction?: string;
  quality?: string;
  effect?: string;
  shortcomings?: string;
  suggestions?: string;
  residentConfirmed?: boolean;
  escalatedTo?: string;
  at?: string;
  by?: string;
  commit?: boolean;
}

/**
 * A callback to a resident (seed 002 篇2 §4.1; seed 001 走回访). The validator decides what
 * is legal, so a subject with nothing owed only gets a warning. An unsatisfied result is
 * escalated as a complaint (§4.5): an existing one named, or one opened here on a terminal.
 */
export async function runCallbackRecord(ctx: CliContext, subjectArg: string | undefined, flags: CallbackRecordFlags): Promise<number> {
  const session = openDeskForCallback(ctx, subjectArg, flags);
  const { desk } = session;
  const tz = desk.config.timezone;
  const at = parseAt(flags.at, session.asOf, tz);
  const [picked, pickedCheckpoint] = ((await askSubject(ctx, session, at, subjectArg)) ?? '').split('#');
  const subject = findSubject(session, picked || undefined, 'SUBJECT');
  const subjectId = subject.rec.data.id;
  const windows = deriveCallbackSubjects(desk, at).filter((o) => o.subject === subjectId);
  const open = windows.filter((o) => !o.fulfilledBy);

  let checkpoint = checkpointFlag(ctx, subject, flags.checkpoint ?? (pickedCheckpoint || undefined));
  let method = oneOf('--method', flags.method, METHODS);
  let outcome = oneOf('--outcome', flags.outcome, OUTCOMES);
  let satisfaction = oneOf('--satisfaction', flags.satisfaction, SATISFACTION_LEVELS);
  let quality = rating('--quality', flags.quality);
  let effect = rating('--effect', flags.effect);
  const byDefault = staffOnDuty(session, at);

  // special services: the earliest checkpoint still open (SPEC §5.3)
  if (isSpecialService(subject) && !checkpoint) checkpoint = open.find((o) => o.checkpoint)?.checkpoint;
  const first: Question[] = [];
  if (isSpecialService(subject) && !checkpoint) first.push({ flag: '--checkpoint', message: ctx.t('prompt.callback.checkpoint'), choices: choices(CHECKPOINTS, ctx, CHECKPOINT_ZH) });
  if (!method && ctx.interactive) first.push({ flag: '--method', message: ctx.t('prompt.callback.method'), choices: choices(METHODS, ctx, METHOD_ZH), default: 'phone' });
  if (!outcome) first.push({ flag: '--outcome', message: ctx.t('prompt.callback.outcome'), choices: choices(OUTCOMES, ctx, OUTCOME_ZH), default: 'completed' });
  if (outcome === 'completed' && !satisfaction) first.push({ flag: '--satisfaction', message: ctx.t('prompt.callback.satisfaction'), choices: choices(SATISFACTION_LEVELS, ctx, SATISFACTION_ZH), default: 'satisfied' });
  if (!flags.by && (!byDefault || ctx.interactive)) first.push({ flag: '--by', message: ctx.t('prompt.callback.by'), ...(byDefault ? { default: byDefault } : {}) });
  const a = await askMissing(ctx, first);
  checkpoint ??= a['--checkpoint'] as typeof checkpoint;
  method ??= (a['--method'] as typeof method) ?? 'phone';
  outcome ??= a['--outcome'] as typeof outcome;
  const by = checkStaff(ctx, session, '--by', flags.by ?? a['--by'] ?? byDefault ?? '');

  // what the resident said: asked only when the callback was made (seed 002 篇2 §4.1.4)
  let shortcomings = flags.shortcomings;
  let suggestions = flags.suggestions;
  if (outcome === 'completed') {
    const more: Question[] = [];
    if (!satisfaction && !a['--satisfaction']) more.push({ flag: '--satisfaction', message: ctx.t('prompt.callback.satisfaction'), choices: choices(SATISFACTION_LEVELS, ctx, SATISFACTION_ZH), default: 'satisfied' });
    const validRating = (v: string) => v === '' || /^[1-5]$/.test(v) || '1–5';
    if (ctx.interactive && quality === undefined && flags.quality === undefined) more.push({ flag: '--quality', message: ctx.t('prompt.callback.quality'), required: false, validate: validRating });
    if (ctx.interactive && effect === undefined && flags.effect === undefined) more.push({ flag: '--effect', message: ctx.t('prompt.callback.effect'), required: false, validate: validRating });
    if (ctx.interactive && shortcomings === undefined) more.push({ flag: '--shortcomings', message: ctx.t('prompt.callback.shortcomings'), required: false });
    if (ctx.interactive && suggestions === undefined) more.push({ flag: '--suggestions', message: ctx.t('prompt.callback.suggestions'), required: false });
    const b = await askMissing(ctx, more);
    satisfaction ??= (a['--satisfaction'] ?? b['--satisfaction']) as typeof satisfaction;
    quality ??= rating('--quality', b['--quality']);
    effect ??= rating('--effect', b['--effect']);
    shortcomings ??= b['--shortcomings'];
    suggestions ??= b['--suggestions'];
  }
  const opt = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());
  // nobody answered, or the resident refused: there is no satisfaction to record
  if (outcome !== 'completed' && satisfaction) throw new KefuError('err.badValue', { flag: '--satisfaction', value: satisfaction, reason: ctx.t('callback.err.satisfactionWithoutAnswer') });

  // nothing to call back about is the validator's business, not a reason to lose what was typed
  const window = checkpoint ? windows.find((o) => o.checkpoint === checkpoint) : windows[0];
  if (!window) ctx.io.stderr.write(`${ctx.err.yellow(ctx.t('callback.warn.nothingOwed', { subject: subjectId }))}\n`);
  else if (window.fulfilledBy) ctx.io.stderr.write(`${ctx.err.yellow(ctx.t('callback.warn.alreadyDone', { subject: subjectId, id: window.fulfilledBy.id }))}\n`);

  const taken = takenIds(session);
  const id = freshId(session, 'HF', at, taken);
  let escalatedTo = flags.escalatedTo ? findById(desk.complaints, flags.escalatedTo, '--escalated-to').data.id : undefined;
  let opened: Complaint | undefined;
  if (satisfaction && UNSATISFIED.includes(satisfaction) && !escalatedTo) {
    // seed 002 篇2 §4.5: an unsatisfied callback is escalated to the manager as a complaint
    const reason = { satisfaction: ctx.lang === 'zh-CN' ? SATISFACTION_ZH[satisfaction] : satisfaction };
    if (!ctx.interactive) throw new KefuError('callback.err.needsEscalation', reason, 'callback.err.needsEscalation.hint');
    const offer = await askMissing(ctx, [{ flag: '--escalated-to', message: ctx.t('prompt.callback.openComplaint', reason), choices: [{ value: 'yes', name: ctx.t('prompt.callback.yes') }, { value: 'no', name: ctx.t('prompt.callback.no') }], default: 'yes' }]);
    if (offer['--escalated-to'] !== 'yes') throw new KefuError('callback.err.needsEscalation', reason, 'callback.err.needsEscalation.hint');
    const subjectCategory = subject.rec.data.category;
    const c = await askMissing(ctx, [
      { flag: '--severity', message: ctx.t('prompt.callback.severity'), choices: choices(SEVERITIES, ctx, SEVERITY_ZH), default: 'important' },
      { flag: '--category', message: ctx.t('prompt.callback.category'), default: subjectCategory ?? 'callback', validate: (v) => /^[a-z][a-z0-9_]{0,31}$/.test(v) || 'a-z, 0-9, _' },
    ]);
    opened = openComplaint(session, {
      id: freshId(session, 'TS', at, taken), callback: id, subject, at, by, method: method!, satisfaction,
      severity: c['--severity'] as Complaint['severity'], category: c['--category']!, summary: opt(shortcomings),
    });
    escalatedTo = opened.id;
  }

  const item: Callback = {
    type: 'callback',
    id,
    subject: subjectId,
    ...(checkpoint ? { checkpoint } : {}),
    at: formatInstant(at, tz),
    by,
    method: method!,
    outcome: outcome!,
    ...(satisfaction ? { satisfaction } : {}),
    ...(quality !== undefined ? { quality } : {}),
    ...(effect !== undefined ? { effect } : {}),
    ...(opt(shortcomings) ? { shortcomings: opt(shortcomings)! } : {}),
    ...(opt(suggestions) ? { suggestions: opt(suggestions)! } : {}),
    ...(flags.residentConfirmed ? { resident_confirmed: true } : {}),
    ...(escalatedTo ? { escalated_to: escalatedTo } : {}),
  };

  // the complaint first, so that the callback's escalated_to names a record that exists
  if (opened) {
    const path = writeItem(ctx, session, {
      path: complaintPath(opened.id), listKey: 'events', item: opened.events[0],
      create: { record: opened, kind: 'complaint' },
      by, message: `complaint: ${opened.id} from callback ${id} (${subjectId})`, commit: flags.commit,
    }).path;
    const to = opened.events[0]?.type === 'escalated' ? opened.events[0].to : '—';
    ctx.io.stderr.write(`${ctx.t('callback.complaintOpened', { id: opened.id, severity: opened.severity, category: opened.category, to, file: path })}\n`);
  }
  const path = appendCallbackItem(ctx, session, item, flags.commit, `callback: ${id} ${subjectId}${checkpoint ? ` (${checkpoint})` : ''} ${item.outcome}${item.satisfaction ? ` ${item.satisfaction}` : ''}`);
  ctx.io.stdout.write(`${id}\n`);
  ctx.io.stderr.write(`${ctx.t('callback.recorded', { id, subject: subjectId, outcome: item.outcome, file: path })}\n`);
  if (item.outcome !== 'completed' && window?.owed && !window.fulfilledBy) {
    ctx.io.stderr.write(`${ctx.t('callback.stillDue', { subject: subjectId, due: formatInstant(window.due, tz) })}\n`);
  }
  return EXIT.clean;
}

interface OpenComplaint {
  id: string;
  callback: string;
  subject: Subject;
  at: number;
  by: string;
  method: Callback['method'];
  satisfaction: string;
  severity: Complaint['severity'];
  category: string;
  summary: string | undefined;
}

/**
 * The complaint an unsatisfied callback becomes: received at the callback, from the same
 * resident, escalated to the manager at once (seed 002 篇2 §4.5) — the supervisor when the
 * desk has no manager. A new record file holds at least one event.
 */
function openComplaint(session: DeskSession, o: OpenComplaint): Complaint {
  const { desk } = session;
  const tz = desk.config.timezone;
  const recordT = makeT(desk.config.locale ?? 'zh-CN');
  const active = desk.staff.filter(isActive);
  const manager = active.find((s) => s.roles.includes('manager')) ?? active.find((s) => s.roles.includes('supervisor'));
  const at = formatInstant(o.at, tz);
  const subjectId = o.subject.rec.data.id;
  const event: Complaint['events'][number] = manager
    ? { type: 'escalated', at, by: o.by, to: manager.id, role: manager.roles.includes('manager') ? 'manager' : 'supervisor' }
    : { type: 'note', at, by: o.by, text: recordT('callback.complaintNote', { callback: o.callback, subject: subjectId }) };
  const person = personOf(o.subject);
  return {
    id: o.id,
    received_at: at,
    received_by: o.by,
    channel: o.method === 'phone' ? 'phone' : 'visit',
    complainant: { ...person },
    category: o.category,
    summary: o.summary ?? recordT('callback.complaintSummary', { subject: subjectId }),
    severity: o.severity,
    events: [event],
  };
}

export interface CallbackReviewFlags {
  at?: string;
  by?: string;
  comment?: string;
  commit?: boolean;
}

/** The supervisor's review of a callback (seed 002 篇2 §4.5). */
export async function runCallbackReview(ctx: CliContext, callbackArg: string | undefined, flags: CallbackReviewFlags): Promise<number> {
  const session = openDesk(ctx);
  const tz = session.desk.config.timezone;
  const at = parseAt(flags.at, session.asOf, tz);
  const callbacks = session.desk.callbackMonths.flatMap((m) => m.data.callbacks.flatMap((c) => (c.type === 'callback' ? [{ data: c }] : [])));
  const given = callbackArg ?? (ctx.interactive ? (await askMissing(ctx, [{ flag: 'CALLBACK_ID', message: ctx.t('prompt.callback.callbackId') }])).CALLBACK_ID : undefined);
  const target = findById(callbacks, given, 'CALLBACK_ID').data;
  if (at < Date.parse(target.at)) throw new KefuError('err.badValue', { flag: '--at', value: formatInstant(at, tz), reason: ctx.t('callback.err.beforeCallback', { at: target.at }) });
  const by = await supervisorBy(ctx, session, flags.by, ctx.t('prompt.callback.reviewer'));
  const item: CallbackItem = { type: 'review', callback: target.id, at: formatInstant(at, tz), by, ...(flags.comment?.trim() ? { comment: flags.comment.trim() } : {}) };
  const path = appendCallbackItem(ctx, session, item, flags.commit, `callback: review ${target.id} by ${by}`);
  ctx.io.stderr.write(`${ctx.t('callback.reviewed', { id: target.id, file: path })}\n`);
  return EXIT.clean;
}

export interface CallbackPlanFlags {
  assignee?: string;
  checkpoint?: string;
  suggest?: boolean;
  assign?: string;
  format?: string;
  at?: string;
  by?: string;
  commit?: boolean;
}

/**
 * The supervisor's callback plan (seed 002 篇2 §4.1–4.2): who calls a subject back. A
 * planned subject is owed a callback whatever its kind's rate (SPEC §5.3). --suggest lists
 * the month's quota and the subjects to call; --assign plans each of them.
 */
export async function runCallbackPlan(ctx: CliContext, subjectArg: string | undefined, flags: CallbackPlanFlags): Promise<number> {
  if (flags.suggest) return runPlanSuggest(ctx, subjectArg, flags);
  if (!subjectArg && !ctx.interactive) throw new KefuError('err.missingFlags', { flags: 'SUBJECT|--suggest' });
  const session = openDesk(ctx);
  const tz = session.desk.config.timezone;
  const at = parseAt(flags.at, session.asOf, tz);
  const given = subjectArg ?? (await askMissing(ctx, [{ flag: 'SUBJECT', message: ctx.t('prompt.callback.subjectId') }])).SUBJECT;
  const subject = findSubject(session, given, 'SUBJECT');
  const checkpoint = checkpointFlag(ctx, subject, flags.checkpoint);
  const answers = flags.assignee ? {} : await askMissing(ctx, [{ flag: '--assignee', message: ctx.t('prompt.callback.assignee') }]);
  const assignee = checkStaff(ctx, session, '--assignee', flags.assignee ?? answers['--assignee'] ?? '');
  const by = await supervisorBy(ctx, session, flags.by, ctx.t('prompt.callback.planner'));
  const item: CallbackItem = { type: 'plan', subject: subject.rec.data.id, ...(checkpoint ? { checkpoint } : {}), assignee, at: formatInstant(at, tz), by };
  const path = appendCallbackItem(ctx, session, item, flags.commit, `callback: plan ${item.subject}${checkpoint ? ` (${checkpoint})` : ''} → ${assignee}`);
  ctx.io.stderr.write(`${ctx.t('callback.planned', { subject: item.subject, assignee, file: path })}\n`);
  return EXIT.clean;
}

async function runPlanSuggest(ctx: CliContext, subjectArg: string | undefined, flags: CallbackPlanFlags): Promise<number> {
  if (subjectArg) throw new KefuError('err.tooManyArguments');
  const format = checkFormat(flags.format, ['table', 'json'] as const, 'table');
  const session = openDesk(ctx);
  const tz = session.desk.config.timezone;
  const quota = buildOverdueReport(session.desk, session.asOf).quota;
  const assignTo = flags.assign ?? flags.assignee;
  // who plans and for whom is checked before anything is printed or written
  const assignee = assignTo ? checkStaff(ctx, session, '--assign', assignTo) : undefined;
  const by = assignee ? await supervisorBy(ctx, session, flags.by, ctx.t('prompt.callback.planner')) : undefined;
  const at = formatInstant(parseAt(flags.at, session.asOf, tz), tz);
  if (format === 'json') ctx.io.stdout.write(`${renderJson(quota)}\n`);
  else if (quota.length === 0) ctx.io.stderr.write(`${ctx.t('callback.suggest.none')}\n`);
  else ctx.io.stdout.write(`${renderQuota(ctx, quota)}\n`);
  if (!assignee || !by) return EXIT.clean;

  const subjects = [...new Set(quota.flatMap((q) => q.suggest))];
  for (const subject of subjects) {
    const item: CallbackItem = { type: 'plan', subject, assignee, at, by };
    const path = appendCallbackItem(ctx, session, item, flags.commit, `callback: plan ${subject} → ${assignee} (quota)`);
    ctx.io.stderr.write(`${ctx.t('callback.planned', { subject, assignee, file: path })}\n`);
  }
  return EXIT.clean;
}

function renderQuota(ctx: CliContext, quota: QuotaLine[]): string {
  const head = ['kind', 'month', 'closed', 'done', 'target', 'needed', 'suggest'].map((k) => ctx.t(`callback.quota.col.${k}` as 'callback.quota.col.kind'));
  return renderTable(head, quota.map((q) => [q.kind, q.month, String(q.closed), String(q.done), `${Math.round(q.target * 100)}%`, String(q.needed), q.suggest.join(' ')]), ctx.colorOut);
}

export interface CallbackDueFlags {
  assignee?: string;
  kind?: string;
  format?: string;
}

export interface DueCallback {
  subject: string;
  kind: string;
  category?: string;
  checkpoint?: 'midterm' | 'end';
  from: string;
  due: string;
  overdue: boolean;
  /** local date of now minus local date of due, when overdue */
  overdue_days: number | null;
  unit?: string;
  name?: string;
  phone?: string;
  assignee?: string;
  attempts: number;
  last_attempt?: { id: string; at: string; outcome: string };
}

const DAY = 86_400_000;

/** The open obligations as of now (SPEC §5.3): owed, not yet fulfilled; sorted by due, then subject. */
export async function runCallbackDue(ctx: CliContext, flags: CallbackDueFlags): Promise<number> {
  const format = checkFormat(flags.format, ['table', 'json', 'csv'] as const, 'table');
  const kind = oneOf('--kind', flags.kind, KINDS);
  const session = openDesk(ctx, BUT_THE_DUTY_LOG);
  const { desk, asOf } = session;
  const tz = desk.config.timezone;
  const mask = masker(ctx.reveal);
  const people = new Map<string, Person>([
    ...desk.complaints.map((c) => [c.data.id, c.data.complainant] as const),
    ...desk.workOrders.map((w) => [w.data.id, w.data.requester] as const),
  ]);
  const today = localDateOf(asOf, tz);
  const open = deriveCallbackSubjects(desk, asOf)
    .filter((o) => o.owed && !o.fulfilledBy)
    .filter((o) => (kind ? o.kind === kind : true))
    .filter((o) => (flags.assignee ? o.assignee === flags.assignee : true));
  const rows: DueCallback[] = open.map((o: Obligation) => {
    const person = people.get(o.subject);
    const last = o.attempts[o.attempts.length - 1];
    const name = mask.name(person?.name);
    const phone = mask.phone(person?.phone);
    return {
      subject: o.subject,
      kind: o.kind,
      ...(o.category ? { category: o.category } : {}),
      ...(o.checkpoint ? { checkpoint: o.checkpoint } : {}),
      from: formatInstant(o.from, tz),
      due: formatInstant(o.due, tz),
      overdue: o.overdue,
      overdue_days: o.overdue ? Math.round((Date.parse(today) - Date.parse(localDateOf(o.due, tz))) / DAY) : null,
      ...(o.unit ? { unit: o.unit } : {}),
      ...(name ? { name } : {}),
      ...(phone ? { phone } : {}),
      ...(o.assignee ? { assignee: o.assignee } : {}),
      attempts: o.attempts.length,
      ...(last ? { last_attempt: { id: last.id, at: last.at, outcome: last.outcome } } : {}),
    };
  });

  if (format === 'json') {
    ctx.io.stdout.write(`${renderJson({ as_of: formatInstant(asOf, tz), callbacks: rows })}\n`);
    return EXIT.clean;
  }
  if (format === 'csv') {
    const lines = [['subject', 'kind', 'category', 'checkpoint', 'from', 'due', 'overdue', 'overdue_days', 'unit', 'name', 'phone', 'assignee', 'attempts', 'last_outcome']];
    for (const r of rows) {
      lines.push([r.subject, r.kind, r.category ?? '', r.checkpoint ?? '', r.from, r.due, String(r.overdue), r.overdue_days === null ? '' : String(r.overdue_days), r.unit ?? '', r.name ?? '', r.phone ?? '', r.assignee ?? '', String(r.attempts), r.last_attempt?.outcome ?? '']);
    }
    ctx.io.stdout.write(`${lines.map((l) => l.map(csvCell).join(',')).join('\n')}\n`);
    return EXIT.clean;
  }
  if (rows.length === 0) {
    ctx.io.stderr.write(`${ctx.t('callback.due.none')}\n`);
    return EXIT.clean;
  }
  const local = (iso: string) => {
    const l = toLocal(Date.parse(iso), tz);
    return `${l.date} ${l.time.slice(0, 5)}`;
  };
  const head = ['subject', 'kind', 'due', 'overdue', 'unit', 'resident', 'assignee', 'attempts'].map((k) => ctx.t(`callback.due.col.${k}` as 'callback.due.col.subject'));
  const body = rows.map((r) => [
    r.subject + (r.checkpoint ? ` (${r.checkpoint})` : ''),
    [r.kind, r.category].filter(Boolean).join('/'),
    local(r.due),
    r.overdue ? paintCell(ctx.t('callback.due.days', { days: r.overdue_days }), ctx.out.red) : '',
    r.unit ?? '',
    [r.name, r.phone].filter(Boolean).join(' '),
    r.assignee ?? '',
    r.attempts ? `${r.attempts} (${r.last_attempt!.outcome})` : '',
  ]);
  ctx.io.stdout.write(`${renderTable(head, body, ctx.colorOut)}\n`);
  return EXIT.clean;
}
