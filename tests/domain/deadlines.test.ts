// SPEC §5 deadline rules at their boundaries: the second before and after.
import { describe, expect, it } from 'vitest';
import { deadlineFrom, isOverdue, isWorkday, parseWithin } from '../../src/domain/deadlines.js';
import { resolveConfig, type ConfigInput } from '../../src/domain/records/config.js';
import { formatInstant, toEpoch } from '../../src/domain/time.js';

const calendar = { timezone: 'Asia/Shanghai', calendar: 'calendar' as const, holidays: [], workdays: [] };
// A hand-made calendar, as the example desk's kefu.yaml lists it (10-01..10-07 off, Sunday
// 09-27 and Saturday 10-10 worked) — not the State Council's 2026 one, which the shipped
// calendar tests below use (there 09-27 is 中秋节 and Sunday 09-20 is the make-up day).
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
    expect(d.skipped.map((s) => `${s.date} ${s.reason}`)).toEqual([
      '2026-10-01 holiday', '2026-10-02 holiday', '2026-10-03 holiday', '2026-10-04 holiday',
      '2026-10-05 holiday', '2026-10-06 holiday', '2026-10-07 holiday',
    ]);
  });
  it('a plain weekend is skipped as a weekend', () => {
    const d = deadlineFrom(toEpoch('2026-11-20T10:05:00+08:00'), '1d', workdays); // Friday
    expect(d.counted).toEqual(['2026-11-23']);
    expect(d.skipped).toEqual([{ date: '2026-11-21', reason: 'weekend' }, { date: '2026-11-22', reason: 'weekend' }]);
  });
  it('calendar days ignore holidays', () => {
    expect(due('2026-09-30T09:00:00+08:00', '3d')).toBe('2026-10-03T23:59:59+08:00');
  });
});

// The desk's calendar as every caller gets it: resolveConfig merges the shipped
// statutory calendar (国务院办公厅关于2026年部分节假日安排的通知) with kefu.yaml's lists.
const desk = (extra: Partial<ConfigInput> = {}) => resolveConfig({ property: 'x', calendar: 'workdays', ...extra });
const shown = (ms: number) => formatInstant(ms, 'Asia/Shanghai');
const NATIONAL_DAY_2026 = ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'];

describe('workdays on the shipped statutory calendar, no desk lists', () => {
  it('within 3 workdays of 09-30 10:00: 10-01..07 off, Thu 10-08, Fri 10-09 and make-up Sat 10-10 count', () => {
    const d = deadlineFrom(toEpoch('2026-09-30T10:00:00+08:00'), '3d', desk());
    expect(d.counted).toEqual(['2026-10-08', '2026-10-09', '2026-10-10']);
    expect(shown(d.due)).toBe('2026-10-10T23:59:59+08:00');
    expect(d.skipped).toEqual(NATIONAL_DAY_2026.map((date) => ({ date, reason: 'holiday', name: '国庆节' })));
    expect(d.uncoveredYears).toEqual([]);
  });
  it('the second before the workday deadline is on time, the second after is overdue', () => {
    const { due: d } = deadlineFrom(toEpoch('2026-09-30T10:00:00+08:00'), '3d', desk());
    expect(isOverdue(d, toEpoch('2026-10-10T23:59:59+08:00'))).toBe(false);
    expect(isOverdue(d, toEpoch('2026-10-11T00:00:00+08:00'))).toBe(true);
  });
  it('Spring Festival 2026: make-up Saturday 02-14 counts, 02-15..02-23 are skipped', () => {
    const d = deadlineFrom(toEpoch('2026-02-13T10:00:00+08:00'), '3d', desk()); // Friday
    expect(d.counted).toEqual(['2026-02-14', '2026-02-24', '2026-02-25']);
    expect(shown(d.due)).toBe('2026-02-25T23:59:59+08:00');
    expect(d.skipped).toEqual(
      ['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23']
        .map((date) => ({ date, reason: 'holiday', name: '春节' })),
    );
    expect(shown(deadlineFrom(toEpoch('2026-02-12T18:00:00+08:00'), '2d', desk()).due)).toBe('2026-02-14T23:59:59+08:00');
  });
  it('calendar days still ignore the shipped holidays', () => {
    const d = deadlineFrom(toEpoch('2026-09-30T10:00:00+08:00'), '3d', desk({ calendar: 'calendar' }));
    expect(shown(d.due)).toBe('2026-10-03T23:59:59+08:00');
    expect(d.skipped).toEqual([]);
    expect(d.uncoveredYears).toEqual([]);
  });
});

describe("the desk's kefu.yaml lists add to and override the shipped calendar", () => {
  it('a desk `workdays` entry makes a shipped holiday a workday', () => {
    const d = deadlineFrom(toEpoch('2026-09-30T10:00:00+08:00'), '3d', desk({ workdays: ['2026-10-02'] }));
    expect(d.counted).toEqual(['2026-10-02', '2026-10-08', '2026-10-09']);
    expect(shown(d.due)).toBe('2026-10-09T23:59:59+08:00');
    expect(d.skipped.map((s) => s.date)).toEqual(['2026-10-01', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']);
  });
  it('a desk `holidays` entry adds a day off (no festival name)', () => {
    const d = deadlineFrom(toEpoch('2026-09-30T10:00:00+08:00'), '3d', desk({ holidays: ['2026-10-08'] }));
    expect(d.counted).toEqual(['2026-10-09', '2026-10-10', '2026-10-12']);
    expect(shown(d.due)).toBe('2026-10-12T23:59:59+08:00');
    expect(d.skipped.slice(-2)).toEqual([{ date: '2026-10-08', reason: 'holiday' }, { date: '2026-10-11', reason: 'weekend' }]);
  });
  it('a desk `holidays` entry cancels a shipped make-up Saturday', () => {
    const d = deadlineFrom(toEpoch('2026-09-30T10:00:00+08:00'), '3d', desk({ holidays: ['2026-10-10'] }));
    expect(d.counted).toEqual(['2026-10-08', '2026-10-09', '2026-10-12']);
    expect(d.skipped.slice(-2)).toEqual([{ date: '2026-10-10', reason: 'holiday' }, { date: '2026-10-11', reason: 'weekend' }]);
  });
});

describe('years without holiday data', () => {
  it('counting into a year that is neither shipped nor listed is flagged, not failed', () => {
    const d = deadlineFrom(toEpoch('2026-12-25T10:00:00+08:00'), '10d', desk());
    expect(d.uncoveredYears).toEqual([2027]);
    // weekends only in 2027: 12-28..12-31, Friday 01-01 (元旦 is not known), 01-04..01-08
    expect(shown(d.due)).toBe('2027-01-08T23:59:59+08:00');
  });
  it("a desk that lists that year's holidays is covered", () => {
    const d = deadlineFrom(toEpoch('2026-12-25T10:00:00+08:00'), '10d', desk({ holidays: ['2027-01-01'] }));
    expect(d.uncoveredYears).toEqual([]);
    expect(shown(d.due)).toBe('2027-01-11T23:59:59+08:00');
    expect(d.skipped).toContainEqual({ date: '2027-01-01', reason: 'holiday' });
  });
  it('hours and calendar days are never flagged', () => {
    expect(deadlineFrom(toEpoch('2027-03-01T10:00:00+08:00'), '1h', desk()).uncoveredYears).toEqual([]);
    expect(deadlineFrom(toEpoch('2027-03-01T10:00:00+08:00'), '3d', desk({ calendar: 'calendar' })).uncoveredYears).toEqual([]);
  });
});

describe("the desk's timezone decides, not the machine's", () => {
  const cases = () => ({
    // 2026-09-29T16:30Z is 00:30 on Wednesday 09-30 in Shanghai (09-29 in UTC and west of it)
    sameDay: shown(deadlineFrom(toEpoch('2026-09-29T16:30:00Z'), 'same_day', desk()).due),
    oneWorkday: shown(deadlineFrom(toEpoch('2026-09-29T16:30:00Z'), '1d', desk()).due),
    // the last second of Friday 10-09 in Shanghai, and the first of make-up Saturday 10-10
    beforeMidnight: shown(deadlineFrom(toEpoch('2026-10-09T15:59:59Z'), '1d', desk()).due),
    afterMidnight: shown(deadlineFrom(toEpoch('2026-10-09T16:00:00Z'), '1d', desk()).due),
  });
  const expected = {
    sameDay: '2026-09-30T23:59:59+08:00',
    oneWorkday: '2026-10-08T23:59:59+08:00',
    beforeMidnight: '2026-10-10T23:59:59+08:00',
    afterMidnight: '2026-10-12T23:59:59+08:00',
  };
  it.each(['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Shanghai'])('with the machine in %s', (tz) => {
    const saved = process.env.TZ;
    process.env.TZ = tz;
    try {
      expect(cases()).toEqual(expected);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});
