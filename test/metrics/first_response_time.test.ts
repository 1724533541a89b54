import { describe, expect, it } from 'vitest';
import { contactsFrom } from '../../src/model/records.js';
import type { PlainRecord } from '../../src/model/records.js';
import { firstResponseTime } from '../../src/metrics/first_response_time.js';
import { after, hasNoNaN, metricInput } from './helpers.js';

const CREATED = '2024-03-10T08:00:00Z';

/** A contact created at CREATED and first answered `seconds` later. */
function answeredAfter(id: string, seconds: number): PlainRecord {
  return { id, created_at: CREATED, first_response_at: after(CREATED, seconds) };
}

describe('first_response_time', () => {
  it('reproduces seed 004: 54,000 s over 800 first responses = 67.5 s', () => {
    const records: PlainRecord[] = [];
    for (let i = 0; i < 400; i++) records.push(answeredAfter(`fast${i}`, 30));
    for (let i = 0; i < 400; i++) records.push(answeredAfter(`slow${i}`, 105));
    const result = firstResponseTime(metricInput({ contacts: contactsFrom(records) }));
    expect(result.n).toBe(800);
    expect(result.mean).toBe(67.5);
    expect(result.value).toBe(67.5);
    expect(result.median).toBe(67.5);
    expect(result.p90).toBe(105);
  });

  it('attributes a contact to the period of its first reply, half-open', () => {
    const contacts = contactsFrom([
      // created in February, answered exactly at the start of March: counts
      { id: 'a', created_at: '2024-02-29T23:00:00Z', first_response_at: '2024-03-01T00:00:00Z' },
      // created in March, answered exactly at the end: next period
      { id: 'b', created_at: '2024-03-31T23:00:00Z', first_response_at: '2024-04-01T00:00:00Z' },
      // never answered
      { id: 'c', created_at: '2024-03-05T00:00:00Z' },
    ]);
    const result = firstResponseTime(metricInput({ contacts }));
    expect(result).toMatchObject({ n: 1, mean: 3600, min: 3600, max: 3600 });
  });

  it('counts first responses in buckets that include their upper bound', () => {
    const hour = 3600;
    const contacts = contactsFrom([
      answeredAfter('a', 60),
      answeredAfter('b', hour), // exactly 1 h: within 1 h
      answeredAfter('c', hour + 1),
      answeredAfter('d', 6 * hour),
      answeredAfter('e', 7 * hour),
      answeredAfter('f', 12 * hour + 1),
      answeredAfter('g', 24 * hour),
      answeredAfter('h', 24 * hour + 1),
    ]);
    const result = firstResponseTime(metricInput({ contacts }));
    expect(result.buckets).toEqual({ '<=1h': 2, '1h-6h': 2, '6h-12h': 1, '12h-24h': 2, '>24h': 1 });
  });

  it('keeps only contacts in scope', () => {
    const contacts = contactsFrom([answeredAfter('a', 10), answeredAfter('b', 20), answeredAfter('c', 90)]);
    const result = firstResponseTime(metricInput({ contacts, contactInScope: [1, 0, 1] }));
    expect(result).toMatchObject({ n: 2, mean: 50 });
  });

  it('gives n 0 and null values, never NaN, for no first responses', () => {
    const result = firstResponseTime(metricInput({ contacts: contactsFrom([{ id: 'a', created_at: CREATED }]) }));
    expect(result).toMatchObject({ unit: 'seconds', n: 0, value: null, mean: null, median: null, p90: null });
    expect(result.buckets).toEqual({ '<=1h': 0, '1h-6h': 0, '6h-12h': 0, '12h-24h': 0, '>24h': 0 });
    expect(hasNoNaN(result)).toBe(true);
  });
});
