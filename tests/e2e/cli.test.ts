// The built CLI as its users run it: real processes, real temp folders, real git.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AS_OF, git, runKefuSync as runKefu, tempDir } from '../helpers/cli.js';

const ANSI = /\u001b\[\d+m/;

/** A new desk with four staff, made the way a supervisor would: init + staff add. */
function newDesk(): string {
  const dir = join(tempDir(), 'desk');
  expect(runKefu(['init', dir, '--property', '翠湖花园']).status).toBe(0);
  for (const [id, name, roles, phone] of [
    ['S01', '王芳', 'supervisor', '13800001111'],
    ['S02', '李娜', 'clerk', '13800002222'],
    ['S03', '张伟', 'clerk', ''],
    ['S09', '赵强', 'maintenance', ''],
  ] as const) {
    const args = ['staff', 'add', '-C', dir, '--id', id, '--name', name, '--roles', roles, ...(phone ? ['--phone', phone] : [])];
    const r = runKefu(args);
    expect(r.stderr).toContain(`已添加 ${id} ${name}`);
    expect(r.status).toBe(0);
  }
  return dir;
}

const DAY = `# yaml-language-server: $schema=../../../schemas/duty-day.schema.json
date: "2026-11-25"
log:
  - type: entry
    id: D-20261125-AB12
    at: 2026-11-25T09:12:00+08:00
    by: S02
    channel: phone
    kind: repair
    from: { name: 李先生, unit: 3-1201, phone: "13900001234" }
    content: 厨房水龙头漏水
    status: open
  - type: entry
    id: D-20261125-AB13
    at: 2026-11-26T02:10:00+08:00
    by: S02
    channel: patrol
    kind: incident
    content: 地下车库积水
    status: open
`;

describe('kefu init and staff', () => {
  let desk: string;
  beforeAll(() => {
    desk = newDesk();
  });

  it('creates a git repository with the desk files, committed', () => {
    for (const f of ['kefu.yaml', 'staff.yaml', '.gitattributes', '.gitignore', 'README.md', 'schemas/duty-day.schema.json']) expect(existsSync(join(desk, f)), f).toBe(true);
    expect(readFileSync(join(desk, '.gitattributes'), 'utf8')).toContain('duty/**/*.yaml merge=kefu');
    expect(readFileSync(join(desk, '.gitignore'), 'utf8')).toContain('.kefu/');
    expect(readFileSync(join(desk, 'kefu.yaml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=schemas\/kefu\.schema\.json\n/);
    expect(readFileSync(join(desk, 'kefu.yaml'), 'utf8')).toContain('duty_day_start: "08:30"');
    const log = git(desk, ['log', '--format=%s']).trim().split('\n');
    expect(log).toEqual(['kefu: staff S09 added', 'kefu: staff S03 added', 'kefu: staff S02 added', 'kefu: staff S01 added', 'kefu: new desk for 翠湖花园']);
    expect(git(desk, ['status', '--porcelain'])).toBe('');
  });

  it('the office profile starts the duty day at 09:00', () => {
    const dir = join(tempDir(), 'office');
    expect(runKefu(['init', dir, '--property', '金融大厦', '--profile', 'office']).status).toBe(0);
    expect(readFileSync(join(dir, 'kefu.yaml'), 'utf8')).toContain('duty_day_start: "09:00"');
  });

  it('refuses to init over an existing desk, writing nothing', () => {
    const before = readFileSync(join(desk, 'kefu.yaml'), 'utf8');
    const r = runKefu(['--lang', 'en', 'init', desk, '--property', 'X']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('There is already a desk');
    expect(readFileSync(join(desk, 'kefu.yaml'), 'utf8')).toBe(before);
  });

  it('a new desk with staff validates clean', () => {
    const r = runKefu(['validate', '-C', desk, '--lang', 'en']);
    expect(r).toMatchObject({ status: 0, stdout: '' });
    expect(r.stderr).toBe('2 files checked, no problems.\n');
  });

  it('staff list as a table and as json', () => {
    const table = runKefu(['staff', 'list', '-C', desk, '--lang', 'en']);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/│ S01 +│ 王芳 +│ supervisor/);
    expect(table.stdout).not.toMatch(ANSI);
    const json = JSON.parse(runKefu(['staff', 'list', '-C', desk, '--format', 'json']).stdout) as { id: string; roles: string[]; phone?: string }[];
    expect(json.map((s) => s.id)).toEqual(['S01', 'S02', 'S03', 'S09']);
    expect(json[0]).toMatchObject({ roles: ['supervisor'], phone: '13800001111' });
  });

  it('staff add without a terminal names every missing flag and writes nothing', () => {
    const before = readFileSync(join(desk, 'staff.yaml'), 'utf8');
    const r = runKefu(['staff', 'add', '-C', desk, '--lang', 'en', '--name', '孙丽']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Missing --id --roles');
    const zh = runKefu(['staff', 'add', '-C', desk, '--lang', 'zh-CN', '--name', '孙丽']);
    expect(zh.stderr).toContain('缺少 --id --roles');
    expect(readFileSync(join(desk, 'staff.yaml'), 'utf8')).toBe(before);
  });

  it('staff add refuses a duplicate id and a bad role', () => {
    expect(runKefu(['staff', 'add', '-C', desk, '--lang', 'en', '--id', 'S01', '--name', '某', '--roles', 'clerk'])).toMatchObject({ status: 2, stderr: expect.stringContaining('S01 already exists (王芳)') });
    expect(runKefu(['staff', 'add', '-C', desk, '--lang', 'en', '--id', 'S20', '--name', '某', '--roles', 'boss'])).toMatchObject({ status: 2, stderr: expect.stringContaining('--roles') });
  });
});

describe('kefu validate end to end', () => {
  let desk: string;
  beforeAll(() => {
    desk = newDesk();
    mkdirSync(join(desk, 'duty/2026/11'), { recursive: true });
    writeFileSync(join(desk, 'duty/2026/11/2026-11-25.yaml'), DAY);
  });

  it('finds the desk from a subfolder, like git', () => {
    const r = runKefu(['validate', '--format', 'json', '--lang', 'en', '--as-of', AS_OF], { cwd: join(desk, 'duty/2026/11') });
    expect(JSON.parse(r.stdout).problems[0].file).toBe('duty/2026/11/2026-11-25.yaml');
  });

  it('json: every problem with file, line, col, code, severity, message, hint; exit 1', () => {
    const r = runKefu(['validate', '-C', desk, '--format', 'json', '--lang', 'en', '--as-of', AS_OF]);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      ok: false,
      problems: [{
        file: 'duty/2026/11/2026-11-25.yaml',
        line: 18,
        col: 11,
        code: 'NOTIFIED_REQUIRED',
        severity: 'error',
        message: 'An entry of kind `incident` must name who was notified',
        hint: 'Incidents and emergencies are reported at once (duty SOP, guideline 2): add `notified: [S01]`.',
      }],
    });
  });

  it('text: file:line:col  CODE  message, a code frame with a caret, and the hint', () => {
    const r = runKefu(['validate', '-C', desk, '--lang', 'en', '--as-of', AS_OF]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(`duty/2026/11/2026-11-25.yaml:18:11  NOTIFIED_REQUIRED  An entry of kind \`incident\` must name who was notified
  17 |     channel: patrol
> 18 |     kind: incident
     |           ^
  hint: Incidents and emergencies are reported at once (duty SOP, guideline 2): add \`notified: [S01]\`.
`);
    expect(r.stderr).toBe('3 files checked: 1 error, 0 warnings.\n');
  });

  it('speaks Chinese by default and when LANG says so, English when LANG says so', () => {
    expect(runKefu(['validate', '-C', desk]).stdout).toContain('类记录必须注明已通知的人');
    expect(runKefu(['validate', '-C', desk], { env: { LANG: 'zh_CN.UTF-8' } }).stdout).toContain('类记录必须注明已通知的人');
    expect(runKefu(['validate', '-C', desk], { env: { LANG: 'en_US.UTF-8' } }).stdout).toContain('must name who was notified');
    expect(runKefu(['validate', '-C', desk, '--lang', 'zh-CN'], { env: { LANG: 'en_US.UTF-8' } }).stdout).toContain('必须注明');
  });

  it('colour only on request or a terminal: FORCE_COLOR yes, NO_COLOR / --no-color / TERM=dumb / a pipe no', () => {
    expect(runKefu(['validate', '-C', desk]).stdout).not.toMatch(ANSI);
    expect(runKefu(['validate', '-C', desk], { env: { FORCE_COLOR: '1' } }).stdout).toMatch(ANSI);
    expect(runKefu(['validate', '-C', desk], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toMatch(ANSI);
    expect(runKefu(['validate', '-C', desk, '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout).not.toMatch(ANSI);
    expect(runKefu(['staff', 'list', '-C', desk], { env: { FORCE_COLOR: '1' } }).stdout).toMatch(ANSI);
    expect(runKefu(['staff', 'list', '-C', desk, '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout).not.toMatch(ANSI);
  });

  it('fixing the mistake makes it clean again', () => {
    const dir = newDesk();
    mkdirSync(join(dir, 'duty/2026/11'), { recursive: true });
    writeFileSync(join(dir, 'duty/2026/11/2026-11-25.yaml'), DAY.replace('    status: open\n', '    status: open\n').replace(/kind: incident\n/, 'kind: incident\n    notified: [S01]\n'));
    expect(runKefu(['validate', '-C', dir, '--as-of', AS_OF]).status).toBe(0);
  });
});

describe('usage errors exit 2 with a message on stderr and nothing on stdout', () => {
  const cases: [string, string[], string][] = [
    ['unknown option', ['--lang', 'en', 'validate', '--bogus'], "unknown option '--bogus'"],
    ['unknown command', ['--lang', 'en', 'frobnicate'], "unknown command 'frobnicate'"],
    ['bad --format', ['--lang', 'en', 'validate', '--format', 'xml'], '--format xml: use one of text|json.'],
    ['bad --lang', ['--lang', 'fr', 'validate'], '--lang fr：请用 zh-CN 或 en。'],
    ['no desk', ['--lang', 'en', 'validate', '-C', '/'], 'No desk here'],
  ];
  for (const [name, args, text] of cases) {
    it(name, () => {
      const r = runKefu(args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(text);
    });
  }

  it('a bad --as-of', () => {
    const dir = newDesk();
    const r = runKefu(['validate', '-C', dir, '--lang', 'en', '--as-of', 'tomorrow']);
    expect(r).toMatchObject({ status: 2, stdout: '' });
    expect(r.stderr).toContain('--as-of tomorrow is not an ISO 8601 time');
  });
});

describe('--help and --version', () => {
  it('prints the version', () => {
    const r = runKefu(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')).version);
    // the launcher answers a lone --version / -V without loading the CLI: the same bytes as commander's
    expect(runKefu(['-V'])).toEqual(r);
    expect(runKefu(['--version', '--lang', 'en'])).toEqual(r);
  });

  it('help in both languages', () => {
    const zh = runKefu(['--help']);
    expect(zh.status).toBe(0);
    expect(zh.stdout).toContain('用法：');
    expect(zh.stdout).toContain('按格式和跨记录规则检查所有记录文件');
    const en = runKefu(['--help', '--lang', 'en']);
    expect(en.stdout).toContain('Usage:');
    expect(en.stdout).toContain('check every record file against its schema');
    expect(runKefu(['help', 'validate', '--lang', 'en']).stdout).toContain('--format <format>');
  });

  it('every option of every command is described in Chinese under zh-CN: no English sentence left in a clerk\'s help', () => {
    const english = (text: string) => !/[\u4e00-\u9fa5]/.test(text) && /[a-z]{3,} [a-z]{2,}/.test(text);
    const commands = (args: string[]): string[][] => {
      // the subcommands a help lists, found from the help itself, so that a new command is looked at too
      const help = runKefu([...args, '--help', '--lang', 'en']).stdout;
      const names = [...help.slice(help.indexOf('Commands:')).matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1]!).filter((n) => n !== 'help');
      return help.includes('Commands:') ? names.flatMap((n) => commands([...args, n])) : [args];
    };
    const all = commands([]);
    expect(all.length).toBeGreaterThan(25);
    const untranslated: string[] = [];
    for (const args of all) {
      for (const line of runKefu([...args, '--help']).stdout.split('\n')) {
        const described = /^\s+-\S.*?\s{2,}(.*)$/.exec(line)?.[1] ?? /^\s{10,}(\S.*)$/.exec(line)?.[1];
        if (described && english(described)) untranslated.push(`${args.join(' ')}: ${line.trim()}`);
      }
    }
    expect(untranslated).toEqual([]);
  });
});

describe('a reader that stops early', () => {
  it('`kefu … | head -1` ends quietly with the reader: no EPIPE trace, exit 0', async () => {
    const { spawnSync } = await import('node:child_process');
    const { KEFU, EXAMPLE_DESK } = await import('../helpers/cli.js');
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${KEFU}" wo list -C "${EXAMPLE_DESK}" --as-of ${AS_OF} --lang en | head -1`], { encoding: 'utf8', env: { ...process.env, CI: '1' } });
    expect(r.stdout.split('\n')).toHaveLength(2);
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
    expect(r.status).toBe(0);
  });
});
