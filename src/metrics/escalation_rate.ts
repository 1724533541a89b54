import { contactsCreated, isHandled, newTally, tallyRecord } from './columns.js';
import { rate } from './stats.js';
import type { MetricInput, RateSummary } from './types.js';
import { defineMetric } from './types.js';

export interface EscalationRateResult extends RateSummary {
  /** Escalated or transferred contacts per escalation reason; a missing reason is "(none)". */
  reasons: Record<string, number>;
}

/**
 * Escalation rate: the share of handled contacts that were escalated or transferred, with the
 * reasons (seed 002).
 *
 * Handled: an agent sent at least one reply (agent_replies > 0 or a first response) or
 * answered the call or chat. Escalated or transferred: the escalated flag is true, or the
 * contact had hand-offs (handoffs > 0).
 * Formula: escalated or transferred handled contacts / handled contacts x 100, over the
 * in-scope contacts created in the period.
 * Period attribution: the period in which the contact was created.
 *
 * @example
 * // four handled contacts: one escalated ("billing"), one handed off once
 * escalationRate(input).value; // => 50
 * escalationRate(input).reasons; // => { '(none)': 1, billing: 1 }
 */
export function escalationRate(input: MetricInput): EscalationRateResult {
  const contacts = input.data.contacts;
  const escalated = contacts.flag.escalated;
  const handoffs = contacts.number.handoffs;
  const reasonCodes = contacts.text.escalation_reason.codes;
  const perReason = newTally(contacts.text.escalation_reason);
  let handled = 0;
  let escalatedOrTransferred = 0;
  const created = contactsCreated(input);
  for (let k = 0; k < created.length; k++) {
    const i = created[k];
    if (!isHandled(contacts, i)) continue;
    handled++;
    if (escalated[i] === 1 || handoffs.at(i) > 0) {
      escalatedOrTransferred++;
      perReason[reasonCodes[i] + 1]++;
    }
  }
  return {
    ...rate(escalatedOrTransferred, handled),
    reasons: tallyRecord(perReason, contacts.text.escalation_reason.values),
  };
}

export const escalationRateMetric = defineMetric({
  id: 'escalation_rate',
  title: 'Escalation rate',
  kind: 'rate',
  definition: 'Handled contacts created in the period that were escalated or handed off / handled contacts (percent)',
  compute: escalationRate,
});
