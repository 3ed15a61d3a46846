// Appends kefu began and did not finish, as `kefu validate` reports them (SPEC §2 Crash
// safety, §5.5: a torn last item reported with the file and line). A cut at a line break
// leaves a file that ends in a newline and can read as a shorter, valid item, so the file
// alone cannot show it; kefu's note of the append can (store/append.ts). The CLI reads the
// notes and passes them in: this module only places them.
import { compareDiagnostics, severityOfCode, type Diagnostic } from '../diagnostics/diagnostic.js';

/** A record file whose last append was cut off, and where its cut item starts (the column of its `-`). */
export interface InterruptedAppend {
  path: string;
  line: number;
  col: number;
}

/**
 * The diagnostics with each interrupted append as a TORN_TAIL: at the line its cut item
 * starts on — unless the file's own torn tail (no final newline) is already reported —
 * and without the findings on the cut item's lines (what a cut item lacks is not news,
 * as for any torn tail).
 */
export function reportInterruptedAppends(diagnostics: readonly Diagnostic[], appends: readonly InterruptedAppend[]): Diagnostic[] {
  if (appends.length === 0) return [...diagnostics];
  const cutFrom = new Map(appends.map((a) => [a.path, a.line]));
  const out = diagnostics.filter((d) => {
    const line = cutFrom.get(d.file);
    return line === undefined || d.code === 'TORN_TAIL' || d.line < line;
  });
  for (const { path, line, col } of appends) {
    if (out.some((d) => d.file === path && d.code === 'TORN_TAIL')) continue;
    // `cut: line` words the message for a file that does end in a newline (catalogue.ts)
    out.push({ code: 'TORN_TAIL', severity: severityOfCode('TORN_TAIL'), file: path, line, col, params: { cut: 'line' } });
  }
  return out.sort(compareDiagnostics);
}
