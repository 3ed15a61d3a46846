import { describe, expect, it } from 'vitest';
import { newId, resolvePrefix } from '../../src/domain/ids.js';
import { maskName, maskPhone } from '../../src/domain/privacy.js';
import { resolveConfig } from '../../src/domain/records/config.js';
import { isSummer, onDutyAt, shiftWindow } from '../../src/domain/shifts.js';
import { formatInstant, toEpoch } from '../../src/domain/time.js';
import { parseAt } from '../../src/cli/record-writer.js';

const split = resolveConfig({
  property: 'x',
  shifts: [
    { id: 'day', start: '08:30', end: '17:30', summer: { end: '18:00' }, roles: ['clerk'] },
    { id: 'night', start: '17:30', end: '08:30', summer: { start: '18:00' }, roles: ['maintenance'] },
  ],
});

describe('shift windows with summer times (SPEC §3.1)', () => {
  it('summer runs 05-01 to 09-30 inclusive', () => {
    expect(isSummer('2026-04-30', split.summer)).toBe(false);
    expect(isSummer('2026-05-01', split.summer)).toBe(true);
    expect(isSummer('2026-09-30', split.summer)).toBe(true);
    expect(isSummer('2026-10-01', split.summer)).toBe(false);
  });

  it('the night shift starts at 18:00 in summer and 17:30 in winter, and ends next morning', () => {
    const summer = shiftWindow(split.shifts[1]!, '2026-09-30', split);
    expect(formatInstant(summer.start, 'Asia/Shanghai')).toBe('2026-09-30T18:00:00+08:00');
    expect(formatInstant(summer.end, 'Asia/Shanghai')).toBe('2026-10-01T08:30:00+08:00');
    const winter = shiftWindow(split.shifts[1]!, '2026-10-01', split);
    expect(formatInstant(winter.start, 'Asia/Shanghai')).toBe('2026-10-01T17:30:00+08:00');
  });

  it('the 24-hour duty runs 08:30 to 08:30', () => {
    const c = resolveConfig({ property: 'x' });
    const w = shiftWindow(c.shifts[0]!, '2026-11-25', c);
    expect(formatInstant(w.end, 'Asia/Shanghai')).toBe('2026-11-26T08:30:00+08:00');
  });

  it('who is on duty at 02:10 is the night shift that started the evening before', () => {
    const rosters = [{ file: 'rosters/2026-11.yaml', data: { month: '2026-11', status: 'approved' as const, assignments: [
      { date: '2026-11-25', shift: 'day', staff: ['S02'] },
      { date: '2026-11-25', shift: 'night', staff: ['S09'] },
      { date: '2026-11-26', shift: 'day', staff: ['S03'] },
    ] } }];
    const desk = { config: split, rosters };
    expect(onDutyAt(desk, toEpoch('2026-11-26T02:10:00+08:00')).map((d) => [d.date, d.shift.id, d.staff])).toEqual([['2026-11-25', 'night', ['S09']]]);
    expect(onDutyAt(desk, toEpoch('2026-11-25T17:29:59+08:00')).map((d) => d.shift.id)).toEqual(['day']);
    expect(onDutyAt(desk, toEpoch('2026-11-25T17:30:00+08:00')).map((d) => d.shift.id)).toEqual(['night']);
    expect(onDutyAt(desk, toEpoch('2026-11-26T08:30:00+08:00')).map((d) => [d.shift.id, d.staff])).toEqual([['day', ['S03']]]);
  });
});

describe('--at', () => {
  const now = toEpoch('2026-11-26T02:15:00+08:00');
  it('a clock time means its latest occurrence up to now: 23:50 at 02:15 is last night', () => {
    expect(formatInstant(parseAt('23:50', now, 'Asia/Shanghai'), 'Asia/Shanghai')).toBe('2026-11-25T23:50:00+08:00');
    expect(formatInstant(parseAt('02:10', now, 'Asia/Shanghai'), 'Asia/Shanghai')).toBe('2026-11-26T02:10:00+08:00');
  });
  it('a time without offset is local to the desk; with an offset it is taken as written', () => {
    expect(formatInstant(parseAt('2026-11-26T02:10', now, 'Asia/Shanghai'), 'Asia/Shanghai')).toBe('2026-11-26T02:10:00+08:00');
    expect(formatInstant(parseAt('2026-11-25T18:10:00Z', now, 'Asia/Shanghai'), 'Asia/Shanghai')).toBe('2026-11-26T02:10:00+08:00');
    expect(parseAt(undefined, now, 'Asia/Shanghai')).toBe(now);
    expect(() => parseAt('yesterday', now, 'Asia/Shanghai')).toThrow();
  });
});

describe('ids (SPEC §2 IDs)', () => {
  it('are PREFIX-YYYYMMDD-XXXX in Crockford base32 and never collide with a taken one', () => {
    const seq = [0, 0, 0, 0, 1, 2, 3, 4];
    let i = 0;
    const id = newId('D', '2026-11-25', (x) => x === 'D-20261125-0000', () => seq[i++]!);
    expect(id).toBe('D-20261125-1234');
    expect(id).toMatch(/^[A-Z]{1,4}-\d{8}-[0-9A-Z]{2,8}$/);
  });
  it('a unique prefix is enough, case does not matter, an ambiguous one is refused', () => {
    const ids = ['D-20261125-AB12', 'D-20261125-AB34', 'D-20261126-ZZ00'];
    expect(resolvePrefix('d-20261126', ids)).toEqual({ kind: 'one', id: 'D-20261126-ZZ00' });
    expect(resolvePrefix('D-20261125-AB', ids)).toEqual({ kind: 'many', ids: ['D-20261125-AB12', 'D-20261125-AB34'] });
    expect(resolvePrefix('X', ids)).toEqual({ kind: 'none' });
  });
});

describe('masking personal data (SPEC §2)', () => {
  it('phone 138****1234, name 李*', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskName('李先生')).toBe('李*');
    expect(maskName('欧阳娜娜')).toBe('欧阳*');
    expect(maskName('Zhang Wei')).toBe('Z* W*');
  });
});
