// What a command that reads or writes records needs: the desk found, loaded and
// checked as of "now", and a check of a file as it will be after a write.
import { setFlagsFromString } from 'node:v8';
import type { Desk } from '../domain/desk.js';
import { loadDesk, type LoadResult, type SourceFile } from '../domain/load-desk.js';
import { maskRecordText } from '../domain/privacy.js';
import { homeOfId, kindOfPath, type KindName } from '../domain/record-kinds.js';
import { addDays, localDateOf } from '../domain/time.js';
import { openRecordCache, type DeskRecordCache } from '../store/cache.js';
import { READ_AHEAD_MIN_FILES, readAhead } from '../store/read-ahead.js';
import { deskRootFor } from '../store/desk.js';
import { findInterruptedAppends } from '../store/append.js';
import { readDeskSources } from '../store/desk-files.js';
import { readDeskBase, readDeskFiles, readRosters, recordFilesByPrefix } from '../store/desk-scope.js';
import { ensureMergeDriver } from '../store/git-config.js';
import { resolveAsOf, type CliContext } from './context.js';
import { KefuError } from './errors.js';
import { renderDiagnosticsText } from './render/diagnostics.js';

export interface DeskSession extends LoadResult {
  root: string;
  sources: SourceFile[];
  /** the desk's record cache, unless --no-cache (or the desk is not a git repository) */
  cache?: DeskRecordCache;
  /** only part of the desk was read (openDeskFor): `desk` holds just those records */
  partial?: true;
}

/**
 * The record files a write command works on, besides kefu.yaml and staff.yaml, worked
 * out from those (the desk's timezone and duty-day start) and asOf.
 */
export type DeskScope = (base: Desk, asOf: number, root: string) => readonly string[];

/** What the cron job's reads need (`report overdue`, `callback due`): every kind but the duty log — a three-year desk's 50,000 entries. */
export const BUT_THE_DUTY_LOG: ReadonlySet<KindName> = new Set(['config', 'staff', 'roster', 'complaint', 'work-order', 'callback-month']);

/**
 * The whole desk, checked as of now. `reads`: the record kinds the command reads — those of
 * other kinds may be left in the cache, unread (LoadOptions.reads); the desk then holds
 * only these kinds.
 */
export function openDesk(ctx: CliContext, reads?: ReadonlySet<KindName>, files: DeskFiles = findDeskFiles(ctx)): DeskSession {
  const { root, sources } = files;
  const { result, cache } = loadDeskCached(ctx, root, sources, reads);
  return { ...result, root, sources, ...(cache ? { cache } : {}) };
}

/** The desk's root and its files, none read yet (their bytes and stamps are taken when asked for). */
export interface DeskFiles {
  root: string;
  sources: SourceFile[];
}

export function findDeskFiles(ctx: CliContext): DeskFiles {
  const root = deskRootFor(ctx.io.cwd, ctx.deskOption);
  ensureMergeDriver(root); // SPEC §2: a fresh clone gets the merge driver on its first kefu call
  return { root, sources: deskSources(root) };
}

/**
 * The desk's files, with the item of every interrupted append set aside (issue 8: a torn
 * tail is never read as data). kefu notes each append before it writes (append.ts); a note
 * left behind whose item is not whole marks where the cut item starts, even when the cut
 * fell at a line break and what is left reads as a valid shorter item. Reports, `show` and
 * the checks of a write then read the file as it was before that append; `validate` reads
 * it whole and reports the cut (validate.ts), and appends to it are refused until repaired.
 */
function deskSources(root: string): SourceFile[] {
  const sources = readDeskSources(root, { lazy: true });
  const cut = new Map(findInterruptedAppends(root, { readOnly: true }).map((a) => [a.path, a.offset]));
  if (cut.size === 0) return sources;
  return sources.map((s) => {
    const offset = cut.get(s.path);
    // no stamp: the cache keys these bytes by their hash, never by the whole file's stamp
    return offset === undefined || s.link !== undefined ? s : { path: s.path, bytes: Buffer.from(s.bytes).subarray(0, offset) };
  });
}

/**
 * Opens part of the desk for an append (issue 7: appends do not load the desk): kefu.yaml,
 * staff.yaml, the files `scope` names, and the rosters of their months, of asOf's and of
 * the months before (who is on duty; rest across a month's end) — tens of files, however
 * old the desk. What the command then writes is checked as `checkFileToBe` says.
 */
export function openDeskFor(ctx: CliContext, scope: DeskScope): DeskSession {
  const root = deskRootFor(ctx.io.cwd, ctx.deskOption);
  ensureMergeDriver(root);
  const base = readDeskBase(root);
  const first = loadDesk(base, { asOf: (tz) => resolveAsOf(ctx, tz) });
  const files = readDeskFiles(root, scope(first.desk, first.asOf, root));
  const months = new Set<string>();
  for (const month of [localDateOf(first.asOf, first.desk.config.timezone).slice(0, 7), ...files.flatMap((f) => monthOfPath(f.path) ?? [])]) {
    months.add(month).add(addDays(`${month}-01`, -1).slice(0, 7));
  }
  const rosters = readRosters(root, months).filter((r) => !files.some((f) => f.path === r.path));
  const sources = base.concat(rosters, files);
  if (ctx.debug) ctx.io.stderr.write(`debug: ${root}: part of the desk read: ${sources.map((s) => s.path).join(', ')}\n`);
  return { ...loadDesk(sources, { asOf: first.asOf }), root, sources, partial: true };
}

/**
 * Part of the desk (openDeskFor) when `holds` finds in it what the command needs; else —
 * a record out of its place, or no `scope` because the id given is too short to say where
 * it lives — the whole desk, so that the answer is always the whole desk's.
 */
export function openDeskPart(ctx: CliContext, scope: DeskScope | undefined, holds: (desk: Desk) => boolean): DeskSession {
  if (scope) {
    const session = openDeskFor(ctx, scope);
    if (holds(session.desk)) return session;
  }
  return openDesk(ctx);
}

/**
 * The desk for an event on one complaint or work order named by an id prefix: just the
 * records whose ids start with it, when the prefix names their month (they are all in
 * that month's folder); otherwise the whole desk.
 */
export function openDeskForRecord(ctx: CliContext, folder: 'complaints' | 'workorders', prefix: string | undefined): DeskSession {
  const wanted = prefix?.trim().toUpperCase() ?? '';
  const scope: DeskScope = (_base, _asOf, root) => recordFilesByPrefix(root, folder, wanted) ?? [];
  const records = (desk: Desk) => (folder === 'complaints' ? desk.complaints : desk.workOrders);
  return openDeskPart(ctx, DATED_ID.test(wanted) ? scope : undefined, (desk) => records(desk).some((r) => r.data.id.startsWith(wanted)));
}

/** An id prefix that names its record's month: TS-202611…, WO-202611… */
export const DATED_ID = /^[A-Z]+-\d{6}/;

/** The month a record file is of, by its name (duty/YYYY/MM/…, callbacks/YYYY/YYYY-MM.yaml, …). */
function monthOfPath(path: string): string | undefined {
  const m = /\/(\d{4})\/(\d{2})\/|\/(\d{4}-\d{2})\.yaml$/.exec(path);
  return m ? (m[3] ?? `${m[1]}-${m[2]}`) : undefined;
}

/**
 * Loads the whole desk with its record cache (issue 7: only new or changed files are
 * parsed), then saves what changed in the cache. `--no-cache` reads every file.
 */
export function loadDeskCached(ctx: CliContext, root: string, sources: SourceFile[], reads?: ReadonlySet<KindName>): { result: LoadResult; cache?: DeskRecordCache } {
  const cache = ctx.cache ? openRecordCache(root) : undefined;
  const progress = progressLine(ctx);
  // the files the cache has no record of (or an outdated one), read ahead on all cores when many
  const misses = sources.filter((s) => s.link === undefined && kindOfPath(s.path) !== undefined && !(cache?.mayKnow(s.path, s.stamp) ?? false));
  const started = performance.now();
  const readAheadOf = misses.length >= READ_AHEAD_MIN_FILES ? readAhead(root, misses.map((s) => s.path), { hash: cache !== undefined, ...(progress ? { progress } : {}) }) : undefined;
  // A cold load of a big desk makes a few hundred MB of short-lived text on its way to the
  // records; V8 would let the heap grow to twice what is live before collecting it. Grown
  // by 30 % at most, a three-year desk's cold run peaks at ~430 MiB instead of ~500–585
  // (issue 7: ≤ 512), for ~5 % more time (the second core is free by then to mark).
  if (readAheadOf) setFlagsFromString('--heap-growing-percent=30');
  if (ctx.debug && readAheadOf) ctx.io.stderr.write(`debug: ${root}: read ahead: ${readAheadOf.files} of ${misses.length} files on ${readAheadOf.threads} threads in ${(performance.now() - started).toFixed(0)} ms\n`);
  const result = loadDesk(sources, { asOf: (tz) => resolveAsOf(ctx, tz), ...(cache ? { cache } : {}), ...(progress ? { progress } : {}), ...(readAheadOf ? { readAhead: readAheadOf } : {}), ...(reads ? { reads } : {}), ...(ctx.asOfOption === undefined ? { clock: ctx.io.now() } : {}) });
  cache?.save();
  return { result, ...(cache ? { cache } : {}) };
}

/**
 * "Reading the desk: 12000 of 67482 files …" on a terminal's stderr once reading has taken
 * a second (a first run on a big desk, a run after an upgrade), rewritten in place and
 * cleared at the end; nothing when stderr is not a terminal. KEFU_PROGRESS_AFTER_MS sets
 * the delay for the tests.
 */
function progressLine(ctx: CliContext): ((done: number, total: number) => void) | undefined {
  if (ctx.io.stderr.isTTY !== true) return undefined;
  const after = Number(process.env.KEFU_PROGRESS_AFTER_MS ?? 1000);
  const started = performance.now();
  let shown = false;
  return (done, total) => {
    if (done >= total) {
      if (shown) ctx.io.stderr.write('\r\x1b[2K');
      return;
    }
    if (performance.now() - started < after) return;
    shown = true;
    ctx.io.stderr.write(`\r\x1b[2K${ctx.err.dim(ctx.t('load.progress', { done, total }))}`);
  };
}

/**
 * Loads the desk as it would be with `path` holding `text`, and refuses (throws,
 * writing nothing) when that file would have any error — SPEC §4: every command
 * that writes validates the whole file it touched.
 *
 * A partial session (openDeskFor) checks the file with the records it names: the
 * ids a first check finds dangling are looked up in the files that hold them by name
 * (homeOfId), and checked again. Only if an error remains is the whole desk read, so
 * that a write is refused exactly when the whole desk says so — a refusal is never the
 * artefact of a partial view.
 */
export function checkFileToBe(ctx: CliContext, session: DeskSession, path: string, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  const withFile = (sources: readonly SourceFile[]) => sources.filter((s) => s.path !== path).concat({ path, bytes });
  const check = (sources: readonly SourceFile[], cache?: DeskRecordCache) => {
    const { diagnostics, files } = loadDesk(sources, { asOf: session.asOf, ...(cache ? { cache } : {}) });
    return { problems: diagnostics.filter((d) => d.file === path && d.severity === 'error'), files };
  };
  let sources = withFile(session.sources);
  let result = check(sources, session.cache);
  if (result.problems.length > 0 && session.partial) {
    const named = result.problems.flatMap((d) => (d.code === 'REF_DANGLING' ? [homeOfId(String(d.params.id))] : [])).filter((p): p is string => p !== undefined);
    const more = readDeskFiles(session.root, named.filter((p) => p !== path && !sources.some((s) => s.path === p)));
    if (more.length > 0) {
      if (ctx.debug) ctx.io.stderr.write(`debug: ${path}: also read, for the ids it names: ${more.map((s) => s.path).join(', ')}\n`);
      sources = sources.concat(more);
      result = check(sources);
    }
    if (result.problems.length > 0) {
      if (ctx.debug) ctx.io.stderr.write(`debug: ${path}: ${result.problems.map((d) => d.code).join(', ')} in part of the desk: checking with the whole desk\n`);
      const cache = ctx.cache ? openRecordCache(session.root) : undefined;
      result = check(withFile(deskSources(session.root)), cache);
      cache?.save();
    }
    if (result.problems.length === 0) session.sources = sources.filter((s) => s.path !== path);
  }
  const { problems, files } = result;
  if (problems.length === 0) return;
  throw new KefuError('err.invalidWrite', {}, undefined, 2, renderDiagnosticsText(problems, { textOf: (f) => files.get(f)?.text, ...(ctx.reveal ? {} : { mask: maskRecordText }) }, ctx.lang, ctx.err));
}
