import { describe, expect, it } from 'vitest';
import { addDays, dutyDayOf, dutyDayWindow, formatInstant, fromLocal, isoWeekday, localDateOf, toEpoch } from '../../src/domain/time.js';

const shanghai = { timezone: 'Asia/Shanghai', duty_day_start: '08:30' };

describe('duty days (SPEC §3.4, seed 000 §4.1.2)', () => {
  it('08:29:59 belongs to the previous duty day, 08:30:00 starts the new one', () => {
    expect(dutyDayOf(toEpoch('2026-11-26T08:29:59+08:00'), shanghai)).toBe('2026-11-25');
    expect(dutyDayOf(toEpoch('2026-11-26T08:30:00+08:00'), shanghai)).toBe('2026-11-26');
  });

  it('an entry at 02:10 belongs to the previous day', () => {
    expect(dutyDayOf(toEpoch('2026-11-26T02:10:00+08:00'), shanghai)).toBe('2026-11-25');
  });

  it('reads the instant in the desk timezone, whatever offset it was written with', () => {
    // 00:29:59Z is 08:29:59 in Shanghai
    expect(dutyDayOf(toEpoch('2026-11-26T00:29:59Z'), shanghai)).toBe('2026-11-25');
    expect(dutyDayOf(toEpoch('2026-11-26T00:30:00Z'), shanghai)).toBe('2026-11-26');
  });

  it('a duty day window runs from start to the same time next day, across a month end', () => {
    const w = dutyDayWindow('2026-11-30', shanghai);
    expect(formatInstant(w.start, 'Asia/Shanghai')).toBe('2026-11-30T08:30:00+08:00');
    expect(formatInstant(w.end, 'Asia/Shanghai')).toBe('2026-12-01T08:30:00+08:00');
  });

  it('the office profile starts its day at 09:00', () => {
    const office = { timezone: 'Asia/Shanghai', duty_day_start: '09:00' };
    expect(dutyDayOf(toEpoch('2026-11-26T08:59:59+08:00'), office)).toBe('2026-11-25');
    expect(dutyDayOf(toEpoch('2026-11-26T09:00:00+08:00'), office)).toBe('2026-11-26');
  });
});

describe('local time in any timezone', () => {
  it('round-trips local wall-clock times, also across a DST change', () => {
    for (const [tz, date, time] of [
      ['Asia/Shanghai', '2026-11-25', '09:12:00'],
      ['America/New_York', '2026-03-08', '03:30:00'], // the day clocks spring forward
      ['America/New_York', '2026-11-01', '12:00:00'],
      ['Europe/London', '2026-06-30', '23:59:59'],
    ] as const) {
      const t = fromLocal(date, time, tz);
      expect(formatInstant(t, tz).slice(0, 19)).toBe(`${date}T${time}`);
    }
  });

  it('formats with the offset of the zone', () => {
    expect(formatInstant(toEpoch('2026-07-01T12:00:00Z'), 'America/New_York')).toBe('2026-07-01T08:00:00-04:00');
    expect(formatInstant(toEpoch('2026-12-01T12:00:00Z'), 'America/New_York')).toBe('2026-12-01T07:00:00-05:00');
  });

  it('local date of an instant differs by zone', () => {
    const t = toEpoch('2026-11-25T20:00:00Z');
    expect(localDateOf(t, 'Asia/Shanghai')).toBe('2026-11-26');
    expect(localDateOf(t, 'UTC')).toBe('2026-11-25');
  });

  it('date arithmetic crosses month and year ends and leap days', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(isoWeekday('2026-11-25')).toBe(3);
    expect(isoWeekday('2026-11-29')).toBe(7);
  });
});
