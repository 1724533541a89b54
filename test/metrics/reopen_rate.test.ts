import { describe, expect, it } from 'vitest';
import { contactsFrom } from '../../src/model/records.js';
import { reopenRate } from '../../src/metrics/reopen_rate.js';
import { metricInput } from './helpers.js';

describe('reopen_rate', () => {
  const contacts = contactsFrom([
    { id: 'a', created_at: '2024-03-01T00:00:00Z', resolved_at: '2024-03-01T00:00:00Z', reopens: 1 },
    { id: 'b', created_at: '2024-03-01T00:00:00Z', resolved_at: '2024-03-02T00:00:00Z', reopens: 0 },
    { id: 'c', created_at: '2024-03-01T00:00:00Z', resolved_at: '2024-03-02T00:00:00Z' }, // missing: 0
    { id: 'd', created_at: '2024-03-01T00:00:00Z', resolved_at: '2024-03-31T23:59:59Z' },
    { id: 'e', created_at: '2024-03-01T00:00:00Z', resolved_at: '2024-04-01T00:00:00Z', reopens: 3 }, // April
    { id: 'f', created_at: '2024-03-01T00:00:00Z', reopens: 2 }, // not resolved
  ]);

  it('divides reopened by resolved contacts in the period', () => {
    const result = reopenRate(metricInput({ contacts }));
    expect(result).toMatchObject({ unit: 'percent', n: 4, value: 25, numerator: 1, denominator: 4 });
  });

  it('keeps only contacts in scope, and gives null when none is resolved', () => {
    expect(reopenRate(metricInput({ contacts, contactInScope: [0, 1, 1, 1, 1, 1] }))).toMatchObject({ value: 0, denominator: 3 });
    expect(reopenRate(metricInput())).toEqual({ unit: 'percent', n: 0, value: null, numerator: 0, denominator: 0, ci95: null });
  });
});
