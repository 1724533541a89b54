import type { EventRows, EventTable, ReplyTable } from './dataset.js';
import type { KindSpec } from './fields.js';
import { ACTOR_TYPES, EVENT_TYPES, REPLY_FIELDS } from './fields.js';
import { ROW_RULES } from './rules.js';
import type { TextBuilder, TextColumn } from './table.js';
import { TableBuilder } from './table.js';

/**
 * The timeline builder: folds event-level rows (one per message or status change) into one
 * Contact row per `contact_id`, with the same facts a row-per-contact export gives, and lists
 * every agent reply on the way (the replies table behind `reply_time` and the macro counts).
 *
 * Each contact's events are taken in time order (`at`; events at the same instant keep the order
 * they were read in: file order, then line), whatever order and however many files they came in:
 *
 * - created_at: the first `created` event, else the earliest event;
 * - agent replies: public `message` events by an agent (actor_type agent). Bot and system
 *   messages and `note`s never count. When an agent opened the contact (its `created` event is
 *   an agent's or, with no `created` event, its first message is an agent's), the first agent
 *   message is the opening, not a reply. first_response_at is the first reply; agent_replies
 *   counts the replies; canned_replies those with `canned` true or a `macro`;
 * - customer_messages: `message` events by the customer;
 * - answered_at, ended_at, wrap_up_at, abandoned_at (+ abandon_step from `step`): the first of each;
 * - resolved_at: the last `resolved`, closed_at: the last `closed`; a `reopened` event after
 *   them opens the contact again (neither is set until it is resolved or closed again);
 *   reopens counts the `reopened` events;
 * - escalated when any `escalated` event (escalation_reason: the `reason` of the first);
 *   handoffs: `transferred` events, plus `assigned` events that change the assignee after the
 *   first assignment (an `assigned` event's actor is the assignee);
 * - missed, converted: when such an event exists (false otherwise: events say what happened);
 * - agent: the last assignee, else the actor of the last agent message or `answered` event;
 * - status: closed when closed, else solved when resolved, else open;
 * - channel, priority, team, customer_id, customer_segment, issue_type and the SLA due times:
 *   the latest non-empty value on any of the contact's events.
 *
 * A folded contact is checked by the contact row rules (no reply before creation, ...), and its id
 * must not be one read from a row-per-contact input: otherwise it is rejected, and so is every
 * event row it was folded from (each with its line and the reason), so that the row accounting
 * of each input (read = used + filtered + rejected) holds.
 */

/** Called for each event row rejected with its contact. */
export interface FoldOptions {
  reject(input: number, line: number, reason: string): void;
  /** Paths of the inputs, to name where a duplicate id was first seen. */
  inputPaths: readonly string[];
}

export interface Timeline {
  replies: ReplyTable;
  eventRows: EventRows;
}

const CREATED = EVENT_TYPES.indexOf('created');
const MESSAGE = EVENT_TYPES.indexOf('message');
const ASSIGNED = EVENT_TYPES.indexOf('assigned');
const ANSWERED = EVENT_TYPES.indexOf('answered');
const ENDED = EVENT_TYPES.indexOf('ended');
const WRAP_UP = EVENT_TYPES.indexOf('wrap_up');
const ESCALATED = EVENT_TYPES.indexOf('escalated');
const TRANSFERRED = EVENT_TYPES.indexOf('transferred');
const RESOLVED = EVENT_TYPES.indexOf('resolved');
const REOPENED = EVENT_TYPES.indexOf('reopened');
const CLOSED = EVENT_TYPES.indexOf('closed');
const ABANDONED = EVENT_TYPES.indexOf('abandoned');
const MISSED = EVENT_TYPES.indexOf('missed');
const CONVERTED = EVENT_TYPES.indexOf('converted');
const AGENT = ACTOR_TYPES.indexOf('agent');
const CUSTOMER = ACTOR_TYPES.indexOf('customer');

/** Contact text fields an event may carry; the latest non-empty value wins. */
const CONTACT_TEXT = ['channel', 'priority', 'team', 'customer_id', 'customer_segment', 'issue_type'] as const;
/** Contact time fields an event may carry; the latest value wins. */
const CONTACT_TIME = ['sla_first_response_due_at', 'sla_resolution_due_at'] as const;

/** The contact fields the fold writes besides CONTACT_TEXT and CONTACT_TIME. */
const FOLDED_FIELDS = [
  'id',
  'created_at',
  'first_response_at',
  'answered_at',
  'ended_at',
  'wrap_up_at',
  'resolved_at',
  'closed_at',
  'abandoned_at',
  'agent',
  'abandon_step',
  'escalation_reason',
  'status',
  'agent_replies',
  'customer_messages',
  'canned_replies',
  'reopens',
  'handoffs',
  'escalated',
  'missed',
  'converted',
] as const;

/** Index of each dictionary value in `names` (-1 when it is none of them). */
function codesOf(column: TextColumn, names: readonly string[]): Int8Array {
  return Int8Array.from(column.values, (value) => names.indexOf(value));
}

/** Translates the codes of one dictionary into another's, each value looked up once. */
function translator(from: TextColumn, to: () => TextBuilder): (code: number) => number {
  const cache = new Int32Array(from.values.length).fill(-2);
  return (code) => {
    if (code < 0) return -1;
    let translated = cache[code];
    if (translated === -2) translated = cache[code] = to().code(from.values[code]);
    return translated;
  };
}

/** Row numbers grouped by contact (in order of first appearance), each group sorted by time, then row. */
function groupAndSort(events: EventTable): { start: Int32Array; order: Int32Array } {
  const codes = events.text.contact_id.codes;
  const groups = events.text.contact_id.values.length;
  const start = new Int32Array(groups + 1);
  for (let i = 0; i < events.length; i++) start[codes[i] + 1]++;
  for (let g = 0; g < groups; g++) start[g + 1] += start[g];
  const next = start.slice(0, groups);
  const order = new Int32Array(events.length);
  for (let i = 0; i < events.length; i++) order[next[codes[i]]++] = i;
  const at = events.time.at;
  const before = (a: number, b: number) => at.at(a) - at.at(b) || a - b;
  for (let g = 0; g < groups; g++) {
    const from = start[g];
    const to = start[g + 1];
    if (to - from > 32) {
      order.subarray(from, to).sort(before);
      continue;
    }
    for (let i = from + 1; i < to; i++) {
      const row = order[i];
      let j = i - 1;
      while (j >= from && before(order[j], row) > 0) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = row;
    }
  }
  return { start, order };
}

/**
 * Folds the events into contacts appended to `contacts` (after every row-per-contact input has
 * been read, so their ids take precedence), and returns the agent replies and where each event
 * row went. Pure but for the rows it appends and the rejects it reports.
 */
export function foldEvents(events: EventTable, contacts: TableBuilder<KindSpec>, options: FoldOptions): Timeline {
  const firstContact = contacts.length;
  const eventContact = new Int32Array(events.length).fill(-1);
  const replies = new TableBuilder(REPLY_FIELDS as KindSpec, Math.max(16, events.length >> 2));
  replies.useAll();
  contacts.use([...FOLDED_FIELDS, ...CONTACT_TEXT, ...CONTACT_TIME]);
  const { start, order } = groupAndSort(events);

  const at = events.time.at;
  const typeOf = codesOf(events.text.type, EVENT_TYPES);
  const actorTypeOf = codesOf(events.text.actor_type, ACTOR_TYPES);
  const typeCodes = events.text.type.codes;
  const actorTypeCodes = events.text.actor_type.codes;
  const actorCodes = events.text.actor.codes;
  const cannedFlags = events.flag.canned;
  const macroCodes = events.text.macro.codes;
  const reasonCodes = events.text.reason.codes;
  const stepCodes = events.text.step.codes;
  const ids = events.text.contact_id.values;

  const textColumns = CONTACT_TEXT.map((name) => events.text[name].codes);
  const textTo = CONTACT_TEXT.map((name) => translator(events.text[name], () => contacts.text[name]));
  const timeColumns = CONTACT_TIME.map((name) => events.time[name]);
  const agentTo = translator(events.text.actor, () => contacts.text.agent);
  const stepTo = translator(events.text.step, () => contacts.text.abandon_step);
  const reasonTo = translator(events.text.reason, () => contacts.text.escalation_reason);
  const replyAgentTo = translator(events.text.actor, () => replies.text.agent);
  const replyMacroTo = translator(events.text.macro, () => replies.text.macro);

  const latestText = new Int32Array(CONTACT_TEXT.length);
  const latestTime = new Float64Array(CONTACT_TIME.length);
  // The replies of the contact being folded: event rows and waits, kept until it is accepted.
  let replyRows: number[] = [];
  let replyWaits: number[] = [];

  for (let g = 0; g + 1 < start.length; g++) {
    const from = start[g];
    const to = start[g + 1];
    if (from === to) continue; // an id seen only on rejected rows

    // Who opened the contact: the first `created` event's actor, else the first message's.
    let agentOpened = false;
    let openerFound = false;
    let firstMessageByAgent: boolean | undefined;
    for (let k = from; k < to; k++) {
      const e = order[k];
      const type = typeOf[typeCodes[e]];
      if (type === CREATED) {
        agentOpened = actorTypeOf[actorTypeCodes[e]] === AGENT;
        openerFound = true;
        break;
      }
      if (type === MESSAGE && firstMessageByAgent === undefined) firstMessageByAgent = actorTypeOf[actorTypeCodes[e]] === AGENT;
    }
    if (!openerFound) agentOpened = firstMessageByAgent === true;

    let createdAt = NaN;
    let firstResponse = NaN;
    let answered = NaN;
    let ended = NaN;
    let wrapUp = NaN;
    let resolved = NaN;
    let closed = NaN;
    let abandoned = NaN;
    let abandonStep = -1;
    let agentReplies = 0;
    let customerMessages = 0;
    let canned = 0;
    let reopens = 0;
    let handoffs = 0;
    let escalated = 0;
    let escalationReason = -1;
    let missed = 0;
    let converted = 0;
    let assignee = -1;
    let lastAgent = -1;
    let openingSeen = false;
    /** The earliest customer message since the last agent message (NaN: none waiting). */
    let waitingSince = NaN;
    latestText.fill(-1);
    latestTime.fill(NaN);
    replyRows = [];
    replyWaits = [];

    for (let k = from; k < to; k++) {
      const e = order[k];
      const t = at.at(e);
      for (let f = 0; f < textColumns.length; f++) if (textColumns[f][e] >= 0) latestText[f] = textColumns[f][e];
      for (let f = 0; f < timeColumns.length; f++) {
        const value = timeColumns[f].at(e);
        if (value === value) latestTime[f] = value;
      }
      const type = typeOf[typeCodes[e]];
      const actorType = actorTypeOf[actorTypeCodes[e]];
      const actor = actorCodes[e];
      switch (type) {
        case CREATED:
          if (createdAt !== createdAt) createdAt = t;
          break;
        case MESSAGE:
          if (actorType === AGENT) {
            if (actor >= 0) lastAgent = actor;
            if (agentOpened && !openingSeen) {
              openingSeen = true; // the opening of an outbound contact is not a reply
            } else {
              agentReplies++;
              if (firstResponse !== firstResponse) firstResponse = t;
              if (cannedFlags[e] === 1 || macroCodes[e] >= 0) canned++;
              replyRows.push(e);
              replyWaits.push(waitingSince === waitingSince ? (t - waitingSince) / 1000 : NaN);
            }
            waitingSince = NaN;
          } else if (actorType === CUSTOMER) {
            customerMessages++;
            if (waitingSince !== waitingSince) waitingSince = t;
          }
          break;
        case ASSIGNED:
          if (actor >= 0) {
            if (assignee >= 0 && actor !== assignee) handoffs++;
            assignee = actor;
          }
          break;
        case ANSWERED:
          if (answered !== answered) answered = t;
          if (actorType === AGENT && actor >= 0) lastAgent = actor;
          break;
        case ENDED:
          if (ended !== ended) ended = t;
          break;
        case WRAP_UP:
          if (wrapUp !== wrapUp) wrapUp = t;
          break;
        case ESCALATED:
          if (escalated === 0) escalationReason = reasonCodes[e];
          escalated = 1;
          break;
        case TRANSFERRED:
          handoffs++;
          break;
        case RESOLVED:
          resolved = t;
          break;
        case REOPENED:
          reopens++;
          resolved = NaN;
          closed = NaN;
          break;
        case CLOSED:
          closed = t;
          break;
        case ABANDONED:
          if (abandoned !== abandoned) {
            abandoned = t;
            abandonStep = stepCodes[e];
          }
          break;
        case MISSED:
          missed = 1;
          break;
        case CONVERTED:
          converted = 1;
          break;
        default:
          break; // note: private, never a reply
      }
    }
    if (createdAt !== createdAt) createdAt = at.at(order[from]);

    const row = contacts.reserve();
    const { time, flag, text } = contacts;
    time.created_at.set(row, createdAt);
    time.first_response_at.set(row, firstResponse);
    time.answered_at.set(row, answered);
    time.ended_at.set(row, ended);
    time.wrap_up_at.set(row, wrapUp);
    time.resolved_at.set(row, resolved);
    time.closed_at.set(row, closed);
    time.abandoned_at.set(row, abandoned);
    for (let f = 0; f < CONTACT_TIME.length; f++) time[CONTACT_TIME[f]].set(row, latestTime[f]);
    // Each code is looked up before its column is indexed: a lookup may widen the column.
    for (let f = 0; f < CONTACT_TEXT.length; f++) {
      const code = textTo[f](latestText[f]);
      text[CONTACT_TEXT[f]].codes[row] = code;
    }
    const agentCode = agentTo(assignee >= 0 ? assignee : lastAgent);
    text.agent.codes[row] = agentCode;
    const stepCode = stepTo(abandonStep);
    text.abandon_step.codes[row] = stepCode;
    const reasonCode = reasonTo(escalationReason);
    text.escalation_reason.codes[row] = reasonCode;
    const statusCode = text.status.code(closed === closed ? 'closed' : resolved === resolved ? 'solved' : 'open');
    text.status.codes[row] = statusCode;
    contacts.setNumber('agent_replies', row, agentReplies);
    contacts.setNumber('customer_messages', row, customerMessages);
    contacts.setNumber('canned_replies', row, canned);
    contacts.setNumber('reopens', row, reopens);
    contacts.setNumber('handoffs', row, handoffs);
    flag.escalated[row] = escalated;
    flag.missed[row] = missed;
    flag.converted[row] = converted;

    const id = ids[g];
    let reason = ROW_RULES.contacts(contacts, row);
    if (reason !== undefined) reason = `contact '${id}': ${reason}`;
    else {
      const seen = contacts.text.id.find(id);
      // Id codes are row numbers: every committed contact row added exactly one new id.
      if (seen >= 0) reason = `duplicate id '${id}' (first seen at ${contacts.origins.where(seen, options.inputPaths)})`;
    }
    if (reason !== undefined) {
      contacts.discard();
      for (let k = from; k < to; k++) options.reject(events.origins.inputAt(order[k]), events.origins.lineAt(order[k]), reason);
      continue;
    }
    const idCode = contacts.text.id.code(id);
    if (contacts.rowKey === undefined) contacts.text.id.codes[row] = idCode;
    const first = order[from];
    contacts.commit(events.origins.inputAt(first), events.origins.lineAt(first));
    for (let k = from; k < to; k++) eventContact[order[k]] = row;

    for (let r = 0; r < replyRows.length; r++) {
      const e = replyRows[r];
      const reply = replies.reserve();
      replies.setNumber('contact', reply, row);
      replies.time.at.set(reply, at.at(e));
      replies.setNumber('response_seconds', reply, replyWaits[r]);
      const agentCode = replyAgentTo(actorCodes[e]);
      replies.text.agent.codes[reply] = agentCode;
      replies.flag.canned[reply] = cannedFlags[e] === 1 || macroCodes[e] >= 0 ? 1 : 0;
      const macroCode = replyMacroTo(macroCodes[e]);
      replies.text.macro.codes[reply] = macroCode;
      replies.commit(events.origins.inputAt(e), events.origins.lineAt(e));
    }
  }

  return {
    replies: replies.build() as unknown as ReplyTable,
    eventRows: { origins: events.origins, contact: eventContact, firstContact },
  };
}
