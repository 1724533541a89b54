import { contactsCreated, isHandled, newTally, tallyRecord } from './columns.js';
import type { MetricInput } from './types.js';
import { defineMetric } from './types.js';

export interface ConversationsPerAgentResult {
  unit: 'contacts';
  /** Handled contacts with an agent. */
  n: number;
  /** Mean handled contacts per agent; null when no contact has an agent. */
  value: number | null;
  agentCount: number;
  /** Handled contacts per agent, ordered by agent. */
  agents: Record<string, number>;
}

/**
 * Conversations per agent: how many contacts each agent handled, the team's workload and how
 * evenly it is spread (seed 003).
 *
 * Handled: an agent sent at least one reply (agent_replies > 0 or a first response) or answered
 * the call or chat; the contact is credited to its `agent` (contacts without one are left out).
 * Formula: per agent, the count of handled in-scope contacts created in the period; the headline
 * is their mean, handled contacts / agents.
 * Period attribution: the period in which the contact was created.
 *
 * @example
 * // Ann handled three contacts and Bob one
 * conversationsPerAgent(input).agents; // => { Ann: 3, Bob: 1 }
 * conversationsPerAgent(input).value; // => 2
 */
export function conversationsPerAgent(input: MetricInput): ConversationsPerAgentResult {
  const contacts = input.data.contacts;
  const agentCodes = contacts.text.agent.codes;
  const perAgent = newTally(contacts.text.agent);
  let handled = 0;
  const created = contactsCreated(input);
  for (let k = 0; k < created.length; k++) {
    const i = created[k];
    const agent = agentCodes[i];
    if (agent < 0 || !isHandled(contacts, i)) continue;
    handled++;
    perAgent[agent + 1]++;
  }
  const agents = tallyRecord(perAgent, contacts.text.agent.values);
  const agentCount = Object.keys(agents).length;
  return { unit: 'contacts', n: handled, value: agentCount === 0 ? null : handled / agentCount, agentCount, agents };
}

export const conversationsPerAgentMetric = defineMetric({
  id: 'conversations_per_agent',
  title: 'Conversations per agent',
  kind: 'count',
  definition: 'Contacts created in the period that each agent handled (replied to or answered); headline is the mean per agent',
  compute: conversationsPerAgent,
});
