import { describe, expect, it } from 'vitest';
import { contactsFrom } from '../../src/model/records.js';
import type { PlainRecord } from '../../src/model/records.js';
import { fcrRate, findRepeatContacts, indexCreatedByCustomer, repeatContacts } from '../../src/metrics/fcr_rate.js';
import { after, hasNoNaN, metricInput } from './helpers.js';

const RESOLVED = '2024-03-10T12:00:00Z';
const WEEK = 7 * 24 * 3600;

/** An email resolved at RESOLVED after one agent reply: FCR unless something is added. */
function oneTouch(id: string, extra: PlainRecord = {}): PlainRecord {
  return { id, channel: 'email', created_at: '2024-03-10T08:00:00Z', resolved_at: RESOLVED, agent_replies: 1, ...extra };
}

describe('fcr_rate', () => {
  it('counts one-touch resolutions with no reopen, escalation, hand-off or repeat', () => {
    const contacts = contactsFrom([
      oneTouch('a', { customer_id: 'c1' }),
      oneTouch('b', { customer_id: 'c2' }),
      // c1 writes again two days after its resolution: a repeat, and a contact of its own
      { id: 'c', channel: 'email', customer_id: 'c1', created_at: after(RESOLVED, 2 * 86400) },
    ]);
    const result = fcrRate(metricInput({ contacts }));
    expect(result).toMatchObject({ unit: 'percent', n: 2, value: 50, numerator: 1, denominator: 2 });
    expect(result.notFcrReasons).toEqual({ reopened: 0, escalated: 0, handoffs: 0, repeat_contact: 1, replies: 0 });
  });

  it('needs exactly one agent reply on non-live channels, any number on live ones', () => {
    const contacts = contactsFrom([
      oneTouch('two replies', { agent_replies: 2 }),
      oneTouch('no reply count', { agent_replies: null }),
      oneTouch('zero replies', { agent_replies: 0 }),
      oneTouch('chat of many messages', { channel: 'chat', agent_replies: 9 }),
      oneTouch('call without a reply count', { channel: 'phone', agent_replies: null }),
    ]);
    const result = fcrRate(metricInput({ contacts }));
    expect(result).toMatchObject({ numerator: 2, denominator: 5, value: 40 });
    expect(result.notFcrReasons.replies).toBe(3);
    expect(result.byChannel).toMatchObject({
      chat: { numerator: 1, denominator: 1, value: 100 },
      email: { numerator: 0, denominator: 3, value: 0 },
      phone: { numerator: 1, denominator: 1 },
    });
  });

  it('counts every reason a contact is not FCR', () => {
    const contacts = contactsFrom([
      oneTouch('reopened', { reopens: 1 }),
      oneTouch('escalated', { escalated: true }),
      oneTouch('handed off', { handoffs: 2 }),
      oneTouch('all of them', { reopens: 2, escalated: true, handoffs: 1, agent_replies: 3 }),
      oneTouch('not escalated, no reopens', { escalated: false, reopens: 0, handoffs: 0 }),
    ]);
    const result = fcrRate(metricInput({ contacts }));
    expect(result).toMatchObject({ numerator: 1, denominator: 5 });
    expect(result.notFcrReasons).toEqual({ reopened: 2, escalated: 2, handoffs: 2, repeat_contact: 0, replies: 1 });
  });

  it('looks for repeats after the resolution and at or before the end of the window', () => {
    const contacts = contactsFrom([
      oneTouch('a', { customer_id: 'at the resolution' }),
      { id: 'a2', customer_id: 'at the resolution', created_at: RESOLVED }, // not after: no repeat
      oneTouch('b', { customer_id: 'at the window end' }),
      { id: 'b2', customer_id: 'at the window end', created_at: after(RESOLVED, WEEK) }, // repeat
      oneTouch('c', { customer_id: 'past the window' }),
      { id: 'c2', customer_id: 'past the window', created_at: after(RESOLVED, WEEK + 0.001) }, // no repeat
      oneTouch('d', { customer_id: 'before' }),
      { id: 'd2', customer_id: 'before', created_at: '2024-03-09T00:00:00Z' }, // earlier: no repeat
      oneTouch('e'), // no customer id: cannot have repeats
      { id: 'e2', created_at: after(RESOLVED, 60) },
    ]);
    // only the one-touch contacts are resolved; the others are not eligible
    const result = fcrRate(metricInput({ contacts }));
    expect(result).toMatchObject({ numerator: 4, denominator: 5 });
    expect(result.notFcrReasons.repeat_contact).toBe(1);
  });

  it('finds repeats among all contacts, whatever the scope, channel or period', () => {
    const contacts = contactsFrom([
      oneTouch('a', { customer_id: 'c1', resolved_at: '2024-03-31T12:00:00Z' }),
      // out of scope, on another channel, created in April
      { id: 'b', channel: 'phone', customer_id: 'c1', created_at: '2024-04-02T00:00:00Z' },
    ]);
    const result = fcrRate(metricInput({ contacts, contactInScope: [1, 0] }));
    expect(result).toMatchObject({ numerator: 0, denominator: 1 });
    expect(result.notFcrReasons.repeat_contact).toBe(1);
  });

  it('does not take a contact for its own repeat', () => {
    // bad data: created after its own resolution, inside the window
    const contacts = contactsFrom([oneTouch('a', { customer_id: 'c1', created_at: after(RESOLVED, 60) })]);
    expect(fcrRate(metricInput({ contacts }))).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it('leaves out ineligible issue types and contacts resolved outside the period', () => {
    const contacts = contactsFrom([
      oneTouch('a', { issue_type: 'Product bug' }),
      oneTouch('b', { issue_type: 'billing' }),
      oneTouch('c'),
      oneTouch('d', { resolved_at: '2024-04-01T00:00:00Z' }),
      oneTouch('e', { resolved_at: '2024-03-01T00:00:00Z' }),
    ]);
    const result = fcrRate(metricInput({ contacts, settings: { fcrIneligibleIssueTypes: ['Product bug'] } }));
    expect(result).toMatchObject({ numerator: 3, denominator: 3, value: 100 });
  });

  it('keeps only contacts in scope and gives null when none is eligible', () => {
    const contacts = contactsFrom([oneTouch('a'), oneTouch('b', { reopens: 1 })]);
    expect(fcrRate(metricInput({ contacts, contactInScope: [0, 1] }))).toMatchObject({ numerator: 0, denominator: 1 });
    const none = fcrRate(metricInput({ contacts, contactInScope: [0, 0] }));
    expect(none).toMatchObject({ n: 0, value: null, ci95: null, byChannel: {} });
    expect(hasNoNaN(none)).toBe(true);
  });

  it('flags, once per table and window, the contacts whose customer wrote again after their resolution', () => {
    const contacts = contactsFrom([
      { id: 'a', customer_id: 'c1', created_at: '2024-03-01T00:00:00Z', resolved_at: '2024-03-02T00:00:00Z' },
      // a's repeat, three days after its resolution; none after b's own
      { id: 'b', customer_id: 'c1', created_at: '2024-03-05T00:00:00Z', resolved_at: '2024-03-06T00:00:00Z' },
      // the only contact of c2, created after its own resolution (bad data): not its own repeat
      { id: 'c', customer_id: 'c2', created_at: '2024-03-20T00:00:00Z', resolved_at: '2024-03-10T00:00:00Z' },
      // out of creation order: e (c3) is created 18 days after f's resolution, outside the week
      { id: 'e', customer_id: 'c3', created_at: '2024-03-20T00:00:00Z', resolved_at: '2024-03-21T00:00:00Z' },
      { id: 'f', customer_id: 'c3', created_at: '2024-03-01T00:00:00Z', resolved_at: '2024-03-02T00:00:00Z' },
      { id: 'g', created_at: '2024-03-01T00:00:00Z', resolved_at: '2024-03-02T00:00:00Z' },
      // not resolved: no repeat to look for, yet a contact that others' windows see
      { id: 'h', customer_id: 'c3', created_at: '2024-03-25T00:00:00Z' },
    ]);
    const repeats = repeatContacts(contacts, WEEK * 1000);
    expect([...repeats]).toEqual([1, 0, 0, 1, 0, 0, 0]);
    expect(repeatContacts(contacts, WEEK * 1000)).toBe(repeats);
    expect([...repeatContacts(contacts, 86400 * 1000)]).toEqual([0, 0, 0, 0, 0, 0, 0]);
    // in passes over one or two customers at a time (as 10M contacts are), the same answer
    for (const perPass of [1, 2]) expect([...findRepeatContacts(contacts, WEEK * 1000, perPass)]).toEqual([1, 0, 0, 1, 0, 0, 0]);
  });

  it('indexes creation times sorted within each customer', () => {
    const contacts = contactsFrom([
      { id: 'a', customer_id: 'c1', created_at: '2024-03-03T00:00:00Z' },
      { id: 'b', customer_id: 'c2', created_at: '2024-03-02T00:00:00Z' },
      { id: 'c', customer_id: 'c1', created_at: '2024-03-01T00:00:00Z' },
      { id: 'd', created_at: '2024-03-01T00:00:00Z' },
    ]);
    const index = indexCreatedByCustomer(contacts);
    expect([...index.start]).toEqual([0, 2, 3]);
    // the second customer alone: its start is at 0
    const second = indexCreatedByCustomer(contacts, 1, 2);
    expect([...second.start]).toEqual([0, 1]);
    expect([...second.times]).toEqual([Date.parse('2024-03-02T00:00:00Z') / 1000]);
    // whole seconds, as the column holds them
    expect([...index.times]).toEqual(
      ['2024-03-01T00:00:00Z', '2024-03-03T00:00:00Z', '2024-03-02T00:00:00Z'].map((iso) => Date.parse(iso) / 1000),
    );
  });
});
