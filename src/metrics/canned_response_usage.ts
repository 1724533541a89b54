import { rate } from './stats.js';
import type { MetricInput, RateSummary } from './types.js';
import { defineMetric } from './types.js';

export interface CannedResponseUsageResult extends RateSummary {
  /** The share per agent, for agents with replies. */
  byAgent: Record<string, RateSummary>;
}

/**
 * Canned response usage: the share of agent replies that used a canned response, macro or saved
 * reply (seeds 001, 003): a high share means fast, consistent answers, or templated ones.
 *
 * Counted over in-scope contacts created in the period that give both `agent_replies` and
 * `canned_replies`: the sum of canned replies over the sum of agent replies (a reply is the
 * unit, so a contact with ten replies weighs ten times one with one).
 * Formula: canned replies / agent replies x 100; also per agent.
 * Period attribution: the period in which the contact was created.
 *
 * @example
 * // two contacts: 1 canned of 2 replies, and 2 canned of 6
 * cannedResponseUsage(input).value; // => 37.5
 */
export function cannedResponseUsage(input: MetricInput): CannedResponseUsageResult {
  const contacts = input.data.contacts;
  const scope = input.contactInScope;
  const { start, end } = input.period;
  const createdAt = contacts.time.created_at;
  const replies = contacts.number.agent_replies;
  const canned = contacts.number.canned_replies;
  const agentCodes = contacts.text.agent.codes;
  const agents = contacts.text.agent.values;
  const perAgentCanned = new Float64Array(agents.length);
  const perAgentReplies = new Float64Array(agents.length);
  let cannedTotal = 0;
  let replyTotal = 0;
  for (let i = 0; i < contacts.length; i++) {
    if (scope[i] !== 1 || !(replies[i] >= 0) || !(canned[i] >= 0)) continue;
    const created = createdAt[i];
    if (!(created >= start && created < end)) continue;
    // a canned count above the reply count is a data error: count no more canned than replies
    const used = Math.min(canned[i], replies[i]);
    cannedTotal += used;
    replyTotal += replies[i];
    const agent = agentCodes[i];
    if (agent >= 0) {
      perAgentCanned[agent] += used;
      perAgentReplies[agent] += replies[i];
    }
  }
  const byAgent: Record<string, RateSummary> = {};
  const order = agents.map((name, code) => [name, code] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [name, code] of order) if (perAgentReplies[code] > 0) byAgent[name] = rate(perAgentCanned[code], perAgentReplies[code]);
  return { ...rate(cannedTotal, replyTotal), byAgent };
}

export const cannedResponseUsageMetric = defineMetric({
  id: 'canned_response_usage',
  title: 'Canned response usage',
  kind: 'rate',
  definition: 'Agent replies that used a canned response or macro / agent replies, contacts created in the period (percent)',
  compute: cannedResponseUsage,
});
