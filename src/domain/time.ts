// Time in the desk's timezone, whatever the machine's (SPEC §2 Times): local
// dates, duty days (SPEC §3.4) and instants. Pure: Intl is a table, not a clock.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Milliseconds since the epoch of an ISO 8601 instant with offset. */
export function toEpoch(iso: string): number {
  return Date.parse(iso);
}

export interface LocalDateTime { date: string; time: string }

function partsOf(epochMs: number, timeZone: string): LocalDateTime {
  const p: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) p[part.type] = part.value;
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}:${p.second}` };
}

function exactOffsetMs(epochMs: number, timeZone: string): number {
  const { date, time } = partsOf(epochMs, timeZone);
  const asUtc = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10), +time.slice(0, 2), +time.slice(3, 5), +time.slice(6, 8));
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

// Intl is exact but slow (a report over three years asks it a million times), so
// offsets are remembered per hour: when an hour's start and the next hour's start have
// the same offset, every instant of the hour has it too (no zone changes its offset
// twice within an hour); otherwise Intl answers for each instant of that hour (a change
// at the turn of the hour, as most are, costs only that one hour). Each hour's start is
// asked once, for the hour it starts and the one it ends.
const HOUR = 3_600_000;
const hourOffsets = new Map<string, Map<number, number | null>>();
const startOffsets = new Map<string, Map<number, number>>();

function offsetAtHour(q: number, timeZone: string, starts: Map<number, number>): number {
  let offset = starts.get(q);
  if (offset === undefined) {
    offset = exactOffsetMs(q * HOUR, timeZone);
    if (starts.size > 200_000) starts.clear();
    starts.set(q, offset);
  }
  return offset;
}

function offsetMs(epochMs: number, timeZone: string): number {
  let zone = hourOffsets.get(timeZone);
  if (!zone) hourOffsets.set(timeZone, (zone = new Map()));
  const q = Math.floor(epochMs / HOUR);
  let known = zone.get(q);
  if (known === undefined) {
    let starts = startOffsets.get(timeZone);
    if (!starts) startOffsets.set(timeZone, (starts = new Map()));
    const start = offsetAtHour(q, timeZone, starts);
    known = start === offsetAtHour(q + 1, timeZone, starts) ? start : null;
    if (zone.size > 200_000) zone.clear();
    zone.set(q, known);
  }
  return known ?? exactOffsetMs(epochMs, timeZone);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The wall-clock date (YYYY-MM-DD) and time (HH:mm:ss) of an instant in a timezone. */
export function toLocal(epochMs: number, timeZone: string): LocalDateTime {
  const d = new Date(Math.floor(epochMs / 1000) * 1000 + offsetMs(epochMs, timeZone));
  const year = d.getUTCFullYear();
  if (year < 1000 || year > 9999) return partsOf(epochMs, timeZone);
  return {
    date: `${year}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
  };
}

/** Dates by day number (days since the epoch), made once each: reports ask for hundreds of thousands. */
const dateNames = new Map<number, string>();

export function localDateOf(epochMs: number, timeZone: string): string {
  const day = Math.floor((Math.floor(epochMs / 1000) * 1000 + offsetMs(epochMs, timeZone)) / 86_400_000);
  let date = dateNames.get(day);
  if (date === undefined) {
    date = toLocal(epochMs, timeZone).date;
    if (dateNames.size > 100_000) dateNames.clear();
    dateNames.set(day, date);
  }
  return date;
}

/** The instant at which the local clock in `timeZone` shows `date` `time` (HH:mm or HH:mm:ss). */
export function fromLocal(date: string, time: string, timeZone: string): number {
  const guess = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10), +time.slice(0, 2), +time.slice(3, 5), time.length > 5 ? +time.slice(6, 8) : 0);
  const first = guess - offsetMs(guess, timeZone);
  // a second pass settles instants near an offset change (DST zones)
  return guess - offsetMs(first, timeZone);
}

/** Calendar arithmetic on YYYY-MM-DD strings, independent of any timezone. */
export function addDays(date: string, days: number): string {
  const t = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** ISO weekday of a YYYY-MM-DD date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const d = new Date(Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10))).getUTCDay();
  return d === 0 ? 7 : d;
}

export function daysInMonth(month: string): string[] {
  const out: string[] = [];
  for (let d = `${month}-01`; d.startsWith(month); d = addDays(d, 1)) out.push(d);
  return out;
}

export interface DutyDayClock { timezone: string; duty_day_start: string }

/**
 * The duty day an instant belongs to: a duty day starts at `duty_day_start`
 * local time and runs to the same time next day (seed 000 §4.1.2), so 02:10 on
 * the 26th belongs to the 25th when the day starts at 08:30.
 */
export function dutyDayOf(epochMs: number, clock: DutyDayClock): string {
  const local = toLocal(epochMs, clock.timezone);
  const day = local.time < `${clock.duty_day_start}:00` ? addDays(local.date, -1) : local.date;
  // Near the start, the windows decide, not the wall clock: where the clocks skip or repeat
  // the hour holding duty_day_start (DST), the wall clock alone would give an instant a day
  // whose window does not hold it (tests/properties/deadlines.test.ts). Far from it, no
  // offset change can move an instant across a start, and the wall clock is enough.
  const apart = Math.abs(minutesOf(local.time) - minutesOf(clock.duty_day_start));
  if (Math.min(apart, 1440 - apart) > 180) return day;
  if (epochMs < fromLocal(day, clock.duty_day_start, clock.timezone)) return addDays(day, -1);
  if (epochMs >= fromLocal(addDays(day, 1), clock.duty_day_start, clock.timezone)) return addDays(day, 1);
  return day;
}

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** [start, end) of a duty day as epoch milliseconds. */
export function dutyDayWindow(day: string, clock: DutyDayClock): { start: number; end: number } {
  return {
    start: fromLocal(day, clock.duty_day_start, clock.timezone),
    end: fromLocal(addDays(day, 1), clock.duty_day_start, clock.timezone),
  };
}

/** Formats an instant as ISO 8601 with the timezone's offset, e.g. 2026-11-25T09:00:00+08:00. */
export function formatInstant(epochMs: number, timeZone: string): string {
  const { date, time } = toLocal(epochMs, timeZone);
  const off = Math.round(offsetMs(epochMs, timeZone) / 60_000);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return `${date}T${time}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
