import { describe, expect, it } from 'vitest';
import type { EventTable, ReplyTable } from '../../src/model/dataset.js';
import type { KindSpec } from '../../src/model/fields.js';
import { CONTACT_FIELDS, EVENT_FIELDS } from '../../src/model/fields.js';
import type { PlainRecord } from '../../src/model/records.js';
import { RowOrigins } from '../../src/model/origins.js';
import { tableFromRecords } from '../../src/model/records.js';
import type { ContactTable, NumberColumn, TimeColumn } from '../../src/model/table.js';
import { TableBuilder } from '../../src/model/table.js';
import { foldEvents } from '../../src/model/timeline.js';
import { columnValues } from '../helpers/columns.js';

const T0 = Date.parse('2024-03-04T09:00:00Z');
/** An ISO instant `seconds` after T0. */
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

type EventRecord = PlainRecord & { input?: number };

interface Folded {
  contacts: ContactTable;
  replies: ReplyTable;
  eventContact: Int32Array;
  firstContact: number;
  rejects: { input: number; line: number; reason: string }[];
  /** The facts of the contact with this id, as plain values (times as ISO strings), or undefined. */
  contact(id: string): Record<string, string | number | boolean> | undefined;
}

/**
 * Folds event records (each may name its input; lines are 2, 3, ... per input in order; an empty
 * value is a missing one, as ingest reads it) after
 * the given row-per-contact contacts (read from input 0, 'contacts.csv').
 */
function fold(records: EventRecord[], rowContacts: { id: string; created_at: string }[] = []): Folded {
  const events = tableFromRecords(EVENT_FIELDS, records.map(({ input: _input, ...rest }) => Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== '')))) as unknown as EventTable;
  const lines = new Map<number, number>();
  const origins = new RowOrigins();
  for (const record of records) {
    const input = record.input ?? 1;
    const line = (lines.get(input) ?? 1) + 1;
    lines.set(input, line);
    origins.add(input, line);
  }
  Object.assign(events, { origins });
  const builder = new TableBuilder(CONTACT_FIELDS as KindSpec);
  builder.use(['created_at', 'id']);
  rowContacts.forEach((c, i) => {
    const row = builder.reserve();
    builder.time.created_at.set(row, Date.parse(c.created_at));
    const code = builder.text.id.code(c.id);
    builder.text.id.codes[row] = code;
    builder.commit(0, i + 2);
  });
  const rejects: Folded['rejects'] = [];
  const timeline = foldEvents(events, builder, {
    reject: (input, line, reason) => rejects.push({ input, line, reason }),
    inputPaths: ['contacts.csv', 'events-a.csv', 'events-b.csv'],
  });
  const contacts = builder.build() as unknown as ContactTable;
  const facts = (row: number) => {
    const out: Record<string, string | number | boolean> = {};
    for (const [name, spec] of Object.entries(CONTACT_FIELDS)) {
      if (spec.type === 'time') {
        const t = (contacts.time as Record<string, TimeColumn>)[name].at(row);
        if (t === t) out[name] = new Date(t).toISOString();
      } else if (spec.type === 'number') {
        const n = (contacts.number as Record<string, NumberColumn>)[name].at(row);
        if (n === n) out[name] = n;
      } else if (spec.type === 'flag') {
        const f = (contacts.flag as Record<string, Int8Array>)[name][row];
        if (f >= 0) out[name] = f === 1;
      } else if (spec.type === 'text') {
        const column = (contacts.text as Record<string, { codes: Int32Array; values: string[] }>)[name];
        if (column.codes[row] >= 0) out[name] = column.values[column.codes[row]];
      }
    }
    return out;
  };
  return {
    contacts,
    replies: timeline.replies,
    eventContact: timeline.eventRows.contact,
    firstContact: timeline.eventRows.firstContact,
    rejects,
    contact(id) {
      for (let row = 0; row < contacts.length; row++) {
        if (contacts.text.id.values[contacts.text.id.codes[row]] === id) return facts(row);
      }
      return undefined;
    },
  };
}

const ev = (contact_id: string, seconds: number, type: string, actor_type: string, extra: EventRecord = {}): EventRecord => ({
  contact_id,
  at: at(seconds),
  type,
  actor_type,
  ...extra,
});

describe('timeline: agent replies and first response', () => {
  it('counts only public agent messages: bots, system messages and notes are never replies', () => {
    const f = fold([
      ev('A', 0, 'created', 'customer', { channel: 'email' }),
      ev('A', 0, 'message', 'customer'),
      ev('A', 10, 'message', 'bot', { actor: 'helpbot' }),
      ev('A', 20, 'message', 'system'),
      ev('A', 30, 'note', 'agent', { actor: 'ana' }),
      ev('A', 600, 'message', 'agent', { actor: 'ana' }),
      ev('A', 700, 'message', 'customer'),
      ev('A', 900, 'message', 'agent', { actor: 'bo', macro: 'refund_steps' }),
      ev('A', 950, 'message', 'agent', { actor: 'bo', canned: true }),
      ev('A', 1000, 'resolved', 'agent', { actor: 'bo' }),
      ev('A', 5000, 'closed', 'system'),
    ]);
    expect(f.rejects).toEqual([]);
    expect(f.contact('A')).toMatchObject({
      created_at: at(0),
      first_response_at: at(600),
      agent_replies: 3,
      customer_messages: 2,
      canned_replies: 2,
      resolved_at: at(1000),
      closed_at: at(5000),
      status: 'closed',
      agent: 'bo',
      channel: 'email',
      reopens: 0,
      handoffs: 0,
      escalated: false,
      missed: false,
      converted: false,
    });
  });

  it('a contact with only bot answers has no first response', () => {
    const f = fold([ev('B', 0, 'created', 'customer'), ev('B', 5, 'message', 'bot'), ev('B', 9, 'resolved', 'bot')]);
    expect(f.contact('B')).toMatchObject({ agent_replies: 0, status: 'solved' });
    expect(f.contact('B')!.first_response_at).toBeUndefined();
  });

  it('an agent-opened contact: the opening message is not a reply, the first response is the next agent message', () => {
    const f = fold([
      ev('O', 0, 'created', 'agent', { actor: 'ana' }),
      ev('O', 1, 'message', 'agent', { actor: 'ana', macro: 'outreach' }),
      ev('O', 3600, 'message', 'customer'),
      ev('O', 4000, 'message', 'agent', { actor: 'ana' }),
    ]);
    expect(f.contact('O')).toMatchObject({ first_response_at: at(4000), agent_replies: 1, canned_replies: 0, customer_messages: 1 });
    expect(f.replies.length).toBe(1);
  });

  it('without a created event, a contact whose first message is an agent\'s was opened by the agent', () => {
    const f = fold([
      ev('P', 100, 'message', 'agent', { actor: 'ana' }),
      ev('P', 200, 'message', 'customer'),
      ev('P', 300, 'message', 'agent', { actor: 'ana' }),
      ev('Q', 50, 'message', 'bot'),
      ev('Q', 100, 'message', 'customer'),
      ev('Q', 400, 'message', 'agent', { actor: 'bo' }),
    ]);
    expect(f.contact('P')).toMatchObject({ created_at: at(100), first_response_at: at(300), agent_replies: 1 });
    // a bot's greeting does not make it agent-opened: the first agent message is the first response
    expect(f.contact('Q')).toMatchObject({ created_at: at(50), first_response_at: at(400), agent_replies: 1 });
  });

  it('a created event by the customer: the first agent message is the first response, even if it comes first', () => {
    const f = fold([ev('R', 0, 'created', 'customer'), ev('R', 0, 'message', 'agent', { actor: 'ana' })]);
    expect(f.contact('R')).toMatchObject({ first_response_at: at(0), agent_replies: 1 });
  });
});

describe('timeline: lifecycle', () => {
  it('a reopened contact keeps its last resolution, and counts its reopens', () => {
    const f = fold([
      ev('A', 0, 'created', 'customer'),
      ev('A', 100, 'message', 'agent', { actor: 'ana' }),
      ev('A', 200, 'resolved', 'agent', { actor: 'ana' }),
      ev('A', 1000, 'reopened', 'customer'),
      ev('A', 1100, 'message', 'agent', { actor: 'ana' }),
      ev('A', 1200, 'resolved', 'agent', { actor: 'ana' }),
      ev('A', 2000, 'reopened', 'customer'),
      ev('A', 2500, 'resolved', 'agent', { actor: 'ana' }),
    ]);
    expect(f.contact('A')).toMatchObject({ resolved_at: at(2500), reopens: 2, status: 'solved' });
  });

  it('a contact reopened after its last resolution (or closing) is open again', () => {
    const f = fold([
      ev('A', 0, 'created', 'customer'),
      ev('A', 200, 'resolved', 'agent'),
      ev('A', 300, 'closed', 'system'),
      ev('A', 1000, 'reopened', 'customer'),
    ]);
    const a = f.contact('A')!;
    expect(a).toMatchObject({ reopens: 1, status: 'open' });
    expect(a.resolved_at).toBeUndefined();
    expect(a.closed_at).toBeUndefined();
  });

  it('escalations (reason of the first), transfers and assignee changes', () => {
    const f = fold([
      ev('E', 0, 'created', 'customer'),
      ev('E', 10, 'assigned', 'system', { actor: 'ana' }),
      ev('E', 20, 'assigned', 'system', { actor: 'ana' }),
      ev('E', 30, 'escalated', 'agent', { actor: 'ana', reason: 'bug' }),
      ev('E', 40, 'escalated', 'agent', { actor: 'ana', reason: 'management' }),
      ev('E', 50, 'transferred', 'agent', { actor: 'ana' }),
      ev('E', 60, 'assigned', 'system', { actor: 'bo' }),
      ev('E', 70, 'message', 'agent', { actor: 'cy' }),
    ]);
    // two assignee changes after the first assignment would be ana->ana (none) and ana->bo (one), plus one transfer
    expect(f.contact('E')).toMatchObject({ escalated: true, escalation_reason: 'bug', handoffs: 2, agent: 'bo' });
  });

  it('the agent is the last assignee, else the agent of the last agent message or answer', () => {
    const f = fold([
      ev('A', 0, 'created', 'customer', { channel: 'chat' }),
      ev('A', 5, 'answered', 'agent', { actor: 'ana' }),
      ev('A', 9, 'message', 'agent', { actor: 'bo' }),
      ev('B', 0, 'created', 'customer', { channel: 'phone' }),
      ev('B', 5, 'message', 'agent', { actor: 'bo' }),
      ev('B', 9, 'answered', 'agent', { actor: 'ana' }),
      ev('C', 0, 'created', 'customer'),
      ev('C', 5, 'message', 'agent', { actor: 'bo' }),
    ]);
    expect(f.contact('A')!.agent).toBe('bo');
    expect(f.contact('B')!.agent).toBe('ana');
    expect(f.contact('C')!.agent).toBe('bo');
  });

  it('live channels: answer, end, wrap-up, abandon (with its step), missed and converted; first of each', () => {
    const f = fold([
      ev('L', 0, 'created', 'customer', { channel: 'chat' }),
      ev('L', 30, 'answered', 'agent', { actor: 'ana' }),
      ev('L', 40, 'message', 'agent', { actor: 'ana' }),
      ev('L', 600, 'ended', 'system'),
      ev('L', 700, 'wrap_up', 'agent', { actor: 'ana' }),
      ev('L', 800, 'wrap_up', 'agent', { actor: 'ana' }),
      ev('L', 650, 'converted', 'system'),
      ev('L', 700, 'resolved', 'agent'),
      ev('M', 0, 'created', 'customer', { channel: 'phone' }),
      ev('M', 40, 'abandoned', 'customer', { step: 'ivr' }),
      ev('M', 90, 'abandoned', 'customer', { step: 'hold_message' }),
      ev('N', 0, 'created', 'customer', { channel: 'chat' }),
      ev('N', 300, 'missed', 'system'),
      ev('N', 300, 'closed', 'system'),
    ]);
    expect(f.contact('L')).toMatchObject({
      answered_at: at(30),
      first_response_at: at(40),
      ended_at: at(600),
      wrap_up_at: at(700),
      converted: true,
      missed: false,
      agent: 'ana',
    });
    expect(f.contact('M')).toMatchObject({ abandoned_at: at(40), abandon_step: 'ivr', status: 'open' });
    expect(f.contact('N')).toMatchObject({ missed: true, closed_at: at(300), status: 'closed' });
  });

  it('contact fields: the latest non-empty value on any event wins', () => {
    const f = fold([
      ev('A', 0, 'created', 'customer', { channel: 'email', team: 'tier1', priority: 'low', customer_id: 'K1' }),
      ev('A', 50, 'assigned', 'system', { actor: 'ana', team: 'tier2', sla_first_response_due_at: at(3600) }),
      ev('A', 100, 'message', 'agent', { actor: 'ana', team: '', priority: 'high', issue_type: 'billing' }),
      ev('A', 20, 'note', 'agent', { team: 'tier3', customer_segment: 'smb', sla_first_response_due_at: at(7200) }),
    ]);
    expect(f.contact('A')).toMatchObject({
      channel: 'email',
      team: 'tier2',
      priority: 'high',
      customer_id: 'K1',
      customer_segment: 'smb',
      issue_type: 'billing',
      sla_first_response_due_at: at(3600),
    });
  });
});

describe('timeline: order, files, duplicates and rejects', () => {
  const ticket: EventRecord[] = [
    ev('A', 0, 'created', 'customer', { channel: 'web' }),
    ev('A', 0, 'message', 'customer'),
    ev('A', 300, 'message', 'agent', { actor: 'ana' }),
    ev('A', 400, 'resolved', 'agent'),
    ev('A', 500, 'reopened', 'customer'),
    ev('A', 600, 'message', 'customer'),
    ev('A', 700, 'message', 'agent', { actor: 'bo', macro: 'm1' }),
    ev('A', 800, 'resolved', 'agent'),
    ev('A', 900, 'closed', 'system'),
  ];

  it('events in any order and across files fold into the same contact', () => {
    const expected = fold(ticket).contact('A');
    const scrambled = [...ticket].reverse().map((e, i) => ({ ...e, input: 1 + (i % 2) }));
    const other = fold([scrambled[3], scrambled[0], scrambled[7], scrambled[1], scrambled[8], scrambled[2], scrambled[6], scrambled[4], scrambled[5]]);
    expect(other.contact('A')).toEqual(expected);
    expect(expected).toMatchObject({ resolved_at: at(800), reopens: 1, agent_replies: 2, first_response_at: at(300) });
  });

  it('events at the same instant keep the order they were read in', () => {
    const f = fold([
      ev('A', 0, 'created', 'customer', { input: 1 }),
      ev('A', 10, 'assigned', 'system', { actor: 'ana', team: 'first', input: 1 }),
      ev('A', 10, 'assigned', 'system', { actor: 'bo', team: 'second', input: 2 }),
    ]);
    expect(f.contact('A')).toMatchObject({ agent: 'bo', team: 'second', handoffs: 1 });
  });

  it('an id also read from a row-per-contact file: the events contact is rejected as a duplicate, row by row', () => {
    const f = fold(
      [ev('C1', 0, 'created', 'customer', { input: 1 }), ev('C1', 60, 'message', 'agent', { input: 2 }), ev('C2', 0, 'created', 'customer', { input: 1 })],
      [{ id: 'C1', created_at: at(0) }],
    );
    expect(f.rejects).toEqual([
      { input: 1, line: 2, reason: "duplicate id 'C1' (first seen at contacts.csv:2)" },
      { input: 2, line: 2, reason: "duplicate id 'C1' (first seen at contacts.csv:2)" },
    ]);
    expect(f.contacts.length).toBe(2);
    expect(f.firstContact).toBe(1);
    expect([...f.eventContact]).toEqual([-1, -1, 1]);
    expect(f.replies.length).toBe(0);
  });

  it('a folded contact that breaks a contact rule is rejected with every event row', () => {
    const f = fold([ev('X', 0, 'created', 'customer'), ev('X', 100, 'answered', 'agent'), ev('X', 50, 'ended', 'system')]);
    expect(f.contacts.length).toBe(0);
    expect(f.rejects.map((r) => r.reason)).toEqual(Array(3).fill("contact 'X': ended_at is before answered_at"));
  });
});

describe('timeline: replies', () => {
  it('lists each agent reply with the wait of the earliest customer message since the previous agent message', () => {
    const f = fold([
      ev('A', 0, 'created', 'customer'),
      ev('A', 0, 'message', 'customer'),
      ev('A', 300, 'message', 'customer'),
      ev('A', 1200, 'message', 'agent', { actor: 'ana', macro: 'greeting' }),
      ev('A', 1300, 'message', 'agent', { actor: 'ana' }),
      ev('A', 1400, 'note', 'agent', { actor: 'ana' }),
      ev('A', 2000, 'message', 'customer'),
      ev('A', 2050, 'message', 'bot'),
      ev('A', 2120, 'message', 'agent', { actor: 'bo', canned: true }),
    ]);
    const r = f.replies;
    expect(r.length).toBe(3);
    expect(columnValues(r.number.response_seconds)).toEqual([1200, NaN, 120]);
    expect([...r.time.at.toMillis()]).toEqual([at(1200), at(1300), at(2120)].map(Date.parse));
    expect(columnValues(r.number.contact)).toEqual([0, 0, 0]);
    expect([...r.flag.canned]).toEqual([1, 0, 1]);
    expect([...r.text.agent.codes].map((c) => r.text.agent.values[c])).toEqual(['ana', 'ana', 'bo']);
    expect([...r.text.macro.codes].map((c) => (c < 0 ? null : r.text.macro.values[c]))).toEqual(['greeting', null, null]);
  });
});
