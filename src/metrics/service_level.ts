import { liveContactsCreated } from './columns.js';
import { rate } from './stats.js';
import type { MetricInput, RateSummary } from './types.js';
import { defineMetric } from './types.js';

export interface ServiceLevelResult extends RateSummary {
  /** The answer-time target T, in seconds (settings.serviceLevelSeconds, default 20). */
  targetSeconds: number;
  /** Contacts left within the short-abandon threshold, excluded from the offered. */
  shortAbandons: number;
}

/**
 * Service level: the share of chats and calls answered within T seconds of arriving (the
 * contact-centre "80/20" norm: 80% within 20 s).
 *
 * Counted over in-scope live contacts (chat, phone) created in the period. Offered: all of them
 * but short abandons (left less than settings.shortAbandonSeconds after arriving). Answered
 * within T: answered_at - created_at <= T. A contact never answered, or answered later, is not
 * within T.
 * Formula: answered within T / offered x 100.
 * Period attribution: the period in which the contact arrived (created).
 *
 * @example
 * // four calls: answered after 10 s and 45 s, abandoned after 30 s, abandoned after 2 s (short)
 * serviceLevel(input).value; // => 33.33 (1 of 3 offered)
 */
export function serviceLevel(input: MetricInput): ServiceLevelResult {
  const contacts = input.data.contacts;
  const targetMs = input.settings.serviceLevelSeconds * 1000;
  const shortAbandon = input.settings.shortAbandonSeconds * 1000;
  const createdAt = contacts.time.created_at;
  const answeredAt = contacts.time.answered_at;
  const abandonedAt = contacts.time.abandoned_at;
  let offered = 0;
  let withinTarget = 0;
  let shortAbandons = 0;
  const live = liveContactsCreated(input);
  for (let k = 0; k < live.length; k++) {
    const i = live[k];
    const created = createdAt.at(i);
    if (abandonedAt.at(i) - created < shortAbandon) {
      shortAbandons++; // false when never abandoned (NaN)
      continue;
    }
    offered++;
    if (answeredAt.at(i) - created <= targetMs) withinTarget++;
  }
  return { ...rate(withinTarget, offered), targetSeconds: input.settings.serviceLevelSeconds, shortAbandons };
}

export const serviceLevelMetric = defineMetric({
  id: 'service_level',
  title: 'Service level',
  kind: 'rate',
  definition: 'Chats and calls answered within T seconds (default 20) of arriving / offered, short abandons excluded (percent)',
  compute: serviceLevel,
});
