import { countBacklog } from './backlog.js';
import type { CountSummary, MetricInput } from './types.js';
import { defineMetric } from './types.js';

export interface BacklogAgedResult extends CountSummary {
  /** The age threshold, in seconds (settings.backlogAgeSeconds). */
  ageSeconds: number;
  /** All open contacts at the end of the period (the backlog metric). */
  backlog: number;
  /** Aged contacts as a percent of the backlog; null when the backlog is empty. */
  share: number | null;
}

/**
 * Aged backlog: open contacts older than a threshold at the end of the period (seed 004: "total
 * unresolved tickets older than x time"; default 24 h, settings.backlogAgeSeconds).
 *
 * Formula: the count of backlog contacts (see backlog) whose age at the end of the period,
 * end - created_at, is strictly greater than the threshold; also their share of the backlog.
 * `n` is that count, like every count metric.
 * Period attribution: a snapshot at the instant the period ends.
 *
 * @example
 * // at the end of March, one contact open for 2 days and one open for 1 hour
 * backlogAged(input).value; // => 1
 * backlogAged(input).share; // => 50
 */
export function backlogAged(input: MetricInput): BacklogAgedResult {
  const ageSeconds = input.settings.backlogAgeSeconds;
  const { open, olderThanThreshold } = countBacklog(input);
  return {
    unit: 'count',
    n: olderThanThreshold,
    value: olderThanThreshold,
    ageSeconds,
    backlog: open,
    share: open === 0 ? null : (100 * olderThanThreshold) / open,
  };
}

export const backlogAgedMetric = defineMetric({
  id: 'backlog_aged',
  title: 'Aged backlog',
  kind: 'count',
  definition: 'Contacts open at the end of the period that are older than the age threshold (default 24 h)',
  compute: backlogAged,
});
