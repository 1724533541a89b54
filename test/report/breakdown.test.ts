import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/model/dataset.js';
import { contactsFrom, customersFrom, surveysFrom } from '../../src/model/records.js';
import { breakdownGroups } from '../../src/report/breakdown.js';
import { MARCH } from '../metrics/helpers.js';

const data: Dataset = {
  contacts: contactsFrom([
    { id: 't0', channel: 'email', created_at: '2024-03-04T10:00:00Z' },
    { id: 't1', channel: 'chat', created_at: '2024-03-05T10:00:00Z' },
    { id: 't2', created_at: '2024-03-06T10:00:00Z' },
    { id: 't3', channel: 'email', created_at: '2024-03-07T10:00:00Z' },
    { id: 't4', channel: 'phone', created_at: '2024-03-08T10:00:00Z' },
  ]),
  surveys: surveysFrom([
    // its own channel wins over its contact's
    { id: 's0', kind: 'csat', score: 5, responded_at: '2024-03-09T10:00:00Z', contact_id: 't0', channel: 'chat' },
    // none of its own: its contact's
    { id: 's1', kind: 'csat', score: 4, responded_at: '2024-03-09T10:00:00Z', contact_id: 't3' },
    // neither: no value
    { id: 's2', kind: 'nps', score: 9, responded_at: '2024-03-10T10:00:00Z' },
    { id: 's3', kind: 'csat', score: 1, responded_at: '2024-03-10T10:00:00Z', contact_id: 'unknown' },
  ]),
  customers: customersFrom([{ customer_id: 'c1', started_at: '2023-01-01T00:00:00Z' }]),
};

const lists = (groups: ReturnType<typeof breakdownGroups>) =>
  Object.fromEntries(
    groups.map((group) => [group.label, { contacts: [...group.scope.contactRows!], surveys: [...group.scope.surveyRows!], customers: [...group.scope.customerRows!] }]),
  );

describe('breakdownGroups', () => {
  it('splits the in-scope rows into ascending lists, one per value present, surveys by their own value or their contact\'s', () => {
    // t4 (the only phone contact) is out of scope: phone is no group
    const groups = breakdownGroups(data, 'channel', MARCH, 'UTC', { contactRows: Int32Array.of(0, 1, 2, 3) });
    expect(lists(groups)).toEqual({
      chat: { contacts: [1], surveys: [0], customers: [] },
      email: { contacts: [0, 3], surveys: [1], customers: [] },
      '(none)': { contacts: [2], surveys: [2, 3], customers: [] },
    });
    expect(groups.every((group) => group.period === MARCH)).toBe(true);
  });

  it('leaves out the no-value group when no row is in it', () => {
    const groups = breakdownGroups(data, 'channel', MARCH, 'UTC', { contactRows: Int32Array.of(0, 1), surveyRows: Int32Array.of(0, 1) });
    expect(groups.map((group) => group.label)).toEqual(['chat', 'email']);
  });

  it('groups customers by segment, and only by segment', () => {
    const withSegments: Dataset = {
      contacts: contactsFrom([
        { id: 't0', customer_segment: 'smb', created_at: '2024-03-04T10:00:00Z' },
        { id: 't1', customer_segment: 'enterprise', created_at: '2024-03-05T10:00:00Z' },
      ]),
      surveys: surveysFrom([]),
      customers: customersFrom([
        { customer_id: 'c0', segment: 'smb', started_at: '2023-01-01T00:00:00Z' },
        { customer_id: 'c1', started_at: '2023-01-01T00:00:00Z' },
        { customer_id: 'c2', segment: 'consumer', started_at: '2023-01-01T00:00:00Z' },
        { customer_id: 'c3', segment: 'smb', started_at: '2023-01-01T00:00:00Z' },
      ]),
    };
    expect(lists(breakdownGroups(withSegments, 'segment', MARCH, 'UTC', {}))).toEqual({
      consumer: { contacts: [], surveys: [], customers: [2] },
      enterprise: { contacts: [1], surveys: [], customers: [] },
      smb: { contacts: [0], surveys: [], customers: [0, 3] },
    });
    expect(lists(breakdownGroups(withSegments, 'channel', MARCH, 'UTC', {}))).toEqual({
      '(none)': { contacts: [0, 1], surveys: [], customers: [] },
    });
  });

  it('groups by the weekday of creation and of the answer on the zone\'s clock', () => {
    const groups = lists(breakdownGroups(data, 'weekday', MARCH, 'UTC', {}));
    // 4 March 2024 was a Monday
    expect(groups.mon).toEqual({ contacts: [0], surveys: [], customers: [] });
    expect(groups.fri).toEqual({ contacts: [4], surveys: [], customers: [] });
    expect(groups.sat).toEqual({ contacts: [], surveys: [0, 1], customers: [] });
    expect(groups.sun).toEqual({ contacts: [], surveys: [2, 3], customers: [] });
  });
});
