// The fast way to read a record file (issue 7 item 4). The `yaml` package's document
// parser gives the node ranges that diagnostics need, but reads ~2 MB/s; js-yaml reads
// the same text ~12× faster and gives no positions. Positions are needed only for files
// with a problem, so a file is read here first, and goes to the exact parser
// (yaml-file.ts) whenever this reader declines it.
//
// The contract, proved by tests/domain/fast-yaml.test.ts on every fixture, the example
// desk, a generated desk and fuzzed text: whenever `parseYamlFast` returns data, the
// exact parser accepts the same text with no error, warning, alias, tag or merge key,
// and its `toJS` deep-equals that data — same values, same types, same key order. The
// reader is free to decline more than it must: every text it declines is read exactly.
import { FAILSAFE_SCHEMA, load, Type } from 'js-yaml';
import { declined, isCoreNonText, readBlockYaml, resolvePlain } from './block-yaml.js';
import { decoder, MAX_DEPTH, MAX_LINES, MAX_VALUES } from './yaml-file.js';

const corePlainScalar = new Type('tag:kefu,2026:core-plain-scalar', {
  kind: 'scalar',
  resolve: (data: unknown) => typeof data === 'string' && isCoreNonText(data),
  construct: (data: string) => resolvePlain(data),
});

/** Only the failsafe types (str, seq, map) and the core resolution above: no timestamps, no merge keys. */
const SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: [corePlainScalar] });

/**
 * A character that is not plain printable text: tabs (YAML forbids them in indentation),
 * carriage returns (desks are LF by .gitattributes), control characters, a BOM inside the
 * text, NEL and the Unicode line separators (YAML 1.1 line breaks), U+FFFE and U+FFFF.
 * Declined by both fast readers.
 */
// eslint-disable-next-line no-control-regex
const NOT_PLAIN_TEXT = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;

/**
 * Constructs the two parsers could read differently, or that kefu refuses and the exact
 * parser reports with a position: such a file goes to the exact parser. Conservative by
 * design — a false alarm costs only speed.
 */
const NEEDS_EXACT_READING: readonly RegExp[] = [
  // anchors `&a`, aliases `*a`, tags `!x`/`!!str`, explicit keys `? ` — at the start of a node
  /(?:^|[\s[\]{},])(?:[&*!]|\?(?:\s|$))/m,
  // merge keys
  /<</,
  // directives and document markers (`%YAML 1.1` would change the schema; `---` a second document)
  /^(?:%|---|\.\.\.)/m,
  // a flow collection used as a key: `[a]: b`, `{a: b}: c`, `{ a: b, [c] }` (the exact parser
  // spells such keys "[ a ]", js-yaml "a") — and, to be sure, any flow collection after `{` or `,`
  /[\]}][ \t]*:/,
  /[{,]\s*[[{]/,
  // a block scalar with an explicit indentation indicator (`|2`, `>-1`): js-yaml keeps
  // whitespace-only lines that the exact parser drops
  /(?:^|\s)[|>](?:[-+]?[1-9]|[1-9][-+])/m,
  // a `#` right after a closing quote or bracket: a syntax error for the exact parser only
  /["'\]}]#/,
  // an empty sequence item `- ` (js-yaml nests the next item wrongly after a nested empty one)
  /^[ ]*-[ ]*(?:#.*)?$/m,
];

/**
 * All of the above in one pattern, one pass over the text (~40 % less time than nine).
 * The same test: none of them has a flag but `m`, which changes only `^` and `$`, and
 * only those with `m` use them.
 */
const ANY_NEEDS_EXACT_READING = new RegExp(NEEDS_EXACT_READING.map((r) => r.source).join('|'), 'm');

/** a line this long goes to the exact parser, which limits implicit keys to 1024 characters */
const LONG_LINE = 1000;

function hasLongLine(text: string): boolean {
  for (let start = 0; start < text.length; ) {
    const end = text.indexOf('\n', start);
    if ((end < 0 ? text.length : end) - start >= LONG_LINE) return true;
    if (end < 0) break;
    start = end + 1;
  }
  return false;
}

/** any line that yaml-file.ts's CONFLICT_MARKER matches (with or without a CR before its newline) */
const CONFLICT_MARKER_LINE = /^(?:<{7}|={7}|>{7}|\|{7})(?: |\r?$)/m;

/** Data read the fast way, and which reader read it (block-yaml.ts, or js-yaml after it declined). */
export interface FastRead {
  data: unknown;
  by: 'block' | 'js-yaml';
}

/**
 * The data of a record file read the fast way, or undefined when the file must be read by
 * `parseRecordFile` (yaml-file.ts): bytes that are not UTF-8, a NUL, an empty file, conflict
 * markers, a missing final newline (a torn tail), or any text the fast reader declines.
 * When it returns data, `parseRecordFile` finds nothing wrong with the same bytes and reads
 * the same data (tests/domain/fast-yaml.test.ts).
 */
export function readRecordFileFast(bytes: Uint8Array): FastRead | undefined {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return undefined;
  }
  if (!text.endsWith('\n') || text.trim() === '' || CONFLICT_MARKER_LINE.test(text)) return undefined;
  return parseYamlFast(text); // NUL and other control characters are declined there
}

/**
 * The data of a record file's text, when the fast reader is sure the exact parser would
 * read it the same and without a problem; otherwise undefined. The caller has already
 * ruled out what yaml-file.ts handles before parsing (encoding, emptiness, conflict
 * markers, a missing final newline).
 */
export function parseYamlFast(text: string): FastRead | undefined {
  if (NOT_PLAIN_TEXT.test(text)) return undefined;
  if (text.length >= LONG_LINE && hasLongLine(text)) return undefined;
  // beyond yaml-file.ts's limits the exact parser reports the file: so must this one
  if (text.length > MAX_LINES && lineBreaks(text) > MAX_LINES) return undefined;
  // the block YAML kefu writes, read in one pass (it keeps the limits on nesting and values)
  const block = readBlockYaml(text);
  if (block) return { data: block.data, by: 'block' };
  // anything else by js-yaml, unless it could read it differently
  if (ANY_NEEDS_EXACT_READING.test(text)) return undefined;
  let data: unknown;
  try {
    data = load(text, {
      schema: SCHEMA,
      json: false, // duplicate keys are errors
      onWarning: () => {
        throw declined;
      },
    });
  } catch {
    return undefined; // the exact parser finds and places the problem
  }
  // only comments: js-yaml says undefined where the exact parser says null
  if (data === undefined) return undefined;
  const tally = { values: 0 };
  return needsExactReading(data, 0, tally) ? undefined : { data, by: 'js-yaml' };
}

function lineBreaks(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Data the exact parser would read differently or refuse. A key the two parsers spell
 * differently: a null key (`~: x`) is "" for the exact parser and "null" for js-yaml; a
 * mapping used as a key is "[object Object]" for js-yaml (flow collections as keys are
 * declined before parsing, see NEEDS_EXACT_READING). And data beyond yaml-file.ts's
 * limits, counted as it counts the tree: each collection, key, value and item is one
 * value; nesting is collections within collections.
 */
function needsExactReading(value: unknown, level: number, tally: { values: number }): boolean {
  if (++tally.values > MAX_VALUES) return true;
  if (value === null || typeof value !== 'object') return false;
  const depth = level + 1;
  if (depth > MAX_DEPTH) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (needsExactReading(item, depth, tally)) return true;
    return false;
  }
  for (const key of Object.keys(value)) {
    if (key === '' || key === 'null' || key.includes('[object Object]')) return true;
    tally.values++; // the key
    if (needsExactReading((value as Record<string, unknown>)[key], depth, tally)) return true;
  }
  return false;
}
