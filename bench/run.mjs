#!/usr/bin/env node
// kefu's benchmark suite (issue 7, item 2) — measurements, not timed tests.
//
//   npm run build && npm run bench                       medium and large (large takes minutes)
//   npm run bench -- --size small                        a smoke run (well under two minutes)
//   npm run bench -- --size large --runs 5 --only validate,overdue
//
// It generates (or reuses) desks with scripts/gen-desk.mjs under .bench/ (git-ignored; a
// desk is keyed by size, seed and the generator's version and content), runs every
// measurement several times as a separate process, takes medians, and puts each figure
// next to its baseline measured in the same run, as a ratio. The result is printed and
// written between the markers of docs/BENCHMARKS.md (when the run includes the large desk;
// else .bench/BENCHMARKS-last.md; --out FILE to choose), raw figures to .bench/results/.
//
// Options:
//   --size S[,S…]    small | medium | large (default: medium,large)
//   --runs N         runs per measurement (default: 5; 3 on large; 20 for start-up)
//   --only A[,B…]    startup, baselines, validate, overdue, kpi, duty-log, roster, roster-cli,
//                    memory, hledger, js-yaml, yaml (the `yaml` package baseline; 1 run on large)
//   --seed N         generator seed (default 1)
//   --roster-instances N   instances per roster cell (default 5; 2 when only small)
//   --out FILE
//   --budget S       stop repeating a measurement once its runs took S seconds (default 120; at least one run)
//   --timeout S      kill a single run after S seconds (default 900)
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH = join(REPO, '.bench');
const KEFU = join(REPO, 'bin', 'kefu.js');
const GEN = join(REPO, 'scripts', 'gen-desk.mjs');
const BASELINES = join(REPO, 'bench', 'baselines.mjs');
const NODE = process.execPath;
const TTY = process.stderr.isTTY === true;

// ---------------------------------------------------------------------------
// Options.

function usage(message) {
  if (message) process.stderr.write(`bench: ${message}\n`);
  process.stderr.write('usage: npm run bench -- [--size small|medium|large[,…]] [--runs N] [--only NAME[,…]] [--seed N] [--roster-instances N] [--budget S] [--timeout S] [--out FILE]\n');
  process.exit(2);
}
const opts = { sizes: ['medium', 'large'], runs: undefined, only: undefined, seed: 1, rosterInstances: undefined, out: undefined, budget: 120, timeout: 900 };
{
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => (i + 1 < args.length ? args[++i] : usage(`${a} needs a value`));
    if (a === '--size') opts.sizes = value().split(',');
    else if (a === '--runs') opts.runs = Number(value());
    else if (a === '--only') opts.only = new Set(value().split(','));
    else if (a === '--seed') opts.seed = Number(value());
    else if (a === '--roster-instances') opts.rosterInstances = Number(value());
    else if (a === '--out') opts.out = resolve(value());
    else if (a === '--budget') opts.budget = Number(value());
    else if (a === '--timeout') opts.timeout = Number(value());
    else if (a === '-h' || a === '--help') usage();
    else usage(`unknown argument ${a}`);
  }
  for (const s of opts.sizes) if (!['small', 'medium', 'large'].includes(s)) usage(`unknown size ${s}`);
  if (opts.runs !== undefined && !(Number.isInteger(opts.runs) && opts.runs >= 1)) usage('--runs must be a whole number ≥ 1');
  opts.sizes = ['small', 'medium', 'large'].filter((s) => opts.sizes.includes(s));
}
const wants = (name) => !opts.only || opts.only.has(name);
const runsFor = (size) => opts.runs ?? (size === 'large' ? 3 : 5);
const STARTUP_RUNS = opts.runs ? Math.max(opts.runs, 10) : 20;
const ROSTER_INSTANCES = opts.rosterInstances ?? (opts.sizes.every((s) => s === 'small') ? 2 : 5);

if (!existsSync(join(REPO, 'dist', 'cli', 'main.js'))) usage('dist/ is missing: run `npm run build` first');

const say = (text) => process.stderr.write(`${text}\n`);
function status(text) {
  if (TTY) process.stderr.write(`\r\x1b[K${text}`);
}
const clearStatus = () => TTY && process.stderr.write('\r\x1b[K');

mkdirSync(BENCH, { recursive: true });
if (!existsSync(join(BENCH, '.gitignore'))) writeFileSync(join(BENCH, '.gitignore'), '# benchmark desks and results (npm run bench): never committed\n*\n');

// ---------------------------------------------------------------------------
// Running things.

const ENV = { ...process.env, NO_COLOR: '1', LANG: 'C.UTF-8', CI: '1' };
delete ENV.FORCE_COLOR;

const HAS_TIME = existsSync('/usr/bin/time');
const RSS_FILE = join(BENCH, 'maxrss.txt');

/**
 * One run of a command: wall-clock ms (spawn to exit, as a user sees it), exit code,
 * stderr, and peak resident memory (MiB) by /usr/bin/time when present (its own cost is
 * a fork/exec, ~1 ms, paid by every measured command and baseline alike).
 */
function runOnce(cmd, args, { cwd = os.tmpdir(), env = ENV, memory = true } = {}) {
  const timed = memory && HAS_TIME;
  if (timed) rmSync(RSS_FILE, { force: true });
  const t = process.hrtime.bigint();
  const r = spawnSync(timed ? '/usr/bin/time' : cmd, timed ? ['-f', '%M', '-o', RSS_FILE, cmd, ...args] : args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 256 << 20, timeout: opts.timeout * 1000, killSignal: 'SIGKILL' });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  let rss;
  if (timed) {
    try {
      rss = Number(readFileSync(RSS_FILE, 'utf8').trim().split('\n').pop()) / 1024;
    } catch {
      // killed by the timeout: no figure
    }
  }
  const timedOut = r.error?.code === 'ETIMEDOUT';
  let code = r.status ?? (r.signal ? 128 : -1);
  // /usr/bin/time reports a child killed by a signal as its own exit status
  if (timed && r.status !== null && r.status >= 128 && !timedOut) code = r.status;
  return { ms, code: timedOut ? 'timeout' : code, stderr: r.stderr?.toString('utf8') ?? '', rss };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};

/**
 * A series: `warm` unmeasured runs first (page cache, kefu's own cache), then `runs`
 * measured ones, each preceded by `before()`. okCodes: exit statuses that are not failures.
 */
function series(label, cmd, args, { runs, warm = 1, before, cwd, okCodes = [0, 1] }) {
  for (let i = 0; i < warm; i++) {
    status(`${label}: warm-up`);
    before?.();
    runOnce(cmd, args, { cwd, memory: false });
  }
  const times = [];
  const rss = [];
  let failure;
  let spent = 0;
  for (let i = 0; i < runs; i++) {
    // a command far off its target is not timed again and again: stop once the series has used its budget
    if (i > 0 && spent > opts.budget * 1000) break;
    status(`${label}: run ${i + 1}/${runs}${times.length ? ` (last ${(times.at(-1) / 1000).toFixed(2)} s)` : ''}`);
    before?.();
    const r = runOnce(cmd, args, { cwd });
    if (!okCodes.includes(r.code)) failure = { code: r.code, stderr: r.stderr.slice(0, 600) };
    times.push(r.ms);
    if (r.rss !== undefined) rss.push(r.rss);
    spent += r.ms;
  }
  clearStatus();
  const out = { label, runs: times.length, planned: runs, median: median(times), min: Math.min(...times), max: Math.max(...times), times, maxRss: rss.length ? Math.max(...rss) : undefined, failure };
  say(`  ${label.padEnd(44)} ${fmtS(out.median)}  (${fmtS(out.min)}–${fmtS(out.max)}, ${times.length} run${times.length === 1 ? '' : 's'}${times.length < runs ? `, budget of ${opts.budget} s used` : ''}${out.maxRss ? `, ${out.maxRss.toFixed(0)} MiB` : ''})${failure ? `  FAILED: exit ${failure.code}: ${failure.stderr.split('\n')[0]}` : ''}`);
  return out;
}

/** Peak resident memory of one run, MiB, where /usr/bin/time is missing: a preload reports the Node child's own maxRSS at exit. */
function peakMemory(cmd, args, { cwd } = {}) {
  const hook = join(BENCH, 'maxrss-hook.cjs');
  writeFileSync(hook, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(RSS_FILE)}, String(process.resourceUsage().maxRSS)));\n`);
  runOnce(cmd, args, { cwd, env: { ...ENV, NODE_OPTIONS: `${ENV.NODE_OPTIONS ?? ''} --require ${hook}` }, memory: false });
  return Number(readFileSync(RSS_FILE, 'utf8')) / 1024;
}

const fmtS = (ms) => (ms === undefined ? '—' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const fmtRatio = (r) => (r === undefined || !Number.isFinite(r) ? '—' : `${r.toFixed(2)}×`);
const git = (cwd, ...args) => execFileSync('git', ['-c', 'core.hooksPath=/dev/null', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 }).toString('utf8').trim();

// ---------------------------------------------------------------------------
// Desks: generated once per (size, seed, generator), reused after.

const GEN_TEXT = readFileSync(GEN, 'utf8');
const GEN_VERSION = /GENERATOR_VERSION = (\d+)/.exec(GEN_TEXT)?.[1] ?? '0';
const GEN_HASH = createHash('sha256').update(GEN_TEXT).digest('hex').slice(0, 8);

function ensureDesk(size) {
  const key = `${size}-s${opts.seed}-g${GEN_VERSION}-${GEN_HASH}`;
  const dir = join(BENCH, 'desks', key);
  const jsonl = `${dir}.jsonl`;
  const marker = `${dir}.done.json`;
  if (existsSync(marker) && existsSync(join(dir, 'kefu.yaml'))) {
    const info = JSON.parse(readFileSync(marker, 'utf8'));
    restoreDesk(dir, info.head);
    say(`desk ${size}: reusing ${relative(REPO, dir)}`);
    return { ...info, dir, jsonl, reused: true };
  }
  say(`desk ${size}: generating ${relative(REPO, dir)}${size === 'large' ? ' (about a minute)' : ''}…`);
  mkdirSync(dirname(dir), { recursive: true });
  const t = Date.now();
  execFileSync(NODE, [GEN, '--size', size, '--seed', String(opts.seed), '--force', ...(size === 'empty' ? [] : ['--jsonl', jsonl]), dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  const genMs = Date.now() - t;
  const manifest = JSON.parse(readFileSync(join(dir, 'gen-desk.json'), 'utf8'));
  let files = 0;
  let bytes = 0;
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      if (name === '.git') continue;
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else {
        files++;
        bytes += st.size;
      }
    }
  };
  walk(dir);
  const info = { key, size, manifest, files, bytes, genMs, head: git(dir, 'rev-parse', 'HEAD') };
  writeFileSync(marker, JSON.stringify(info, null, 2));
  return { ...info, dir, jsonl, reused: false };
}

/** Back to the generated commit: what a duty log or roster run wrote is undone, kefu's scratch folder kept. */
function restoreDesk(dir, head) {
  git(dir, 'reset', '-q', '--hard', head);
  git(dir, 'clean', '-q', '-fd');
}

// ---------------------------------------------------------------------------
// What the CLI can do today (parts of it are being written while this runs).

const helpOf = (...args) => runOnceText([KEFU, ...args, '--help']);
function runOnceText(args) {
  const r = spawnSync(NODE, args, { env: ENV, encoding: 'utf8' });
  return { code: r.status, text: `${r.stdout}${r.stderr}` };
}
const FEATURES = {
  noCache: helpOf('validate').text.includes('--no-cache') || helpOf().text.includes('--no-cache'),
  kpi: helpOf('report', 'kpi').code === 0,
  rosterGenerate: helpOf('roster', 'generate').code === 0,
};
const notes = [];
if (!FEATURES.noCache) notes.push('kefu has no `--no-cache` yet (no cache exists): "cold" and "warm" run the same code; cold runs delete the desk\'s `.kefu/` scratch folder first, warm runs follow an unmeasured priming run. Both have a warm OS page cache.');
else notes.push('cold = `--no-cache` with the desk\'s `.kefu/` scratch folder deleted before each run; warm = after a priming run of each command (which keeps the records, the findings of the checks and what a report keeps of its own). Both have a warm OS page cache.');
if (!FEATURES.kpi) notes.push('`kefu report kpi` does not exist in this build: skipped.');

// ---------------------------------------------------------------------------
// Baselines that need tools: js-yaml (a throwaway install under .bench/tools, never a
// dependency of kefu) and hledger (a system package, when installed).

function ensureJsYaml() {
  if (existsSync(join(REPO, 'node_modules', 'js-yaml', 'package.json'))) return REPO; // already installed for kefu itself
  const dir = join(BENCH, 'tools');
  if (existsSync(join(dir, 'node_modules', 'js-yaml', 'package.json'))) return dir;
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'package.json'))) writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
  say('installing js-yaml@4 into .bench/tools (a baseline only, not a kefu dependency)…');
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--silent', 'js-yaml@4'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  return r.status === 0 && existsSync(join(dir, 'node_modules', 'js-yaml')) ? dir : undefined;
}

const HLEDGER = (() => {
  const r = spawnSync('hledger', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
})();
if (!HLEDGER) notes.push('hledger is not installed here, so its baselines are left out (on Debian: `apt-get install hledger`).');

/** A journal with one transaction per kefu record (entries, complaints, work orders, callbacks), dated over the same span. */
function ensureJournal(desk) {
  const r = desk.manifest.records;
  const n = r.duty_entries + r.complaints + r.work_orders + r.callbacks;
  const file = join(BENCH, 'hledger', `${n}-s${opts.seed}.journal`);
  if (existsSync(file)) return { file, n };
  mkdirSync(dirname(file), { recursive: true });
  const first = Date.parse(`${desk.manifest.first_day}T00:00:00Z`);
  const span = Date.parse(`${desk.manifest.end_day}T00:00:00Z`) - first;
  const accounts = ['expenses:repairs:plumbing', 'expenses:repairs:electrical', 'expenses:services:cleaning', 'expenses:services:security', 'income:fees:property', 'income:fees:parking', 'income:services:paid'];
  const parts = [];
  for (let i = 0; i < n; i++) {
    const date = new Date(first + Math.floor((span * i) / n)).toISOString().slice(0, 10);
    const amount = ((i * 7919) % 100000) / 100 + 1;
    parts.push(`${date} * 住户服务 ${i} | 工单 WO-${date.replaceAll('-', '')}-${(i % 1048576).toString(32).toUpperCase().padStart(4, '0')}  ; unit:${(i % 30) + 1}-${String((i % 32) + 1).padStart(2, '0')}01\n    ${accounts[i % accounts.length]}    ${amount.toFixed(2)} CNY\n    assets:bank:checking\n\n`);
  }
  writeFileSync(file, parts.join(''));
  return { file, n };
}

// ---------------------------------------------------------------------------
// The measurements.

const machine = {
  date: new Date().toISOString(),
  cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`,
  memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
  os: `${os.type()} ${os.release()}`,
  node: process.version,
  kefu: (() => {
    try {
      const head = git(REPO, 'rev-parse', '--short', 'HEAD');
      const dirty = git(REPO, 'status', '--porcelain', '--untracked-files=no', '--', 'src').split('\n').filter(Boolean).length;
      return `${head}${dirty ? ` + ${dirty} uncommitted src file(s)` : ''} (dist/ as built)`;
    } catch {
      return '?';
    }
  })(),
  hledger: HLEDGER,
  time: HAS_TIME ? '/usr/bin/time -f %M' : 'process.resourceUsage().maxRSS of the child',
};
say(`kefu benchmarks — ${machine.date}, ${machine.cpus}, ${machine.memory}, Node ${machine.node}, kefu ${machine.kefu}`);
for (const n of notes) say(`note: ${n}`);

const results = { machine, options: { ...opts, only: opts.only && [...opts.only] }, notes, features: FEATURES, desks: {}, sizes: {}, startup: undefined, roster: undefined, targets: [] };
const kefuArgs = (desk, ...args) => [KEFU, '-C', desk.dir, '--as-of', desk.manifest.as_of, ...args];
const previousMonth = (day) => {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
};
const nextMonth = (day) => {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 7);
};

// start-up: kefu --version / --help against a bare `node -e 0`, interleaved so drift hits all three alike
if (wants('startup')) {
  say(`start-up (${STARTUP_RUNS} runs each, interleaved)`);
  const cmds = { 'node -e 0': [NODE, ['-e', '0']], 'kefu --version': [NODE, [KEFU, '--version']], 'kefu --help': [NODE, [KEFU, '--help']] };
  const times = Object.fromEntries(Object.keys(cmds).map((k) => [k, []]));
  for (const [, [c, a]] of Object.entries(cmds)) runOnce(c, a);
  for (let i = 0; i < STARTUP_RUNS; i++) {
    status(`start-up: run ${i + 1}/${STARTUP_RUNS}`);
    for (const [k, [c, a]] of Object.entries(cmds)) times[k].push(runOnce(c, a).ms);
  }
  clearStatus();
  results.startup = Object.fromEntries(Object.entries(times).map(([k, t]) => [k, { median: median(t), min: Math.min(...t), max: Math.max(...t), runs: t.length }]));
  for (const [k, v] of Object.entries(results.startup)) say(`  ${k.padEnd(44)} ${fmtS(v.median)}  (${fmtS(v.min)}–${fmtS(v.max)})`);
}

// roster generation through the domain API
if (wants('roster')) {
  say(`\nroster generation (domain API, HiGHS; ${ROSTER_INSTANCES} instances per cell)`);
  const r = spawnSync(NODE, [join(REPO, 'bench', 'roster-grid.mjs'), '--instances', String(ROSTER_INSTANCES)], { cwd: REPO, env: ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', TTY ? 'inherit' : 'ignore'], maxBuffer: 64 << 20 });
  if (r.status === 0) {
    results.roster = JSON.parse(r.stdout);
    for (const c of results.roster.cells) {
      const t = c.runs.map((x) => x.ms);
      say(`  ${c.staff} staff × ${c.shiftTypes} shift type(s): p50 ${fmtS(quantile(t, 0.5))}, p95 ${fmtS(quantile(t, 0.95))}, max ${fmtS(Math.max(...t))}; optimal ${c.runs.filter((x) => x.optimal).length}/${c.runs.length}, infeasible ${c.runs.filter((x) => x.status === 'infeasible').length}, hard violations ${c.runs.reduce((n, x) => n + (x.hard ?? 0), 0)}`);
    }
  } else {
    results.roster = { error: (r.stderr || r.stdout || '').slice(0, 600) };
    say(`  failed: ${results.roster.error}`);
  }
}

const empty = opts.sizes.length > 0 && (wants('duty-log') || wants('roster-cli')) ? ensureDesk('empty') : undefined;
const jsYamlDir = opts.sizes.length > 0 && wants('js-yaml') ? ensureJsYaml() : undefined;
if (wants('js-yaml') && opts.sizes.length > 0 && !jsYamlDir) notes.push('js-yaml could not be installed into .bench/tools (offline?): its baseline is left out.');

for (const size of opts.sizes) {
  const desk = ensureDesk(size);
  results.desks[size] = { files: desk.files, bytes: desk.bytes, genMs: desk.reused ? undefined : desk.genMs, records: desk.manifest.records, first_day: desk.manifest.first_day, end_day: desk.manifest.end_day, as_of: desk.manifest.as_of };
  const runs = runsFor(size);
  const R = (results.sizes[size] = { runs });
  say(`\n${size}: ${desk.files} files, ${(desk.bytes / 1e6).toFixed(1)} MB, ${desk.manifest.records.duty_entries} duty entries, ${desk.manifest.records.complaints} complaints, ${desk.manifest.records.work_orders} work orders, ${desk.manifest.records.callbacks} callbacks; ${runs} runs each`);

  // baselines
  if (wants('baselines')) {
    R.read = series('baseline: read all files', NODE, [BASELINES, 'read', desk.dir], { runs });
    R.jsonl = series('baseline: JSON.parse of the records (JSONL)', NODE, [BASELINES, 'jsonl', desk.jsonl], { runs });
    R.readJsonl = series('baseline: read + JSON.parse', NODE, [BASELINES, 'read+jsonl', desk.dir, desk.jsonl], { runs });
  }
  if (jsYamlDir) R.jsYaml = series('baseline: read + js-yaml 4 parse', NODE, [BASELINES, 'js-yaml', desk.dir, jsYamlDir], { runs });
  if (wants('yaml')) R.yaml = series('baseline: read + `yaml` parseDocument', NODE, [BASELINES, 'yaml', desk.dir], { runs: size === 'large' ? 1 : runs, warm: size === 'large' ? 0 : 1 });
  if (HLEDGER && wants('hledger')) {
    const j = ensureJournal(desk);
    R.hledger = { ...series(`baseline: hledger check (${j.n} txns)`, 'hledger', ['-f', j.file, 'check'], { runs, okCodes: [0] }), transactions: j.n, bytes: statSync(j.file).size };
  }

  // the desk-wide commands, cold and warm
  const scratch = () => rmSync(join(desk.dir, '.kefu'), { recursive: true, force: true });
  const cold = FEATURES.noCache ? ['--no-cache'] : [];
  const commands = [
    ['validate', ['validate']],
    ['overdue', ['report', 'overdue', '--format', 'json']],
    ...(FEATURES.kpi ? [['kpi', ['report', 'kpi', '--month', previousMonth(desk.manifest.end_day), '--format', 'json']]] : []),
  ];
  // every cold series first (each run deletes the scratch folder), then one priming run of
  // each command, which fills the cache (the records, the checks' findings, what a report
  // keeps of its own), then every warm series; the OS page cache is warm throughout (the
  // baselines and the first cold run read every file)
  const chosen = commands.filter(([name]) => wants(name));
  chosen.forEach(([name, args], i) => {
    R[`${name}Cold`] = series(`kefu ${args.slice(0, 2).join(' ')} cold`, NODE, kefuArgs(desk, ...args, ...cold), { runs, before: scratch, warm: i === 0 && !wants('baselines') ? 1 : 0 });
  });
  if (chosen.length > 0) {
    status('priming the cache');
    for (const [, args] of [['validate', ['validate']], ...chosen.filter(([name]) => name !== 'validate')]) runOnce(NODE, kefuArgs(desk, ...args), { memory: false });
    clearStatus();
  }
  for (const [name, args] of chosen) R[`${name}Warm`] = series(`kefu ${args.slice(0, 2).join(' ')} warm`, NODE, kefuArgs(desk, ...args), { runs, warm: 0 });
  if (wants('memory')) {
    // peak memory of the measured runs (max over runs), or one extra run each without /usr/bin/time
    R.memory = {};
    for (const [name, args] of chosen) R.memory[name] = HAS_TIME ? Math.max(R[`${name}Cold`].maxRss ?? 0, R[`${name}Warm`].maxRss ?? 0) : peakMemory(NODE, kefuArgs(desk, ...args));
    if (R.readJsonl) R.memory.readJsonl = HAS_TIME ? R.readJsonl.maxRss : peakMemory(NODE, [BASELINES, 'read+jsonl', desk.dir, desk.jsonl]);
    if (R.hledger?.maxRss) R.memory.hledger = R.hledger.maxRss;
    for (const [k, v] of Object.entries(R.memory)) say(`  peak memory: ${k}`.padEnd(46) + ` ${v?.toFixed(0)} MiB`);
  }

  // duty log: one non-interactive append on this desk vs the same on an empty desk
  if (wants('duty-log') && empty) {
    const at = `${desk.manifest.end_day}T08:50:00+08:00`;
    const logArgs = (d) => kefuArgs(d, '--no-input', 'duty', 'log', '--at', at, '--by', d.manifest.on_duty.day[0], '--kind', 'consult', '--channel', 'phone', '--content', '基准测试：咨询物业费缴纳方式', '--status', 'done');
    for (const [variant, extra] of [['--no-commit', ['--no-commit']], ['with commit', []]]) {
      const key = variant === '--no-commit' ? 'dutyLogNoCommit' : 'dutyLogCommit';
      R[key] = {
        desk: series(`kefu duty log ${variant} (${size} desk)`, NODE, [...logArgs(desk), ...extra], { runs, okCodes: [0] }),
        empty: series(`kefu duty log ${variant} (empty desk)`, NODE, [...logArgs(empty), ...extra], { runs, okCodes: [0] }),
      };
      restoreDesk(desk.dir, desk.head);
      restoreDesk(empty.dir, empty.head);
    }
  }

  // roster generate through the CLI: this desk (loads it whole today) vs the empty desk
  if (wants('roster-cli') && empty && FEATURES.rosterGenerate) {
    const month = nextMonth(desk.manifest.end_day);
    const args = (d) => kefuArgs(d, '--no-input', 'roster', 'generate', '--month', month, '--by', d.manifest.supervisor, '--seed', '1', '--no-commit', '--format', 'json');
    R.rosterCli = {
      desk: series(`kefu roster generate (${size} desk)`, NODE, args(desk), { runs, before: () => restoreDesk(desk.dir, desk.head), okCodes: [0] }),
      empty: series('kefu roster generate (empty desk)', NODE, args(empty), { runs, before: () => restoreDesk(empty.dir, empty.head), okCodes: [0] }),
    };
    restoreDesk(desk.dir, desk.head);
    restoreDesk(empty.dir, empty.head);
  }
  writeOutputs(false);
}

// ---------------------------------------------------------------------------
// Targets (issue 7), judged on the largest desk measured.

function computeTargets() {
  results.targets = [];
  const big = ['large', 'medium', 'small'].find((s) => results.sizes[s]);
  if (!big) return;
  const R = results.sizes[big];
  const T = results.targets;
  const add = (what, value, limit, met, detail) => T.push({ what, value, limit, met, detail });
  if (R.overdueWarm && R.readJsonl) {
    const r = R.overdueWarm.median / R.readJsonl.median;
    add('warm `report overdue` ≤ 2× reading + JSON.parse (JSONL)', fmtRatio(r), '≤ 2×', r <= 2, `${fmtS(R.overdueWarm.median)} vs ${fmtS(R.readJsonl.median)}`);
  }
  if (R.overdueWarm && R.hledger) {
    const r = R.hledger.median / R.overdueWarm.median;
    add('warm `report overdue` ≥ 5× faster than `hledger check`', `${r.toFixed(2)}× faster`, '≥ 5×', r >= 5, `${fmtS(R.overdueWarm.median)} vs ${fmtS(R.hledger.median)}`);
  }
  if (R.validateCold && R.hledger) {
    const r = R.validateCold.median / R.hledger.median;
    add('cold `validate` no slower than `hledger check`', fmtRatio(r), '≤ 1×', r <= 1, `${fmtS(R.validateCold.median)} vs ${fmtS(R.hledger.median)}`);
  }
  if (R.dutyLogNoCommit) {
    const r = R.dutyLogNoCommit.desk.median / R.dutyLogNoCommit.empty.median;
    add(`\`duty log\` (--no-commit) on the ${big} desk ≤ 1.5× on an empty desk`, fmtRatio(r), '≤ 1.5×', r <= 1.5, `${fmtS(R.dutyLogNoCommit.desk.median)} vs ${fmtS(R.dutyLogNoCommit.empty.median)}`);
  }
  if (R.dutyLogCommit) {
    const r = R.dutyLogCommit.desk.median / R.dutyLogCommit.empty.median;
    add(`\`duty log\` (with commit) on the ${big} desk ≤ 1.5× on an empty desk`, fmtRatio(r), '≤ 1.5×', r <= 1.5, `${fmtS(R.dutyLogCommit.desk.median)} vs ${fmtS(R.dutyLogCommit.empty.median)}`);
  }
  if (results.startup) {
    const r = results.startup['kefu --version'].median / results.startup['node -e 0'].median;
    add('`kefu --version` ≤ 1.5× `node -e 0`', fmtRatio(r), '≤ 1.5×', r <= 1.5, `${fmtS(results.startup['kefu --version'].median)} vs ${fmtS(results.startup['node -e 0'].median)}`);
  }
  if (R.memory) {
    const reports = Object.entries(R.memory).filter(([k]) => ['validate', 'overdue', 'kpi'].includes(k));
    if (reports.length) {
      const [worst, mib] = reports.sort((a, b) => b[1] - a[1])[0];
      add('peak memory of any report ≤ 512 MiB', `${mib.toFixed(0)} MiB (${worst})`, '≤ 512 MiB', mib <= 512, reports.map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', '));
    }
  }
  results.targetsOn = big;
}

// ---------------------------------------------------------------------------
// The report.

function markdown() {
  const L = [];
  const m = results.machine;
  L.push(`Run ${m.date.slice(0, 16).replace('T', ' ')} UTC · ${m.cpus} · ${m.memory} RAM · ${m.os} · Node ${m.node} · kefu ${m.kefu}${m.hledger ? ` · ${m.hledger}` : ''} · peak memory by ${m.time}.`);
  L.push(`Command: \`npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\` (desk seed ${opts.seed}, generator v${GEN_VERSION}/${GEN_HASH}). Times are wall-clock medians of separate processes (spawn to exit), so every figure and every baseline includes one Node start-up.`);
  L.push('');
  for (const n of notes) L.push(`- ${n}`);
  L.push('');
  L.push('### Desks');
  L.push('');
  L.push('| size | span | files | MB | duty entries | complaints | work orders | callbacks | all records¹ | generated in |');
  L.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [size, d] of Object.entries(results.desks)) {
    const r = d.records;
    const all = r.duty_entries + r.duty_updates + r.duty_corrections + r.handovers + r.duty_reviews + r.complaints + r.work_orders + r.callbacks + r.callback_reviews + r.callback_plans;
    L.push(`| ${size} | ${d.first_day} … ${d.end_day} | ${d.files} | ${(d.bytes / 1e6).toFixed(1)} | ${r.duty_entries} | ${r.complaints} | ${r.work_orders} | ${r.callbacks} | ${all} | ${d.genMs ? fmtS(d.genMs) : 'reused'} |`);
  }
  L.push('');
  L.push('¹ every item: duty entries, updates, corrections, handovers and reviews; complaints; work orders; callbacks, callback reviews and plans. The JSON Lines baseline parses exactly these, one per line.');
  L.push('');
  if (results.startup) {
    const s = results.startup;
    const base = s['node -e 0'].median;
    L.push('### Start-up');
    L.push('');
    L.push('| what | median | min–max | baseline `node -e 0` | ratio |');
    L.push('| --- | ---: | ---: | ---: | ---: |');
    for (const k of ['node -e 0', 'kefu --version', 'kefu --help']) L.push(`| \`${k}\` | ${fmtS(s[k].median)} | ${fmtS(s[k].min)}–${fmtS(s[k].max)} | ${fmtS(base)} | ${fmtRatio(s[k].median / base)} |`);
    L.push('');
  }
  for (const [size, R] of Object.entries(results.sizes)) {
    L.push(`### ${size} desk (${R.runs} runs each, fewer where a series used its ${opts.budget} s budget)`);
    L.push('');
    L.push('| what | median | min–max (runs) | vs read + JSON.parse | vs js-yaml | vs hledger check |');
    L.push('| --- | ---: | ---: | ---: | ---: | ---: |');
    const floor = R.readJsonl?.median;
    const row = (label, x) => x && L.push(`| ${label} | ${fmtS(x.median)}${x.failure ? ` (failed: exit ${x.failure.code})` : ''} | ${fmtS(x.min)}–${fmtS(x.max)} (${x.runs}) | ${fmtRatio(floor && x.median / floor)} | ${fmtRatio(R.jsYaml && x.median / R.jsYaml.median)} | ${fmtRatio(R.hledger && x.median / R.hledger.median)} |`);
    row('baseline: read all files (`readFileSync` over the tree)', R.read);
    row('baseline: `JSON.parse` of the same records as JSON Lines', R.jsonl);
    row('**baseline: read + `JSON.parse`** (one process)', R.readJsonl);
    row('baseline: read + js-yaml 4 parse (core schema)', R.jsYaml);
    row(`baseline: read + \`yaml\` parseDocument + toJS${R.yaml && R.yaml.runs === 1 ? ' (1 run)' : ''}`, R.yaml);
    row(`baseline: \`hledger check\`, ${R.hledger?.transactions ?? ''} transactions`, R.hledger);
    row('`kefu validate` cold', R.validateCold);
    row('`kefu validate` warm', R.validateWarm);
    row('`kefu report overdue` cold', R.overdueCold);
    row('`kefu report overdue` warm', R.overdueWarm);
    row('`kefu report kpi` cold', R.kpiCold);
    row('`kefu report kpi` warm', R.kpiWarm);
    L.push('');
    if (R.dutyLogNoCommit || R.rosterCli) {
      L.push('| write command | this desk | empty desk | ratio |');
      L.push('| --- | ---: | ---: | ---: |');
      for (const [label, x] of [['`kefu duty log --no-commit` (non-interactive)', R.dutyLogNoCommit], ['`kefu duty log` (non-interactive, commits)', R.dutyLogCommit], ['`kefu roster generate --no-commit` (next month)', R.rosterCli]]) {
        if (x) L.push(`| ${label} | ${fmtS(x.desk.median)}${x.desk.failure ? ` (failed: exit ${x.desk.failure.code})` : ''} | ${fmtS(x.empty.median)}${x.empty.failure ? ` (failed: exit ${x.empty.failure.code})` : ''} | ${fmtRatio(x.desk.median / x.empty.median)} |`);
      }
      L.push('');
    }
    if (R.memory) {
      L.push('| peak memory (max RSS) | MiB |');
      L.push('| --- | ---: |');
      for (const [k, v] of Object.entries(R.memory)) L.push(`| ${{ validate: '`kefu validate`', overdue: '`kefu report overdue`', kpi: '`kefu report kpi`', readJsonl: 'baseline: read + JSON.parse', hledger: '`hledger check`' }[k] ?? k} | ${v.toFixed(0)} |`);
      L.push('');
    }
  }
  if (results.roster?.cells) {
    const ro = results.roster;
    L.push(`### Roster generation (domain API: \`buildRosterProblem\` + \`solveRoster\` with HiGHS, ${ro.instances} seeded instances per cell, 31 days, solver cap ${ro.timeLimitSeconds} s; HiGHS load ${fmtS(ro.solverLoadMs)} once)`);
    L.push('');
    L.push('| staff × shift types | p50 | p95 | max | proven optimal | infeasible | hard violations (`checkRoster`) | per-person deviation from fair bands |');
    L.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
    for (const c of ro.cells) {
      const t = c.runs.map((x) => x.ms);
      const devs = c.runs.flatMap((x) => x.deviations ?? []);
      const hist = {};
      for (const d of devs) hist[d] = (hist[d] ?? 0) + 1;
      L.push(`| ${c.staff} × ${c.shiftTypes} | ${fmtS(quantile(t, 0.5))} | ${fmtS(quantile(t, 0.95))} | ${fmtS(Math.max(...t))} | ${c.runs.filter((x) => x.optimal).length}/${c.runs.length} | ${c.runs.filter((x) => x.status === 'infeasible').length}${c.runs.some((x) => x.status === 'infeasible') ? ` (proven ${c.runs.filter((x) => x.proven).length})` : ''} | ${c.runs.reduce((n, x) => n + (x.hard ?? 0), 0)} | ${Object.entries(hist).map(([d, n]) => `${d}: ${n}`).join(', ') || '—'} |`);
    }
    L.push('');
    L.push('Deviation: how far a person\'s count of each shift type (and of weekend/holiday duty) lies outside the floor/ceiling of their fair share, summed; "0: 38" = 38 people exactly within their bands, over all instances of the cell.');
    L.push('');
  }
  if (results.targets.length) {
    L.push(`### Targets (issue 7), on the ${results.targetsOn} desk`);
    L.push('');
    L.push('| target | measured | limit | met | figures |');
    L.push('| --- | ---: | ---: | :---: | --- |');
    for (const t of results.targets) L.push(`| ${t.what} | ${t.value} | ${t.limit} | ${t.met ? 'yes' : '**no**'} | ${t.detail} |`);
    L.push('');
  }
  return L.join('\n');
}

writeOutputs(true);

function writeOutputs(final) {
  computeTargets();
  const text = markdown();
  if (final) process.stdout.write(`\n${text}\n`);
  mkdirSync(join(BENCH, 'results'), { recursive: true });
  writeFileSync(join(BENCH, 'results', `${machine.date.replace(/[:.]/g, '-')}.json`), JSON.stringify(results, null, 2));
  const out = opts.out ?? (opts.sizes.includes('large') && !opts.only ? join(REPO, 'docs', 'BENCHMARKS.md') : join(BENCH, 'BENCHMARKS-last.md'));
  const BEGIN = '<!-- bench:begin — written by `npm run bench`; edit outside these markers -->';
  const END = '<!-- bench:end -->';
  let doc = existsSync(out) ? readFileSync(out, 'utf8') : `# Benchmarks\n\n${BEGIN}\n${END}\n`;
  const a = doc.indexOf('<!-- bench:begin');
  const b = doc.indexOf(END);
  const body = final ? text : `${text}\n\n**Run in progress** — this block is rewritten as each desk finishes.\n`;
  doc = a >= 0 && b > a ? `${doc.slice(0, a)}${BEGIN}\n${body}\n${doc.slice(b)}` : `${doc.trimEnd()}\n\n${BEGIN}\n${body}\n${END}\n`;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, doc);
  if (final) say(`\nwritten: ${relative(REPO, out)} (raw figures in .bench/results/)`);
}
