// What a command that reads or writes records needs: the desk found, loaded and
// checked as of "now", and a check of a file as it will be after a write.
import { loadDesk, type LoadResult, type SourceFile } from '../domain/load-desk.js';
import { maskRecordText } from '../domain/privacy.js';
import { deskRootFor } from '../store/desk.js';
import { readDeskSources } from '../store/desk-files.js';
import { ensureMergeDriver } from '../store/git-config.js';
import { resolveAsOf, type CliContext } from './context.js';
import { KefuError } from './errors.js';
import { renderDiagnosticsText } from './render/diagnostics.js';

export interface DeskSession extends LoadResult {
  root: string;
  sources: SourceFile[];
}

export function openDesk(ctx: CliContext): DeskSession {
  const root = deskRootFor(ctx.io.cwd, ctx.deskOption);
  ensureMergeDriver(root); // SPEC §2: a fresh clone gets the merge driver on its first kefu call
  const sources = readDeskSources(root);
  const result = loadDesk(sources, { asOf: (tz) => resolveAsOf(ctx, tz) });
  return { ...result, root, sources };
}

/**
 * Loads the desk as it would be with `path` holding `text`, and refuses (throws,
 * writing nothing) when that file would have any error — SPEC §4: every command
 * that writes validates the whole file it touched.
 */
export function checkFileToBe(ctx: CliContext, session: DeskSession, path: string, text: string): void {
  const sources = session.sources.filter((s) => s.path !== path).concat({ path, bytes: Buffer.from(text, 'utf8') });
  const { diagnostics, files } = loadDesk(sources, { asOf: session.asOf });
  const problems = diagnostics.filter((d) => d.file === path && d.severity === 'error');
  if (problems.length === 0) return;
  throw new KefuError('err.invalidWrite', {}, undefined, 2, renderDiagnosticsText(problems, { textOf: (f) => files.get(f)?.text, ...(ctx.reveal ? {} : { mask: maskRecordText }) }, ctx.lang, ctx.err));
}
