// The shipped statutory calendar (节假日 + 调休) and how a desk's kefu.yaml lists merge into it.
import { describe, expect, it } from 'vitest';
import {
  CN_STATUTORY,
  CN_STATUTORY_SOURCE,
  calendarCoverage,
  deskCalendar,
  statutoryHolidayName,
  uncoveredYears,
  type StatutoryYear,
} from '../../src/domain/calendar/index.js';
import { isWorkday } from '../../src/domain/deadlines.js';
import { resolveConfig } from '../../src/domain/records/config.js';
import { isoWeekday } from '../../src/domain/time.js';

const allHolidays = CN_STATUTORY.flatMap((y) => y.festivals.flatMap((f) => f.holidays));
const allWorkdays = CN_STATUTORY.flatMap((y) => y.festivals.flatMap((f) => f.workdays));
const isRealDate = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;
const festival = (year: number, name: string) => CN_STATUTORY.find((y) => y.year === year)?.festivals.find((f) => f.name === name);
const range = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = from; d <= to; d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) out.push(d);
  return out;
};

describe('shipped data sanity', () => {
  it('covers 2024, 2025 and 2026 at least, years ascending, from a named source', () => {
    expect(calendarCoverage()).toEqual(expect.arrayContaining([2024, 2025, 2026]));
    expect(calendarCoverage()).toEqual([...calendarCoverage()].sort((a, b) => a - b));
    expect(CN_STATUTORY_SOURCE.package).toBe('chinese-days');
    for (const y of CN_STATUTORY) expect(y.notice).toBe(`国务院办公厅关于${y.year}年部分节假日安排的通知`);
  });
  it('every date is a real YYYY-MM-DD inside its year', () => {
    for (const y of CN_STATUTORY) {
      for (const d of y.festivals.flatMap((f) => [...f.holidays, ...f.workdays])) {
        expect(isRealDate(d), d).toBe(true);
        expect(d.startsWith(`${y.year}-`), d).toBe(true);
      }
    }
  });
  it('make-up workdays fall on a Saturday or Sunday', () => {
    for (const d of allWorkdays) expect(isoWeekday(d), d).toBeGreaterThanOrEqual(6);
  });
  it('no date is both a holiday and a make-up workday, and none is listed twice', () => {
    const holidays = new Set(allHolidays);
    expect(holidays.size).toBe(allHolidays.length);
    expect(new Set(allWorkdays).size).toBe(allWorkdays.length);
    expect(allWorkdays.filter((d) => holidays.has(d))).toEqual([]);
  });
  it('every year has the seven festivals', () => {
    for (const y of CN_STATUTORY) {
      expect(new Set(y.festivals.map((f) => f.name)), String(y.year)).toEqual(new Set(['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']));
    }
  });
});

describe('2026 as announced by the State Council (2025-11-04)', () => {
  const notice: [string, string, string, string[]][] = [
    ['元旦', '2026-01-01', '2026-01-03', ['2026-01-04']],
    ['春节', '2026-02-15', '2026-02-23', ['2026-02-14', '2026-02-28']],
    ['清明节', '2026-04-04', '2026-04-06', []],
    ['劳动节', '2026-05-01', '2026-05-05', ['2026-05-09']],
    ['端午节', '2026-06-19', '2026-06-21', []],
    ['中秋节', '2026-09-25', '2026-09-27', []],
    ['国庆节', '2026-10-01', '2026-10-07', ['2026-09-20', '2026-10-10']],
  ];
  it.each(notice)('%s: %s → %s off, make-up %j', (name, from, to, workdays) => {
    expect(festival(2026, name)).toEqual({ name, holidays: range(from, to), workdays });
  });
  it('names a holiday by its festival', () => {
    expect(statutoryHolidayName('2026-10-01')).toBe('国庆节');
    expect(statutoryHolidayName('2026-02-15')).toBe('春节');
    expect(statutoryHolidayName('2026-10-10')).toBeUndefined(); // a make-up workday
    expect(statutoryHolidayName('2026-11-25')).toBeUndefined();
  });
});

describe('2024 and 2025, cross-checked with their notices', () => {
  it('2024: 春节 02-10..17 (make-up 02-04, 02-18), 国庆节 10-01..07 (make-up 09-29, 10-12)', () => {
    expect(festival(2024, '春节')).toEqual({ name: '春节', holidays: range('2024-02-10', '2024-02-17'), workdays: ['2024-02-04', '2024-02-18'] });
    expect(festival(2024, '国庆节')).toEqual({ name: '国庆节', holidays: range('2024-10-01', '2024-10-07'), workdays: ['2024-09-29', '2024-10-12'] });
    expect(festival(2024, '劳动节')?.workdays).toEqual(['2024-04-28', '2024-05-11']);
  });
  it('2025: 春节 01-28..02-04 (make-up 01-26, 02-08), 国庆节+中秋节 10-01..08 (make-up 09-28, 10-11)', () => {
    expect(festival(2025, '春节')).toEqual({ name: '春节', holidays: range('2025-01-28', '2025-02-04'), workdays: ['2025-01-26', '2025-02-08'] });
    const golden = [...(festival(2025, '国庆节')?.holidays ?? []), ...(festival(2025, '中秋节')?.holidays ?? [])].sort();
    expect(golden).toEqual(range('2025-10-01', '2025-10-08'));
    expect(festival(2025, '国庆节')?.workdays).toEqual(['2025-09-28', '2025-10-11']);
  });
});

describe('deskCalendar: shipped ∪ the desk, the desk winning', () => {
  const tz = { timezone: 'Asia/Shanghai', calendar: 'workdays' as const };
  it('with no desk lists, is the shipped calendar', () => {
    const cal = deskCalendar(tz);
    expect(cal.holidays).toEqual([...new Set(allHolidays)].sort());
    expect(cal.workdays).toEqual([...new Set(allWorkdays)].sort());
    expect(cal).toMatchObject(tz);
  });
  it('a desk holiday is added, a desk workday is added; sorted, no duplicates', () => {
    const cal = deskCalendar(tz, { holidays: ['2027-01-01', '2026-10-01'], workdays: ['2027-02-06'] });
    expect(cal.holidays).toContain('2027-01-01');
    expect(cal.holidays.filter((d) => d === '2026-10-01')).toHaveLength(1);
    expect(cal.workdays).toContain('2027-02-06');
    expect(cal.holidays).toEqual([...cal.holidays].sort());
  });
  it('a desk workday overrides a shipped holiday, a desk holiday a shipped make-up day', () => {
    const cal = deskCalendar(tz, { holidays: ['2026-10-10'], workdays: ['2026-10-02'] });
    expect(cal.holidays).not.toContain('2026-10-02');
    expect(cal.workdays).toContain('2026-10-02');
    expect(cal.workdays).not.toContain('2026-10-10');
    expect(isWorkday('2026-10-02', cal)).toBe(true);
    expect(isWorkday('2026-10-10', cal)).toBe(false);
  });
  it('takes another shipped table (for tests and future years)', () => {
    const shipped: StatutoryYear[] = [{ year: 2030, notice: 'x', festivals: [{ name: '元旦', holidays: ['2030-01-01'], workdays: [] }] }];
    expect(deskCalendar(tz, {}, shipped)).toEqual({ ...tz, holidays: ['2030-01-01'], workdays: [] });
    expect(calendarCoverage(shipped)).toEqual([2030]);
  });
});

describe('uncoveredYears', () => {
  it('flags years neither shipped nor listed by the desk', () => {
    const cal = deskCalendar({ timezone: 'Asia/Shanghai', calendar: 'workdays' });
    expect(uncoveredYears(['2026-12-31', '2027-01-04', '2027-01-05'], cal)).toEqual([2027]);
    expect(uncoveredYears(['2026-12-31'], cal)).toEqual([]);
    expect(uncoveredYears(['2027-01-04'], deskCalendar({ timezone: 'Asia/Shanghai', calendar: 'workdays' }, { holidays: ['2027-01-01'] }))).toEqual([]);
  });
});

describe('resolveConfig gives every caller the merged calendar', () => {
  it('defaults to the shipped days', () => {
    const c = resolveConfig({ property: 'x' });
    expect(c.holidays).toEqual(expect.arrayContaining(range('2026-10-01', '2026-10-07')));
    expect(c.workdays).toEqual(expect.arrayContaining(['2026-09-20', '2026-10-10']));
  });
  it("merges kefu.yaml's lists, the desk winning", () => {
    const c = resolveConfig({ property: 'x', holidays: ['2027-01-01', '2026-10-10'], workdays: ['2026-10-02'] });
    expect(c.holidays).toContain('2027-01-01');
    expect(c.holidays).not.toContain('2026-10-02');
    expect(c.workdays).toContain('2026-10-02');
    expect(c.workdays).not.toContain('2026-10-10');
  });
});
