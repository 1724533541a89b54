import { describe, expect, it } from 'vitest';
import { contactsFrom } from '../../src/model/records.js';
import { channelMix } from '../../src/metrics/channel_mix.js';
import { metricInput } from './helpers.js';

describe('channel_mix', () => {
  it('gives each channel its count and share, and the largest as headline', () => {
    const contacts = contactsFrom([
      { id: 'a', channel: 'email', created_at: '2024-03-01T00:00:00Z' },
      { id: 'b', channel: 'email', created_at: '2024-03-02T00:00:00Z' },
      { id: 'c', channel: 'chat', created_at: '2024-03-03T00:00:00Z' },
      { id: 'd', created_at: '2024-03-04T00:00:00Z' },
      { id: 'e', channel: 'chat', created_at: '2024-04-01T00:00:00Z' }, // after the period
    ]);
    const result = channelMix(metricInput({ contacts }));
    expect(result).toEqual({
      unit: 'percent',
      n: 4,
      value: 50,
      top: 'email',
      channels: {
        '(none)': { count: 1, percent: 25 },
        chat: { count: 1, percent: 25 },
        email: { count: 2, percent: 50 },
      },
    });
  });

  it('breaks a tie for the largest channel by name', () => {
    const contacts = contactsFrom([
      { id: 'a', channel: 'phone', created_at: '2024-03-01T00:00:00Z' },
      { id: 'b', channel: 'chat', created_at: '2024-03-02T00:00:00Z' },
    ]);
    const result = channelMix(metricInput({ contacts }));
    expect(result.top).toBe('chat');
    expect(result.value).toBe(50);
  });

  it('respects the scope and gives null for no contacts', () => {
    const contacts = contactsFrom([{ id: 'a', channel: 'phone', created_at: '2024-03-01T00:00:00Z' }]);
    expect(channelMix(metricInput({ contacts, contactInScope: [0] }))).toEqual({
      unit: 'percent',
      n: 0,
      value: null,
      top: null,
      channels: {},
    });
  });
});
