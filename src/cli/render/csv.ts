// CSV for spreadsheets (RFC 4180): a cell with a comma, quote or line break is quoted.
// A cell that a spreadsheet would run as a formula (=, +, -, @ at the start — a resident's
// text can begin with anything) is prefixed with ' so it stays text (OWASP CSV injection);
// numbers such as -1 are left alone. Control and bidi characters are written as escapes
// (terminal-text.ts): a spreadsheet has no use for them, and a terminal shown the CSV would obey them.
import { visibleInCell } from './terminal-text.js';

export function csvCell(raw: string): string {
  const value = visibleInCell(raw);
  const v = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Rows to CSV text, one line per row, ending in a newline. */
export function renderCsv(rows: readonly (readonly string[])[]): string {
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\n')}\n`;
}
