import { describe, expect, it } from 'vitest';
import { contactsFrom } from '../../src/model/records.js';
import { contactsCreated, rowsWithin, secondsBetween } from '../../src/metrics/columns.js';
import { MARCH, metricInput, period } from './helpers.js';

const contacts = contactsFrom([
  { id: 'a', created_at: '2024-02-28T10:00:00Z', first_response_at: '2024-03-01T10:00:00Z' },
  { id: 'b', created_at: '2024-03-02T10:00:00Z', first_response_at: '2024-03-02T10:01:00Z' },
  { id: 'c', created_at: '2024-03-03T10:00:00Z' },
  { id: 'd', created_at: '2024-04-01T00:00:00Z', first_response_at: '2024-04-01T00:00:30Z' },
  { id: 'e', created_at: '2024-03-31T23:59:59Z', first_response_at: '2024-03-31T23:59:59Z' },
]);

describe('rowsWithin', () => {
  it('lists the in-scope rows whose instant is in the period, ascending, in an array of exactly their number', () => {
    const all = rowsWithin(undefined, contacts.length, contacts.time.created_at, MARCH);
    expect([...all]).toEqual([1, 2, 4]);
    expect(all.buffer.byteLength).toBe(3 * Int32Array.BYTES_PER_ELEMENT);
    expect([...rowsWithin(Int32Array.of(0, 2, 3), contacts.length, contacts.time.created_at, MARCH)]).toEqual([2]);
    expect([...rowsWithin(Int32Array.of(), contacts.length, contacts.time.created_at, MARCH)]).toEqual([]);
  });
});

describe('contactsCreated', () => {
  it('is worked out once per input object, which the metrics of one scope and period share', () => {
    const input = metricInput({ contacts });
    expect(contactsCreated(input)).toBe(contactsCreated(input));
    expect([...contactsCreated(input)]).toEqual([1, 2, 4]);
    const april = { ...input, period: period('2024-04-01T00:00:00Z', '2024-05-01T00:00:00Z') };
    expect([...contactsCreated(april)]).toEqual([3]);
    expect([...contactsCreated(metricInput({ contacts, contactInScope: [1, 0, 1, 1, 0] }))]).toEqual([2]);
  });
});

describe('secondsBetween', () => {
  it('gives the in-scope durations that end in the period, in row order, in an array of exactly their number', () => {
    const { created_at, first_response_at } = contacts.time;
    // a: from 28 February to 1 March 2024, a leap year: two days
    const all = secondsBetween(metricInput({ contacts }), created_at, first_response_at);
    expect([...all]).toEqual([172800, 60, 0]);
    expect(all.buffer.byteLength).toBe(3 * Float64Array.BYTES_PER_ELEMENT);
    const some = secondsBetween(metricInput({ contacts, contactInScope: [0, 1, 1, 1, 1] }), created_at, first_response_at);
    expect([...some]).toEqual([60, 0]);
  });
});
