// Diagnostics as people read them: `file:line:col  CODE  message`, a code frame
// with a caret, and the hint (hledger Data/Errors.hs, beancount printer.py).
import type { ChalkInstance } from 'chalk';
import type { Code, Lang } from '../../diagnostics/catalogue.js';
import { renderDiagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { t } from '../../i18n/messages.js';
import { visible } from './terminal-text.js';

export interface FrameSource {
  /** the file's text by desk-relative path, for the code frame */
  textOf(file: string): string | undefined;
  /** residents' names and phone numbers masked unless --reveal (SPEC §2); absent: shown as they are */
  mask?: (text: string, file: string) => string;
}

/** Problems with the file as a whole: a frame of its first line would show nothing useful. */
const WHOLE_FILE = new Set<Code>(['FILE_EMPTY', 'FILE_UNEXPECTED']);

export function renderDiagnosticsText(diagnostics: Diagnostic[], source: FrameSource, lang: Lang, c: ChalkInstance): string {
  const blocks: string[] = [];
  // each file split once: 10,000 problems in one file must not split it 10,000 times
  const split = new Map<string, string[] | undefined>();
  const linesOf = (file: string) => {
    if (!split.has(file)) split.set(file, source.textOf(file)?.split('\n'));
    return split.get(file);
  };
  for (const d of diagnostics) {
    const r = renderDiagnostic(d, lang);
    const sev = d.severity === 'error' ? c.red(d.code) : c.yellow(d.code);
    const mask = (text: string) => (source.mask ? source.mask(text, d.file) : text);
    // a file name or a value quoted in the message may hold control characters: shown, never obeyed
    const lines = [`${c.bold(`${visible(d.file)}:${d.line}:${d.col}`)}  ${sev}  ${visible(mask(r.message))}`];
    const frame = WHOLE_FILE.has(d.code) ? undefined : codeFrame(linesOf(d.file), d.line, d.col, c, mask);
    if (frame) lines.push(frame);
    lines.push(c.dim(`  ${t(lang, 'validate.hint')}${r.hint}`));
    blocks.push(lines.join('\n'));
  }
  return blocks.length ? `${blocks.join('\n\n')}\n` : '';
}

/** The offending line with one line of context above and a caret under the column. */
export function codeFrame(text: string | readonly string[] | undefined, line: number, col: number, c: ChalkInstance, mask: (text: string) => string = (x) => x): string | undefined {
  if (text === undefined || text === '' || (typeof text !== 'string' && text.length === 1 && text[0] === '')) return undefined;
  const lines = typeof text === 'string' ? text.split('\n') : text;
  if (line < 1 || line > lines.length) return undefined;
  const width = String(line).length;
  const out: string[] = [];
  // a tab is shown as → so that a tab where spaces belong can be seen; control characters escaped
  const shown = (raw: string) => visible(mask(raw).replace(/\t/g, '→'));
  // A long line is shown as a window around the column (a 10 MB line must not print 10 MB),
  // and only the part of it near the window is masked and escaped: masking the whole line for
  // each of 50,000 problems on it took minutes. The part is cut where a masked value cannot
  // straddle the cut (frameSlice), so what is shown is masked exactly as the whole line would be.
  const show = (n: number, mark: boolean, around: number) => {
    const raw = lines[n - 1] ?? '';
    const { a, b } = frameSlice(raw, around - 2 * FRAME_WIDTH, around + 2 * FRAME_WIDTH);
    const part = raw.slice(a, b);
    // the masked text before the column: masking may shorten it, the caret must still line up
    const before = shown(part.slice(0, Math.max(0, around - a)));
    // (cut at `a`, the line before it is not masked; it is at least 2 × FRAME_WIDTH long, but
    // masked names can shorten it: the window then starts where the part does)
    const start = mark && (a > 0 || before.length > FRAME_WIDTH - 40) ? Math.max(0, before.length - (FRAME_WIDTH - 80)) : 0;
    const content = shown(b === raw.length ? part.replace(/\r$/, '') : part);
    const more = b < raw.length;
    const end = start + FRAME_WIDTH >= content.length && !more ? content.length : Math.min(content.length, start + FRAME_WIDTH - 3);
    const lead = start > 0 || a > 0 ? '…' : '';
    const clipped = `${lead}${content.slice(start, end)}${end < content.length || more ? '…' : ''}`;
    out.push(`${mark ? c.red('>') : ' '} ${String(n).padStart(width)} | ${clipped}`);
    return `${lead}${before.slice(start)}`;
  };
  if (line > 1) show(line - 1, false, 0);
  const before = show(line, true, col - 1);
  out.push(`  ${' '.repeat(width)} | ${' '.repeat(displayWidth(before))}${c.red('^')}`);
  return out.join('\n');
}

/**
 * Where to cut a long line around [start, end) before masking it: widened to a `,`, `}` or
 * `#` (or the line's ends). A masked value — a `name:` or `phone:` value with its key, a
 * mobile number (privacy.ts) — never holds one of these, so none straddles the cut: a part
 * cut there is masked exactly as the whole line would be, and no digit of a number cut in
 * two is shown unmasked.
 */
export function frameSlice(raw: string, start: number, end: number): { a: number; b: number } {
  let a = Math.max(0, Math.min(start, raw.length));
  while (a > 0 && !FRAME_CUT.has(raw.charCodeAt(a - 1))) a--;
  let b = Math.max(a, Math.min(end, raw.length));
  while (b < raw.length && !FRAME_CUT.has(raw.charCodeAt(b))) b++;
  return { a, b };
}

const FRAME_CUT = new Set([0x2c, 0x7d, 0x23]); // , } #

/** How many characters of a line a code frame shows. */
const FRAME_WIDTH = 160;

/** Columns a string takes in a terminal: CJK characters take two (the caret must line up). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    w += (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd) ? 2 : 1;
  }
  return w;
}
