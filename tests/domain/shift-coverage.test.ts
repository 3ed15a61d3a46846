// "At least one person on duty at all times" (SPEC §5.1): the shift templates of a
// residential desk must cover the whole duty day, in summer and out of it.
import { describe, expect, it } from 'vitest';
import { checkShiftCoverage } from '../../src/domain/checks/shift-coverage.js';
import { emptyDesk } from '../../src/domain/desk.js';
import { resolveConfig, type ConfigInput } from '../../src/domain/records/config.js';

const gaps = (input: Omit<ConfigInput, 'property'>) =>
  checkShiftCoverage({ ...emptyDesk(resolveConfig({ property: 'x', ...input })), configKnown: true }, { asOf: 0 }).map((f) => `${String(f.params?.season)} ${String(f.params?.from)}–${String(f.params?.to)}`);
const day = { id: 'day', start: '08:30', end: '17:30', roles: ['clerk' as const] };
const night = { id: 'night', start: '17:30', end: '08:30', roles: ['maintenance' as const] };

describe('shift coverage', () => {
  it('the 24-hour duty covers the day; so do day and night that meet', () => {
    expect(gaps({})).toEqual([]);
    expect(gaps({ shifts: [day, night] })).toEqual([]);
  });

  it("the spec's split example: the summer night shift starting at 18:00 leaves 17:30–18:00 open in summer only", () => {
    expect(gaps({ shifts: [day, { ...night, summer: { start: '18:00' } }] })).toEqual(['summer 17:30–18:00']);
    expect(gaps({ shifts: [{ ...day, summer: { end: '18:00' } }, { ...night, summer: { start: '18:00' } }] })).toEqual([]);
  });

  it('a gap before dawn and one at noon are found; overlapping shifts are fine', () => {
    expect(gaps({ shifts: [day, { ...night, end: '07:00' }] })).toEqual(['summer 07:00–08:30', 'winter 07:00–08:30']);
    expect(gaps({ shifts: [{ ...day, end: '12:00' }, { ...day, id: 'pm', start: '13:30' }, night] })).toEqual(['summer 12:00–13:30', 'winter 12:00–13:30']);
    expect(gaps({ shifts: [{ ...day, end: '19:00' }, night] })).toEqual([]);
  });

  it('an office desk works office hours: not checked', () => {
    expect(gaps({ profile: 'office' })).toEqual([]);
  });
});
