// Properties (issue 8 item 3) of the deadline engine (SPEC §5 preamble), the local
// calendar it counts in (time.ts) and the duty-day mapping (SPEC §3.4), in a zone without
// daylight saving (Asia/Shanghai) and zones with it (America/New_York; Australia/Lord_Howe,
// whose clocks move by half an hour), under random holiday and make-up-day calendars.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deadlineFrom, dueFrom, isWorkday, type DeskCalendar } from '../../src/domain/deadlines.js';
import { addDays, dutyDayOf, dutyDayWindow, formatInstant, fromLocal, isoWeekday, localDateOf, toLocal } from '../../src/domain/time.js';

const RUNS = Number(process.env.KEFU_PROPERTY_RUNS ?? 300);
const ZONES = ['Asia/Shanghai', 'America/New_York', 'Australia/Lord_Howe', 'America/Santiago', 'UTC', 'Asia/Kathmandu'] as const;
const DST_ZONES = ['America/New_York', 'Australia/Lord_Howe', 'America/Santiago'] as const;

const FROM = Date.UTC(2023, 0, 1);
const TO = Date.UTC(2027, 11, 31);
/** An instant, to the second (record times have no milliseconds). */
const instant = fc.integer({ min: FROM / 1000, max: TO / 1000 }).map((s) => s * 1000);
/** Instants near the DST changes of 2024–2026 (March, April, October, November), where mistakes hide. */
const nearDstChange = fc.record({
  year: fc.integer({ min: 2024, max: 2026 }),
  month: fc.constantFrom(2, 3, 9, 10), // 0-based: March, April, October, November
  day: fc.integer({ min: 1, max: 10 }),
  minute: fc.integer({ min: 0, max: 48 * 60 }),
}).map(({ year, month, day, minute }) => Date.UTC(year, month, day) + minute * 60_000);
const anyInstant = fc.oneof(instant, nearDstChange);

const dateIn = (from: string, days: number) => fc.integer({ min: 0, max: days }).map((d) => addDays(from, d));
const spec = fc.oneof(
  fc.constant('same_day'),
  fc.integer({ min: 0, max: 40 }).map((n) => `${n}d`),
  fc.integer({ min: 0, max: 200 }).map((n) => `${n}h`),
);

/** A desk calendar: its zone, how days count, and random holidays and make-up workdays. */
const calendar: fc.Arbitrary<DeskCalendar> = fc.record({
  timezone: fc.constantFrom(...ZONES),
  calendar: fc.constantFrom('calendar' as const, 'workdays' as const),
  holidays: fc.uniqueArray(dateIn('2022-12-01', 5 * 366), { maxLength: 120 }),
  workdays: fc.uniqueArray(dateIn('2022-12-01', 5 * 366), { maxLength: 30 }),
});

const clockTime = fc.record({ h: fc.integer({ min: 0, max: 23 }), m: fc.integer({ min: 0, max: 59 }) }).map(({ h, m }) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);

describe('deadline engine (SPEC §5)', () => {
  it(`monotone in time: a later start never gives an earlier due — ${RUNS} runs`, () => {
    fc.assert(fc.property(calendar, spec, anyInstant, anyInstant, (cal, s, a, b) => {
      const [t1, t2] = a <= b ? [a, b] : [b, a];
      expect(deadlineFrom(t1, s, cal).due).toBeLessThanOrEqual(deadlineFrom(t2, s, cal).due);
    }), { numRuns: RUNS });
  });

  it(`dueFrom (remembered per calendar, rule and start date) always equals deadlineFrom's due — ${RUNS} runs`, () => {
    fc.assert(fc.property(calendar, spec, fc.array(anyInstant, { minLength: 1, maxLength: 8 }), (cal, s, starts) => {
      for (const t of [...starts, ...starts]) expect(dueFrom(t, s, cal)).toBe(deadlineFrom(t, s, cal).due);
    }), { numRuns: RUNS });
  });

  it(`a deadline is never before its start; "within N hours" is exactly N hours — ${RUNS} runs`, () => {
    fc.assert(fc.property(calendar, spec, anyInstant, (cal, s, t) => {
      const { due } = deadlineFrom(t, s, cal);
      expect(due).toBeGreaterThanOrEqual(t);
      if (s.endsWith('h')) expect(due - t).toBe(Number(s.slice(0, -1)) * 3_600_000);
    }), { numRuns: RUNS });
  });

  it(`"within N days" is due at 23:59:59 local of a date ≥ the start's, N counted days later — ${RUNS} runs`, () => {
    fc.assert(fc.property(calendar, fc.integer({ min: 0, max: 40 }), anyInstant, (cal, n, t) => {
      const d = deadlineFrom(t, n === 0 ? 'same_day' : `${n}d`, cal);
      const start = localDateOf(t, cal.timezone);
      const due = toLocal(d.due, cal.timezone);
      expect(due.time).toBe('23:59:59');
      expect(due.date >= start).toBe(true);
      expect(d.counted).toHaveLength(n);
      // the days walked are exactly the dates after the start's, up to the due date
      const walked = [...d.counted, ...d.skipped.map((x) => x.date)].sort();
      const expected: string[] = [];
      for (let day = addDays(start, 1); day <= due.date; day = addDays(day, 1)) expected.push(day);
      expect(walked).toEqual(expected);
      if (cal.calendar === 'calendar') {
        expect(due.date).toBe(addDays(start, n));
        expect(d.skipped).toEqual([]);
      } else {
        // workdays: every counted day is one, every skipped day is not, and the last day counts
        for (const day of d.counted) expect(isWorkday(day, cal), day).toBe(true);
        for (const { date, reason } of d.skipped) {
          expect(isWorkday(date, cal), date).toBe(false);
          expect(reason).toBe(cal.holidays.includes(date) ? 'holiday' : 'weekend');
        }
        if (n > 0) expect(d.counted[n - 1]).toBe(due.date);
      }
    }), { numRuns: RUNS });
  });

  it(`a make-up workday (调休) always counts, a listed holiday on a weekday never does — ${RUNS} runs`, () => {
    fc.assert(fc.property(calendar, dateIn('2023-01-01', 4 * 365), (cal, date) => {
      if (cal.workdays.includes(date)) expect(isWorkday(date, cal)).toBe(true);
      else if (cal.holidays.includes(date)) expect(isWorkday(date, cal)).toBe(false);
      else expect(isWorkday(date, cal)).toBe(isoWeekday(date) <= 5);
    }), { numRuns: RUNS });
  });
});

describe('local calendar (time.ts)', () => {
  it(`an instant's local date and time lead back to it (DST: to the same wall clock) — ${RUNS} runs`, () => {
    fc.assert(fc.property(fc.constantFrom(...ZONES), anyInstant, (tz, t) => {
      const local = toLocal(t, tz);
      const back = fromLocal(local.date, local.time, tz);
      expect(toLocal(back, tz)).toEqual(local);
      // only a wall-clock time that occurs twice (the hour the clocks go back) may lead elsewhere
      if (back !== t) expect(Math.abs(back - t)).toBeLessThanOrEqual(3_600_000);
      expect(Date.parse(formatInstant(t, tz))).toBe(t);
      expect(localDateOf(t, tz)).toBe(local.date);
    }), { numRuns: RUNS });
  });

  it(`a wall-clock time that exists is found again: toLocal(fromLocal(d, hh:mm)) — ${RUNS} runs`, () => {
    fc.assert(fc.property(fc.constantFrom(...ZONES), dateIn('2023-01-01', 4 * 365), clockTime, (tz, date, time) => {
      const t = fromLocal(date, time, tz);
      const local = toLocal(t, tz);
      const skipped = local.date !== date || local.time !== `${time}:00`;
      // a time in the gap the clocks jump over does not exist: it maps within the jump (≤ 1 h)
      if (skipped) {
        expect(DST_ZONES as readonly string[]).toContain(tz);
        expect(Math.abs(Date.parse(`${local.date}T${local.time}Z`) - Date.parse(`${date}T${time}:00Z`))).toBeLessThanOrEqual(3_600_000);
      }
    }), { numRuns: RUNS });
  });

  it(`calendar arithmetic: addDays round-trips, a week keeps the weekday — ${RUNS} runs`, () => {
    fc.assert(fc.property(dateIn('1999-01-01', 40 * 366), fc.integer({ min: -5000, max: 5000 }), (date, n) => {
      expect(addDays(addDays(date, n), -n)).toBe(date);
      expect(isoWeekday(addDays(date, 7 * (n % 100)))).toBe(isoWeekday(date));
      expect(addDays(date, n) > date).toBe(n > 0);
    }), { numRuns: RUNS });
  });
});

describe('duty days (SPEC §3.4, seed 000 §4.1.2)', () => {
  it(`every instant belongs to exactly one duty day, whose window holds it — ${RUNS} runs`, () => {
    fc.assert(fc.property(fc.constantFrom(...ZONES), clockTime, anyInstant, (timezone, start, t) => {
      const clock = { timezone, duty_day_start: start };
      const day = dutyDayOf(t, clock);
      const w = dutyDayWindow(day, clock);
      expect(w.start, `${day} starts after ${new Date(t).toISOString()}`).toBeLessThanOrEqual(t);
      expect(t, `${day} ends before ${new Date(t).toISOString()}`).toBeLessThan(w.end);
      // and no other day's window holds it: the windows tile the timeline
      expect(dutyDayWindow(addDays(day, -1), clock).end).toBe(w.start);
      expect(dutyDayWindow(addDays(day, 1), clock).start).toBe(w.end);
    }), { numRuns: RUNS });
  });

  it(`…also where the clocks skip or repeat the hour holding duty_day_start (DST) — ${RUNS} runs`, () => {
    // the cases fast-check found: New York 2026-03-08 02:30 (skipped) and 2026-11-01 01:30
    // (twice); Lord Howe's half-hour changes, 2026-10-04 02:15 and 2026-04-05 01:45
    const cases = fc.constantFrom(
      ['America/New_York', '2026-03-08', '02:30'], ['America/New_York', '2026-11-01', '01:30'], ['America/New_York', '2025-03-09', '02:00'],
      ['Australia/Lord_Howe', '2026-10-04', '02:15'], ['Australia/Lord_Howe', '2026-04-05', '01:45'], ['America/Santiago', '2026-09-06', '00:30'],
    );
    fc.assert(fc.property(cases, fc.integer({ min: -4 * 60, max: 4 * 60 }), ([timezone, date, start], minutes) => {
      const clock = { timezone: timezone!, duty_day_start: start! };
      const t = dutyDayWindow(date!, clock).start + minutes * 60_000;
      const day = dutyDayOf(t, clock);
      const w = dutyDayWindow(day, clock);
      expect(w.start <= t && t < w.end, `${new Date(t).toISOString()} → ${day}`).toBe(true);
    }), { numRuns: RUNS });
  });

  it(`a duty day's window is about a day long (23–25 h across a DST change) — ${RUNS} runs`, () => {
    fc.assert(fc.property(fc.constantFrom(...ZONES), clockTime, dateIn('2023-01-01', 4 * 365), (timezone, start, day) => {
      const w = dutyDayWindow(day, { timezone, duty_day_start: start });
      expect(w.end - w.start).toBeGreaterThanOrEqual(23 * 3_600_000);
      expect(w.end - w.start).toBeLessThanOrEqual(25 * 3_600_000);
    }), { numRuns: RUNS });
  });
});
