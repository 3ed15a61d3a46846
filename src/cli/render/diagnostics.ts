// Diagnostics as people read them: `file:line:col  CODE  message`, a code frame
// with a caret, and the hint (hledger Data/Errors.hs, beancount printer.py).
import type { ChalkInstance } from 'chalk';
import type { Code, Lang } from '../../diagnostics/catalogue.js';
import { renderDiagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { t } from '../../i18n/messages.js';

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
  // the masked text before the column: masking may shorten it, the caret must still line up
  const before = shown((lines[line - 1] ?? '').slice(0, col - 1));
  // a long line is shown as a window around the column (a 10 MB line must not print 10 MB)
  const from = before.length > FRAME_WIDTH - 40 ? before.length - (FRAME_WIDTH - 80) : 0;
  const show = (n: number, mark: boolean, start: number) => {
    const content = shown((lines[n - 1] ?? '').replace(/\r$/, ''));
    const end = start + FRAME_WIDTH >= content.length ? content.length : start + FRAME_WIDTH - 3;
    const clipped = `${start > 0 ? '…' : ''}${content.slice(start, end)}${end < content.length ? '…' : ''}`;
    out.push(`${mark ? c.red('>') : ' '} ${String(n).padStart(width)} | ${clipped}`);
  };
  if (line > 1) show(line - 1, false, 0);
  show(line, true, from);
  out.push(`  ${' '.repeat(width)} | ${' '.repeat(displayWidth(`${from > 0 ? '…' : ''}${before.slice(from)}`))}${c.red('^')}`);
  return out.join('\n');
}

/** How many characters of a line a code frame shows. */
const FRAME_WIDTH = 160;

/**
 * Text from a desk's files as a terminal shows it, not obeys it: C0 and C1 control
 * characters, DEL, and the bidirectional overrides that reorder what is read are
 * written as escapes (`\x1b`, `\n`, `\u202e`). Tabs are left to the caller.
 */
export function visible(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (ch) => {
    if (ch === '\n') return '\\n';
    if (ch === '\r') return '\\r';
    const cp = ch.charCodeAt(0);
    return cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
  });
}

/** Columns a string takes in a terminal: CJK characters take two (the caret must line up). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    w += (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd) ? 2 : 1;
  }
  return w;
}
