// The supervisor's roster through the real CLI on a copy of the example desk (split
// day/night shifts, 17 staff, rosters for 2026-09..11): generate, show, check, approve, swap.
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_DESK, copyDesk, git, runKefuSync } from '../helpers/cli.js';

const kefu = (desk: string, ...args: string[]) => runKefuSync(['-C', desk, '--lang', 'en', ...args]);
const DEC = join('rosters', '2026-12.yaml');

function gitDesk(): string {
  const desk = copyDesk(EXAMPLE_DESK);
  git(desk, ['init', '-q']);
  git(desk, ['add', '-A']);
  git(desk, ['commit', '-qm', 'the example desk']);
  return desk;
}

interface RosterFile {
  status: string;
  generated?: { seed: number; optimal: boolean; by: string };
  approved?: { by: string };
  assignments: { date: string; shift: string; staff: string[] }[];
  changes?: { date: string; shift: string; from: string; to: string; approved_by: string }[];
}
const read = (desk: string, path = DEC) => parse(readFileSync(join(desk, path), 'utf8')) as RosterFile;
const who = (r: RosterFile, date: string, shift: string) => r.assignments.find((a) => a.date === date && a.shift === shift)!.staff;

describe('kefu roster generate', () => {
  let desk: string;
  beforeAll(() => {
    desk = gitDesk();
  });

  it('writes a draft for December, proven optimal, that validates clean and is committed by the supervisor', () => {
    const r = kefu(desk, 'roster', 'generate', '--month', '2026-12', '--by', 'S02', '--seed', '7');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/Draft roster 2026-12 written to rosters\/2026-12\.yaml: proven optimal, [\d.]+ s, deviation from the fair shares 0\./);
    const text = readFileSync(join(desk, DEC), 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=\.\.\/schemas\/roster\.schema\.json\nmonth: 2026-12\nstatus: draft\n/);
    const roster = read(desk);
    expect(roster.generated).toMatchObject({ seed: 7, optimal: true, by: 'S02' });
    expect(roster.assignments).toHaveLength(62); // 31 days × day + night
    expect(kefu(desk, 'validate').status).toBe(0);
    expect(kefu(desk, 'roster', 'check', '--month', '2026-12').status).toBe(0);
    expect(git(desk, ['log', '-1', '--format=%an|%s'])).toBe('王芳|roster: 2026-12 draft generated (seed 7, optimal)\n');
  });

  it('rest across the month boundary: whoever ends November on nights is not on the night of 12-01', () => {
    const nov = parse(readFileSync(join(desk, 'rosters', '2026-11.yaml'), 'utf8')) as RosterFile;
    const lastNight = who(nov, '2026-11-30', 'night');
    expect(who(read(desk), '2026-12-01', 'night').some((id) => lastNight.includes(id))).toBe(false);
  });

  it('the same seed gives the same roster; regenerating a draft replaces it', () => {
    const first = read(desk).assignments;
    expect(kefu(desk, 'roster', 'generate', '--month', '2026-12', '--by', 'S02', '--seed', '7').status).toBe(0);
    expect(read(desk).assignments).toEqual(first);
    const other = kefu(desk, 'roster', 'generate', '--month', '2026-12', '--by', 'S02', '--seed', '8', '--format', 'json');
    expect(JSON.parse(other.stdout)).toMatchObject({ month: '2026-12', status: 'draft', optimal: true, band_deviation: 0 });
  });

  it('show: a grid of days × shifts and the fair bands; csv; ics for one person in UTC with CRLF and folded lines', () => {
    const table = kefu(desk, 'roster', 'show', '--month', '2026-12', '--no-color').stdout;
    expect(table).toContain('翠湖花园 duty roster 2026-12 — draft');
    expect(table).toMatch(/12-05 Sat ●/);
    const csv = kefu(desk, 'roster', 'show', '--month', '2026-12', '--format', 'csv').stdout.trim().split('\n');
    expect(csv[0]).toBe('date,weekday,shift,staff,names');
    expect(csv).toHaveLength(63);
    const mine = read(desk).assignments.filter((a) => a.staff.includes('S09'));
    const ics = kefu(desk, 'roster', 'show', '--month', '2026-12', '--staff', 'S09', '--format', 'ics').stdout;
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(mine.length);
    // the night shift 17:30 → 08:30 local (UTC+8): 09:30Z to 00:30Z the next day
    expect(ics).toContain(`DTSTART:${mine[0]!.date.replaceAll('-', '')}T093000Z\r\n`);
    expect(ics.split('\r\n').every((line) => Buffer.byteLength(line, 'utf8') <= 75)).toBe(true);
  });
});

describe('kefu roster approve and swap', () => {
  let desk: string;
  beforeAll(() => {
    desk = gitDesk();
    expect(kefu(desk, 'roster', 'generate', '--month', '2026-12', '--by', 'S02').status).toBe(0);
  });

  it('a swap before approval is refused; only a supervisor approves; an approved roster is not regenerated', () => {
    const before = readFileSync(join(desk, DEC), 'utf8');
    expect(kefu(desk, 'roster', 'swap', '--date', '2026-12-05', '--shift', 'day', '--from', 'S08', '--to', 'S07', '--reason', '病假', '--approved-by', 'S02').stderr).toContain('is still a draft');
    expect(kefu(desk, 'roster', 'approve', '--month', '2026-12', '--by', 'S03').stderr).toContain('not a supervisor or manager');
    expect(readFileSync(join(desk, DEC), 'utf8')).toBe(before);
    expect(kefu(desk, 'roster', 'approve', '--month', '2026-12', '--by', 'S02', '--at', '2026-11-28T10:00:00+08:00').status).toBe(0);
    const after = readFileSync(join(desk, DEC), 'utf8');
    expect(after).toBe(before.replace('status: draft\n', 'status: approved\napproved:\n  at: "2026-11-28T10:00:00+08:00"\n  by: S02\n'));
    const again = kefu(desk, 'roster', 'generate', '--month', '2026-12', '--by', 'S02');
    expect([again.status, again.stderr]).toEqual([2, expect.stringContaining('is approved; it is not regenerated')]);
  });

  it('a swap that breaks the rest rule is refused, writing nothing; an approved one is appended under changes', () => {
    const roster = read(desk);
    const day4 = who(roster, '2026-12-04', 'day')[0]!;
    const day5 = who(roster, '2026-12-05', 'day')[0]!;
    const before = readFileSync(join(desk, DEC), 'utf8');
    const refused = kefu(desk, 'roster', 'swap', '--date', '2026-12-05', '--shift', 'day', '--from', day5, '--to', day4, '--reason', '病假', '--approved-by', 'S02');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`2026-12-05 day ${day4}: rest between shifts 2026-12-04 day, 15 h`);
    expect(readFileSync(join(desk, DEC), 'utf8')).toBe(before);
    // someone free on 12-04, 12-05 and 12-06 takes it
    const busy = new Set(roster.assignments.filter((a) => a.date >= '2026-12-04' && a.date <= '2026-12-06').flatMap((a) => a.staff));
    const clerks = ['S03', 'S04', 'S05', 'S06', 'S07', 'S08'].filter((id) => !busy.has(id));
    const candidate = clerks.find((id) => kefu(desk, 'roster', 'swap', '--date', '2026-12-05', '--shift', 'day', '--from', day5, '--to', id, '--reason', '病假', '--approved-by', 'S02', '--at', '2026-11-30T10:00:00+08:00').status === 0);
    expect(candidate).toBeDefined();
    const text = readFileSync(join(desk, DEC), 'utf8');
    expect(text.startsWith(before)).toBe(true);
    expect(text.slice(before.length)).toBe(`changes:\n  - at: "2026-11-30T10:00:00+08:00"\n    date: "2026-12-05"\n    shift: day\n    from: ${day5}\n    to: ${candidate}\n    reason: 病假\n    approved_by: S02\n`);
    expect(kefu(desk, 'validate').status).toBe(0);
    expect(JSON.parse(kefu(desk, 'roster', 'show', '--month', '2026-12', '--format', 'json').stdout).assignments.find((a: { date: string; shift: string }) => a.date === '2026-12-05' && a.shift === 'day').staff).toEqual([candidate]);
  });
});

describe('an impossible month', () => {
  it('names the days, the shift and the rule, writes nothing and exits 1', () => {
    const desk = gitDesk();
    const staff = parse(readFileSync(join(desk, 'staff.yaml'), 'utf8')) as { staff: { roles: string[]; leave?: unknown[] }[] };
    for (const s of staff.staff) if (s.roles.includes('maintenance')) (s.leave ??= []).push({ from: '2026-12-24', to: '2026-12-24', reason: '年假' });
    writeFileSync(join(desk, 'staff.yaml'), stringify(staff, { compat: 'yaml-1.1' }));
    const r = kefu(desk, 'roster', 'generate', '--month', '2026-12', '--by', 'S02');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('No roster for 2026-12 can keep every hard rule. Nothing was written.');
    expect(r.stderr).toContain('2026-12-24 夜班: needs 1, only 0 of 5 eligible staff can take it, on leave: S09 S10 S11 S12 S13');
    expect(r.stderr.match(/^ {2}\d{4}-/gm)).toHaveLength(1);
    expect(existsSync(join(desk, DEC))).toBe(false);
  });
});

describe('a team roster', () => {
  it('the lobby team: its own shifts from kefu.yaml, drafted by its lead, filed as rosters/2026-12.lobby.yaml', () => {
    const desk = gitDesk();
    const config = readFileSync(join(desk, 'kefu.yaml'), 'utf8');
    writeFileSync(join(desk, 'kefu.yaml'), `${config}teams:\n  lobby:\n    lead: S06\n    shifts:\n      - { id: lobby, name: 大堂, start: "08:00", end: "20:00", roles: [clerk] }\n`);
    const r = kefu(desk, 'roster', 'generate', '--month', '2026-12', '--team', 'lobby');
    expect(r.stderr).toContain('rosters/2026-12.lobby.yaml');
    expect(r.status).toBe(0);
    expect(read(desk, join('rosters', '2026-12.lobby.yaml'))).toMatchObject({ status: 'draft', generated: { by: 'S06' } });
    expect(kefu(desk, 'roster', 'generate', '--team', 'cleaners').stderr).toContain('kefu.yaml defines no roster team cleaners (teams: desk, lobby)');
  });
});
