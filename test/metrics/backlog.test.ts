import { describe, expect, it } from 'vitest';
import { contactsFrom } from '../../src/model/records.js';
import { backlog } from '../../src/metrics/backlog.js';
import { metricInput } from './helpers.js';

describe('backlog', () => {
  const contacts = contactsFrom([
    { id: 'resolved in March', created_at: '2024-03-10T00:00:00Z', resolved_at: '2024-03-12T00:00:00Z' },
    { id: 'resolved in April', created_at: '2024-03-10T00:00:00Z', resolved_at: '2024-04-03T00:00:00Z' },
    { id: 'never ended', created_at: '2024-02-10T00:00:00Z' },
    { id: 'resolved at the end', created_at: '2024-03-10T00:00:00Z', resolved_at: '2024-04-01T00:00:00Z' },
    { id: 'resolved just before', created_at: '2024-03-10T00:00:00Z', resolved_at: '2024-03-31T23:59:59.999Z' },
    { id: 'created at the end', created_at: '2024-04-01T00:00:00Z' },
    { id: 'missed chat closed unanswered', channel: 'chat', created_at: '2024-03-10T00:00:00Z', closed_at: '2024-03-10T00:05:00Z' },
    { id: 'closed in April', created_at: '2024-03-10T00:00:00Z', closed_at: '2024-04-05T00:00:00Z' },
    // resolution wins over closing: resolved in March, closed in April, so no longer open
    { id: 'resolved then closed', created_at: '2024-03-10T00:00:00Z', resolved_at: '2024-03-20T00:00:00Z', closed_at: '2024-04-05T00:00:00Z' },
  ]);

  it('counts contacts created before the end of the period and not ended by then', () => {
    // open at 1 April 00:00: resolved in April, never ended, resolved at the end, closed in April
    expect(backlog(metricInput({ contacts }))).toEqual({ unit: 'count', n: 4, value: 4 });
  });

  it('keeps only contacts in scope', () => {
    expect(backlog(metricInput({ contacts, contactInScope: [1, 0, 1, 0, 1, 1, 1, 1, 1] })).value).toBe(2);
  });

  it('gives 0 for no contacts', () => {
    expect(backlog(metricInput())).toEqual({ unit: 'count', n: 0, value: 0 });
  });
});
