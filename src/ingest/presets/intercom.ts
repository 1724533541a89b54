import type { Preset } from './types.js';

/**
 * Intercom conversations.
 *
 * Sources of the column lists (facts only):
 * - Conversations CSV (Reports > export): Intercom help article 7022438 "Reporting metrics &
 *   attributes" (intercom.com) names the conversation attributes (Conversation ID, Conversation
 *   started at, Channel, Current conversation state, Team/Teammate currently assigned, First
 *   response time, Number of reassignments, Resolved on first contact / closed on first contact,
 *   Last teammate rating); article 6762778 "Reporting metrics for REST API and CSV exports" states
 *   that durations are in seconds. Public scripts that read the export show the header spelling
 *   with the zone: `Conversation started at (America/New_York)`: naive timestamps are read in
 *   that zone.
 * - Conversation ratings CSV: the same articles, and public scripts reading it (Conversation ID,
 *   Updated at (zone), Conversation rating 1-5, Conversation rating remark, Last teammate rated).
 * - API conversation history: the Fivetran seed `intercom_conversation_history_data.csv`
 *   (realdata), one row per update of a conversation: folded per id, the latest `updated_at` wins.
 *
 * "Resolved on first contact" false is read as one reopen (closed more than once, or by more than
 * one teammate), so that fcr_rate agrees with Intercom; "Number of reassignments" are hand-offs.
 */

const CHANNELS = {
  chat: 'chat',
  messenger: 'chat',
  conversation: 'chat',
  email: 'email',
  phone: 'phone',
  'phone call': 'phone',
  sms: 'sms',
  whatsapp: 'social',
  facebook: 'social',
  instagram: 'social',
  twitter: 'social',
} as const;

const RATINGS = { amazing: '5', great: '4', ok: '3', okay: '3', bad: '2', terrible: '1', '1': '1', '2': '2', '3': '3', '4': '4', '5': '5' } as const;

export const intercomConversations: Preset = {
  name: 'intercom',
  variant: 'conversations CSV export',
  kind: 'contacts',
  detect: [
    'Conversation ID',
    'Conversation started at ({zone})',
    'Channel',
    'Current conversation state',
    'Team currently assigned',
    'Teammate currently assigned',
    'First response time (seconds)|First response time',
    'Number of reassignments',
    'Resolved on first contact',
    'Last teammate rating',
  ],
  fields: {
    id: 'Conversation ID',
    channel: { columns: ['Channel'], values: CHANNELS },
    created_at: 'Conversation started at ({zone})',
    first_response_at: ['Conversation first replied at ({zone})', 'First response at ({zone})'],
    resolved_at: ['Conversation last closed at ({zone})', 'Last closed at ({zone})'],
    status: 'Current conversation state',
    agent: 'Teammate currently assigned',
    team: 'Team currently assigned',
    customer_id: ['User ID', 'User email', 'User name'],
    customer_segment: 'Company name',
    issue_type: ['AI Topic', 'Topics'],
    handoffs: 'Number of reassignments',
    reopens: { columns: ['Resolved on first contact'], values: { true: '0', false: '1', yes: '0', no: '1' }, strict: true },
    first_response_seconds: { columns: ['First response time (seconds)', 'First response time'], unit: 'seconds' },
    resolution_seconds: { columns: ['Time to last close (seconds)', 'Time to last close'], unit: 'seconds' },
    handle_seconds: { columns: ['Conversation handling time (seconds)', 'Handling time (seconds)'], unit: 'seconds' },
  },
  surveys: {
    fields: {
      id: 'Conversation ID',
      kind: { value: 'csat' },
      score: { columns: ['Last teammate rating', 'Conversation rating'], values: RATINGS, strict: true },
      scale: { value: '5' },
      responded_at: ['Last teammate rating updated at ({zone})', 'Updated at ({zone})', 'Conversation last closed at ({zone})', 'Conversation started at ({zone})'],
      contact_id: 'Conversation ID',
      agent: ['Last teammate rated', 'Teammate currently assigned'],
      channel: { columns: ['Channel'], values: CHANNELS },
    },
  },
};

export const intercomRatings: Preset = {
  name: 'intercom',
  variant: 'conversation ratings CSV export',
  kind: 'surveys',
  detect: ['Conversation ID', 'Updated at ({zone})', 'Conversation rating', 'Conversation rating remark', 'Last teammate rated', 'Agent rated type'],
  fields: {
    id: 'Conversation ID',
    kind: { value: 'csat' },
    score: { columns: ['Conversation rating'], values: RATINGS, strict: true },
    scale: { value: '5' },
    responded_at: ['Updated at ({zone})', 'Conversation started at ({zone})'],
    contact_id: 'Conversation ID',
    agent: 'Last teammate rated',
    channel: { columns: ['Channel'], values: CHANNELS },
  },
};

export const intercomHistory: Preset = {
  name: 'intercom',
  variant: 'API conversation history (one row per update)',
  kind: 'contacts',
  rowsPerRecord: 'last',
  latestBy: { column: 'updated_at', as: 'time' },
  detect: [
    'id',
    'updated_at',
    'created_at',
    'state',
    'assignee_id',
    'assignee_type',
    'conversation_rating_value',
    'first_contact_reply_created_at',
    'source_type',
    'source_delivered_as',
    'waiting_since',
    'snoozed_until',
  ],
  fields: {
    id: 'id',
    created_at: 'created_at',
    status: 'state',
    priority: { columns: ['priority'], values: { priority: 'high', not_priority: 'normal' } },
    agent: { columns: ['assignee_id'], when: { column: 'assignee_type', in: ['admin'] } },
    team: { columns: ['assignee_id'], when: { column: 'assignee_type', in: ['team'] } },
    customer_id: 'source_author_id',
    channel: { columns: ['source_type'], values: { conversation: 'chat', email: 'email', facebook: 'social', twitter: 'social', push: 'chat' } },
  },
  surveys: {
    fields: {
      id: 'id',
      kind: { value: 'csat' },
      score: { columns: ['conversation_rating_value'], values: RATINGS, strict: true },
      scale: { value: '5' },
      responded_at: ['conversation_rating_created_at', 'updated_at'],
      contact_id: 'id',
    },
  },
};
