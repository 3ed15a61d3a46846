// kefu roster generate|show|check|approve|swap — the supervisor's monthly duty roster
// 值班安排表 (SPEC §3.3, §5.1; seed 000 §4.1, seed 001 值班制度, seed 004 职责).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { schemaModeline } from '../../domain/json-schemas.js';
import { serializeListItem, serializeRecordFile } from '../../domain/records/serialize.js';
import { effectiveAssignments, rosterPath, type Roster } from '../../domain/records/roster.js';
import { isActive } from '../../domain/records/staff.js';
import {
  buildRosterProblem, buildRosterRecord, checkRoster, DESK_TEAM, fairBands, rosterTeams, solveRoster,
  type HardViolation, type RosterBlock, type RosterCheck, type RosterProblem, type SolveLp,
} from '../../domain/roster/index.js';
import { rosterCalendar } from '../../domain/roster/ics.js';
import { addDays, formatInstant, isoWeekday, localDateOf } from '../../domain/time.js';
import { withDeskLock } from '../../store/desk-lock.js';
import { commitPaths, isInsideGitRepo } from '../../store/git.js';
import { replaceFile, writeNewFile } from '../../store/write-file.js';
import { checkFormat, type CliContext } from '../context.js';
import { checkFileToBe, openDeskFor, type DeskSession } from '../desk-session.js';
import { rosterPaths } from '../../store/desk-scope.js';
import { EXIT, KefuError } from '../errors.js';
import { askMissing } from '../prompts.js';
import { authorOf, checkStaff, parseAt } from '../record-writer.js';
import { paintCell, renderTable } from '../render/table.js';
import { csvCell } from '../render/csv.js';
import { renderJson, visibleLines } from '../render/terminal-text.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** --month, by default the month after "now" (the roster is made before its month starts). */
function monthOf(ctx: CliContext, session: DeskSession, value: string | undefined, fallback: 'next' | 'current'): string {
  if (value !== undefined) {
    if (!MONTH.test(value)) throw new KefuError('err.badValue', { flag: '--month', value, reason: 'YYYY-MM' });
    return value;
  }
  const today = localDateOf(session.asOf, session.desk.config.timezone);
  return fallback === 'current' ? today.slice(0, 7) : addDays(`${today.slice(0, 7)}-28`, 5).slice(0, 7);
}

function teamOf(session: DeskSession, value: string | undefined): string {
  const team = value ?? DESK_TEAM;
  const teams = rosterTeams(session.desk.config);
  if (!teams.includes(team)) throw new KefuError('err.rosterTeam', { team, teams: teams.join(', ') });
  return team;
}

function rosterAt(session: DeskSession, month: string, team: string) {
  const path = rosterPath({ month, team });
  return { path, loaded: session.desk.rosters.find((r) => r.file === path) };
}

/**
 * Rosters need kefu.yaml, staff.yaml and the rosters — every month's, for the imbalance
 * carried over (SPEC §5.1) — and no record: the desk's other files are not read.
 */
function openRosterDesk(ctx: CliContext): DeskSession {
  return openDeskFor(ctx, (_base, _asOf, root) => rosterPaths(root));
}

function isSupervisor(session: DeskSession, id: string): boolean {
  return session.desk.staff.some((s) => s.id === id && s.roles.some((r) => r === 'supervisor' || r === 'manager'));
}

function writeRosterText(ctx: CliContext, session: DeskSession, path: string, text: string, by: string, message: string, commit: boolean | undefined): void {
  const abs = join(session.root, path);
  withDeskLock(session.root, () => {
    checkFileToBe(ctx, session, path, text);
    mkdirSync(dirname(abs), { recursive: true });
    // a draft is regenerated and approval sets its status; after that it only grows by `changes`
    if (existsSync(abs)) replaceFile(abs, text);
    else writeNewFile(abs, text);
  });
  session.sources = session.sources.filter((s) => s.path !== path).concat({ path, bytes: Buffer.from(text, 'utf8') });
  if (commit !== false && isInsideGitRepo(session.root)) commitPaths(session.root, [path], message, authorOf(session.desk, by));
}

/** "2026-12-24 夜班: needs 2, 1 of 2 eligible available (S10 on leave)". */
export function describeBlock(ctx: CliContext, problem: RosterProblem, b: RosterBlock): string {
  const name = (id: string) => problem.shifts.find((s) => s.id === id)?.name ?? id;
  const shift = b.shift.split('+').map(name).join('+');
  const leave = b.onLeave.length ? ctx.t('roster.block.onLeave', { ids: b.onLeave.join(' ') }) : '';
  const blocked = (b.blockedBy ?? []).filter((x) => x.rule !== 'free' && x.rule !== 'leave')
    .map((x) => `${x.staff} (${ctx.t(`roster.rule.${x.rule as 'rest'}`)}${x.date ? ` ${x.date.slice(5)} ${name(x.shift ?? '')}` : ''})`);
  const params = { date: b.date, shift, need: b.need, available: b.available, eligible: b.eligible.length, leave, blocked: blocked.join(', '), staff: b.staff ?? '', reason: b.reason ? ctx.t(`roster.rule.${b.reason as 'rest'}`) : '', dates: (b.dates ?? []).map((d) => d.slice(5)).join(', ') };
  switch (b.rule) {
    case 'coverage': return ctx.t('roster.block.coverage', params);
    case 'week_limit': return ctx.t('roster.block.week', { ...params, max: problem.rules.maxShiftsPerWeek });
    case 'pinned': return ctx.t('roster.block.pinned', params);
    default: return ctx.t('roster.block.rest', { ...params, rule: ctx.t(`roster.rule.${b.rule}`), min: problem.rules.minRestHours });
  }
}

function describeViolation(ctx: CliContext, v: HardViolation): string {
  return ctx.t('roster.violation', {
    date: v.date, shift: v.shift, staff: v.staff ?? '', rule: ctx.t(`roster.rule.${v.rule as 'rest'}`),
    detail: [v.other ? `${v.other.date} ${v.other.shift}${v.other.previousMonth ? ` (${ctx.t('roster.previousMonth')})` : ''}` : '', v.gapHours !== undefined ? `${v.gapHours} h` : '', v.count !== undefined ? `${v.count}/${v.max}` : '', v.have !== undefined ? `${v.have}/${v.need}` : ''].filter(Boolean).join(', '),
  });
}

export interface RosterGenerateFlags {
  month?: string;
  team?: string;
  seed?: string;
  by?: string;
  timeLimit?: string;
  format?: string;
  commit?: boolean;
}

/** A draft roster, proven optimal when HiGHS says so; when none exists, the days and rules that block it, and nothing written. */
export async function runRosterGenerate(ctx: CliContext, flags: RosterGenerateFlags): Promise<number> {
  const format = checkFormat(flags.format, ['table', 'json'] as const, 'table');
  const session = openRosterDesk(ctx);
  const { desk } = session;
  const month = monthOf(ctx, session, flags.month, 'next');
  const team = teamOf(session, flags.team);
  const seed = flags.seed === undefined ? 1 : Number(flags.seed);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new KefuError('err.badValue', { flag: '--seed', value: flags.seed, reason: '0, 1, 2 …' });
  const timeLimit = flags.timeLimit === undefined ? 10 : Number(flags.timeLimit);
  if (!(timeLimit > 0 && timeLimit <= 3600)) throw new KefuError('err.badValue', { flag: '--time-limit', value: flags.timeLimit, reason: ctx.t('roster.seconds') });
  const { path, loaded } = rosterAt(session, month, team);
  if (loaded?.data.status === 'approved') throw new KefuError('err.rosterApproved', { month, file: path }, 'err.rosterApproved.hint');

  const lead = team === DESK_TEAM ? undefined : desk.config.teams[team]?.lead;
  const supervisor = desk.staff.find((s) => isActive(s) && s.roles.includes('supervisor'))?.id;
  const fallbackBy = lead ?? supervisor;
  const by = checkStaff(ctx, session, '--by', flags.by ?? (fallbackBy && !ctx.interactive ? fallbackBy : (await askMissing(ctx, [{ flag: '--by', message: ctx.t('prompt.roster.by'), ...(fallbackBy ? { default: fallbackBy } : {}) }]))['--by']) ?? '');

  const problem = buildRosterProblem(desk, { month, team, seed });
  const progress = ctx.io.stderr.isTTY === true;
  if (progress) ctx.io.stderr.write(`${ctx.t('roster.solving', { month, slots: problem.slots.length, staff: problem.staff.length })}\r`);
  const started = Date.now();
  // HiGHS is loaded on first use: most months are proven optimal by the local search alone
  // (every count inside its band), and never pay for compiling the solver
  let solve: SolveLp | undefined;
  try {
    solve = (await import('../../store/solver.js')).solveWithHighs;
  } catch {
    ctx.io.stderr.write(`${ctx.err.yellow(ctx.t('roster.noSolver'))}\n`);
  }
  const result = await solveRoster(problem, solve, { timeLimitSeconds: timeLimit });
  const seconds = ((Date.now() - started) / 1000).toFixed(2);
  if (progress) ctx.io.stderr.write('\x1b[2K');

  if (result.status === 'infeasible') {
    if (format === 'json') ctx.io.stdout.write(`${renderJson({ month, team, status: 'infeasible', proven: result.proven, method: result.method, blocks: result.blocks })}\n`);
    ctx.io.stderr.write(`${ctx.err.red('kefu:')} ${ctx.t(result.proven ? 'roster.infeasible' : 'roster.notFound', { month })}\n`);
    for (const b of result.blocks) ctx.io.stderr.write(`  ${describeBlock(ctx, problem, b)}\n`);
    ctx.io.stderr.write(`${ctx.err.dim(ctx.t('roster.infeasible.hint'))}\n`);
    return EXIT.findings;
  }

  const record = buildRosterRecord(problem, result, { at: formatInstant(session.asOf, desk.config.timezone), by });
  const text = serializeRecordFile(record, schemaModeline(path, 'roster'));
  writeRosterText(ctx, session, path, text, by, `roster: ${month}${team !== DESK_TEAM ? ` ${team}` : ''} draft generated (seed ${seed}${result.optimal ? ', optimal' : ''})`, flags.commit);

  if (format === 'json') {
    ctx.io.stdout.write(`${renderJson({ month, team, status: 'draft', file: path, optimal: result.optimal, method: result.method, seconds: Number(seconds), band_deviation: result.bandDeviation, weekend_deviation: result.weekendDeviation, preference_violations: result.preferenceViolations, assignments: record.assignments, staff: result.deviations })}\n`);
  } else {
    ctx.io.stdout.write(`${summaryTable(ctx, session, problem, checkRoster(problem, record.assignments))}\n`);
  }
  const how = result.optimal ? ctx.t('roster.optimal') : ctx.t(result.method === 'highs' ? 'roster.capped' : 'roster.heuristic');
  ctx.io.stderr.write(`${ctx.t('roster.generated', { month, file: path, how, seconds, deviation: result.bandDeviation + result.weekendDeviation })}\n`);
  for (const note of result.notes) ctx.io.stderr.write(`${ctx.err.dim(note)}\n`);
  return EXIT.clean;
}

/** Per person: duties of each shift type and weekend/holiday duties against their fair band, and hours. */
function summaryTable(ctx: CliContext, session: DeskSession, problem: RosterProblem, check: RosterCheck): string {
  const names = new Map(session.desk.staff.map((s) => [s.id, s.name]));
  const cell = (c: { count: number; floor: number; ceil: number; deviation: number } | undefined) => {
    if (!c) return '';
    const text = `${c.count} (${c.floor === c.ceil ? c.floor : `${c.floor}–${c.ceil}`})`;
    return c.deviation > 0 ? paintCell(text, ctx.out.red) : text;
  };
  // the preferences column only when someone has stated preferences (SPEC §5.1 soft 4)
  const stated = problem.staff.some((p) => p.preferences);
  const head = [ctx.t('roster.col.staff'), ...problem.shifts.map((s) => s.name), ctx.t('roster.col.weekendHoliday'), ...(stated ? [ctx.t('roster.col.preferences')] : []), ctx.t('roster.col.duties'), ctx.t('roster.col.hours')];
  const rows = check.deviations.filter((d) => d.duties > 0 || Object.keys(d.byShift).length > 0).map((d) => [
    `${d.staff} ${names.get(d.staff) ?? ''}`.trim(),
    ...problem.shifts.map((s) => cell(d.byShift[s.id])),
    cell(d.weekendHoliday),
    ...(stated ? [d.preferences > 0 ? paintCell(String(d.preferences), ctx.out.yellow) : problem.staff.find((p) => p.id === d.staff)?.preferences ? '0' : ''] : []),
    String(d.duties),
    String(Math.round(d.hours * 10) / 10),
  ]);
  return renderTable(head, rows, ctx.colorOut);
}

export interface RosterShowFlags {
  month?: string;
  team?: string;
  staff?: string;
  format?: string;
}

/** The calendar grid (days × shifts), the per-person summary; csv, json, or ICS for a phone calendar. */
export async function runRosterShow(ctx: CliContext, flags: RosterShowFlags): Promise<number> {
  const format = checkFormat(flags.format, ['table', 'csv', 'json', 'ics'] as const, 'table');
  const session = openRosterDesk(ctx);
  const { desk } = session;
  const month = monthOf(ctx, session, flags.month, 'current');
  const team = teamOf(session, flags.team);
  const { path, loaded } = rosterAt(session, month, team);
  if (!loaded) throw new KefuError('err.noRoster', { month, file: path }, 'err.noRoster.hint');
  const roster = loaded.data;
  const effective = effectiveAssignments(roster);
  const problem = buildRosterProblem(desk, { month, team, seed: roster.generated?.seed ?? 0 });
  const check = checkRoster(problem, effective);
  const names = new Map(desk.staff.map((s) => [s.id, s.name]));
  if (flags.staff !== undefined) checkStaff(ctx, session, '--staff', flags.staff);
  const mine = (staff: readonly string[]) => flags.staff === undefined || staff.includes(flags.staff);

  if (format === 'ics') {
    ctx.io.stdout.write(rosterCalendar({ property: desk.config.property, roster, assignments: effective.filter((a) => mine(a.staff)), problem, names, ...(flags.staff ? { staff: flags.staff } : {}) }));
    return EXIT.clean;
  }
  if (format === 'json') {
    const bands = fairBands(problem);
    ctx.io.stdout.write(`${renderJson({
      month, team, file: path, status: roster.status,
      ...(roster.generated ? { generated: roster.generated } : {}), ...(roster.approved ? { approved: roster.approved } : {}),
      assignments: effective.filter((a) => mine(a.staff)),
      changes: roster.changes ?? [],
      staff: check.deviations.filter((d) => mine([d.staff])).map((d) => ({ ...d, bands: bands.find((b) => b.staff === d.staff) })),
      hard: check.hard,
    })}\n`);
    return EXIT.clean;
  }
  if (format === 'csv') {
    const rows = [['date', 'weekday', 'shift', 'staff', 'names']];
    for (const a of effective.filter((x) => mine(x.staff))) rows.push([a.date, String(isoWeekday(a.date)), a.shift, a.staff.join(' '), a.staff.map((id) => names.get(id) ?? id).join(' ')]);
    ctx.io.stdout.write(`${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`);
    return EXIT.clean;
  }
  const weekday = (d: string) => ctx.t(`roster.weekday.${isoWeekday(d) as 1}`);
  const dayLabel = (d: string) => `${d.slice(5)} ${weekday(d)}${problem.days.find((x) => x.date === d)?.weekendHoliday ? ' ●' : ''}`;
  const head = [ctx.t('roster.col.date'), ...problem.shifts.map((s) => s.name)];
  const rows = problem.days.map((day) => [dayLabel(day.date), ...problem.shifts.map((s) => {
    const a = effective.find((x) => x.date === day.date && x.shift === s.id);
    // a staff name is text from staff.yaml: escaped before the bold goes on
    const who = (a?.staff ?? []).map((id) => (flags.staff === id ? ctx.out.bold(visibleLines(`${id} ${names.get(id) ?? ''}`)) : visibleLines(`${id} ${names.get(id) ?? ''}`))).join(', ');
    return who ? { painted: who } : paintCell('—', ctx.out.red);
  })]);
  const status = roster.status === 'approved' ? ctx.t('roster.status.approved', { by: roster.approved?.by ?? '' }) : ctx.t('roster.status.draft');
  ctx.io.stdout.write(`${ctx.t('roster.title', { property: desk.config.property, month, team: team === DESK_TEAM ? '' : ` (${team})`, status })}\n`);
  ctx.io.stdout.write(`${renderTable(head, rows, ctx.colorOut)}\n\n${summaryTable(ctx, session, problem, check)}\n`);
  if (check.hard.length) {
    ctx.io.stderr.write(`${ctx.err.red(ctx.t('roster.hardCount', { count: check.hard.length }))}\n`);
    for (const v of check.hard) ctx.io.stderr.write(`  ${describeViolation(ctx, v)}\n`);
  }
  return EXIT.clean;
}

/** Hard and soft rules on a roster file, including one edited by hand: exit 1 when a hard rule is broken. */
export async function runRosterCheck(ctx: CliContext, flags: { month?: string; team?: string; format?: string }): Promise<number> {
  const format = checkFormat(flags.format, ['text', 'json'] as const, 'text');
  const session = openRosterDesk(ctx);
  const month = monthOf(ctx, session, flags.month, 'next');
  const team = teamOf(session, flags.team);
  const { path, loaded } = rosterAt(session, month, team);
  if (!loaded) throw new KefuError('err.noRoster', { month, file: path }, 'err.noRoster.hint');
  const problem = buildRosterProblem(session.desk, { month, team, seed: loaded.data.generated?.seed ?? 0 });
  const check = checkRoster(problem, effectiveAssignments(loaded.data));
  if (format === 'json') {
    ctx.io.stdout.write(`${renderJson({ month, team, file: path, ok: check.ok, hard: check.hard, soft: check.soft, preferences: check.preferences })}\n`);
  } else {
    for (const v of check.hard) ctx.io.stdout.write(`${path}  ${ctx.out.red(ctx.t('roster.hard'))}  ${describeViolation(ctx, v)}\n`);
    for (const s of check.soft) {
      const what = s.kind === 'shift' ? (problem.shifts.find((x) => x.id === s.shift)?.name ?? s.shift ?? '') : ctx.t('roster.col.weekendHoliday');
      ctx.io.stdout.write(`${path}  ${ctx.out.yellow(ctx.t('roster.soft'))}  ${ctx.t('roster.band', { staff: s.staff, what, count: s.count, floor: s.floor, ceil: s.ceil })}\n`);
    }
    for (const f of check.preferences) {
      const shift = problem.shifts.find((x) => x.id === f.shift)?.name ?? f.shift;
      const against = f.against.map((a) => ctx.t(`roster.against.${a}`)).join(ctx.t('roster.against.and'));
      ctx.io.stdout.write(`${path}  ${ctx.out.yellow(ctx.t('roster.soft'))}  ${ctx.t('roster.preference', { staff: f.staff, date: f.date, shift, against })}\n`);
    }
    ctx.io.stderr.write(`${ctx.t(check.hard.length ? 'roster.checkFailed' : 'roster.checkClean', { file: path, hard: check.hard.length, soft: check.soft.length })}\n`);
  }
  return check.hard.length ? EXIT.findings : EXIT.clean;
}

/** The supervisor approves a draft (seed 000 §4.1.1; a team roster too, seed 004 职责): refused while a hard rule is broken. */
export async function runRosterApprove(ctx: CliContext, flags: { month?: string; team?: string; by?: string; at?: string; commit?: boolean }): Promise<number> {
  const session = openRosterDesk(ctx);
  const { desk } = session;
  const month = monthOf(ctx, session, flags.month, 'next');
  const team = teamOf(session, flags.team);
  const { path, loaded } = rosterAt(session, month, team);
  if (!loaded) throw new KefuError('err.noRoster', { month, file: path }, 'err.noRoster.hint');
  if (loaded.data.status === 'approved') throw new KefuError('err.rosterApproved', { month, file: path }, 'err.rosterApproved.hint');
  const supervisor = desk.staff.find((s) => isActive(s) && s.roles.includes('supervisor'))?.id;
  const by = checkStaff(ctx, session, '--by', flags.by ?? (await askMissing(ctx, [{ flag: '--by', message: ctx.t('prompt.roster.approver'), ...(supervisor ? { default: supervisor } : {}) }]))['--by'] ?? '');
  if (!isSupervisor(session, by)) throw new KefuError('err.badValue', { flag: '--by', value: by, reason: ctx.t('err.notSupervisor') });
  const problem = buildRosterProblem(desk, { month, team, seed: loaded.data.generated?.seed ?? 0 });
  const check = checkRoster(problem, effectiveAssignments(loaded.data));
  if (!check.ok) {
    for (const v of check.hard) ctx.io.stderr.write(`  ${describeViolation(ctx, v)}\n`);
    throw new KefuError('err.rosterBroken', { month, count: check.hard.length });
  }
  const at = formatInstant(parseAt(flags.at, session.asOf, desk.config.timezone), desk.config.timezone);
  // the status line is changed in place, the rest of the file (hand edits, comments) kept as it is
  const current = readFileSync(join(session.root, path), 'utf8');
  if (!/^status: draft\r?$/m.test(current)) throw new KefuError('err.cannotAppend', { file: path, key: 'status' });
  const text = current.replace(/^status: draft(\r?)$/m, `status: approved$1\napproved:$1\n  at: "${at}"$1\n  by: ${by}$1`);
  writeRosterText(ctx, session, path, text, by, `roster: ${month}${team !== DESK_TEAM ? ` ${team}` : ''} approved by ${by}`, flags.commit);
  ctx.io.stderr.write(`${ctx.t('roster.approved', { month, by, file: path })}\n`);
  return EXIT.clean;
}

export interface RosterSwapFlags {
  month?: string;
  team?: string;
  date?: string;
  shift?: string;
  from?: string;
  to?: string;
  reason?: string;
  approvedBy?: string;
  at?: string;
  commit?: boolean;
}

/** A change after approval (seed 000 §4.1.5 d: no private swaps): approved, reasoned, re-checked, appended. */
export async function runRosterSwap(ctx: CliContext, flags: RosterSwapFlags): Promise<number> {
  const session = openRosterDesk(ctx);
  const { desk } = session;
  const tz = desk.config.timezone;
  const date = flags.date;
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new KefuError(date ? 'err.badValue' : 'err.missingFlags', date ? { flag: '--date', value: date, reason: 'YYYY-MM-DD' } : { flags: '--date' });
  const month = flags.month ?? date.slice(0, 7);
  const team = teamOf(session, flags.team);
  const { path, loaded } = rosterAt(session, month, team);
  if (!loaded) throw new KefuError('err.noRoster', { month, file: path }, 'err.noRoster.hint');
  if (loaded.data.status !== 'approved') throw new KefuError('err.rosterNotApproved', { month, file: path });
  const answers = await askMissing(ctx, [
    ...(flags.shift ? [] : [{ flag: '--shift', message: ctx.t('prompt.handover.shift'), choices: buildRosterProblem(desk, { month, team, seed: 0 }).shifts.map((s) => ({ value: s.id, name: s.name })) }]),
    ...(flags.from ? [] : [{ flag: '--from', message: ctx.t('prompt.roster.from') }]),
    ...(flags.to ? [] : [{ flag: '--to', message: ctx.t('prompt.roster.to') }]),
    ...(flags.reason ? [] : [{ flag: '--reason', message: ctx.t('prompt.duty.reason') }]),
    ...(flags.approvedBy ? [] : [{ flag: '--approved-by', message: ctx.t('prompt.roster.approver') }]),
  ]);
  const shift = flags.shift ?? answers['--shift']!;
  const from = checkStaff(ctx, session, '--from', flags.from ?? answers['--from']!);
  const to = checkStaff(ctx, session, '--to', flags.to ?? answers['--to']!);
  const approvedBy = checkStaff(ctx, session, '--approved-by', flags.approvedBy ?? answers['--approved-by']!);
  if (!isSupervisor(session, approvedBy)) throw new KefuError('err.badValue', { flag: '--approved-by', value: approvedBy, reason: ctx.t('err.notSupervisor') });
  const before = effectiveAssignments(loaded.data);
  const slot = before.find((a) => a.date === date && a.shift === shift);
  if (!slot?.staff.includes(from)) throw new KefuError('err.notOnDuty', { staff: from, date, shift });
  if (slot.staff.includes(to)) throw new KefuError('err.alreadyOnDuty', { staff: to, date, shift });
  const change = { at: formatInstant(parseAt(flags.at, session.asOf, tz), tz), date, shift, from, to, reason: (flags.reason ?? answers['--reason']!).trim(), approved_by: approvedBy };
  const after: Roster = { ...loaded.data, changes: [...(loaded.data.changes ?? []), change] };
  // refused when it breaks a hard rule the roster kept before (SPEC §5.1)
  const problem = buildRosterProblem(desk, { month, team, seed: loaded.data.generated?.seed ?? 0 });
  const key = (v: HardViolation) => `${v.rule}|${v.date}|${v.shift}|${v.staff ?? ''}|${v.other?.date ?? ''}|${v.other?.shift ?? ''}`;
  const old = new Set(checkRoster(problem, before).hard.map(key));
  const broken = checkRoster(problem, effectiveAssignments(after)).hard.filter((v) => !old.has(key(v)));
  if (broken.length) {
    for (const v of broken) ctx.io.stderr.write(`  ${describeViolation(ctx, v)}\n`);
    throw new KefuError('err.swapRefused', { from, to, date, shift });
  }
  const current = readFileSync(join(session.root, path), 'utf8');
  const hasChanges = /^changes:\s*$/m.test(current);
  if (hasChanges && !/^changes:\s*\n(?:[ \t].*\n|\n)*$/.test(current.slice(current.search(/^changes:\s*$/m)))) throw new KefuError('err.cannotAppend', { file: path, key: 'changes' });
  if (!current.endsWith('\n')) throw new KefuError('err.tornTail', { file: path }, 'err.tornTail.hint');
  const text = `${current}${hasChanges ? '' : 'changes:\n'}${serializeListItem(change, 2)}`;
  writeRosterText(ctx, session, path, text, approvedBy, `roster: ${month}${team !== DESK_TEAM ? ` ${team}` : ''} change ${date} ${shift} ${from} → ${to} approved by ${approvedBy}`, flags.commit);
  ctx.io.stderr.write(`${ctx.t('roster.swapped', { date, shift, from, to, file: path })}\n`);
  return EXIT.clean;
}

