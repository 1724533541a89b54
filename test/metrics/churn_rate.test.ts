import { describe, expect, it } from 'vitest';
import { customersFrom } from '../../src/model/records.js';
import type { PlainRecord } from '../../src/model/records.js';
import { churnRate } from '../../src/metrics/churn_rate.js';
import { metricInput } from './helpers.js';

function customers(prefix: string, count: number, started_at: string, ended_at?: string): PlainRecord[] {
  return Array.from({ length: count }, (_, i) => ({ customer_id: `${prefix}${i}`, started_at, ended_at }));
}

describe('churn_rate', () => {
  it('reproduces seed 004: 2,000 at the start, 400 lost = 20%', () => {
    const table = customersFrom([
      ...customers('stayed', 1600, '2023-01-01T00:00:00Z'),
      ...customers('lost', 400, '2023-01-01T00:00:00Z', '2024-03-20T00:00:00Z'),
      // joined and left within the period: in neither count
      ...customers('brief', 50, '2024-03-02T00:00:00Z', '2024-03-03T00:00:00Z'),
      // left before the period: not at the start
      ...customers('gone', 70, '2023-01-01T00:00:00Z', '2024-02-01T00:00:00Z'),
    ]);
    const result = churnRate(metricInput({ customers: table }));
    expect(result).toMatchObject({ unit: 'percent', n: 2000, value: 20, numerator: 400, denominator: 2000, atStart: 2000, lost: 400 });
    expect(result.ci95![0]).toBeLessThan(20);
    expect(result.ci95![1]).toBeGreaterThan(20);
  });

  it('keeps only customers in scope, and gives null with no customers at the start', () => {
    const table = customersFrom([
      { customer_id: 'a', started_at: '2023-01-01T00:00:00Z' },
      { customer_id: 'b', started_at: '2023-01-01T00:00:00Z', ended_at: '2024-03-05T00:00:00Z' },
    ]);
    expect(churnRate(metricInput({ customers: table }))).toMatchObject({ value: 50, atStart: 2, lost: 1 });
    expect(churnRate(metricInput({ customers: table, customerInScope: [0, 1] }))).toMatchObject({ value: 100 });
    expect(churnRate(metricInput())).toEqual({
      unit: 'percent',
      n: 0,
      value: null,
      numerator: 0,
      denominator: 0,
      ci95: null,
      atStart: 0,
      lost: 0,
    });
  });
});
