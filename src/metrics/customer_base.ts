import { shared } from './columns.js';
import type { MetricInput } from './types.js';

/** The customer-base counts behind retention_rate and churn_rate. */
export interface CustomerBaseCounts {
  /** Customers present at the start of the period. */
  atStart: number;
  /** Customers present at the end of the period. */
  atEnd: number;
  /** Customers who started during the period. */
  new: number;
  /** Customers present at the start whose relationship ended during the period. */
  lost: number;
}

/**
 * Counts the in-scope customers at the start S and the end E of the period. A customer is present
 * at an instant t when started_at < t and (ended_at is missing or ended_at >= t). New: started in
 * the period (S <= started_at < E). Lost: present at S and ended in the period (S <= ended_at <
 * E); a customer who joined and left within the period is in neither count.
 * Counted once per input: retention_rate and churn_rate share the pass.
 */
export function countCustomerBase(input: MetricInput): CustomerBaseCounts {
  return shared(input, 'customer base', () => countCustomers(input));
}

function countCustomers(input: MetricInput): CustomerBaseCounts {
  const customers = input.data.customers;
  const rows = input.customerRows;
  const count = rows ? rows.length : customers.length;
  const { start, end } = input.period;
  const startedAt = customers.time.started_at;
  const endedAt = customers.time.ended_at;
  let atStart = 0;
  let atEnd = 0;
  let started = 0;
  let lost = 0;
  for (let k = 0; k < count; k++) {
    const i = rows ? rows[k] : k;
    const startedTime = startedAt.at(i);
    const endedTime = endedAt.at(i);
    const neverEnded = endedTime !== endedTime;
    const presentAtStart = startedTime < start && (neverEnded || endedTime >= start);
    if (presentAtStart) atStart++;
    if (startedTime < end && (neverEnded || endedTime >= end)) atEnd++;
    if (startedTime >= start && startedTime < end) started++;
    if (presentAtStart && endedTime >= start && endedTime < end) lost++;
  }
  return { atStart, atEnd, new: started, lost };
}
