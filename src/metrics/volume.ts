import { zoneResolver } from '../time/zone.js';
import { contactsCreated, localHourOfWeek, newTally, tallyRecord } from './columns.js';
import type { CountSummary, MetricInput } from './types.js';
import { defineMetric } from './types.js';

export interface VolumeResult extends CountSummary {
  /** Contacts per channel, ordered by channel; a missing channel is "(none)". */
  byChannel: Record<string, number>;
  /** Peak times: contacts by weekday (rows, Monday first) and hour of creation (columns, 0-23), on the report zone's clock. */
  heatmap: number[][];
}

/**
 * Contact volume: how many contacts customers opened, the demand the team has to meet.
 *
 * Formula: the count of in-scope contacts created in the period; also that count per channel,
 * and per weekday and hour of day of creation in input.timeZone (the peak-times heatmap).
 * Period attribution: the period in which the contact was created (start <= created_at < end).
 *
 * @example
 * // three contacts in March 2024: two emails and a chat
 * volume(input).value; // => 3
 * volume(input).byChannel; // => { chat: 1, email: 2 }
 */
export function volume(input: MetricInput): VolumeResult {
  const contacts = input.data.contacts;
  const createdAt = contacts.time.created_at;
  const channelCodes = contacts.text.channel.codes;
  const perChannel = newTally(contacts.text.channel);
  const perHourOfWeek = new Array<number>(7 * 24).fill(0);
  const zone = zoneResolver(input.timeZone);
  let count = 0;
  const rows = contactsCreated(input);
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    count++;
    perChannel[channelCodes[i] + 1]++;
    perHourOfWeek[localHourOfWeek(createdAt.at(i), zone)]++;
  }
  const heatmap = Array.from({ length: 7 }, (_, weekday) => perHourOfWeek.slice(weekday * 24, weekday * 24 + 24));
  return { unit: 'count', n: count, value: count, byChannel: tallyRecord(perChannel, contacts.text.channel.values), heatmap };
}

export const volumeMetric = defineMetric({
  id: 'volume',
  title: 'Contact volume',
  kind: 'count',
  definition: 'Contacts created in the period, in total and per channel',
  compute: volume,
});
