// The code frame of a long line cuts the line before masking it (docs/RELIABILITY.md, hostile
// input): what it shows must be masked exactly as when the whole line was masked first, and a
// phone number or name cut in two by the window must not show its digits or characters.
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { codeFrame, displayWidth, frameSlice } from '../../src/cli/render/diagnostics.js';
import { visible } from '../../src/cli/render/terminal-text.js';
import { maskRecordText } from '../../src/domain/privacy.js';

const c = new Chalk({ level: 0 });
const mask = (text: string) => maskRecordText(text, 'workorders/2026/11/WO-20261125-H0ST.yaml');
const FRAME_WIDTH = 160;

/** The frame as kefu drew it before the cut came first: the whole line masked and escaped, then cut. */
function wholeLineFrame(lines: string[], line: number, col: number): string {
  const width = String(line).length;
  const out: string[] = [];
  const shown = (raw: string) => visible(mask(raw).replace(/\t/g, '→'));
  const before = shown((lines[line - 1] ?? '').slice(0, col - 1));
  const from = before.length > FRAME_WIDTH - 40 ? before.length - (FRAME_WIDTH - 80) : 0;
  const show = (n: number, mark: boolean, start: number) => {
    const content = shown((lines[n - 1] ?? '').replace(/\r$/, ''));
    const end = start + FRAME_WIDTH >= content.length ? content.length : start + FRAME_WIDTH - 3;
    out.push(`${mark ? '>' : ' '} ${String(n).padStart(width)} | ${start > 0 ? '…' : ''}${content.slice(start, end)}${end < content.length ? '…' : ''}`);
  };
  if (line > 1) show(line - 1, false, 0);
  show(line, true, from);
  out.push(`  ${' '.repeat(width)} | ${' '.repeat(displayWidth(`${from > 0 ? '…' : ''}${before.slice(from)}`))}^`);
  return out.join('\n');
}

// residents' numbers and names in every shape the masker knows, on one long flow line
// — and values longer than the window, which a cut near the window would split from their key
const SHORT = ['*a', '13812345678', '{name: 王小明, phone: "13912345678"}', 'x 15012345678 y', '{name: Zhang Wei}', "{phone: '0571-87654321'}", '\u001b[2J', '长长的备注'];
const ITEMS = [...SHORT, `{name: ${'Zhang Wei '.repeat(80).trim()}}`, `{phone: "${'0571 87654321 '.repeat(40).trim()}"}`];

function longLine(seed: number, items: number, kinds = ITEMS): string {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31);
  return `x-b: [${Array.from({ length: items }, () => kinds[next() % kinds.length]).join(', ')}]`;
}

describe('codeFrame on a long line', () => {
  // values no longer than the window: the frame is the same as before, byte for byte (with longer
  // ones, masked names shorten the text around the window, so the window may sit a little apart)
  it('shows exactly what masking the whole line first showed, at every column', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const lines = ['x-a: &a [x]', longLine(seed, 300, SHORT), 'events:'];
      for (let col = 1; col <= lines[1]!.length + 1; col += 7) {
        expect(codeFrame(lines, 2, col, c, mask), `seed ${seed} col ${col}`).toBe(wholeLineFrame(lines, 2, col));
      }
      // the long line as the line above another's frame, too
      expect(codeFrame(lines, 3, 1, c, mask)).toBe(wholeLineFrame(lines, 3, 1));
    }
  });

  it('never shows the digits of a number or the name the window cuts in two', () => {
    const lines = [longLine(42, 1000)];
    for (let col = 1; col <= lines[0]!.length; col += 5) {
      const frame = codeFrame(lines, 1, col, c, mask)!;
      for (const secret of ['12345678', '小明', 'hang', ' Wei', '87654321', '7654321']) expect(frame, `col ${col}`).not.toContain(secret);
      expect(frame).not.toMatch(/\d{9,}/);
      expect(frame).not.toContain('\u001b');
    }
  });

  it('is cut only at a comma, a } or a #, or at the ends of the line', () => {
    const raw = 'phone: 13812345678 name 王小明 and more';
    expect(frameSlice(raw, 10, 12)).toEqual({ a: 0, b: raw.length });
    const flow = 'a, 13812345678, {name: 王小明}, b';
    const { a, b } = frameSlice(flow, 8, 20);
    expect(flow.slice(a, b)).toBe(' 13812345678, {name: 王小明');
  });

  it('prints 50,000 frames of one 200 kB line in linear time', () => {
    const lines = ['x-a: &a [x]', `x-b: [${Array(50_000).fill('*a').join(', ')}]`];
    const started = performance.now();
    for (let i = 0; i < 50_000; i++) codeFrame(lines, 2, 7 + 4 * i, c, mask);
    // masking the whole line for each took ~20 s; cut first, well under a second on an idle machine
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
