import { durationBuckets } from './buckets.js';
import { secondsBetween } from './columns.js';
import { summarizeSampleInPlace } from './stats.js';
import type { DurationSummary, MetricInput } from './types.js';
import { defineMetric } from './types.js';

export interface FirstResponseTimeResult extends DurationSummary {
  /** Counts of first responses by how long they took (seed 002's distribution). */
  buckets: Record<string, number>;
}

/**
 * First response time: how long customers wait for the first public reply of a human agent.
 *
 * Formula: first agent reply - created, in seconds, for each in-scope contact whose first reply
 * falls in the period; the average is total first-response time / number of first responses.
 * Buckets (settings.bucketBounds.firstResponse): by default within 1 h (<= 3600 s), 1-6 h
 * (over 1 h up to 6 h), 6-12 h, 12-24 h, over 24 h; each bucket includes its upper bound.
 * Period attribution: the period of the first reply (start <= first_response_at < end).
 *
 * @example
 * // seed 004: 54,000 s of first-response time over 800 first responses
 * firstResponseTime(input).mean; // => 67.5
 */
export function firstResponseTime(input: MetricInput): FirstResponseTimeResult {
  const contacts = input.data.contacts;
  const seconds = secondsBetween(
    input,
    contacts.time.created_at,
    contacts.time.first_response_at,
    contacts.number.first_response_business_seconds,
  );
  // the summary reorders the sample; the bucket counts do not depend on its order
  const summary = summarizeSampleInPlace(seconds, 'seconds');
  return { ...summary, buckets: durationBuckets(seconds, input.settings.bucketBounds.firstResponse) };
}

export const firstResponseTimeMetric = defineMetric({
  id: 'first_response_time',
  title: 'First response time',
  kind: 'duration',
  definition: 'Seconds from creation to the first agent reply, for first replies sent in the period',
  compute: firstResponseTime,
});
