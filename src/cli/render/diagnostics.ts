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
  for (const d of diagnostics) {
    const r = renderDiagnostic(d, lang);
    const sev = d.severity === 'error' ? c.red(d.code) : c.yellow(d.code);
    const mask = (text: string) => (source.mask ? source.mask(text, d.file) : text);
    const lines = [`${c.bold(`${d.file}:${d.line}:${d.col}`)}  ${sev}  ${mask(r.message)}`];
    const frame = WHOLE_FILE.has(d.code) ? undefined : codeFrame(source.textOf(d.file), d.line, d.col, c, mask);
    if (frame) lines.push(frame);
    lines.push(c.dim(`  ${t(lang, 'validate.hint')}${r.hint}`));
    blocks.push(lines.join('\n'));
  }
  return blocks.length ? `${blocks.join('\n\n')}\n` : '';
}

/** The offending line with one line of context above and a caret under the column. */
export function codeFrame(text: string | undefined, line: number, col: number, c: ChalkInstance, mask: (text: string) => string = (x) => x): string | undefined {
  if (text === undefined || text === '') return undefined;
  const lines = text.split('\n');
  if (line < 1 || line > lines.length) return undefined;
  const width = String(line).length;
  const out: string[] = [];
  const show = (n: number, mark: boolean) => {
    // a tab is shown as → so that a tab where spaces belong can be seen
    const content = mask((lines[n - 1] ?? '').replace(/\r$/, '')).replace(/\t/g, '→');
    const clipped = content.length > 160 ? `${content.slice(0, 157)}…` : content;
    out.push(`${mark ? c.red('>') : ' '} ${String(n).padStart(width)} | ${clipped}`);
  };
  if (line > 1) show(line - 1, false);
  show(line, true);
  // the masked text before the column: masking may shorten it, the caret must still line up
  const before = mask((lines[line - 1] ?? '').slice(0, col - 1)).replace(/\t/g, '→');
  out.push(`  ${' '.repeat(width)} | ${' '.repeat(displayWidth(before))}${c.red('^')}`);
  return out.join('\n');
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
