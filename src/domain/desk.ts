// The loaded desk: every record kind, as the core sees it after parsing and schema checks.
import type { Config } from './records/config.js';
import type { CallbackMonth } from './records/callback-month.js';
import type { Complaint } from './records/complaint.js';
import type { DutyDay } from './records/duty-day.js';
import type { Roster } from './records/roster.js';
import type { StaffMember } from './records/staff.js';
import type { WorkOrder } from './records/work-order.js';
import type { Path } from '../diagnostics/diagnostic.js';

/** A record as loaded from its file. */
export interface Loaded<T> {
  file: string;
  data: T;
  /**
   * When some list items failed their schema they are left out of `data`; this maps
   * the index of each kept item to its index in the file, so findings point at the right item.
   */
  kept?: number[];
  /** the record disagrees with its own file name (reported): its id is not to be trusted */
  misnamed?: boolean;
  /** top-level fields that were unreadable (reported) and are missing or stood in for here */
  removedFields?: Set<string>;
  /** list items (by index in `data`) with fields that were unreadable (reported) and are missing or stood in for */
  mendedItems?: Map<number, Set<string>>;
}

/** Whether a list item's field was unreadable: a check must not read its absence as a fact. */
export function wasMended(rec: Loaded<unknown>, index: number, field: string): boolean {
  return rec.mendedItems?.get(index)?.has(field) === true;
}

export interface Desk {
  config: Config;
  staff: StaffMember[];
  rosters: Loaded<Roster>[];
  dutyDays: Loaded<DutyDay>[];
  complaints: Loaded<Complaint>[];
  workOrders: Loaded<WorkOrder>[];
  callbackMonths: Loaded<CallbackMonth>[];
  /** false when staff.yaml could not be read: unknown-staff checks would only repeat that problem */
  staffKnown: boolean;
  /** false when kefu.yaml or its shifts could not be read: the defaults in `config` are not the desk's own shifts */
  configKnown: boolean;
  /** false when kefu.yaml or its `roster:` limits could not be read: the defaults in `config.roster` are not the desk's own limits */
  rosterLimitsKnown: boolean;
  /** false when the desk's timezone or duty-day start is unknown: duty-day windows cannot be judged */
  clockKnown: boolean;
  /**
   * ids known to exist although their record or item is not in this model (its file or
   * item failed its schema, or its file name disagrees with it): references to them are not dangling
   */
  unreadableIds: Set<string>;
}

/** The path of a list item in its file, mapping a kept item back to its place in the file. */
export function itemPath(rec: Loaded<unknown>, listKey: string, index: number, ...rest: (string | number)[]): Path {
  return [listKey, rec.kept ? (rec.kept[index] ?? index) : index, ...rest];
}

export function emptyDesk(config: Config): Desk {
  return { config, staff: [], rosters: [], dutyDays: [], complaints: [], workOrders: [], callbackMonths: [], staffKnown: false, configKnown: false, rosterLimitsKnown: false, clockKnown: false, unreadableIds: new Set() };
}
