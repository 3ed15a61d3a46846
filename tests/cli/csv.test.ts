// CSV cells (RFC 4180) that a spreadsheet cannot mistake for formulas.
import { describe, expect, it } from 'vitest';
import { csvCell, renderCsv } from '../../src/cli/render/csv.js';

describe('csv', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(renderCsv([['a,b', 'say "hi"', 'two\nlines', 'plain']])).toBe('"a,b","say ""hi""","two\nlines",plain\n');
  });

  it('a cell starting like a formula stays text; numbers stay numbers', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('+86 139')).toBe("'+86 139");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-1')).toBe('-1');
    expect(csvCell('-0.25')).toBe('-0.25');
    expect(csvCell('3-1201')).toBe('3-1201');
  });
});
