// Text from a desk's files as a terminal shows it, not obeys it. Records hold what clerks
// typed and what people edited by hand, and YAML escapes ("\e", "\x9b", "\u202e") let any
// character into a value that the loader accepts: an ESC sequence could clear the screen or
// set the window title, a C1 control (U+009B is CSI) does the same in a UTF-8 terminal, and
// the bidirectional overrides and isolates reorder what is read (CVE-2021-42574, "Trojan
// Source"). Text outputs write them as escapes (`\x1b`, `\u202e`); json keeps the data exact
// and escapes them the JSON way (`renderJson`).

// C0 but tab, DEL, C1 (NEL too), line and paragraph separators, bidi embeddings, overrides, isolates
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// the same, but a line break (LF, or CR LF) is left to break the line
// eslint-disable-next-line no-control-regex
const UNSAFE_BUT_LF = /\r(?!\n)|[\u0000-\u0008\u000b-\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(ch: string): string {
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  const cp = ch.charCodeAt(0);
  return cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
}

/**
 * One line of text as a terminal should show it: control characters (line breaks too),
 * DEL, and the bidirectional controls written as escapes (`\x1b`, `\n`, `\u202e`). Tabs are
 * left to the caller.
 */
export function visible(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/**
 * Text that may run over several lines (a note, a summary): as `visible`, but a line break
 * still breaks the line (a CR before it is dropped) and a tab is left as it is.
 */
export function visibleLines(text: string): string {
  return text.replace(UNSAFE_BUT_LF, escapeChar).replace(/\r\n/g, '\n');
}

/**
 * A cell of a format that quotes its own line breaks (CSV): as `visible`, but tab, LF and CR
 * are left to the format's quoting.
 */
export function visibleInCell(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, escapeChar);
}

/**
 * Data as json for stdout. JSON.stringify escapes C0 controls but writes DEL, C1 controls,
 * U+2028/2029 and the bidi controls raw; they can only stand inside strings, so writing them
 * as `\uXXXX` is the same data, and a terminal shown the json obeys none of them.
 */
export function renderJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
