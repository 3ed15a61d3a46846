// The desk's working calendar for "within N workdays" (SPEC §5 preamble): China's
// statutory holidays and make-up workdays 调休 as shipped (cn-statutory.ts, from
// the State Council notices), merged with the desk's own kefu.yaml `holidays` and
// `workdays` lists (SPEC §3.1). The shipped data is the default; the desk's lists
// add days (a year not shipped yet, a local holiday) and override single days:
// a date the desk lists as a workday is never a shipped holiday, and a date it
// lists as a holiday is never a shipped make-up workday. Pure data, no I/O.
import type { DeskCalendar } from '../deadlines.js';
import { CN_STATUTORY, type StatutoryYear } from './cn-statutory.js';

export { CN_STATUTORY, CN_STATUTORY_SOURCE, type StatutoryFestival, type StatutoryYear } from './cn-statutory.js';

/** The desk's own day lists, as in kefu.yaml. */
export interface DeskDays {
  holidays?: readonly string[];
  workdays?: readonly string[];
}

interface ShippedIndex {
  holidays: Map<string, string>; // date → festival name
  workdays: Map<string, string>; // date → the festival it makes up for
  years: number[];
}

const indexes = new WeakMap<readonly StatutoryYear[], ShippedIndex>();

function indexShipped(shipped: readonly StatutoryYear[]): ShippedIndex {
  let index = indexes.get(shipped);
  if (!index) {
    index = { holidays: new Map(), workdays: new Map(), years: shipped.map((y) => y.year).sort((a, b) => a - b) };
    for (const year of shipped) {
      for (const f of year.festivals) {
        for (const d of f.holidays) index.holidays.set(d, f.name);
        for (const d of f.workdays) index.workdays.set(d, f.name);
      }
    }
    indexes.set(shipped, index);
  }
  return index;
}

/**
 * The calendar `deadlineFrom` counts with: shipped statutory days ∪ the desk's
 * lists, the desk winning where they disagree. Lists come out sorted, without
 * duplicates. (A date in both of the desk's own lists stays in both; `isWorkday`
 * then counts it as a workday.)
 */
export function deskCalendar(
  config: Pick<DeskCalendar, 'timezone' | 'calendar'>,
  extra: DeskDays = {},
  shipped: readonly StatutoryYear[] = CN_STATUTORY,
): DeskCalendar {
  const index = indexShipped(shipped);
  const deskHolidays = new Set(extra.holidays ?? []);
  const deskWorkdays = new Set(extra.workdays ?? []);
  const holidays = new Set([...index.holidays.keys()].filter((d) => !deskWorkdays.has(d)));
  for (const d of deskHolidays) holidays.add(d);
  const workdays = new Set([...index.workdays.keys()].filter((d) => !deskHolidays.has(d)));
  for (const d of deskWorkdays) workdays.add(d);
  return {
    timezone: config.timezone,
    calendar: config.calendar,
    holidays: [...holidays].sort(),
    workdays: [...workdays].sort(),
  };
}

const knownYearSets = new WeakMap<readonly string[], WeakMap<readonly StatutoryYear[], Set<number>>>();

/** Years with holidays known: shipped, or named by the desk (memoised: deadlines ask per subject). */
function knownYears(holidays: readonly string[], shipped: readonly StatutoryYear[]): Set<number> {
  let byShipped = knownYearSets.get(holidays);
  if (!byShipped) knownYearSets.set(holidays, (byShipped = new WeakMap()));
  let known = byShipped.get(shipped);
  if (!known) {
    known = new Set(calendarCoverage(shipped));
    for (const d of holidays) known.add(Number(d.slice(0, 4)));
    byShipped.set(shipped, known);
  }
  return known;
}

/** The years whose statutory holidays ship with kefu, ascending. */
export function calendarCoverage(shipped: readonly StatutoryYear[] = CN_STATUTORY): number[] {
  return [...indexShipped(shipped).years];
}

/** The festival a date is a statutory holiday of (e.g. 国庆节), if shipped. */
export function statutoryHolidayName(date: string, shipped: readonly StatutoryYear[] = CN_STATUTORY): string | undefined {
  return indexShipped(shipped).holidays.get(date);
}

/**
 * Of the given dates, the years for which the calendar knows no holidays at all —
 * neither shipped nor listed by the desk — so that counting workdays there skipped
 * weekends only. A report can flag them ("2027 holidays unknown: add them to
 * kefu.yaml or update kefu"). Returns years ascending; empty when all are known.
 */
export function uncoveredYears(dates: readonly string[], cal: Pick<DeskCalendar, 'holidays'>, shipped: readonly StatutoryYear[] = CN_STATUTORY): number[] {
  const known = knownYears(cal.holidays, shipped);
  const out = new Set<number>();
  for (const d of dates) {
    const year = Number(d.slice(0, 4));
    if (!known.has(year)) out.add(year);
  }
  return [...out].sort((a, b) => a - b);
}
