// Prompts in a real terminal: tmux runs kefu, send-keys types, capture-pane reads.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEFU, runKefuSync as runKefu, tempDir } from '../helpers/cli.js';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const session = `kefu-test-${process.pid}`;

function tmux(...args: string[]): string {
  const r = spawnSync('tmux', args, { encoding: 'utf8' });
  return r.stdout;
}

/** Types text literally (CJK too) and presses Enter. */
function typeLine(text: string): void {
  tmux('send-keys', '-t', session, '-l', text);
  tmux('send-keys', '-t', session, 'Enter');
}

async function waitFor(text: string | RegExp, timeoutMs = 10_000): Promise<string> {
  const started = Date.now();
  for (;;) {
    const screen = tmux('capture-pane', '-p', '-t', session);
    if (typeof text === 'string' ? screen.includes(text) : text.test(screen)) return screen;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${String(text)}; screen:\n${screen}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!hasTmux)('staff add prompts on a terminal', () => {
  let desk: string;
  let statusFile: string;
  beforeEach(() => {
    desk = join(tempDir(), 'desk');
    expect(runKefu(['init', desk, '--property', '翠湖花园']).status).toBe(0);
    expect(runKefu(['staff', 'add', '-C', desk, '--id', 'S09', '--name', '王芳', '--roles', 'supervisor']).status).toBe(0);
    statusFile = join(tempDir(), 'status');
    // CI must not leak into the terminal session, or kefu rightly refuses to prompt
    const command = `env -u CI LANG=C.UTF-8 ${process.execPath} ${KEFU} --lang en staff add -C ${desk}; echo "exit=$?" > ${statusFile}; sleep 60`;
    tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '30', command);
  });
  afterEach(() => {
    tmux('kill-session', '-t', session);
  });

  it('asks for what is missing, with the next free id as default, and writes the member', async () => {
    await waitFor('Staff id');
    expect(tmux('capture-pane', '-p', '-t', session)).toContain('S10');
    tmux('send-keys', '-t', session, 'Enter');
    await waitFor('Name');
    typeLine('孙丽');
    await waitFor('Roles');
    tmux('send-keys', '-t', session, 'Down', 'Space', 'Enter'); // the second role: clerk
    await waitFor('Phone');
    typeLine('13800009999');
    await waitFor(/Added S10/);
    const staff = readFileSync(join(desk, 'staff.yaml'), 'utf8');
    expect(staff).toContain('  - id: S10\n    name: 孙丽\n    roles:\n      - clerk\n    phone: "13800009999"\n');
    await new Promise((r) => setTimeout(r, 300));
    expect(readFileSync(statusFile, 'utf8').trim()).toBe('exit=0');
  });

  it('Ctrl-C at a prompt writes nothing and exits 130', async () => {
    const before = readFileSync(join(desk, 'staff.yaml'), 'utf8');
    await waitFor('Staff id');
    tmux('send-keys', '-t', session, 'Enter');
    await waitFor('Name');
    tmux('send-keys', '-t', session, '-l', '孙');
    tmux('send-keys', '-t', session, 'C-c');
    await waitFor('nothing was written');
    await new Promise((r) => setTimeout(r, 300));
    expect(readFileSync(statusFile, 'utf8').trim()).toBe('exit=130');
    expect(readFileSync(join(desk, 'staff.yaml'), 'utf8')).toBe(before);
  });
});

describe.skipIf(!hasTmux)('duty log prompts on a terminal', () => {
  let desk: string;
  let statusFile: string;
  const dutyFile = () => join(desk, 'duty', '2026', '11', '2026-11-25.yaml');
  beforeEach(() => {
    desk = join(tempDir(), 'desk');
    expect(runKefu(['init', desk, '--property', '翠湖花园']).status).toBe(0);
    expect(runKefu(['staff', 'add', '-C', desk, '--id', 'S02', '--name', '李娜', '--roles', 'clerk']).status).toBe(0);
    // one entry already there, so the clerk who logged last is the default
    expect(runKefu(['duty', 'log', '-C', desk, '--at', '2026-11-26T01:00:00+08:00', '--by', 'S02', '--kind', 'notice', '--content', '巡查正常']).status).toBe(0);
    statusFile = join(tempDir(), 'status');
    const command = `env -u CI LANG=C.UTF-8 ${process.execPath} ${KEFU} --lang en duty log -C ${desk} --at 2026-11-26T02:10; echo "exit=$?" > ${statusFile}; sleep 60`;
    tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '30', command);
  });
  afterEach(() => {
    tmux('kill-session', '-t', session);
  });

  it('a phone call typed in full lands in the night\'s duty day', async () => {
    await waitFor('Kind');
    tmux('send-keys', '-t', session, 'Down', 'Down', 'Enter'); // repair
    await waitFor('Channel');
    tmux('send-keys', '-t', session, 'Enter'); // phone, the default
    await waitFor('Unit');
    typeLine('3-1201');
    await waitFor('Caller');
    typeLine('李先生');
    await waitFor('Phone');
    tmux('send-keys', '-t', session, 'Enter');
    await waitFor('What happened');
    typeLine('厨房水龙头漏水');
    await waitFor('Action taken');
    typeLine('已通知维修部');
    await waitFor(/Logged by.*S02/);
    tmux('send-keys', '-t', session, 'Enter');
    await waitFor(/Logged D-20261125-/);
    await new Promise((r) => setTimeout(r, 300));
    expect(readFileSync(statusFile, 'utf8').trim()).toBe('exit=0');
    const text = readFileSync(dutyFile(), 'utf8');
    expect(text).toMatch(/ {4}at: "2026-11-26T02:10:00\+08:00"\n {4}by: S02\n {4}shift: day24\n {4}channel: phone\n {4}kind: repair\n {4}from:\n {6}name: 李先生\n {6}unit: 3-1201\n {4}content: 厨房水龙头漏水\n {4}action: 已通知维修部\n {4}status: open\n$/);
  });

  it('Ctrl-C halfway leaves the file unchanged', async () => {
    const before = readFileSync(dutyFile(), 'utf8');
    await waitFor('Kind');
    tmux('send-keys', '-t', session, 'Enter');
    await waitFor('Channel');
    tmux('send-keys', '-t', session, 'Enter');
    await waitFor('Unit');
    tmux('send-keys', '-t', session, '-l', '5-0302');
    tmux('send-keys', '-t', session, 'C-c');
    await waitFor('nothing was written');
    await new Promise((r) => setTimeout(r, 300));
    expect(readFileSync(statusFile, 'utf8').trim()).toBe('exit=130');
    expect(readFileSync(dutyFile(), 'utf8')).toBe(before);
  });
});

describe.skipIf(!hasTmux)('the morning handover on a terminal', () => {
  it('asks for the counts and offers to turn the night entry into a work order', async () => {
    const desk = join(tempDir(), 'desk');
    expect(runKefu(['init', desk, '--property', '翠湖花园']).status).toBe(0);
    for (const [id, name] of [['S02', '李娜'], ['S03', '张伟']]) expect(runKefu(['staff', 'add', '-C', desk, '--id', id!, '--name', name!, '--roles', 'clerk']).status).toBe(0);
    const entry = runKefu(['duty', 'log', '-C', desk, '--at', '2026-11-26T02:00:00+08:00', '--by', 'S02', '--kind', 'repair', '--content', '地库积水']).stdout.trim();
    const statusFile = join(tempDir(), 'status');
    tmux('new-session', '-d', '-s', session, '-x', '140', '-y', '40', `env -u CI LANG=C.UTF-8 ${process.execPath} ${KEFU} --lang en duty handover -C ${desk} --at 2026-11-26T08:25; echo "exit=$?" > ${statusFile}; sleep 60`);
    try {
      await waitFor('Handing over');
      typeLine('S02');
      await waitFor('Taking over');
      typeLine('S03');
      for (const item of ['对讲机', '钥匙', '值班记录本']) {
        await waitFor(`${item}: counted`);
        tmux('send-keys', '-t', session, 'Enter'); // as expected
      }
      await waitFor(`${entry} still open`);
      tmux('send-keys', '-t', session, 'Down', 'Enter'); // a work order
      await waitFor(/Handover S02 → S03 recorded/);
      await new Promise((r) => setTimeout(r, 300));
      expect(readFileSync(statusFile, 'utf8').trim()).toBe('exit=0');
      expect(readdirSync(join(desk, 'workorders', '2026', '11'))).toHaveLength(1);
      expect(runKefu(['validate', '-C', desk]).status).toBe(0);
    } finally {
      tmux('kill-session', '-t', session);
    }
  });
});
