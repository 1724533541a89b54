import { describe, expect, it } from 'vitest';
import type { ReplyTable } from '../../src/model/dataset.js';
import { REPLY_FIELDS } from '../../src/model/fields.js';
import { contactsFrom, tableFromRecords } from '../../src/model/records.js';
import type { PlainRecord } from '../../src/model/records.js';
import { cannedResponseUsage } from '../../src/metrics/canned_response_usage.js';
import { replyTime } from '../../src/metrics/reply_time.js';
import type { MetricInput } from '../../src/metrics/types.js';
import { metricInput } from './helpers.js';

const repliesFrom = (records: PlainRecord[]) => tableFromRecords(REPLY_FIELDS, records) as unknown as ReplyTable;

function withReplies(input: MetricInput, replies: ReplyTable): MetricInput {
  return { ...input, data: { ...input.data, replies } };
}

const contacts = contactsFrom([
  { id: 'A', channel: 'chat', created_at: '2024-03-10T10:00:00Z', agent_replies: 3, canned_replies: 2 },
  { id: 'B', channel: 'email', created_at: '2024-02-28T10:00:00Z', agent_replies: 2, canned_replies: 1 },
]);
const replies = repliesFrom([
  { contact: 0, at: '2024-03-10T10:20:00Z', response_seconds: 1200, agent: 'ana', canned: true, macro: 'greeting' },
  { contact: 0, at: '2024-03-10T10:21:00Z', agent: 'ana', canned: false },
  { contact: 0, at: '2024-03-10T11:02:00Z', response_seconds: 120, agent: 'bo', canned: true, macro: 'refund' },
  { contact: 1, at: '2024-02-29T10:00:00Z', response_seconds: 86400, agent: 'bo', canned: true, macro: 'refund' },
  { contact: 1, at: '2024-03-01T10:00:00Z', response_seconds: 600, agent: 'bo', canned: false },
]);

describe('reply_time', () => {
  it('every reply that answers a customer message, attributed to the period of the reply', () => {
    const r = replyTime(withReplies(metricInput({ contacts }), replies));
    expect(r).toMatchObject({ unit: 'seconds', n: 3, mean: 640, median: 600, min: 120, max: 1200 });
  });

  it('only the replies of in-scope contacts', () => {
    const r = replyTime(withReplies(metricInput({ contacts, contactInScope: [0, 1] }), replies));
    expect(r).toMatchObject({ n: 1, mean: 600 });
  });

  it('has no data without replies (row-per-contact inputs)', () => {
    expect(replyTime(metricInput({ contacts }))).toMatchObject({ n: 0, value: null, mean: null });
  });
});

describe('canned_response_usage: top macros', () => {
  it('counts macros of the replies of contacts created in the period, most used first', () => {
    const r = cannedResponseUsage(withReplies(metricInput({ contacts }), replies));
    expect(r.topMacros).toEqual([
      { macro: 'greeting', count: 1 },
      { macro: 'refund', count: 1 },
    ]);
    expect(r.value).toBeCloseTo((2 / 3) * 100);
  });

  it('is left out when no input listed replies', () => {
    expect(cannedResponseUsage(metricInput({ contacts })).topMacros).toBeUndefined();
  });

  it('lists at most ten macros, ties by name', () => {
    const many = repliesFrom(
      Array.from({ length: 14 }, (_, i) => ({ contact: 0, at: '2024-03-10T10:20:00Z', macro: `m${String(i % 12).padStart(2, '0')}` })),
    );
    const top = cannedResponseUsage(withReplies(metricInput({ contacts }), many)).topMacros!;
    expect(top).toHaveLength(10);
    expect(top.slice(0, 3)).toEqual([
      { macro: 'm00', count: 2 },
      { macro: 'm01', count: 2 },
      { macro: 'm02', count: 1 },
    ]);
  });
});
