import { secondsBetween } from './columns.js';
import { summarizeSampleInPlace } from './stats.js';
import type { DurationSummary, MetricInput } from './types.js';
import { defineMetric } from './types.js';

/**
 * Handle time (chat duration, talk time): how long an agent spends in the conversation itself.
 * Seed 001 gives 11-12 minutes as the industry average chat duration.
 *
 * Formula: ended - answered, in seconds, for each in-scope contact that ended in the period and
 * was answered. After-contact work is measured separately (after_contact_work).
 * Period attribution: the period of the end (start <= ended_at < end).
 *
 * @example
 * // two calls of 10 and 12 minutes
 * handleTime(input).mean; // => 660
 */
export function handleTime(input: MetricInput): DurationSummary {
  const contacts = input.data.contacts;
  return summarizeSampleInPlace(secondsBetween(input, contacts.time.answered_at, contacts.time.ended_at), 'seconds');
}

export const handleTimeMetric = defineMetric({
  id: 'handle_time',
  title: 'Handle time',
  kind: 'duration',
  definition: 'Seconds from answer to end of the chat or call, for those ended in the period',
  compute: handleTime,
});
