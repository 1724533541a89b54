import { secondsBetween } from './columns.js';
import { summarizeSampleInPlace } from './stats.js';
import type { DurationSummary, MetricInput } from './types.js';
import { defineMetric } from './types.js';

/**
 * After-contact work (wrap-up time): how long an agent spends after a chat or call updating the
 * CRM and writing notes before taking the next one.
 *
 * Formula: wrap-up finished - ended, in seconds, for each in-scope contact whose wrap-up finished
 * in the period and that has an end time.
 * Period attribution: the period in which the wrap-up finished (start <= wrap_up_at < end).
 *
 * @example
 * // two calls wrapped up 60 s and 120 s after they ended
 * afterContactWork(input).mean; // => 90
 */
export function afterContactWork(input: MetricInput): DurationSummary {
  const contacts = input.data.contacts;
  return summarizeSampleInPlace(secondsBetween(input, contacts.time.ended_at, contacts.time.wrap_up_at), 'seconds');
}

export const afterContactWorkMetric = defineMetric({
  id: 'after_contact_work',
  title: 'After-contact work',
  kind: 'duration',
  definition: 'Seconds from end of the chat or call to finished wrap-up, for wrap-ups finished in the period',
  compute: afterContactWork,
});
