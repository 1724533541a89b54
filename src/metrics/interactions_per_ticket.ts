import { summarizeSample } from './stats.js';
import type { MetricInput, SampleSummary } from './types.js';
import { defineMetric } from './types.js';

export interface InteractionsPerTicketResult extends SampleSummary<'replies'> {
  /** Customer messages per resolved contact, over those that give the count. */
  customer_messages: SampleSummary<'messages'>;
  /** Hand-offs between agents or teams per resolved contact, over those that give the count. */
  handoffs: SampleSummary<'handoffs'>;
}

/**
 * Interactions per ticket: how many agent replies it takes to resolve a contact (seed 000; seed
 * 003: e-mails within the resolution time). Fewer is better: more replies mean back-and-forth.
 *
 * Formula: the mean, median and 90th percentile of agent replies over the in-scope contacts
 * resolved in the period that give a reply count; the same for customer messages and for
 * hand-offs, each over the resolved contacts that give that count.
 * Period attribution: the period of the resolution (start <= resolved_at < end).
 *
 * @example
 * // three contacts resolved in the period after 1, 2 and 6 agent replies
 * interactionsPerTicket(input).mean; // => 3
 * interactionsPerTicket(input).median; // => 2
 */
export function interactionsPerTicket(input: MetricInput): InteractionsPerTicketResult {
  const contacts = input.data.contacts;
  const scope = input.contactInScope;
  const { start, end } = input.period;
  const resolvedAt = contacts.time.resolved_at;
  const agentReplies = contacts.number.agent_replies;
  const customerMessages = contacts.number.customer_messages;
  const handoffs = contacts.number.handoffs;
  const replySample = new Float64Array(contacts.length);
  const messageSample = new Float64Array(contacts.length);
  const handoffSample = new Float64Array(contacts.length);
  let replyCount = 0;
  let messageCount = 0;
  let handoffCount = 0;
  for (let i = 0; i < contacts.length; i++) {
    if (scope[i] !== 1) continue;
    const resolved = resolvedAt[i];
    if (!(resolved >= start && resolved < end)) continue;
    // x === x is false only for NaN, a missing count.
    if (agentReplies[i] === agentReplies[i]) replySample[replyCount++] = agentReplies[i];
    if (customerMessages[i] === customerMessages[i]) messageSample[messageCount++] = customerMessages[i];
    if (handoffs[i] === handoffs[i]) handoffSample[handoffCount++] = handoffs[i];
  }
  return {
    ...summarizeSample(replySample.subarray(0, replyCount), 'replies'),
    customer_messages: summarizeSample(messageSample.subarray(0, messageCount), 'messages'),
    handoffs: summarizeSample(handoffSample.subarray(0, handoffCount), 'handoffs'),
  };
}

export const interactionsPerTicketMetric = defineMetric({
  id: 'interactions_per_ticket',
  title: 'Interactions per ticket',
  kind: 'distribution',
  definition: 'Agent replies per contact resolved in the period (mean, median, p90); also customer messages and hand-offs',
  compute: interactionsPerTicket,
});
