// The cross-record checks of SPEC §5.5, in the order they run.
import type { Finding } from '../../diagnostics/diagnostic.js';
import type { Desk } from '../desk.js';
import { checkCallbackEscalation } from './callback-escalation.js';
import type { Check, CheckContext } from './check.js';
import { checkDutyDayWindows } from './duty-day-windows.js';
import { checkDutyShifts } from './duty-shifts.js';
import { checkDuplicateIds } from './duplicate-ids.js';
import { checkEventOrder } from './event-order.js';
import { checkLeakTests } from './leak-tests.js';
import { checkMonthBounds } from './month-bounds.js';
import { checkRecordReferences } from './record-references.js';
import { checkRosterRules } from './roster-rules.js';
import { checkShiftCoverage } from './shift-coverage.js';
import { checkStaffReferences } from './staff-references.js';

export const CHECKS: readonly Check[] = [
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
  checkLeakTests,
];

export function runChecks(desk: Desk, ctx: CheckContext): Finding[] {
  return CHECKS.flatMap((check) => check(desk, ctx));
}
