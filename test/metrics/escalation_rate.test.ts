import { describe, expect, it } from 'vitest';
import { contactsFrom } from '../../src/model/records.js';
import { escalationRate } from '../../src/metrics/escalation_rate.js';
import { metricInput } from './helpers.js';

describe('escalation_rate', () => {
  const contacts = contactsFrom([
    { id: 'escalated', created_at: '2024-03-05T00:00:00Z', agent_replies: 2, escalated: true, escalation_reason: 'billing' },
    { id: 'handed off', created_at: '2024-03-05T00:00:00Z', first_response_at: '2024-03-05T01:00:00Z', handoffs: 1 },
    { id: 'plain reply', created_at: '2024-03-05T00:00:00Z', agent_replies: 1, escalated: false },
    { id: 'answered call', channel: 'phone', created_at: '2024-03-05T00:00:00Z', answered_at: '2024-03-05T00:00:30Z' },
    // not handled: no reply, no answer
    { id: 'unhandled', created_at: '2024-03-05T00:00:00Z', agent_replies: 0, escalated: true },
    // created outside the period
    { id: 'april', created_at: '2024-04-01T00:00:00Z', agent_replies: 1, escalated: true },
  ]);

  it('divides escalated or handed-off contacts by handled contacts, with the reasons', () => {
    const result = escalationRate(metricInput({ contacts }));
    expect(result).toMatchObject({ unit: 'percent', n: 4, value: 50, numerator: 2, denominator: 4 });
    expect(result.reasons).toEqual({ '(none)': 1, billing: 1 });
  });

  it('keeps only contacts in scope, and gives null when none is handled', () => {
    const scoped = escalationRate(metricInput({ contacts, contactInScope: [0, 1, 1, 1, 1, 1] }));
    expect(scoped).toMatchObject({ numerator: 1, denominator: 3 });
    expect(scoped.reasons).toEqual({ '(none)': 1 });
    expect(escalationRate(metricInput())).toMatchObject({ n: 0, value: null, reasons: {} });
  });
});
