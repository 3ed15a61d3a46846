// Complaint deadlines by severity (SPEC §5.2), at their boundaries.
import { describe, expect, it } from 'vitest';
import { deriveComplaintState } from '../../src/domain/complaints.js';
import { resolveConfig } from '../../src/domain/records/config.js';
import type { Complaint } from '../../src/domain/records/complaint.js';
import { formatInstant, toEpoch } from '../../src/domain/time.js';

const config = resolveConfig({ property: 'x' });
const base: Complaint = {
  id: 'TS-20261120-K7Q2', received_at: '2026-11-20T10:05:00+08:00', received_by: 'S02', channel: 'phone',
  complainant: { unit: '3-1201' }, category: 'noise', summary: '夜间装修噪音', severity: 'important', events: [],
};
const at = (iso: string) => toEpoch(iso);
const show = (c: Complaint, asOf: string) =>
  deriveComplaintState(c, config, at(asOf)).deadlines.map((d) => `${d.stage} ${d.rule} ${formatInstant(d.due, 'Asia/Shanghai')} ${d.status}`);

describe('complaint deadlines (SPEC §5.2)', () => {
  it('important: escalate within 1 hour, resolve within 3 days', () => {
    expect(show(base, '2026-11-20T11:05:00+08:00')).toEqual([
      'escalate 1h 2026-11-20T11:05:00+08:00 open',
      'resolve 3d 2026-11-23T23:59:59+08:00 open',
    ]);
    expect(show(base, '2026-11-20T11:05:01+08:00')[0]).toBe('escalate 1h 2026-11-20T11:05:00+08:00 missed');
  });

  it('escalated at the deadline second is met; resolved a second late is missed', () => {
    const c: Complaint = { ...base, events: [
      { type: 'escalated', at: '2026-11-20T11:05:00+08:00', by: 'S02', to: 'S01' },
      { type: 'resolved', at: '2026-11-24T00:00:00+08:00', by: 'S07' },
    ] };
    expect(show(c, '2026-11-25T09:00:00+08:00')).toEqual([
      'escalate 1h 2026-11-20T11:05:00+08:00 met',
      'resolve 3d 2026-11-23T23:59:59+08:00 missed',
    ]);
  });

  it('major: escalate the same day, reply within 2 days, resolve within 10 days', () => {
    expect(show({ ...base, severity: 'major' }, '2026-11-20T12:00:00+08:00')).toEqual([
      'escalate same_day 2026-11-20T23:59:59+08:00 open',
      'reply 2d 2026-11-22T23:59:59+08:00 open',
      'resolve 10d 2026-11-30T23:59:59+08:00 open',
    ]);
  });

  it('minor: within 2 days, or by the resident\'s requested deadline', () => {
    expect(show({ ...base, severity: 'minor' }, '2026-11-20T12:00:00+08:00')).toEqual(['resolve 2d 2026-11-22T23:59:59+08:00 open']);
    expect(show({ ...base, severity: 'minor', requested_deadline: '2026-11-21' }, '2026-11-22T00:00:00+08:00')).toEqual(['resolve requested_deadline 2026-11-21T23:59:59+08:00 missed']);
  });

  it('a reclassification recomputes every deadline from received_at; events after as-of are not yet known', () => {
    const c: Complaint = { ...base, events: [{ type: 'reclassified', at: '2026-11-21T09:00:00+08:00', by: 'S01', severity: 'major', reason: '涉及安全' }] };
    expect(show(c, '2026-11-20T20:00:00+08:00').map((l) => l.split(' ')[0])).toEqual(['escalate', 'resolve']);
    expect(show(c, '2026-11-21T09:00:00+08:00')).toEqual([
      'escalate same_day 2026-11-20T23:59:59+08:00 missed',
      'reply 2d 2026-11-22T23:59:59+08:00 open',
      'resolve 10d 2026-11-30T23:59:59+08:00 open',
    ]);
  });

  it('a reopened complaint is no longer resolved; an invalid one has no deadlines', () => {
    const reopened: Complaint = { ...base, events: [
      { type: 'resolved', at: '2026-11-21T10:00:00+08:00', by: 'S07' },
      { type: 'reopened', at: '2026-11-22T10:00:00+08:00', by: 'S01', reason: '住户反映仍有噪音' },
    ] };
    const s = deriveComplaintState(reopened, config, at('2026-11-25T09:00:00+08:00'));
    expect(s.resolvedAt).toBeUndefined();
    expect(s.deadlines.find((d) => d.stage === 'resolve')?.status).toBe('missed');
    const invalid = deriveComplaintState({ ...base, events: [{ type: 'invalid', at: '2026-11-20T11:00:00+08:00', by: 'S01', reason: '非物业范围' }] }, config, at('2026-11-25T09:00:00+08:00'));
    expect(invalid).toMatchObject({ invalid: true, deadlines: [] });
  });
});
