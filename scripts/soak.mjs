#!/usr/bin/env node
// The soak of issue 8 (docs/RELIABILITY.md): N appends by two concurrent writers, each
// in its own clone of one desk, with a sync loop between the clones through a shared
// bare remote. Each writer runs `kefu duty log` in a loop (one process per append, as a
// clerk would); a third loop runs `kefu sync` in each clone in turn, while the writers
// write. At the end both clones sync until they agree, and the soak checks that
// `kefu validate` and `kefu audit` are clean in both and that every append — tagged with
// a unique marker — is present exactly once, unchanged, in both.
//
//   node scripts/soak.mjs [--appends N] [--dir DIR] [--pause MS] [--json] [--resume]
//
// --appends N  appends in all, split between the two writers (default 50000: hours at
//              ~0.5 s per kefu call — see docs/RELIABILITY.md for the measured rate)
// --dir DIR    where to make the desk, remote and clones (default: a new temp folder)
// --pause MS   pause between two rounds of the sync loop (default 2000)
// --json       print the summary as JSON on stdout
// --resume     go on with the soak already in --dir (one stopped by a kill, a reboot…):
//              each writer starts after the last of its markers in its own clone, so an
//              append cut off before it was written is made again, as a clerk would.
//              The soak's legs are kept in DIR/soak-legs.json, updated every minute.
//
// Exit status 0 when every check holds, 1 when one fails, 2 on bad arguments.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const KEFU = fileURLToPath(new URL('../bin/kefu.js', import.meta.url));

function parseArgs(argv) {
  const options = { appends: 50000, dir: undefined, pause: 2000, json: false, resume: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--appends') options.appends = Number(argv[++i]);
    else if (arg === '--dir') options.dir = argv[++i];
    else if (arg === '--pause') options.pause = Number(argv[++i]);
    else if (arg === '--json') options.json = true;
    else if (arg === '--resume') options.resume = true;
    else {
      process.stderr.write(`soak: unknown argument ${arg}\nusage: node scripts/soak.mjs [--appends N] [--dir DIR] [--pause MS] [--json] [--resume]\n`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(options.appends) || options.appends < 2) {
    process.stderr.write('soak: --appends takes a whole number ≥ 2\n');
    process.exit(2);
  }
  if (options.resume && options.dir === undefined) {
    process.stderr.write('soak: --resume needs the --dir of the soak to go on with\n');
    process.exit(2);
  }
  return options;
}

/** A neutral environment: no prompts, English messages, no colour. */
const ENV = { ...process.env, CI: '1', NO_COLOR: '1', LANG: 'C.UTF-8' };
delete ENV.LC_ALL;
delete ENV.FORCE_COLOR;

function kefuSync(args, cwd) {
  const r = spawnSync(process.execPath, [KEFU, ...args, '--lang', 'en'], { cwd, env: ENV, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function kefu(args, cwd) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [KEFU, ...args, '--lang', 'en'], { cwd, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stderr += b));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function git(cwd, args) {
  const r = spawnSync('git', ['-c', 'user.name=Soak', '-c', 'user.email=soak@example.com', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The desk: kefu init, two clerks, pushed to a bare remote and cloned twice. */
function makeDesks(root) {
  const seed = join(root, 'seed');
  const must = (r, what) => {
    if (r.status !== 0) throw new Error(`${what}: ${r.stderr}`);
  };
  must(kefuSync(['init', seed, '--property', '翠湖花园'], root), 'kefu init');
  for (const [id, name, roles] of [['S01', '王芳', 'supervisor'], ['S02', '李娜', 'clerk'], ['S03', '张伟', 'clerk']]) {
    must(kefuSync(['staff', 'add', '-C', seed, '--id', id, '--name', name, '--roles', roles], root), 'kefu staff add');
  }
  const origin = join(root, 'origin.git');
  git(root, ['init', '--quiet', '--bare', '--initial-branch=main', origin]);
  git(seed, ['remote', 'add', 'origin', origin]);
  git(seed, ['push', '--quiet', '-u', 'origin', 'main']);
  const clones = ['a', 'b'].map((name) => join(root, name));
  for (const clone of clones) git(root, ['clone', '--quiet', origin, clone]);
  return { origin, clones };
}

/**
 * The writers' clock: writer w's i-th entry is timed at START + i × STEP + w minutes, so
 * both writers fill the same duty days at the same pace (every sync merges a day both
 * appended to) and a day holds ~140 entries, as a busy desk's would — not one file that
 * grows without end. All of it is in the past, so every check sees every entry.
 */
const START = Date.parse('2024-01-01T08:31:00+08:00');
const STEP_MS = 10 * 60_000;
const atOf = (writer, i) => new Date(START + i * STEP_MS + writer * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const markerOf = (writer, i) => `SOAK-${'ab'[writer]}-${String(i).padStart(6, '0')}`;

async function writer(clone, w, from, count, stats) {
  for (let i = from; i < count; i++) {
    const started = performance.now();
    let r = await kefu(['duty', 'log', '-C', clone, '--at', atOf(w, i), '--by', w === 0 ? 'S02' : 'S03', '--kind', 'consult', '--content', markerOf(w, i)], clone);
    // "Another kefu process is writing … nothing was written" (exit 2): a clerk tries again, and so may the soak — exit 2 wrote nothing
    for (let retry = 0; r.status === 2 && /Another kefu process/.test(r.stderr) && retry < 3; retry++) {
      stats.lockRetries++;
      r = await kefu(['duty', 'log', '-C', clone, '--at', atOf(w, i), '--by', w === 0 ? 'S02' : 'S03', '--kind', 'consult', '--content', markerOf(w, i)], clone);
    }
    stats.appendMs.push(performance.now() - started);
    if (r.status !== 0) {
      stats.failedAppends.push({ writer: 'ab'[w], i, status: r.status, stderr: r.stderr.trim().split('\n').slice(0, 3).join(' | ') });
    }
    if (r.stderr.includes('not committed')) stats.uncommitted++;
    stats.made[w] = i + 1;
  }
}

/** Where writer w goes on from: after the last of its markers in its own clone (0 for a new soak). */
function resumeFrom(clone, w) {
  let last = -1;
  const own = new RegExp(`^SOAK-${'ab'[w]}-(\\d{6})$`);
  for (const file of dutyFiles(clone)) {
    for (const item of parse(readFileSync(file, 'utf8'))?.log ?? []) {
      const m = own.exec(item.content ?? '');
      if (m) last = Math.max(last, Number(m[1]));
    }
  }
  return last + 1;
}

function syncKind(r) {
  if (r.status === 0) return 'ok';
  if (/conflict/i.test(r.stderr)) return 'conflict';
  if (/push .* failed/.test(r.stderr)) return 'push-rejected'; // the other clone pushed first: the next round pulls it
  if (/Another kefu process/.test(r.stderr)) return 'locked';
  return 'other';
}

async function syncLoop(clones, done, stats, pause) {
  while (!done.value) {
    for (const clone of clones) {
      const started = performance.now();
      const r = await kefu(['sync', '-C', clone], clone);
      stats.syncMs.push(performance.now() - started);
      const kind = syncKind(r);
      stats.syncs[kind] = (stats.syncs[kind] ?? 0) + 1;
      if (kind === 'conflict' || kind === 'other') stats.syncErrors.push(r.stderr.trim().split('\n').slice(0, 4).join(' | '));
      if (kind === 'conflict') return; // a conflict between append-only clones is a failure: stop and report
    }
    await sleep(pause);
  }
}

/** Syncs both clones until they and the remote hold the same commit. */
function settle(clones, origin) {
  for (let round = 0; round < 10; round++) {
    for (const clone of clones) kefuSync(['sync', '-C', clone], clone);
    const heads = clones.map((c) => git(c, ['rev-parse', 'HEAD']).trim());
    const remote = git(origin, ['rev-parse', 'main']).trim();
    if (heads.every((h) => h === remote)) return { rounds: round + 1, head: remote };
  }
  return undefined;
}

function dutyFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.yaml')) out.push(p);
    }
  };
  walk(join(dir, 'duty'));
  return out;
}

/** Every marker in the clone's duty log, with how often it appears and whether its entry is as written. */
function markersIn(clone) {
  const seen = new Map();
  let changed = 0;
  for (const file of dutyFiles(clone)) {
    const doc = parse(readFileSync(file, 'utf8'));
    for (const item of doc.log ?? []) {
      const m = /^SOAK-([ab])-(\d{6})$/.exec(item.content ?? '');
      if (!m) continue;
      seen.set(item.content, (seen.get(item.content) ?? 0) + 1);
      const w = m[1] === 'a' ? 0 : 1;
      if (Date.parse(item.at) !== Date.parse(atOf(w, Number(m[2]))) || item.by !== (w === 0 ? 'S02' : 'S03') || item.type !== 'entry') changed++;
    }
  }
  return { seen, changed, files: dutyFiles(clone).map((f) => relative(clone, f)) };
}

function percentile(xs, p) {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const root = options.dir ?? mkdtempSync(join(tmpdir(), 'kefu-soak-'));
  mkdirSync(root, { recursive: true });
  const started = performance.now();
  const legsFile = join(root, 'soak-legs.json');
  let origin;
  let clones;
  let legs = [];
  if (options.resume) {
    origin = join(root, 'origin.git');
    clones = ['a', 'b'].map((name) => join(root, name));
    if (![origin, ...clones].every((p) => existsSync(p))) {
      process.stderr.write(`soak: ${root} holds no soak to go on with (origin.git, a and b)\n`);
      process.exit(2);
    }
    if (existsSync(legsFile)) legs = JSON.parse(readFileSync(legsFile, 'utf8'));
  } else {
    ({ origin, clones } = makeDesks(root));
  }
  const perWriter = [Math.ceil(options.appends / 2), Math.floor(options.appends / 2)];
  const from = clones.map((clone, w) => (options.resume ? resumeFrom(clone, w) : 0));
  const stats = { appendMs: [], syncMs: [], failedAppends: [], lockRetries: 0, uncommitted: 0, syncs: {}, syncErrors: [], made: [...from] };
  // This leg, as far as it has gone: written every minute, so a leg stopped by a kill still counts
  const previous = legs.at(-1);
  if (previous) previous.appendsMade = from[0] + from[1] - previous.from[0] - previous.from[1]; // as found now: it may have been stopped between two of its minutely saves
  const leg = { started: new Date().toISOString(), from, appendsMade: 0, seconds: 0 };
  legs.push(leg);
  const saveLegs = () => {
    Object.assign(leg, {
      appendsMade: stats.made[0] - from[0] + stats.made[1] - from[1],
      seconds: Math.round((performance.now() - started) / 1000),
      failedAppends: stats.failedAppends.length,
      syncs: stats.syncs,
      appendMsP50: Math.round(percentile(stats.appendMs, 50)),
    });
    writeFileSync(`${legsFile}.tmp`, `${JSON.stringify(legs, null, 2)}\n`);
    renameSync(`${legsFile}.tmp`, legsFile);
  };
  const ticker = setInterval(saveLegs, 60_000);
  saveLegs();
  const done = { value: false };
  const loop = syncLoop(clones, done, stats, options.pause);
  await Promise.all(clones.map((clone, w) => writer(clone, w, from[w], perWriter[w], stats)));
  done.value = true;
  await loop;
  clearInterval(ticker);
  saveLegs();
  const writeSeconds = (performance.now() - started) / 1000;
  const settled = settle(clones, origin);

  const checks = [];
  const check = (name, ok, detail = '') => checks.push({ name, ok, ...(detail ? { detail } : {}) });
  check('no append failed', stats.failedAppends.length === 0, JSON.stringify(stats.failedAppends.slice(0, 5)));
  check('no sync stopped on a conflict or an unexpected error', (stats.syncs.conflict ?? 0) === 0 && (stats.syncs.other ?? 0) === 0, stats.syncErrors.slice(0, 3).join(' || '));
  check('both clones and the remote settle on one commit', settled !== undefined);
  for (const [k, clone] of clones.entries()) {
    const name = 'ab'[k];
    const v = kefuSync(['validate', '-C', clone], clone);
    check(`kefu validate is clean in clone ${name}`, v.status === 0, v.stdout.split('\n').slice(0, 3).join(' | '));
    const a = kefuSync(['audit', '-C', clone], clone);
    check(`kefu audit is clean in clone ${name}`, a.status === 0, (a.stdout + a.stderr).split('\n').slice(0, 3).join(' | '));
    const status = git(clone, ['status', '--porcelain']).trim();
    check(`clone ${name} has nothing uncommitted`, status === '', status.slice(0, 200));
    const { seen, changed } = markersIn(clone);
    const missing = [];
    const twice = [];
    for (let w = 0; w < 2; w++) {
      for (let i = 0; i < perWriter[w]; i++) {
        const n = seen.get(markerOf(w, i)) ?? 0;
        if (n === 0) missing.push(markerOf(w, i));
        if (n > 1) twice.push(markerOf(w, i));
      }
    }
    check(`clone ${name}: every one of the ${options.appends} appends present`, missing.length === 0, missing.slice(0, 5).join(', '));
    check(`clone ${name}: no append present twice`, twice.length === 0 && seen.size === options.appends, twice.slice(0, 5).join(', '));
    check(`clone ${name}: every entry as it was written`, changed === 0, `${changed} changed`);
  }
  const totalSeconds = (performance.now() - started) / 1000;
  const summary = {
    appends: options.appends,
    dir: root,
    seconds: { writing: Math.round(writeSeconds), total: Math.round(totalSeconds) },
    appendMs: { mean: Math.round(stats.appendMs.reduce((s, x) => s + x, 0) / stats.appendMs.length), p50: Math.round(percentile(stats.appendMs, 50)), p95: Math.round(percentile(stats.appendMs, 95)), max: Math.round(Math.max(...stats.appendMs)) },
    appendsPerSecond: Number((leg.appendsMade / writeSeconds).toFixed(2)),
    legs,
    syncs: stats.syncs,
    syncMs: { p50: Math.round(percentile(stats.syncMs, 50)), p95: Math.round(percentile(stats.syncMs, 95)) },
    uncommittedNotes: stats.uncommitted,
    lockRetries: stats.lockRetries,
    dutyDays: markersIn(clones[0]).files.length,
    commits: Number(git(clones[0], ['rev-list', '--count', 'HEAD']).trim()),
    checks,
    ok: checks.every((c) => c.ok),
  };
  if (options.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else {
    process.stdout.write(`soak: ${summary.appends} appends, ${leg.appendsMade} of them in this leg${legs.length > 1 ? ` (leg ${legs.length})` : ''}, in ${summary.seconds.writing} s (${summary.appendsPerSecond}/s; one append p50 ${summary.appendMs.p50} ms, p95 ${summary.appendMs.p95} ms), ${JSON.stringify(summary.syncs)} syncs, ${summary.commits} commits over ${summary.dutyDays} duty days; checks done in ${summary.seconds.total} s in all\n`);
    for (const c of checks) process.stdout.write(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}${!c.ok && c.detail ? ` — ${c.detail}` : ''}\n`);
    process.stdout.write(`  desk, remote and clones: ${root}\n`);
  }
  process.exit(summary.ok ? 0 : 1);
}

await main();
