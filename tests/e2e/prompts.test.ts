// Prompts in a real terminal: tmux runs kefu, send-keys types, capture-pane reads.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newDesk, runKefuSync as runKefu } from '../helpers/cli.js';
import { hasTmux, Terminal } from '../helpers/terminal.js';

const term = new Terminal('prompts');

describe.skipIf(!hasTmux)('staff add prompts on a terminal', () => {
  let desk: string;
  beforeEach(() => {
    desk = newDesk([['S09', '王芳', 'supervisor']]);
    term.start(`staff add -C ${desk}`);
  });
  afterEach(() => {
    term.kill();
  });

  it('asks for what is missing, with the next free id as default, and writes the member', async () => {
    await term.waitFor('Staff id');
    expect(term.screen()).toContain('S10');
    term.keys('Enter');
    await term.waitFor('Name');
    term.typeLine('孙丽');
    await term.waitFor('Roles');
    term.keys('Down', 'Space', 'Enter'); // the second role: clerk
    await term.waitFor('Phone');
    term.typeLine('13800009999');
    await term.waitFor(/Added S10/);
    const staff = readFileSync(join(desk, 'staff.yaml'), 'utf8');
    expect(staff).toContain('  - id: S10\n    name: 孙丽\n    roles:\n      - clerk\n    phone: "13800009999"\n');
    expect(await term.exitStatus()).toBe(0);
  });

  it('Ctrl-C at a prompt writes nothing and exits 130', async () => {
    const before = readFileSync(join(desk, 'staff.yaml'), 'utf8');
    await term.waitFor('Staff id');
    term.keys('Enter');
    await term.waitFor('Name');
    term.type('孙');
    term.keys('C-c');
    await term.waitFor('nothing was written');
    expect(await term.exitStatus()).toBe(130);
    expect(readFileSync(join(desk, 'staff.yaml'), 'utf8')).toBe(before);
  });
});

describe.skipIf(!hasTmux)('duty log prompts on a terminal', () => {
  let desk: string;
  const dutyFile = () => join(desk, 'duty', '2026', '11', '2026-11-25.yaml');
  beforeEach(() => {
    desk = newDesk([['S02', '李娜', 'clerk']]);
    // one entry already there, so the clerk who logged last is the default
    expect(runKefu(['duty', 'log', '-C', desk, '--at', '2026-11-26T01:00:00+08:00', '--by', 'S02', '--kind', 'notice', '--content', '巡查正常']).status).toBe(0);
    term.start(`duty log -C ${desk} --at 2026-11-26T02:10`);
  });
  afterEach(() => {
    term.kill();
  });

  it('a phone call typed in full lands in the night\'s duty day', async () => {
    await term.waitFor('Kind');
    term.keys('Down', 'Down', 'Enter'); // repair
    await term.waitFor('Channel');
    term.keys('Enter'); // phone, the default
    await term.waitFor('Unit');
    term.typeLine('3-1201');
    await term.waitFor('Caller');
    term.typeLine('李先生');
    await term.waitFor('Phone');
    term.keys('Enter');
    await term.waitFor('What happened');
    term.typeLine('厨房水龙头漏水');
    await term.waitFor('Action taken');
    term.typeLine('已通知维修部');
    await term.waitFor(/Logged by.*S02/);
    term.keys('Enter');
    await term.waitFor(/Logged D-20261125-/);
    expect(await term.exitStatus()).toBe(0);
    const text = readFileSync(dutyFile(), 'utf8');
    expect(text).toMatch(/ {4}at: "2026-11-26T02:10:00\+08:00"\n {4}by: S02\n {4}shift: day24\n {4}channel: phone\n {4}kind: repair\n {4}from:\n {6}name: 李先生\n {6}unit: 3-1201\n {4}content: 厨房水龙头漏水\n {4}action: 已通知维修部\n {4}status: open\n$/);
  });

  it('Ctrl-C halfway leaves the file unchanged', async () => {
    const before = readFileSync(dutyFile(), 'utf8');
    await term.waitFor('Kind');
    term.keys('Enter');
    await term.waitFor('Channel');
    term.keys('Enter');
    await term.waitFor('Unit');
    term.type('5-0302');
    term.keys('C-c');
    await term.waitFor('nothing was written');
    expect(await term.exitStatus()).toBe(130);
    expect(readFileSync(dutyFile(), 'utf8')).toBe(before);
  });
});

describe.skipIf(!hasTmux)('the morning handover on a terminal', () => {
  it('asks for the counts and offers to turn the night entry into a work order', async () => {
    const desk = newDesk([['S02', '李娜', 'clerk'], ['S03', '张伟', 'clerk']]);
    const entry = runKefu(['duty', 'log', '-C', desk, '--at', '2026-11-26T02:00:00+08:00', '--by', 'S02', '--kind', 'repair', '--content', '地库积水']).stdout.trim();
    term.start(`duty handover -C ${desk} --at 2026-11-26T08:25`, { cols: 140, rows: 40 });
    try {
      await term.waitFor('Handing over');
      term.typeLine('S02');
      await term.waitFor('Taking over');
      term.typeLine('S03');
      for (const item of ['对讲机', '钥匙', '值班记录本']) {
        await term.waitFor(`${item}: counted`);
        term.keys('Enter'); // as expected
      }
      await term.waitFor(`${entry} still open`);
      term.keys('Down', 'Enter'); // a work order
      await term.waitFor(/Handover S02 → S03 recorded/);
      expect(await term.exitStatus()).toBe(0);
      expect(readdirSync(join(desk, 'workorders', '2026', '11'))).toHaveLength(1);
      expect(runKefu(['validate', '-C', desk]).status).toBe(0);
    } finally {
      term.kill();
    }
  });
});
