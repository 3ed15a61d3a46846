// Tables through cli-table3, with colour only when kefu decided so (FINDINGS.md:
// cli-table3 colours its borders and heads even when piped unless told not to).
import Table from 'cli-table3';
import { visibleLines } from './terminal-text.js';

/** A cell kefu has coloured: its text was made visible (terminal-text.ts) before the colour went on. */
export interface PaintedCell {
  painted: string;
}

/** `colour(text)` as a cell: the text's own control characters escaped, kefu's colour kept. */
export function paintCell(text: string, colour: (s: string) => string): PaintedCell {
  return { painted: colour(visibleLines(text)) };
}

export type TableCell = string | PaintedCell;

/**
 * Every plain cell is record text as far as the table knows: its control characters are
 * escaped (a note may still run over several lines) and a tab becomes spaces, which
 * cli-table3 can measure.
 */
export function renderTable(head: string[], rows: readonly (readonly TableCell[])[], color: boolean): string {
  const cell = (c: TableCell) => (typeof c === 'string' ? visibleLines(c).replace(/\t/g, '    ') : c.painted);
  const table = new Table({
    head: head.map(cell),
    style: color ? { head: ['cyan'], border: ['grey'] } : { head: [], border: [] },
  });
  table.push(...rows.map((row) => row.map(cell)));
  return table.toString();
}
