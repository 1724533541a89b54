import type { Preset } from './types.js';

/**
 * LiveChat chats, CSV export (Archives > export to CSV).
 *
 * Source of the column list (facts only): LiveChat's help center article on exporting chats from
 * the archives was not in the search tool's index; the header names come from public scripts that
 * read these exports (indexed by the search tool): `chat creation date <Zone>`, `chat start date
 * <Zone>`, `group name`, `operator 1 nick`, `operator 1 id`, `rate` ("rated good", "rated bad",
 * "not rated"), `chat duration in seconds`, `first response time` (seconds), `average response
 * time`, `visitor country code`, `tag 1`, `conferenceId`. The zone in the date headers is the
 * exporting account's and is used for the naive timestamps.
 *
 * The wait is creation to start (answered_at = chat start date); the chat lasts `chat duration in
 * seconds` from its start; "rated good" / "rated bad" are CSAT answers on a 0/1 scale.
 */
export const livechatChats: Preset = {
  name: 'livechat',
  variant: 'chats CSV export',
  kind: 'contacts',
  detect: [
    'chat creation date {zone}',
    'chat start date {zone}',
    'operator 1 nick',
    'rate',
    'chat duration in seconds',
    'first response time',
    'group name',
    'conferenceId|chat id|thread id',
    'visitor name|visitor email|visitor id',
  ],
  fields: {
    id: ['conferenceId', 'chat id', 'thread id'],
    channel: { value: 'chat' },
    created_at: ['chat creation date {zone}', 'chat start date {zone}'],
    answered_at: 'chat start date {zone}',
    agent: 'operator 1 nick',
    team: 'group name',
    customer_id: ['visitor id', 'visitor email', 'visitor name'],
    issue_type: 'tag 1',
    first_response_seconds: { columns: ['first response time'], unit: 'seconds' },
    handle_seconds: { columns: ['chat duration in seconds'], unit: 'seconds' },
  },
  surveys: {
    fields: {
      id: ['conferenceId', 'chat id', 'thread id'],
      kind: { value: 'csat' },
      score: { columns: ['rate'], values: { 'rated good': '1', 'rated bad': '0' }, strict: true },
      scale: { value: '1' },
      responded_at: ['chat end date {zone}', 'chat start date {zone}', 'chat creation date {zone}'],
      contact_id: ['conferenceId', 'chat id', 'thread id'],
      agent: 'operator 1 nick',
      channel: { value: 'chat' },
    },
  },
};
