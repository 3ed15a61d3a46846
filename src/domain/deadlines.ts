// The deadline engine of SPEC §5 (preamble): "within N days" of an event at local
// time t means on or before 23:59:59 of the local date t + N days; "within N hours"
// means on or before t + N hours; "same day" is within 0 days. Days are calendar
// days unless the desk counts workdays: then weekends and `holidays` are skipped and
// `workdays` (make-up working days, 调休) count. Pure: the desk's calendar is passed in
// (calendar/index.ts `deskCalendar` merges China's shipped statutory days into it).
import { statutoryHolidayName, uncoveredYears } from './calendar/index.js';
import { addDays, fromLocal, isoWeekday, localDateOf } from './time.js';

export interface DeskCalendar {
  timezone: string;
  calendar: 'calendar' | 'workdays';
  holidays: readonly string[];
  workdays: readonly string[];
}

export type Within = { unit: 'day'; n: number } | { unit: 'hour'; n: number };

/** "same_day" | "3d" | "1h" (the `within` strings of kefu.yaml). */
const withins = new Map<string, Within>();

export function parseWithin(spec: string): Within {
  let within = withins.get(spec);
  if (!within) withins.set(spec, (within = readWithin(spec)));
  return within;
}

function readWithin(spec: string): Within {
  if (spec === 'same_day') return { unit: 'day', n: 0 };
  const m = /^(\d{1,3})([dh])$/.exec(spec);
  if (!m) throw new Error(`not a deadline rule: ${spec}`); // the schema admits nothing else
  return { unit: m[2] === 'd' ? 'day' : 'hour', n: Number(m[1]) };
}

/** A working day: a make-up day 调休, or a weekday that is not a holiday. */
export function isWorkday(date: string, cal: Pick<DeskCalendar, 'holidays' | 'workdays'>): boolean {
  if (cal.workdays.includes(date)) return true;
  return !cal.holidays.includes(date) && isoWeekday(date) <= 5;
}

/** A local date passed over while counting workdays, and why. */
export interface SkippedDay {
  date: string;
  reason: 'weekend' | 'holiday';
  /** the festival, when the date is a shipped statutory holiday (e.g. 国庆节) */
  name?: string;
}

export interface Deadline {
  /** the last instant that is still on time (epoch ms) */
  due: number;
  /** the local dates counted, for `kefu explain` */
  counted: string[];
  /** the local dates passed over (workdays only), for `kefu explain` */
  skipped: SkippedDay[];
  /**
   * Years crossed while counting workdays whose holidays are unknown — not
   * shipped and none listed by the desk — so only weekends were skipped there.
   * Empty for calendar days and hours. For a report to flag, not to fail on.
   */
  uncoveredYears: number[];
}

/** When something that started at `start` (epoch ms) is due under `spec`. */
export function deadlineFrom(start: number, spec: string, cal: DeskCalendar): Deadline {
  const within = parseWithin(spec);
  if (within.unit === 'hour') return { due: start + within.n * 3_600_000, counted: [], skipped: [], uncoveredYears: [] };
  let date = localDateOf(start, cal.timezone);
  const counted: string[] = [];
  const skipped: SkippedDay[] = [];
  for (let k = 0; k < within.n; ) {
    date = addDays(date, 1);
    if (cal.calendar === 'calendar' || isWorkday(date, cal)) {
      k++;
      counted.push(date);
    } else {
      skipped.push(skippedDay(date, cal));
    }
  }
  const walked = cal.calendar === 'workdays' ? [...counted, ...skipped.map((s) => s.date)] : [];
  return { due: fromLocal(date, '23:59:59', cal.timezone), counted, skipped, uncoveredYears: uncoveredYears(walked, cal) };
}

const dues = new WeakMap<DeskCalendar, Map<string, Map<string, number>>>();

/**
 * `deadlineFrom(start, spec, cal).due`, remembered per calendar, rule and local start
 * date (a day rule's due depends on nothing else): reports ask it for every subject.
 */
export function dueFrom(start: number, spec: string, cal: DeskCalendar): number {
  const within = parseWithin(spec);
  if (within.unit === 'hour') return start + within.n * 3_600_000;
  let rules = dues.get(cal);
  if (!rules) dues.set(cal, (rules = new Map()));
  let known = rules.get(spec);
  if (!known) rules.set(spec, (known = new Map()));
  const date = localDateOf(start, cal.timezone);
  let due = known.get(date);
  if (due === undefined) known.set(date, (due = deadlineFrom(start, spec, cal).due));
  return due;
}

/** Why a date that is not a workday is skipped: a listed holiday (named when shipped) wins over the weekend. */
function skippedDay(date: string, cal: Pick<DeskCalendar, 'holidays'>): SkippedDay {
  if (!cal.holidays.includes(date)) return { date, reason: 'weekend' };
  const name = statutoryHolidayName(date);
  return name ? { date, reason: 'holiday', name } : { date, reason: 'holiday' };
}

/** Overdue at T: past its due and not done by T (SPEC §5.3). */
export function isOverdue(due: number, asOf: number, doneAt?: number): boolean {
  return asOf > due && (doneAt === undefined || doneAt > asOf);
}
