// Injection and paths (issue 8 item 4): child processes run without a shell, ids and flag
// values are checked before they become paths, nothing is read or written outside the desk,
// and what a clerk types — a resident's name, a phone number with a shell command in it —
// is data: it never runs, and never reaches a commit message or a file name.
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyDesk, git, ROOT, runKefu, runKefuSync, tempDir } from '../helpers/cli.js';

const BASE_DESK = join(ROOT, 'tests', 'fixtures', 'base-desk');
const AS_OF = '2026-11-25T09:00:00+08:00';

/** Every file under `dir` (the .git folder too) with a hash of its bytes: what "nothing changed" compares. */
/**
 * Every file under `dir` by its content hash — but for the record cache's own files: any
 * run may rewrite those (a file's stamp is learnt once it has settled; src/store/cache.ts)
 * and they are kefu's git-ignored scratch, not the desk. Their folder must stay inside.
 */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = lstatSync(p);
      if (st.isDirectory() && relative(dir, p).endsWith(join('.kefu', 'cache'))) out.set(relative(dir, p), 'the record cache');
      else if (st.isDirectory()) walk(p);
      else out.set(relative(dir, p), st.isFile() ? createHash('sha256').update(readFileSync(p)).digest('hex') : 'special');
    }
  };
  walk(dir);
  return out;
}

// ── no shell ────────────────────────────────────────────────────────────

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('child processes run without a shell', () => {
  const files = sourceFiles(join(ROOT, 'src')).map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }));

  it('src/ never uses exec/execSync (which go through a shell), shell: true, or sh -c', () => {
    const offenders = files.flatMap(({ path, text }) => text.split('\n').flatMap((line, i) =>
      /\bexec(Sync)?\s*\(|\bshell\s*:\s*true|spawn(Sync)?\(\s*['"`](ba|z)?sh['"`]/.test(line.replace(/\/\/.*$/, '').replace(/\.exec\(/g, '')) ? [`${path}:${i + 1}: ${line.trim()}`] : []));
    expect(offenders).toEqual([]);
  });

  it('every git call passes its arguments as an array, never as one string', () => {
    const offenders = files.flatMap(({ path, text }) => text.split('\n').flatMap((line, i) =>
      /(execFile(Sync)?|spawn(Sync)?)\(\s*'git'\s*,\s*[`'"]/.test(line) ? [`${path}:${i + 1}: ${line.trim()}`] : []));
    expect(offenders).toEqual([]);
  });

  it('git add and git commit name their paths after `--`', () => {
    const calls = files.flatMap(({ path, text }) => [...text.matchAll(/\[[^\]]*'(add|commit|checkout|rm|diff|log|show|ls-files)'[^\]]*\]/g)].map((m) => ({ path, call: m[0] })));
    const withPaths = calls.filter((c) => /\.\.\.(paths|files)\b/.test(c.call));
    expect(withPaths.length).toBeGreaterThan(0);
    for (const c of withPaths) expect(c.call, c.path).toMatch(/'--',\s*\.\.\./);
  });
});

// ── ids and flag values never become paths ────────────────────────────────

describe('ids and flag values are checked before they become paths', () => {
  let desk: string;
  let outside: string;
  let before: Map<string, string>;
  let head: string;

  beforeAll(() => {
    const top = tempDir('kefu-inject-');
    desk = join(top, 'desk');
    outside = join(top, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'x.yaml'), 'secret: CANARY-INJECT-91b2\n');
    const copy = copyDesk(BASE_DESK);
    git(top, ['init', '--quiet', '-b', 'main', desk]);
    // the base desk, committed
    for (const name of readdirSync(copy)) writeTree(join(copy, name), join(desk, name));
    rmSync(copy, { recursive: true, force: true });
    git(desk, ['add', '-A']);
    git(desk, ['commit', '--quiet', '-m', 'base desk']);
    // the first kefu call registers the merge driver (git config): let it, then take the snapshot
    expect(runKefuSync(['validate', '-C', desk, '--as-of', AS_OF]).status).toBe(0);
    before = snapshot(join(top));
    head = git(desk, ['rev-parse', 'HEAD']).trim();
  });

  afterAll(() => rmSync(join(desk, '..'), { recursive: true, force: true }));

  const HOSTILE: [string, string[]][] = [
    ['complaint show ../../etc/passwd', ['complaint', 'show', '../../etc/passwd']],
    ['complaint show of an absolute path', ['complaint', 'show', '/etc/passwd']],
    ['complaint show TS-../../x', ['complaint', 'show', 'TS-../../x']],
    ['explain TS-20261125-AB12/../../x', ['explain', 'TS-20261125-AB12/../../x']],
    ['explain an id reaching outside the desk', ['explain', '../outside/x']],
    ['workorder show ../../x', ['workorder', 'show', '../../x']],
    ['roster show --month ../x', ['roster', 'show', '--month', '../x']],
    ['roster show --month 2026-12/../../x', ['roster', 'show', '--month', '2026-12/../../x']],
    ['roster show --team ../x', ['roster', 'show', '--team', '../x']],
    ['roster check --team ../../outside/x', ['roster', 'check', '--month', '2026-12', '--team', '../../outside/x']],
    ['roster generate --month ../x (a write)', ['roster', 'generate', '--month', '../x', '--no-commit']],
    ['duty show --date ../../x', ['duty', 'show', '--date', '../../x']],
    ['duty show --date 2026-11-25/../../x', ['duty', 'show', '--date', '2026-11-25/../../x']],
    ['complaint escalate ../x (a write)', ['complaint', 'escalate', '../x', '--to', 'S01', '--by', 'S02']],
    ['complaint note of an id with a NUL', ['complaint', 'note', 'TS-20261120-K7Q2\u0001', '--text', 'x', '--by', 'S02']],
    ['duty update of an entry id with ../', ['duty', 'update', 'D-20261125-E2H6/../../x', '--status', 'done', '--by', 'S03']],
    ['callback record for a subject with ../', ['callback', 'record', '--subject', '../../outside/x', '--method', 'phone', '--outcome', 'completed', '--by', 'S02']],
    ['--at with a path in it (a write)', ['duty', 'log', '--at', '../../x', '--kind', 'consult', '--channel', 'phone', '--content', 'x', '--by', 'S02']],
  ];

  it.each(HOSTILE)('%s: a clear error (exit 2), nothing read or written outside the desk, nothing written inside', async (_title, args) => {
    const r = await runKefu([...args, '-C', desk, '--as-of', AS_OF, '--lang', 'en', '--no-color']);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^kefu: /);
    expect(r.stderr).not.toMatch(/this is a bug|Error:|at .*\.js:\d+/);
    expect(r.stdout + r.stderr).not.toMatch(/CANARY-INJECT|root:x:0/);
    expect(snapshot(join(desk, '..'))).toEqual(before);
    expect(git(desk, ['rev-parse', 'HEAD']).trim()).toBe(head);
  });

  it.each([
    ['-C /', ['/']],
    ['-C /etc', ['/etc']],
    ['-C /dev/null', ['/dev/null']],
    ['-C a folder that does not exist', ['/nonexistent/kefu-desk']],
    ['-C a desk path with ../ into a folder without a desk', ['<outside>']],
    ['-C a name with a newline', ['bad\nname']],
  ])('%s: no desk found, a clear error (exit 2)', async (_title, [dir]) => {
    const where = dir === '<outside>' ? join(desk, '..', 'outside', '..', 'outside') : dir!;
    const r = await runKefu(['validate', '-C', where, '--lang', 'en', '--no-color'], { cwd: tempDir() });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^kefu: .*(desk|kefu\.yaml)/i);
    expect(r.stderr).not.toMatch(/this is a bug/);
    expect(snapshot(join(desk, '..'))).toEqual(before);
  });
});

// ── what a clerk types is data ─────────────────────────────────────────────

describe('names and phone numbers given on the command line are data', () => {
  let desk: string;
  let pwned: string;

  beforeAll(() => {
    const top = tempDir('kefu-inject-');
    desk = join(top, 'desk');
    pwned = join(top, 'pwned');
    git(top, ['init', '--quiet', '-b', 'main', desk]);
    const copy = copyDesk(BASE_DESK);
    for (const name of readdirSync(copy)) writeTree(join(copy, name), join(desk, name));
    rmSync(copy, { recursive: true, force: true });
    git(desk, ['add', '-A']);
    git(desk, ['commit', '--quiet', '-m', 'base desk']);
  });

  afterAll(() => rmSync(join(desk, '..'), { recursive: true, force: true }));

  const SHELL = (p: string) => [`; touch ${p}`, `$(touch ${p})`, `\`touch ${p}\``, `| touch ${p}`, `&& touch ${p}`];

  it('a phone number with a shell command in it is refused as a phone number, and runs nothing', async () => {
    for (const tail of SHELL(pwned)) {
      const r = await runKefu(['duty', 'log', '-C', desk, '--at', '2026-11-25T09:10:00+08:00', '--as-of', AS_OF, '--kind', 'consult', '--channel', 'phone', '--content', '咨询', '--phone', `13900001234${tail}`, '--by', 'S03', '--lang', 'en']);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/phone/i);
      expect(existsSync(pwned)).toBe(false);
    }
    expect(git(desk, ['status', '--porcelain'])).toBe('');
  });

  it('shell syntax in free text is kept as text, runs nothing, and stays out of commit messages and file names', async () => {
    const name = '王$(touch PWNED)小明';
    const phone = '13912345678';
    const content = SHELL(pwned).join(' ');
    const log = await runKefu(['duty', 'log', '-C', desk, '--at', '2026-11-25T09:20:00+08:00', '--as-of', AS_OF, '--kind', 'consult', '--channel', 'phone', '--content', content, '--name', name, '--phone', phone, '--unit', '3-1201', '--by', 'S03', '--lang', 'en']);
    expect(log.status, log.stderr).toBe(0);
    const complaint = await runKefu(['complaint', 'new', '-C', desk, '--at', '2026-11-25T09:25:00+08:00', '--as-of', AS_OF, '--channel', 'phone', '--unit', '3-1201', '--name', name, '--phone', phone, '--category', 'noise', '--summary', content, '--severity', 'minor', '--by', 'S03', '--lang', 'en']);
    expect(complaint.status, complaint.stderr).toBe(0);
    expect(existsSync(pwned)).toBe(false);
    expect(existsSync(join(desk, 'PWNED'))).toBe(false);

    // the text is in the records as typed
    const duty = readFileSync(join(desk, 'duty/2026/11/2026-11-25.yaml'), 'utf8');
    expect(duty).toContain(phone);
    const { parse } = await import('yaml');
    const items = (parse(duty) as { log: { content?: string; from?: { name?: string } }[] }).log;
    expect(items.at(-1)!.content).toBe(content);
    expect(items.at(-1)!.from?.name).toBe(name);

    // …and nowhere in git's messages, author fields or file names
    const history = git(desk, ['log', '--format=%an%n%ae%n%s%n%b', '--name-only']);
    for (const secret of [phone, '王', '小明', 'touch', 'PWNED']) expect(history, secret).not.toContain(secret);
    const tracked = git(desk, ['ls-files']);
    expect(tracked).not.toMatch(/1391234|王|touch/);
  });
});

/** Copies a file or folder (helpers/cli copyDesk makes its own temp folder; here the target is a git work tree). */
function writeTree(from: string, to: string): void {
  if (lstatSync(from).isDirectory()) {
    mkdirSync(to, { recursive: true });
    for (const name of readdirSync(from)) writeTree(join(from, name), join(to, name));
  } else {
    writeFileSync(to, readFileSync(from));
  }
}
