import { rate } from './stats.js';
import type { MetricInput, RateSummary } from './types.js';
import { defineMetric } from './types.js';

/**
 * Reopen rate: the share of resolved contacts that were reopened, a sign of resolutions that
 * did not hold.
 *
 * Formula: in-scope contacts resolved in the period with reopens > 0 / in-scope contacts
 * resolved in the period x 100. A missing reopen count is taken as 0.
 * Period attribution: the period of the (last) resolution (start <= resolved_at < end).
 *
 * @example
 * // four contacts resolved in the period, one of them reopened once
 * reopenRate(input).value; // => 25
 */
export function reopenRate(input: MetricInput): RateSummary {
  const contacts = input.data.contacts;
  const scope = input.contactInScope;
  const { start, end } = input.period;
  const resolvedAt = contacts.time.resolved_at;
  const reopens = contacts.number.reopens;
  let resolved = 0;
  let reopened = 0;
  for (let i = 0; i < contacts.length; i++) {
    if (scope[i] !== 1) continue;
    const resolvedTime = resolvedAt[i];
    if (!(resolvedTime >= start && resolvedTime < end)) continue;
    resolved++;
    if (reopens[i] > 0) reopened++;
  }
  return rate(reopened, resolved);
}

export const reopenRateMetric = defineMetric({
  id: 'reopen_rate',
  title: 'Reopen rate',
  kind: 'rate',
  definition: 'Contacts resolved in the period that were reopened / contacts resolved in the period (percent)',
  compute: reopenRate,
});
