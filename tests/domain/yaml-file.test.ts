// Reading one record file (src/domain/yaml-file.ts) against hostile input (issue 8): the
// place of every problem, the limits checked before and after parsing, and the helpers
// that must stay linear. No disk: bytes in, findings out.
import { describe, expect, it } from 'vitest';
import { readRecordFileFast } from '../../src/domain/fast-yaml.js';
import { boundStructure, firstInvalidUtf8, locate, MAX_DEPTH, MAX_LINES, MAX_VALUES, parseRecordFile } from '../../src/domain/yaml-file.js';

const PATH = 'workorders/2026/11/WO-20261125-H0ST.yaml';

function read(text: string | Uint8Array) {
  return parseRecordFile(PATH, typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
}

function places(text: string | Uint8Array): string[] {
  return read(text).findings.map((f) => `${f.line}:${f.col} ${f.code}${f.params?.yamlCode ? ` ${String(f.params.yamlCode)}` : ''}`);
}

/** `depth` collections nested in the value of `a` (the root mapping is the first). */
const flowNested = (depth: number) => `a: ${'['.repeat(depth - 1)}x${']'.repeat(depth - 1)}\n`;
const blockNested = (depth: number) => `a:\n  ${'- '.repeat(depth - 1)}x\n`;

describe('positions of what is not text', () => {
  it('a NUL is placed where it is', () => {
    expect(places('id: x\nitem: abc\u0000def\n')).toEqual(['2:10 FILE_ENCODING']);
  });

  it('C0 controls (but tab, LF, CR), DEL, C1 controls (but NEL), U+FFFE and U+FFFF are a syntax error at the character', () => {
    for (const ch of ['\u0001', '\u0007', '\u001b', '\u007f', '\u0080', '\u009b', '\u009f', '\ufffe', '\uffff']) {
      const { findings } = read(`id: x\nitem: ab${ch}cd\n`);
      expect(findings.map((f) => `${f.line}:${f.col} ${f.code}`), JSON.stringify(ch)).toEqual(['2:9 YAML_SYNTAX']);
      expect(findings[0]!.params).toMatchObject({ yamlCode: 'NOT_PRINTABLE', char: `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` });
    }
    for (const ch of ['\t', '\u0085', '\u00a0', '\u2028', '\ufeff', '😀']) {
      expect(places(`id: x\nitem: "ab${ch}cd"\n`), JSON.stringify(ch)).toEqual([]);
    }
  });

  it('invalid UTF-8 is placed at its first byte, after a BOM and multi-byte characters too', () => {
    const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
    expect(places(bytes('id: x\nitem: ', [0xed, 0xa0, 0x80], '\n'))).toEqual(['2:7 FILE_ENCODING']); // a UTF-16 surrogate
    expect(places(bytes('\ufeffid: 长\nitem: 长', [0xe0, 0x80, 0x80], '\n'))).toEqual(['2:8 FILE_ENCODING']); // overlong
    expect(places(bytes('a: ', [0xf4, 0x90, 0x80, 0x80], '\n'))).toEqual(['1:4 FILE_ENCODING']); // beyond U+10FFFF
    expect(places(bytes('a: b', [0xe9, 0x95]))).toEqual(['1:5 TORN_TAIL']); // a character cut by the file's end
    expect(places(bytes('a: b', [0xed, 0xa0]))).toEqual(['1:5 FILE_ENCODING']); // …but never one that could not be completed
  });
});

describe('a torn tail (an append cut off): reported where the file ends, every complete item before it read', () => {
  const day = 'date: 2026-11-25\nlog:\n  - type: entry\n    id: D-1\n  - type: entry\n    id: D-2\n';
  const both = { date: '2026-11-25', log: [{ type: 'entry', id: 'D-1' }, { type: 'entry', id: 'D-2' }] };
  const torn = (tail: string | Buffer) => {
    const { file, findings } = read(Buffer.concat([Buffer.from(day, 'utf8'), typeof tail === 'string' ? Buffer.from(tail, 'utf8') : tail]));
    return { places: findings.map((f) => `${f.line}:${f.col} ${f.code}`), tornFromLine: file.tornFromLine, data: file.data };
  };

  it('cut inside the new item\'s first line, its spaces only too', () => {
    expect(torn('  - type: en')).toEqual({ places: ['7:13 TORN_TAIL'], tornFromLine: 7, data: both });
    expect(torn('  - ')).toEqual({ places: ['7:5 TORN_TAIL'], tornFromLine: 7, data: both });
    expect(torn('  ')).toEqual({ places: ['7:3 TORN_TAIL'], tornFromLine: 7, data: both });
    expect(torn(' ')).toEqual({ places: ['7:2 TORN_TAIL'], tornFromLine: 7, data: both });
  });

  it('cut inside a multi-byte character: placed at that character', () => {
    const cut = Buffer.from('  - type: entry\n    id: 长', 'utf8');
    expect(torn(cut.subarray(0, cut.length - 1))).toEqual({ places: ['8:9 TORN_TAIL'], tornFromLine: 7, data: both });
    expect(torn(cut.subarray(0, cut.length - 2))).toEqual({ places: ['8:9 TORN_TAIL'], tornFromLine: 7, data: both });
    expect(torn(Buffer.from([0xe9]))).toEqual({ places: ['7:1 TORN_TAIL'], tornFromLine: 7, data: both });
  });

  it('cut in the indentation of an item\'s next line: deeper than the `-`, that item is the cut one', () => {
    expect(torn('  - type: entry\n   ')).toEqual({ places: ['8:4 TORN_TAIL'], tornFromLine: 7, data: both });
    // no deeper than the `-`: the spaces could begin a new item, so the item above is read (as a cut at the line break would be)
    expect(torn('  - type: entry\n  ').data).toEqual({ ...both, log: [...both.log, { type: 'entry' }] });
  });

  it('the cut item the list\'s only one: an empty list', () => {
    expect(read('date: 2026-11-25\nlog:\n  - type: en').file.data).toEqual({ date: '2026-11-25', log: [] });
    expect(read('date: 2026-11-25\nlog:\n  ').file.data).toEqual({ date: '2026-11-25', log: [] });
  });
});

describe('firstInvalidUtf8 agrees with the fatal TextDecoder', () => {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const valid = (b: Uint8Array) => {
    try {
      decoder.decode(b);
      return true;
    } catch {
      return false;
    }
  };

  it('on every 1–4 byte sequence around the boundaries of RFC 3629 §4', () => {
    const interesting = [0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff];
    let checked = 0;
    for (const a of interesting) {
      for (const b of interesting) {
        for (const c of [0x80, 0xbf, 0x41]) {
          for (const d of [0x80, 0xbf, 0x41]) {
            const bytes = Uint8Array.of(0x61, a, b, c, d, 0x0a);
            expect(firstInvalidUtf8(bytes) === undefined, Buffer.from(bytes).toString('hex')).toBe(valid(bytes));
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(interesting.length ** 2 * 9);
  });
});

describe('limits (MAX_DEPTH, MAX_VALUES, MAX_LINES)', () => {
  it(`nesting up to ${MAX_DEPTH} is read; one more is a syntax error at the collection beyond — block and flow, by both readers`, () => {
    for (const nested of [flowNested, blockNested]) {
      const ok = read(nested(MAX_DEPTH));
      expect(ok.findings).toEqual([]);
      // js-yaml stops at its own depth of 100 (the fast reader may decline more, never less)
      const fast = readRecordFileFast(Buffer.from(nested(MAX_DEPTH)));
      if (fast) expect(fast.data).toEqual(ok.file.data);
      expect(readRecordFileFast(Buffer.from(nested(MAX_DEPTH - 5)))?.data).toEqual(read(nested(MAX_DEPTH - 5)).file.data);
      const deep = read(nested(MAX_DEPTH + 1));
      expect(deep.findings).toHaveLength(1);
      expect(deep.findings[0]).toMatchObject({ code: 'YAML_SYNTAX', params: { yamlCode: 'NESTING_TOO_DEEP', limit: MAX_DEPTH } });
      expect(readRecordFileFast(Buffer.from(nested(MAX_DEPTH + 1)))).toBeUndefined();
    }
    // the 100th `[` is the 101st collection: column 3 + 99
    expect(places(flowNested(MAX_DEPTH + 1))).toEqual(['1:103 YAML_SYNTAX NESTING_TOO_DEEP']);
  });

  it('10,000 and 100,000 levels never reach the parser: refused by the lexer pass, at the same place', () => {
    for (const depth of [10_000, 100_000]) {
      expect(boundStructure(flowNested(depth))).toEqual({ offset: 3 + MAX_DEPTH - 1, limit: 'NESTING_TOO_DEEP' });
      expect(places(flowNested(depth))).toEqual(['1:103 YAML_SYNTAX NESTING_TOO_DEEP']);
      expect(places(blockNested(depth))).toEqual([`2:${3 + 2 * (MAX_DEPTH - 1)} YAML_SYNTAX NESTING_TOO_DEEP`]);
    }
  });

  it(`${MAX_VALUES} values are read; one more is a syntax error, by both readers`, () => {
    // the root mapping, its key `a`, the list: 3 values, then one per item
    const list = (items: number) => `a:\n${'- 1\n'.repeat(items)}`;
    const ok = read(list(MAX_VALUES - 3));
    expect(ok.findings).toEqual([]);
    expect(readRecordFileFast(Buffer.from(list(MAX_VALUES - 3)))?.data).toEqual(ok.file.data);
    expect(places(list(MAX_VALUES - 2))).toEqual([`${MAX_VALUES - 1}:3 YAML_SYNTAX TOO_MANY_VALUES`]);
    expect(readRecordFileFast(Buffer.from(list(MAX_VALUES - 2)))).toBeUndefined();
    // one line (read exactly only: the fast reader leaves lines of 1,000 characters to it)
    const flow = (items: number) => `a: [${Array(items).fill('1').join(',')}]\n`;
    expect(read(flow(MAX_VALUES - 3)).findings).toEqual([]);
    expect(places(flow(MAX_VALUES - 2))).toEqual([`1:${5 + 2 * (MAX_VALUES - 3)} YAML_SYNTAX TOO_MANY_VALUES`]);
  });

  it(`${MAX_LINES} lines are read; one more is a syntax error at its start, by both readers`, () => {
    const lines = (n: number) => `a: 1\n${'\n'.repeat(n - 1)}`;
    expect(read(lines(MAX_LINES)).findings).toEqual([]);
    expect(readRecordFileFast(Buffer.from(lines(MAX_LINES)))?.data).toEqual({ a: 1 });
    expect(places(lines(MAX_LINES + 1))).toEqual([`${MAX_LINES + 1}:1 YAML_SYNTAX TOO_MANY_LINES`]);
    expect(readRecordFileFast(Buffer.from(lines(MAX_LINES + 1)))).toBeUndefined();
  });

  it('hostile shapes of deep nesting, valid or not, never throw and are never read fast where the exact reader refuses', () => {
    // [shape, indented line by line (its text grows with the square of n)]
    const shapes: [(n: number) => string, boolean][] = [
      [(n) => `${'? '.repeat(n)}x\n`, false],
      [(n) => `${'- ? '.repeat(n)}x\n`, false],
      [(n) => `${'- &a '.repeat(n)}x\n`, false],
      [(n) => `${'- !t '.repeat(n)}x\n`, false],
      [(n) => `${'- [ '.repeat(n)}x${' ]'.repeat(n)}\n`, false],
      [(n) => `a: ${'[{a: '.repeat(n)}1${'}]'.repeat(n)}\n`, false],
      [(n) => `${': '.repeat(n)}x\n`, false],
      [(n) => `a: ${'{'.repeat(n)}\n`, false],
      [(n) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' x\n', true],
      [(n) => Array.from({ length: n }, (_, i) => `${' '.repeat(2 * i)}- k:`).join('\n') + ' x\n', true],
      [(n) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k:\n${' '.repeat(i)}-`).join(' ') + ' x\n', true],
    ];
    for (const [shape, indented] of shapes) {
      for (const n of [MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1, 2 * MAX_DEPTH + 10, 2 * MAX_DEPTH + 11, 3_000, 20_000]) {
        if (indented && n > 3_000) continue;
        const text = shape(n);
        const { file, findings } = read(text);
        const fast = readRecordFileFast(Buffer.from(text));
        if (fast) expect(findings, `${text.slice(0, 40)}… (${n})`).toEqual([]);
        if (fast) expect(fast.data).toEqual(file.data);
      }
    }
  });

  it('the lexer pass never refuses a file within the limits (its bounds are 2× the nesting, 2× and 4× the values)', () => {
    // the densest valid shapes per value: empty flow collections, null values, explicit keys
    const dense = [
      `a: [${Array(Math.floor(MAX_VALUES / 1.2)).fill('{}').join(', ')}]\n`,
      `a: {${Array.from({ length: Math.floor(MAX_VALUES / 2.5) }, (_, i) => `k${i}`).join(', ')}}\n`,
      `a:\n${Array.from({ length: Math.floor(MAX_VALUES / 2.5) }, (_, i) => `  ? k${i}\n  : v\n`).join('')}`,
      `a:\n${'  -\n'.repeat(MAX_VALUES - 3)}`,
    ];
    for (const text of dense) {
      expect(boundStructure(text), text.slice(0, 30)).toBeUndefined();
    }
  });
});

describe('linear where hostile files are large', () => {
  it('duplicate keys are found in one pass: each after the first, at its key, by value', () => {
    expect(places('a: 1\nb: 2\na: 3\n"a": 4\n1: x\n"1": y\n~: n\nnull: m\n.nan: p\n.nan: q\n')).toEqual([
      '3:1 YAML_DUPLICATE_KEY', '4:1 YAML_DUPLICATE_KEY', '8:1 YAML_DUPLICATE_KEY',
    ]);
    expect(read('{a: 1, a: 2}\n').findings.map((f) => [f.code, f.col, f.params?.key])).toEqual([['YAML_DUPLICATE_KEY', 8, 'a']]);
    const keys = 40_000;
    const started = performance.now();
    const { findings } = read(`${Array.from({ length: keys }, (_, i) => `k${i % (keys / 2)}: v\n`).join('')}`);
    expect(findings).toHaveLength(keys / 2);
    expect(findings[0]).toMatchObject({ line: keys / 2 + 1, col: 1, params: { key: 'k0' } });
    // the yaml package's own check took ~4.7 s for 10,000 keys (quadratic)
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('locate finds a key among 40,000 without searching the mapping each time, and a collection used as a key at the key', () => {
    const { file } = read(`${Array.from({ length: 40_000 }, (_, i) => `k${i}: v\n`).join('')}? [a, b]\n: c\n? {k: v}\n: d\n`);
    const started = performance.now();
    for (let i = 0; i < 40_000; i++) expect(locate(file, [`k${i}`], true).line).toBe(i + 1);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(locate(file, ['[ a, b ]'], true)).toEqual({ line: 40_001, col: 3 });
    expect(locate(file, ['{ k: v }'], true)).toEqual({ line: 40_003, col: 3 });
    expect(Object.keys(file.data as object).slice(-2)).toEqual(['[ a, b ]', '{ k: v }']);
  });

  it('390,000 parser errors (`[,,,…]`) take bounded time, and one syntax error is reported (the parser’s own, at the second comma)', () => {
    const started = performance.now();
    expect(places(`a: [${','.repeat(390_000)}]\n`)).toEqual(['1:6 YAML_SYNTAX UNEXPECTED_TOKEN']);
    expect(performance.now() - started).toBeLessThan(8_000);
  });
});
