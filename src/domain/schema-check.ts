// Turning zod issues into findings with kefu's codes and plain-language params.
// Positions come later, from the YAML tree (see yaml-file.ts `locate`).
import type { z } from 'zod';
import type { Code } from '../diagnostics/catalogue.js';
import type { Finding, Params, Path } from '../diagnostics/diagnostic.js';
import { FORMAT_NAMES } from './records/common.js';

export type SchemaResult<T> = { ok: true; data: T; findings: [] } | { ok: false; findings: Finding[]; issues: z.core.$ZodIssue[] };

export function checkSchema<T>(schema: z.ZodType<T>, raw: unknown, file: string): SchemaResult<T> {
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, data: r.data, findings: [] };
  // One field, one problem: a huge integer is both unsafe and over the maximum, say it once.
  const seen = new Set<string>();
  const bySpecificity = [...r.error.issues].sort((a, b) => Number(isSafeIntBound(a)) - Number(isSafeIntBound(b)));
  const first = bySpecificity.filter((i) => {
    const key = JSON.stringify(i.path.map(String)) + (i.code === 'unrecognized_keys' ? '#keys' : '');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { ok: false, issues: r.error.issues, findings: first.flatMap((i) => issueToFindings(i, raw, file)) };
}

/** zod's own "within the safe integer range" bound says less than the schema's maximum. */
function isSafeIntBound(issue: z.core.$ZodIssue): boolean {
  return (issue.code === 'too_big' || issue.code === 'too_small') && issue.origin === 'int';
}

function valueAt(raw: unknown, path: Path): { found: boolean; value: unknown } {
  let v: unknown = raw;
  for (const seg of path) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, seg)) return { found: false, value: undefined };
    v = (v as Record<string | number, unknown>)[seg];
  }
  return { found: true, value: v };
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v); // .nan, .inf
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function show(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/** Text written bare is read as a number or true/false: that is worth saying. */
function adviceFor(expected: string, value: unknown): string {
  if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return 'advice-quote';
  if (expected === 'boolean') return 'advice-boolean';
  return 'advice-none';
}

function lastKey(path: Path): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return '';
}

export function issueToFindings(issue: z.core.$ZodIssue, raw: unknown, file: string): Finding[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const here = valueAt(raw, path);
  const f = (code: Code, params: Params = {}, at: Path = path, key = false): Finding => ({ code, file, path: at, key, params });
  if (!here.found && path.length > 0 && issue.code !== 'unrecognized_keys' && issue.code !== 'custom') {
    return [f('SCHEMA_REQUIRED', { key: lastKey(path) })];
  }
  switch (issue.code) {
    case 'invalid_type':
      if (!here.found) return [f('SCHEMA_REQUIRED', { key: lastKey(path) })];
      // `action:` with nothing after it is an empty field, not a type puzzle
      if (here.value === null && issue.expected !== 'array' && issue.expected !== 'object') return [f('SCHEMA_EMPTY', { key: lastKey(path) }, path, true)];
      return [f('SCHEMA_TYPE', { expected: issue.expected, actual: typeName(here.value), advice: adviceFor(issue.expected, here.value) })];
    case 'unrecognized_keys':
      return issue.keys.map((k) => f('SCHEMA_UNKNOWN_KEY', { key: k }, [...path, k], true));
    case 'invalid_value':
      return [f('SCHEMA_ENUM', { actual: show(here.value), values: issue.values.map(String).join(', ') })];
    case 'invalid_union': {
      const u = issue as z.core.$ZodIssueInvalidUnion & { discriminator?: string; options?: unknown[] };
      if (u.discriminator) {
        if (!here.found) return [f('SCHEMA_REQUIRED', { key: u.discriminator })];
        return [f('SCHEMA_ENUM', { actual: show(here.value), values: (u.options ?? []).map(String).join(', ') })];
      }
      return [f('SCHEMA_INVALID', { detail: issue.message })];
    }
    case 'invalid_format': {
      const known = FORMAT_NAMES.get(issue.format === 'regex' ? String(issue.pattern) : issue.format);
      return [f('SCHEMA_FORMAT', { actual: show(here.value), format: known?.format ?? issue.format, example: known?.example ?? '' })];
    }
    case 'too_small':
      if ((issue.origin === 'string' || issue.origin === 'array') && Number(issue.minimum) === 1) return [f('SCHEMA_EMPTY', { key: lastKey(path) })];
      return [f('SCHEMA_RANGE', { actual: show(here.value), range: `${issue.inclusive === false ? '>' : '≥'} ${String(issue.minimum)}` })];
    case 'too_big':
      return [f('SCHEMA_RANGE', { actual: show(here.value), range: `${issue.inclusive === false ? '<' : '≤'} ${String(issue.maximum)}` })];
    case 'custom': {
      const params = (issue.params ?? {}) as Record<string, string | number>;
      const { kefu, ...rest } = params;
      if (typeof kefu === 'string') return [f(kefu as Code, rest)];
      return [f('SCHEMA_INVALID', { detail: issue.message })];
    }
    default:
      return [f('SCHEMA_INVALID', { detail: issue.message })];
  }
}
