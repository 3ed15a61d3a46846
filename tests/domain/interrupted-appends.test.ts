// kefu's notes of unfinished appends, as `kefu validate` reports them
// (src/domain/interrupted-appends.ts). No disk: diagnostics and notes in, diagnostics out.
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { describe as describeCode } from '../../src/diagnostics/catalogue.js';
import { reportInterruptedAppends } from '../../src/domain/interrupted-appends.js';

const DAY = 'duty/2026/11/2026-11-25.yaml';
const at = (code: Diagnostic['code'], file: string, line: number, col = 5): Diagnostic => ({ code, severity: 'error', file, line, col, params: {} });

describe('an interrupted append reported by validate', () => {
  it('a cut the file does not show: TORN_TAIL where the cut item starts, nothing about what it lacks', () => {
    const found = [at('SCHEMA_REQUIRED', DAY, 20), at('STAFF_UNKNOWN', DAY, 3), at('SCHEMA_REQUIRED', 'duty/2026/11/2026-11-24.yaml', 30)];
    expect(reportInterruptedAppends(found, [{ path: DAY, line: 14, col: 3 }])).toEqual([
      at('SCHEMA_REQUIRED', 'duty/2026/11/2026-11-24.yaml', 30),
      at('STAFF_UNKNOWN', DAY, 3),
      { code: 'TORN_TAIL', severity: 'error', file: DAY, line: 14, col: 3, params: { cut: 'line' } },
    ]);
  });

  it('a file whose own torn tail is reported keeps that one TORN_TAIL', () => {
    const found = [at('TORN_TAIL', DAY, 22, 9), at('SCHEMA_REQUIRED', DAY, 15)];
    expect(reportInterruptedAppends(found, [{ path: DAY, line: 14, col: 3 }])).toEqual([at('TORN_TAIL', DAY, 22, 9)]);
  });

  it('no notes: the diagnostics as they were', () => {
    const found = [at('STAFF_UNKNOWN', DAY, 3)];
    expect(reportInterruptedAppends(found, [])).toEqual(found);
  });

  it('worded for a file that ends in a newline, in both languages', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const noted = describeCode('TORN_TAIL', { cut: 'line' }, lang);
      const torn = describeCode('TORN_TAIL', {}, lang);
      expect(noted.message).not.toBe(torn.message);
      expect(noted.message).not.toMatch(/newline|换行结尾/);
    }
  });
});
