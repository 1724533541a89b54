import type { Preset } from './types.js';

/**
 * Freshdesk tickets, CSV export (Tickets > Export, fields chosen by the user).
 *
 * Source of the column list (facts only): Freshdesk's own export code, as indexed by the search
 * tool (a public Freshworks repository's spec maps ticket attributes to the export headers
 * "Ticket ID", "Subject", "Status", "Priority", "Source", "Type", "Agent", "Group", "Created
 * time", "Due by Time", "Resolved time", "Closed time", "Last update time", "Initial response
 * time", "Time tracked", "First response time (in hrs)", "Resolution time (in hrs)", "Agent
 * interactions", "Customer interactions", "Resolution status", "First response status", "Tags",
 * "Survey results", "Product"; the two "(in hrs)" columns are business-hour durations). Public
 * scripts that read these exports show the capitalisation varies ("Created Time") and that the
 * "(in hrs)" columns hold `HH:MM:SS` text that is sometimes empty or negative: the timestamps
 * (Initial response time, Resolved time) are preferred; a negative duration is dropped with a
 * warning. "Within SLA" / "SLA Violated" statuses are the SLA outcomes. "Survey results" holds the
 * label of the customer's CSAT rating (Freshdesk's classic survey: Awesome, Just Okay, Not Good;
 * its custom surveys: 3 to 7 points from Extremely Happy to Extremely Unhappy, the API's ratings
 * 103 to -103): it becomes a CSAT answer, satisfied (1) or not (0) on a 0/1 scale, like
 * Zendesk's Good/Bad. Other labels are not answers.
 */

const CHANNELS = {
  email: 'email',
  'outbound email': 'email',
  portal: 'web',
  'feedback widget': 'web',
  'feedback form': 'web',
  phone: 'phone',
  chat: 'chat',
  'mobihelp': 'chat',
  twitter: 'social',
  facebook: 'social',
  whatsapp: 'social',
} as const;

const SLA = { 'within sla': 'true', 'sla violated': 'false' } as const;

const SURVEY_RESULTS = {
  awesome: '1',
  'extremely happy': '1',
  'very happy': '1',
  happy: '1',
  'just okay': '0',
  neutral: '0',
  'not good': '0',
  unhappy: '0',
  'very unhappy': '0',
  'extremely unhappy': '0',
} as const;

export const freshdeskCsv: Preset = {
  name: 'freshdesk',
  variant: 'tickets CSV export',
  kind: 'contacts',
  detect: [
    'Ticket ID',
    'Subject',
    'Status',
    'Priority',
    'Source',
    'Type',
    'Agent',
    'Group',
    'Created time',
    'Resolved time',
    'Closed time',
    'Initial response time',
    'First response time (in hrs)',
    'Resolution time (in hrs)',
    'Agent interactions',
    'Customer interactions',
    'Resolution status',
    'First response status',
  ],
  fields: {
    id: 'Ticket ID',
    channel: { columns: ['Source'], values: CHANNELS },
    created_at: 'Created time',
    first_response_at: 'Initial response time',
    resolved_at: 'Resolved time',
    closed_at: 'Closed time',
    status: 'Status',
    priority: { columns: ['Priority'], values: { urgent: 'urgent', high: 'high', medium: 'normal', low: 'low' } },
    agent: 'Agent',
    team: 'Group',
    customer_id: ['Contact ID', 'Requester email', 'Requester name', 'Full name'],
    customer_segment: ['Company Name', 'Company'],
    issue_type: 'Type',
    agent_replies: 'Agent interactions',
    customer_messages: 'Customer interactions',
    first_response_business_seconds: { columns: ['First response time (in hrs)'], unit: 'hms' },
    resolution_business_seconds: { columns: ['Resolution time (in hrs)'], unit: 'hms' },
    sla_resolution_due_at: 'Due by Time',
    sla_first_response_met: { columns: ['First response status'], values: SLA, strict: true },
    sla_resolution_met: { columns: ['Resolution status'], values: SLA, strict: true },
  },
  surveys: {
    fields: {
      id: 'Ticket ID',
      kind: { value: 'csat' },
      score: { columns: ['Survey results'], values: SURVEY_RESULTS, strict: true },
      scale: { value: '1' },
      // The export has no rating time: the last update is when the rating was left, or later.
      responded_at: ['Last update time', 'Resolved time', 'Closed time', 'Created time'],
      contact_id: 'Ticket ID',
      agent: 'Agent',
      channel: { columns: ['Source'], values: CHANNELS },
    },
  },
};
