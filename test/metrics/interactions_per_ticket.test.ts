import { describe, expect, it } from 'vitest';
import { contactsFrom } from '../../src/model/records.js';
import { interactionsPerTicket } from '../../src/metrics/interactions_per_ticket.js';
import { hasNoNaN, metricInput } from './helpers.js';

describe('interactions_per_ticket', () => {
  const contacts = contactsFrom([
    { id: 'a', created_at: '2024-03-01T00:00:00Z', resolved_at: '2024-03-02T00:00:00Z', agent_replies: 1, customer_messages: 2, handoffs: 0 },
    { id: 'b', created_at: '2024-03-01T00:00:00Z', resolved_at: '2024-03-02T00:00:00Z', agent_replies: 2, customer_messages: 3 },
    { id: 'c', created_at: '2024-03-01T00:00:00Z', resolved_at: '2024-03-02T00:00:00Z', agent_replies: 6, handoffs: 1 },
    // no reply count: left out of the reply summary, still in the message summary
    { id: 'd', created_at: '2024-03-01T00:00:00Z', resolved_at: '2024-03-02T00:00:00Z', customer_messages: 7 },
    // not resolved, or resolved outside the period
    { id: 'e', created_at: '2024-03-01T00:00:00Z', agent_replies: 40 },
    { id: 'f', created_at: '2024-03-01T00:00:00Z', resolved_at: '2024-04-01T00:00:00Z', agent_replies: 40 },
  ]);

  it('summarizes agent replies per contact resolved in the period', () => {
    const result = interactionsPerTicket(metricInput({ contacts }));
    expect(result).toMatchObject({ unit: 'replies', n: 3, value: 3, mean: 3, median: 2, min: 1, max: 6 });
    expect(result.p90).toBeCloseTo(5.2, 12);
  });

  it('summarizes customer messages and hand-offs over the contacts that give them', () => {
    const result = interactionsPerTicket(metricInput({ contacts }));
    expect(result.customer_messages).toMatchObject({ unit: 'messages', n: 3, mean: 4, median: 3 });
    expect(result.handoffs).toMatchObject({ unit: 'handoffs', n: 2, mean: 0.5, max: 1 });
  });

  it('keeps only contacts in scope, and gives nulls when none is left', () => {
    expect(interactionsPerTicket(metricInput({ contacts, contactInScope: [0, 1, 1, 1, 1, 1] }))).toMatchObject({ n: 2, mean: 4 });
    const none = interactionsPerTicket(metricInput());
    expect(none).toMatchObject({ n: 0, value: null });
    expect(none.customer_messages).toMatchObject({ n: 0, mean: null });
    expect(hasNoNaN(none)).toBe(true);
  });
});
