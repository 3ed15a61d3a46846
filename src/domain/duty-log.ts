// The duty log as it reads now: every entry with its later updates and
// corrections applied (SPEC §3.4). The items themselves are never changed; this
// is a view computed from them, as of an instant.
import type { Desk } from './desk.js';
import type { DutyItem, Entry } from './records/duty-day.js';
import { toEpoch } from './time.js';

export interface EntryState {
  /** the entry as corrected */
  entry: Entry;
  /** the entry as first written */
  original: Entry;
  day: string;
  status: Entry['status'];
  /** the corrections made to it, in order */
  corrections: { at: string; by: string; reason: string; fields: string[] }[];
  /** the updates made to it, in order */
  updates: { at: string; by: string; status?: Entry['status']; note?: string; day: string }[];
  links: string[];
}

/** Every entry of the desk by id, as of `asOf` (items timed after it are not yet written). */
export function deriveEntries(desk: Pick<Desk, 'dutyDays'>, asOf: number): Map<string, EntryState> {
  const entries = new Map<string, EntryState>();
  const days = [...desk.dutyDays].sort((a, b) => (a.data.date < b.data.date ? -1 : 1));
  for (const day of days) {
    for (const item of day.data.log) {
      if (toEpoch(item.at) > asOf) continue;
      applyItem(entries, item, day.data.date);
    }
  }
  return entries;
}

function applyItem(entries: Map<string, EntryState>, item: DutyItem, day: string): void {
  switch (item.type) {
    case 'entry':
      entries.set(item.id, { entry: item, original: item, day, status: item.status, corrections: [], updates: [], links: [...(item.links ?? [])] });
      break;
    case 'update': {
      const state = entries.get(item.entry);
      if (!state) return;
      state.updates.push({ at: item.at, by: item.by, ...(item.status ? { status: item.status } : {}), ...(item.note ? { note: item.note } : {}), day });
      if (item.status) state.status = item.status;
      for (const link of item.links ?? []) if (!state.links.includes(link)) state.links.push(link);
      break;
    }
    case 'correction': {
      const state = entries.get(item.entry);
      if (!state) return;
      const { from, ...rest } = item.set;
      const next: Entry = { ...state.entry, ...rest };
      if (from) next.from = { ...state.entry.from, ...from };
      state.entry = next;
      if (item.set.links) state.links = [...item.set.links];
      state.corrections.push({ at: item.at, by: item.by, reason: item.reason, fields: Object.keys(item.set) });
      break;
    }
    default:
      break;
  }
}

/** Open entries: logged, not yet done. */
export function openEntries(entries: Map<string, EntryState>): EntryState[] {
  return [...entries.values()].filter((e) => e.status === 'open');
}
