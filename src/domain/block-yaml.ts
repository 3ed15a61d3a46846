// The quickest reader of a record file (issue 7 item 4): the YAML that kefu and other
// tools write and the SPEC shows — block mappings and sequences, one-line flow collections
// (`[clerk]`, `{ item: 对讲机, count: 2 }`), one-line plain and quoted scalars, comments —
// read in one pass over the text, ~2.5× faster than js-yaml (which reads all of YAML).
// Anything else it declines (returns undefined): block scalars (`|`, `>`), multi-line
// scalars and flow, escapes in quotes, keys that are not plain words, odd indentation. A
// declined text goes on to js-yaml (fast-yaml.ts) and, if that declines too, to the exact
// parser.
//
// Its contract is fast-yaml.ts's: whatever it returns, the exact parser reads from the same
// text with no problem, as the very same data. tests/domain/fast-yaml.test.ts holds it to
// that on every fixture, generated desks, fuzzed text and a grammar of its own kind.
// fast-yaml.ts has already declined control characters (tabs, CRs, NEL…), long lines and
// too many lines; the limits on nesting and values (yaml-file.ts) are kept here, as the
// exact parser counts them.
import { isScalar, Schema } from 'yaml';
import { MAX_DEPTH, MAX_VALUES } from './yaml-file.js';

interface ScalarTag {
  test: RegExp;
  resolve: (value: string, onError: (message: string) => void, options: { intAsBigInt: boolean }) => unknown;
}

/**
 * Plain scalars are resolved by the exact parser's own core-schema tags (the `yaml`
 * package, same options as yaml-file.ts: core, no custom tags, no merge keys), so `08:30`,
 * `no`, `2026-11-25`, `0o17`, `.inf` and huge integers are the very values it makes.
 */
const CORE_TAGS = new Schema({ schema: 'core', customTags: [], merge: false, resolveKnownTags: false }).tags.flatMap((tag) =>
  tag.default === true && tag.test !== undefined && !tag.collection && 'resolve' in tag ? [tag as unknown as ScalarTag] : [],
);

/** Every core-schema null, bool, int and float starts so (or is empty): other plain scalars are text. */
const MAY_NOT_BE_TEXT = /^(?:$|[-+.~0-9nNtTfF])/;

export const declined = new Error('declined');

/** Whether the exact parser reads this plain scalar as something other than text (null, a boolean, a number). */
export function isCoreNonText(text: string): boolean {
  return MAY_NOT_BE_TEXT.test(text) && CORE_TAGS.some((tag) => tag.test.test(text));
}

/** A plain scalar's value as the exact parser resolves it; throws `declined` where it would report the value. */
export function resolvePlain(text: string): unknown {
  if (!MAY_NOT_BE_TEXT.test(text)) return text;
  for (const tag of CORE_TAGS) {
    if (!tag.test.test(text)) continue;
    const value = tag.resolve(text, () => {
      throw declined; // the exact parser would report this value
    }, { intAsBigInt: false });
    return isScalar(value) ? value.value : value;
  }
  return text;
}

const SPACE = 0x20;
const HASH = 0x23;
const DASH = 0x2d;
const COLON = 0x3a;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const COMMA = 0x2c;
const OPEN_SEQ = 0x5b;
const CLOSE_SEQ = 0x5d;
const OPEN_MAP = 0x7b;
const CLOSE_MAP = 0x7d;

/** A key kefu's files use: a plain word (the exact parser reads it as that very string), far shorter than its 1024-character limit. */
const KEY = /^[A-Za-z_][A-Za-z0-9_]{0,199}$/;

/** The keys found to be plain words so far (a desk uses a few dozen, over and over). */
const PLAIN_WORDS = new Set<string>();

/** A key the exact parser reads as this very string: a word, not `__proto__`, not null or a boolean. */
function isPlainWord(key: string): boolean {
  if (PLAIN_WORDS.has(key)) return true;
  if (!KEY.test(key) || key === '__proto__' || typeof resolvePlain(key) !== 'string') return false;
  if (PLAIN_WORDS.size < 1000) PLAIN_WORDS.add(key);
  return true;
}

/** A plain scalar's first character that makes it something else: flow, comment, anchor, tag, block scalar, quote, reserved. */
const NOT_PLAIN_START = new Set('[]{},#&*!|>\'"%@`');

/**
 * Whether `plain` (not empty) starts as a plain scalar: not with a flow, comment, anchor,
 * tag, block-scalar, quote or reserved indicator, nor with `-`, `?` or `:` and a space (or
 * nothing after): those start an item, a key or a value.
 */
function startsPlain(plain: string): boolean {
  if (plain === '' || NOT_PLAIN_START.has(plain[0]!)) return false;
  const first = plain.charCodeAt(0);
  return !((first === DASH || first === 0x3f || first === COLON) && (plain.length === 1 || plain.charCodeAt(1) === SPACE));
}

/** An opening bracket, or `: ` / a final `:`, inside a flow plain scalar: nested flow or a pair, left to the others. */
const UNSAFE_IN_FLOW_PLAIN = /[[{]|:(?: |$)/;

/** `: `, ` #` or a flow bracket inside a plain scalar: a mapping, a comment or flow the reader leaves to the others. */
const UNSAFE_IN_PLAIN = /: |\s#|[[\]{}]/;

/**
 * The data of `text` (a whole file, ending in a newline) when it is block YAML of the
 * subset above and a mapping at the top; otherwise undefined.
 */
export function readBlockYaml(text: string): { data: unknown } | undefined {
  const reader = new BlockReader(text);
  try {
    reader.nextLine();
    if (reader.indent !== 0) return undefined;
    const data = reader.mapping(0, 1);
    return reader.atEnd() ? { data } : undefined;
  } catch (error) {
    if (error === declined) return undefined;
    throw error;
  }
}

/**
 * One pass over the lines. `indent` is the current line's indentation (-1 at the end),
 * `start` where its content starts, `end` where it ends (before the newline); blank and
 * comment-only lines are skipped.
 */
class BlockReader {
  indent = -1;
  start = 0;
  end = 0;
  #next = 0;
  /** values read so far, counted as yaml-file.ts counts them: each collection, key, value and item */
  #values = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.indent === -1;
  }

  nextLine(): void {
    const { text } = this;
    while (this.#next < text.length) {
      const lineStart = this.#next;
      let end = text.indexOf('\n', lineStart);
      if (end < 0) end = text.length;
      this.#next = end + 1;
      let i = lineStart;
      while (i < end && text.charCodeAt(i) === SPACE) i++;
      if (i === end || text.charCodeAt(i) === HASH) continue; // blank, or a comment
      this.indent = i - lineStart;
      this.start = i;
      this.end = end;
      return;
    }
    this.indent = -1;
  }

  /** One more value, and a collection `depth` deep: declined beyond the exact parser's limits. */
  count(depth: number): void {
    if (++this.#values > MAX_VALUES || depth > MAX_DEPTH) throw declined;
  }

  /** A block mapping whose keys are at `indent`, `depth` collections deep, from the current line on. */
  mapping(indent: number, depth: number): Record<string, unknown> {
    const { text } = this;
    const out: Record<string, unknown> = {};
    this.count(depth);
    for (;;) {
      const colon = text.indexOf(':', this.start);
      if (colon < 0 || colon >= this.end) throw declined; // not a key line
      const key = text.slice(this.start, colon);
      if (!isPlainWord(key) || Object.hasOwn(out, key)) throw declined;
      this.count(depth); // the key
      let valueStart = colon + 1;
      if (valueStart < this.end && text.charCodeAt(valueStart) !== SPACE) throw declined; // `a:b` is one plain scalar
      while (valueStart < this.end && text.charCodeAt(valueStart) === SPACE) valueStart++;
      if (valueStart === this.end) {
        // `key:` and then a nested block, or nothing (null)
        this.nextLine();
        if (this.indent > indent) out[key] = this.block(this.indent, depth + 1);
        else {
          this.count(depth);
          out[key] = null;
        }
      } else {
        out[key] = this.scalar(valueStart, this.end, depth + 1);
        this.nextLine();
      }
      if (this.indent === indent) {
        if (text.charCodeAt(this.start) === DASH) throw declined; // a sequence item among keys
        continue;
      }
      if (this.indent < indent) return out;
      throw declined; // deeper than a key's value can be: a multi-line scalar, or an error
    }
  }

  /** A block sequence (its items' dashes at `indent`) or mapping at `indent`. */
  block(indent: number, depth: number): unknown {
    return this.text.charCodeAt(this.start) === DASH && this.isItem(this.start) ? this.sequence(indent, depth) : this.mapping(indent, depth);
  }

  /** A dash followed by a space or the end of its line: a sequence item (else a plain scalar like `-5`). */
  isItem(at: number): boolean {
    return at + 1 === this.end || this.text.charCodeAt(at + 1) === SPACE;
  }

  sequence(indent: number, depth: number): unknown[] {
    const { text } = this;
    const out: unknown[] = [];
    this.count(depth);
    for (;;) {
      const lineStart = this.start - indent;
      let content = this.start + 1;
      while (content < this.end && text.charCodeAt(content) === SPACE) content++;
      // an empty item, a comment after the dash, or a sequence in a sequence: left to the others
      if (content === this.end || text.charCodeAt(content) === HASH || (text.charCodeAt(content) === DASH && (content + 1 === this.end || text.charCodeAt(content + 1) === SPACE))) throw declined;
      if (this.startsMapping(content)) {
        // `- key: value`: a mapping whose keys are at the column of `key`
        this.indent = content - lineStart;
        this.start = content;
        out.push(this.mapping(this.indent, depth + 1));
      } else {
        out.push(this.scalar(content, this.end, depth + 1));
        this.nextLine();
      }
      if (this.indent === indent) {
        if (text.charCodeAt(this.start) !== DASH || !this.isItem(this.start)) throw declined; // a key at a sequence's indentation
        continue;
      }
      if (this.indent < indent) return out;
      throw declined;
    }
  }

  /** Whether the content at `at` reads `word:` then a space or the line's end. */
  startsMapping(at: number): boolean {
    const { text } = this;
    // within this line only: a list of items without a colon would otherwise scan on to the next one, file-long each time
    let colon = at;
    while (colon < this.end && text.charCodeAt(colon) !== COLON) colon++;
    if (colon === this.end) return false;
    if (colon + 1 < this.end && text.charCodeAt(colon + 1) !== SPACE) return false;
    return KEY.test(text.slice(at, colon));
  }

  /** A one-line scalar from `from` to `to` (the line's end): quoted or plain — or an empty `[]` or `{}` (`depth` deep). */
  scalar(from: number, to: number, depth: number): unknown {
    const { text } = this;
    while (to > from && text.charCodeAt(to - 1) === SPACE) to--;
    const first = text.charCodeAt(from);
    if (first === OPEN_SEQ || first === OPEN_MAP) {
      // a flow collection that opens and closes on this line: `[a, b]`, `{ k: v, k2: [x] }`
      const flow = new FlowReader(text, from, to, (d) => this.count(d));
      const value = flow.node(depth);
      flow.skipSpaces();
      if (flow.at !== to) throw declined;
      return value;
    }
    this.count(0);
    if (first === DQUOTE) {
      // "…" with no escape and no other quote in it; a comment after it is left to the others
      if (to - from < 2 || text.charCodeAt(to - 1) !== DQUOTE) throw declined;
      const inner = text.slice(from + 1, to - 1);
      if (inner.includes('"') || inner.includes('\\')) throw declined;
      return inner;
    }
    if (first === SQUOTE) {
      // '…' where every quote inside is doubled
      if (to - from < 2 || text.charCodeAt(to - 1) !== SQUOTE) throw declined;
      const inner = text.slice(from + 1, to - 1);
      if (inner.replaceAll("''", '').includes("'")) throw declined; // a lone quote ends the scalar early
      return inner.replaceAll("''", "'");
    }
    const plain = text.slice(from, to);
    if (!startsPlain(plain)) throw declined;
    if (plain.endsWith(':') || UNSAFE_IN_PLAIN.test(plain)) throw declined;
    return resolvePlain(plain);
  }
}

/** In a flow collection, a plain scalar ends at one of these (or the line's end). */
const FLOW_END = /[,\]}]/g;

/**
 * A one-line flow collection, as the SPEC's examples write them: `[clerk]`,
 * `{ item: 对讲机, count: 2 }`, `[ { item: 钥匙, count: 10 } ]`. Keys are plain words;
 * scalars are quoted without escapes or commas, or plain without `#`, brackets or `: `.
 * Anything else (a trailing comma, a pair in a sequence, a comment…) is declined.
 */
class FlowReader {
  constructor(
    private readonly text: string,
    public at: number,
    private readonly end: number,
    private readonly count: (depth: number) => void,
  ) {}

  skipSpaces(): void {
    while (this.at < this.end && this.text.charCodeAt(this.at) === SPACE) this.at++;
  }

  node(depth: number): unknown {
    this.skipSpaces();
    const c = this.text.charCodeAt(this.at);
    if (c === OPEN_SEQ) return this.sequence(depth);
    if (c === OPEN_MAP) return this.mapping(depth);
    this.count(0);
    return this.scalar();
  }

  sequence(depth: number): unknown[] {
    this.count(depth);
    this.at++; // [
    const out: unknown[] = [];
    this.skipSpaces();
    if (this.text.charCodeAt(this.at) === CLOSE_SEQ) {
      this.at++;
      return out;
    }
    for (;;) {
      out.push(this.node(depth + 1));
      this.skipSpaces();
      const c = this.text.charCodeAt(this.at++);
      if (c === CLOSE_SEQ) return out;
      if (c !== COMMA) throw declined;
    }
  }

  mapping(depth: number): Record<string, unknown> {
    this.count(depth);
    this.at++; // {
    const out: Record<string, unknown> = {};
    this.skipSpaces();
    if (this.text.charCodeAt(this.at) === CLOSE_MAP) {
      this.at++;
      return out;
    }
    for (;;) {
      this.skipSpaces();
      const colon = this.text.indexOf(':', this.at);
      if (colon < 0 || colon >= this.end || this.text.charCodeAt(colon + 1) !== SPACE) throw declined;
      const key = this.text.slice(this.at, colon);
      if (!isPlainWord(key) || Object.hasOwn(out, key)) throw declined;
      this.count(depth); // the key
      this.at = colon + 2;
      out[key] = this.node(depth + 1);
      this.skipSpaces();
      const c = this.text.charCodeAt(this.at++);
      if (c === CLOSE_MAP) return out;
      if (c !== COMMA) throw declined;
    }
  }

  /** A quoted or plain scalar, up to the next `,`, `]` or `}`. */
  scalar(): unknown {
    const { text } = this;
    const first = text.charCodeAt(this.at);
    if (first === DQUOTE || first === SQUOTE) {
      const close = text.indexOf(first === DQUOTE ? '"' : "'", this.at + 1);
      if (close < 0 || close >= this.end) throw declined;
      const inner = text.slice(this.at + 1, close);
      // no escapes, no doubled quote, no comma (which would mean the text was cut wrong)
      if (inner.includes('\\') || inner.includes(',') || text.charCodeAt(close + 1) === first) throw declined;
      this.at = close + 1;
      return inner;
    }
    FLOW_END.lastIndex = this.at;
    const stop = FLOW_END.exec(text);
    let to = stop === null || stop.index > this.end ? this.end : stop.index;
    const next = to;
    while (to > this.at && text.charCodeAt(to - 1) === SPACE) to--;
    const plain = text.slice(this.at, to);
    if (!startsPlain(plain) || plain.includes('#') || UNSAFE_IN_FLOW_PLAIN.test(plain)) throw declined;
    this.at = next;
    return resolvePlain(plain);
  }
}
