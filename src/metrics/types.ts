import type { Dataset } from '../model/dataset.js';
import { DEFAULT_BUCKET_BOUNDS } from './buckets.js';

/** A half-open interval of instants, [start, end), in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

/**
 * An SLA policy: the contacts it matches (every listed field must match one of its values; no
 * fields = every contact) and its targets in seconds, counted in calendar or business time.
 */
export interface SlaPolicy {
  match: { channel?: readonly string[]; priority?: readonly string[] };
  firstResponseSeconds?: number;
  resolutionSeconds?: number;
  businessHours?: boolean;
}

/** Counts open time in a business calendar (see src/time/business.ts). */
export interface OpenTimeCalendar {
  openSeconds(from: number, to: number): number;
  addOpenSeconds(from: number, seconds: number): number;
}

/** Settings that shape definitions; all have defaults from METRICS.md (see `DEFAULT_SETTINGS`). */
export interface MetricSettings {
  /** backlog_aged: open contacts older than this many seconds at the end of the period. */
  backlogAgeSeconds: number;
  /** fcr_rate: a repeat contact within this many seconds after resolution breaks FCR. */
  repeatWindowSeconds: number;
  /** fcr_rate: issue types that are not FCR-eligible. */
  fcrIneligibleIssueTypes: readonly string[];
  /** abandonment_rate: abandons sooner than this many seconds after arrival are excluded. */
  shortAbandonSeconds: number;
  /** service_level: answered within this many seconds of arriving (the T of "80/20"). */
  serviceLevelSeconds: number;
  /** csat: an answer is satisfied when score / scale >= this ratio (4 or 5 of 5). */
  csatSatisfiedRatio: number;
  /**
   * SLA policies, tried in order when a contact has no per-ticket due time: the first that
   * matches the contact and sets a target gives it.
   */
  slaPolicies: readonly SlaPolicy[];
  /** Upper bounds (seconds) of the distribution buckets of first-response and resolution times. */
  bucketBounds: { firstResponse: readonly number[]; resolution: readonly number[] };
  /** Channels that are live (a conversation in one sitting): chat and phone. */
  liveChannels: readonly string[];
}

/** METRICS.md, seed 004: first response by phone 4 min, live chat 2 min, email and web forms 24 h, social 1 h. */
export const DEFAULT_SLA_POLICIES: readonly SlaPolicy[] = [
  { match: { channel: ['phone'] }, firstResponseSeconds: 4 * 60 },
  { match: { channel: ['chat'] }, firstResponseSeconds: 2 * 60 },
  { match: { channel: ['email', 'web'] }, firstResponseSeconds: 24 * 3600 },
  { match: { channel: ['social'] }, firstResponseSeconds: 3600 },
];

export const DEFAULT_SETTINGS: MetricSettings = {
  backlogAgeSeconds: 24 * 3600,
  repeatWindowSeconds: 7 * 24 * 3600,
  fcrIneligibleIssueTypes: [],
  shortAbandonSeconds: 5,
  serviceLevelSeconds: 20,
  csatSatisfiedRatio: 0.8,
  slaPolicies: DEFAULT_SLA_POLICIES,
  liveChannels: ['chat', 'phone'],
  bucketBounds: { firstResponse: DEFAULT_BUCKET_BOUNDS, resolution: DEFAULT_BUCKET_BOUNDS },
};

/**
 * What every metric function receives: the data, which rows are in scope (pass the report's
 * filters, or belong to a breakdown group), the period, and the settings. Metrics never read
 * files, the clock or the environment.
 *
 * Rows in scope are lists, not masks over every row, so that a breakdown group of a hundredth of
 * the contacts costs its metrics a hundredth of a pass, and an unfiltered report keeps no list
 * at all. Metrics of one scope and period are given the same input object and share the row
 * selections they have in common (see columns.ts): treat an input as unchangeable.
 */
export interface MetricInput {
  data: Dataset;
  /** The in-scope contact rows, ascending; absent when every contact is in scope. */
  contactRows?: Int32Array;
  /** The in-scope survey answer rows, ascending; absent when every answer is in scope. */
  surveyRows?: Int32Array;
  /** The in-scope customer rows, ascending; absent when every customer is in scope. */
  customerRows?: Int32Array;
  period: Interval;
  /** IANA zone of the report: calendar breakdowns (hour of day, weekday) are read in it. */
  timeZone: string;
  /** Open hours, for SLA policies counted in business time. */
  calendar?: OpenTimeCalendar;
  /** With --business-hours: durations count only this calendar's open seconds. */
  businessTime?: OpenTimeCalendar;
  settings: MetricSettings;
}

/** Summary of a sample of durations, in seconds. Empty: n 0 and nulls. */
export interface DurationSummary {
  unit: 'seconds';
  n: number;
  value: number | null;
  mean: number | null;
  median: number | null;
  p90: number | null;
  min: number | null;
  max: number | null;
}

/** A proportion in percent with its counts and 95% Wilson score interval. */
export interface RateSummary {
  unit: 'percent';
  n: number;
  value: number | null;
  numerator: number;
  denominator: number;
  ci95: [number, number] | null;
}

export interface CountSummary {
  unit: 'count';
  n: number;
  value: number;
}

/** Every metric result has a unit, `n` and a headline `value`; metrics add their own details. */
export interface MetricResult {
  unit: string;
  n: number;
  value: number | null;
  [detail: string]: unknown;
}

export type MetricKind = 'duration' | 'rate' | 'count' | 'score' | 'distribution';

export interface MetricDefinition {
  id: string;
  title: string;
  kind: MetricKind;
  /** One-line definition, as `supmetrics metrics` prints it. */
  definition: string;
  compute(input: MetricInput): MetricResult;
}

/** Summary of a sample in any unit (agent replies, messages, ...): the same fields as DurationSummary. */
export type SampleSummary<Unit extends string> = Omit<DurationSummary, 'unit'> & { unit: Unit };

/** What every metric's own result type must have; its details come on top. */
export interface ResultHeadline {
  unit: string;
  n: number;
  value: number | null;
}

/**
 * Declares a metric whose `compute` returns its own precise result type. The result types are
 * interfaces, which TypeScript will not match against MetricResult's open index signature, so the
 * check is done here against ResultHeadline instead.
 */
export function defineMetric<Result extends ResultHeadline>(
  definition: Omit<MetricDefinition, 'compute'> & { compute(input: MetricInput): Result },
): MetricDefinition {
  return definition as unknown as MetricDefinition;
}
