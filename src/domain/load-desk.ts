// The whole pipeline in one place (STYLE.md): files → safe YAML with positions →
// schema → cross-record checks → diagnostics placed at file:line:col. Pure: the
// store hands in the bytes (and a cache of clean records), the CLI hands in `asOf`.
// Fast where nothing is wrong (issue 7): a clean file comes from the cache or is read
// by the fast reader; any file with a finding is read by the exact parser, which alone
// gives positions — so the diagnostics are the same as with every file read exactly.
import { compareDiagnostics, severityOfCode, type Diagnostic, type Finding } from '../diagnostics/diagnostic.js';
import { runChecks, type FindingsMemo } from './checks/index.js';
import { emptyDesk, type Desk, type Loaded } from './desk.js';
import { LineCounter } from 'yaml';
import { expectedNameFor, kindOfPath, nameMismatches, type KindName, type RecordKind } from './record-kinds.js';
import { ID_PATTERN, stripExtensionKeys } from './records/common.js';
import { resolveConfig, type ConfigInput } from './records/config.js';
import type { StaffFile } from './records/staff.js';
import { checkSchema } from './schema-check.js';
import type { z } from 'zod';
import { isValidTimeZone } from './time.js';
import { readRecordFileFast } from './fast-yaml.js';
import { decodeLossy, decoder, locate, parseRecordFile, type ParsedFile } from './yaml-file.js';

export interface SourceFile {
  /** path relative to the desk root, with forward slashes */
  path: string;
  bytes: Uint8Array;
  /** a symbolic link stands at `path`, to this target: never followed (bytes empty), reported as FILE_SYMLINK */
  link?: string;
  /**
   * What the store can tell of the file without reading it (its size, times and inode), the
   * same for as long as the file is not changed — or undefined when it cannot vouch for
   * that. Asked for before `bytes`: a change after it is seen on the next run.
   */
  stamp?: string;
}

export interface LoadOptions {
  /** the instant "now" for rules that depend on it (SPEC §4 --as-of), epoch ms — or how to
   * work it out once the desk's timezone is known (an --as-of without offset is local time) */
  asOf: number | ((timezone: string) => number);
  /**
   * Read files the fast way first (fast-yaml.ts; default true). Off, every file is read by
   * the exact parser — the result is the same either way (tests/domain/fast-yaml.test.ts).
   */
  fast?: boolean;
  /** records of clean files read before, by content (the store's cache; `--no-cache` leaves it out) */
  cache?: RecordCache;
  /** told how many files are read, every hundred files and at the end (the CLI's progress line) */
  progress?: (done: number, total: number) => void;
  /** files read the fast way already, elsewhere (the store's worker threads: store/read-ahead.ts) */
  readAhead?: ReadAhead;
  /**
   * The record kinds the command reads (a report: not the duty log, say). The files of other
   * kinds are left unread when the cache vouches for them by their stamps and keeps the
   * checks' findings for this very desk — the desk then holds only the kinds read, and the
   * checks that depend on "now" see only those. Without it, every kind is read.
   */
  reads?: ReadonlySet<string>;
  /** the computer's clock (epoch ms), told only when "now" is the clock's (no --as-of): see CheckContext.clock */
  clock?: number;
}

/**
 * Files read the fast way ahead of the load, in parallel (readRecordFast on other threads):
 * the clean record, or null where the fast reader declined the file (it is then read
 * exactly, here), with the content key of the bytes that were read.
 */
export interface ReadAhead {
  take(path: string): { record: CleanRecord | null; content: ContentKey } | undefined;
}

/** What the store knows a file's bytes by (src/store/cache.ts: their SHA-256), when it has not kept the bytes. */
export interface ContentKey {
  hash: string;
  /** the record as JSON that gives it back exactly (cache.ts exactInJson), when the reader has it so already */
  json?: Uint8Array;
}

/**
 * A file with nothing wrong in it, reduced to what the desk keeps of it: its kind and
 * its schema-checked data. Only such files are read fast or come from a cache; a file
 * with any finding is always read exactly, so that every diagnostic has its position.
 */
export interface CleanRecord {
  kind: KindName;
  data: unknown;
}

/**
 * Clean records of earlier runs, keyed by the file's path and its exact bytes (src/store/cache.ts),
 * or by its stamp when that is what the record was kept with: then the bytes are not read.
 */
export interface RecordCache {
  get(path: string, bytes: () => Uint8Array, stamp: string | undefined): CleanRecord | undefined;
  set(path: string, content: Uint8Array | ContentKey, record: CleanRecord, stamp: string | undefined): void;
  /** drops what is kept for `path` (a cached record turned out not to be what reading gives) */
  forget(path: string): void;
  /**
   * The findings of the checks that do not depend on "now", kept for a desk of exactly
   * these files with exactly the contents the cache knows them by; undefined when it
   * cannot say what one of them holds.
   */
  checks?(paths: readonly string[]): FindingsMemo | undefined;
  /** every file of the load has been read: what changed may be stored now, before the checks make garbage of their own */
  recordsRead?(): void;
  /** whether it keeps the record of `path` for this very stamp (the file unchanged since): the load may then leave it unread */
  vouches?(path: string, stamp: string | undefined): boolean;
}

export interface LoadResult {
  desk: Desk;
  asOf: number;
  diagnostics: Diagnostic[];
  files: Map<string, ParsedFile>;
  /** how the files were read: for --debug and the tests, never part of any output */
  reading: Reading;
}

export interface Reading {
  /** clean records taken from the cache */
  cached: number;
  /** clean files read by the fast reader */
  fast: number;
  /** files read by the exact parser at once */
  exact: number;
  /** cached or fast files read again exactly, because a finding needed their positions */
  reread: number;
  /** a re-read did not give the record the desk was built from, so everything was read again exactly */
  fellBack: boolean;
  /** files of kinds the command does not read, left in the cache (LoadOptions.reads) */
  unread?: number;
}

export function loadDesk(sources: readonly SourceFile[], options: LoadOptions): LoadResult {
  const findings: Finding[] = [];
  const files = new Map<string, ParsedFile>();
  const loaded: { kind: RecordKind; rec: Loaded<unknown> }[] = [];
  const unreadableIds = new Set<string>();
  /** files taken from the cache or read fast: exact positions are worked out only if a finding needs them */
  const quick = new Map<string, { source: SourceFile; record: CleanRecord }>();
  const cache = options.cache;
  const reading: Reading = { cached: 0, fast: 0, exact: 0, reread: 0, fellBack: false };

  /** Takes one file: from the cache, read ahead, read fast, or read exactly. */
  const take = (source: SourceFile) => {
    // the bytes are taken once, and only if needed: a lazy source (readDeskSources) reads
    // them anew each time it is asked, and only files read exactly keep them (in their ParsedFile)
    const stamp = cache ? source.stamp : undefined; // lstat: only the cache has a use for it
    const now = new OnceSource(source);
    const classified = kindOfPath(now.path);
    const ahead = classified ? options.readAhead?.take(now.path) : undefined;
    const cached = classified && !ahead ? cache?.get(now.path, () => now.bytes, stamp) : undefined;
    let record: CleanRecord | undefined;
    if (classified) {
      if (cached && cached.kind === classified.kind.name) record = cached;
      else if (ahead) record = ahead.record?.kind === classified.kind.name ? ahead.record : undefined;
      else if (options.fast !== false) record = readCleanFast(classified, now);
    }
    if (classified && record) {
      if (record === cached) reading.cached++;
      else {
        reading.fast++;
        cache?.set(now.path, record === ahead?.record ? ahead.content : now.bytes, record, stamp);
      }
      quick.set(now.path, { source, record });
      files.set(now.path, quickFile(source));
      loaded.push({ kind: classified.kind, rec: { file: now.path, data: record.data } });
      return;
    }
    const read = readFileExactly(now);
    reading.exact++;
    files.set(now.path, read.file);
    for (const finding of read.findings) findings.push(finding); // a hostile file can hold 100,000 (no spread: arguments live on the stack)
    for (const id of read.unreadableIds) unreadableIds.add(id);
    if (read.loaded) {
      loaded.push(read.loaded);
      if (read.clean) cache?.set(now.path, now.bytes, { kind: read.loaded.kind.name, data: read.loaded.rec.data }, stamp);
    }
  };

  const sorted = [...sources].sort((a, b) => (a.path < b.path ? -1 : 1));
  /** files of kinds the command does not read, whose records the cache vouches for by their stamps */
  const unread = new Map<string, SourceFile>();
  let done = 0;
  for (const source of sorted) {
    if (options.progress && ++done % 100 === 0) options.progress(done, sources.length);
    const kind = options.reads && cache?.vouches ? kindOfPath(source.path)?.kind.name : undefined;
    if (kind !== undefined && !options.reads!.has(kind) && cache!.vouches!(source.path, source.stamp)) unread.set(source.path, source);
    else take(source);
  }
  options.progress?.(sources.length, sources.length);

  // A desk of clean files only (the usual case) may have its checks' findings kept. The
  // records of the kinds the command does not read are needed by the checks alone: when the
  // findings are kept for this very desk, those records stay in the cache, unread; else they
  // are read as any other, in their place.
  let memo = quick.size + unread.size === sources.length ? cache?.checks?.(sorted.map((s) => s.path)) : undefined;
  if (unread.size > 0) {
    const kept = memo?.get();
    if (kept === undefined) {
      for (const source of unread.values()) take(source);
      loaded.sort((a, b) => (a.rec.file < b.rec.file ? -1 : 1)); // in path order, as if read in turn
      unread.clear();
      if (quick.size !== sources.length) memo = undefined;
    } else {
      memo = { get: () => kept, set: () => {} };
      for (const source of unread.values()) files.set(source.path, quickFile(source));
      reading.unread = unread.size;
    }
    // the files in path order, as a load that read them in turn lists them
    const inOrder = sorted.flatMap((s) => (files.has(s.path) ? [[s.path, files.get(s.path)!] as const] : []));
    files.clear();
    for (const [path, file] of inOrder) files.set(path, file);
  }
  cache?.recordsRead?.();
  const desk = assembleDesk(loaded, unreadableIds, findings);
  const asOf = typeof options.asOf === 'number' ? options.asOf : options.asOf(desk.config.timezone);
  for (const finding of runChecks(desk, { asOf, ...(options.clock !== undefined ? { clock: options.clock } : {}) }, memo)) findings.push(finding);

  // A finding in a file read fast or from the cache needs that file's exact positions: read
  // it exactly now, and make sure that reading gives the very record the desk was built from.
  // If it does not (a bug in the fast reader, a bad cache entry), load again, every file exactly.
  /** a kept finding in a file left unread: its record, from the cache, to hold its exact reading to */
  const recordOfUnread = (path: string): { source: SourceFile; record: CleanRecord | undefined } | undefined => {
    const source = unread.get(path);
    return source ? { source, record: cache?.get(path, () => source.bytes, source.stamp) } : undefined;
  };
  for (const path of new Set(findings.flatMap((f) => (f.related ? [f.file, f.related.file] : [f.file])))) {
    const q = quick.get(path) ?? recordOfUnread(path);
    if (!q) continue;
    const read = readFileExactly(q.source);
    if (!read.clean || !q.record || read.loaded?.kind.name !== q.record.kind || !sameData(read.loaded.rec.data, q.record.data)) {
      cache?.forget(path);
      const sameClock = typeof options.asOf === 'number' ? options.asOf : (tz: string) => (tz === desk.config.timezone ? asOf : (options.asOf as (tz: string) => number)(tz));
      const exact = loadDesk(sources, { asOf: sameClock, fast: false, ...(options.clock !== undefined ? { clock: options.clock } : {}) });
      return { ...exact, reading: { ...exact.reading, fellBack: true } };
    }
    files.set(path, read.file);
    reading.reread++;
  }
  return { desk, asOf, diagnostics: placeFindings(findings, files), files, reading };
}

interface ExactRead {
  file: ParsedFile;
  findings: Finding[];
  /** ids that exist although their record or item could not be read (in the order found) */
  unreadableIds: string[];
  loaded?: { kind: RecordKind; rec: Loaded<unknown> };
  /** nothing at all was wrong with the file: what `loaded` holds may be cached */
  clean: boolean;
}

/** A source whose bytes are read at most once, when first asked for. */
class OnceSource implements SourceFile {
  #bytes: Uint8Array | undefined;
  readonly path: string;
  readonly link?: string;
  constructor(private readonly source: SourceFile) {
    this.path = source.path;
    if (source.link !== undefined) this.link = source.link;
  }
  get bytes(): Uint8Array {
    return (this.#bytes ??= this.source.bytes);
  }
}

/** Reads one file with the exact parser (positions for every problem), checks and salvages it. */
function readFileExactly(source: SourceFile): ExactRead {
  const unreadableIds: string[] = [];
  const classified = kindOfPath(source.path);
  // A link is not read (issue 8: it may lead out of the desk), nor is a file kefu has no
  // name for — one mistake each, however its bytes would parse. Whatever is wrong with a
  // file is reported once, where it is: the ids in it (and in its name) still exist for
  // the references elsewhere, which are not reported again.
  if (source.link !== undefined || !classified) {
    const file: ParsedFile = { path: source.path, text: source.link !== undefined ? '' : decodeLossy(source.bytes), lineCounter: new LineCounter() };
    const finding: Finding = source.link !== undefined
      ? { code: 'FILE_SYMLINK', file: source.path, line: 1, col: 1, params: { target: source.link } }
      : { code: 'FILE_UNEXPECTED', file: source.path, line: 1, col: 1, params: { expected: expectedNameFor(source.path) } };
    collectIds(file.text, unreadableIds);
    collectIds(source.path, unreadableIds);
    return { file, findings: [finding], unreadableIds, clean: false };
  }
  const { file, findings: parseFindings } = parseRecordFile(source.path, source.bytes);
  const findings = [...parseFindings];
  const unread = () => {
    collectIds(file.text, unreadableIds);
    collectIds(source.path, unreadableIds);
  };
  if (file.data === undefined) {
    unread();
    return { file, findings, unreadableIds, clean: false };
  }
  const { kind, match } = classified;
  stripExtensionKeys(file.data);
  const checked = checkWithSalvage(kind, file.data, source.path);
  for (const finding of checked.findings) findings.push(finding);
  for (const id of checked.droppedIds) {
    unreadableIds.push(id);
    unreadableIds.push(id.toUpperCase()); // `d-20261125-ab12` was meant as D-20261125-AB12
  }
  if (!checked.rec) {
    unread();
    return { file, findings, unreadableIds, clean: false };
  }
  const mismatches = nameMismatches(kind, match, checked.rec.data, source.path);
  findings.push(...mismatches);
  if (mismatches.some((m) => m.code === 'FILE_NAME_MISMATCH')) {
    // the record disagrees with its own file name: reported once; references by either id are not
    collectIds(source.path, unreadableIds);
    checked.rec.misnamed = true;
  }
  if (checked.removedFields.length > 0) checked.rec.removedFields = new Set(checked.removedFields);
  const rec = checked.rec;
  const clean = findings.length === 0 && unreadableIds.length === 0 && !rec.kept && !rec.mendedItems && !rec.misnamed && !rec.removedFields;
  return { file, findings, unreadableIds, loaded: { kind, rec: checked.rec }, clean };
}

/**
 * The clean record of a file at `path` (a desk-relative path) read the fast way, or
 * undefined when it has to be read exactly (loadDesk does so): for reading ahead on
 * other threads.
 */
export function readRecordFast(path: string, bytes: Uint8Array): CleanRecord | undefined {
  const classified = kindOfPath(path);
  return classified ? readCleanFast(classified, { path, bytes }) : undefined;
}

/**
 * A clean record read the fast way (no positions), or undefined when the file has to be
 * read exactly: the fast reader declined it, or its schema or name check found anything.
 */
function readCleanFast(classified: { kind: RecordKind; match: RegExpExecArray }, source: SourceFile): CleanRecord | undefined {
  const read = readRecordFileFast(source.bytes);
  if (!read) return undefined;
  const { kind, match } = classified;
  stripExtensionKeys(read.data);
  const checked = checkSchema(kind.schema, read.data, source.path);
  if (!checked.ok || nameMismatches(kind, match, checked.data, source.path).length > 0) return undefined;
  return { kind: kind.name, data: checked.data };
}

/** The parsed-file entry of a file read fast or from the cache: its text, decoded when asked for. */
function quickFile(source: SourceFile): ParsedFile {
  return new QuickFile(source);
}

/**
 * A clean file's ParsedFile: its text and line counter made only if a diagnostic asks
 * (one of these per file of a three-year desk: a small object, no closure, no counter).
 */
class QuickFile implements ParsedFile {
  #text: string | undefined;
  #lineCounter: LineCounter | undefined;
  readonly path: string;
  constructor(private readonly source: SourceFile) {
    this.path = source.path;
  }
  get text(): string {
    return (this.#text ??= decoder.decode(this.source.bytes));
  }
  get lineCounter(): LineCounter {
    return (this.#lineCounter ??= new LineCounter());
  }
}

/** Same data in the strictest sense: types, Object.is for numbers, key order. */
function sameData(a: unknown, b: unknown): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Object.is(a, b);
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameData(x, b[i]));
  if (Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * Schema-checks a file. A bad value is reported, then left out of the record so that
 * the rest still takes part in the cross-record checks — one mistake, one diagnostic:
 * a bad optional field is dropped, a bad required choice or text is stood in for by a
 * placeholder, and a list item that cannot be mended is left out whole.
 */
function checkWithSalvage(kind: RecordKind, data: unknown, file: string): Salvaged {
  const first = checkSchema(kind.schema, data, file);
  if (first.ok) return { rec: { file, data: first.data }, findings: [], droppedIds: [], removedFields: [] };
  const fail: Salvaged = { findings: first.findings, droppedIds: [], removedFields: [] };
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return fail;
  const listKey = kind.listKey;
  const list = listKey ? (data as Record<string, unknown>)[listKey] : undefined;

  // top-level fields
  const top = Object.assign(Object.create(null) as object, data) as Record<string, unknown>;
  const removedFields: string[] = [];
  for (const issue of first.issues) {
    const [field, index] = issue.path;
    if (field === listKey && typeof index === 'number' && Array.isArray(list)) continue;
    if (issue.path.length === 0 && issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) delete top[key];
      continue;
    }
    if (typeof field !== 'string' || !mendField(kind.schema, top, field)) return fail;
    removedFields.push(field);
  }

  // list items
  const badItems = new Set<number>();
  for (const issue of first.issues) {
    const [field, index] = issue.path;
    if (field === listKey && typeof index === 'number') badItems.add(index);
  }
  let kept: number[] | undefined;
  const droppedIds: string[] = [];
  const mendedItems = new Map<number, Set<string>>();
  if (listKey && Array.isArray(list) && badItems.size > 0) {
    const items = list.map((item, i) => {
      if (!badItems.has(i)) return item;
      const fields = new Set<string>();
      const mended = mendItem(kind.itemSchema, item, first.issues, listKey, i, fields);
      if (mended !== undefined) mendedItems.set(i, fields);
      if (mended === undefined) {
        const id = (item as { id?: unknown } | null)?.id;
        if (typeof id === 'string') droppedIds.push(id);
      }
      return mended;
    });
    kept = items.map((_, i) => i).filter((i) => items[i] !== undefined);
    top[listKey] = kept.map((i) => items[i]);
  }
  const second = checkSchema(kind.schema, top, file);
  if (!second.ok) return { ...fail, droppedIds };
  const rec: Loaded<unknown> = { file, data: second.data, ...(kept ? { kept } : {}) };
  if (kept && mendedItems.size > 0) {
    rec.mendedItems = new Map(kept.flatMap((original, index) => (mendedItems.has(original) ? [[index, mendedItems.get(original)!] as const] : [])));
  }
  return { rec, findings: first.findings, droppedIds, removedFields };
}

interface Salvaged {
  rec?: Loaded<unknown>;
  findings: Finding[];
  /** ids of list items left out */
  droppedIds: string[];
  /** top-level fields dropped or stood in for */
  removedFields: string[];
}

/** The schema of one field of an object schema, or of the union member a value's `type` picks. */
function fieldSchema(schema: z.ZodType | undefined, value: Record<string, unknown>, field: string): z.ZodType | undefined {
  const def = (schema as { _zod?: { def: ZodDefLike } } | undefined)?._zod?.def;
  if (!def) return undefined;
  if (def.type === 'object') return def.shape?.[field];
  if (def.type === 'union') {
    for (const option of def.options ?? []) {
      const shape = (option as { _zod: { def: ZodDefLike } })._zod.def.shape;
      const literal = (shape?.type as { _zod?: { def: ZodDefLike } } | undefined)?._zod?.def.values;
      if (literal?.includes(value.type)) return shape?.[field];
    }
  }
  return undefined;
}

interface ZodDefLike {
  type: string;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  values?: unknown[];
  entries?: Record<string, unknown>;
  checks?: { _zod: { def: { check: string } } }[];
}

/**
 * Mends one bad field in place: an optional field is dropped; a required choice takes
 * its first option and a required free text a placeholder. False when neither applies
 * (an unreadable time or id cannot be stood in for).
 */
function mendField(schema: z.ZodType | undefined, value: Record<string, unknown>, field: string): boolean {
  const fs = fieldSchema(schema, value, field);
  const def = (fs as { _zod?: { def: ZodDefLike } } | undefined)?._zod?.def;
  if (!def) return false;
  if (def.type === 'optional') {
    delete value[field];
    return true;
  }
  if (def.type === 'enum' && def.entries) {
    value[field] = Object.values(def.entries)[0];
    return true;
  }
  if (def.type === 'string' && !(def.checks ?? []).some((c) => c._zod.def.check === 'string_format')) {
    value[field] = '…';
    return true;
  }
  return false;
}

/** A mended copy of list item `index`, or undefined when it cannot be mended. */
function mendItem(itemSchema: z.ZodType | undefined, item: unknown, issues: readonly z.core.$ZodIssue[], listKey: string, index: number, mended: Set<string>): unknown {
  if (!itemSchema || item === null || typeof item !== 'object' || Array.isArray(item)) return undefined;
  const copy = Object.assign(Object.create(null) as object, item) as Record<string, unknown>;
  for (const issue of issues) {
    if (issue.path[0] !== listKey || issue.path[1] !== index) continue;
    if (issue.path.length === 2 && issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) delete copy[key];
      continue;
    }
    const field = issue.path[2];
    if (typeof field !== 'string' || field === 'type' || !mendField(itemSchema, copy, field)) return undefined;
    mended.add(field);
  }
  return itemSchema.safeParse(copy).success ? copy : undefined;
}

function collectIds(text: string, into: string[]): void {
  const pattern = new RegExp(ID_PATTERN.source.slice(1, -1), 'g');
  for (const m of text.matchAll(pattern)) into.push(m[0]);
}

function assembleDesk(loaded: { kind: RecordKind; rec: Loaded<unknown> }[], unreadableIds: Set<string>, findings: Finding[]): Desk {
  const configRec = loaded.find((l) => l.kind.name === 'config');
  const input = (configRec?.rec.data as ConfigInput | undefined) ?? { property: '' };
  let config = resolveConfig(input);
  let clockKnown = configRec !== undefined;
  if (!isValidTimeZone(config.timezone)) {
    findings.push({ code: 'TIMEZONE_INVALID', file: configRec!.rec.file, path: ['timezone'], params: { actual: config.timezone } });
    config = { ...config, timezone: 'Asia/Shanghai' };
    clockKnown = false;
  }
  // a bad value in kefu.yaml switches off only the checks that depend on it
  const unreadable = configRec?.rec.removedFields ?? new Set<string>();
  if (unreadable.has('timezone') || unreadable.has('duty_day_start')) clockKnown = false;
  const desk = emptyDesk(config);
  desk.unreadableIds = unreadableIds;
  desk.configKnown = configRec !== undefined && !unreadable.has('shifts');
  // a bad `roster:` setting is dropped with its block: the product defaults are not the desk's limits
  desk.rosterLimitsKnown = configRec !== undefined && !unreadable.has('roster');
  desk.clockKnown = clockKnown;
  for (const { kind, rec } of loaded) {
    switch (kind.name) {
      case 'staff':
        desk.staff = (rec.data as StaffFile).staff;
        desk.staffKnown = true;
        break;
      case 'roster': desk.rosters.push(rec as Desk['rosters'][number]); break;
      case 'duty-day': desk.dutyDays.push(rec as Desk['dutyDays'][number]); break;
      case 'complaint': desk.complaints.push(rec as Desk['complaints'][number]); break;
      case 'work-order': desk.workOrders.push(rec as Desk['workOrders'][number]); break;
      case 'callback-month': desk.callbackMonths.push(rec as Desk['callbackMonths'][number]); break;
      case 'config': break;
    }
  }
  return desk;
}

/**
 * A misspelled required key is one mistake, not an unknown key plus a missing one:
 * `contnet:` is reported once, as unknown, with "did you mean `content`?".
 */
function pairMisspelledKeys(findings: Finding[]): Finding[] {
  const missing = findings.filter((f) => f.code === 'SCHEMA_REQUIRED');
  const absorbed = new Set<Finding>();
  for (const f of findings) {
    if (f.code !== 'SCHEMA_UNKNOWN_KEY' || !f.path) continue;
    const key = String(f.path[f.path.length - 1]);
    const parent = JSON.stringify(f.path.slice(0, -1));
    const match = missing.find((g) => !absorbed.has(g) && g.file === f.file && g.path && JSON.stringify(g.path.slice(0, -1)) === parent && similarKeys(key, String(g.path[g.path.length - 1])));
    if (match) {
      absorbed.add(match);
      f.params = { ...f.params, didYouMean: String(match.path![match.path!.length - 1]) };
    }
  }
  return findings.filter((f) => !absorbed.has(f));
}

function similarKeys(a: string, b: string): boolean {
  if (a.toLowerCase() === b.toLowerCase()) return true;
  if (Math.min(a.length, b.length) < 3) return false;
  // Levenshtein distance ≤ 2
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]! <= 2;
}

/** Several fields missing from one item are one problem with one place: report them together. */
function groupMissingFields(findings: Finding[]): Finding[] {
  const out: Finding[] = [];
  const byItem = new Map<string, Finding>();
  for (const f of findings) {
    if (f.code !== 'SCHEMA_REQUIRED') {
      out.push(f);
      continue;
    }
    const key = `${f.file}\u0000${JSON.stringify((f.path ?? []).slice(0, -1))}`;
    const first = byItem.get(key);
    if (first) first.params = { key: `${String(first.params?.key)}\`, \`${String(f.params?.key)}` };
    else {
      const copy = { ...f, params: { ...f.params } };
      byItem.set(key, copy);
      out.push(copy);
    }
  }
  return out;
}

function placeFindings(all: Finding[], files: Map<string, ParsedFile>): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const f of groupMissingFields(pairMisspelledKeys(all))) {
    const file = files.get(f.file);
    const pos = f.line !== undefined ? { line: f.line, col: f.col ?? 1 } : file ? locate(file, f.path ?? [], f.key) : { line: 1, col: 1 };
    // A torn tail is reported once; what the cut item lacks is not news.
    if (file?.tornFromLine !== undefined && f.code !== 'TORN_TAIL' && pos.line >= file.tornFromLine) continue;
    const params = { ...f.params };
    if (f.related) {
      const other = files.get(f.related.file);
      params[f.related.param] = `${f.related.file}:${other ? locate(other, f.related.path).line : 1}`;
    }
    const d: Diagnostic = { code: f.code, severity: severityOfCode(f.code), file: f.file, line: pos.line, col: pos.col, params };
    const key = JSON.stringify(d);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out.sort(compareDiagnostics);
}
