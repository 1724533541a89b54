import { describe, expect, it } from 'vitest';
import { contactsFrom } from '../../src/model/records.js';
import { backlogAged } from '../../src/metrics/backlog_aged.js';
import { metricInput } from './helpers.js';

describe('backlog_aged', () => {
  const contacts = contactsFrom([
    { id: 'two days', created_at: '2024-03-30T00:00:00Z' },
    { id: 'one hour', created_at: '2024-03-31T23:00:00Z' },
    { id: 'exactly 24 h', created_at: '2024-03-31T00:00:00Z' }, // not strictly older
    { id: 'a hair over 24 h', created_at: '2024-03-30T23:59:59.999Z' },
    { id: 'resolved', created_at: '2024-03-01T00:00:00Z', resolved_at: '2024-03-02T00:00:00Z' },
  ]);

  it('counts backlog contacts strictly older than the threshold at the end of the period', () => {
    expect(backlogAged(metricInput({ contacts }))).toEqual({
      unit: 'count',
      n: 2,
      value: 2,
      ageSeconds: 86400,
      backlog: 4,
      share: 50,
    });
  });

  it('takes the threshold from the settings', () => {
    const result = backlogAged(metricInput({ contacts, settings: { backlogAgeSeconds: 3600 } }));
    expect(result).toMatchObject({ value: 3, ageSeconds: 3600, share: 75 });
  });

  it('keeps only contacts in scope', () => {
    expect(backlogAged(metricInput({ contacts, contactInScope: [1, 1, 0, 0, 1] }))).toMatchObject({ value: 1, backlog: 2, share: 50 });
  });

  it('gives a null share for an empty backlog', () => {
    expect(backlogAged(metricInput())).toEqual({ unit: 'count', n: 0, value: 0, ageSeconds: 86400, backlog: 0, share: null });
  });
});
