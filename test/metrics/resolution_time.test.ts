import { describe, expect, it } from 'vitest';
import { contactsFrom } from '../../src/model/records.js';
import { resolutionTime } from '../../src/metrics/resolution_time.js';
import { metricInput } from './helpers.js';

describe('resolution_time', () => {
  const contacts = contactsFrom([
    { id: 'a', created_at: '2024-03-10T08:00:00Z', resolved_at: '2024-03-10T09:00:00Z' },
    { id: 'b', created_at: '2024-03-10T08:00:00Z', resolved_at: '2024-03-10T11:00:00Z' },
    // closed without being resolved: no resolution time
    { id: 'c', created_at: '2024-03-10T08:00:00Z', closed_at: '2024-03-10T12:00:00Z' },
    // created in February, resolved exactly at the start of March: counts
    { id: 'd', created_at: '2024-02-29T00:00:00Z', resolved_at: '2024-03-01T00:00:00Z' },
    // resolved exactly at the end of March: next period
    { id: 'e', created_at: '2024-03-31T00:00:00Z', resolved_at: '2024-04-01T00:00:00Z' },
  ]);

  it('averages resolved - created over contacts resolved in the period', () => {
    const result = resolutionTime(metricInput({ contacts }));
    expect(result).toEqual({
      unit: 'seconds',
      n: 3,
      value: (3600 + 3 * 3600 + 86400) / 3,
      mean: (3600 + 3 * 3600 + 86400) / 3,
      median: 3 * 3600,
      p90: 3 * 3600 + 0.8 * (86400 - 3 * 3600),
      min: 3600,
      max: 86400,
      buckets: { '<=1h': 1, '1h-6h': 1, '6h-12h': 0, '12h-24h': 1, '>24h': 0 },
    });
  });

  it('keeps only contacts in scope', () => {
    const result = resolutionTime(metricInput({ contacts, contactInScope: [1, 1, 1, 0, 1] }));
    expect(result).toMatchObject({ n: 2, mean: 7200 });
  });

  it('gives n 0 and null for no resolutions', () => {
    expect(resolutionTime(metricInput())).toMatchObject({ n: 0, value: null, median: null });
  });
});
