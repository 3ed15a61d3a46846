// kefu audit, the pure part (SPEC §2 Append-only, §3.4 review digest, §4 `kefu audit`).
// Given how each record file changed from commit to commit, find every change that was
// not an append — a committed item changed or removed, the file's header rewritten, the
// file deleted — and every supervisor's review whose digest no longer matches the items
// above it. No git, no fs, no clock: the store hands in the bytes of each version.
//
// What counts as an append: the older version's header and every one of its complete
// list items are still there, byte for byte and in order. New items may follow them or
// sit between them — kefu's merge driver writes both sides' new items in `at` order, so
// after a sync one clerk's items can land among another's (SPEC §2 Conflict-free sync).
// An insertion above a signed review still shows, as that review's digest mismatch.
import { isMap, isPair, isScalar, isSeq, type Pair } from 'yaml';
import { severityOf, type Code } from '../diagnostics/catalogue.js';
import type { Diagnostic, Params } from '../diagnostics/diagnostic.js';
import { kindOfPath, type KindName } from './record-kinds.js';
import { stripExtensionKeys } from './records/common.js';
import { canonicalJson, reviewDigest } from './records/duty-day.js';
import { parseRecordFile, type ParsedFile } from './yaml-file.js';

/**
 * The append-only record files: the kinds kefu's merge driver joins (SPEC §2). kefu.yaml
 * and staff.yaml are settings, edited by design; a roster is regenerated while it is a
 * draft and its `status` is set on approval (SPEC §3.3).
 */
export const AUDITED_KINDS: readonly KindName[] = ['duty-day', 'complaint', 'work-order', 'callback-month'];

export function isAuditedPath(path: string): boolean {
  const kind = kindOfPath(path)?.kind.name;
  return kind !== undefined && AUDITED_KINDS.includes(kind);
}

/** Who made a change: a commit, or the staged changes a pre-commit hook is about to commit. */
export type Revision = { kind: 'commit'; id: string; author: string; date: string } | { kind: 'staged' };

/** One version of a file: its content id (a git blob id) and its bytes. */
export interface Blob {
  oid: string;
  bytes: Uint8Array;
}

/** What one commit (or the index) did to one file. */
export interface FileChange {
  revision: Revision;
  /** the file in each parent — one, except for a merge; undefined where it did not exist */
  before: (Blob | undefined)[];
  /** for a merge: the file at the merge base (undefined: not there), to tell each side's own changes from the merge's */
  base?: Blob;
  /** the file as the change left it; undefined when it deleted the file */
  after?: Blob;
  /** a deletion that is a move: the same bytes went to this record path in the same change */
  movedTo?: string;
}

export interface FileHistory {
  /** desk-relative path */
  path: string;
  /** every change to the file, parents before children */
  changes: FileChange[];
  /** the file as it is now (at HEAD, or staged), whose reviews are checked */
  current?: { blob: Blob; revision?: Revision };
}

export interface AuditProblem {
  diagnostic: Diagnostic;
  /** the change that did it; none for a digest checked at HEAD */
  revision?: Revision;
  /** the version of the file the position is in, for a code frame: the one before the change (a digest: the current one) */
  text: string;
}

/** Everything wrong with one file's history, in the order of its changes, then its reviews. */
export function auditFileHistory(history: FileHistory): AuditProblem[] {
  const versions = new VersionCache(history.path);
  const tips = appendTips(history.changes);
  const problems: AuditProblem[] = [];
  for (const change of history.changes) {
    for (const found of auditChange(change, versions, tips)) {
      problems.push(toProblem(history.path, found, change.revision));
    }
  }
  if (history.current && kindOfPath(history.path)?.kind.name === 'duty-day') {
    const version = versions.get(history.current.blob);
    for (const found of reviewMismatches(version)) problems.push(toProblem(history.path, found, history.current.revision));
  }
  return problems;
}

// ── one change ───────────────────────────────────────────────────────

interface Found {
  code: Code;
  /** the version the offset is in */
  version: Version;
  offset: number;
  params: Params;
  /** what was hit, the same in every version that has it: to match a merge's findings with each side's own */
  key: string;
}

function auditChange(change: FileChange, versions: VersionCache, tips: Map<string, Blob>): Found[] {
  const parents = change.before.filter((b): b is Blob => b !== undefined);
  if (parents.length === 0) return []; // the file is new
  // a move of the unchanged file (`git mv`, as FILE_WRONG_FOLDER advises) deletes no record
  if (!change.after && change.movedTo !== undefined) return [];
  if (change.before.length === 1) return compareBlobs(parents[0]!, change.after, versions, tips);

  // A merge answers only for what it did itself: a difference from one parent that the
  // other side made on its own (base → that side) was reported at that side's commit.
  const found = new Map<string, Found>();
  change.before.forEach((parent, i) => {
    if (!parent) return;
    const otherSides = new Set<string>();
    change.before.forEach((side, j) => {
      if (j === i || !change.base) return;
      for (const f of compareBlobs(change.base, side, versions, tips)) otherSides.add(f.key);
    });
    for (const f of compareBlobs(parent, change.after, versions, tips)) {
      if (!otherSides.has(f.key) && !found.has(f.key)) found.set(f.key, f);
    }
  });
  return [...found.values()];
}

function compareBlobs(before: Blob, after: Blob | undefined, versions: VersionCache, tips: Map<string, Blob>): Found[] {
  const old = versions.get(before);
  if (!after) return [{ code: 'AUDIT_FILE_DELETED', version: old, offset: 0, params: {}, key: 'AUDIT_FILE_DELETED' }];
  if (after.oid === before.oid) return [];
  if (isCleanAppend(before, after, versions, tips)) return [];
  return compareVersions(old, versions.get(after));
}

/**
 * The fast, exact path for the usual case: `after` is `before` plus bytes, and some later
 * version of the chain of appends it starts (its tip) parses cleanly with an item starting
 * exactly where `before` ends. Then every item of `before` was closed by that new `- ` at
 * the list's indent and reads the same after. One parse per chain of appends, not one per
 * commit: a duty day appended to forty times is parsed once.
 */
function isCleanAppend(before: Blob, after: Blob, versions: VersionCache, tips: Map<string, Blob>): boolean {
  if (!startsWith(after.bytes, before.bytes)) return false;
  const end = decoder.decode(before.bytes).length;
  const tip = tips.get(after.oid) ?? after;
  if (versions.get(tip).boundaries.has(end)) return true;
  // a later append broke the tip: this version may still read cleanly on its own
  return tip.oid !== after.oid && versions.get(after).boundaries.has(end);
}

/** For each version, the last version of the chain of pure appends that starts from it. */
function appendTips(changes: readonly FileChange[]): Map<string, Blob> {
  const next = new Map<string, Blob>();
  for (const c of changes) {
    const [before] = c.before;
    if (c.before.length !== 1 || !before || !c.after || next.has(before.oid)) continue;
    if (c.after.oid !== before.oid && startsWith(c.after.bytes, before.bytes)) next.set(before.oid, c.after);
  }
  const tips = new Map<string, Blob>();
  const tipOf = (blob: Blob): Blob => {
    const known = tips.get(blob.oid);
    if (known) return known;
    const chain: Blob[] = [];
    let at: Blob | undefined = blob;
    const seen = new Set<string>();
    while (at && !seen.has(at.oid)) {
      seen.add(at.oid);
      chain.push(at);
      const cached = tips.get(at.oid);
      if (cached) {
        at = cached;
        break;
      }
      at = next.get(at.oid);
    }
    const tip = at ?? chain[chain.length - 1]!;
    for (const b of chain) tips.set(b.oid, tip);
    return tip;
  };
  for (const c of changes) if (c.after) tipOf(c.after);
  return tips;
}

/** The slow path: both versions parsed, items matched, what is missing or different reported. */
function compareVersions(old: Version, next: Version): Found[] {
  if (!old.usable) {
    // no items can be told apart in a file that did not parse: only whether it was appended to
    if (next.text.startsWith(old.text)) return [];
    return [{ code: 'AUDIT_TEXT_CHANGED', version: old, offset: firstDifference(old.text, next.text), params: {}, key: 'AUDIT_TEXT_CHANGED' }];
  }
  if (!next.usable) {
    // text appended to a file that no longer parses: `kefu validate` says what is wrong with it
    if (next.text.startsWith(old.text)) return [];
    return [foundAt(old, firstDifference(old.text, next.text))];
  }
  const found: Found[] = [];
  const header = old.text.slice(0, old.headerEnd);
  if (!next.text.startsWith(header)) found.push(headerChanged(old, firstDifference(header, next.text)));
  // keys after the list (kefu writes none; a hand edit might)
  for (const key of old.keysAfterList) {
    const now = next.topLevel.get(key.name);
    if (!now || now.json !== key.json) found.push(headerChanged(old, key.start));
  }
  found.push(...compareItems(old, next));
  return found;
}

/** The first difference falls in the header or in an item: say which. */
function foundAt(old: Version, offset: number): Found {
  const item = old.items.find((it) => offset >= it.start && offset < it.end);
  if (!item) return headerChanged(old, offset);
  return itemFound('AUDIT_ITEM_CHANGED', old, item);
}

function headerChanged(old: Version, offset: number): Found {
  return { code: 'AUDIT_HEADER_CHANGED', version: old, offset, params: { list: old.listKey }, key: 'AUDIT_HEADER_CHANGED' };
}

function itemFound(code: Code, old: Version, item: Item): Found {
  // one key whichever way the item went: seen from one parent it may be changed, from another removed
  return { code, version: old, offset: item.nodeStart, params: { item: item.label }, key: `item\u0000${old.itemIdentity(item)}` };
}

/**
 * Matches the old items to the new by their exact text (longest common subsequence), then
 * sorts out the rest: an old item whose id is on an unmatched new item — or, for an item
 * without an id, whose place and type are taken by one — was changed; one with no
 * counterpart was removed.
 */
function compareItems(old: Version, next: Version): Found[] {
  const a = old.items.map((it) => old.text.slice(it.start, it.end));
  const b = next.items.map((it) => next.text.slice(it.start, it.end));
  const pairs = commonSubsequence(a, b);
  const matchedNew = new Set(pairs.map(([, j]) => j));
  const unmatchedNewById = new Map<string, number>();
  next.items.forEach((it, j) => {
    if (!matchedNew.has(j) && it.id !== undefined && !unmatchedNewById.has(it.id)) unmatchedNewById.set(it.id, j);
  });
  const used = new Set<number>();
  const found: Found[] = [];
  // gaps between matched pairs: [old from, old to) ↔ [new from, new to)
  const bounds: [number, number][] = [[-1, -1], ...pairs, [a.length, b.length]];
  for (let g = 1; g < bounds.length; g++) {
    const [oi0, nj0] = bounds[g - 1]!;
    const [oi1, nj1] = bounds[g]!;
    for (let i = oi0 + 1; i < oi1; i++) {
      const item = old.items[i]!;
      let counterpart = item.id !== undefined ? unmatchedNewById.get(item.id) : undefined;
      if (item.id === undefined) {
        for (let j = nj0 + 1; j < nj1; j++) {
          const candidate = next.items[j]!;
          if (used.has(j) || candidate.id !== undefined) continue;
          if (candidate.type === item.type) {
            counterpart = j;
            break;
          }
        }
      }
      if (counterpart !== undefined) used.add(counterpart);
      found.push(itemFound(counterpart === undefined ? 'AUDIT_ITEM_REMOVED' : 'AUDIT_ITEM_CHANGED', old, item));
    }
  }
  return found;
}

/** Index pairs of a longest common subsequence; the common head and tail are matched first. */
export function commonSubsequence(a: readonly string[], b: readonly string[]): [number, number][] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const pairs: [number, number][] = [];
  for (let i = 0; i < head; i++) pairs.push([i, i]);
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  if (n > 0 && m > 0) {
    if (n * m <= 4_000_000) {
      // lengths[i][j] = LCS of a[head+i..] and b[head+j..]
      const w = m + 1;
      const lengths = new Uint32Array((n + 1) * w);
      for (let i = n - 1; i >= 0; i--) {
        for (let j = m - 1; j >= 0; j--) {
          lengths[i * w + j] = a[head + i] === b[head + j] ? lengths[(i + 1) * w + j + 1]! + 1 : Math.max(lengths[(i + 1) * w + j]!, lengths[i * w + j + 1]!);
        }
      }
      let i = 0;
      let j = 0;
      while (i < n && j < m) {
        if (a[head + i] === b[head + j]) {
          pairs.push([head + i, head + j]);
          i++;
          j++;
        } else if (lengths[(i + 1) * w + j]! >= lengths[i * w + j + 1]!) i++;
        else j++;
      }
    } else {
      // too large to tabulate (a file rewritten wholesale): match greedily, in order
      let j = head;
      for (let i = head; i < head + n; i++) {
        for (let k = j; k < head + m; k++) {
          if (a[i] === b[k]) {
            pairs.push([i, k]);
            j = k + 1;
            break;
          }
        }
      }
    }
  }
  for (let k = tail; k > 0; k--) pairs.push([a.length - k, b.length - k]);
  return pairs;
}

// ── reviews ──────────────────────────────────────────────────────────

/**
 * A review signs the items above it (SPEC §3.4): sha256 of their canonical JSON, as
 * `kefu duty review` computes it — from the items as read, `x-` keys left out.
 */
function reviewMismatches(version: Version): Found[] {
  if (!version.usable || version.file.data === undefined) return [];
  const data = structuredClone(version.file.data) as Record<string, unknown>;
  stripExtensionKeys(data);
  const log = data[version.listKey];
  if (!Array.isArray(log)) return [];
  const found: Found[] = [];
  log.forEach((item: unknown, i) => {
    if (item === null || typeof item !== 'object') return;
    const review = item as Record<string, unknown>;
    // a malformed digest is SCHEMA_FORMAT's business (`kefu validate`)
    if (review.type !== 'review' || typeof review.digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(review.digest)) return;
    if (review.digest === reviewDigest(log.slice(0, i))) return;
    const at = version.items.find((it) => it.index === i);
    found.push({
      code: 'REVIEW_DIGEST_MISMATCH',
      version,
      offset: at?.nodeStart ?? 0,
      params: { by: String(review.by ?? '—'), at: String(review.at ?? '—') },
      key: `REVIEW_DIGEST_MISMATCH\u0000${i}`,
    });
  });
  return found;
}

// ── versions ─────────────────────────────────────────────────────────

const decoder = new TextDecoder('utf-8');

interface Item {
  /** where the item's text starts: the start of the line of its `- ` */
  start: number;
  /** where the next item's text starts (comments and blank lines after an item are its own) */
  end: number;
  /** where its value starts, for the position reported */
  nodeStart: number;
  id?: string;
  type?: string;
  /** how it is named in a message: its id, else `log[3] (review)` */
  label: string;
  index: number;
}

/** One version of a record file, parsed and cut into its header and its list items. */
class Version {
  readonly text: string;
  readonly file: ParsedFile;
  /** parsed into a mapping, with at most a torn tail */
  readonly usable: boolean;
  /** parsed without any problem at all */
  readonly clean: boolean;
  readonly listKey: string;
  items: Item[] = [];
  /** where the header ends: at the first item, or at the list's key when it has none */
  headerEnd: number;
  /** the offsets where an earlier version may end and still have all its items here, unchanged (clean versions only) */
  readonly boundaries = new Set<number>();
  readonly topLevel = new Map<string, { start: number; json: string }>();
  readonly keysAfterList: { name: string; start: number; json: string }[] = [];
  private identities?: string[];

  constructor(path: string, bytes: Uint8Array) {
    const { file, findings } = parseRecordFile(path, bytes);
    this.file = file;
    this.text = file.text;
    this.listKey = kindOfPath(path)?.kind.listKey ?? '';
    const root = file.doc?.contents;
    this.usable = file.doc !== undefined && isMap(root) && findings.every((f) => f.code === 'TORN_TAIL');
    this.clean = this.usable && findings.length === 0;
    // a torn last item is not a committed item: it was never complete
    const end = file.tornFromLine === undefined ? this.text.length : lineStartOfLine(this.text, file.tornFromLine);
    this.headerEnd = end;
    if (!this.usable || !isMap(root)) return;

    const data = (file.data ?? {}) as Record<string, unknown>;
    const pairs: Pair[] = root.items.filter((p) => isPair(p) && isScalar(p.key));
    const listPair = pairs.find((p) => String((p.key as { value: unknown }).value) === this.listKey);
    const listKeyStart = listPair ? keyStart(listPair) : undefined;
    let listEnd = end;
    for (const p of pairs) {
      const name = String((p.key as { value: unknown }).value);
      const start = keyStart(p);
      if (p === listPair) continue;
      const entry = { start, json: canonicalJson(data[name]) };
      this.topLevel.set(name, entry);
      if (listKeyStart !== undefined && start > listKeyStart) {
        this.keysAfterList.push({ name, ...entry });
        listEnd = Math.min(listEnd, lineStart(this.text, start));
      }
    }
    if (!listPair || listKeyStart === undefined) return;
    this.headerEnd = lineStart(this.text, listKeyStart);
    const seq = listPair.value;
    if (!isSeq(seq)) return;
    const values = Array.isArray(data[this.listKey]) ? (data[this.listKey] as unknown[]) : [];
    const starts: { start: number; nodeStart: number; index: number }[] = [];
    seq.items.forEach((node, index) => {
      const nodeStart = (node as { range?: [number, number, number] } | null)?.range?.[0];
      if (nodeStart !== undefined) starts.push({ start: seq.flow ? nodeStart : itemLineStart(this.text, nodeStart), nodeStart, index });
    });
    this.items = starts.map((s, k) => {
      const { index } = s;
      const value = values[index] as Record<string, unknown> | undefined;
      const id = typeof value?.id === 'string' ? value.id : undefined;
      const type = typeof value?.type === 'string' ? value.type : undefined;
      const label = id ?? `${this.listKey}[${index}]${type ? ` (${type})` : ''}`;
      return { ...s, end: starts[k + 1]?.start ?? listEnd, id, type, label };
    });
    if (this.items.length > 0) this.headerEnd = this.items[0]!.start;
    if (this.clean && !seq.flow) {
      for (const item of this.items) this.boundaries.add(item.start);
      this.boundaries.add(listEnd);
    }
  }

  /** An item's identity across versions: its id, else its value. */
  itemIdentity(item: Item): string {
    if (item.id !== undefined) return `id:${item.id}`;
    this.identities ??= (() => {
      const values = ((this.file.data ?? {}) as Record<string, unknown>)[this.listKey];
      return Array.isArray(values) ? values.map((v) => canonicalJson(v)) : [];
    })();
    return `value:${this.identities[item.index] ?? item.label}`;
  }
}

/** Each version parsed once, however many changes it takes part in. */
class VersionCache {
  private readonly byOid = new Map<string, Version>();
  constructor(private readonly path: string) {}
  get(blob: Blob): Version {
    let v = this.byOid.get(blob.oid);
    if (!v) {
      v = new Version(this.path, blob.bytes);
      this.byOid.set(blob.oid, v);
    }
    return v;
  }
}

function toProblem(path: string, found: Found, revision: Revision | undefined): AuditProblem {
  const { line, col } = positionOf(found.version.text, found.offset);
  const diagnostic: Diagnostic = { code: found.code, severity: severityOf(found.code), file: path, line, col, params: found.params };
  return { diagnostic, ...(revision ? { revision } : {}), text: found.version.text };
}

// ── text ─────────────────────────────────────────────────────────────

function keyStart(pair: Pair): number {
  return (pair.key as { range?: [number, number, number] }).range?.[0] ?? 0;
}

/** The start of the line of a block list item's `- ` (the dash may sit on a line of its own above the value). */
function itemLineStart(text: string, nodeStart: number): number {
  let i = nodeStart - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i--;
  return lineStart(text, i >= 0 && text[i] === '-' ? i : nodeStart);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineStartOfLine(text: string, line: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return offset;
}

/** 1-based line and column of an offset, as the parser's LineCounter counts them. */
function positionOf(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, col: offset - start + 1 };
}

/** Where `a` stops being `b`, as an offset into `a` (kept inside `a`: its last character at most). */
function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return Math.min(i, Math.max(0, a.length - 1));
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (prefix.length > bytes.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}
