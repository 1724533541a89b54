import { UserError } from '../errors.js';
import { abandonmentRateMetric } from './abandonment_rate.js';
import { afterContactWorkMetric } from './after_contact_work.js';
import { backlogMetric } from './backlog.js';
import { backlogAgedMetric } from './backlog_aged.js';
import { channelMixMetric } from './channel_mix.js';
import { churnRateMetric } from './churn_rate.js';
import { contactsPerCustomerMetric } from './contacts_per_customer.js';
import { conversationsPerAgentMetric } from './conversations_per_agent.js';
import { csatMetric } from './csat.js';
import { escalationRateMetric } from './escalation_rate.js';
import { fcrRateMetric } from './fcr_rate.js';
import { firstResponseTimeMetric } from './first_response_time.js';
import { handleTimeMetric } from './handle_time.js';
import { interactionsPerTicketMetric } from './interactions_per_ticket.js';
import { missedRateMetric } from './missed_rate.js';
import { npsMetric } from './nps.js';
import { reopenRateMetric } from './reopen_rate.js';
import { replyTimeMetric } from './reply_time.js';
import { resolutionTimeMetric } from './resolution_time.js';
import { retentionRateMetric } from './retention_rate.js';
import { slaComplianceMetric } from './sla_compliance.js';
import type { MetricDefinition } from './types.js';
import { volumeMetric } from './volume.js';
import { volumeChangeMetric } from './volume_change.js';
import { serviceLevelMetric } from './service_level.js';
import { conversionRateMetric } from './conversion_rate.js';
import { cannedResponseUsageMetric } from './canned_response_usage.js';
import { cesMetric } from './ces.js';
import { waitTimeMetric } from './wait_time.js';

/**
 * Every metric, in the order of the METRICS.md catalogue. `supmetrics metrics`, reports and the
 * JSON schema read this list; adding a metric is its file plus one line here.
 */
export const METRICS: readonly MetricDefinition[] = [
  // 1. Demand and volume
  volumeMetric,
  volumeChangeMetric,
  channelMixMetric,
  contactsPerCustomerMetric,
  conversationsPerAgentMetric,
  // 2. Speed
  firstResponseTimeMetric,
  replyTimeMetric,
  resolutionTimeMetric,
  waitTimeMetric,
  handleTimeMetric,
  afterContactWorkMetric,
  serviceLevelMetric,
  // 3. Outcome and quality
  slaComplianceMetric,
  backlogMetric,
  backlogAgedMetric,
  fcrRateMetric,
  interactionsPerTicketMetric,
  reopenRateMetric,
  escalationRateMetric,
  abandonmentRateMetric,
  missedRateMetric,
  conversionRateMetric,
  cannedResponseUsageMetric,
  // 4. Customer sentiment
  csatMetric,
  npsMetric,
  cesMetric,
  // 5. Customer base
  retentionRateMetric,
  churnRateMetric,
];

export const METRIC_IDS: readonly string[] = METRICS.map((metric) => metric.id);

const METRICS_BY_ID = new Map(METRICS.map((metric) => [metric.id, metric]));

/**
 * The metric with this id.
 *
 * @throws UserError when no metric has the id
 */
export function getMetric(id: string): MetricDefinition {
  const metric = METRICS_BY_ID.get(id);
  if (!metric) throw new UserError(`unknown metric '${id}' (known: ${METRIC_IDS.join(', ')})`);
  return metric;
}
