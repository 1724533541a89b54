import { describe, expect, it } from 'vitest';
import { contactsFrom } from '../../src/model/records.js';
import { handleTime } from '../../src/metrics/handle_time.js';
import { metricInput } from './helpers.js';

describe('handle_time', () => {
  const contacts = contactsFrom([
    { id: 'a', channel: 'phone', created_at: '2024-03-10T08:00:00Z', answered_at: '2024-03-10T08:01:00Z', ended_at: '2024-03-10T08:11:00Z' },
    { id: 'b', channel: 'chat', created_at: '2024-03-10T08:00:00Z', answered_at: '2024-03-10T08:01:00Z', ended_at: '2024-03-10T08:13:00Z' },
    // ended without an answer (abandoned): no handle time
    { id: 'c', channel: 'phone', created_at: '2024-03-10T08:00:00Z', ended_at: '2024-03-10T08:02:00Z' },
    // ended exactly at the end of the period: next period
    { id: 'd', channel: 'phone', created_at: '2024-03-31T23:00:00Z', answered_at: '2024-03-31T23:50:00Z', ended_at: '2024-04-01T00:00:00Z' },
  ]);

  it('averages ended - answered over contacts ended in the period', () => {
    expect(handleTime(metricInput({ contacts }))).toMatchObject({ unit: 'seconds', n: 2, mean: 660, median: 660 });
  });

  it('keeps only contacts in scope', () => {
    expect(handleTime(metricInput({ contacts, contactInScope: [0, 1, 1, 1] }))).toMatchObject({ n: 1, mean: 720 });
  });

  it('gives n 0 and null for no data', () => {
    expect(handleTime(metricInput())).toMatchObject({ n: 0, value: null });
  });
});
