import { contactsCreated } from './columns.js';
import { rate } from './stats.js';
import type { MetricInput, RateSummary } from './types.js';
import { defineMetric } from './types.js';

/**
 * Conversion rate: the share of conversations that led to a purchase or conversion (seed 001).
 *
 * Counted over in-scope contacts created in the period whose export says whether they converted
 * (`converted` true or false: usually sales chats); contacts without the flag are not counted.
 * Formula: converted / contacts with a conversion flag x 100.
 * Period attribution: the period in which the contact was created.
 *
 * @example
 * // eight chats with a conversion flag, two converted
 * conversionRate(input).value; // => 25
 */
export function conversionRate(input: MetricInput): RateSummary {
  const contacts = input.data.contacts;
  const converted = contacts.flag.converted;
  let tracked = 0;
  let conversions = 0;
  const created = contactsCreated(input);
  for (let k = 0; k < created.length; k++) {
    const i = created[k];
    if (converted[i] < 0) continue;
    tracked++;
    if (converted[i] === 1) conversions++;
  }
  return rate(conversions, tracked);
}

export const conversionRateMetric = defineMetric({
  id: 'conversion_rate',
  title: 'Conversion rate',
  kind: 'rate',
  definition: 'Contacts created in the period that led to a conversion / contacts with a conversion flag (percent)',
  compute: conversionRate,
});
