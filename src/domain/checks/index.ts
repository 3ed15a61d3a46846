// The cross-record checks of SPEC §5.5, in the order they run.
import type { Finding } from '../../diagnostics/diagnostic.js';
import type { Desk } from '../desk.js';
import { checkCallbackEscalation } from './callback-escalation.js';
import type { Check, CheckContext } from './check.js';
import { checkDutyDayWindows } from './duty-day-windows.js';
import { checkDutyShifts } from './duty-shifts.js';
import { checkDuplicateIds } from './duplicate-ids.js';
import { checkEventOrder } from './event-order.js';
import { checkItemsAfterNow } from './items-after-now.js';
import { checkLeakTests } from './leak-tests.js';
import { checkMonthBounds } from './month-bounds.js';
import { checkRecordReferences } from './record-references.js';
import { checkRosterRules } from './roster-rules.js';
import { checkShiftCoverage } from './shift-coverage.js';
import { checkStaffReferences } from './staff-references.js';

/** The checks whose findings depend on the desk alone, not on "now". */
const TIMELESS_CHECKS: readonly Check[] = [
  checkDuplicateIds,
  checkStaffReferences,
  checkRecordReferences,
  checkDutyDayWindows,
  checkDutyShifts,
  checkEventOrder,
  checkMonthBounds,
  checkShiftCoverage,
  checkRosterRules,
  checkCallbackEscalation,
];

/** The checks that read "now" (asOf). */
const AS_OF_CHECKS: readonly Check[] = [checkLeakTests, checkItemsAfterNow];

export const CHECKS: readonly Check[] = [...TIMELESS_CHECKS, ...AS_OF_CHECKS];

/**
 * Findings kept from an earlier run on the very same desk (the store's cache): the checks
 * are a function of the desk's records, so a desk unchanged since has the same findings.
 */
export interface FindingsMemo {
  get(): Finding[] | undefined;
  set(findings: readonly Finding[]): void;
}

export function runChecks(desk: Desk, ctx: CheckContext, memo?: FindingsMemo): Finding[] {
  let timeless = memo?.get();
  if (!timeless) {
    timeless = TIMELESS_CHECKS.flatMap((check) => check(desk, ctx));
    memo?.set(timeless);
  }
  return timeless.concat(AS_OF_CHECKS.flatMap((check) => check(desk, ctx)));
}
