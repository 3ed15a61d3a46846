// SPEC §5 deadline rules at their boundaries: the second before and after.
import { describe, expect, it } from 'vitest';
import { deadlineFrom, isOverdue, isWorkday, parseWithin } from '../../src/domain/deadlines.js';
import { formatInstant, toEpoch } from '../../src/domain/time.js';

const calendar = { timezone: 'Asia/Shanghai', calendar: 'calendar' as const, holidays: [], workdays: [] };
// National Day 2026 as in the example desk: 10-01..10-07 off, Sunday 09-27 and Saturday 10-10 worked
const workdays = {
  timezone: 'Asia/Shanghai',
  calendar: 'workdays' as const,
  holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
  workdays: ['2026-09-27', '2026-10-10'],
};
const due = (start: string, spec: string, cal = calendar) => formatInstant(deadlineFrom(toEpoch(start), spec, cal).due, 'Asia/Shanghai');

describe('within N days / hours / same day (SPEC §5)', () => {
  it('within 3 days of 11-20 10:05 ends at 23:59:59 on 11-23', () => {
    expect(due('2026-11-20T10:05:00+08:00', '3d')).toBe('2026-11-23T23:59:59+08:00');
  });
  it('counts from the local date, whatever offset the event was written with', () => {
    // 2026-11-20T17:00Z is 01:00 on the 21st in Shanghai
    expect(due('2026-11-20T17:00:00Z', '2d')).toBe('2026-11-23T23:59:59+08:00');
  });
  it('same day ends at 23:59:59 of the event day; within 1 hour is exactly an hour later', () => {
    expect(due('2026-11-20T23:30:00+08:00', 'same_day')).toBe('2026-11-20T23:59:59+08:00');
    expect(due('2026-11-20T23:30:00+08:00', '1h')).toBe('2026-11-21T00:30:00+08:00');
  });
  it('overdue from the second after the deadline, not at it', () => {
    const d = deadlineFrom(toEpoch('2026-11-20T10:05:00+08:00'), '3d', calendar).due;
    expect(isOverdue(d, toEpoch('2026-11-23T23:59:59+08:00'))).toBe(false);
    expect(isOverdue(d, toEpoch('2026-11-24T00:00:00+08:00'))).toBe(true);
    expect(isOverdue(d, toEpoch('2026-11-24T00:00:00+08:00'), toEpoch('2026-11-23T12:00:00+08:00'))).toBe(false);
    expect(isOverdue(d, toEpoch('2026-11-24T00:00:00+08:00'), toEpoch('2026-11-24T09:00:00+08:00'))).toBe(true);
  });
  it('rejects what the schema would not admit', () => {
    expect(parseWithin('10d')).toEqual({ unit: 'day', n: 10 });
    expect(() => parseWithin('3 days')).toThrow();
  });
});

describe('workdays with holidays and make-up days 调休', () => {
  it('a make-up Sunday is a workday, a holiday Thursday is not', () => {
    expect(isWorkday('2026-09-27', workdays)).toBe(true);
    expect(isWorkday('2026-10-01', workdays)).toBe(false);
    expect(isWorkday('2026-10-10', workdays)).toBe(true);
    expect(isWorkday('2026-10-11', workdays)).toBe(false);
  });
  it('within 2 workdays of Friday 09-25: Sunday 09-27 (make-up) and Monday 09-28', () => {
    const d = deadlineFrom(toEpoch('2026-09-25T15:00:00+08:00'), '2d', workdays);
    expect(d.counted).toEqual(['2026-09-27', '2026-09-28']);
    expect(formatInstant(d.due, 'Asia/Shanghai')).toBe('2026-09-28T23:59:59+08:00');
  });
  it('within 3 workdays of 09-30 skips the whole National Day week', () => {
    const d = deadlineFrom(toEpoch('2026-09-30T09:00:00+08:00'), '3d', workdays);
    expect(d.counted).toEqual(['2026-10-08', '2026-10-09', '2026-10-10']);
  });
  it('calendar days ignore holidays', () => {
    expect(due('2026-09-30T09:00:00+08:00', '3d')).toBe('2026-10-03T23:59:59+08:00');
  });
});
