// A roster as an iCalendar file (RFC 5545), so each clerk can subscribe to their duties
// in a phone calendar (issue 5: `roster show --format ics --staff S02`). Pure text.
import type { Assignment, Roster } from '../records/roster.js';
import { shiftWindow } from '../shifts.js';
import type { RosterProblem } from './problem.js';

/** 20261201T003000Z */
function utc(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/** TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 §3.3.11). */
function escapeText(value: string): string {
  // RFC 5545 §3.3.11: TEXT holds no control character but tab; one in a name (a YAML escape) becomes U+FFFD
  // eslint-disable-next-line no-control-regex
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n').replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '\ufffd');
}

/** Content lines are folded at 75 octets, never inside a UTF-8 character (RFC 5545 §3.1). */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74; // a continuation line starts with one space
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

export interface CalendarRequest {
  property: string;
  roster: Roster;
  assignments: readonly Assignment[];
  problem: Pick<RosterProblem, 'shifts' | 'calendar'>;
  names: ReadonlyMap<string, string>;
  /** one person's calendar: their own duties, titled without their name */
  staff?: string;
}

export function rosterCalendar(r: CalendarRequest): string {
  const stamp = utc(Date.parse(r.roster.approved?.at ?? r.roster.generated?.at ?? `${r.roster.month}-01T00:00:00Z`));
  const team = r.roster.team && r.roster.team !== 'desk' ? ` ${r.roster.team}` : '';
  const title = `${r.property}${team} 值班 ${r.roster.month}${r.staff ? ` ${r.staff} ${r.names.get(r.staff) ?? ''}`.trimEnd() : ''}`;
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//kefu//roster//ZH', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escapeText(title)}`, `X-WR-TIMEZONE:${r.problem.calendar.timezone}`];
  for (const a of r.assignments) {
    const shift = r.problem.shifts.find((s) => s.id === a.shift);
    if (!shift) continue;
    const w = shiftWindow(shift, a.date, r.problem.calendar);
    for (const id of r.staff ? a.staff.filter((x) => x === r.staff) : a.staff) {
      const who = r.staff ? '' : ` ${r.names.get(id) ?? id}`;
      lines.push(
        'BEGIN:VEVENT',
        `UID:${a.date}-${a.shift}-${id}${team.trim() ? `-${team.trim()}` : ''}@kefu`,
        `DTSTAMP:${stamp}`,
        `DTSTART:${utc(w.start)}`,
        `DTEND:${utc(w.end)}`,
        `SUMMARY:${escapeText(`${shift.name}${who} · ${r.property}`)}`,
        `DESCRIPTION:${escapeText(`${r.roster.status === 'approved' ? '已批准' : '草稿'} ${r.roster.month} ${a.shift} ${id}`)}`,
        'TRANSP:OPAQUE',
        'END:VEVENT',
      );
    }
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
