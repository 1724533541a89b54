/**
 * The native record kinds and their fields, as data. Column names in native exports are these
 * field names (DESIGN.md, "Native input format"); the ingest mapper, the columnar tables and the
 * zod schemas are all derived from these lists, so a field is added in one place.
 *
 * Field types:
 * - `text`: a string, dictionary-encoded in the table (channel, agent, ...)
 * - `time`: an instant, held as epoch milliseconds
 * - `number`: a count or a score
 * - `flag`: a boolean (true/false, yes/no, 1/0, y/n)
 * - `ignored`: a known column that no metric reads (kept out of memory)
 */
export type FieldType = 'text' | 'time' | 'number' | 'flag' | 'ignored';

export interface FieldSpec {
  readonly type: FieldType;
  /** A row without a value here is rejected. */
  readonly required?: boolean;
  /** Values are lower-cased and trimmed (channel, priority, kind, ...). */
  readonly lowercase?: boolean;
  /** Numbers below this are bad values (a negative duration in an export): dropped with a warning. */
  readonly min?: number;
  /** An id: about as many distinct values as rows (the table keeps its codes as Int32 from the start). */
  readonly identifier?: boolean;
  /** A small whole number (replies, reopens, a score): the table keeps it in a byte while every value fits. */
  readonly count?: boolean;
  /** A category of a few dozen values at most (team, segment, issue type): the table keeps its codes in a byte while they fit. */
  readonly category?: boolean;
}

export type KindSpec = Readonly<Record<string, FieldSpec>>;

const text = { type: 'text' } as const satisfies FieldSpec;
const label = { type: 'text', lowercase: true } as const satisfies FieldSpec;
const category = { type: 'text', category: true } as const satisfies FieldSpec;
const time = { type: 'time' } as const satisfies FieldSpec;
const number = { type: 'number' } as const satisfies FieldSpec;
const count = { type: 'number', count: true } as const satisfies FieldSpec;
const flag = { type: 'flag' } as const satisfies FieldSpec;
const seconds = { type: 'number', min: 0 } as const satisfies FieldSpec;
const identifier = { type: 'text', identifier: true } as const satisfies FieldSpec;
const requiredId = { type: 'text', required: true, identifier: true } as const satisfies FieldSpec;

export const CONTACT_FIELDS = {
  id: requiredId,
  channel: label,
  created_at: { type: 'time', required: true },
  first_response_at: time,
  answered_at: time,
  ended_at: time,
  wrap_up_at: time,
  resolved_at: time,
  closed_at: time,
  abandoned_at: time,
  abandon_step: category,
  missed: flag,
  status: label,
  priority: label,
  agent: text,
  team: category,
  customer_id: identifier,
  customer_segment: category,
  issue_type: category,
  tags: { type: 'ignored' },
  agent_replies: count,
  customer_messages: count,
  handoffs: count,
  reopens: count,
  escalated: flag,
  escalation_reason: category,
  converted: flag,
  canned_replies: count,
  sla_first_response_due_at: time,
  sla_resolution_due_at: time,
  // Exports that give durations instead of (or beside) timestamps: Zendesk, Intercom, Zammad.
  // A missing instant is derived from them (created + first response = first reply); where both
  // are given the timestamps win. The business-hour variants are used under --business-hours.
  first_response_seconds: seconds,
  first_response_business_seconds: seconds,
  resolution_seconds: seconds,
  resolution_business_seconds: seconds,
  wait_seconds: seconds,
  handle_seconds: seconds,
  // Exports that say whether each SLA target was met (Freshdesk, ServiceNow made_sla, Zammad).
  sla_first_response_met: flag,
  sla_resolution_met: flag,
} as const satisfies KindSpec;

export const SURVEY_FIELDS = {
  id: requiredId,
  kind: { type: 'text', required: true, lowercase: true },
  score: { type: 'number', required: true, count: true },
  scale: count,
  responded_at: { type: 'time', required: true },
  contact_id: identifier,
  agent: text,
  channel: label,
  // Read by no metric (a survey meets its customer through its contact): 8 bytes an answer unheld.
  customer_id: { type: 'ignored' },
} as const satisfies KindSpec;

export const CUSTOMER_FIELDS = {
  customer_id: requiredId,
  started_at: { type: 'time', required: true },
  ended_at: time,
  segment: category,
} as const satisfies KindSpec;

/** Event types of the native events format (DESIGN.md, "Native input format"). */
export const EVENT_TYPES = [
  'created',
  'message',
  'note',
  'assigned',
  'answered',
  'ended',
  'wrap_up',
  'escalated',
  'transferred',
  'resolved',
  'reopened',
  'closed',
  'abandoned',
  'missed',
  'converted',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Who acted: a human agent, the customer, a bot (never a response) or the system. */
export const ACTOR_TYPES = ['agent', 'customer', 'bot', 'system'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/**
 * Event-level exports: one row per message or status change, folded into contacts by the
 * timeline builder (src/model/timeline.ts). `actor` is who acted; for `assigned` it is the agent
 * the contact is assigned to. The contact fields may appear on any event: the latest non-empty
 * value wins. Events have no key of their own: many rows share a `contact_id`.
 */
export const EVENT_FIELDS = {
  contact_id: requiredId,
  at: { type: 'time', required: true },
  type: { type: 'text', required: true, lowercase: true },
  actor_type: { type: 'text', required: true, lowercase: true },
  actor: text,
  canned: flag,
  macro: text,
  reason: text,
  step: text,
  channel: label,
  priority: label,
  team: category,
  customer_id: identifier,
  customer_segment: category,
  issue_type: category,
  sla_first_response_due_at: time,
  sla_resolution_due_at: time,
} as const satisfies KindSpec;

/**
 * Agent replies, one row each, derived from events by the timeline builder (not an input kind):
 * the contact row it belongs to, when it was sent, how long the customer had waited for it
 * (seconds since the earliest customer message after the previous agent message; NaN when no
 * customer message was waiting), who sent it, and whether it used a canned response or macro.
 */
export const REPLY_FIELDS = {
  contact: number,
  at: time,
  response_seconds: number,
  agent: text,
  canned: flag,
  macro: text,
} as const satisfies KindSpec;

export const KINDS = {
  contacts: CONTACT_FIELDS,
  events: EVENT_FIELDS,
  surveys: SURVEY_FIELDS,
  customers: CUSTOMER_FIELDS,
} as const;

export type Kind = keyof typeof KINDS;
export const KIND_NAMES = Object.keys(KINDS) as Kind[];

/**
 * The field that identifies a record of each kind; a repeated value is a duplicate row. Events
 * have none: many rows share a contact_id.
 */
export const KEY_FIELD = {
  contacts: 'id',
  events: undefined,
  surveys: 'id',
  customers: 'customer_id',
} as const satisfies Record<Kind, string | undefined>;

/** Field names of a kind that have the given type. */
export type FieldsOfType<S extends KindSpec, T extends FieldType> = {
  [K in keyof S]: S[K]['type'] extends T ? K : never;
}[keyof S] &
  string;
