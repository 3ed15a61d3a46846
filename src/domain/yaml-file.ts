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
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Parses one file's bytes; returns the parsed file and what was wrong with it. */
export function parseRecordFile(path: string, bytes: Uint8Array): { file: ParsedFile; findings: Finding[] } {
  const lineCounter = new LineCounter();
  const findings: Finding[] = [];
  let text: string;
  try {
    text = decoder.decode(bytes); // also drops a leading BOM
  } catch {
    findings.push({ code: 'FILE_ENCODING', file: path, line: 1, col: 1 });
    return { file: { path, text: '', lineCounter }, findings };
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

  // A half-merged file would parse into nonsense: report the markers and stop.
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const m = CONFLICT_MARKER.exec(line.replace(/\r$/, ''));
    if (m) findings.push({ code: 'CONFLICT_MARKER', file: path, line: i + 1, col: 1, params: { marker: m[1]! } });
  });
  if (findings.length > 0) return { file, findings };

  const doc = parseDocument(text, { ...SAFE_OPTIONS, lineCounter });
  file.doc = doc;

  // Every write kefu makes ends with a newline: a file that does not was cut mid-write.
  const torn = !text.endsWith('\n');
  if (torn) {
    const lastLine = lines.length;
    findings.push({ code: 'TORN_TAIL', file: path, line: lastLine, col: (lines[lastLine - 1] ?? '').length + 1 });
    file.tornFromLine = lastItemStartLine(doc, lineCounter) ?? lastLine;
  }

  for (const error of doc.errors) {
    const pos = error.linePos?.[0] ?? { line: 1, col: 1 };
    if (file.tornFromLine !== undefined && pos.line >= file.tornFromLine) continue;
    if (error.code === 'DUPLICATE_KEY') {
      findings.push({ code: 'YAML_DUPLICATE_KEY', file: path, line: pos.line, col: pos.col, params: { key: keyAt(text, error.pos[0]) } });
    } else if (error.code === 'MULTIPLE_DOCS') {
      findings.push({ code: 'YAML_MULTIPLE_DOCUMENTS', file: path, line: pos.line, col: pos.col });
    } else {
      findings.push({ code: 'YAML_SYNTAX', file: path, line: pos.line, col: pos.col, params: { detail: firstLine(error.message) } });
    }
  }
  // Warnings are fatal too; unknown tags are reported below, once per tag, with the tag's name.
  for (const warning of doc.warnings) {
    if (warning.code === 'TAG_RESOLVE_FAILED') continue;
    const pos = warning.linePos?.[0] ?? { line: 1, col: 1 };
    findings.push({ code: 'YAML_SYNTAX', file: path, line: pos.line, col: pos.col, params: { detail: firstLine(warning.message) } });
  }

  visit(doc, {
    Alias(_key, node) {
      findings.push(at(path, lineCounter, node.range?.[0] ?? 0, 'YAML_ALIAS', { name: node.source }));
    },
    Scalar(_key, node) {
      if (node.tag) findings.push(at(path, lineCounter, node.range?.[0] ?? 0, 'YAML_TAG', { tag: node.tag.replace(/^tag:yaml\.org,2002:/, '!!') }));
    },
    Map(_key, node) {
      if (node.tag) findings.push(at(path, lineCounter, node.range?.[0] ?? 0, 'YAML_TAG', { tag: node.tag.replace(/^tag:yaml\.org,2002:/, '!!') }));
    },
    Seq(_key, node) {
      if (node.tag) findings.push(at(path, lineCounter, node.range?.[0] ?? 0, 'YAML_TAG', { tag: node.tag.replace(/^tag:yaml\.org,2002:/, '!!') }));
    },
    Pair(_key, pair) {
      if (isScalar(pair.key) && pair.key.value === '<<' && pair.key.type === 'PLAIN') {
        findings.push(at(path, lineCounter, pair.key.range?.[0] ?? 0, 'YAML_MERGE_KEY', {}));
      }
    },
  });

  if (findings.length === 0) {
    // no aliases are left, so toJS cannot expand anything
    file.data = doc.toJS({ maxAliasCount: 0 });
  }
  return { file, findings };
}

function at(file: string, lc: LineCounter, offset: number, code: Finding['code'], params: Finding['params']): Finding {
  const pos = lc.linePos(offset);
  return { code, file, line: pos.line, col: pos.col, ...(params && Object.keys(params).length ? { params } : {}) };
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
function lastItemStartLine(doc: Document.Parsed, lc: LineCounter): number | undefined {
  const root = doc.contents;
  if (!isMap(root) || root.items.length === 0) return undefined;
  const last = root.items[root.items.length - 1]!;
  if (!isSeq(last.value) || last.value.items.length === 0) return undefined;
  const item = last.value.items[last.value.items.length - 1] as Node | null;
  const start = item && 'range' in item && item.range ? item.range[0] : undefined;
  return start === undefined ? undefined : lc.linePos(start).line;
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
