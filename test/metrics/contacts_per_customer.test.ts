import { describe, expect, it } from 'vitest';
import { contactsFrom } from '../../src/model/records.js';
import type { PlainRecord } from '../../src/model/records.js';
import { contactsPerCustomer } from '../../src/metrics/contacts_per_customer.js';
import { metricInput } from './helpers.js';

describe('contacts_per_customer', () => {
  const contacts = contactsFrom([
    { id: 'a', customer_id: 'c1', agent: 'Bob', created_at: '2024-03-05T00:00:00Z', answered_at: '2024-03-05T00:00:00Z', ended_at: '2024-03-05T00:10:00Z' },
    { id: 'b', customer_id: 'c1', agent: 'Ann', created_at: '2024-03-06T00:00:00Z', answered_at: '2024-03-06T00:00:00Z', ended_at: '2024-03-06T00:05:00Z' },
    // Cat was assigned but never replied or answered: she did not handle it, and is not listed
    { id: 'c', customer_id: 'c1', agent: 'Cat', created_at: '2024-03-07T00:00:00Z' },
    { id: 'd', customer_id: 'c2', created_at: '2024-03-07T00:00:00Z', answered_at: '2024-03-07T00:00:00Z' },
    { id: 'no customer', created_at: '2024-03-07T00:00:00Z' },
    { id: 'april', customer_id: 'c2', agent: 'Cid', created_at: '2024-04-01T00:00:00Z' },
  ]);

  it('divides contacts by distinct customers and finds repeat customers', () => {
    const result = contactsPerCustomer(metricInput({ contacts }));
    expect(result).toEqual({
      unit: 'contacts',
      n: 4,
      value: 2,
      customers: 2,
      repeatCustomers: 1,
      repeatShare: 50,
      top: [
        { customer_id: 'c1', contacts: 3, agents: ['Ann', 'Bob'], handleTimeSeconds: 900 },
        { customer_id: 'c2', contacts: 1, agents: [], handleTimeSeconds: 0 },
      ],
    });
  });

  it('lists at most ten customers, most contacts first, ties by id', () => {
    const records: PlainRecord[] = [];
    // customers k00..k11 with 1 contact each, and k05 with 3
    for (let customer = 0; customer < 12; customer++) {
      const id = `k${String(customer).padStart(2, '0')}`;
      const count = customer === 5 ? 3 : 1;
      for (let i = 0; i < count; i++) records.push({ id: `${id}-${i}`, customer_id: id, created_at: '2024-03-05T00:00:00Z' });
    }
    // written in reverse so that the order is not just the input's
    const result = contactsPerCustomer(metricInput({ contacts: contactsFrom(records.reverse()) }));
    expect(result.top.map((customer) => customer.customer_id)).toEqual([
      'k05', 'k00', 'k01', 'k02', 'k03', 'k04', 'k06', 'k07', 'k08', 'k09',
    ]);
    expect(result).toMatchObject({ n: 14, customers: 12, repeatCustomers: 1 });
  });

  it('keeps only contacts in scope, and gives null when no customer is left', () => {
    expect(contactsPerCustomer(metricInput({ contacts, contactInScope: [1, 0, 1, 0, 1, 1] }))).toMatchObject({
      n: 2,
      value: 2,
      customers: 1,
      repeatShare: 100,
      top: [{ customer_id: 'c1', contacts: 2, agents: ['Bob'], handleTimeSeconds: 600 }],
    });
    expect(contactsPerCustomer(metricInput())).toEqual({
      unit: 'contacts',
      n: 0,
      value: null,
      customers: 0,
      repeatCustomers: 0,
      repeatShare: null,
      top: [],
    });
  });
});
