// kefu audit [--staged] — proves from git history that no committed record was changed
// or removed and that every review's digest still matches (SPEC §2 Append-only, §4).
// --staged checks the index against HEAD: the pre-commit hook of `kefu init --hooks`.
import { renderDiagnostic } from '../../diagnostics/diagnostic.js';
import { auditFileHistory, type AuditProblem, type FileHistory, type Revision } from '../../domain/audit.js';
import { deskRootFor } from '../../store/desk.js';
import { repoState } from '../../store/git.js';
import { openDeskRepo, readDeskHistories, readStagedHistories } from '../../store/git-history.js';
import { checkFormat, type CliContext } from '../context.js';
import { EXIT, KefuError } from '../errors.js';
import { renderDiagnosticsText } from '../render/diagnostics.js';
import { maskRecordText } from '../../domain/privacy.js';
import { renderJson, visible } from '../render/terminal-text.js';

export interface AuditOptions {
  format?: string;
  staged?: boolean;
}

/** n + the noun, with the English plural (the zh-CN messages take the bare number). */
function count(ctx: CliContext, n: number, noun: string): string {
  return ctx.lang === 'en' ? `${n} ${noun}${n === 1 ? '' : 's'}` : String(n);
}

export async function runAudit(ctx: CliContext, options: AuditOptions): Promise<number> {
  const format = checkFormat(options.format, ['text', 'json'] as const, 'text');
  const root = deskRootFor(ctx.io.cwd, ctx.deskOption);
  const repo = openDeskRepo(root);
  if (!repo) {
    // a .git that git cannot read because there is no git: say so, as sync does
    if (repoState(root).kind === 'no-git') throw new KefuError('audit.gitNotFound', {}, 'audit.gitNotFound.hint');
    throw new KefuError('audit.notRepo', { root });
  }
  const staged = options.staged === true;

  const started = performance.now();
  const problems: AuditProblem[] = [];
  const commits = new Set<string>();
  let files = 0;
  const histories: Iterable<FileHistory> = staged ? readStagedHistories(repo) : readDeskHistories(repo);
  for (const history of histories) {
    files++;
    for (const c of history.changes) if (c.revision.kind === 'commit') commits.add(c.revision.id);
    problems.push(...auditFileHistory(history));
  }
  if (ctx.debug) ctx.io.stderr.write(`debug: ${root}: audited ${files} files, ${commits.size} commits in ${(performance.now() - started).toFixed(0)} ms\n`);

  if (format === 'json') {
    const list = problems.map((p) => {
      const r = renderDiagnostic(p.diagnostic, ctx.lang);
      return { file: r.file, line: r.line, col: r.col, code: r.code, severity: r.severity, message: ctx.reveal ? r.message : maskRecordText(r.message, r.file), hint: r.hint, ...revisionFields(p.revision) };
    });
    ctx.io.stdout.write(`${renderJson({ ok: problems.length === 0, problems: list })}\n`);
  } else {
    const blocks = problems.map((p) => {
      const [header, ...rest] = renderDiagnosticsText([p.diagnostic], { textOf: () => p.text, ...(ctx.reveal ? {} : { mask: maskRecordText }) }, ctx.lang, ctx.out).split('\n');
      // a commit's author is text too: shown, never obeyed
      return [header, ctx.out.dim(`  ${visible(revisionLine(p.revision, ctx))}`), ...rest].join('\n');
    });
    ctx.io.stdout.write(blocks.join('\n'));
    const params = { files: count(ctx, files, staged ? 'staged record file' : 'record file'), commits: count(ctx, commits.size, 'commit'), problems: count(ctx, problems.length, 'problem') };
    const line = problems.length === 0
      ? ctx.err.green(ctx.t(staged ? 'audit.cleanStaged' : 'audit.clean', params))
      : ctx.t(staged ? 'audit.summaryStaged' : 'audit.summary', params);
    ctx.io.stderr.write(`${line}\n`);
  }
  return problems.length > 0 ? EXIT.findings : EXIT.clean;
}

function revisionFields(revision: Revision | undefined): Record<string, string | boolean> {
  if (!revision) return {};
  if (revision.kind === 'staged') return { staged: true };
  return { commit: revision.id, author: revision.author, date: revision.date };
}

function revisionLine(revision: Revision | undefined, ctx: CliContext): string {
  if (!revision) return ctx.t('audit.head');
  if (revision.kind === 'staged') return ctx.t('audit.staged');
  return `${ctx.t('audit.commit')} ${revision.id.slice(0, 10)}  ${revision.author}  ${revision.date}`;
}
