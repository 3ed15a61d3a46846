// The three-way merge of one record file (SPEC §2 Conflict-free sync): git's
// merge driver for append-only YAML. Each side may only have added items to the
// base's last top-level list; the result is the base followed by both sides' new
// items in `at` order, an item present on both sides once. Anything else is a
// conflict, reported as data for the caller to word — never resolved silently.
import { isMap, isSeq, type Document, type Node } from 'yaml';
import { kindOfPath } from './record-kinds.js';
import { canonicalJson } from './records/duty-day.js';
import { serializeListItem } from './records/serialize.js';
import { parseRecordFile } from './yaml-file.js';

export type MergeSide = 'base' | 'ours' | 'theirs';

export type MergeConflictCode =
  /** the file is not a kind that grows by appending (kefu.yaml) */
  | 'not-appendable'
  /** the side does not parse cleanly as safe YAML (or has conflict markers, a torn tail…) */
  | 'unparseable'
  /** the side's top level is not a map ending in a block list */
  | 'no-list'
  /** a field outside the list was changed, added or removed, or the list is no longer last */
  | 'header-changed'
  /** an existing item was changed */
  | 'item-changed'
  /** an existing item was removed */
  | 'item-removed'
  /** the header's or a base item's text changed although its data did not (a comment, the layout) */
  | 'text-changed'
  /** both sides created the file, with different fields outside the list */
  | 'headers-differ'
  /** the merged text did not read back as the expected items (a serializer bug) */
  | 'result-invalid';

export interface MergeConflict {
  code: MergeConflictCode;
  side: MergeSide;
  /** 1-based line in that side's text */
  line?: number;
  /** 1-based position of the item in the list */
  item?: number;
  /** the field outside the list, or the list key */
  key?: string;
}

export type MergeResult = { ok: true; text: string } | { ok: false; reason: MergeConflict };

interface ParsedSide {
  side: MergeSide;
  text: string;
  listKey: string;
  /** canonical JSON of each field outside the list, in file order */
  header: [string, string][];
  items: unknown[];
  /** canonical JSON of each item */
  keys: string[];
  /** where each item starts (1-based line) */
  itemLines: number[];
  /** the text before the first item's line: the header fields, comments, the list's key */
  prefix: string;
  /** each item's own lines, from its `-` line up to the next item's (the last: to the end) */
  sources: string[];
  /** column of the items' `-` */
  indent: number;
}

/** One item in the merged list: a base item (kept as it was) or a side's new item. */
interface Placed {
  item: unknown;
  key: string;
  source: string;
  /** the indentation its source was written with */
  indent: number;
  /** a new item, which the serializer may rewrite; base items never are */
  isNew: boolean;
}

class Conflict {
  constructor(readonly reason: MergeConflict) {}
}

/**
 * Merges three versions of one record file. `path` (desk-relative, git's %P) picks
 * the record kind; an unknown path is merged by the same rule (last top-level list).
 * Symmetric in content: swapping ours and theirs changes only the order of new items
 * with the same `at`. An empty base means both sides created the file.
 *
 * "Only appended" is read as git history needs it: the base's items are all still
 * there, unchanged to the byte and in order, and new items may stand after or between
 * them. A rebase replays a clerk's commits one by one onto upstream; once the first is
 * merged, upstream's items sit between that clerk's own, and the next commit's base
 * (its parent) is no longer a prefix of "ours". New items are merged in the gap they
 * were added in: for plain appends, all of them after the base's items.
 */
export function mergeRecordTexts(base: string, ours: string, theirs: string, path: string): MergeResult {
  try {
    return { ok: true, text: merge(base, ours, theirs, path) };
  } catch (error) {
    if (error instanceof Conflict) return { ok: false, reason: error.reason };
    throw error;
  }
}

function merge(baseText: string, oursText: string, theirsText: string, path: string): string {
  const kind = kindOfPath(path)?.kind;
  if (kind && !kind.listKey) throw new Conflict({ code: 'not-appendable', side: 'base' });

  const parsedBase = baseText === '' ? undefined : parseSide(baseText, 'base', path);
  const ours = parseSide(oursText, 'ours', path);
  const theirs = parseSide(theirsText, 'theirs', path);
  let base: ParsedSide;
  if (!parsedBase) {
    // add/add: both sides created the file; its header is ours, which equals theirs
    if (ours.listKey !== theirs.listKey || canonicalJson(ours.header) !== canonicalJson(theirs.header)) {
      throw new Conflict({ code: 'headers-differ', side: 'theirs', key: firstHeaderDifference(ours, theirs) ?? theirs.listKey });
    }
    base = { ...ours, side: 'base', items: [], keys: [], itemLines: [], sources: [] };
  } else {
    base = parsedBase;
  }
  const oursGaps = newItemsByGap(base, ours, baseText !== '');
  const theirsGaps = newItemsByGap(base, theirs, baseText !== '');
  if (oursText === theirsText) return oursText;

  // an item new on both sides is kept once, where ours has it
  const unmatched = new Map<string, number>();
  for (const { key } of oursGaps.flat()) unmatched.set(key, (unmatched.get(key) ?? 0) + 1);
  const fresh = (p: Placed) => {
    const left = unmatched.get(p.key) ?? 0;
    if (left > 0) unmatched.set(p.key, left - 1);
    return left === 0;
  };
  const merged: Placed[] = [];
  for (let k = 0; k <= base.items.length; k++) {
    merged.push(...mergeByTime(oursGaps[k]!, theirsGaps[k]!.filter(fresh)));
    if (k < base.items.length) merged.push({ item: base.items[k], key: base.keys[k]!, source: base.sources[k]!, indent: base.indent, isNew: false });
  }

  // Each item keeps its own bytes where they line up with the list: it is committed on
  // its side already, the next commit of a rebase finds it by them, and `kefu audit`
  // holds committed items to them. Otherwise (or if that does not read back right)
  // kefu's serializer writes the new items.
  const expected = merged.map((p) => p.key);
  const indent = base.indent;
  const kept = base.prefix + merged.map((p) => (!p.isNew || p.indent === indent ? p.source : serializeListItem(p.item, indent))).join('');
  if (readsBackAs(kept, path, base, expected)) return kept;
  const written = base.prefix + merged.map((p) => (p.isNew ? serializeListItem(p.item, indent) : p.source)).join('');
  if (readsBackAs(written, path, base, expected)) return written;
  throw new Conflict({ code: 'result-invalid', side: 'ours' });
}

/** The merged text reads back as exactly the base's header and the expected items. */
function readsBackAs(text: string, path: string, base: ParsedSide, expected: string[]): boolean {
  try {
    const check = parseSide(text, 'ours', path);
    return check.listKey === base.listKey && canonicalJson(check.header) === canonicalJson(base.header) && canonicalJson(check.keys) === canonicalJson(expected);
  } catch (error) {
    if (error instanceof Conflict) return false;
    throw error;
  }
}

/**
 * Checks that the side holds the base's header and every base item, unchanged to the
 * byte and in order, and returns its other items grouped by where they stand: gap k
 * holds the new items just before base item k, the last gap those after the last.
 */
function newItemsByGap(base: ParsedSide, side: ParsedSide, compareText: boolean): Placed[][] {
  if (side.listKey !== base.listKey || canonicalJson(side.header) !== canonicalJson(base.header)) {
    throw new Conflict({ code: 'header-changed', side: side.side, key: firstHeaderDifference(base, side) ?? side.listKey });
  }
  if (compareText && side.prefix !== base.prefix) {
    throw new Conflict({ code: 'text-changed', side: side.side, line: lineOfFirstDifference(base.prefix, side.prefix) });
  }
  const gaps: Placed[][] = Array.from({ length: base.items.length + 1 }, () => []);
  const unmatched: number[] = [];
  let j = 0;
  side.items.forEach((item, i) => {
    if (j < base.items.length && side.keys[i] === base.keys[j]) {
      if (side.sources[i] !== base.sources[j]) {
        throw new Conflict({ code: 'text-changed', side: side.side, line: side.itemLines[i]! + lineOfFirstDifference(base.sources[j]!, side.sources[i]!) - 1 });
      }
      j++;
    } else {
      gaps[j]!.push({ item, key: side.keys[i]!, source: side.sources[i]!, indent: side.indent, isNew: true });
      unmatched.push(i);
    }
  });
  if (j < base.items.length) {
    // base item j is missing: changed if an item of the side still has its identity, or
    // if the side does not even hold the other base items; else removed
    const identity = identityOf(base.items[j]);
    const others = base.keys.filter((_, k) => k !== j);
    const changed = (identity !== undefined && unmatched.some((i) => identityOf(side.items[i]) === identity)) || !isSubsequence(others, side.keys);
    throw new Conflict({ code: changed ? 'item-changed' : 'item-removed', side: side.side, item: j + 1, line: base.itemLines[j] });
  }
  return gaps;
}

function isSubsequence(needles: readonly string[], haystack: readonly string[]): boolean {
  let k = 0;
  for (const key of haystack) if (k < needles.length && key === needles[k]) k++;
  return k === needles.length;
}

/** What names an item across edits: its id, else its type and time. */
function identityOf(item: unknown): string | undefined {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return undefined;
  const r = item as Record<string, unknown>;
  if (typeof r.id === 'string') return `id:${r.id}`;
  if (typeof r.at === 'string') return `at:${String(r.type)}:${r.at}`;
  return undefined;
}

/**
 * Two sides' new items in `at` order. Each side's own order is kept (a merge of
 * two sequences, not a sort), ours first when the times are equal or either lacks one.
 */
function mergeByTime(a: Placed[], b: Placed[]): Placed[] {
  const out: Placed[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ta = timeOf(a[i]!.item);
    const tb = timeOf(b[j]!.item);
    if (ta !== undefined && tb !== undefined && tb < ta) out.push(b[j++]!);
    else out.push(a[i++]!);
  }
  return out.concat(a.slice(i), b.slice(j));
}

function timeOf(item: unknown): number | undefined {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return undefined;
  const at = (item as Record<string, unknown>).at;
  if (typeof at !== 'string') return undefined;
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? undefined : ms;
}

function lineOfFirstDifference(a: string, b: string): number {
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  return b.slice(0, k).split('\n').length;
}

function firstHeaderDifference(a: ParsedSide, b: ParsedSide): string | undefined {
  const keys = [...a.header.map(([k]) => k), ...b.header.map(([k]) => k)];
  const value = (s: ParsedSide, k: string) => s.header.find(([key]) => key === k)?.[1];
  return keys.find((k) => value(a, k) !== value(b, k)) ?? (a.listKey !== b.listKey ? b.listKey : undefined);
}

/** Reads one side with the safe parser; its top level must be a map whose last key holds a list. */
function parseSide(text: string, side: MergeSide, path: string): ParsedSide {
  const { file, findings } = parseRecordFile(path, new TextEncoder().encode(text));
  if (findings.length > 0 || file.data === undefined || !file.doc) {
    throw new Conflict({ code: 'unparseable', side, line: findings[0]?.line ?? 1 });
  }
  const doc: Document.Parsed = file.doc;
  const root = doc.contents;
  const last = isMap(root) ? root.items[root.items.length - 1] : undefined;
  const listKey = last ? keyName(last.key) : undefined;
  if (!isMap(root) || !last || listKey === undefined || !isSeq(last.value)) {
    throw new Conflict({ code: 'no-list', side, line: 1, ...(listKey !== undefined ? { key: listKey } : {}) });
  }
  const data = file.data as Record<string, unknown>;
  const header: [string, string][] = [];
  for (const pair of root.items.slice(0, -1)) {
    const key = keyName(pair.key);
    if (key === undefined) throw new Conflict({ code: 'no-list', side, line: 1 });
    header.push([key, canonicalJson(Object.prototype.hasOwnProperty.call(data, key) ? data[key] : null)]);
  }
  const items = data[listKey];
  if (!Array.isArray(items)) throw new Conflict({ code: 'no-list', side, line: 1, key: listKey });
  const seq = last.value;
  const starts = seq.items.map((node) => itemStart(node as Node | null, text));
  const itemLines = starts.map((offset) => (offset === undefined ? 1 : file.lineCounter.linePos(offset).line));
  // where each item's `-` line starts, and the column of its `-`
  const lineStarts = starts.map((offset) => (offset === undefined ? undefined : text.lastIndexOf('\n', offset - 1) + 1));
  const dashColumns = starts.map((offset, i) => {
    const from = lineStarts[i];
    if (offset === undefined || from === undefined) return undefined;
    const dash = /^( *)-$/.exec(text.slice(from, offset + 1));
    return dash ? dash[1]!.length : undefined;
  });
  // a block list, every item's `-` in one column: the only layout kefu appends to
  const indent = dashColumns[0];
  if (seq.flow || indent === undefined || lineStarts[0] === undefined || dashColumns.some((c) => c !== indent)) {
    throw new Conflict({ code: 'no-list', side, line: itemLines[0] ?? 1, key: listKey });
  }
  const sources = lineStarts.map((from, i) => text.slice(from, lineStarts[i + 1] ?? text.length));
  return { side, text, listKey, header, items, keys: items.map(canonicalJson), itemLines, prefix: text.slice(0, lineStarts[0]), sources, indent };
}

function keyName(key: unknown): string | undefined {
  if (key && typeof key === 'object' && 'value' in key) {
    const value = (key as { value: unknown }).value;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  }
  return undefined;
}

/** Where a block list item's `-` is: the last `-` before the item's node (a null item has no node to go by). */
function itemStart(node: Node | null, text: string): number | undefined {
  const start = node && 'range' in node && node.range ? node.range[0] : undefined;
  if (start === undefined) return undefined;
  const dash = text.lastIndexOf('-', start - 1);
  return dash >= 0 ? dash : undefined;
}
