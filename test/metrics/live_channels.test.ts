import { describe, expect, it } from 'vitest';
import { cannedResponseUsage } from '../../src/metrics/canned_response_usage.js';
import { ces } from '../../src/metrics/ces.js';
import { conversionRate } from '../../src/metrics/conversion_rate.js';
import { serviceLevel } from '../../src/metrics/service_level.js';
import { contactsFrom, surveysFrom } from '../../src/model/records.js';
import { hasNoNaN, metricInput } from './helpers.js';

describe('service_level', () => {
  const contacts = contactsFrom([
    { id: 'fast', channel: 'phone', created_at: '2024-03-04T09:00:00Z', answered_at: '2024-03-04T09:00:10Z' },
    { id: 'at 20 s', channel: 'chat', created_at: '2024-03-04T09:00:00Z', answered_at: '2024-03-04T09:00:20Z' },
    { id: 'slow', channel: 'phone', created_at: '2024-03-04T09:00:00Z', answered_at: '2024-03-04T09:00:45Z' },
    { id: 'left', channel: 'phone', created_at: '2024-03-04T09:00:00Z', abandoned_at: '2024-03-04T09:00:30Z' },
    { id: 'short', channel: 'phone', created_at: '2024-03-04T09:00:00Z', abandoned_at: '2024-03-04T09:00:02Z' },
    { id: 'email', channel: 'email', created_at: '2024-03-04T09:00:00Z', answered_at: '2024-03-04T09:00:01Z' },
  ]);

  it('answered within T (inclusive) / offered, short abandons excluded', () => {
    expect(serviceLevel(metricInput({ contacts }))).toMatchObject({ numerator: 2, denominator: 4, value: 50, shortAbandons: 1, targetSeconds: 20 });
  });

  it('takes T from the settings', () => {
    expect(serviceLevel(metricInput({ contacts, settings: { serviceLevelSeconds: 60 } })).numerator).toBe(3);
  });
});

describe('conversion_rate', () => {
  it('converted / contacts with a conversion flag', () => {
    const contacts = contactsFrom([
      { id: 'a', channel: 'chat', created_at: '2024-03-04T09:00:00Z', converted: true },
      { id: 'b', channel: 'chat', created_at: '2024-03-04T09:00:00Z', converted: false },
      { id: 'c', channel: 'chat', created_at: '2024-03-04T09:00:00Z', converted: false },
      { id: 'd', channel: 'chat', created_at: '2024-03-04T09:00:00Z', converted: false },
      { id: 'no flag', channel: 'email', created_at: '2024-03-04T09:00:00Z' },
    ]);
    expect(conversionRate(metricInput({ contacts }))).toMatchObject({ numerator: 1, denominator: 4, value: 25 });
  });
});

describe('ces', () => {
  it('is the mean effort answer in the period', () => {
    const surveys = surveysFrom([
      { id: '1', kind: 'ces', score: 7, responded_at: '2024-03-04T09:00:00Z' },
      { id: '2', kind: 'ces', score: 6, responded_at: '2024-03-04T09:00:00Z' },
      { id: '3', kind: 'ces', score: 5, responded_at: '2024-03-04T09:00:00Z' },
      { id: '4', kind: 'ces', score: 2, responded_at: '2024-03-04T09:00:00Z' },
      { id: '5', kind: 'csat', score: 1, responded_at: '2024-03-04T09:00:00Z' },
      { id: '6', kind: 'ces', score: 1, responded_at: '2024-04-04T09:00:00Z' },
    ]);
    expect(ces(metricInput({ surveys }))).toMatchObject({ n: 4, value: 5, median: 5.5, scale: 7 });
    expect(hasNoNaN(ces(metricInput()))).toBe(true);
  });
});

describe('canned_response_usage', () => {
  it('canned replies / agent replies, in total and per agent', () => {
    const contacts = contactsFrom([
      { id: 'a', agent: 'ana', created_at: '2024-03-04T09:00:00Z', agent_replies: 2, canned_replies: 1 },
      { id: 'b', agent: 'bo', created_at: '2024-03-04T09:00:00Z', agent_replies: 6, canned_replies: 2 },
      { id: 'unknown', agent: 'bo', created_at: '2024-03-04T09:00:00Z', agent_replies: 6 },
    ]);
    const result = cannedResponseUsage(metricInput({ contacts }));
    expect(result).toMatchObject({ numerator: 3, denominator: 8, value: 37.5 });
    expect(result.byAgent.ana).toMatchObject({ value: 50 });
    expect(result.byAgent.bo).toMatchObject({ numerator: 2, denominator: 6 });
  });
});
