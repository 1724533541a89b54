import type { NumberColumn } from '../model/table.js';
import { contactsResolved } from './columns.js';
import { summarizeByteCounts, summarizeSampleInPlace } from './stats.js';
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
  const resolved = contactsResolved(input);
  return {
    ...summarize(contacts.number.agent_replies, resolved, 'replies'),
    customer_messages: summarize(contacts.number.customer_messages, resolved, 'messages'),
    handoffs: summarize(contacts.number.handoffs, resolved, 'handoffs'),
  };
}

/** The summary of a count column at the given rows, missing counts left out: tallied while the column holds bytes, as counts nearly always do. */
function summarize<Unit extends string>(column: NumberColumn, rows: Int32Array, unit: Unit): SampleSummary<Unit> {
  return column.bytes ? summarizeByteCounts(column.bytes, rows, unit) : summarizeSampleInPlace(sampleOf(column, rows), unit);
}

/** The values of a count column at the given rows, in their order, missing counts left out. */
function sampleOf(column: NumberColumn, rows: Int32Array): Float64Array {
  let count = 0;
  // x === x is false only for NaN, a missing count.
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    const value = column.at(i);
    if (value === value) count++;
  }
  const sample = new Float64Array(count);
  let next = 0;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    const value = column.at(i);
    if (value === value) sample[next++] = value;
  }
  return sample;
}

export const interactionsPerTicketMetric = defineMetric({
  id: 'interactions_per_ticket',
  title: 'Interactions per ticket',
  kind: 'distribution',
  definition: 'Agent replies per contact resolved in the period (mean, median, p90); also customer messages and hand-offs',
  compute: interactionsPerTicket,
});
