// Reading one record file safely (SPEC §2 Times): YAML 1.2 core schema, unique
// keys, no merge keys, no tags, no aliases, every warning fatal — and keeping the
// document tree so that every problem can be placed at its exact line and column.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type DocumentOptions, type Node, type ParseOptions, type SchemaOptions } from 'yaml';
import type { Finding, Path } from '../diagnostics/diagnostic.js';

export interface ParsedFile {
  path: string;
  text: string;
  lineCounter: LineCounter;
  doc?: Document.Parsed;
  /** the plain data, present only when the file parsed without any problem */
  data?: unknown;
  /** the line where the file's last list item starts, when the file's tail is torn */
  tornFromLine?: number;
}

const SAFE_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.2',
  schema: 'core',
  merge: false,
  uniqueKeys: true,
  resolveKnownTags: false,
  customTags: [],
  strict: true,
  prettyErrors: true,
};

const CONFLICT_MARKER = /^(<{7}|={7}|>{7}|\|{7})(?: |$)/;
/** also drops a leading BOM */
export const decoder = new TextDecoder('utf-8', { fatal: true });

/** Parses one file's bytes; returns the parsed file and what was wrong with it. */
export function parseRecordFile(path: string, bytes: Uint8Array): { file: ParsedFile; findings: Finding[] } {
  const lineCounter = new LineCounter();
  const findings: Finding[] = [];
  let text: string;
  try {
    text = decoder.decode(bytes); // also drops a leading BOM
  } catch {
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const bad = firstInvalidUtf8(bytes);
    // a write cut inside a multi-byte character: the tail is torn, the rest is fine
    if (bad !== undefined && isIncompleteTail(bytes, bad)) {
      const head = decoder.decode(bytes.subarray(0, bad));
      const lines = head.split('\n');
      findings.push({ code: 'TORN_TAIL', file: path, line: lines.length, col: (lines[lines.length - 1] ?? '').length + 1 });
    } else {
      const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad ?? 0)).split('\n');
      findings.push({ code: 'FILE_ENCODING', file: path, line: before.length, col: (before[before.length - 1] ?? '').length + 1 });
    }
    // ids are still read from what can be decoded, so that references to them do not dangle
    return { file: { path, text: lossy, lineCounter }, findings };
  }
  const file: ParsedFile = { path, text, lineCounter };
  if (text.includes('\u0000')) {
    findings.push({ code: 'FILE_ENCODING', file: path, line: 1, col: 1 });
    return { file, findings };
  }
  if (text.trim() === '') {
    findings.push({ code: 'FILE_EMPTY', file: path, line: 1, col: 1 });
    return { file, findings };
  }

  // A half-merged file would parse into nonsense: report each conflict block once and stop.
  const lines = text.split('\n');
  let inBlock = false;
  lines.forEach((line, i) => {
    const marker = CONFLICT_MARKER.exec(line.replace(/\r$/, ''))?.[1];
    if (!marker) return;
    const opens = marker.startsWith('<');
    if (opens || !inBlock) findings.push({ code: 'CONFLICT_MARKER', file: path, line: i + 1, col: 1, params: { marker } });
    if (opens) inBlock = true;
    else if (marker.startsWith('>')) inBlock = false;
  });
  if (findings.length > 0) return { file, findings };

  // Every write kefu makes ends with a newline: a file that does not was cut mid-write.
  // The cut item is reported as such; the complete items before it are read as usual.
  let source = text;
  if (!text.endsWith('\n')) {
    const whole = parseDocument(text, { ...SAFE_OPTIONS, lineCounter: new LineCounter() });
    const lastLine = lines.length;
    findings.push({ code: 'TORN_TAIL', file: path, line: lastLine, col: (lines[lastLine - 1] ?? '').length + 1 });
    file.tornFromLine = lastItemStartLine(whole, text) ?? lastLine;
    const kept = lines.slice(0, file.tornFromLine - 1);
    // the cut item was the list's only one: what is left is an empty list, not a missing one
    const last = kept.length - 1;
    if (last >= 0 && /^[^\s#][^:#]*:\s*$/.test(kept[last]!.replace(/\r$/, ''))) kept[last] = `${kept[last]!.replace(/\s*\r?$/, '')} []`;
    source = kept.map((l) => `${l}\n`).join('');
  }
  const doc = parseDocument(source, { ...SAFE_OPTIONS, lineCounter });
  file.doc = doc;
  const problems = yamlProblems(doc, source, path, lineCounter);
  findings.push(...problems);
  if (problems.length === 0) {
    // no aliases are left, so toJS cannot expand anything
    file.data = doc.toJS({ maxAliasCount: 0 });
  }
  return { file, findings };
}

/**
 * The parser's errors and warnings (all fatal), and the constructs kefu refuses:
 * aliases, tags, merge keys. After the first syntax error the parser's further
 * complaints are mostly its own recovery, so only the first is reported.
 */
function yamlProblems(doc: Document.Parsed, text: string, path: string, lineCounter: LineCounter): Finding[] {
  const findings: Finding[] = [];
  let syntaxReported = false;
  for (const error of [...doc.errors, ...doc.warnings]) {
    if (error.code === 'TAG_RESOLVE_FAILED') continue; // reported below, once per tag, by name
    const pos = error.linePos?.[0] ?? { line: 1, col: 1 };
    if (error.code === 'DUPLICATE_KEY') {
      findings.push({ code: 'YAML_DUPLICATE_KEY', file: path, line: pos.line, col: pos.col, params: { key: keyAt(text, error.pos[0]) } });
    } else if (error.code === 'MULTIPLE_DOCS') {
      findings.push({ code: 'YAML_MULTIPLE_DOCUMENTS', file: path, line: pos.line, col: pos.col });
    } else if (!syntaxReported) {
      syntaxReported = true;
      findings.push({ code: 'YAML_SYNTAX', file: path, line: pos.line, col: pos.col, params: { detail: firstLine(error.message), yamlCode: error.code } });
    }
  }
  visit(doc, {
    Alias(_key, node, ancestors) {
      // `<<: *x` is one mistake, reported as the merge key
      const parent = ancestors[ancestors.length - 1];
      if (isPair(parent) && isScalar(parent.key) && parent.key.value === '<<') return;
      findings.push(at(path, lineCounter, node.range?.[0] ?? 0, 'YAML_ALIAS', { name: node.source }));
    },
    Node(_key, node) {
      if (isAlias(node) || !node.tag) return;
      findings.push(at(path, lineCounter, tagOffset(text, node.range?.[0] ?? 0), 'YAML_TAG', { tag: node.tag.replace(/^tag:yaml\.org,2002:/, '!!') }));
    },
    Pair(_key, pair) {
      if (isScalar(pair.key) && pair.key.value === '<<' && pair.key.type === 'PLAIN') {
        findings.push(at(path, lineCounter, pair.key.range?.[0] ?? 0, 'YAML_MERGE_KEY', {}));
      }
    },
  });
  return findings;
}

/** The offset of the first byte that is not part of valid UTF-8, if any. */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return undefined;
}

/** The bad sequence starting at `at` is a valid start of a character that the file's end cut short. */
function isIncompleteTail(bytes: Uint8Array, at: number): boolean {
  const b = bytes[at]!;
  const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
  if (need === 0 || at + need < bytes.length) return false;
  for (let k = at + 1; k < bytes.length; k++) if ((bytes[k]! & 0xc0) !== 0x80) return false;
  return true;
}

function at(file: string, lc: LineCounter, offset: number, code: Finding['code'], params: Finding['params']): Finding {
  const pos = lc.linePos(offset);
  return { code, file, line: pos.line, col: pos.col, ...(params && Object.keys(params).length ? { params } : {}) };
}

/** Where the tag before a node starts: the last `!` run before the node's value on its line. */
function tagOffset(text: string, valueStart: number): number {
  const lineStart = text.lastIndexOf('\n', valueStart - 1) + 1;
  let i = text.lastIndexOf('!', valueStart - 1);
  if (i < lineStart) return valueStart;
  while (i > lineStart && text[i - 1] === '!') i--;
  return i;
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '').trim();
}

function keyAt(text: string, offset: number): string {
  const rest = text.slice(offset);
  const m = /^["']?([^"':\n]*)/.exec(rest);
  return (m?.[1] ?? '').trim();
}

/** Where the last item of the file's last top-level list starts (the item a torn write cut). */
function lastItemStartLine(doc: Document.Parsed, text: string): number | undefined {
  const root = doc.contents;
  if (!isMap(root) || root.items.length === 0) return undefined;
  const last = root.items[root.items.length - 1]!;
  if (!isSeq(last.value) || last.value.items.length === 0) return undefined;
  const item = last.value.items[last.value.items.length - 1] as Node | null;
  const start = item && 'range' in item && item.range ? item.range[0] : undefined;
  return start === undefined ? undefined : text.slice(0, start).split('\n').length;
}

/**
 * The position of the node at `path`, or of its nearest existing parent when the
 * path leads to a missing key (SPEC §2, STYLE.md: positions from the tree, never a regex).
 * With `key`, points at the key of the last segment instead of its value.
 */
export function locate(file: ParsedFile, path: Path, key = false): { line: number; col: number } {
  const doc = file.doc;
  if (!doc) return { line: 1, col: 1 };
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      if (last && key) {
        offset = rangeStart(pair.key) ?? offset;
        break;
      }
      node = pair.value;
      offset = rangeStart(node) ?? rangeStart(pair.key) ?? offset;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined) break;
      node = item;
      offset = rangeStart(node) ?? offset;
    } else {
      break;
    }
  }
  return file.lineCounter.linePos(offset);
}

function rangeStart(node: unknown): number | undefined {
  if (node && typeof node === 'object' && !isAlias(node) && 'range' in node) {
    const r = (node as { range?: [number, number, number] }).range;
    return r?.[0];
  }
  return undefined;
}
