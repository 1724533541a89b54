import { codeMask, contactsCreated } from './columns.js';
import { rate } from './stats.js';
import type { MetricInput, RateSummary } from './types.js';
import { defineMetric } from './types.js';

export interface MissedRateResult extends RateSummary {
  /** Chat requests no agent answered. */
  missed: number;
}

/**
 * Missed chat rate: the share of chat requests that no agent ever answered (the customer left,
 * nobody was available, or the request timed out). Seed 001: about 21% of chat requests are
 * missed.
 *
 * Formula: in-scope chats created in the period that were missed / in-scope chats created in
 * the period x 100. Missed: the export's missed flag is true, or the customer left the queue
 * (abandoned_at) and no agent ever answered (no answered_at, no first response), whatever the
 * flag says: "customer left" is one of the ways a chat is missed.
 * Period attribution: the period in which the chat was requested (created).
 *
 * @example
 * // five chat requests: one missed (flag), one where the customer left unanswered
 * missedRate(input).value; // => 40
 */
export function missedRate(input: MetricInput): MissedRateResult {
  const contacts = input.data.contacts;
  const missedFlag = contacts.flag.missed;
  const { abandoned_at: abandonedAt, answered_at: answeredAt, first_response_at: firstResponseAt } = contacts.time;
  const channelCodes = contacts.text.channel.codes;
  const isChat = codeMask(contacts.text.channel, ['chat']);
  let requests = 0;
  let missed = 0;
  const created = contactsCreated(input);
  for (let k = 0; k < created.length; k++) {
    const i = created[k];
    const channel = channelCodes[i];
    if (channel < 0 || isChat[channel] !== 1) continue;
    requests++;
    if (missedFlag[i] === 1 || (abandonedAt.has(i) && !answeredAt.has(i) && !firstResponseAt.has(i))) missed++;
  }
  return { ...rate(missed, requests), missed };
}

export const missedRateMetric = defineMetric({
  id: 'missed_rate',
  title: 'Missed chat rate',
  kind: 'rate',
  definition: 'Chat requests created in the period that no agent answered / chat requests (percent)',
  compute: missedRate,
});
