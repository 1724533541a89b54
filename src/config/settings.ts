import type { MetricSettings, SlaPolicy } from '../metrics/types.js';
import { DEFAULT_SETTINGS, DEFAULT_SLA_POLICIES } from '../metrics/types.js';
import type { Config } from './schema.js';

/** Seconds in a duration text checked by the schema ("4m" -> 240). */
export function durationSeconds(text: string): number {
  const unit = text[text.length - 1];
  const size = unit === 'd' ? 86400 : unit === 'h' ? 3600 : unit === 'm' ? 60 : 1;
  return Number(text.slice(0, -1)) * size;
}

const list = (value: string | string[] | undefined) => (value === undefined ? undefined : Array.isArray(value) ? value : [value]);

/** Bucket bounds in ascending seconds. */
const bounds = (texts: string[] | undefined) => texts?.map(durationSeconds).sort((a, b) => a - b);

/**
 * The metric settings a config asks for, over the METRICS.md defaults. Configured SLA policies
 * come first; the default first-response targets by channel still apply to contacts that no
 * configured policy gives a target.
 */
export function settingsFromConfig(config: Config): MetricSettings {
  const seconds = (text: string | undefined, fallback: number) => (text === undefined ? fallback : durationSeconds(text));
  const policies: SlaPolicy[] = (config.sla?.policies ?? []).map((policy) => ({
    match: { channel: list(policy.match.channel), priority: list(policy.match.priority) },
    firstResponseSeconds: policy.firstResponse === undefined ? undefined : durationSeconds(policy.firstResponse),
    resolutionSeconds: policy.resolution === undefined ? undefined : durationSeconds(policy.resolution),
    businessHours: policy.businessHours,
  }));
  return {
    ...DEFAULT_SETTINGS,
    backlogAgeSeconds: seconds(config.backlog?.agedAfter, DEFAULT_SETTINGS.backlogAgeSeconds),
    repeatWindowSeconds: seconds(config.fcr?.repeatWindow, DEFAULT_SETTINGS.repeatWindowSeconds),
    fcrIneligibleIssueTypes: config.fcr?.ineligibleIssueTypes ?? DEFAULT_SETTINGS.fcrIneligibleIssueTypes,
    shortAbandonSeconds: seconds(config.abandon?.shortAbandon, DEFAULT_SETTINGS.shortAbandonSeconds),
    serviceLevelSeconds: seconds(config.serviceLevel?.answerWithin, DEFAULT_SETTINGS.serviceLevelSeconds),
    csatSatisfiedRatio: config.csat?.satisfiedRatio ?? DEFAULT_SETTINGS.csatSatisfiedRatio,
    slaPolicies: [...policies, ...DEFAULT_SLA_POLICIES],
    bucketBounds: {
      firstResponse: bounds(config.distributions?.firstResponse) ?? DEFAULT_SETTINGS.bucketBounds.firstResponse,
      resolution: bounds(config.distributions?.resolution) ?? DEFAULT_SETTINGS.bucketBounds.resolution,
    },
  };
}
