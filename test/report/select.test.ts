import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/model/dataset.js';
import { contactsFrom, customersFrom, surveysFrom } from '../../src/model/records.js';
import { selectScope, surveyContactRows } from '../../src/report/select.js';

const data: Dataset = {
  contacts: contactsFrom([
    { id: 't0', channel: 'email', team: 'billing', created_at: '2024-03-04T10:00:00Z' },
    { id: 't1', channel: 'chat', team: 'voice', created_at: '2024-03-05T10:00:00Z' },
    { id: 't2', team: 'billing', created_at: '2024-03-06T10:00:00Z' },
    { id: 't3', channel: 'Email', team: 'billing', created_at: '2024-03-07T10:00:00Z' },
  ]),
  surveys: surveysFrom([
    { id: 's0', kind: 'csat', score: 5, responded_at: '2024-03-09T10:00:00Z', contact_id: 't1', channel: 'email' },
    { id: 's1', kind: 'csat', score: 4, responded_at: '2024-03-09T10:00:00Z', contact_id: 't3' },
    { id: 's2', kind: 'nps', score: 9, responded_at: '2024-03-10T10:00:00Z' },
    { id: 's3', kind: 'csat', score: 1, responded_at: '2024-03-10T10:00:00Z', contact_id: 'unknown' },
  ]),
  customers: customersFrom([{ customer_id: 'c1', started_at: '2023-01-01T00:00:00Z' }]),
};

describe('selectScope', () => {
  it('lists no rows without filters: every row is in scope', () => {
    expect(selectScope(data, {})).toEqual({});
    expect(selectScope(data, { channel: [] })).toEqual({});
  });

  it('lists the rows that pass, ascending; answers by their own channel or their contact\'s, team always their contact\'s', () => {
    const byChannel = selectScope(data, { channel: ['email'] });
    expect([...byChannel.contactRows!]).toEqual([0, 3]);
    expect([...byChannel.surveyRows!]).toEqual([0, 1]);
    expect(byChannel.customerRows).toBeUndefined();
    const byTeam = selectScope(data, { team: ['voice'] });
    expect([...byTeam.contactRows!]).toEqual([1]);
    expect([...byTeam.surveyRows!]).toEqual([0]);
  });
});

describe('surveyContactRows', () => {
  it('gives the contact row each answer is about, -1 when it names none that was read, once per dataset', () => {
    const rows = surveyContactRows(data);
    expect([...rows]).toEqual([1, 3, -1, -1]);
    expect(surveyContactRows(data)).toBe(rows);
  });
});
