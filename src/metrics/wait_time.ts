import { secondsBetween } from './columns.js';
import { summarizeSampleInPlace } from './stats.js';
import type { DurationSummary, MetricInput } from './types.js';
import { defineMetric } from './types.js';

/**
 * Wait time (speed of answer): how long a chat or call waits before an agent answers it.
 *
 * Formula: answered - created (the request, or entering the queue), in seconds, for each
 * in-scope contact answered in the period. Only chats and calls carry `answered_at`, so no
 * channel filter is needed.
 * Period attribution: the period of the answer (start <= answered_at < end).
 *
 * @example
 * // two chats answered after 20 s and 40 s
 * waitTime(input).mean; // => 30
 */
export function waitTime(input: MetricInput): DurationSummary {
  const contacts = input.data.contacts;
  return summarizeSampleInPlace(secondsBetween(input, contacts.time.created_at, contacts.time.answered_at), 'seconds');
}

export const waitTimeMetric = defineMetric({
  id: 'wait_time',
  title: 'Wait time',
  kind: 'duration',
  definition: 'Seconds from request to answer by an agent, for chats and calls answered in the period',
  compute: waitTime,
});
