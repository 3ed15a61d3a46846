// Random values of a zod schema, read from the schema's own definition (zod 4 `_zod.def`),
// so that the property tests cover every field kefu's record schemas have — and any field
// added later — without a hand-written generator per kind. Strings that a regex or an ISO
// format constrains match it; free text is anything a clerk could type or paste: CJK,
// emoji, quotes, `: `, `#`, leading dashes, words YAML 1.1 reads as booleans or numbers,
// line breaks, tabs and control characters.
import fc from 'fast-check';
import type { z } from 'zod';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string>;
  values?: unknown[];
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  checks?: { _zod: { def: CheckDef } }[];
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
}

interface CheckDef {
  check: string;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Text that YAML writers get wrong: each must come back as the same string. */
const TRICKY = [
  'no', 'yes', 'on', 'off', 'y', 'n', 'true', 'False', 'null', '~', '', ' ', '08:30', '1:30', '0x1A', '0o17', '012', '1e3', '.inf', '-.nan',
  '2026-11-25', '2026-11-25T09:00:00+08:00', '- item', '? key', ': value', 'a: b', 'a #b', '#comment', '"quoted"', "'single'", '[flow]', '{map}',
  '&anchor', '*alias', '!tag', '%YAML', '@at', '`tick`', '|', '>', '---', '...', '<<', '__proto__', 'constructor', '\\', 'line\nbreak', 'trailing\n',
  '\ttab', 'nbsp\u00a0', 'nel\u0085', 'ls\u2028', 'bom\ufeff', 'esc\u001b[2J', 'bell\u0007', '厨房水龙头漏水', '李先生', '😀 emoji', 'é́', '  lead', 'trail  ',
];

export const freeText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: 30, unit: 'binary' }) },
  { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 20, unit: 'grapheme' }) },
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...TRICKY), { minLength: 1, maxLength: 3 }).map((parts) => parts.join('')) },
).filter((s) => s.length > 0 && !/[\ud800-\udfff]/.test(s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')));

const YEAR_MS = 365.25 * 86_400_000;
const OFFSETS = ['+08:00', 'Z', '-05:00', '+05:45', '+00:00', '-09:30', '+14:00'];

/** An ISO instant with an offset, as kefu writes them (and as clerks type them). */
export const isoInstant: fc.Arbitrary<string> = fc.record({
  t: fc.integer({ min: Date.UTC(2020, 0, 1) / 1000, max: (Date.UTC(2020, 0, 1) + 10 * YEAR_MS) / 1000 }),
  offset: fc.constantFrom(...OFFSETS),
}).map(({ t, offset }) => {
  const minutes = offset === 'Z' ? 0 : (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  return `${new Date(t * 1000 + minutes * 60_000).toISOString().slice(0, 19)}${offset}`;
});

export const isoDate: fc.Arbitrary<string> = fc.integer({ min: 0, max: 3650 }).map((d) => new Date(Date.UTC(2020, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));

function stringArbitrary(def: Def): fc.Arbitrary<string> {
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  const regex = checks.find((c) => c.check === 'string_format' && c.format === 'regex')?.pattern ?? (def.format === 'regex' ? def.pattern : undefined);
  if (def.format === 'datetime') return isoInstant;
  if (def.format === 'date') return isoDate;
  if (regex) return fc.stringMatching(regex);
  const min = checks.find((c) => c.check === 'min_length')?.minimum ?? 0;
  return min > 0 ? freeText : fc.oneof(freeText, fc.constant(''));
}

function numberArbitrary(def: Def): fc.Arbitrary<number> {
  let min = -1e6;
  let max = 1e6;
  for (const { _zod: { def: c } } of def.checks ?? []) {
    if (c.check === 'greater_than' && c.value !== undefined) min = c.value + (c.inclusive ? 0 : 1e-9);
    if (c.check === 'less_than' && c.value !== undefined) max = c.value - (c.inclusive ? 0 : 1e-9);
  }
  const isInt = def.format === 'safeint' || def.format === 'int32' || (def.checks ?? []).some((c) => c._zod.def.format === 'safeint');
  if (isInt) return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
  return fc.oneof(fc.integer({ min: Math.ceil(min), max: Math.floor(max) }), fc.double({ min, max, noNaN: true, noDefaultInfinity: true }));
}

/** Free-form data under `notes:`: JSON-like values, keys included, small. */
const notesValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, freeText, fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(freeText, tie('value'), { maxKeys: 3 })),
})).value;

/** An arbitrary of values the schema accepts (before its refinements: filter with safeParse). */
export function arbitraryOf(schema: z.ZodType, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const fields: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, field] of Object.entries(def.shape ?? {})) fields[key] = key === 'notes' ? fc.option(notesValue, { nil: undefined }) : arbitraryOf(field, depth + 1);
      return fc.record(fields).map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
    }
    case 'optional':
      return fc.option(arbitraryOf(def.innerType!, depth), { nil: undefined, freq: 3 });
    case 'string':
      return stringArbitrary(def);
    case 'number':
      return numberArbitrary(def);
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries!));
    case 'literal':
      return fc.constantFrom(...def.values!);
    case 'array': {
      const min = (def.checks ?? []).find((c) => c._zod.def.check === 'min_length')?._zod.def.minimum ?? 0;
      return fc.array(arbitraryOf(def.element!, depth + 1), { minLength: min, maxLength: depth === 0 ? 6 : 3 });
    }
    case 'union':
      return fc.oneof(...def.options!.map((o) => arbitraryOf(o, depth)));
    case 'record':
      return fc.dictionary(arbitraryOf(def.keyType!, depth + 1) as fc.Arbitrary<string>, arbitraryOf(def.valueType!, depth + 1), { maxKeys: 3 });
    case 'unknown':
      return notesValue;
    default:
      throw new Error(`zod-arbitrary: no generator for zod type ${def.type}`);
  }
}
