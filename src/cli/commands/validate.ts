// kefu validate — every file against its schema and the cross-record rules (SPEC §4, §5.5).
import { renderDiagnostic } from '../../diagnostics/diagnostic.js';
import { reportInterruptedAppends } from '../../domain/interrupted-appends.js';
import { maskRecordText } from '../../domain/privacy.js';
import { findInterruptedAppends } from '../../store/append.js';
import { deskRootFor } from '../../store/desk.js';
import { readDeskSources } from '../../store/desk-files.js';
import { ensureMergeDriver } from '../../store/git-config.js';
import { checkFormat, type CliContext } from '../context.js';
import { loadDeskCached } from '../desk-session.js';
import { EXIT } from '../errors.js';
import { renderDiagnosticsText } from '../render/diagnostics.js';
import { renderJson } from '../render/terminal-text.js';

export interface ValidateOptions {
  format?: string;
}

export async function runValidate(ctx: CliContext, options: ValidateOptions): Promise<number> {
  const format = checkFormat(options.format, ['text', 'json'] as const, 'text');
  const root = deskRootFor(ctx.io.cwd, ctx.deskOption);
  ensureMergeDriver(root); // SPEC §2: every command that touches a desk
  const started = performance.now();
  const sources = readDeskSources(root, { lazy: true });
  const read = performance.now();
  const loaded = loadDeskCached(ctx, root, sources).result;
  const { files, reading } = loaded;
  // an append cut at a line break can read as a shorter, valid item: kefu's note of it tells
  const diagnostics = reportInterruptedAppends(loaded.diagnostics, findInterruptedAppends(root, { readOnly: true }));
  if (ctx.debug) {
    ctx.io.stderr.write(`debug: ${root}: listed ${sources.length} files in ${(read - started).toFixed(0)} ms, read, loaded and checked in ${(performance.now() - read).toFixed(0)} ms (${reading.cached} from the cache, ${reading.fast} read fast, ${reading.exact} read exactly, ${reading.reread} re-read for positions${reading.fellBack ? ', then all read exactly' : ''})\n`);
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;

  if (format === 'json') {
    const problems = diagnostics.map((d) => {
      const r = renderDiagnostic(d, ctx.lang);
      return { file: r.file, line: r.line, col: r.col, code: r.code, severity: r.severity, message: ctx.reveal ? r.message : maskRecordText(r.message, r.file), hint: r.hint };
    });
    ctx.io.stdout.write(`${renderJson({ ok: errors === 0, problems })}\n`);
  } else {
    ctx.io.stdout.write(renderDiagnosticsText(diagnostics, { textOf: (f) => files.get(f)?.text, ...(ctx.reveal ? {} : { mask: maskRecordText }) }, ctx.lang, ctx.out));
    const summary = diagnostics.length === 0
      ? ctx.err.green(ctx.t('validate.clean', { files: sources.length }))
      : ctx.t('validate.summary', { files: sources.length, errors, warnings, errorsPlural: errors === 1 ? '' : 's', warningsPlural: warnings === 1 ? '' : 's' });
    ctx.io.stderr.write(`${summary}\n`);
  }
  return errors > 0 ? EXIT.findings : EXIT.clean;
}
