import { describe, expect, it } from 'vitest';
import { configSchema, resolveConfig } from '../../src/domain/records/config.js';

describe('kefu.yaml profile defaults (SPEC §3.1, §5)', () => {
  it('residential: 08:30 duty day, one 24-hour clerk shift, 3-year duty retention', () => {
    const c = resolveConfig(configSchema.parse({ property: '翠湖花园' }));
    expect(c.profile).toBe('residential');
    expect(c.timezone).toBe('Asia/Shanghai');
    expect(c.duty_day_start).toBe('08:30');
    expect(c.shifts).toEqual([{ id: 'day24', name: '24小时值班', start: '08:30', end: '08:30', roles: ['clerk'], min_staff: 1 }]);
    expect(c.retention.duty_years).toBe(3);
    expect(c.handover.arrive_before_minutes).toBe(5);
    expect(c.roster).toEqual({ min_rest_hours: 24, max_shifts_per_week: 3 });
    expect(c.kpi.satisfaction_target).toBe(0.9);
    expect(c.kpi.response_minutes).toBe(10);
  });

  it('office: 09:00 office-hours shift, 2-year duty retention', () => {
    const c = resolveConfig(configSchema.parse({ property: '金融大厦', profile: 'office' }));
    expect(c.duty_day_start).toBe('09:00');
    expect(c.shifts[0]).toMatchObject({ id: 'office', start: '09:00', end: '18:00', roles: ['clerk'] });
    expect(c.retention.duty_years).toBe(2);
  });

  it('the callback and complaint tables of SPEC §5.2 and §5.3', () => {
    const c = resolveConfig({ property: 'x' });
    expect(c.callbacks.complaint).toEqual({ within: '3d', rate: 1, counts_from: 'closed' });
    expect(c.callbacks.repair.within).toBe('2d');
    expect(c.callbacks.repair.categories.leak).toEqual({ within: '3d', rate: 1, counts_from: 'leak_tested' });
    expect(c.callbacks.repair.categories.safety).toEqual({ within: '2d', rate: 1, counts_from: 'closed' });
    expect(c.callbacks.special_service).toEqual({ within: '7d', rate: 0.3, counts_from: 'closed' });
    expect(c.callbacks.activity.rate).toBe(0.1);
    expect(c.callbacks.other.rate).toBe(0);
    expect(c.complaints.major).toEqual({ escalate: 'same_day', escalate_to: 'manager', reply: '2d', resolve: '10d' });
    expect(c.complaints.important).toEqual({ escalate: '1h', escalate_to: 'supervisor', resolve: '3d' });
    expect(c.complaints.minor).toEqual({ resolve: '2d' });
  });

  it('a desk overrides single fields and keeps the other defaults', () => {
    const c = resolveConfig(configSchema.parse({
      property: 'x',
      callbacks: { help: { rate: 0.5 }, repair: { categories: { elevator: { within: '1d' } } } },
      complaints: { minor: { resolve: '1d' } },
      kpi: { response_minutes: 15 },
      roster: { max_shifts_per_week: 4 },
    }));
    expect(c.callbacks.help).toEqual({ within: '7d', rate: 0.5, counts_from: 'closed' });
    expect(c.callbacks.repair.categories.elevator).toEqual({ within: '1d', rate: 1, counts_from: 'closed' });
    expect(c.callbacks.repair.categories.leak?.counts_from).toBe('leak_tested');
    expect(c.complaints.minor.resolve).toBe('1d');
    expect(c.kpi).toMatchObject({ response_minutes: 15, satisfaction_target: 0.9 });
    expect(c.roster).toEqual({ min_rest_hours: 24, max_shifts_per_week: 4 });
  });

  it('is strict: unknown keys are rejected, notes are allowed', () => {
    expect(configSchema.safeParse({ property: 'x', proprety: 'y' }).success).toBe(false);
    expect(configSchema.safeParse({ property: 'x', notes: 'anything' }).success).toBe(true);
  });
});
