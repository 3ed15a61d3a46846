// Issue 8, a clock that jumps forward: an item timed after "now" is kept as written —
// nothing is lost — and every report and `show` as of now leaves it out until its time
// comes. Said here, so that a mistyped date (20:10 for 02:10, 2027 for 2026) or a computer
// whose clock runs ahead is seen the day it happens, not when its time comes. A few
// minutes ahead is the ordinary difference between two computers' clocks: not said.
//
// Said only when "now" is the computer's clock (no --as-of): as of a given moment T the
// desk may hold items written since T, which are no mistake — `validate --as-of T` gives
// what it gave at T, and a report as of T leaves them out.
import type { Finding, Path } from '../../diagnostics/diagnostic.js';
import { itemPath } from '../desk.js';
import { toEpoch } from '../time.js';
import type { Check } from './check.js';

/** how far after now an item may be timed before it is pointed out */
export const AHEAD_TOLERANCE_MS = 10 * 60_000;

export const checkItemsAfterNow: Check = (desk, { clock }) => {
  const findings: Finding[] = [];
  if (clock === undefined) return findings;
  const latest = clock + AHEAD_TOLERANCE_MS;
  const say = (file: string, path: Path, at: string) => {
    findings.push({ code: 'ITEM_AFTER_NOW', file, path, params: { at } });
  };
  for (const day of desk.dutyDays) {
    day.data.log.forEach((item, i) => {
      if (item.at !== undefined && toEpoch(item.at) > latest) say(day.file, itemPath(day, 'log', i, 'at'), item.at);
    });
  }
  for (const rec of [...desk.complaints, ...desk.workOrders]) {
    if (toEpoch(rec.data.received_at) > latest) say(rec.file, ['received_at'], rec.data.received_at);
    rec.data.events.forEach((event, i) => {
      if (toEpoch(event.at) > latest) say(rec.file, itemPath(rec, 'events', i, 'at'), event.at);
    });
  }
  for (const month of desk.callbackMonths) {
    month.data.callbacks.forEach((item, i) => {
      if (toEpoch(item.at) > latest) say(month.file, itemPath(month, 'callbacks', i, 'at'), item.at);
    });
  }
  return findings;
};
