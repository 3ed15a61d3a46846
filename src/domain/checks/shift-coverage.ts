// "At least one person on duty at all times" (SPEC §5.1; seed 001 值班制度 六): on a
// residential desk the shift templates must cover every minute of the duty day, in summer
// and out of it. The spec's own split example leaves 17:30–18:00 open in summer (the day
// shift ends at 17:30, the summer night shift starts at 18:00): this is the check that says so.
import type { Finding } from '../../diagnostics/diagnostic.js';
import { CONFIG_FILE } from '../records/config.js';
import { isSummer, shiftWindow } from '../shifts.js';
import { addDays, fromLocal, toLocal } from '../time.js';
import type { Check } from './check.js';

/** The first uncovered stretch of a duty day starting on `date`, as local clock times, if any. */
export function firstGap(desk: Parameters<Check>[0], date: string): { from: string; to: string } | undefined {
  const { config } = desk;
  const start = fromLocal(date, config.duty_day_start, config.timezone);
  const end = fromLocal(addDays(date, 1), config.duty_day_start, config.timezone);
  const windows = [addDays(date, -1), date, addDays(date, 1)]
    .flatMap((d) => config.shifts.map((s) => shiftWindow(s, d, config)))
    .sort((a, b) => a.start - b.start);
  let covered = start;
  for (const w of windows) {
    if (w.end <= covered) continue;
    if (w.start > covered) break;
    covered = w.end;
    if (covered >= end) return undefined;
  }
  const next = windows.find((w) => w.start > covered && w.start < end)?.start ?? end;
  const clock = (t: number) => toLocal(t, config.timezone).time.slice(0, 5);
  return { from: clock(covered), to: clock(next) };
}

export const checkShiftCoverage: Check = (desk) => {
  const { config } = desk;
  if (!desk.configKnown || config.profile !== 'residential') return [];
  // a summer day and a day out of summer of the same year (summer is MM-DD bounds)
  const year = '2026';
  const summerDay = `${year}-${config.summer.from}`;
  let winterDay = `${year}-01-15`;
  for (let i = 0; i < 366 && isSummer(winterDay, config.summer); i++) winterDay = addDays(winterDay, 1);
  const findings: Finding[] = [];
  for (const [season, day] of [['summer', summerDay], ['winter', winterDay]] as const) {
    if (season === 'winter' && isSummer(day, config.summer)) continue; // summer all year
    const gap = firstGap(desk, day);
    if (gap) {
      const seasonEn = season === 'summer' ? `in summer (${config.summer.from} to ${config.summer.to})` : 'outside summer';
      const seasonZh = season === 'summer' ? `夏季（${config.summer.from} 至 ${config.summer.to}）` : '非夏季';
      findings.push({ code: 'SHIFT_GAP', file: CONFIG_FILE, path: ['shifts'], params: { from: gap.from, to: gap.to, season, seasonEn, seasonZh } });
    }
  }
  return findings;
};
