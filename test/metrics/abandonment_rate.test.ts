import { describe, expect, it } from 'vitest';
import { contactsFrom } from '../../src/model/records.js';
import { abandonmentRate } from '../../src/metrics/abandonment_rate.js';
import { hasNoNaN, metricInput } from './helpers.js';

describe('abandonment_rate', () => {
  // 2024-03-04 is a Monday, 2024-03-10 a Sunday
  const contacts = contactsFrom([
    { id: 'short', channel: 'phone', created_at: '2024-03-04T09:00:00Z', abandoned_at: '2024-03-04T09:00:02Z' },
    { id: 'left', channel: 'phone', created_at: '2024-03-04T09:30:00Z', abandoned_at: '2024-03-04T09:30:40Z', abandon_step: 'hold message' },
    { id: 'answered', channel: 'phone', created_at: '2024-03-04T10:00:00Z', answered_at: '2024-03-04T10:00:20Z' },
    { id: 'answered chat', channel: 'chat', created_at: '2024-03-04T10:00:00Z', answered_at: '2024-03-04T10:00:20Z' },
    // exactly at the threshold (5 s): not a short abandon
    { id: 'at 5 s', channel: 'chat', created_at: '2024-03-10T23:59:00Z', abandoned_at: '2024-03-10T23:59:05Z' },
    { id: 'email', channel: 'email', created_at: '2024-03-04T10:00:00Z', abandoned_at: '2024-03-04T11:00:00Z' },
    { id: 'april', channel: 'phone', created_at: '2024-04-01T00:00:00Z', abandoned_at: '2024-04-01T00:01:00Z' },
  ]);

  it('divides abandoned by offered live contacts, short abandons excluded from both', () => {
    const result = abandonmentRate(metricInput({ contacts }));
    expect(result).toMatchObject({ unit: 'percent', n: 4, value: 50, numerator: 2, denominator: 4, shortAbandons: 1 });
    expect(result.byStep).toEqual({ '(none)': 1, 'hold message': 1 });
  });

  it('counts abandoned contacts by hour and weekday of creation, in UTC', () => {
    const result = abandonmentRate(metricInput({ contacts }));
    const byHour = new Array(24).fill(0);
    byHour[9] = 1;
    byHour[23] = 1;
    expect(result.byHour).toEqual(byHour);
    expect(result.byWeekday).toEqual([1, 0, 0, 0, 0, 0, 1]);
  });

  it('reads hour and weekday on the report zone\'s clock', () => {
    // Sunday 23:59 UTC is Monday 00:59 in Berlin (CET, +01:00); 09:30 UTC is 10:30
    const result = abandonmentRate(metricInput({ contacts, timeZone: 'Europe/Berlin' }));
    const byHour = new Array(24).fill(0);
    byHour[0] = 1;
    byHour[10] = 1;
    expect(result.byHour).toEqual(byHour);
    expect(result.byWeekday).toEqual([2, 0, 0, 0, 0, 0, 0]);
  });

  it('takes the short-abandon threshold from the settings', () => {
    const result = abandonmentRate(metricInput({ contacts, settings: { shortAbandonSeconds: 0 } }));
    expect(result).toMatchObject({ numerator: 3, denominator: 5, shortAbandons: 0 });
  });

  it('keeps only contacts in scope, and gives null when nothing was offered', () => {
    expect(abandonmentRate(metricInput({ contacts, contactInScope: [1, 0, 1, 1, 1, 1, 1] }))).toMatchObject({ numerator: 1, denominator: 3 });
    const none = abandonmentRate(metricInput());
    expect(none).toMatchObject({ n: 0, value: null, shortAbandons: 0, byStep: {} });
    expect(none.byHour).toHaveLength(24);
    expect(none.byWeekday).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(hasNoNaN(none)).toBe(true);
  });
});
