import { contactsCreated } from './columns.js';
import { rate } from './stats.js';
import type { MetricInput, RateSummary } from './types.js';
import { defineMetric } from './types.js';

export interface CannedResponseUsageResult extends RateSummary {
  /** The share per agent, for agents with replies. */
  byAgent: Record<string, RateSummary>;
  /**
   * The most used macros (at most 10, most used first, ties by name), from the replies of
   * event-level exports; absent when no input listed replies.
   */
  topMacros?: { macro: string; count: number }[];
}

/** How many macros `topMacros` lists. */
export const TOP_MACROS = 10;

/**
 * Canned response usage: the share of agent replies that used a canned response, macro or saved
 * reply (seeds 001, 003): a high share means fast, consistent answers, or templated ones.
 *
 * Counted over in-scope contacts created in the period that give both `agent_replies` and
 * `canned_replies`: the sum of canned replies over the sum of agent replies (a reply is the
 * unit, so a contact with ten replies weighs ten times one with one).
 * Formula: canned replies / agent replies x 100; also per agent. With event-level exports, also
 * the most used macros: the agent replies (of the same contacts) that named a macro, counted
 * per macro.
 * Period attribution: the period in which the contact was created.
 *
 * @example
 * // two contacts: 1 canned of 2 replies, and 2 canned of 6
 * cannedResponseUsage(input).value; // => 37.5
 */
export function cannedResponseUsage(input: MetricInput): CannedResponseUsageResult {
  const contacts = input.data.contacts;
  const replies = contacts.number.agent_replies;
  const canned = contacts.number.canned_replies;
  const agentCodes = contacts.text.agent.codes;
  const agents = contacts.text.agent.values;
  const perAgentCanned = new Float64Array(agents.length);
  const perAgentReplies = new Float64Array(agents.length);
  let cannedTotal = 0;
  let replyTotal = 0;
  const created = contactsCreated(input);
  for (let k = 0; k < created.length; k++) {
    const i = created[k];
    if (!(replies.at(i) >= 0) || !(canned.at(i) >= 0)) continue;
    // a canned count above the reply count is a data error: count no more canned than replies
    const used = Math.min(canned.at(i), replies.at(i));
    cannedTotal += used;
    replyTotal += replies.at(i);
    const agent = agentCodes[i];
    if (agent >= 0) {
      perAgentCanned[agent] += used;
      perAgentReplies[agent] += replies.at(i);
    }
  }
  const byAgent: Record<string, RateSummary> = {};
  const order = agents.map((name, code) => [name, code] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [name, code] of order) if (perAgentReplies[code] > 0) byAgent[name] = rate(perAgentCanned[code], perAgentReplies[code]);
  const topMacros = mostUsedMacros(input);
  return { ...rate(cannedTotal, replyTotal), byAgent, ...(topMacros ? { topMacros } : {}) };
}

/** Replies per macro over in-scope contacts created in the period, most used first; undefined without replies. */
function mostUsedMacros(input: MetricInput): { macro: string; count: number }[] | undefined {
  const replies = input.data.replies;
  if (!replies || replies.length === 0) return undefined;
  const counted = new Uint8Array(input.data.contacts.length);
  const created = contactsCreated(input);
  for (let k = 0; k < created.length; k++) counted[created[k]] = 1;
  const contact = replies.number.contact;
  const macroCodes = replies.text.macro.codes;
  const macros = replies.text.macro.values;
  const counts = new Float64Array(macros.length);
  for (let i = 0; i < replies.length; i++) {
    const macro = macroCodes[i];
    if (macro >= 0 && counted[contact.at(i)] === 1) counts[macro]++;
  }
  const used: { macro: string; count: number }[] = [];
  for (let code = 0; code < macros.length; code++) if (counts[code] > 0) used.push({ macro: macros[code], count: counts[code] });
  used.sort((a, b) => b.count - a.count || (a.macro < b.macro ? -1 : a.macro > b.macro ? 1 : 0));
  return used.slice(0, TOP_MACROS);
}

export const cannedResponseUsageMetric = defineMetric({
  id: 'canned_response_usage',
  title: 'Canned response usage',
  kind: 'rate',
  definition: 'Agent replies that used a canned response or macro / agent replies, contacts created in the period (percent)',
  compute: cannedResponseUsage,
});
