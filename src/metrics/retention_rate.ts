import { countCustomerBase } from './customer_base.js';
import type { CustomerBaseCounts } from './customer_base.js';
import type { MetricInput } from './types.js';
import { defineMetric } from './types.js';

export interface RetentionRateResult extends CustomerBaseCounts {
  unit: 'percent';
  /** Customers at the start. */
  n: number;
  /** Null when there were no customers at the start. */
  value: number | null;
}

/**
 * Customer retention rate: the share of the customers at the start of the period still there at
 * its end, the seed's formula taken exactly as it is stated (seed 004).
 *
 * Formula: (customers at the end - new customers in the period) / customers at the start x 100,
 * over the in-scope customers. Present at an instant t: started before t and not ended by t
 * (ended_at missing or at or after t). New: started in the period. A new customer who also left
 * within the period is not at the end yet still subtracted as new, so the value can fall below
 * (atStart - lost) / atStart and, in an extreme case, below 0. It is not a proportion of counts,
 * hence no confidence interval.
 * Period attribution: snapshots at the start and the end of the period.
 *
 * @example
 * // seed 004: 1,000 customers at the start, 1,200 at the end, 300 new
 * retentionRate(input).value; // => 90
 */
export function retentionRate(input: MetricInput): RetentionRateResult {
  const counts = countCustomerBase(input);
  return {
    unit: 'percent',
    n: counts.atStart,
    value: counts.atStart === 0 ? null : (100 * (counts.atEnd - counts.new)) / counts.atStart,
    ...counts,
  };
}

export const retentionRateMetric = defineMetric({
  id: 'retention_rate',
  title: 'Customer retention rate',
  kind: 'rate',
  definition: '(customers at the end - new customers in the period) / customers at the start (percent)',
  compute: retentionRate,
});
