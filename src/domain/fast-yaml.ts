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
import { isScalar, Schema } from 'yaml';
import { decoder, MAX_DEPTH, MAX_LINES, MAX_VALUES } from './yaml-file.js';

/**
 * Plain scalars are resolved by the exact parser's own core-schema tags, taken from the
 * `yaml` package (same options as yaml-file.ts: core, no custom tags, no merge keys),
 * so `08:30`, `no`, `2026-11-25`, `0o17`, `1_000`, `.inf` and huge integers become the
 * very values (and the very strings) that the exact parser makes of them — js-yaml's own
 * CORE_SCHEMA differs (binary and underscored numbers, for one).
 */
const CORE_TAGS = new Schema({ schema: 'core', customTags: [], merge: false, resolveKnownTags: false }).tags.flatMap((tag) =>
  tag.default === true && tag.test !== undefined && !tag.collection && 'resolve' in tag ? [tag as unknown as ScalarTag] : [],
);

interface ScalarTag {
  test: RegExp;
  resolve: (value: string, onError: (message: string) => void, options: { intAsBigInt: boolean }) => unknown;
}

/** Every core-schema null, bool, int and float starts so (or is empty): other plain scalars are text. */
const MAY_NOT_BE_TEXT = /^(?:$|[-+.~0-9nNtTfF])/;

const declined = new Error('declined');

const corePlainScalar = new Type('tag:kefu,2026:core-plain-scalar', {
  kind: 'scalar',
  resolve: (data: unknown) => typeof data === 'string' && MAY_NOT_BE_TEXT.test(data) && CORE_TAGS.some((tag) => tag.test.test(data)),
  construct: (data: string) => {
    const tag = CORE_TAGS.find((t) => t.test.test(data))!;
    const value = tag.resolve(data, () => {
      throw declined; // the exact parser would report this value
    }, { intAsBigInt: false });
    return isScalar(value) ? value.value : value;
  },
});

/** Only the failsafe types (str, seq, map) and the core resolution above: no timestamps, no merge keys. */
const SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: [corePlainScalar] });

/**
 * Constructs the two parsers could read differently, or that kefu refuses and the exact
 * parser reports with a position: such a file goes to the exact parser. Conservative by
 * design — a false alarm costs only speed.
 */
const NEEDS_EXACT_READING: readonly RegExp[] = [
  // a character that is not plain printable text: tabs (YAML forbids them in indentation),
  // carriage returns (desks are LF by .gitattributes), control characters, a BOM inside
  // the text, NEL and the Unicode line separators (YAML 1.1 line breaks), U+FFFE and U+FFFF
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/,
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

/**
 * The data of a record file read the fast way, or undefined when the file must be read by
 * `parseRecordFile` (yaml-file.ts): bytes that are not UTF-8, a NUL, an empty file, conflict
 * markers, a missing final newline (a torn tail), or any text the fast reader declines.
 * When it returns data, `parseRecordFile` finds nothing wrong with the same bytes and reads
 * the same data (tests/domain/fast-yaml.test.ts).
 */
export function readRecordFileFast(bytes: Uint8Array): { data: unknown } | undefined {
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
export function parseYamlFast(text: string): { data: unknown } | undefined {
  if (ANY_NEEDS_EXACT_READING.test(text)) return undefined;
  if (text.length >= LONG_LINE && hasLongLine(text)) return undefined;
  // beyond yaml-file.ts's limits the exact parser reports the file: so must this one
  if (text.length > MAX_LINES && lineBreaks(text) > MAX_LINES) return undefined;
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
  return needsExactReading(data, 0, tally) ? undefined : { data };
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
