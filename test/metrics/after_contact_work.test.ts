import { describe, expect, it } from 'vitest';
import { contactsFrom } from '../../src/model/records.js';
import { afterContactWork } from '../../src/metrics/after_contact_work.js';
import { metricInput } from './helpers.js';

describe('after_contact_work', () => {
  const contacts = contactsFrom([
    { id: 'a', channel: 'phone', created_at: '2024-03-10T08:00:00Z', ended_at: '2024-03-10T08:10:00Z', wrap_up_at: '2024-03-10T08:11:00Z' },
    { id: 'b', channel: 'phone', created_at: '2024-03-10T08:00:00Z', ended_at: '2024-03-10T08:10:00Z', wrap_up_at: '2024-03-10T08:12:00Z' },
    // wrap-up without an end time: not measured
    { id: 'c', channel: 'phone', created_at: '2024-03-10T08:00:00Z', wrap_up_at: '2024-03-10T08:12:00Z' },
    // ended in March, wrap-up finished exactly at the end of March: next period
    { id: 'd', channel: 'phone', created_at: '2024-03-31T23:00:00Z', ended_at: '2024-03-31T23:59:00Z', wrap_up_at: '2024-04-01T00:00:00Z' },
  ]);

  it('averages wrap-up - ended over wrap-ups finished in the period', () => {
    expect(afterContactWork(metricInput({ contacts }))).toMatchObject({ unit: 'seconds', n: 2, mean: 90, min: 60, max: 120 });
  });

  it('keeps only contacts in scope, and gives null when none is left', () => {
    expect(afterContactWork(metricInput({ contacts, contactInScope: [1, 0, 1, 1] }))).toMatchObject({ n: 1, mean: 60 });
    expect(afterContactWork(metricInput({ contacts, contactInScope: [0, 0, 1, 1] }))).toMatchObject({ n: 0, mean: null });
  });
});
