// kefu duty log|update|correct|show — the clerk's duty log 值班记录 (SPEC §3.4, §4).
// Each write appends one item to the duty day's file and commits it as the clerk.
import { randomInt } from 'node:crypto';
import { complaintPath } from '../../domain/records/complaint.js';
import { workOrderPath } from '../../domain/records/work-order.js';
import { deriveEntries, type EntryState } from '../../domain/duty-log.js';
import { newId, resolvePrefix } from '../../domain/ids.js';
import { masker } from '../../domain/privacy.js';
import { CHANNELS, dutyDayPath, ENTRY_KINDS, KINDS_NEEDING_NOTIFIED, reviewDigest, type DutyItem, type Entry } from '../../domain/records/duty-day.js';
import { isActive } from '../../domain/records/staff.js';
import { onDutyAt } from '../../domain/shifts.js';
import { addDays, dutyDayOf, formatInstant, localDateOf, toLocal } from '../../domain/time.js';
import { checkFormat, type CliContext } from '../context.js';
import { parseAt, writeItem } from '../record-writer.js';
import { openDesk, openDeskFor, openDeskPart, type DeskScope, type DeskSession } from '../desk-session.js';
import { EXIT, KefuError } from '../errors.js';
import { askMissing, type Question } from '../prompts.js';
import { renderTable } from '../render/table.js';
import { renderJson, visible } from '../render/terminal-text.js';

export interface DutyLogFlags {
  at?: string;
  by?: string;
  kind?: string;
  channel?: string;
  unit?: string;
  name?: string;
  phone?: string;
  content?: string;
  action?: string;
  referredTo?: string;
  important?: boolean;
  notified?: string;
  link?: string[];
  shift?: string;
  status?: string;
  commit?: boolean;
}

function staffIds(session: DeskSession): Set<string> {
  return new Set(session.desk.staff.map((s) => s.id));
}

/** Who is most likely typing: the clerk the roster has on duty, else whoever logged last in that day's file. */
function defaultClerk(session: DeskSession, at: number, day: string): { by?: string; shift?: string } {
  const { desk } = session;
  const duty = onDutyAt(desk, at);
  const staff = new Map(desk.staff.map((s) => [s.id, s]));
  const onShift = duty.flatMap((d) => d.staff.map((id) => ({ id, shift: d.shift.id })));
  const clerk = onShift.find((s) => staff.get(s.id)?.roles.includes('clerk')) ?? onShift[0];
  const lastBy = [...(desk.dutyDays.find((d) => d.data.date === day)?.data.log ?? [])].reverse().find((i) => 'by' in i)?.by;
  const shift = duty[0]?.shift.id ?? (desk.config.shifts.length === 1 ? desk.config.shifts[0]!.id : undefined);
  return { ...(clerk?.id ?? lastBy ? { by: clerk?.id ?? lastBy } : {}), ...(shift ? { shift } : {}) };
}

function choices(values: readonly string[], ctx: CliContext, labels: Record<string, string>) {
  return values.map((v) => ({ value: v, name: ctx.lang === 'zh-CN' && labels[v] ? `${labels[v]} (${v})` : v }));
}

const KIND_ZH: Record<string, string> = { consult: '咨询', help: '求助', repair: '报修', complaint: '投诉', suggestion: '建议', incident: '突发事件', emergency: '紧急情况', notice: '通知', other: '其他' };
const CHANNEL_ZH: Record<string, string> = { phone: '电话', visit: '来访', patrol: '巡查', letter: '信函', email: '电子邮件', wechat: '微信', intercom: '对讲', other: '其他' };

/** Writes one duty-log item into the file of its duty day, and commits it as its author. */
function appendDutyItem(ctx: CliContext, session: DeskSession, item: DutyItem, commit: boolean | undefined, message: string, day?: string): string {
  // an item goes into the file of the duty day it falls in; a review into the day it reviews (SPEC §3.4)
  const fileDay = day ?? dutyDayOf(Date.parse(item.at), session.desk.config);
  const by = 'by' in item ? item.by : item.type === 'handover' ? item.from : undefined;
  return writeItem(ctx, session, { path: dutyDayPath(fileDay), listKey: 'log', item, create: { record: { date: fileDay, log: [item] }, kind: 'duty-day' }, by, message, commit }).path;
}

export async function runDutyLog(ctx: CliContext, flags: DutyLogFlags): Promise<number> {
  // a new entry needs its duty day's file (the clerk, the ids taken) and nothing older
  const session = openDeskFor(ctx, (base, asOf) => [dutyDayPath(dutyDayOf(parseAt(flags.at, asOf, base.config.timezone), base.config))]);
  const { desk } = session;
  const tz = desk.config.timezone;
  const at = parseAt(flags.at, session.asOf, tz);
  const day = dutyDayOf(at, desk.config);
  const defaults = defaultClerk(session, at, day);

  const missing: Question[] = [];
  if (!flags.kind) missing.push({ flag: '--kind', message: ctx.t('prompt.duty.kind'), choices: choices(ENTRY_KINDS, ctx, KIND_ZH) });
  if (!flags.channel && ctx.interactive) missing.push({ flag: '--channel', message: ctx.t('prompt.duty.channel'), choices: choices(CHANNELS, ctx, CHANNEL_ZH), default: 'phone' });
  if (ctx.interactive && flags.unit === undefined) missing.push({ flag: '--unit', message: ctx.t('prompt.duty.unit'), required: false });
  if (ctx.interactive && flags.name === undefined) missing.push({ flag: '--name', message: ctx.t('prompt.duty.name'), required: false });
  if (ctx.interactive && flags.phone === undefined) missing.push({ flag: '--phone', message: ctx.t('prompt.duty.phone'), required: false });
  if (!flags.content) missing.push({ flag: '--content', message: ctx.t('prompt.duty.content') });
  if (ctx.interactive && flags.action === undefined) missing.push({ flag: '--action', message: ctx.t('prompt.duty.action'), required: false });
  if (!flags.by && (!defaults.by || ctx.interactive)) missing.push({ flag: '--by', message: ctx.t('prompt.duty.by'), ...(defaults.by ? { default: defaults.by } : {}) });
  const answers = await askMissing(ctx, missing);
  const kind = flags.kind ?? answers['--kind']!;
  let notified = flags.notified ?? '';
  if (KINDS_NEEDING_NOTIFIED.includes(kind) && notified === '') {
    notified = (await askMissing(ctx, [{ flag: '--notified', message: ctx.t('prompt.duty.notified') }]))['--notified'] ?? '';
  }
  const opt = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());
  const from = { name: opt(flags.name ?? answers['--name']), unit: opt(flags.unit ?? answers['--unit']), phone: opt(flags.phone ?? answers['--phone']) };
  const fromClean = Object.fromEntries(Object.entries(from).filter(([, v]) => v !== undefined));
  const taken = new Set<string>([...deriveEntries(desk, Number.MAX_SAFE_INTEGER).keys(), ...desk.unreadableIds]);
  const entry: Entry = {
    type: 'entry',
    id: newId('D', day, (id) => taken.has(id), randomInt),
    at: formatInstant(at, tz),
    by: (flags.by ?? answers['--by'] ?? defaults.by ?? '').trim(),
    ...(flags.shift ?? defaults.shift ? { shift: flags.shift ?? defaults.shift } : {}),
    channel: (flags.channel ?? answers['--channel'] ?? 'phone') as Entry['channel'],
    kind: kind as Entry['kind'],
    ...(Object.keys(fromClean).length ? { from: fromClean } : {}),
    content: (flags.content ?? answers['--content'] ?? '').trim(),
    ...(opt(flags.action ?? answers['--action']) ? { action: opt(flags.action ?? answers['--action'])! } : {}),
    ...(opt(flags.referredTo) ? { referred_to: opt(flags.referredTo)! } : {}),
    status: (flags.status ?? 'open') as Entry['status'],
    ...(flags.important ? { important: true } : {}),
    ...(notified ? { notified: notified.split(/[,\s]+/).filter(Boolean) } : {}),
    ...(flags.link?.length ? { links: flags.link } : {}),
  };
  if (!staffIds(session).has(entry.by) && session.desk.staffKnown) {
    // caught by the file check too, but a flag deserves a flag-shaped message
    throw new KefuError('err.badValue', { flag: '--by', value: entry.by, reason: ctx.t('err.unknownStaff') });
  }
  const path = appendDutyItem(ctx, session, entry, flags.commit, `duty: ${entry.id} ${entry.kind} (${day})`);
  ctx.io.stdout.write(`${entry.id}\n`);
  ctx.io.stderr.write(`${ctx.t('duty.logged', { id: entry.id, file: path })}\n`);
  return EXIT.clean;
}

/**
 * The desk for an update or correction of one entry: when the prefix names the entry's
 * duty day (D-20261120-…), only that day's file and the file the item goes in; if the
 * entry is not there (a file edited by hand), or the prefix is shorter, the whole desk.
 */
function openDeskForEntry(ctx: CliContext, prefix: string | undefined, at: string | undefined): { session: DeskSession; target: EntryState } {
  const day = /^D-(\d{4})(\d{2})(\d{2})/i.exec(prefix?.trim() ?? '');
  const scope: DeskScope | undefined = day
    ? (base, asOf) => [dutyDayPath(`${day[1]}-${day[2]}-${day[3]}`), dutyDayPath(dutyDayOf(parseAt(at, asOf, base.config.timezone), base.config))]
    : undefined;
  const session = openDeskPart(ctx, scope, (desk) => resolvePrefix(prefix!.trim(), deriveEntries(desk, Number.MAX_SAFE_INTEGER).keys()).kind === 'one');
  return { session, target: findEntry(ctx, session, prefix) };
}

function findEntry(ctx: CliContext, session: DeskSession, prefix: string | undefined): EntryState {
  if (!prefix) throw new KefuError('err.missingFlags', { flags: '--entry' });
  const entries = deriveEntries(session.desk, Number.MAX_SAFE_INTEGER);
  const match = resolvePrefix(prefix, entries.keys());
  if (match.kind === 'none') throw new KefuError('err.noSuchId', { id: prefix });
  if (match.kind === 'many') throw new KefuError('err.ambiguousId', { id: prefix, ids: match.ids.slice(0, 8).join(', ') });
  return entries.get(match.id)!;
}

export interface DutyUpdateFlags {
  entry?: string;
  at?: string;
  by?: string;
  status?: string;
  note?: string;
  link?: string[];
  commit?: boolean;
}

export async function runDutyUpdate(ctx: CliContext, flags: DutyUpdateFlags): Promise<number> {
  const { session, target } = openDeskForEntry(ctx, flags.entry, flags.at);
  const tz = session.desk.config.timezone;
  const at = parseAt(flags.at, session.asOf, tz);
  const defaults = defaultClerk(session, at, dutyDayOf(at, session.desk.config));
  const missing: Question[] = [];
  if (!flags.status && !flags.note) missing.push({ flag: '--status', message: ctx.t('prompt.duty.status'), choices: [{ value: 'done', name: 'done' }, { value: 'open', name: 'open' }], default: 'done' });
  if (!flags.by && (!defaults.by || ctx.interactive)) missing.push({ flag: '--by', message: ctx.t('prompt.duty.by'), ...(defaults.by ? { default: defaults.by } : {}) });
  const answers = await askMissing(ctx, missing);
  const status = (flags.status ?? answers['--status']) as Entry['status'] | undefined;
  const item: DutyItem = {
    type: 'update',
    entry: target.entry.id,
    at: formatInstant(at, tz),
    by: (flags.by ?? answers['--by'] ?? defaults.by ?? '').trim(),
    ...(status ? { status } : {}),
    ...(flags.note ? { note: flags.note } : {}),
    ...(flags.link?.length ? { links: flags.link } : {}),
  };
  const path = appendDutyItem(ctx, session, item, flags.commit, `duty: update ${target.entry.id}${status ? ` → ${status}` : ''}`);
  ctx.io.stderr.write(`${ctx.t('duty.updated', { id: target.entry.id, file: path })}\n`);
  return EXIT.clean;
}

/** The entry fields a correction can set: the same flags as `duty log`. */
type EntryFieldFlags = Pick<DutyLogFlags, 'kind' | 'channel' | 'unit' | 'name' | 'phone' | 'content' | 'action' | 'referredTo' | 'important' | 'notified' | 'shift'>;

export interface DutyCorrectFlags extends EntryFieldFlags {
  entry?: string;
  at?: string;
  by?: string;
  reason?: string;
  setAt?: string;
  setBy?: string;
  commit?: boolean;
}

export async function runDutyCorrect(ctx: CliContext, flags: DutyCorrectFlags): Promise<number> {
  const { session, target } = openDeskForEntry(ctx, flags.entry, flags.at);
  const tz = session.desk.config.timezone;
  const at = parseAt(flags.at, session.asOf, tz);
  const defaults = defaultClerk(session, at, dutyDayOf(at, session.desk.config));
  const from = Object.fromEntries(Object.entries({ name: flags.name, unit: flags.unit, phone: flags.phone }).filter(([, v]) => v !== undefined));
  const set: Record<string, unknown> = {
    ...(flags.setAt ? { at: formatInstant(parseAt(flags.setAt, session.asOf, tz), tz) } : {}),
    ...(flags.setBy ? { by: flags.setBy } : {}),
    ...(flags.shift ? { shift: flags.shift } : {}),
    ...(flags.channel ? { channel: flags.channel } : {}),
    ...(flags.kind ? { kind: flags.kind } : {}),
    ...(Object.keys(from).length ? { from } : {}),
    ...(flags.content ? { content: flags.content } : {}),
    ...(flags.action ? { action: flags.action } : {}),
    ...(flags.referredTo ? { referred_to: flags.referredTo } : {}),
    ...(flags.important !== undefined ? { important: flags.important } : {}),
    ...(flags.notified ? { notified: flags.notified.split(/[,\s]+/).filter(Boolean) } : {}),
  };
  if (Object.keys(set).length === 0) throw new KefuError('err.nothingToCorrect');
  const missing: Question[] = [];
  if (!flags.reason) missing.push({ flag: '--reason', message: ctx.t('prompt.duty.reason') });
  if (!flags.by && (!defaults.by || ctx.interactive)) missing.push({ flag: '--by', message: ctx.t('prompt.duty.by'), ...(defaults.by ? { default: defaults.by } : {}) });
  const answers = await askMissing(ctx, missing);
  const item = {
    type: 'correction',
    entry: target.entry.id,
    at: formatInstant(at, tz),
    by: (flags.by ?? answers['--by'] ?? defaults.by ?? '').trim(),
    reason: (flags.reason ?? answers['--reason'] ?? '').trim(),
    set,
  } as DutyItem;
  const path = appendDutyItem(ctx, session, item, flags.commit, `duty: correct ${target.entry.id} (${Object.keys(set).join(', ')})`);
  ctx.io.stderr.write(`${ctx.t('duty.corrected', { id: target.entry.id, file: path })}\n`);
  return EXIT.clean;
}

export interface DutyShowFlags {
  date?: string;
  format?: string;
}

interface ShowRow {
  time: string;
  by: string;
  type: DutyItem['type'];
  id?: string;
  what: string;
  action: string;
  status: string;
  corrected: boolean;
}

/** A duty day read like the paper book: entries as corrected, updates, handovers and the review in place. */
export async function runDutyShow(ctx: CliContext, flags: DutyShowFlags): Promise<number> {
  const format = checkFormat(flags.format, ['table', 'json', 'md'] as const, 'table');
  const session = openDesk(ctx);
  const { desk } = session;
  const tz = desk.config.timezone;
  const date = flags.date ?? dutyDayOf(session.asOf, desk.config);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new KefuError('err.badValue', { flag: '--date', value: date, reason: 'YYYY-MM-DD' });
  const file = desk.dutyDays.find((d) => d.data.date === date);
  const entries = deriveEntries(desk, session.asOf);
  const mask = masker(ctx.reveal);
  const staffName = new Map(desk.staff.map((s) => [s.id, s.name]));
  const who = (id: string) => `${staffName.get(id) ?? id} ${id}`;
  const rows: ShowRow[] = [];
  for (const item of file?.data.log ?? []) {
    if (Date.parse(item.at) > session.asOf) continue;
    const time = toLocal(Date.parse(item.at), tz).time.slice(0, 5);
    switch (item.type) {
      case 'entry': {
        const state = entries.get(item.id);
        const e = state?.entry ?? item;
        const caller = [e.from?.unit, mask.name(e.from?.name), mask.phone(e.from?.phone)].filter(Boolean).join(' ');
        rows.push({
          time, by: who(e.by), type: 'entry', id: item.id,
          what: `[${e.kind}/${e.channel}]${e.important ? ' ★' : ''} ${caller ? `${caller}: ` : ''}${e.content}`,
          action: [e.action, e.referred_to ? `→ ${e.referred_to}` : undefined, state?.links.length ? state.links.join(' ') : undefined].filter(Boolean).join(' '),
          status: state?.status ?? e.status,
          corrected: (state?.corrections.length ?? 0) > 0,
        });
        break;
      }
      case 'update':
        rows.push({ time, by: who(item.by), type: 'update', id: item.entry, what: `↳ ${item.entry}`, action: item.note ?? '', status: item.status ?? '', corrected: false });
        break;
      case 'correction':
        rows.push({ time, by: who(item.by), type: 'correction', id: item.entry, what: `✎ ${item.entry}: ${Object.keys(item.set).join(', ')}`, action: item.reason, status: '', corrected: false });
        break;
      case 'handover':
        rows.push({
          time, by: `${who(item.from)} → ${who(item.to)}`, type: 'handover',
          what: `${ctx.t('duty.show.handover')} ${item.shift}: ${item.checklist.map((c) => `${c.item} ${c.counted}/${c.expected}`).join(', ')}`,
          action: [item.carried_over?.length ? `${ctx.t('duty.show.carried')} ${item.carried_over.join(' ')}` : '', item.anomalies ?? ''].filter(Boolean).join('; '),
          status: '', corrected: false,
        });
        break;
      case 'review':
        rows.push({ time, by: who(item.by), type: 'review', what: `${ctx.t('duty.show.review')}${item.comment ? `: ${item.comment}` : ''}`, action: item.digest.slice(0, 19), status: '', corrected: false });
        break;
    }
  }
  if (format === 'json') {
    ctx.io.stdout.write(`${renderJson({ date, file: file?.file ?? null, items: rows })}\n`);
    return EXIT.clean;
  }
  const head = ['time', 'by', 'what', 'action', 'status'].map((k) => ctx.t(`duty.show.col.${k}` as 'duty.show.col.time'));
  const body = rows.map((r) => [r.time, r.by, `${r.what}${r.corrected ? ` (${ctx.t('duty.show.corrected')})` : ''}`, r.action, r.status]);
  if (format === 'md') {
    const esc = (s: string) => visible(s.replace(/\|/g, '\\|').replace(/\n/g, ' '));
    ctx.io.stdout.write(`# ${visible(ctx.t('duty.show.title', { property: desk.config.property, date }))}\n\n| ${head.join(' | ')} |\n| ${head.map(() => '---').join(' | ')} |\n${body.map((r) => `| ${r.map(esc).join(' | ')} |`).join('\n')}\n`);
    return EXIT.clean;
  }
  ctx.io.stdout.write(`${visible(ctx.t('duty.show.title', { property: desk.config.property, date }))}\n`);
  if (rows.length === 0) {
    ctx.io.stderr.write(`${ctx.t('duty.show.empty', { date })}\n`);
    return EXIT.clean;
  }
  ctx.io.stdout.write(`${renderTable(head, body, ctx.colorOut)}\n`);
  return EXIT.clean;
}

export interface DutyHandoverFlags {
  at?: string;
  from?: string;
  to?: string;
  shift?: string;
  count?: string[];
  note?: string[];
  allPresent?: boolean;
  anomalies?: string;
  overrideBy?: string;
  reason?: string;
  /** entries to turn into work orders (ids or prefixes) */
  toWorkorder?: string[];
  /** entries to turn into complaints: ID=SEVERITY:CATEGORY */
  toComplaint?: string[];
  commit?: boolean;
}

/** "对讲机=2" pairs from repeated flags. */
function pairs(values: string[] | undefined, flag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const v of values ?? []) {
    const i = v.lastIndexOf('=');
    if (i <= 0) throw new KefuError('err.badValue', { flag, value: v, reason: 'ITEM=VALUE' });
    out.set(v.slice(0, i).trim(), v.slice(i + 1).trim());
  }
  return out;
}

/**
 * The handover 交接班 (SPEC §3.4, §5.4; seed 000 §4.2, seed 001 交接班制度): the checklist
 * counted, open entries carried over for both to see, anomalies, both signatures.
 * Important open entries block it unless a supervisor overrides (seed 000 §4.2.2 d).
 */
export async function runDutyHandover(ctx: CliContext, flags: DutyHandoverFlags): Promise<number> {
  const session = openDesk(ctx);
  const { desk } = session;
  const tz = desk.config.timezone;
  const at = parseAt(flags.at, session.asOf, tz);
  const day = dutyDayOf(at, desk.config);
  // who hands over: the shift that is ending; who takes over: the shift starting next
  const ending = onDutyAt(desk, at - 15 * 60_000)[0];
  const starting = onDutyAt(desk, at + 15 * 60_000)[0];
  const shift = flags.shift ?? ending?.shift.id ?? (desk.config.shifts.length === 1 ? desk.config.shifts[0]!.id : undefined);
  const counts = pairs(flags.count, '--count');
  const notes = pairs(flags.note, '--note');

  const missing: Question[] = [];
  // the roster knows who hands over and who takes over: asked on a terminal, taken as is otherwise
  const fromDefault = ending?.staff[0];
  const toDefault = starting?.staff[0];
  if (!flags.from && (!fromDefault || ctx.interactive)) missing.push({ flag: '--from', message: ctx.t('prompt.handover.from'), ...(fromDefault ? { default: fromDefault } : {}) });
  if (!flags.to && (!toDefault || ctx.interactive)) missing.push({ flag: '--to', message: ctx.t('prompt.handover.to'), ...(toDefault ? { default: toDefault } : {}) });
  if (!shift) missing.push({ flag: '--shift', message: ctx.t('prompt.handover.shift'), choices: desk.config.shifts.map((s) => ({ value: s.id, name: s.name })) });
  for (const c of desk.config.handover.checklist) {
    if (!counts.has(c.item) && !flags.allPresent && ctx.interactive) missing.push({ flag: `--count ${c.item}=N`, message: ctx.t('prompt.handover.count', { item: c.item, expected: c.count }), default: String(c.count) });
  }
  if (!flags.allPresent && !ctx.interactive && desk.config.handover.checklist.some((c) => !counts.has(c.item))) {
    missing.push({ flag: '--count ITEM=N|--all-present', message: '' });
  }
  const answers = await askMissing(ctx, missing);
  const from = (flags.from ?? answers['--from'] ?? fromDefault ?? '').trim();
  const to = (flags.to ?? answers['--to'] ?? toDefault ?? '').trim();
  const checklist = desk.config.handover.checklist.map((c) => {
    const raw = counts.get(c.item) ?? answers[`--count ${c.item}=N`] ?? String(c.count);
    const counted = Number(raw);
    if (!Number.isInteger(counted) || counted < 0) throw new KefuError('err.badValue', { flag: '--count', value: `${c.item}=${raw}`, reason: '0, 1, 2 …' });
    const note = notes.get(c.item);
    return { item: c.item, expected: c.count, counted, ...(note ? { note } : {}) };
  });
  for (const c of checklist) {
    if (c.counted < c.expected && !c.note) {
      if (!ctx.interactive) throw new KefuError('err.shortfallNote', { item: c.item, counted: c.counted, expected: c.expected });
      c.note = (await askMissing(ctx, [{ flag: `--note ${c.item}=…`, message: ctx.t('prompt.handover.note', { item: c.item, counted: c.counted, expected: c.expected }) }]))[`--note ${c.item}=…`];
    }
  }

  const open = [...deriveEntries(desk, at).values()].filter((e) => e.status === 'open');
  const important = open.filter((e) => e.entry.important);
  if (important.length > 0) {
    if (!flags.overrideBy || !flags.reason) {
      throw new KefuError('err.handoverBlocked', { ids: important.map((e) => e.entry.id).join(', ') }, 'err.handoverBlocked.hint');
    }
    const supervisor = desk.staff.find((s) => s.id === flags.overrideBy);
    if (!supervisor?.roles.some((r) => r === 'supervisor' || r === 'manager')) {
      throw new KefuError('err.badValue', { flag: '--override-by', value: flags.overrideBy, reason: ctx.t('err.notSupervisor') });
    }
  }
  const signedAt = formatInstant(at, tz);
  const item: DutyItem = {
    type: 'handover',
    at: signedAt,
    shift: shift ?? answers['--shift'] ?? '',
    from,
    to,
    checklist,
    ...(open.length ? { carried_over: open.map((e) => e.entry.id) } : {}),
    ...(flags.anomalies ? { anomalies: flags.anomalies } : {}),
    ...(important.length && flags.overrideBy ? { override: { by: flags.overrideBy, reason: flags.reason! } } : {}),
    signed: { outgoing: signedAt, incoming: signedAt },
  };
  // night items not dealt with overnight become work orders or complaints at the morning handover (seed 001 值班制度 五)
  const nightFrom = desk.config.shifts.find((x) => x.end <= x.start && x.start !== desk.config.duty_day_start)?.start ?? '18:00';
  const night = open.filter((e) => {
    const t = Date.parse(e.entry.at);
    const time = toLocal(t, tz).time;
    return t >= at - 16 * 3_600_000 && (time >= nightFrom || time < desk.config.duty_day_start);
  });
  const conversions = await planConversions(ctx, session, flags, night);
  for (const c of conversions) convertEntry(ctx, session, c, at, from, flags.commit);

  const path = appendDutyItem(ctx, session, item, flags.commit, `duty: handover ${shift ?? ''} ${from} → ${to} (${day})`);

  // both read what is handed on (seed 001 交接班制度)
  const mask = masker(ctx.reveal);
  if (open.length) {
    const rows = open.map((e) => [e.entry.id, toLocal(Date.parse(e.entry.at), tz).time.slice(0, 5), e.entry.important ? '★' : '', [e.entry.from?.unit, mask.name(e.entry.from?.name)].filter(Boolean).join(' '), e.entry.content]);
    ctx.io.stdout.write(`${ctx.t('handover.carried', { count: open.length })}\n${renderTable(['id', ctx.t('duty.show.col.time'), '', ctx.t('handover.col.from'), ctx.t('duty.show.col.what')], rows, ctx.colorOut)}\n`);
  }
  for (const c of conversions) ctx.io.stderr.write(`${ctx.t('handover.converted', { entry: c.entry.entry.id, id: c.id })}\n`);
  const left = night.filter((e) => !conversions.some((c) => c.entry.entry.id === e.entry.id));
  if (left.length && toLocal(at, tz).time < '12:00') ctx.io.stderr.write(`${ctx.t('handover.night', { ids: left.map((e) => e.entry.id).join(', ') })}\n`);
  ctx.io.stderr.write(`${ctx.t('handover.done', { from, to, file: path })}\n`);
  return EXIT.clean;
}

export interface DutyReviewFlags {
  date?: string;
  at?: string;
  by?: string;
  comment?: string;
  commit?: boolean;
}

/** The supervisor's sign-off of a duty day (seed 000 §4.3), with the digest of what it signs. */
export async function runDutyReview(ctx: CliContext, flags: DutyReviewFlags): Promise<number> {
  const session = openDesk(ctx);
  const { desk } = session;
  const tz = desk.config.timezone;
  const at = parseAt(flags.at, session.asOf, tz);
  // by default the duty day that has just ended
  const date = flags.date ?? addDays(dutyDayOf(at, desk.config), -1);
  const file = desk.dutyDays.find((d) => d.data.date === date);
  if (!file) throw new KefuError('err.noDutyDay', { date });
  const missing: Question[] = [];
  const supervisors = desk.staff.filter((s) => isActive(s) && s.roles.includes('supervisor'));
  if (!flags.by) missing.push({ flag: '--by', message: ctx.t('prompt.duty.by'), ...(supervisors[0] ? { default: supervisors[0].id } : {}) });
  const answers = await askMissing(ctx, missing);
  const by = (flags.by ?? answers['--by'] ?? '').trim();
  const member = desk.staff.find((s) => s.id === by);
  if (member && !member.roles.some((r) => r === 'supervisor' || r === 'manager')) throw new KefuError('err.badValue', { flag: '--by', value: by, reason: ctx.t('err.notSupervisor') });
  // the digest covers the items exactly as they are in the file above the review
  const itemsAbove = file.kept ? undefined : file.data.log;
  if (!itemsAbove) throw new KefuError('err.dayHasProblems', { file: file.file });
  const item: DutyItem = {
    type: 'review',
    at: formatInstant(at, tz),
    by,
    ...(flags.comment ? { comment: flags.comment } : {}),
    digest: reviewDigest(itemsAbove),
  };
  const path = appendDutyItem(ctx, session, item, flags.commit, `duty: review ${date} by ${by}`, date);
  ctx.io.stderr.write(`${ctx.t('review.done', { date, count: itemsAbove.length, file: path })}\n`);
  return EXIT.clean;
}

interface Conversion {
  entry: EntryState;
  to: 'workorder' | 'complaint';
  id: string;
  severity?: string;
  category?: string;
}

/** Which entries become work orders or complaints: from the flags, and on a terminal by asking about each night item. */
async function planConversions(ctx: CliContext, session: DeskSession, flags: DutyHandoverFlags, night: EntryState[]): Promise<Conversion[]> {
  const { desk } = session;
  const taken = new Set<string>([...desk.complaints.map((c) => c.data.id), ...desk.workOrders.map((w) => w.data.id), ...desk.unreadableIds]);
  const make = (entry: EntryState, to: Conversion['to'], severity?: string, category?: string): Conversion => {
    const id = newId(to === 'workorder' ? 'WO' : 'TS', localDateOf(Date.parse(entry.entry.at), desk.config.timezone), (x) => taken.has(x), randomInt);
    taken.add(id);
    return { entry, to, id, ...(severity ? { severity } : {}), ...(category ? { category } : {}) };
  };
  const out: Conversion[] = [];
  for (const prefix of flags.toWorkorder ?? []) out.push(make(findEntry(ctx, session, prefix), 'workorder'));
  for (const spec of flags.toComplaint ?? []) {
    const m = /^([^=]+)=(major|important|minor):([a-z][a-z0-9_]*)$/.exec(spec);
    if (!m) throw new KefuError('err.badValue', { flag: '--to-complaint', value: spec, reason: 'ID=major|important|minor:category' });
    out.push(make(findEntry(ctx, session, m[1]), 'complaint', m[2], m[3]));
  }
  if (!ctx.interactive) return out;
  for (const entry of night) {
    if (out.some((c) => c.entry.entry.id === entry.entry.id)) continue;
    const choice = (await askMissing(ctx, [{
      flag: '--to-workorder|--to-complaint',
      message: ctx.t('prompt.handover.convert', { id: entry.entry.id, content: entry.entry.content }),
      choices: [{ value: 'keep', name: ctx.t('prompt.handover.keep') }, { value: 'workorder', name: ctx.t('prompt.handover.workorder') }, { value: 'complaint', name: ctx.t('prompt.handover.complaint') }],
      default: 'keep',
    }]))['--to-workorder|--to-complaint'];
    if (choice === 'workorder') out.push(make(entry, 'workorder'));
    if (choice === 'complaint') {
      const a = await askMissing(ctx, [
        { flag: '--severity', message: ctx.t('prompt.handover.severity'), choices: ['minor', 'important', 'major'].map((v) => ({ value: v, name: v })), default: 'minor' },
        { flag: '--category', message: ctx.t('prompt.handover.category'), validate: (v) => /^[a-z][a-z0-9_]*$/.test(v) || 'a-z, 0-9, _' },
      ]);
      out.push(make(entry, 'complaint', a['--severity'], a['--category']));
    }
  }
  return out;
}

const COMPLAINT_CHANNEL: Record<string, string> = { phone: 'phone', visit: 'visit', letter: 'letter', email: 'email', wechat: 'wechat' };
const WORK_ORDER_KIND: Record<string, string> = { repair: 'repair', help: 'help' };

/**
 * Creates the work order or complaint for an entry (received when the entry was, from
 * whom it came), its first event saying where it came from, and an update on the entry
 * linking it — each appended and committed like any other write.
 */
function convertEntry(ctx: CliContext, session: DeskSession, c: Conversion, at: number, by: string, commit: boolean | undefined): void {
  const { desk } = session;
  const e = c.entry.entry;
  const tz = desk.config.timezone;
  const event = { type: 'note', at: formatInstant(at, tz), by, text: ctx.t('handover.convertedNote', { entry: e.id }) };
  const record = c.to === 'workorder'
    ? { id: c.id, kind: WORK_ORDER_KIND[e.kind] ?? 'other', received_at: e.at, received_by: e.by, requester: e.from ?? {}, item: e.content, ...(e.from?.unit ? { location: e.from.unit } : {}), events: [event] }
    : { id: c.id, received_at: e.at, received_by: e.by, channel: COMPLAINT_CHANNEL[e.channel] ?? 'other', complainant: e.from ?? {}, category: c.category!, summary: e.content, severity: c.severity!, events: [event] };
  const path = c.to === 'workorder' ? workOrderPath(c.id) : complaintPath(c.id);
  writeItem(ctx, session, {
    path, listKey: 'events', item: event,
    create: { record, kind: c.to === 'workorder' ? 'work-order' : 'complaint' },
    by, message: `${c.to === 'workorder' ? 'workorder' : 'complaint'}: ${c.id} from ${e.id}`, commit,
  });
  const update: DutyItem = { type: 'update', entry: e.id, at: formatInstant(at, tz), by, links: [c.id] };
  appendDutyItem(ctx, session, update, commit, `duty: ${e.id} → ${c.id}`);
}
