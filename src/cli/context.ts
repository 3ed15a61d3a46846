// What every command receives: the decisions made once from argv, env and the
// terminal — language, colour, interactivity, "now" — and the streams to write to.
import type { ChalkInstance } from 'chalk';
import type { Lang } from '../diagnostics/catalogue.js';
import { t, type MessageKey } from '../i18n/messages.js';
import { fromLocal } from '../domain/time.js';
import { KefuError } from './errors.js';
import type { Env, Stream } from './terminal.js';

export interface Io {
  stdout: Stream;
  stderr: Stream;
  stdinIsTTY: boolean;
  env: Env;
  cwd: string;
  /** the clock, read once per run */
  now: () => number;
}

export interface CliContext {
  io: Io;
  lang: Lang;
  /** colour decided per stream */
  out: ChalkInstance;
  err: ChalkInstance;
  colorOut: boolean;
  interactive: boolean;
  deskOption?: string;
  asOfOption?: string;
  reveal: boolean;
  debug: boolean;
  /** use the desk's record cache (false with --no-cache) */
  cache: boolean;
  t: (key: MessageKey, params?: Record<string, unknown>) => string;
}

export function makeT(lang: Lang) {
  return (key: MessageKey, params?: Record<string, unknown>) => t(lang, key, params);
}

/**
 * "Now" for this run: --as-of when given, else the clock. A time without an
 * offset is read in the desk's timezone.
 */
export function resolveAsOf(ctx: CliContext, timezone: string): number {
  const raw = ctx.asOfOption;
  if (raw === undefined) return ctx.io.now();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(raw)) {
    const ms = Date.parse(raw);
    if (!Number.isNaN(ms)) return ms;
  }
  const local = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2})?))?$/.exec(raw);
  if (local && !Number.isNaN(Date.parse(local[1]!))) return fromLocal(local[1]!, local[2] ?? '00:00', timezone);
  throw new KefuError('err.asOf', { value: raw });
}

export function checkFormat<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  const v = value ?? fallback;
  if (!(allowed as readonly string[]).includes(v)) throw new KefuError('err.format', { value: v, formats: allowed.join('|') });
  return v as T;
}
