// Reading one record file safely (SPEC §2 Times): YAML 1.2 core schema, unique
// keys, no merge keys, no tags, no aliases, every warning fatal — and keeping the
// document tree so that every problem can be placed at its exact line and column.
//
// Hostile input (issue 8, tests/fixtures/hostile): the `yaml` package recurses once per
// nesting level and keeps ~0.1–1 kB per token while it builds a document, so a file is
// measured before it is parsed — its lines by counting, its nesting and its tokens by a
// pass of the package's own lexer, which neither recurses nor keeps anything — and one
// past the limits below is reported, not parsed. The limits are checked exactly on the
// tree after parsing; the pass before is a bound that never refuses a file within them.
import { isAlias, isMap, isPair, isScalar, isSeq, Lexer, LineCounter, Pair, parseDocument, visit, YAMLMap, type Document, type DocumentOptions, type Node, type ParseOptions, type SchemaOptions } from 'yaml';
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

/**
 * What one record file may hold (product defaults, issue 8). A year of a large desk's
 * callbacks month holds ~30,000 values in ~20,000 lines, nested 4 deep; the yaml parser
 * overflows its stack at ~3,000 levels and needs ~1 kB per value. fast-yaml.ts declines
 * a file beyond them, so both readers refuse the same files.
 */
export const MAX_DEPTH = 100;
export const MAX_VALUES = 100_000;
export const MAX_LINES = 500_000;

/**
 * Bounds for the pass before parsing, which sees tokens, not values. In a file within the
 * limits above, the tokens that make values — scalars, `[`, `{`, `-`, `?`, `:`, aliases —
 * are at most 2 per value (a pair is two values and at most a `?` and a `:`), all tokens
 * but spaces and comments at most 4 per value (`,` and closing brackets too), and the
 * lexed nesting at most twice the real one: so the bounds never refuse such a file.
 */
const GUARD_DEPTH = 2 * MAX_DEPTH + 10;
const GUARD_VALUE_TOKENS = 2 * MAX_VALUES + 16;
const GUARD_TOKENS = 4 * MAX_VALUES + 16;

const SAFE_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.2',
  schema: 'core',
  merge: false,
  // duplicate keys are found in one pass over the tree (checkTree): the package's own
  // check compares each key with every key before it, 5 s for a mapping of 10,000 keys
  uniqueKeys: false,
  resolveKnownTags: false,
  customTags: [],
  strict: true,
  // positions are worked out here from error.pos; the package's pretty errors copy the
  // error's whole line into every message, quadratic on a long line with many errors
  prettyErrors: false,
  // toJS would print a Node warning on stderr for a collection used as a key
  logLevel: 'error',
};

const CONFLICT_MARKER = /^(<{7}|={7}|>{7}|\|{7})(?: |$)/;
/** also drops a leading BOM */
export const decoder = new TextDecoder('utf-8', { fatal: true });
const lossyDecoder = new TextDecoder('utf-8');

/** Bytes as text, with U+FFFD for whatever is not UTF-8 (to show a file, or find ids in it). */
export function decodeLossy(bytes: Uint8Array): string {
  return lossyDecoder.decode(bytes);
}

/**
 * Characters YAML 1.2 does not allow in a stream (§5.1 c-printable), other than NUL
 * (FILE_ENCODING: not text at all): C0 controls but tab, LF and CR; DEL; C1 controls but
 * NEL; U+FFFE and U+FFFF. An ESC would otherwise reach a terminal through `show`.
 */
// eslint-disable-next-line no-control-regex
const NOT_PRINTABLE = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffe\uffff]/;

/** Parses one file's bytes; returns the parsed file and what was wrong with it. */
export function parseRecordFile(path: string, bytes: Uint8Array): { file: ParsedFile; findings: Finding[] } {
  const lineCounter = new LineCounter();
  const findings: Finding[] = [];
  let text: string;
  /** a write cut inside a multi-byte character: placed at the cut character, not after it */
  let cutCharacter: Finding | undefined;
  try {
    text = decoder.decode(bytes); // also drops a leading BOM
  } catch {
    const lossy = decodeLossy(bytes);
    const bad = firstInvalidUtf8(bytes);
    if (bad === undefined || !isIncompleteTail(bytes, bad)) {
      const before = decodeLossy(bytes.subarray(0, bad ?? 0));
      findings.push({ code: 'FILE_ENCODING', file: path, ...positionOf(before, before.length) });
      // ids are still read from what can be decoded, so that references to them do not dangle
      return { file: { path, text: lossy, lineCounter }, findings };
    }
    // Only the file's end cut a character short: a torn tail like any other. The text ends
    // in one U+FFFD (not a newline), so the cut item is set aside below and the complete
    // items before it are read as usual.
    const head = decoder.decode(bytes.subarray(0, bad));
    cutCharacter = { code: 'TORN_TAIL', file: path, ...positionOf(head, head.length) };
    text = lossy;
  }
  const file: ParsedFile = { path, text, lineCounter };
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    findings.push({ code: 'FILE_ENCODING', file: path, ...positionOf(text, nul) });
    return { file, findings };
  }
  if (text.trim() === '') {
    findings.push({ code: 'FILE_EMPTY', file: path, line: 1, col: 1 });
    return { file, findings };
  }
  const overLines = lineStartAfter(text, MAX_LINES);
  if (overLines !== undefined) {
    findings.push(syntax(path, text, overLines, 'TOO_MANY_LINES', `the file has more than ${MAX_LINES} lines`, { limit: MAX_LINES }));
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

  const control = text.search(NOT_PRINTABLE);
  if (control >= 0) {
    const char = `U+${text.charCodeAt(control).toString(16).toUpperCase().padStart(4, '0')}`;
    findings.push(syntax(path, text, control, 'NOT_PRINTABLE', `the control character ${char} is not allowed in YAML text`, { char }));
    return { file, findings };
  }
  const bound = boundStructure(text);
  if (bound) {
    findings.push(limitFinding(path, text, bound.offset, bound.limit));
    return { file, findings };
  }

  try {
    // Every write kefu makes ends with a newline: a file that does not was cut mid-write.
    // The cut item is reported as such; the complete items before it are read as usual.
    let source = text;
    if (!text.endsWith('\n')) {
      const lastLine = lines.length;
      findings.push(cutCharacter ?? { code: 'TORN_TAIL', file: path, line: lastLine, col: (lines[lastLine - 1] ?? '').length + 1 });
      file.tornFromLine = cutItemStartLine(text, lastLine);
      const kept = lines.slice(0, file.tornFromLine - 1);
      // the cut item was the list's only one: what is left is an empty list, not a missing one
      const last = kept.length - 1;
      if (last >= 0 && /^[^\s#][^:#]*:\s*$/.test(kept[last]!.replace(/\r$/, ''))) kept[last] = `${kept[last]!.replace(/\s*\r?$/, '')} []`;
      source = kept.map((l) => `${l}\n`).join('');
    }
    const doc = parseQuietly(source, lineCounter);
    file.doc = doc;
    const problems = yamlProblems(doc, source, path, lineCounter);
    for (const problem of problems) findings.push(problem);
    // a file refused for its size keeps no tree (~1 kB a value): its findings carry their places
    if (problems.some((p) => p.params?.yamlCode === 'TOO_MANY_VALUES' || p.params?.yamlCode === 'NESTING_TOO_DEEP')) delete file.doc;
    if (problems.length === 0) {
      // no aliases are left, so toJS cannot expand anything
      file.data = doc.toJS({ maxAliasCount: 0 });
    }
  } catch (error) {
    // boundStructure keeps the parser far from its stack's end; should a shape it does
    // not foresee still overflow it, that is a file nested too deep, not a crash
    if (!(error instanceof RangeError) || !/call stack/i.test(error.message)) throw error;
    delete file.doc;
    delete file.data;
    findings.push(limitFinding(path, text, 0, 'NESTING_TOO_DEEP'));
  }
  return { file, findings };
}

/**
 * The yaml parse, with no stack traces taken for its errors: nothing reads them, and a
 * hostile file's 400,000 errors (`[,,,…]`) would otherwise take 2 s and 250 MB more.
 */
function parseQuietly(text: string, lineCounter: LineCounter): Document.Parsed {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parseDocument(text, { ...SAFE_OPTIONS, lineCounter });
  } finally {
    Error.stackTraceLimit = limit;
  }
}

type Limit = 'NESTING_TOO_DEEP' | 'TOO_MANY_VALUES';

function limitFinding(path: string, text: string, offset: number, limit: Limit): Finding {
  return limit === 'NESTING_TOO_DEEP'
    ? syntax(path, text, offset, limit, `lists and mappings are nested more than ${MAX_DEPTH} levels deep here`, { limit: MAX_DEPTH })
    : syntax(path, text, offset, limit, `the file holds more than ${MAX_VALUES} values`, { limit: MAX_VALUES });
}

/** A YAML_SYNTAX finding of kefu's own (the catalogue words it by `yamlCode`), at an offset of `text`. */
function syntax(path: string, text: string, offset: number, yamlCode: string, detail: string, extra: Record<string, string | number>): Finding {
  return { code: 'YAML_SYNTAX', file: path, ...positionOf(text, offset), params: { detail, yamlCode, ...extra } };
}

/** Line and column (1-based, in UTF-16 units like the yaml LineCounter) of an offset, counted once. */
function positionOf(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

/** Where line `count + 1` starts, when the text has more than `count` line breaks. */
function lineStartAfter(text: string, count: number): number | undefined {
  if (text.length <= count) return undefined;
  let at = -1;
  let lineStart = 0;
  for (let n = 1; n <= count + 1; n++) {
    at = text.indexOf('\n', at + 1);
    if (at < 0) return undefined;
    if (n === count) lineStart = at + 1;
  }
  return lineStart;
}

/**
 * One pass of the yaml lexer over the text, before any parse: where the nesting of
 * collections or the count of tokens that make values goes beyond what a file within
 * MAX_DEPTH and MAX_VALUES can have. Iterative and bounded: it stops at the first excess.
 *
 * Block nesting is followed by columns, as YAML indents it: a `-`, `?` or an implicit
 * key's first token at column c closes every collection indented deeper, continues one
 * of the same kind at c, and otherwise opens one (a list may sit at its parent key's
 * column). Flow nesting is the lexer's own `[`/`{` count.
 */
export function boundStructure(text: string): { offset: number; limit: Limit } | undefined {
  const block: { col: number; map: boolean }[] = [];
  let flow = 0;
  let offset = 0;
  let lineStart = 0;
  /** column of the first token of a possible implicit key on this line, -1 before one */
  let keyCol = -1;
  let scalarNext = false;
  let tokens = 0;
  let valueTokens = 0;
  let deepAt = -1;
  /** where the tokens that make values first outnumber MAX_VALUES: the place to point at */
  let manyAt = -1;
  const enter = (col: number, map: boolean, at: number): boolean => {
    for (;;) {
      const top = block[block.length - 1];
      if (!top || top.col < col) break;
      if (top.col > col) block.pop();
      else if (top.map === map) return false; // the same collection goes on
      else if (top.map) break; // a list at its parent mapping's column
      else block.pop(); // a key at the column of the list that was its previous value
    }
    block.push({ col, map });
    return nested(at);
  };
  const nested = (at: number): boolean => {
    const depth = block.length + flow;
    if (depth > MAX_DEPTH && deepAt < 0) deepAt = at;
    return depth > GUARD_DEPTH;
  };
  for (const token of new Lexer().lex(text)) {
    // zero-width markers of the lexer: document, flow error end, "a scalar follows" (the
    // text holds none of these characters: NOT_PRINTABLE has refused them before)
    if (token === '\u0002' || token === '\u0018') continue;
    if (token === '\u001f') {
      scalarNext = true;
      continue;
    }
    const start = offset;
    offset += token.length;
    const col = start - lineStart;
    const newline = token.lastIndexOf('\n');
    if (newline >= 0) lineStart = start + newline + 1;
    // a scalar's text (plain or block) is never an indicator, whatever it looks like
    const indicator = scalarNext ? '' : token;
    const ch = indicator[0];
    scalarNext = false;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '#') {
      if (newline >= 0) keyCol = -1;
      continue; // spaces, line breaks and comments make no value (lines are bounded apart)
    }
    if (++tokens > GUARD_TOKENS) return { offset: manyAt >= 0 ? manyAt : start, limit: 'TOO_MANY_VALUES' };
    if (indicator === '' || ch === '"' || ch === "'" || ch === '*' || indicator === '[' || indicator === '{' || indicator === '-' || indicator === '?' || indicator === ':') {
      if (++valueTokens > MAX_VALUES && manyAt < 0) manyAt = start;
      if (valueTokens > GUARD_VALUE_TOKENS) return { offset: manyAt, limit: 'TOO_MANY_VALUES' };
    }
    let deeper = false;
    if (indicator === '[' || indicator === '{') {
      if (flow === 0 && keyCol < 0) keyCol = col;
      flow++;
      deeper = nested(start);
    } else if (indicator === ']' || indicator === '}') {
      if (flow > 0) flow--;
    } else if (flow > 0) {
      // inside a flow collection only brackets nest
    } else if (indicator === '-') {
      deeper = enter(col, false, start);
      keyCol = -1;
    } else if (indicator === '?') {
      deeper = enter(col, true, start);
      keyCol = -1;
    } else if (indicator === ':') {
      deeper = enter(keyCol >= 0 ? keyCol : col, true, start);
      keyCol = -1;
    } else if (indicator === '---' || indicator === '...') {
      block.length = 0;
      keyCol = -1;
    } else if (keyCol < 0) {
      keyCol = col;
    }
    if (newline >= 0) keyCol = -1;
    if (deeper) return { offset: deepAt, limit: 'NESTING_TOO_DEEP' };
  }
  return undefined;
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
    const pos = error.pos[0] >= 0 ? lineCounter.linePos(error.pos[0]) : { line: 1, col: 1 };
    if (error.code === 'DUPLICATE_KEY') {
      findings.push({ code: 'YAML_DUPLICATE_KEY', file: path, line: pos.line, col: pos.col, params: { key: keyAt(text, error.pos[0]) } });
    } else if (error.code === 'MULTIPLE_DOCS') {
      findings.push({ code: 'YAML_MULTIPLE_DOCUMENTS', file: path, line: pos.line, col: pos.col });
    } else if (!syntaxReported) {
      syntaxReported = true;
      findings.push({ code: 'YAML_SYNTAX', file: path, line: pos.line, col: pos.col, params: { detail: firstLine(error.message), yamlCode: error.code } });
    }
  }
  const tree = checkTree(doc, text, path, lineCounter);
  for (const duplicate of tree.duplicates) findings.push(duplicate);
  if (tree.limit) {
    // a file beyond the limits is refused as a whole: not also each of its 100,000 aliases
    if (!syntaxReported) findings.push(tree.limit);
    return findings;
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
      findings.push(at(path, lineCounter, tagOffset(text, lineCounter, node.range?.[0] ?? 0), 'YAML_TAG', { tag: node.tag.replace(/^tag:yaml\.org,2002:/, '!!') }));
    },
    Pair(_key, pair) {
      if (isScalar(pair.key) && pair.key.value === '<<' && pair.key.type === 'PLAIN') {
        findings.push(at(path, lineCounter, pair.key.range?.[0] ?? 0, 'YAML_MERGE_KEY', {}));
      }
    },
  });
  return findings;
}

/**
 * One pass over the document tree, without recursion: duplicate keys in each mapping
 * (a key compared with the keys before it, by value, as the yaml package's own check
 * does — but through a set), and the limits, counted as fast-yaml.ts counts the data:
 * every collection, key, value and list item is a value (an empty one too); nesting is
 * collections within collections. A limit is reported at the first node beyond it.
 */
function checkTree(doc: Document.Parsed, text: string, path: string, lc: LineCounter): { duplicates: Finding[]; limit?: Finding } {
  const duplicates: Finding[] = [];
  const stack: [unknown, number][] = [[doc.contents, 0]];
  let values = 0;
  while (stack.length > 0) {
    const [node, level] = stack.pop()!;
    if (++values > MAX_VALUES) return { duplicates, limit: limitFinding(path, text, nodeStart(node) ?? 0, 'TOO_MANY_VALUES') };
    if (!isMap(node) && !isSeq(node)) continue;
    const depth = level + 1;
    if (depth > MAX_DEPTH) return { duplicates, limit: limitFinding(path, text, nodeStart(node) ?? 0, 'NESTING_TOO_DEEP') };
    if (isMap(node)) {
      const keys = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        if (!isScalar(key) || Number.isNaN(key.value)) continue; // NaN !== NaN; other nodes are compared by identity
        if (keys.has(key.value)) {
          const offset = key.range?.[0] ?? 0;
          duplicates.push({ code: 'YAML_DUPLICATE_KEY', file: path, ...lc.linePos(offset), params: { key: keyAt(text, offset) } });
        } else keys.add(key.value);
      }
      for (let i = node.items.length - 1; i >= 0; i--) {
        const pair = node.items[i]!;
        stack.push([pair.value, depth], [pair.key, depth]);
      }
    } else {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push([node.items[i], depth]);
    }
  }
  return { duplicates };
}

/** Where a node starts (an alias too), for a finding about the node itself. */
function nodeStart(node: unknown): number | undefined {
  return isAlias(node) ? node.range?.[0] : rangeStart(node);
}

/**
 * The offset of the first byte that is not part of valid UTF-8, if any: a byte that
 * starts no character, a missing continuation byte, or a form UTF-8 forbids — overlong
 * (E0 80–9F, F0 80–8F), a UTF-16 surrogate (ED A0–BF) or beyond U+10FFFF (F4 90–BF) —
 * exactly what TextDecoder's fatal mode rejects (RFC 3629 §4).
 */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = continuationCount(b);
    if (need === 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || !isContinuation(b, k, c)) return i;
    }
    i += need + 1;
  }
  return undefined;
}

/** How many continuation bytes follow a lead byte; 0 for a byte that cannot lead. */
function continuationCount(b: number): number {
  return b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
}

/** Whether `c` may be continuation byte `k` (1-based) after lead byte `b`. */
function isContinuation(b: number, k: number, c: number): boolean {
  if (k === 1) {
    if (b === 0xe0) return c >= 0xa0 && c <= 0xbf;
    if (b === 0xed) return c >= 0x80 && c <= 0x9f;
    if (b === 0xf0) return c >= 0x90 && c <= 0xbf;
    if (b === 0xf4) return c >= 0x80 && c <= 0x8f;
  }
  return c >= 0x80 && c <= 0xbf;
}

/** The bad sequence starting at `at` is a valid start of a character that the file's end cut short. */
function isIncompleteTail(bytes: Uint8Array, at: number): boolean {
  const b = bytes[at]!;
  const need = continuationCount(b);
  if (need === 0 || at + need < bytes.length) return false;
  for (let k = at + 1; k < bytes.length; k++) if (!isContinuation(b, k - at, bytes[k]!)) return false;
  return true;
}

function at(file: string, lc: LineCounter, offset: number, code: Finding['code'], params: Finding['params']): Finding {
  const pos = lc.linePos(offset);
  return { code, file, line: pos.line, col: pos.col, ...(params && Object.keys(params).length ? { params } : {}) };
}

/** How far before a node its tag is looked for (a tag longer than this is placed at the node). */
const TAG_WINDOW = 4096;

/** Where the tag before a node starts: the last `!` run before the node's value on its line. */
function tagOffset(text: string, lc: LineCounter, valueStart: number): number {
  const { line } = lc.linePos(valueStart);
  const lineStart = Math.max(lc.lineStarts[line - 1] ?? 0, valueStart - TAG_WINDOW);
  let i = text.lastIndexOf('!', valueStart - 1);
  if (i < lineStart) return valueStart;
  while (i > lineStart && text[i - 1] === '!') i--;
  return i;
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '').trim();
}

/** The key written at `offset`, without its quotes (clipped: messages show only its start anyway). */
function keyAt(text: string, offset: number): string {
  const rest = text.slice(offset, offset + 1024);
  const m = /^["']?([^"':\n]*)/.exec(rest);
  return (m?.[1] ?? '').trim();
}

/**
 * The line where the item a torn write cut starts, from a parse of the whole text
 * (boundStructure has measured it): the last item of the file's last top-level list —
 * or the torn last line itself, when it holds no more of an item than the spaces before
 * a new item's `-`. Such a line belongs to no item in the parse, and the item above it
 * ends at a line break like every complete one, so it is kept; when the cut was in fact
 * in the indentation of that item's next line, the item reads as it would had the cut
 * come at the line break (append.ts's note finds both). Spaces beyond the `-` column
 * can only be a continuation, so then that item is the cut one.
 */
function cutItemStartLine(text: string, lastLine: number): number {
  const lineCounter = new LineCounter();
  const root = parseQuietly(text, lineCounter).contents;
  if (!isMap(root) || root.items.length === 0) return lastLine;
  const last = root.items[root.items.length - 1]!;
  if (!isSeq(last.value) || last.value.items.length === 0) return lastLine;
  const tail = text.slice(text.lastIndexOf('\n') + 1);
  const dashCol = last.value.range ? lineCounter.linePos(last.value.range[0]).col - 1 : 0;
  if (/^ *$/.test(tail) && tail.length <= dashCol) return lastLine;
  const item = last.value.items[last.value.items.length - 1] as Node | null;
  const start = item && 'range' in item && item.range ? item.range[0] : undefined;
  return start === undefined ? lastLine : lineCounter.linePos(start).line;
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
      const pair = pairsByKey(node, doc).get(String(seg));
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

/**
 * A mapping's pairs by the key its data has (the first pair of a key), built once per
 * mapping: 10,000 findings in one mapping must not search it 10,000 times.
 */
const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

function pairsByKey(map: YAMLMap, doc: Document.Parsed): Map<string, Pair> {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.items) {
      if (!isPair(pair)) continue;
      const name = dataKeyOf(pair.key, doc);
      if (!index.has(name)) index.set(name, pair as Pair);
    }
    pairIndex.set(map, index);
  }
  return index;
}

/**
 * The property name a key becomes in the data (toJS): a scalar's value as a string
 * (null: ""), a collection the text the yaml package makes of it (`[ a, b ]`).
 */
function dataKeyOf(key: unknown, doc: Document.Parsed): string {
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  if (key === null || key === undefined) return '';
  try {
    const probe = new YAMLMap();
    probe.items.push(new Pair(key, null));
    return Object.keys(probe.toJS(doc) as object)[0] ?? '';
  } catch {
    return ''; // an alias as a key (reported as such)
  }
}

function rangeStart(node: unknown): number | undefined {
  if (node && typeof node === 'object' && !isAlias(node) && 'range' in node) {
    const r = (node as { range?: [number, number, number] }).range;
    return r?.[0];
  }
  return undefined;
}
