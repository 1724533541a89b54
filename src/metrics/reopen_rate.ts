import { contactsResolved } from './columns.js';
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
  const reopens = input.data.contacts.number.reopens;
  const resolved = contactsResolved(input);
  let reopened = 0;
  for (let k = 0; k < resolved.length; k++) if (reopens.at(resolved[k]) > 0) reopened++;
  return rate(reopened, resolved.length);
}

export const reopenRateMetric = defineMetric({
  id: 'reopen_rate',
  title: 'Reopen rate',
  kind: 'rate',
  definition: 'Contacts resolved in the period that were reopened / contacts resolved in the period (percent)',
  compute: reopenRate,
});
