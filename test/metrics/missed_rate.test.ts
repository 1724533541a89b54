import { describe, expect, it } from 'vitest';
import { contactsFrom } from '../../src/model/records.js';
import { missedRate } from '../../src/metrics/missed_rate.js';
import { metricInput } from './helpers.js';

describe('missed_rate', () => {
  const contacts = contactsFrom([
    { id: 'a', channel: 'chat', created_at: '2024-03-01T00:00:00Z', missed: true },
    { id: 'b', channel: 'chat', created_at: '2024-03-02T00:00:00Z', missed: false },
    { id: 'c', channel: 'chat', created_at: '2024-03-03T00:00:00Z' }, // no flag: not missed
    { id: 'd', channel: 'chat', created_at: '2024-03-04T00:00:00Z', missed: false },
    { id: 'e', channel: 'Chat', created_at: '2024-03-05T00:00:00Z', missed: false },
    { id: 'phone', channel: 'phone', created_at: '2024-03-05T00:00:00Z', missed: true },
    { id: 'april', channel: 'chat', created_at: '2024-04-01T00:00:00Z', missed: true },
  ]);

  it('divides missed chats by chat requests created in the period', () => {
    expect(missedRate(metricInput({ contacts }))).toMatchObject({ unit: 'percent', n: 5, value: 20, numerator: 1, missed: 1 });
  });

  it('keeps only contacts in scope, and gives null with no chats', () => {
    expect(missedRate(metricInput({ contacts, contactInScope: [0, 1, 1, 1, 1, 1, 1] }))).toMatchObject({ value: 0, missed: 0, n: 4 });
    const noChats = contactsFrom([{ id: 'a', channel: 'email', created_at: '2024-03-01T00:00:00Z', missed: true }]);
    expect(missedRate(metricInput({ contacts: noChats }))).toMatchObject({ n: 0, value: null, ci95: null, missed: 0 });
  });

  it('counts a chat the customer left before any agent answered as missed, whatever the flag says', () => {
    const left = contactsFrom([
      { id: 'a', channel: 'chat', created_at: '2024-03-01T00:00:00Z', abandoned_at: '2024-03-01T00:01:00Z', missed: false },
      { id: 'b', channel: 'chat', created_at: '2024-03-01T00:00:00Z', abandoned_at: '2024-03-01T00:01:00Z' },
      // answered, then the customer left: not missed
      { id: 'c', channel: 'chat', created_at: '2024-03-01T00:00:00Z', answered_at: '2024-03-01T00:00:30Z', abandoned_at: '2024-03-01T00:01:00Z' },
      { id: 'd', channel: 'chat', created_at: '2024-03-01T00:00:00Z', first_response_at: '2024-03-01T00:00:30Z', abandoned_at: '2024-03-01T00:01:00Z' },
    ]);
    expect(missedRate(metricInput({ contacts: left }))).toMatchObject({ n: 4, missed: 2, value: 50 });
  });
});
