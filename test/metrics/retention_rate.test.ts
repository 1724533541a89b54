import { describe, expect, it } from 'vitest';
import { customersFrom } from '../../src/model/records.js';
import type { PlainRecord } from '../../src/model/records.js';
import { retentionRate } from '../../src/metrics/retention_rate.js';
import { metricInput } from './helpers.js';

/** `count` customers with these start and end times; ids from a prefix. */
function customers(prefix: string, count: number, started_at: string, ended_at?: string): PlainRecord[] {
  return Array.from({ length: count }, (_, i) => ({ customer_id: `${prefix}${i}`, started_at, ended_at }));
}

describe('retention_rate', () => {
  it('reproduces seed 004: 1,000 at the start, 1,200 at the end, 300 new = 90%', () => {
    const table = customersFrom([
      ...customers('stayed', 900, '2023-01-01T00:00:00Z'),
      ...customers('lost', 100, '2023-01-01T00:00:00Z', '2024-03-15T00:00:00Z'),
      ...customers('new', 300, '2024-03-10T00:00:00Z'),
    ]);
    const result = retentionRate(metricInput({ customers: table }));
    expect(result).toEqual({ unit: 'percent', n: 1000, value: 90, atStart: 1000, atEnd: 1200, new: 300, lost: 100 });
  });

  it('follows the instants exactly: present at t when started before t and not ended before t', () => {
    const table = customersFrom([
      // started exactly at the start: new, not at the start
      { customer_id: 'a', started_at: '2024-03-01T00:00:00Z' },
      // ended exactly at the start: still present at the start, and lost in the period
      { customer_id: 'b', started_at: '2023-01-01T00:00:00Z', ended_at: '2024-03-01T00:00:00Z' },
      // ended exactly at the end: present at the end, not lost
      { customer_id: 'c', started_at: '2023-01-01T00:00:00Z', ended_at: '2024-04-01T00:00:00Z' },
      // started exactly at the end: neither new nor at the end
      { customer_id: 'd', started_at: '2024-04-01T00:00:00Z' },
      // joined and left within the period: new, not lost, not at the end
      { customer_id: 'e', started_at: '2024-03-05T00:00:00Z', ended_at: '2024-03-06T00:00:00Z' },
    ]);
    const result = retentionRate(metricInput({ customers: table }));
    expect(result).toMatchObject({ atStart: 2, atEnd: 2, new: 2, lost: 1, value: 0 });
  });

  it('keeps only customers in scope, and gives null with no customers at the start', () => {
    const table = customersFrom([
      { customer_id: 'a', started_at: '2023-01-01T00:00:00Z' },
      { customer_id: 'b', started_at: '2023-01-01T00:00:00Z', ended_at: '2024-03-05T00:00:00Z' },
    ]);
    expect(retentionRate(metricInput({ customers: table, customerInScope: [0, 1] }))).toMatchObject({ atStart: 1, value: 0 });
    expect(retentionRate(metricInput())).toEqual({ unit: 'percent', n: 0, value: null, atStart: 0, atEnd: 0, new: 0, lost: 0 });
  });
});
