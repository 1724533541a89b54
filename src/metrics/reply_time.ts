import { contactScopeMask } from './columns.js';
import { summarizeDurations, summarizeSampleInPlace } from './stats.js';
import type { DurationSummary, MetricInput } from './types.js';
import { defineMetric } from './types.js';

/**
 * Reply time: how long customers wait for each agent reply, not only the first one.
 *
 * Formula: for every agent reply that answers a customer message, reply - the earliest customer
 * message since the previous agent message, in seconds; a reply with no customer message waiting
 * (a follow-up) is not counted. Over the replies of in-scope contacts. With --business-hours only
 * the open seconds between the two instants count.
 * Replies come from event-level exports (the timeline builder lists them); row-per-contact exports
 * hold no replies, so over them this metric has no data (n 0).
 * Period attribution: the period of the reply (start <= reply < end).
 *
 * @example
 * // a customer writes at 10:00 and 10:05, the agent replies at 10:20; the customer writes again at 11:00, reply at 11:02
 * replyTime(input).mean; // => 660 (1,200 s and 120 s)
 */
export function replyTime(input: MetricInput): DurationSummary {
  const replies = input.data.replies;
  if (!replies || replies.length === 0) return summarizeDurations([]);
  const inScope = contactScopeMask(input);
  const { start, end } = input.period;
  const { businessTime } = input;
  const contact = replies.number.contact;
  const at = replies.time.at;
  const waited = replies.number.response_seconds;
  const isCounted = (i: number) => {
    const t = at.at(i);
    const wait = waited.at(i);
    return wait === wait && (!inScope || inScope[contact.at(i)] === 1) && t >= start && t < end;
  };
  let count = 0;
  for (let i = 0; i < replies.length; i++) if (isCounted(i)) count++;
  const seconds = new Float64Array(count);
  let next = 0;
  for (let i = 0; i < replies.length; i++) {
    if (!isCounted(i)) continue;
    const t = at.at(i);
    const wait = waited.at(i);
    seconds[next++] = businessTime ? businessTime.openSeconds(t - wait * 1000, t) : wait;
  }
  return summarizeSampleInPlace(seconds, 'seconds');
}

export const replyTimeMetric = defineMetric({
  id: 'reply_time',
  title: 'Reply time',
  kind: 'duration',
  definition: 'Seconds from the earliest waiting customer message to each agent reply, for replies sent in the period (event exports)',
  compute: replyTime,
});
