import { describe, expect, it } from 'vitest';
import { contactsFrom } from '../../src/model/records.js';
import { conversationsPerAgent } from '../../src/metrics/conversations_per_agent.js';
import { metricInput } from './helpers.js';

describe('conversations_per_agent', () => {
  const contacts = contactsFrom([
    { id: 'a', agent: 'Ann', created_at: '2024-03-05T00:00:00Z', agent_replies: 1 },
    { id: 'b', agent: 'Ann', created_at: '2024-03-05T00:00:00Z', first_response_at: '2024-03-05T00:10:00Z' },
    { id: 'c', agent: 'Ann', channel: 'phone', created_at: '2024-03-05T00:00:00Z', answered_at: '2024-03-05T00:00:10Z' },
    { id: 'd', agent: 'Bob', created_at: '2024-03-05T00:00:00Z', agent_replies: 3 },
    { id: 'no agent', created_at: '2024-03-05T00:00:00Z', agent_replies: 3 },
    { id: 'not handled', agent: 'Cid', created_at: '2024-03-05T00:00:00Z', agent_replies: 0 },
    { id: 'april', agent: 'Bob', created_at: '2024-04-01T00:00:00Z', agent_replies: 1 },
  ]);

  it('counts handled contacts per agent, with the mean per agent as headline', () => {
    expect(conversationsPerAgent(metricInput({ contacts }))).toEqual({
      unit: 'contacts',
      n: 4,
      value: 2,
      agentCount: 2,
      agents: { Ann: 3, Bob: 1 },
    });
  });

  it('keeps only contacts in scope, and gives null when no agent is left', () => {
    expect(conversationsPerAgent(metricInput({ contacts, contactInScope: [1, 0, 0, 1, 1, 1, 1] }))).toMatchObject({
      n: 2,
      value: 1,
      agents: { Ann: 1, Bob: 1 },
    });
    expect(conversationsPerAgent(metricInput())).toEqual({ unit: 'contacts', n: 0, value: null, agentCount: 0, agents: {} });
  });
});
