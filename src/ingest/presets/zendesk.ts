import type { Preset } from './types.js';

/**
 * Zendesk Support tickets.
 *
 * Sources of the column lists (facts only):
 * - CSV export (Admin Center > Account > Tools > Reports > Export, "CSV export"): Zendesk help
 *   article 4408886165402 "Exporting data to a JSON, CSV, or XML file" (support.zendesk.com)
 *   describes the export; its column list (Id, Requester, Assignee, Group, Subject, Tags, Status,
 *   Priority, Via, Ticket type, Created at, Updated at, Assigned at, Solved at, Satisfaction
 *   Score, Group stations, Assignee stations, Reopens, Replies, First reply time in minutes [within
 *   business hours], First/Full resolution time in minutes [within business hours], Agent/Requester
 *   wait time in minutes, On hold time in minutes) and the meaning of each duration (calendar
 *   minutes, and the same within business hours) were read from public scripts that process that
 *   export and quote Zendesk's field table (indexed by the search tool). Durations are minutes.
 * - JSON export / Incremental Ticket Export API (one ticket per line, or `{"ticket": {...}}`):
 *   developer.zendesk.com "Ticket Metrics" (reply_time_in_minutes, first_resolution_time_in_minutes,
 *   full_resolution_time_in_minutes as objects `{calendar, business}`, solved_at, reopens,
 *   replies) and "Incremental Exports" (`include=metric_sets` side-loads them as `metric_set`).
 *   The Fivetran seed `zendesk_ticket_data.csv` (realdata) is the same ticket object flattened
 *   (`via_channel`), and reads with this variant.
 *
 * Via values (Email, Web, Web Widget, Chat, Voice, Twitter, Facebook, API, ...) map to the model's
 * channels; Satisfaction Score Good/Bad become CSAT answers on a 0/1 scale ("Offered", "Not
 * Offered" and "Unoffered" are not answers).
 */

const CHANNELS = {
  email: 'email',
  mail: 'email',
  web: 'web',
  'web form': 'web',
  'web widget': 'web',
  'web service': 'web',
  api: 'web',
  chat: 'chat',
  'native messaging': 'chat',
  messaging: 'chat',
  voice: 'phone',
  phone: 'phone',
  'phone call (incoming)': 'phone',
  'phone call (outgoing)': 'phone',
  twitter: 'social',
  facebook: 'social',
  'facebook post': 'social',
  'facebook message': 'social',
  instagram: 'social',
  whatsapp: 'social',
} as const;

const PRIORITIES = { urgent: 'urgent', high: 'high', normal: 'normal', low: 'low', '-': '' } as const;

const SATISFACTION = {
  good: '1',
  'good with comment': '1',
  bad: '0',
  'bad with comment': '0',
} as const;

export const zendeskCsv: Preset = {
  name: 'zendesk',
  variant: 'tickets CSV export',
  kind: 'contacts',
  detect: [
    'Id',
    'Requester',
    'Assignee',
    'Group',
    'Subject',
    'Status',
    'Priority',
    'Via',
    'Ticket type',
    'Created at',
    'Updated at',
    'Solved at',
    'Satisfaction Score',
    'Replies',
    'Reopens',
    'First reply time in minutes',
    'Full resolution time in minutes',
  ],
  fields: {
    id: 'Id',
    channel: { columns: ['Via'], values: CHANNELS },
    created_at: 'Created at',
    resolved_at: 'Solved at',
    status: 'Status',
    priority: { columns: ['Priority'], values: PRIORITIES },
    agent: 'Assignee',
    team: 'Group',
    customer_id: ['Requester id', 'Requester email', 'Requester'],
    customer_segment: 'Organization',
    issue_type: 'Ticket type',
    agent_replies: 'Replies',
    reopens: 'Reopens',
    first_response_seconds: { columns: ['First reply time in minutes'], unit: 'minutes' },
    first_response_business_seconds: { columns: ['First reply time in minutes within business hours'], unit: 'minutes' },
    resolution_seconds: { columns: ['Full resolution time in minutes'], unit: 'minutes' },
    resolution_business_seconds: { columns: ['Full resolution time in minutes within business hours'], unit: 'minutes' },
  },
  surveys: {
    fields: {
      id: 'Id',
      kind: { value: 'csat' },
      score: { columns: ['Satisfaction Score'], values: SATISFACTION, strict: true },
      scale: { value: '1' },
      // The export has no rating time: the last update is when the rating was left, or later.
      responded_at: ['Updated at', 'Solved at', 'Created at'],
      contact_id: 'Id',
      agent: 'Assignee',
      channel: { columns: ['Via'], values: CHANNELS },
    },
  },
};

export const zendeskJson: Preset = {
  name: 'zendesk',
  variant: 'JSON / API tickets',
  kind: 'contacts',
  unwrap: 'ticket',
  detect: [
    'id',
    'created_at',
    'updated_at',
    'status',
    'priority',
    'subject',
    'requester_id',
    'assignee_id',
    'group_id',
    'via.channel|via_channel',
    'type',
    'tags',
  ],
  fields: {
    id: 'id',
    channel: { columns: ['via.channel', 'via_channel'], values: CHANNELS },
    created_at: 'created_at',
    resolved_at: ['metric_set.solved_at', 'solved_at'],
    status: 'status',
    priority: { columns: ['priority'], values: PRIORITIES },
    agent: ['assignee_id'],
    team: ['group_id'],
    customer_id: ['requester_id'],
    customer_segment: ['organization_id'],
    issue_type: 'type',
    agent_replies: ['metric_set.replies'],
    reopens: ['metric_set.reopens'],
    first_response_seconds: { columns: ['metric_set.reply_time_in_minutes.calendar'], unit: 'minutes' },
    first_response_business_seconds: { columns: ['metric_set.reply_time_in_minutes.business'], unit: 'minutes' },
    resolution_seconds: { columns: ['metric_set.full_resolution_time_in_minutes.calendar'], unit: 'minutes' },
    resolution_business_seconds: { columns: ['metric_set.full_resolution_time_in_minutes.business'], unit: 'minutes' },
  },
  surveys: {
    fields: {
      id: 'id',
      kind: { value: 'csat' },
      score: { columns: ['satisfaction_rating.score', 'satisfaction_rating_score'], values: SATISFACTION, strict: true },
      scale: { value: '1' },
      responded_at: ['updated_at', 'created_at'],
      contact_id: 'id',
      agent: ['assignee_id'],
      channel: { columns: ['via.channel', 'via_channel'], values: CHANNELS },
    },
  },
};
