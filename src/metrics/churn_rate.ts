import { countCustomerBase } from './customer_base.js';
import { rate } from './stats.js';
import type { MetricInput, RateSummary } from './types.js';
import { defineMetric } from './types.js';

export interface ChurnRateResult extends RateSummary {
  atStart: number;
  lost: number;
}

/**
 * Customer churn rate: the share of the customers at the start of the period whose relationship
 * ended during it (seed 004).
 *
 * Formula: customers lost in the period / customers at the start x 100, over the in-scope
 * customers. At the start: started before it and not ended by it. Lost: present at the start and
 * ended in the period (start <= ended_at < end); a customer who joined and left within the period
 * is in neither count.
 * Period attribution: customers present at the start, ends during the period.
 *
 * @example
 * // seed 004: 2,000 customers at the start, 400 lost (the seed prints "2%", an arithmetic slip)
 * churnRate(input).value; // => 20
 */
export function churnRate(input: MetricInput): ChurnRateResult {
  const { atStart, lost } = countCustomerBase(input);
  return { ...rate(lost, atStart), atStart, lost };
}

export const churnRateMetric = defineMetric({
  id: 'churn_rate',
  title: 'Customer churn rate',
  kind: 'rate',
  definition: 'Customers present at the start whose relationship ended in the period / customers at the start (percent)',
  compute: churnRate,
});
