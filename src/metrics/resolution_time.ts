import { durationBuckets } from './buckets.js';
import { secondsBetween } from './columns.js';
import { summarizeSampleInPlace } from './stats.js';
import type { DurationSummary, MetricInput } from './types.js';
import { defineMetric } from './types.js';

export interface ResolutionTimeResult extends DurationSummary {
  /** Counts of resolutions by how long they took (settings.bucketBounds.resolution). */
  buckets: Record<string, number>;
}

/**
 * Resolution time: how long a contact takes from creation to being resolved.
 *
 * Formula: resolved - created, in seconds, for each in-scope contact resolved in the period;
 * the average is total resolution time / number of resolved contacts (seed 004). `resolved_at`
 * is the last resolution when the contact was reopened; a contact closed without ever being
 * resolved has no resolution time.
 * Period attribution: the period of the resolution (start <= resolved_at < end).
 *
 * @example
 * // two contacts resolved in the period, after 1 h and after 3 h
 * resolutionTime(input).mean; // => 7200
 */
export function resolutionTime(input: MetricInput): ResolutionTimeResult {
  const contacts = input.data.contacts;
  const seconds = secondsBetween(
    input,
    contacts.time.created_at,
    contacts.time.resolved_at,
    contacts.number.resolution_business_seconds,
  );
  // the summary reorders the sample; the bucket counts do not depend on its order
  const summary = summarizeSampleInPlace(seconds, 'seconds');
  return { ...summary, buckets: durationBuckets(seconds, input.settings.bucketBounds.resolution) };
}

export const resolutionTimeMetric = defineMetric({
  id: 'resolution_time',
  title: 'Resolution time',
  kind: 'duration',
  definition: 'Seconds from creation to the (last) resolution, for contacts resolved in the period',
  compute: resolutionTime,
});
