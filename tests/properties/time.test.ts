// toLocal remembers offsets per hour (src/domain/time.ts); Intl is the oracle.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatInstant, fromLocal, toLocal } from '../../src/domain/time.js';

const intl = (epochMs: number, timeZone: string) => {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(epochMs)) p[part.type] = part.value;
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}:${p.second}` };
};

// fixed offset, US DST, a half-hour DST (Lord Howe), a 45-minute offset, and a zone that skipped a day (Apia 2011-12-30)
const zones = ['Asia/Shanghai', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Apia', 'Europe/London'];

describe('toLocal agrees with Intl to the second', () => {
  it('at random instants 1900–2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.constantFrom(...zones), (t, zone) => {
        expect(toLocal(t, zone)).toEqual(intl(t, zone));
      }),
      { numRuns: 3000 },
    );
  });

  it('the second before and after every offset change of 2026 in New York and Lord Howe', () => {
    // 2026-03-08 07:00Z (NY spring), 2026-11-01 06:00Z (NY fall), 2026-04-04 15:00Z and 2026-10-03 15:30Z (Lord Howe)
    for (const [iso, zone] of [['2026-03-08T07:00:00Z', 'America/New_York'], ['2026-11-01T06:00:00Z', 'America/New_York'], ['2026-04-04T15:00:00Z', 'Australia/Lord_Howe'], ['2026-10-03T15:30:00Z', 'Australia/Lord_Howe']] as const) {
      const t = Date.parse(iso);
      for (const d of [-1000, -1, 0, 999, 1000]) expect(toLocal(t + d, zone)).toEqual(intl(t + d, zone));
    }
    expect(toLocal(Date.parse('2026-11-01T05:59:59Z'), 'America/New_York').time).toBe('01:59:59');
    expect(toLocal(Date.parse('2026-11-01T06:00:00Z'), 'America/New_York').time).toBe('01:00:00');
  });

  it('every minute of the hours around each change of 2026, asked latest first and then earliest first (the hours share their starts)', () => {
    for (const [iso, zone] of [['2026-03-08T07:00:00Z', 'America/New_York'], ['2026-11-01T06:00:00Z', 'America/New_York'], ['2026-10-03T15:30:00Z', 'Australia/Lord_Howe'], ['2026-04-05T16:00:00Z', 'Pacific/Chatham']] as const) {
      const t = Date.parse(iso);
      const minutes = Array.from({ length: 4 * 60 + 1 }, (_, i) => t - 2 * 3_600_000 + i * 60_000);
      for (const m of [...minutes].reverse()) expect(toLocal(m, zone), `${zone} ${new Date(m).toISOString()}`).toEqual(intl(m, zone));
      for (const m of minutes) expect(toLocal(m - 1000, zone)).toEqual(intl(m - 1000, zone));
    }
  });

  it('fromLocal and formatInstant round-trip every quarter hour of a Shanghai day', () => {
    for (let m = 0; m < 24 * 60; m += 15) {
      const hhmm = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      expect(formatInstant(fromLocal('2026-11-26', hhmm, 'Asia/Shanghai'), 'Asia/Shanghai')).toBe(`2026-11-26T${hhmm}:00+08:00`);
    }
  });
});
