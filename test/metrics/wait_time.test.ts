import { describe, expect, it } from 'vitest';
import { contactsFrom } from '../../src/model/records.js';
import { waitTime } from '../../src/metrics/wait_time.js';
import { metricInput } from './helpers.js';

describe('wait_time', () => {
  const contacts = contactsFrom([
    { id: 'a', channel: 'chat', created_at: '2024-03-10T08:00:00Z', answered_at: '2024-03-10T08:00:20Z' },
    { id: 'b', channel: 'phone', created_at: '2024-03-10T08:00:00Z', answered_at: '2024-03-10T08:00:40Z' },
    { id: 'c', channel: 'chat', created_at: '2024-03-10T08:00:00Z' }, // never answered
    { id: 'd', channel: 'chat', created_at: '2024-03-31T23:59:00Z', answered_at: '2024-04-01T00:00:00Z' },
  ]);

  it('averages answered - created over contacts answered in the period', () => {
    expect(waitTime(metricInput({ contacts }))).toMatchObject({ unit: 'seconds', n: 2, mean: 30, min: 20, max: 40 });
  });

  it('counts an answer at the period start, not one at its end', () => {
    const result = waitTime(metricInput({ contacts, period: { start: Date.parse('2024-04-01T00:00:00Z'), end: Date.parse('2024-05-01T00:00:00Z') } }));
    expect(result).toMatchObject({ n: 1, mean: 60 });
  });

  it('keeps only contacts in scope, and gives null when none is left', () => {
    expect(waitTime(metricInput({ contacts, contactInScope: [0, 1, 1, 1] }))).toMatchObject({ n: 1, mean: 40 });
    expect(waitTime(metricInput({ contacts, contactInScope: [0, 0, 0, 0] }))).toMatchObject({ n: 0, mean: null });
  });
});
