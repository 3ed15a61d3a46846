// What a command that reads or writes records needs: the desk found, loaded and
// checked as of "now", and a check of a file as it will be after a write.
import { loadDesk, type LoadResult, type SourceFile } from '../domain/load-desk.js';
import { maskRecordText } from '../domain/privacy.js';
import { openRecordCache, type DeskRecordCache } from '../store/cache.js';
import { deskRootFor } from '../store/desk.js';
import { readDeskSources } from '../store/desk-files.js';
import { ensureMergeDriver } from '../store/git-config.js';
import { resolveAsOf, type CliContext } from './context.js';
import { KefuError } from './errors.js';
import { renderDiagnosticsText } from './render/diagnostics.js';

export interface DeskSession extends LoadResult {
  root: string;
  sources: SourceFile[];
  /** the desk's record cache, unless --no-cache (or the desk is not a git repository) */
  cache?: DeskRecordCache;
}

export function openDesk(ctx: CliContext): DeskSession {
  const root = deskRootFor(ctx.io.cwd, ctx.deskOption);
  ensureMergeDriver(root); // SPEC §2: a fresh clone gets the merge driver on its first kefu call
  const sources = readDeskSources(root);
  const { result, cache } = loadDeskCached(ctx, root, sources);
  return { ...result, root, sources, ...(cache ? { cache } : {}) };
}

/**
 * Loads the whole desk with its record cache (issue 7: only new or changed files are
 * parsed), then saves what changed in the cache. `--no-cache` reads every file.
 */
export function loadDeskCached(ctx: CliContext, root: string, sources: SourceFile[]): { result: LoadResult; cache?: DeskRecordCache } {
  const cache = ctx.cache ? openRecordCache(root) : undefined;
  const result = loadDesk(sources, { asOf: (tz) => resolveAsOf(ctx, tz), ...(cache ? { cache } : {}) });
  cache?.save();
  return { result, ...(cache ? { cache } : {}) };
}

/**
 * Loads the desk as it would be with `path` holding `text`, and refuses (throws,
 * writing nothing) when that file would have any error — SPEC §4: every command
 * that writes validates the whole file it touched.
 */
export function checkFileToBe(ctx: CliContext, session: DeskSession, path: string, text: string): void {
  const sources = session.sources.filter((s) => s.path !== path).concat({ path, bytes: Buffer.from(text, 'utf8') });
  const { diagnostics, files } = loadDesk(sources, { asOf: session.asOf, ...(session.cache ? { cache: session.cache } : {}) });
  const problems = diagnostics.filter((d) => d.file === path && d.severity === 'error');
  if (problems.length === 0) return;
  throw new KefuError('err.invalidWrite', {}, undefined, 2, renderDiagnosticsText(problems, { textOf: (f) => files.get(f)?.text, ...(ctx.reveal ? {} : { mask: maskRecordText }) }, ctx.lang, ctx.err));
}
