// SPEC §5.3: a leak repair completed more than 3 days ago with no leak test gets
// a warning; its callback counts from the test (seed 001 报修接待 4).
import type { Finding } from '../../diagnostics/diagnostic.js';
import { itemPath } from '../desk.js';
import { repairCategoryRule } from '../records/config.js';
import { deadlineFrom } from '../deadlines.js';
import { localDateOf, toEpoch } from '../time.js';
import type { Check } from './check.js';

const LEAK_TEST_DAYS = 3;

export const checkLeakTests: Check = (desk, { asOf }) => {
  const findings: Finding[] = [];
  const tz = desk.config.timezone;
  for (const wo of desk.workOrders) {
    const { data } = wo;
    // an event that could not be read may be the leak test: that is reported already
    if (wo.kept || wo.removedFields) continue;
    if (data.kind !== 'repair' || repairCategoryRule(desk.config.callbacks.repair.categories, data.category)?.counts_from !== 'leak_tested') continue;
    const events = data.events.filter((e) => toEpoch(e.at) <= asOf);
    const lastClose = events.findLastIndex((e) => e.type === 'completed' || e.type === 'reopened' || e.type === 'cancelled');
    const closing = events[lastClose];
    if (!closing || closing.type !== 'completed') continue;
    if (events.slice(lastClose + 1).some((e) => e.type === 'leak_tested')) continue;
    const completedDay = localDateOf(toEpoch(closing.at), tz);
    // "more than 3 days ago": past the end of "within 3 days" (SPEC §5), in calendar days
    const { due } = deadlineFrom(toEpoch(closing.at), `${LEAK_TEST_DAYS}d`, { ...desk.config, calendar: 'calendar' });
    if (asOf > due) {
      const days = Math.round((Date.parse(localDateOf(asOf, tz)) - Date.parse(completedDay)) / 86_400_000);
      findings.push({ code: 'LEAK_NOT_TESTED', file: wo.file, path: itemPath(wo, 'events', data.events.indexOf(closing)), params: { days } });
    }
  }
  return findings;
};
