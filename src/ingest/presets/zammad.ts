import type { Preset } from './types.js';

/**
 * Zammad tickets: the "by ticket" report (Reporting / time accounting, download), and the same
 * ticket attributes as named in its API and database (`first_response_in_min`, ...).
 *
 * Sources of the column list (facts only): Zammad's own code (zammad/zammad, the time
 * accountings controller's `by_ticket` download, indexed by the search tool) writes the headers
 * Ticket#, Title, Customer, Organization, Agent, Time Units, Time Units Total, Created at, Closed
 * at, Close Escalation At, Close In Min, Close Diff In Min, First Response At, First Response
 * Escalation At, First Response In Min, First Response Diff In Min, Update Escalation At, Update
 * In Min, Update Diff In Min, Last Contact At, Last Contact Agent At, Last Contact Customer At,
 * Article Count, Escalation At; timestamps are ISO 8601. Zammad's documentation of the ticket
 * attributes says `*_in_min` are business-hour minutes and `*_diff_in_min` are the minutes left
 * of the SLA target (negative when it was missed): `>= 0` means met.
 */
export const zammadTickets: Preset = {
  name: 'zammad',
  variant: 'by_ticket report',
  kind: 'contacts',
  detect: [
    'Ticket#|number',
    'Title',
    'Customer|customer_id',
    'Agent|owner_id',
    'Created at',
    'Closed at|close_at',
    'Close In Min',
    'Close Diff In Min',
    'First Response At',
    'First Response In Min',
    'First Response Diff In Min',
    'Article Count',
  ],
  fields: {
    id: ['Ticket#', 'number'],
    created_at: 'Created at',
    first_response_at: 'First Response At',
    resolved_at: ['Closed at', 'close_at'],
    closed_at: ['Closed at', 'close_at'],
    agent: ['Agent', 'owner_id'],
    customer_id: ['Customer', 'customer_id'],
    customer_segment: ['Organization', 'organization_id'],
    status: ['State', 'state_id'],
    priority: ['Priority', 'priority_id'],
    team: ['Group', 'group_id'],
    first_response_business_seconds: { columns: ['First Response In Min'], unit: 'minutes' },
    resolution_business_seconds: { columns: ['Close In Min'], unit: 'minutes' },
    sla_first_response_met: { columns: ['First Response Diff In Min'], atLeast: 0 },
    sla_resolution_met: { columns: ['Close Diff In Min'], atLeast: 0 },
  },
};
