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

// ---------------------------------------------------------------------------------------------
// Contact stories: the same contact as a native contacts row and as the events that fold into it.

/** Native contact columns written for stories (every field an event export can give). */
export const STORY_COLUMNS = [
  'id', 'channel', 'created_at', 'first_response_at', 'answered_at', 'ended_at', 'wrap_up_at', 'resolved_at',
  'closed_at', 'abandoned_at', 'abandon_step', 'missed', 'agent', 'team', 'priority', 'customer_id', 'customer_segment',
  'issue_type', 'agent_replies', 'customer_messages', 'handoffs', 'reopens', 'escalated', 'escalation_reason',
  'converted', 'canned_replies', 'sla_first_response_due_at',
] as const;

/** Native event columns. */
export const EVENT_COLUMNS = [
  'contact_id', 'at', 'type', 'actor_type', 'actor', 'canned', 'macro', 'reason', 'step', 'channel', 'priority', 'team',
  'customer_id', 'customer_segment', 'issue_type', 'sla_first_response_due_at', 'sla_resolution_due_at',
] as const;

export type StoryRow = Record<(typeof STORY_COLUMNS)[number], string>;
export type EventRow = Partial<Record<(typeof EVENT_COLUMNS)[number], string>>;

/** One contact told twice: as its contacts row and as the events that fold back to the same facts. */
export interface ContactStory {
  row: StoryRow;
  events: EventRow[];
}

const AGENTS = ['ana', 'bo', 'cy'];

/**
 * A random contact story. Its events are at strictly increasing instants (so their order is
 * never a matter of ties), and the row holds what they mean by the rules of the timeline
 * builder (src/model/timeline.ts), computed here directly: bots, system messages and notes that
 * must not count, agent-opened tickets whose opening is not a reply, reopens after which only a
 * later resolution counts, assignee changes and transfers, a decoy team overwritten later.
 */
export const contactStory = (id: number) =>
  fc
    .record({
      channel: fc.constantFrom('email', 'web', 'chat', 'phone', 'social'),
      created: fc.integer({ min: 0, max: 45 * 86400 }),
      gaps: fc.array(fc.integer({ min: 1, max: 20000 }), { minLength: 48, maxLength: 48 }),
      outbound: fc.boolean(),
      agent: fc.constantFrom('ana', 'bo', 'cy', ''),
      viaAssignment: fc.boolean(),
      team: fc.constantFrom('tier1', 'tier2'),
      priority: fc.constantFrom('low', 'normal', 'high'),
      customer: fc.integer({ min: 1, max: 8 }),
      segment: fc.constantFrom('smb', 'enterprise', ''),
      issue: fc.constantFrom('billing', 'bug', ''),
      live: fc.constantFrom('answered', 'answered', 'abandoned', 'missed', 'waiting'),
      step: fc.constantFrom('queue', 'ivr', ''),
      replies: fc.integer({ min: 0, max: 4 }),
      customerBefore: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
      extraCustomer: fc.integer({ min: 0, max: 2 }),
      canned: fc.array(fc.constantFrom('', 'flag', 'refund', 'greeting', 'closing'), { minLength: 4, maxLength: 4 }),
      cannedOpening: fc.boolean(),
      noise: fc.boolean(),
      resolutions: fc.integer({ min: 0, max: 2 }),
      endsReopened: fc.boolean(),
      closed: fc.boolean(),
      wrapUp: fc.boolean(),
      escalations: fc.constantFrom(0, 0, 1, 2),
      handoffs: fc.integer({ min: 0, max: 2 }),
      converted: fc.boolean(),
      due: fc.option(fc.integer({ min: 60, max: 2 * 86400 }), { nil: undefined }),
    })
    .map((s): ContactStory => {
      const contactId = `C${id}`;
      const live = s.channel === 'chat' || s.channel === 'phone';
      const outcome = !live ? 'ticket' : s.live === 'missed' && s.channel !== 'chat' ? 'abandoned' : s.live;
      const outbound = !live && s.outbound;
      let t = BASE + s.created * 1000;
      let gap = 0;
      const next = () => (t += s.gaps[gap++] * 1000);
      const events: EventRow[] = [];
      const add = (type: string, actorType: string, more: EventRow = {}) => events.push({ contact_id: contactId, at: iso(t), type, actor_type: actorType, ...more });
      const row: StoryRow = Object.fromEntries(STORY_COLUMNS.map((c) => [c, ''])) as StoryRow;
      row.id = contactId;
      row.channel = s.channel;
      row.created_at = iso(t);
      row.agent = s.agent;
      row.team = s.team;
      row.priority = s.priority;
      row.customer_id = `K${s.customer}`;
      row.customer_segment = s.segment;
      row.issue_type = s.issue;
      // who writes as an agent: the agent, or anyone when the agent comes from an assignment
      const writer = s.agent !== '' && s.viaAssignment ? 'zed' : s.agent;
      const actor = (name: string) => (name === '' ? {} : { actor: name });
      let replies = 0;
      let customerMessages = 0;
      let canned = 0;
      // hand-offs: an assignment to someone else before the agent counts as one, transfers as the rest
      const assignmentChange = s.agent !== '' && s.viaAssignment && s.handoffs > 0 ? 1 : 0;
      let handoffs = 0;

      add('created', outbound ? 'agent' : 'customer', { channel: s.channel, priority: s.priority, customer_id: row.customer_id, ...actor(outbound ? writer : '') });
      if (s.due !== undefined) {
        events[0].sla_first_response_due_at = iso(t + s.due * 1000);
        row.sla_first_response_due_at = iso(t + s.due * 1000);
      }
      if (outbound) {
        next();
        add('message', 'agent', { ...actor(writer), ...(s.cannedOpening ? { canned: 'true' } : {}) });
      } else {
        next();
        add('message', 'customer');
        customerMessages++;
      }
      if (s.noise) {
        next();
        add('message', 'bot', { actor: 'helpbot' });
        next();
        add('note', 'agent', actor(writer));
        next();
        add('message', 'system');
      }
      if (s.agent !== '' && s.viaAssignment) {
        if (assignmentChange > 0) {
          next();
          add('assigned', 'system', { actor: 'zoe' });
          handoffs++;
        }
        next();
        add('assigned', 'system', { actor: s.agent });
      }
      const reply = (i: number) => {
        if (s.customerBefore[i]) {
          next();
          add('message', 'customer');
          customerMessages++;
        }
        next();
        const style = s.canned[i];
        add('message', 'agent', { ...actor(writer), ...(style === 'flag' ? { canned: 'true' } : style !== '' ? { macro: style } : {}) });
        if (replies === 0) row.first_response_at = iso(t);
        replies++;
        if (style !== '') canned++;
      };

      if (outcome === 'ticket' || outcome === 'answered') {
        if (outcome === 'answered') {
          next();
          add('answered', 'agent', actor(writer));
          row.answered_at = iso(t);
        }
        for (let i = 0; i < s.replies; i++) reply(i);
        for (let i = 0; i < s.extraCustomer; i++) {
          next();
          add('message', 'customer');
          customerMessages++;
        }
        for (let i = 0; i < s.escalations; i++) {
          next();
          add('escalated', 'agent', { ...actor(writer), reason: i === 0 ? 'bug' : 'management' });
        }
        for (let i = assignmentChange; i < s.handoffs; i++) {
          next();
          add('transferred', 'agent', actor(writer));
          handoffs++;
        }
        if (outcome === 'answered') {
          next();
          add('ended', 'system');
          row.ended_at = iso(t);
          if (s.wrapUp) {
            next();
            add('wrap_up', 'agent', actor(writer));
            row.wrap_up_at = iso(t);
          }
        }
        for (let i = 0; i < s.resolutions; i++) {
          if (i > 0) {
            next();
            add('reopened', 'customer');
          }
          next();
          add('resolved', 'agent', actor(writer));
          row.resolved_at = iso(t);
        }
        if (s.resolutions > 0 && s.endsReopened) {
          next();
          add('reopened', 'customer');
          row.resolved_at = '';
        }
        row.reopens = String(Math.max(0, s.resolutions - 1) + (s.resolutions > 0 && s.endsReopened ? 1 : 0));
      } else {
        row.reopens = '0';
        if (outcome === 'abandoned') {
          next();
          add('abandoned', 'customer', s.step === '' ? {} : { step: s.step });
          row.abandoned_at = iso(t);
          row.abandon_step = s.step;
        } else if (outcome === 'missed') {
          next();
          add('missed', 'system');
        }
      }
      if (s.closed) {
        next();
        add('closed', 'system');
        row.closed_at = iso(t);
      }
      if (s.converted) {
        next();
        add('converted', 'system');
      }
      // a decoy team first, the real one on the last event; the segment and issue type somewhere between
      if (events.length > 1) events[0].team = 'tier0';
      events[events.length - 1].team = s.team;
      if (s.segment !== '') events[Math.floor(events.length / 2)].customer_segment = s.segment;
      if (s.issue !== '') events[events.length - 1].issue_type = s.issue;

      // an agent named by no assignment, message or answer is not known from the events
      if (s.agent !== '' && !s.viaAssignment && replies === 0 && !outbound && outcome !== 'answered') row.agent = '';
      row.missed = String(outcome === 'missed');
      row.converted = String(s.converted);
      row.agent_replies = String(replies);
      row.customer_messages = String(customerMessages);
      row.canned_replies = String(canned);
      row.handoffs = String(handoffs);
      row.escalated = String(s.escalations > 0 && (outcome === 'ticket' || outcome === 'answered'));
      row.escalation_reason = row.escalated === 'true' ? 'bug' : '';
      return { row, events };
    });

/** Between 0 and `max` stories with unique ids. */
export const contactStories = (max: number) =>
  fc.integer({ min: 0, max }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => contactStory(i))));

/** CSV of rows with the given columns (missing values empty), quoted where needed. */
export function csvOf(columns: readonly string[], rows: readonly Record<string, string | undefined>[]): string {
  const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return [columns.join(','), ...rows.map((row) => columns.map((c) => quote(row[c] ?? '')).join(','))].join('\n') + '\n';
}

/** NDJSON of rows, leaving out missing and empty values. */
export function ndjsonOf(rows: readonly Record<string, string | undefined>[]): string {
  return rows.map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined && v !== '')))).join('\n') + '\n';
}
