// SPEC §5.3: a leak repair completed more than 3 days ago with no leak test gets
// a warning; its callback counts from the test (seed 001 报修接待 4).
import type { Finding } from '../../diagnostics/diagnostic.js';
import { itemPath } from '../desk.js';
import { addDays, fromLocal, localDateOf, toEpoch } from '../time.js';
import type { Check } from './check.js';

const LEAK_TEST_DAYS = 3;

export const checkLeakTests: Check = (desk, { asOf }) => {
  const findings: Finding[] = [];
  const tz = desk.config.timezone;
  for (const wo of desk.workOrders) {
    const { data } = wo;
    // an event that could not be read may be the leak test: that is reported already
    if (wo.kept || wo.removedFields) continue;
    if (data.kind !== 'repair' || desk.config.callbacks.repair.categories[data.category ?? '']?.counts_from !== 'leak_tested') continue;
    const events = data.events.filter((e) => toEpoch(e.at) <= asOf);
    const lastClose = events.findLastIndex((e) => e.type === 'completed' || e.type === 'reopened' || e.type === 'cancelled');
    const closing = events[lastClose];
    if (!closing || closing.type !== 'completed') continue;
    if (events.slice(lastClose + 1).some((e) => e.type === 'leak_tested')) continue;
    const completedDay = localDateOf(toEpoch(closing.at), tz);
    // "within 3 days" ends at 23:59:59 local time of the third day after (SPEC §5)
    const deadline = fromLocal(addDays(completedDay, LEAK_TEST_DAYS + 1), '00:00', tz);
    if (asOf >= deadline) {
      const days = Math.round((Date.parse(localDateOf(asOf, tz)) - Date.parse(completedDay)) / 86_400_000);
      findings.push({ code: 'LEAK_NOT_TESTED', file: wo.file, path: itemPath(wo, 'events', data.events.indexOf(closing)), params: { days } });
    }
  }
  return findings;
};
