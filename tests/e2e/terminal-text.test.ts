// Record text is shown, never obeyed (issue 8 item 4): a note, a name or an item holding an
// ESC sequence, a C1 control or a bidi override — typed by a clerk, or written by hand as a
// YAML escape ("\e", "\x9b", "\u202e"), which the loader accepts — reaches the terminal as
// a visible escape in every text format, and as the exact data in json.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AS_OF, EXAMPLE_DESK, copyDesk, git, runKefu, runKefuSync } from '../helpers/cli.js';

/** What a terminal would obey: C0 but tab and LF, DEL, C1, line/paragraph separators, bidi controls. */
// eslint-disable-next-line no-control-regex
const OBEYED = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
/** The same, allowing only the colour sequences kefu itself writes (SGR: ESC [ n ; … m). */
// eslint-disable-next-line no-control-regex
const OBEYED_BUT_SGR = /\u001b(?!\[[0-9;]*m)|[\u0000-\u0008\u000b-\u001a\u001c-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

// clear screen, set the window title, a C1 CSI (U+009B), a right-to-left override, a tab, a line break
const ITEM = '户内跳闸\u001b[2J\u001b]0;pwned\u0007\u009b31m\u202eevil\tTAB\nline2';
const ITEM_YAML = '"户内跳闸\\e[2J\\e]0;pwned\\a\\x9b31m\\u202eevil\\tTAB\\nline2"';
const NOTE = '第一行\u001b[31m\n第二行\u2066隔离\u2069\u0085';
const NOTE_YAML = '"第一行\\e[31m\\n第二行\\u2066隔离\\u2069\\N"';
const SUMMARY = '垃圾满溢\u001b[8m藏起来\u001b[0m\u202e';
const TYPED = '问\u001b[2J\u001b]0;t\u0007\u202e反\n第二行';
const WO = 'WO-20260901-AY4Y';
const TS = 'TS-20261102-F2AR';

describe('record text with control characters in text, csv, md, html and json outputs', () => {
  let desk: string;
  let typedId: string;

  beforeAll(() => {
    desk = copyDesk(EXAMPLE_DESK);
    const edit = (file: string, from: string, to: string) => {
      const text = readFileSync(join(desk, file), 'utf8');
      expect(text, file).toContain(from);
      writeFileSync(join(desk, file), text.replace(from, to));
    };
    edit(`workorders/2026/09/${WO}.yaml`, 'item: 户内跳闸，无法合闸', `item: ${ITEM_YAML}`);
    edit(`workorders/2026/09/${WO}.yaml`, 'text: 已上门查看，需更换配件，待配件到货后维修', `text: ${NOTE_YAML}`);
    edit(`complaints/2026/11/${TS}.yaml`, 'summary: 垃圾分类点垃圾满溢', 'summary: "垃圾满溢\\e[8m藏起来\\e[0m\\u202e"');
    edit('kefu.yaml', 'property: 翠湖花园', 'property: "翠湖\\e]0;x\\a花园"');
    git(desk, ['init', '-q']);
    git(desk, ['add', '-A']);
    git(desk, ['commit', '-qm', 'desk']);
    // and what a clerk types: kefu writes it as YAML escapes, and reads it back
    const log = runKefuSync(['duty', 'log', '-C', desk, '--at', '2026-11-25T08:50:00+08:00', '--as-of', AS_OF, '--kind', 'consult', '--channel', 'phone', '--content', TYPED, '--by', 'S03', '--lang', 'en']);
    expect(log.status, log.stderr).toBe(0);
    typedId = log.stdout.trim();
  });

  it('the loader accepts these files: validate is clean', async () => {
    const r = await runKefu(['validate', '-C', desk, '--as-of', AS_OF, '--lang', 'en', '--no-color']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  const TEXT_RUNS: [string, string[], string[]][] = [
    ['wo show', ['workorder', 'show', WO], ['\\x1b[2J', '\\x1b]0;pwned\\x07', '\\x9b31m', '\\u202eevil', '\\x1b[31m', '\\u2066', '\\x85', '翠湖\\x1b]0;x\\x07花园']],
    ['wo show md', ['workorder', 'show', WO, '--format', 'md'], ['\\x1b[2J', '\\u202eevil', '翠湖\\x1b]0;x\\x07花园']],
    ['wo list', ['workorder', 'list', '--month', '2026-09'], ['\\x1b[2J', '\\u202eevil']],
    ['wo list csv', ['workorder', 'list', '--month', '2026-09', '--format', 'csv'], ['\\x1b[2J', '\\u202eevil']],
    ['complaint show', ['complaint', 'show', TS], ['\\x1b[8m藏起来\\x1b[0m\\u202e']],
    ['complaint show md', ['complaint', 'show', TS, '--format', 'md'], ['\\x1b[8m藏起来\\x1b[0m\\u202e']],
    ['explain', ['explain', WO], ['\\x1b[31m']],
    ['duty show', ['duty', 'show', '--date', '2026-11-25'], ['问\\x1b[2J\\x1b]0;t\\x07\\u202e反', '翠湖\\x1b]0;x\\x07花园']],
    ['duty show md', ['duty', 'show', '--date', '2026-11-25', '--format', 'md'], ['问\\x1b[2J\\x1b]0;t\\x07\\u202e反']],
    ['report analysis html', ['report', 'analysis', '--quarter', '2026-Q3', '--format', 'html'], ['翠湖\\x1b]0;x\\x07花园']],
    ['report kpi', ['report', 'kpi', '--month', '2026-11'], ['翠湖\\x1b]0;x\\x07花园']],
  ];

  it.each(TEXT_RUNS)('%s: nothing a terminal would obey, the escapes shown', async (_title, args, shown) => {
    const r = await runKefu([...args, '-C', desk, '--as-of', AS_OF, '--lang', 'en', '--no-color', '--reveal']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.match(OBEYED)?.[0]).toBeUndefined();
    expect(r.stderr.match(OBEYED)?.[0]).toBeUndefined();
    for (const s of shown) expect(r.stdout).toContain(s);
  });

  it('a multi-line note still breaks its line in a table; a tab becomes spaces', async () => {
    const r = await runKefu(['workorder', 'show', WO, '-C', desk, '--as-of', AS_OF, '--lang', 'en', '--no-color', '--reveal']);
    expect(r.stdout).toMatch(/\\u202eevil {4}TAB +│\n│ +│ line2 /);
    expect(r.stdout).toMatch(/第一行\\x1b\[31m +│\n│[^\n]*│ 第二行\\u2066隔离\\u2069\\x85/);
  });

  it('with colour on, the only escape sequences are kefu\'s own colours', async () => {
    for (const args of [['workorder', 'show', WO], ['complaint', 'show', TS], ['complaint', 'list', '--month', '2026-11'], ['duty', 'show', '--date', '2026-11-25'], ['explain', WO], ['report', 'kpi', '--month', '2026-11']]) {
      const r = await runKefu([...args, '-C', desk, '--as-of', AS_OF, '--lang', 'en', '--reveal'], { env: { FORCE_COLOR: '1' } });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout, args.join(' ')).toMatch(/\u001b\[3\dm/);
      expect(r.stdout.match(OBEYED_BUT_SGR)?.[0], args.join(' ')).toBeUndefined();
    }
  });

  it('json keeps the exact data, and writes even C1 and bidi controls as \\u escapes', async () => {
    const wo = await runKefu(['workorder', 'show', WO, '-C', desk, '--as-of', AS_OF, '--format', 'json', '--reveal']);
    expect(wo.stdout.match(OBEYED)?.[0]).toBeUndefined();
    expect(wo.stdout).toContain('\\u009b31m\\u202eevil');
    const view = JSON.parse(wo.stdout) as { item: string; events: { text?: string }[] };
    expect(view.item).toBe(ITEM);
    expect(view.events.find((e) => e.text !== undefined)?.text).toBe(NOTE);
    const ts = JSON.parse((await runKefu(['complaint', 'show', TS, '-C', desk, '--as-of', AS_OF, '--format', 'json'])).stdout) as { summary: string };
    expect(ts.summary).toBe(SUMMARY);
    const day = await runKefu(['duty', 'show', '--date', '2026-11-25', '-C', desk, '--as-of', AS_OF, '--format', 'json']);
    expect(day.stdout.match(OBEYED)?.[0]).toBeUndefined();
    const items = (JSON.parse(day.stdout) as { items: { id?: string; what: string }[] }).items;
    expect(items.find((i) => i.id === typedId)?.what).toContain(TYPED);
  });

  it('an error quoting a value from the command line shows it escaped', async () => {
    const r = await runKefu(['complaint', 'show', `TS-\u001b[2J\u202e`, '-C', desk, '--as-of', AS_OF, '--lang', 'en', '--no-color']);
    expect(r.status).toBe(2);
    expect(r.stderr.match(OBEYED)?.[0]).toBeUndefined();
  });
});
