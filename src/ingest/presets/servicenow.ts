import type { Preset } from './types.js';

/**
 * ServiceNow incidents: the incident event log (one row per update of an incident), as in the
 * UCI "Incident management process enriched event log" and as exported from the incident table's
 * audit.
 *
 * Source of the column list (facts only): the UCI ML Repository data set #498 description (number,
 * incident_state, active, reassignment_count, reopen_count, sys_mod_count, made_sla, caller_id,
 * opened_by, opened_at, ..., contact_type, ..., priority, assignment_group, assigned_to, ...,
 * resolved_by, resolved_at, closed_at) and the real file in shared/realdata. Dates are
 * `29/2/2016 01:16` (day/month/year, unpadded, no zone: read in --tz), or `29-02-2016 01:16`
 * when resaved by Excel; `?` means empty. Rows are folded per incident number: the row with the
 * highest `sys_mod_count` (the latest update; ties: the later row) gives the incident's values.
 * `made_sla` is the resolution SLA outcome; priorities "1 - Critical" .. "4 - Low" map to
 * urgent/high/normal/low.
 */
export const servicenowIncidents: Preset = {
  name: 'servicenow',
  variant: 'incident event log',
  kind: 'contacts',
  rowsPerRecord: 'last',
  latestBy: { column: 'sys_mod_count', as: 'number' },
  timeFormat: ['d/M/yyyy H:mm', 'd-M-yyyy H:mm', 'd/M/yyyy H:mm:ss', 'd-M-yyyy H:mm:ss'],
  empty: ['?'],
  detect: [
    'number',
    'incident_state',
    'active',
    'reassignment_count',
    'reopen_count',
    'sys_mod_count',
    'made_sla',
    'opened_at',
    'contact_type',
    'priority',
    'assignment_group',
    'assigned_to',
    'resolved_at',
    'closed_at',
  ],
  fields: {
    id: 'number',
    channel: {
      columns: ['contact_type'],
      values: { phone: 'phone', email: 'email', 'self service': 'web', ivr: 'phone', chat: 'chat', 'walk-in': 'walk-in', 'direct opening': 'walk-in' },
    },
    created_at: 'opened_at',
    resolved_at: 'resolved_at',
    closed_at: 'closed_at',
    status: 'incident_state',
    priority: { columns: ['priority'], values: { '1 - critical': 'urgent', '2 - high': 'high', '3 - moderate': 'normal', '4 - low': 'low' } },
    agent: 'assigned_to',
    team: 'assignment_group',
    customer_id: 'caller_id',
    issue_type: 'category',
    handoffs: 'reassignment_count',
    reopens: 'reopen_count',
    sla_resolution_met: 'made_sla',
  },
};
