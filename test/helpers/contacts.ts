import fc from 'fast-check';

/** Native contact columns written by the generators below. */
export const COLUMNS = [
  'id', 'channel', 'created_at', 'first_response_at', 'answered_at', 'ended_at', 'resolved_at', 'closed_at',
  'abandoned_at', 'missed', 'agent', 'team', 'priority', 'customer_id', 'agent_replies', 'reopens', 'handoffs',
  'escalated', 'sla_first_response_due_at',
] as const;

export type ContactRow = Record<(typeof COLUMNS)[number], string>;

const BASE = Date.UTC(2024, 1, 20); // spans late February to early April 2024
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const optional = (present: boolean, ms: number) => (present ? iso(ms) : '');

/** A random but consistent contact (no event before its creation). */
export const contactRow = (id: number) =>
  fc
    .record({
      channel: fc.constantFrom('email', 'web', 'chat', 'phone', 'social'),
      created: fc.integer({ min: 0, max: 45 * 86400 }),
      firstResponse: fc.option(fc.integer({ min: 0, max: 3 * 86400 }), { nil: undefined }),
      answered: fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }),
      talk: fc.integer({ min: 1, max: 3600 }),
      resolved: fc.option(fc.integer({ min: 0, max: 10 * 86400 }), { nil: undefined }),
      closedAfter: fc.option(fc.integer({ min: 0, max: 5 * 86400 }), { nil: undefined }),
      abandoned: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
      missed: fc.boolean(),
      agent: fc.constantFrom('ana', 'bo', 'cy', ''),
      team: fc.constantFrom('tier1', 'tier2'),
      priority: fc.constantFrom('low', 'normal', 'high'),
      customer: fc.integer({ min: 1, max: 8 }),
      replies: fc.integer({ min: 0, max: 3 }),
      reopens: fc.integer({ min: 0, max: 1 }),
      handoffs: fc.integer({ min: 0, max: 1 }),
      escalated: fc.boolean(),
      due: fc.option(fc.integer({ min: 60, max: 2 * 86400 }), { nil: undefined }),
    })
    .map((r): ContactRow => {
      const created = BASE + r.created * 1000;
      const live = r.channel === 'chat' || r.channel === 'phone';
      const answered = live && r.answered !== undefined ? created + r.answered * 1000 : undefined;
      const resolved = r.resolved !== undefined ? created + r.resolved * 1000 : undefined;
      return {
        id: `C${id}`,
        channel: r.channel,
        created_at: iso(created),
        first_response_at: optional(r.firstResponse !== undefined, created + (r.firstResponse ?? 0) * 1000),
        answered_at: optional(answered !== undefined, answered ?? 0),
        ended_at: optional(answered !== undefined, (answered ?? 0) + r.talk * 1000),
        resolved_at: optional(resolved !== undefined, resolved ?? 0),
        closed_at: optional(r.closedAfter !== undefined, (resolved ?? created) + (r.closedAfter ?? 0) * 1000),
        abandoned_at: optional(live && answered === undefined && r.abandoned !== undefined, created + (r.abandoned ?? 0) * 1000),
        missed: r.channel === 'chat' && answered === undefined ? String(r.missed) : '',
        agent: r.agent,
        team: r.team,
        priority: r.priority,
        customer_id: `K${r.customer}`,
        agent_replies: String(r.replies),
        reopens: String(r.reopens),
        handoffs: String(r.handoffs),
        escalated: String(r.escalated),
        sla_first_response_due_at: optional(r.due !== undefined, created + (r.due ?? 0) * 1000),
      };
    });

/** Between 0 and `max` contacts with unique ids. */
export const contactRows = (max: number) =>
  fc.integer({ min: 0, max }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => contactRow(i))));

export function toCsv(rows: readonly ContactRow[]): string {
  const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return [COLUMNS.join(','), ...rows.map((row) => COLUMNS.map((c) => quote(row[c])).join(','))].join('\n') + '\n';
}
