// The whole pipeline in one place (STYLE.md): files → safe YAML with positions →
// schema → cross-record checks → diagnostics placed at file:line:col. Pure: the
// store hands in the bytes, the CLI hands in `asOf`.
import { compareDiagnostics, severityOfCode, type Diagnostic, type Finding } from '../diagnostics/diagnostic.js';
import { runChecks } from './checks/index.js';
import { emptyDesk, type Desk, type Loaded } from './desk.js';
import { expectedNameFor, kindOfPath, nameMismatches, type RecordKind } from './record-kinds.js';
import { ID_PATTERN, stripExtensionKeys } from './records/common.js';
import { resolveConfig, type ConfigInput } from './records/config.js';
import type { StaffFile } from './records/staff.js';
import { checkSchema } from './schema-check.js';
import { isValidTimeZone } from './time.js';
import { locate, parseRecordFile, type ParsedFile } from './yaml-file.js';

export interface SourceFile {
  /** path relative to the desk root, with forward slashes */
  path: string;
  bytes: Uint8Array;
}

export interface LoadOptions {
  /** the instant "now" for rules that depend on it (SPEC §4 --as-of), epoch ms — or how to
   * work it out once the desk's timezone is known (an --as-of without offset is local time) */
  asOf: number | ((timezone: string) => number);
}

export interface LoadResult {
  desk: Desk;
  asOf: number;
  diagnostics: Diagnostic[];
  files: Map<string, ParsedFile>;
}

export function loadDesk(sources: readonly SourceFile[], options: LoadOptions): LoadResult {
  const findings: Finding[] = [];
  const files = new Map<string, ParsedFile>();
  const loaded: { kind: RecordKind; rec: Loaded<unknown> }[] = [];
  const unreadableIds = new Set<string>();

  for (const source of [...sources].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const { file, findings: parseFindings } = parseRecordFile(source.path, source.bytes);
    files.set(source.path, file);
    findings.push(...parseFindings);
    const classified = kindOfPath(source.path);
    if (!classified) {
      findings.push({ code: 'FILE_UNEXPECTED', file: source.path, line: 1, col: 1, params: { expected: expectedNameFor(source.path) } });
      continue;
    }
    if (file.data === undefined) {
      collectIds(file.text, unreadableIds);
      continue;
    }
    const { kind, match } = classified;
    stripExtensionKeys(file.data);
    const checked = checkWithSalvage(kind, file.data, source.path);
    findings.push(...checked.findings);
    for (const id of checked.droppedIds) unreadableIds.add(id);
    if (!checked.rec) {
      collectIds(file.text, unreadableIds);
      continue;
    }
    const mismatches = nameMismatches(kind, match, checked.rec.data, source.path);
    findings.push(...mismatches);
    // a record whose id disagrees with its file name is reported once; references by either id are not
    if (mismatches.length > 0) collectIds(source.path, unreadableIds);
    loaded.push({ kind, rec: checked.rec });
  }

  const desk = assembleDesk(loaded, unreadableIds, findings);
  const asOf = typeof options.asOf === 'number' ? options.asOf : options.asOf(desk.config.timezone);
  findings.push(...runChecks(desk, { asOf }));
  return { desk, asOf, diagnostics: placeFindings(findings, files), files };
}

/**
 * Schema-checks a file. When only some items of its list are bad, those items are
 * reported and left out, and the rest of the file still takes part in the
 * cross-record checks — so one mistake gives one diagnostic, not a cascade.
 */
function checkWithSalvage(kind: RecordKind, data: unknown, file: string): { rec?: Loaded<unknown>; findings: Finding[]; droppedIds: string[] } {
  const first = checkSchema(kind.schema, data, file);
  if (first.ok) return { rec: { file, data: first.data }, findings: [], droppedIds: [] };
  const listKey = kind.listKey;
  const list = listKey ? (data as Record<string, unknown>)[listKey] : undefined;
  const badItems = new Set<number>();
  const onlyItems = first.issues.every((issue) => {
    const [key, index] = issue.path;
    if (key === listKey && typeof index === 'number' && issue.path.length >= 2) {
      badItems.add(index);
      return true;
    }
    return false;
  });
  if (!listKey || !Array.isArray(list) || !onlyItems) return { findings: first.findings, droppedIds: [] };
  // An item whose only faults are in optional fields stays, without them, so that its
  // other fields (references, times) are still checked; the rest are left out.
  const items = list.map((item, i) => {
    if (!badItems.has(i)) return item;
    const repaired = withoutBadFields(item, first.issues, listKey, i);
    return repaired !== undefined && kind.itemSchema?.safeParse(repaired).success ? repaired : undefined;
  });
  const kept = items.map((_, i) => i).filter((i) => items[i] !== undefined);
  const droppedIds = [...badItems].filter((i) => items[i] === undefined).map((i) => (list[i] as { id?: unknown } | null)?.id).filter((id): id is string => typeof id === 'string');
  const salvaged = Object.assign(Object.create(null) as object, data as object, { [listKey]: kept.map((i) => items[i]) });
  const second = checkSchema(kind.schema, salvaged, file);
  if (!second.ok) return { findings: first.findings, droppedIds };
  return { rec: { file, data: second.data, kept }, findings: first.findings, droppedIds };
}

/** A copy of list item `index` without the fields its issues point into, or undefined when the fault is the item itself. */
function withoutBadFields(item: unknown, issues: readonly { path: readonly PropertyKey[] }[], listKey: string, index: number): unknown {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return undefined;
  const copy = Object.assign(Object.create(null) as object, item) as Record<string, unknown>;
  for (const issue of issues) {
    if (issue.path[0] !== listKey || issue.path[1] !== index) continue;
    if ('keys' in issue && issue.path.length === 2) {
      for (const key of issue.keys as string[]) delete copy[key];
      continue;
    }
    const field = issue.path[2];
    if (typeof field !== 'string' || field === 'type') return undefined;
    delete copy[field];
  }
  return copy;
}

function collectIds(text: string, into: Set<string>): void {
  const pattern = new RegExp(ID_PATTERN.source.slice(1, -1), 'g');
  for (const m of text.matchAll(pattern)) into.add(m[0]);
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
  const desk = emptyDesk(config);
  desk.unreadableIds = unreadableIds;
  desk.configKnown = configRec !== undefined;
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
  for (const f of groupMissingFields(all)) {
    const file = files.get(f.file);
    const pos = f.line !== undefined ? { line: f.line, col: f.col ?? 1 } : file ? locate(file, f.path ?? [], f.key) : { line: 1, col: 1 };
    // A torn tail is reported once; what the cut item lacks is not news.
    if (file?.tornFromLine !== undefined && f.code !== 'TORN_TAIL' && pos.line >= file.tornFromLine) continue;
    const d: Diagnostic = { code: f.code, severity: severityOfCode(f.code), file: f.file, line: pos.line, col: pos.col, params: f.params ?? {} };
    const key = JSON.stringify(d);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out.sort(compareDiagnostics);
}
