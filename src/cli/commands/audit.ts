// kefu audit [--staged] — proves from git history that no committed record was changed
// or removed and that every review's digest still matches (SPEC §2 Append-only, §4).
// --staged checks the index against HEAD: the pre-commit hook of `kefu init --hooks`.
import type { Lang } from '../../diagnostics/catalogue.js';
import { renderDiagnostic } from '../../diagnostics/diagnostic.js';
import { auditFileHistory, type AuditProblem, type FileHistory, type Revision } from '../../domain/audit.js';
import { deskRootFor } from '../../store/desk.js';
import { openDeskRepo, readDeskHistories, readStagedHistories } from '../../store/git-history.js';
import { checkFormat, type CliContext } from '../context.js';
import { EXIT, KefuError } from '../errors.js';
import { renderDiagnosticsText } from '../render/diagnostics.js';

export interface AuditOptions {
  format?: string;
  staged?: boolean;
}

// TODO(i18n): these belong in src/i18n/messages.ts (left to its owner in this change).
const WORDS: Record<Lang, {
  notRepo: (root: string) => string;
  commit: string;
  staged: string;
  head: string;
  clean: (files: number, commits: number, staged: boolean) => string;
  summary: (problems: number, files: number, commits: number, staged: boolean) => string;
}> = {
  en: {
    notRepo: (root) => `${root} is not in a git repository: kefu audit reads the desk's git history, and there is none.`,
    commit: 'commit',
    staged: 'staged, not yet committed',
    head: 'at HEAD',
    clean: (files, commits, staged) => (staged ? `${plural(files, 'staged record file')} checked, no problems.` : `${plural(files, 'record file')} in ${plural(commits, 'commit')} checked, no problems.`),
    summary: (problems, files, commits, staged) =>
      `${plural(problems, 'problem')} in ${staged ? plural(files, 'staged record file') : `${plural(files, 'record file')}, ${plural(commits, 'commit')}`}.`,
  },
  'zh-CN': {
    notRepo: (root) => `${root} 不在 git 仓库中：kefu audit 依据台账的 git 历史审计，而这里没有历史。`,
    commit: '提交',
    staged: '已暂存，尚未提交',
    head: 'HEAD 中的版本',
    clean: (files, commits, staged) => (staged ? `已检查 ${files} 个已暂存的记录文件，没有问题。` : `已检查 ${commits} 个提交中的 ${files} 个记录文件，没有问题。`),
    summary: (problems, files, commits, staged) => `发现 ${problems} 个问题（${staged ? `${files} 个已暂存的记录文件` : `${files} 个记录文件，${commits} 个提交`}）。`,
  },
};

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export async function runAudit(ctx: CliContext, options: AuditOptions): Promise<number> {
  const format = checkFormat(options.format, ['text', 'json'] as const, 'text');
  const words = WORDS[ctx.lang];
  const root = deskRootFor(ctx.io.cwd, ctx.deskOption);
  const repo = openDeskRepo(root);
  if (!repo) throw new KefuError('err.usage', { detail: words.notRepo(root) });
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
      return { file: r.file, line: r.line, col: r.col, code: r.code, severity: r.severity, message: r.message, hint: r.hint, ...revisionFields(p.revision) };
    });
    ctx.io.stdout.write(`${JSON.stringify({ ok: problems.length === 0, problems: list }, null, 2)}\n`);
  } else {
    const blocks = problems.map((p) => {
      const [header, ...rest] = renderDiagnosticsText([p.diagnostic], { textOf: () => p.text }, ctx.lang, ctx.out).split('\n');
      return [header, ctx.out.dim(`  ${revisionLine(p.revision, words)}`), ...rest].join('\n');
    });
    ctx.io.stdout.write(blocks.join('\n'));
    ctx.io.stderr.write(`${problems.length === 0 ? ctx.err.green(words.clean(files, commits.size, staged)) : words.summary(problems.length, files, commits.size, staged)}\n`);
  }
  return problems.length > 0 ? EXIT.findings : EXIT.clean;
}

function revisionFields(revision: Revision | undefined): Record<string, string | boolean> {
  if (!revision) return {};
  if (revision.kind === 'staged') return { staged: true };
  return { commit: revision.id, author: revision.author, date: revision.date };
}

function revisionLine(revision: Revision | undefined, words: (typeof WORDS)[Lang]): string {
  if (!revision) return words.head;
  if (revision.kind === 'staged') return words.staged;
  return `${words.commit} ${revision.id.slice(0, 10)}  ${revision.author}  ${revision.date}`;
}
