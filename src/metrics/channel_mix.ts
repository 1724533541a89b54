import { compareText, contactsCreated, newTally, tallyRecord } from './columns.js';
import type { MetricInput } from './types.js';
import { defineMetric } from './types.js';

export interface ChannelShare {
  count: number;
  /** count / all contacts x 100 */
  percent: number;
}

export interface ChannelMixResult {
  unit: 'percent';
  /** All contacts counted. */
  n: number;
  /** The share of the largest channel; null when there are no contacts. */
  value: number | null;
  /** The largest channel (ties go to the first by name); null when there are no contacts. */
  top: string | null;
  /** Each channel's count and share, ordered by channel; a missing channel is "(none)". */
  channels: Record<string, ChannelShare>;
}

/**
 * Channel mix: the share of contacts arriving on each channel, the customers' preferred
 * ways of getting in touch (METRICS.md: "preferred communication channel").
 *
 * Formula: contacts on a channel / all contacts x 100, over the in-scope contacts created in
 * the period. A distribution has no single headline, so `value` is the share of the largest
 * channel and `top` names it.
 * Period attribution: the period in which the contact was created.
 *
 * @example
 * // three contacts: two emails and a chat
 * channelMix(input).channels; // => { chat: { count: 1, percent: 33.33 }, email: { count: 2, percent: 66.67 } } (rounded)
 * channelMix(input).top; // => 'email'
 */
export function channelMix(input: MetricInput): ChannelMixResult {
  const contacts = input.data.contacts;
  const channelCodes = contacts.text.channel.codes;
  const perChannel = newTally(contacts.text.channel);
  let total = 0;
  const created = contactsCreated(input);
  for (let k = 0; k < created.length; k++) {
    const i = created[k];
    total++;
    perChannel[channelCodes[i] + 1]++;
  }
  const channels: Record<string, ChannelShare> = {};
  let top: string | null = null;
  for (const [channel, count] of Object.entries(tallyRecord(perChannel, contacts.text.channel.values))) {
    channels[channel] = { count, percent: (100 * count) / total };
    const topCount = top === null ? 0 : channels[top].count;
    if (count > topCount || (count === topCount && top !== null && compareText(channel, top) < 0)) top = channel;
  }
  return { unit: 'percent', n: total, value: top === null ? null : channels[top].percent, top, channels };
}

export const channelMixMetric = defineMetric({
  id: 'channel_mix',
  title: 'Channel mix',
  kind: 'distribution',
  definition: 'Share of the contacts created in the period that came on each channel (percent)',
  compute: channelMix,
});
