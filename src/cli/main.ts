// The table of commands and the one error boundary (STYLE.md; changesets cli.ts).
// Each command's module is imported only when it runs, so --help stays fast.
import { Command, CommanderError, Help, Option } from 'commander';
import { readFileSync } from 'node:fs';
import type { Lang } from '../diagnostics/catalogue.js';
import { langFromLocale, type MessageKey } from '../i18n/messages.js';
import { makeT, type CliContext, type Io } from './context.js';
import { EXIT, Interrupted, KefuError } from './errors.js';
import type { DutyCorrectFlags, DutyHandoverFlags, DutyLogFlags, DutyReviewFlags, DutyShowFlags, DutyUpdateFlags } from './commands/duty.js';
import type { StaffAddFlags } from './commands/staff.js';
import type { ComplaintAction, ComplaintEventFlags, ComplaintListFlags, ComplaintNewFlags } from './commands/complaint.js';
import { chalkFor, decideColor, decideInteractive } from './terminal.js';
import { visibleLines } from './render/terminal-text.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

function defaultIo(): Io {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdinIsTTY: process.stdin.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
    now: () => Date.now(),
  };
}

/** --lang first, then the locale variables, then zh-CN (SPEC §4). */
function pickLang(argv: string[], env: Io['env']): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (i >= 0) {
    const value = argv[i]!.includes('=') ? argv[i]!.slice('--lang='.length) : argv[i + 1];
    if (value === 'zh-CN' || value === 'en') return value;
  }
  return langFromLocale(env.LC_ALL) ?? langFromLocale(env.LC_MESSAGES) ?? langFromLocale(env.LANG) ?? 'zh-CN';
}

const ZH_HEADINGS: [RegExp, string][] = [
  [/^Usage:/gm, '用法：'],
  [/^Options:/gm, '选项：'],
  [/^Commands:/gm, '命令：'],
  [/^Arguments:/gm, '参数：'],
  [/^Global Options:/gm, '全局选项：'],
  [/\(default: /g, '（默认：'],
  [/\(choices: /g, '（可选：'],
  // only on the usage line: elsewhere the column layout was computed with the English widths
  [/^(用法：.*)\[options\]/m, '$1[选项]'],
  [/^(用法：.*)\[command\]/m, '$1[命令]'],
];

export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  const lang = pickLang(argv, io.env);
  const t = makeT(lang);
  const noColor = argv.includes('--no-color');
  const debug = argv.includes('--debug');
  const ctxBase = {
    io,
    lang,
    t,
    out: chalkFor(decideColor(io.stdout, io.env, noColor)),
    err: chalkFor(decideColor(io.stderr, io.env, noColor)),
    colorOut: decideColor(io.stdout, io.env, noColor),
    debug,
  };
  let exitCode: number = EXIT.clean;
  const langArg = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (langArg >= 0) {
    const value = argv[langArg]!.includes('=') ? argv[langArg]!.slice('--lang='.length) : argv[langArg + 1];
    if (value !== lang) return reportFailure(new KefuError('err.lang', { value: value ?? '' }), ctxBase);
  }

  const program = new Command('kefu');
  program
    .description(t('program.description'))
    .version(VERSION, '-V, --version', t('opt.version'))
    .helpOption('-h, --help', t('opt.help'))
    .helpCommand('help [command]', t('cmd.help'))
    .option('-C, --desk <dir>', t('opt.desk'))
    .option('--lang <lang>', t('opt.lang'))
    .option('--as-of <time>', t('opt.asOf'))
    .option('--no-color', t('opt.noColor'))
    .option('--no-input', t('opt.noInput'))
    .option('--reveal', t('opt.reveal'))
    .option('--debug', t('opt.debug'))
    .option('--no-cache', t('opt.noCache'))
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: () => {}, // the error boundary below says it, in the user's language
    });
  if (lang === 'zh-CN') {
    program.configureHelp({
      formatHelp: (cmd, helper) => ZH_HEADINGS.reduce((text, [re, zh]) => text.replace(re, zh), Help.prototype.formatHelp.call(helper, cmd, helper)).replace(/\)$/gm, '）'),
    });
  }

  /** Builds the context from the parsed global options and runs a lazily loaded command. */
  const run = <A extends unknown[]>(load: (ctx: CliContext, ...args: A) => Promise<number>) => async (...args: unknown[]) => {
    const cmd = args[args.length - 1] as Command;
    const g = cmd.optsWithGlobals<{ desk?: string; asOf?: string; input: boolean; reveal?: boolean; cache: boolean }>();
    const ctx: CliContext = {
      ...ctxBase,
      interactive: decideInteractive(io.stdinIsTTY, io.stdout.isTTY === true, io.env, g.input === false),
      ...(g.desk !== undefined ? { deskOption: g.desk } : {}),
      ...(g.asOf !== undefined ? { asOfOption: g.asOf } : {}),
      reveal: g.reveal === true,
      cache: g.cache !== false,
    };
    exitCode = await load(ctx, ...(args.slice(0, -1) as A));
  };
  const formatOption = (formats: string[], fallback: string) =>
    new Option('--format <format>', t('opt.format', { formats: formats.join('|') })).default(fallback);

  program
    .command('validate')
    .description(t('cmd.validate'))
    .addOption(formatOption(['text', 'json'], 'text'))
    .action(run(async (ctx, opts: { format: string }) => (await import('./commands/validate.js')).runValidate(ctx, opts)));

  program
    .command('init [dir]')
    .description(t('cmd.init'))
    .requiredOption('--property <name>', t('cmd.init.property'))
    .addOption(new Option('--profile <profile>', t('cmd.init.profile')).choices(['residential', 'office']).default('residential'))
    .option('--no-commit', t('cmd.staff.add.noCommit'))
    .option('--hooks', t('opt.hooks'))
    .action(run(async (ctx, dir: string | undefined, opts: { property: string; profile: 'residential' | 'office'; commit: boolean; hooks?: boolean }) =>
      (await import('./commands/init.js')).runInit(ctx, { dir, ...opts })));

  const staff = program.command('staff').description(t('cmd.staff'));
  staff
    .command('list')
    .description(t('cmd.staff.list'))
    .addOption(formatOption(['table', 'json'], 'table'))
    .action(run(async (ctx, opts: { format: string }) => (await import('./commands/staff.js')).runStaffList(ctx, opts)));
  staff
    .command('add')
    .description(t('cmd.staff.add'))
    .option('--id <id>', t('cmd.staff.add.id'))
    .option('--name <name>', t('cmd.staff.add.name'))
    .option('--roles <roles>', t('cmd.staff.add.roles', { roles: 'supervisor,clerk,maintenance,lobby,cleaner,manager,team_lead' }))
    .option('--phone <phone>', t('cmd.staff.add.phone'))
    .option('--no-commit', t('cmd.staff.add.noCommit'))
    .action(run(async (ctx, opts: StaffAddFlags) => (await import('./commands/staff.js')).runStaffAdd(ctx, opts)));

  const collect = (value: string, previous: string[] = []) => [...previous, value];
  const duty = program.command('duty').description(t('cmd.duty'));
  duty
    .command('log')
    .description(t('cmd.duty.log'))
    .option('--at <time>', t('opt.at'))
    .option('--by <staff>', t('opt.by'))
    .option('--kind <kind>', 'consult|help|repair|complaint|suggestion|incident|emergency|notice|other')
    .option('--channel <channel>', 'phone|visit|patrol|letter|email|wechat|intercom|other')
    .option('--unit <unit>', t('prompt.duty.unit'))
    .option('--name <name>', t('prompt.duty.name'))
    .option('--phone <phone>', t('prompt.duty.phone'))
    .option('--content <text>', t('prompt.duty.content'))
    .option('--action <text>', t('prompt.duty.action'))
    .option('--referred-to <dept>', 'referred_to')
    .option('--important', t('opt.important'))
    .option('--notified <staff>', t('prompt.duty.notified'))
    .option('--link <id>', 'TS-… / WO-…', collect)
    .option('--shift <shift>', t('opt.shift'))
    .option('--status <status>', 'open|done')
    .option('--no-commit', t('opt.noCommit'))
    .action(run(async (ctx, opts: DutyLogFlags) => (await import('./commands/duty.js')).runDutyLog(ctx, opts)));
  duty
    .command('update')
    .description(t('cmd.duty.update'))
    .option('--entry <id>', t('opt.entry'))
    .option('--at <time>', t('opt.at'))
    .option('--by <staff>', t('opt.by'))
    .option('--status <status>', 'open|done')
    .option('--note <text>', t('opt.update.note'))
    .option('--link <id>', 'TS-… / WO-…', collect)
    .option('--no-commit', t('opt.noCommit'))
    .action(run(async (ctx, opts: DutyUpdateFlags) => (await import('./commands/duty.js')).runDutyUpdate(ctx, opts)));
  duty
    .command('correct')
    .description(t('cmd.duty.correct'))
    .option('--entry <id>', t('opt.entry'))
    .option('--reason <text>', t('prompt.duty.reason'))
    .option('--at <time>', t('opt.at'))
    .option('--by <staff>', t('opt.by'))
    .option('--set-at <time>', 'at')
    .option('--set-by <staff>', 'by')
    .option('--kind <kind>', 'kind')
    .option('--channel <channel>', 'channel')
    .option('--unit <unit>', 'from.unit')
    .option('--name <name>', 'from.name')
    .option('--phone <phone>', 'from.phone')
    .option('--content <text>', 'content')
    .option('--action <text>', 'action')
    .option('--referred-to <dept>', 'referred_to')
    .option('--important', t('opt.important'))
    .option('--notified <staff>', 'notified')
    .option('--shift <shift>', 'shift')
    .option('--no-commit', t('opt.noCommit'))
    .action(run(async (ctx, opts: DutyCorrectFlags) => (await import('./commands/duty.js')).runDutyCorrect(ctx, opts)));
  duty
    .command('handover')
    .description(t('cmd.duty.handover'))
    .option('--at <time>', t('opt.at'))
    .option('--from <staff>', t('prompt.handover.from'))
    .option('--to <staff>', t('prompt.handover.to'))
    .option('--shift <shift>', t('opt.shift'))
    .option('--count <item=n>', t('opt.handover.count'), collect)
    .option('--all-present', t('opt.handover.allPresent'))
    .option('--note <item=text>', t('opt.handover.note'), collect)
    .option('--anomalies <text>', t('opt.handover.anomalies'))
    .option('--override-by <supervisor>', t('opt.handover.overrideBy'))
    .option('--reason <text>', t('opt.handover.reason'))
    .option('--to-workorder <entry>', t('opt.handover.toWorkorder'), collect)
    .option('--to-complaint <entry=severity:category>', t('opt.handover.toComplaint'), collect)
    .option('--no-commit', t('opt.noCommit'))
    .action(run(async (ctx, opts: DutyHandoverFlags) => (await import('./commands/duty.js')).runDutyHandover(ctx, opts)));
  duty
    .command('review')
    .description(t('cmd.duty.review'))
    .option('--date <date>', t('opt.review.date'))
    .option('--at <time>', t('opt.at'))
    .option('--by <supervisor>', t('opt.review.by'))
    .option('--comment <text>', t('opt.review.comment'))
    .option('--no-commit', t('opt.noCommit'))
    .action(run(async (ctx, opts: DutyReviewFlags) => (await import('./commands/duty.js')).runDutyReview(ctx, opts)));
  duty
    .command('show')
    .description(t('cmd.duty.show'))
    .option('--date <date>', 'YYYY-MM-DD')
    .addOption(formatOption(['table', 'json', 'md'], 'table'))
    .action(run(async (ctx, opts: DutyShowFlags) => (await import('./commands/duty.js')).runDutyShow(ctx, opts)));

  program
    .command('merge-driver <base> <ours> <theirs>')
    .description(t('cmd.mergeDriver'))
    .option('--path <path>', t('opt.mergePath'))
    .action(run(async (ctx, base: string, ours: string, theirs: string, opts: { path?: string }) =>
      (await import('./commands/merge-driver.js')).runMergeDriver(ctx, { base, ours, theirs, ...opts })));

  program
    .command('sync')
    .description(t('cmd.sync'))
    .option('--no-push', t('cmd.sync.noPush'))
    .action(run(async (ctx, opts: { push?: boolean }) => (await import('./commands/sync.js')).runSync(ctx, opts)));

  program
    .command('audit')
    .description(t('cmd.audit'))
    .addOption(formatOption(['text', 'json'], 'text'))
    .option('--staged', t('cmd.audit.staged'))
    .action(run(async (ctx, opts: { format?: string; staged?: boolean }) => (await import('./commands/audit.js')).runAudit(ctx, opts)));

  const report = program.command('report').description(t('cmd.report'));
  report
    .command('overdue')
    .description(t('cmd.report.overdue'))
    .addOption(formatOption(['text', 'json', 'csv', 'md'], 'text'))
    .option('--fail-on-overdue', t('report.failOnOverdue'))
    .action(run(async (ctx, opts: { format?: string; failOnOverdue?: boolean }) => (await import('./commands/report.js')).runReportOverdue(ctx, opts)));
  report
    .command('kpi')
    .description(t('cmd.report.kpi'))
    .option('--month <month>', t('opt.kpi.month'))
    .option('--quarter <quarter>', t('opt.kpi.quarter'))
    .option('--by <breakdown>', t('opt.kpi.by'))
    .addOption(formatOption(['table', 'json', 'csv', 'md', 'html'], 'table'))
    .action(run(async (ctx, opts: import('./commands/report-kpi.js').ReportKpiFlags) => (await import('./commands/report-kpi.js')).runReportKpi(ctx, opts)));
  report
    .command('analysis')
    .description(t('cmd.report.analysis'))
    .option('--quarter <quarter>', t('opt.kpi.quarter'))
    .addOption(formatOption(['md', 'html', 'json'], 'md'))
    .action(run(async (ctx, opts: import('./commands/report-kpi.js').ReportAnalysisFlags) => (await import('./commands/report-kpi.js')).runReportAnalysis(ctx, opts)));

  // -- roster commands --
  const roster = program.command('roster').description(t('cmd.roster'));
  roster
    .command('generate')
    .description(t('cmd.roster.generate'))
    .option('--month <month>', t('opt.monthNext'))
    .option('--team <team>', t('opt.teamGenerate'))
    .option('--seed <n>', t('opt.seed'))
    .option('--by <staff>', t('prompt.roster.by'))
    .option('--time-limit <seconds>', t('opt.timeLimit'))
    .addOption(formatOption(['table', 'json'], 'table'))
    .option('--no-commit', t('opt.noCommit'))
    .action(run(async (ctx, opts: import('./commands/roster.js').RosterGenerateFlags) => (await import('./commands/roster.js')).runRosterGenerate(ctx, opts)));
  roster
    .command('show')
    .description(t('cmd.roster.show'))
    .option('--month <month>', t('opt.monthThis'))
    .option('--team <team>', t('opt.team'))
    .option('--staff <staff>', t('opt.staffDuties'))
    .addOption(formatOption(['table', 'csv', 'json', 'ics'], 'table'))
    .action(run(async (ctx, opts: import('./commands/roster.js').RosterShowFlags) => (await import('./commands/roster.js')).runRosterShow(ctx, opts)));
  roster
    .command('check')
    .description(t('cmd.roster.check'))
    .option('--month <month>', t('opt.monthNext'))
    .option('--team <team>', t('opt.team'))
    .addOption(formatOption(['text', 'json'], 'text'))
    .action(run(async (ctx, opts: { month?: string; team?: string; format?: string }) => (await import('./commands/roster.js')).runRosterCheck(ctx, opts)));
  roster
    .command('approve')
    .description(t('cmd.roster.approve'))
    .option('--month <month>', t('opt.monthNext'))
    .option('--team <team>', t('opt.team'))
    .option('--by <supervisor>', t('prompt.roster.approver'))
    .option('--at <time>', t('opt.at'))
    .option('--no-commit', t('opt.noCommit'))
    .action(run(async (ctx, opts: { month?: string; team?: string; by?: string; at?: string; commit?: boolean }) => (await import('./commands/roster.js')).runRosterApprove(ctx, opts)));
  roster
    .command('swap')
    .description(t('cmd.roster.swap'))
    .option('--date <date>', 'YYYY-MM-DD')
    .option('--shift <shift>', t('opt.shift'))
    .option('--from <staff>', t('prompt.roster.from'))
    .option('--to <staff>', t('prompt.roster.to'))
    .option('--reason <text>', t('prompt.duty.reason'))
    .option('--approved-by <supervisor>', t('prompt.roster.approver'))
    .option('--team <team>', t('opt.team'))
    .option('--at <time>', t('opt.at'))
    .option('--no-commit', t('opt.noCommit'))
    .action(run(async (ctx, opts: import('./commands/roster.js').RosterSwapFlags) => (await import('./commands/roster.js')).runRosterSwap(ctx, opts)));

  // -- complaint commands --
  const complaint = program.command('complaint').description(t('cmd.complaint'));
  complaint
    .command('new')
    .description(t('cmd.complaint.new'))
    .option('--at <time>', t('opt.at'))
    .option('--by <staff>', t('opt.by'))
    .option('--channel <channel>', 'phone|visit|letter|fax|email|wechat|other')
    .option('--unit <unit>', t('prompt.duty.unit'))
    .option('--name <name>', t('prompt.duty.name'))
    .option('--phone <phone>', t('prompt.duty.phone'))
    .option('--category <key>', t('opt.complaintCategory'))
    .option('--department <dept>', t('prompt.complaint.department'))
    .option('--person <name>', t('opt.complaint.person'))
    .option('--location <text>', t('opt.location'))
    .option('--summary <text>', t('prompt.complaint.summary'))
    .option('--request <text>', t('prompt.complaint.request'))
    .option('--severity <severity>', 'major|important|minor')
    .option('--requested-deadline <date>', 'YYYY-MM-DD')
    .option('--escalate-to <staff>', t('cmd.complaint.escalate'))
    .option('--assignee <staff>', t('cmd.complaint.assign'))
    .option('--no-commit', t('opt.noCommit'))
    .action(run(async (ctx, opts: ComplaintNewFlags) => (await import('./commands/complaint.js')).runComplaintNew(ctx, opts)));
  const complaintEvent = (name: ComplaintAction, extra: (c: Command) => Command) => {
    const c = complaint.command(`${name} [id]`).description(t(`cmd.complaint.${name}`)).option('--at <time>', t('opt.at')).option('--by <staff>', t('opt.by'));
    extra(c).option('--no-commit', t('opt.noCommit'))
      .action(run(async (ctx, id: string | undefined, opts: ComplaintEventFlags) => (await import('./commands/complaint.js')).runComplaintEvent(ctx, name, id, opts)));
  };
  complaintEvent('escalate', (c) => c.option('--to <staff>', t('opt.complaint.escalateTo')));
  complaintEvent('assign', (c) => c.option('--assignee <staff>', t('prompt.complaint.assignee')).option('--department <dept>', t('prompt.complaint.department')));
  complaintEvent('reply', (c) => c.option('--note <text>', t('prompt.complaint.reply')));
  complaintEvent('resolve', (c) => c.option('--result <text>', t('prompt.complaint.result')));
  complaintEvent('reopen', (c) => c.option('--reason <text>', t('prompt.duty.reason')));
  complaintEvent('reclassify', (c) => c.option('--severity <severity>', 'major|important|minor').option('--reason <text>', t('prompt.duty.reason')));
  complaintEvent('invalid', (c) => c.option('--reason <text>', t('prompt.duty.reason')));
  complaintEvent('note', (c) => c.option('--text <text>', t('prompt.complaint.note')));
  complaint
    .command('show [id]')
    .description(t('cmd.complaint.show'))
    .addOption(formatOption(['table', 'json', 'md'], 'table'))
    .action(run(async (ctx, id: string | undefined, opts: { format?: string }) => (await import('./commands/complaint.js')).runComplaintShow(ctx, id, opts)));
  complaint
    .command('list')
    .description(t('cmd.complaint.list'))
    .option('--status <status>', 'open|resolved|invalid')
    .option('--severity <severity>', 'major|important|minor')
    .option('--category <key>', t('opt.filter.category'))
    .option('--unit <unit>', t('opt.filter.unit'))
    .option('--assignee <staff>', t('opt.filter.assignee'))
    .option('--overdue', t('opt.overdueFilter'))
    .option('--month <month>', t('opt.monthReceived'))
    .option('--from <date>', t('opt.fromReceived'))
    .option('--to <date>', t('opt.toReceived'))
    .addOption(formatOption(['table', 'json', 'csv'], 'table'))
    .action(run(async (ctx, opts: ComplaintListFlags) => (await import('./commands/complaint.js')).runComplaintList(ctx, opts)));
  // -- workorder commands --
  const wo = program.command('workorder').alias('wo').description(t('cmd.wo'));
  type WoFlags = import('./commands/workorder.js').WoEventFlags;
  const woEvent = (name: import('./commands/workorder.js').WoAction, description: string, add: (c: Command) => Command) =>
    add(wo.command(name).argument('[id]', t('opt.wo.id')).description(description))
      .option('--at <time>', t('opt.at'))
      .option('--by <staff>', name === 'complete' || name === 'leak-test' ? t('opt.wo.byWorker') : t('opt.wo.by'))
      .option('--no-commit', t('opt.noCommit'))
      .action(run(async (ctx, id: string | undefined, opts: WoFlags) => (await import('./commands/workorder.js')).runWoEvent(ctx, name, id, opts)));
  wo
    .command('new')
    .description(t('cmd.wo.new'))
    .option('--kind <kind>', t('opt.wo.kind', { kinds: 'repair|special_service|help|first_aid|activity|other' }))
    .option('--category <key>', t('opt.wo.category'))
    .option('--item <text>', t('opt.wo.item'))
    .option('--unit <unit>', t('opt.wo.unit'))
    .option('--name <name>', t('opt.wo.name'))
    .option('--phone <phone>', t('opt.wo.phone'))
    .option('--location <text>', t('opt.wo.location'))
    .option('--paid', t('opt.wo.paid'))
    .option('--contract-start <date>', t('opt.wo.contractStart'))
    .option('--contract-end <date>', t('opt.wo.contractEnd'))
    .option('--assignee <staff>', t('opt.wo.assignee'))
    .option('--at <time>', t('opt.at'))
    .option('--by <staff>', t('opt.wo.by'))
    .option('--no-commit', t('opt.noCommit'))
    .action(run(async (ctx, opts: import('./commands/workorder.js').WoNewFlags) => (await import('./commands/workorder.js')).runWoNew(ctx, opts)));
  woEvent('respond', t('cmd.wo.respond'), (c) => c);
  woEvent('assign', t('cmd.wo.assign'), (c) => c.option('--assignee <staff>', t('opt.wo.assignee')));
  woEvent('complete', t('cmd.wo.complete'), (c) => c.option('--note <text>', t('opt.wo.note')));
  woEvent('leak-test', t('cmd.wo.leakTest'), (c) => c.option('--passed', t('opt.wo.passed')).option('--failed', t('opt.wo.failed')).option('--note <text>', t('opt.wo.note')));
  woEvent('cancel', t('cmd.wo.cancel'), (c) => c.option('--reason <text>', t('opt.wo.reason')));
  woEvent('reopen', t('cmd.wo.reopen'), (c) => c.option('--reason <text>', t('opt.wo.reason')));
  wo
    .command('show')
    .argument('[id]', t('opt.wo.id'))
    .description(t('cmd.wo.show'))
    .addOption(formatOption(['table', 'json', 'md'], 'table'))
    .action(run(async (ctx, id: string | undefined, opts: { format?: string }) => (await import('./commands/workorder.js')).runWoShow(ctx, id, opts)));
  wo
    .command('list')
    .description(t('cmd.wo.list'))
    .option('--status <status>', t('opt.wo.status', { statuses: 'open|assigned|completed|leak-tested|cancelled' }))
    .option('--kind <kind>', t('opt.wo.filterKind'))
    .option('--category <key>', t('opt.wo.filterCategory'))
    .option('--unit <unit>', t('opt.wo.filterUnit'))
    .option('--assignee <staff>', t('opt.wo.filterAssignee'))
    .option('--overdue', t('opt.wo.overdue'))
    .option('--from <date>', t('opt.wo.from'))
    .option('--to <date>', t('opt.wo.to'))
    .option('--month <month>', t('opt.wo.month'))
    .addOption(formatOption(['table', 'json', 'csv'], 'table'))
    .action(run(async (ctx, opts: import('./commands/workorder.js').WoListFlags) => (await import('./commands/workorder.js')).runWoList(ctx, opts)));
  // -- callback commands --
  {
    type CallbackModule = typeof import('./commands/callback.js');
    const callbackCmd = program.command('callback').description(t('cmd.callback'));
    const loadCallback = async (): Promise<CallbackModule> => import('./commands/callback.js');
    callbackCmd
      .command('record')
      .argument('[subject]', t('cmd.callback.subject'))
      .description(t('cmd.callback.record'))
      .option('--checkpoint <checkpoint>', t('opt.callback.checkpoint'))
      .option('--method <method>', t('opt.callback.method'))
      .option('--outcome <outcome>', t('opt.callback.outcome'))
      .option('--satisfaction <level>', t('opt.callback.satisfaction'))
      .option('--quality <n>', t('opt.callback.quality'))
      .option('--effect <n>', t('opt.callback.effect'))
      .option('--shortcomings <text>', t('opt.callback.shortcomings'))
      .option('--suggestions <text>', t('opt.callback.suggestions'))
      .option('--resident-confirmed', t('opt.callback.residentConfirmed'))
      .option('--escalated-to <complaint>', t('opt.callback.escalatedTo'))
      .option('--at <time>', t('opt.at'))
      .option('--by <staff>', t('opt.callback.by'))
      .option('--no-commit', t('opt.noCommit'))
      .action(run(async (ctx, subject: string | undefined, opts: import('./commands/callback.js').CallbackRecordFlags) => (await loadCallback()).runCallbackRecord(ctx, subject, opts)));
    callbackCmd
      .command('review')
      .argument('[callback]', t('cmd.callback.id'))
      .description(t('cmd.callback.review'))
      .option('--by <supervisor>', t('opt.callback.supervisor'))
      .option('--comment <text>', t('opt.callback.comment'))
      .option('--at <time>', t('opt.at'))
      .option('--no-commit', t('opt.noCommit'))
      .action(run(async (ctx, id: string | undefined, opts: import('./commands/callback.js').CallbackReviewFlags) => (await loadCallback()).runCallbackReview(ctx, id, opts)));
    callbackCmd
      .command('plan')
      .argument('[subject]', t('cmd.callback.subject'))
      .description(t('cmd.callback.plan'))
      .option('--assignee <staff>', t('opt.callback.assignee'))
      .option('--checkpoint <checkpoint>', t('opt.callback.checkpoint'))
      .option('--suggest', t('opt.callback.suggest'))
      .option('--assign <staff>', t('opt.callback.assign'))
      .addOption(formatOption(['table', 'json'], 'table'))
      .option('--by <supervisor>', t('opt.callback.supervisor'))
      .option('--at <time>', t('opt.at'))
      .option('--no-commit', t('opt.noCommit'))
      .action(run(async (ctx, subject: string | undefined, opts: import('./commands/callback.js').CallbackPlanFlags) => (await loadCallback()).runCallbackPlan(ctx, subject, opts)));
    callbackCmd
      .command('due')
      .description(t('cmd.callback.due'))
      .option('--assignee <staff>', t('opt.callback.dueAssignee'))
      .option('--kind <kind>', t('opt.callback.kind'))
      .addOption(formatOption(['table', 'json', 'csv'], 'table'))
      .action(run(async (ctx, opts: import('./commands/callback.js').CallbackDueFlags) => (await loadCallback()).runCallbackDue(ctx, opts)));
  }
  // -- explain command --
  program
    .command('explain <id>')
    .description(t('cmd.explain'))
    .addOption(formatOption(['text', 'json'], 'text'))
    .action(run(async (ctx, id: string, opts: { format?: string }) => (await import('./commands/explain.js')).runExplain(ctx, id, opts)));

  const schema = program.command('schema').description(t('cmd.schema'));
  schema
    .command('export [dir]')
    .description(t('cmd.schema.export'))
    .action(run(async (ctx, dir: string | undefined) => (await import('./commands/schema.js')).runSchemaExport(ctx, dir)));

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportFailure(error, { ...ctxBase });
  }
}

const COMMANDER_MESSAGES: Record<string, MessageKey> = {
  'commander.unknownOption': 'err.unknownOption',
  'commander.unknownCommand': 'err.unknownCommand',
  'commander.missingArgument': 'err.missingArgument',
  'commander.optionMissingArgument': 'err.optionMissingArgument',
  'commander.excessArguments': 'err.tooManyArguments',
};

/** The one error boundary: every way a run can fail ends here with its exit code. */
function reportFailure(error: unknown, ctx: Pick<CliContext, 'io' | 't' | 'err' | 'debug'>): number {
  const say = (line: string) => ctx.io.stderr.write(`${line}\n`);
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.clean;
    const key = COMMANDER_MESSAGES[error.code];
    const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
    const text = key ? ctx.t(key, { option: quoted, command: quoted, argument: quoted }) : error.message.replace(/^error: /, '');
    say(`${ctx.err.red('kefu:')} ${visibleLines(text)}`);
    say(ctx.err.dim('kefu --help'));
    return EXIT.failure;
  }
  if (error instanceof Interrupted) {
    say(ctx.t('err.interrupted'));
    return EXIT.interrupted;
  }
  if (error instanceof KefuError) {
    // a message may quote a value from a file or the command line: shown, never obeyed
    say(`${ctx.err.red('kefu:')} ${visibleLines(ctx.t(error.key, error.params))}`);
    if (error.details) ctx.io.stderr.write(error.details);
    if (error.hintKey) say(ctx.err.dim(ctx.t(error.hintKey, error.params)));
    return error.exitCode;
  }
  if (error instanceof Error && error.name === 'ExitPromptError') {
    say(ctx.t('err.interrupted'));
    return EXIT.interrupted;
  }
  say(`${ctx.err.red('kefu:')} ${ctx.t('err.bug', { debug: ctx.debug ? '' : ctx.t('err.bug.debug') })}`);
  if (ctx.debug && error instanceof Error) say(error.stack ?? String(error));
  else if (error instanceof Error) say(visibleLines(error.message));
  return EXIT.failure;
}
