// Tables through cli-table3, with colour only when kefu decided so (FINDINGS.md:
// cli-table3 colours its borders and heads even when piped unless told not to).
import Table from 'cli-table3';

export function renderTable(head: string[], rows: string[][], color: boolean): string {
  const table = new Table({
    head,
    style: color ? { head: ['cyan'], border: ['grey'] } : { head: [], border: [] },
  });
  table.push(...rows);
  return table.toString();
}
