// Prompts in a real terminal: tmux runs kefu, send-keys types, capture-pane reads.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEFU, tempDir } from './cli.js';

/** Whether tmux is installed; the terminal tests are skipped without it. */
export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

function tmux(...args: string[]): string {
  return spawnSync('tmux', args, { encoding: 'utf8' }).stdout;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One tmux session running the built kefu. The session is named after `name` and
 * this process, so test files running side by side never share a session.
 */
export class Terminal {
  private readonly session: string;
  private statusFile = '';

  constructor(name: string) {
    this.session = `kefu-${name}-test-${process.pid}`;
  }

  /**
   * Starts `kefu --lang en ARGS` (ARGS as a shell would split them) in a new detached
   * session of `cols` × `rows`. When kefu ends, the shell writes its exit status for
   * exitStatus() and keeps the session, and so the last screen, open.
   */
  start(args: string, { cols = 120, rows = 30 }: { cols?: number; rows?: number } = {}): void {
    this.statusFile = join(tempDir(), 'status');
    // CI must not leak into the terminal session, or kefu rightly refuses to prompt
    const command = `env -u CI LANG=C.UTF-8 ${process.execPath} ${KEFU} --lang en ${args}; echo "exit=$?" > ${this.statusFile}; sleep 60`;
    tmux('new-session', '-d', '-s', this.session, '-x', String(cols), '-y', String(rows), command);
  }

  /** What the terminal shows now. */
  screen(): string {
    return tmux('capture-pane', '-p', '-t', this.session);
  }

  /** Waits until the screen shows `text` (or matches it) and returns that screen. */
  async waitFor(text: string | RegExp, timeoutMs = 10_000): Promise<string> {
    const started = Date.now();
    for (;;) {
      const screen = this.screen();
      if (typeof text === 'string' ? screen.includes(text) : text.test(screen)) return screen;
      if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${String(text)}; screen:\n${screen}`);
      await sleep(100);
    }
  }

  /** Types text literally (CJK too), without pressing Enter. */
  type(text: string): void {
    tmux('send-keys', '-t', this.session, '-l', text);
  }

  /** Types text literally (CJK too) and presses Enter. */
  typeLine(text: string): void {
    this.type(text);
    this.keys('Enter');
  }

  /** Presses keys by their tmux names: 'Enter', 'Down', 'Space', 'C-c'. */
  keys(...keys: string[]): void {
    tmux('send-keys', '-t', this.session, ...keys);
  }

  /** The exit status of kefu, once the shell has written it. */
  async exitStatus(timeoutMs = 5_000): Promise<number> {
    const started = Date.now();
    for (;;) {
      const written = existsSync(this.statusFile) ? /^exit=(\d+)$/.exec(readFileSync(this.statusFile, 'utf8').trim()) : null;
      if (written) return Number(written[1]);
      if (Date.now() - started > timeoutMs) throw new Error(`kefu had not exited after ${timeoutMs} ms; screen:\n${this.screen()}`);
      await sleep(100);
    }
  }

  /** Ends the session; harmless when there is none. */
  kill(): void {
    tmux('kill-session', '-t', this.session);
  }
}
