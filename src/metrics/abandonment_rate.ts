import { zoneResolver } from '../time/zone.js';
import { liveContactsCreated, localHourOfWeek, newTally, tallyRecord } from './columns.js';
import { rate } from './stats.js';
import type { MetricInput, RateSummary } from './types.js';
import { defineMetric } from './types.js';

export interface AbandonmentRateResult extends RateSummary {
  /** Contacts left within the short-abandon threshold, excluded from both counts. */
  shortAbandons: number;
  /** Abandoned contacts per queue step (welcome message, IVR, hold, ...); missing is "(none)". */
  byStep: Record<string, number>;
  /** Abandoned contacts by hour of creation, 0-23, in the report's zone. */
  byHour: number[];
  /** Abandoned contacts by weekday of creation, Monday = 0 to Sunday = 6, in the report's zone. */
  byWeekday: number[];
}

/**
 * Abandonment rate: the share of calls and chats where the customer left the queue before
 * reaching an agent (seed 002).
 *
 * Counted over in-scope contacts on live channels (settings.liveChannels: chat, phone) created in
 * the period. A short abandon, left less than settings.shortAbandonSeconds (default 5 s) after
 * arriving (abandoned_at - created_at), is excluded from both counts: the customer had hardly
 * joined the queue. Offered: the rest; abandoned: those of them with `abandoned_at`.
 * Formula: abandoned / offered x 100; abandoned contacts are also counted by queue step, by
 * hour of day and by weekday of creation, on the report zone's clock (input.timeZone).
 * Period attribution: the period in which the contact was created.
 *
 * @example
 * // four calls: one left after 2 s (short), one left after 40 s, two answered
 * abandonmentRate(input).value; // => 33.33 (rounded: 1 of 3 offered)
 * abandonmentRate(input).shortAbandons; // => 1
 */
export function abandonmentRate(input: MetricInput): AbandonmentRateResult {
  const contacts = input.data.contacts;
  const shortAbandon = input.settings.shortAbandonSeconds * 1000;
  const createdAt = contacts.time.created_at;
  const abandonedAt = contacts.time.abandoned_at;
  const stepCodes = contacts.text.abandon_step.codes;
  const perStep = newTally(contacts.text.abandon_step);
  const byHour = new Array<number>(24).fill(0);
  const byWeekday = new Array<number>(7).fill(0);
  const zone = zoneResolver(input.timeZone);
  let offered = 0;
  let abandoned = 0;
  let shortAbandons = 0;
  const live = liveContactsCreated(input);
  for (let k = 0; k < live.length; k++) {
    const i = live[k];
    const created = createdAt.at(i);
    const abandonedTime = abandonedAt.at(i);
    if (abandonedTime - created < shortAbandon) {
      // false when abandoned_at is missing (NaN): the contact was not abandoned at all
      shortAbandons++;
      continue;
    }
    offered++;
    if (abandonedTime !== abandonedTime) continue;
    abandoned++;
    perStep[stepCodes[i] + 1]++;
    const hourOfWeek = localHourOfWeek(created, zone);
    byHour[hourOfWeek % 24]++;
    byWeekday[Math.floor(hourOfWeek / 24)]++;
  }
  return {
    ...rate(abandoned, offered),
    shortAbandons,
    byStep: tallyRecord(perStep, contacts.text.abandon_step.values),
    byHour,
    byWeekday,
  };
}

export const abandonmentRateMetric = defineMetric({
  id: 'abandonment_rate',
  title: 'Abandonment rate',
  kind: 'rate',
  definition: 'Calls and chats created in the period that the customer left before reaching an agent / offered, short abandons excluded (percent)',
  compute: abandonmentRate,
});
