import type { InputInfo } from '../ingest/read.js';
import type { Dataset } from '../model/dataset.js';
import { METRICS } from '../metrics/registry.js';
import { staffing } from '../metrics/staffing.js';
import type { Interval, MetricInput, MetricResult, MetricSettings, OpenTimeCalendar } from '../metrics/types.js';
import type { Dimension } from './breakdown.js';
import { breakdownGroups } from './breakdown.js';
import type { CompareMode } from '../time/compare.js';
import { comparisonPeriod } from '../time/compare.js';
import { compareMetrics } from './compare.js';
import type { Period } from '../time/period.js';
import { formatInstant } from '../time/period.js';
import type { InputReport, Report } from './report.js';
import { SCHEMA_VERSION } from './report.js';
import type { Filters, Scope } from './select.js';
import { countUsed, selectScope } from './select.js';

export interface ReportOptions {
  period: Period;
  filters: Filters;
  /** Metric ids to compute, in registry order; all when absent. */
  metrics?: readonly string[];
  settings: MetricSettings;
  /** Dimensions to break every metric down by (`--by`). */
  breakdowns?: readonly Dimension[];
  /** Open hours, for SLA policies in business time. */
  calendar?: OpenTimeCalendar;
  /** With --business-hours: durations count only open time. */
  businessTime?: OpenTimeCalendar;
  /** Adds every metric's value in a comparison period, with the change (`--compare`). */
  compare?: CompareMode;
  /** Adds daily/weekly series of volume, backlog, first-response median and CSAT (`--trend`). */
  trend?: boolean;
  /** Adds the staffing section (Erlang C agents per hour of the week). */
  staffing?: { targetSeconds: number; serviceLevelTarget: number };
}

/**
 * Runs the chosen metrics over one scope and period. They are given one input object, so that
 * they share the row selections they have in common (the contacts created in the period, ...).
 */
function computeMetrics(data: Dataset, scope: Scope, period: Interval, options: ReportOptions): Record<string, MetricResult> {
  const input: MetricInput = {
    data,
    ...scope,
    period,
    timeZone: options.period.timeZone,
    settings: options.settings,
    calendar: options.calendar,
    businessTime: options.businessTime,
  };
  const metrics: Record<string, MetricResult> = {};
  for (const metric of METRICS) {
    if (options.metrics && !options.metrics.includes(metric.id)) continue;
    metrics[metric.id] = metric.compute(input);
  }
  return metrics;
}

/** Applies the filters, runs the metrics (whole and per group) and accounts for every row read. */
export function buildReport(data: Dataset, inputs: readonly InputInfo[], options: ReportOptions): Report {
  const { period, filters } = options;
  const interval = { start: period.start, end: period.end };
  const scope = selectScope(data, filters);
  const metrics = computeMetrics(data, scope, interval, options);
  const breakdowns: Record<string, Record<string, { metrics: Record<string, MetricResult> }>> = {};
  for (const dimension of options.breakdowns ?? []) {
    breakdowns[dimension] = {};
    for (const group of breakdownGroups(data, dimension, interval, period.timeZone, scope)) {
      breakdowns[dimension][group.label] = { metrics: computeMetrics(data, group.scope, group.period, options) };
    }
  }
  let comparison: Report['comparison'];
  if (options.compare) {
    const other = comparisonPeriod(period, options.compare);
    const previous = computeMetrics(data, scope, { start: other.start, end: other.end }, options);
    comparison = { mode: options.compare, period: periodJson(other), metrics: compareMetrics(metrics, previous) };
  }
  const series = options.trend ? trendSeries(data, scope, period, options) : undefined;
  const staffingSection = options.staffing
    ? staffing({ data, ...scope, period: interval, timeZone: period.timeZone, settings: options.settings }, options.staffing)
    : undefined;
  const used = countUsed(data, scope, interval, inputs.length);
  return {
    schemaVersion: SCHEMA_VERSION,
    period: periodJson(period),
    filters: activeFilters(filters),
    inputs: inputs.map((input, i) => inputReport(input, used[i])),
    metrics,
    ...(options.breakdowns?.length ? { breakdowns } : {}),
    ...(comparison ? { comparison } : {}),
    ...(series ? { series } : {}),
    ...(staffingSection ? { staffing: staffingSection } : {}),
  };
}

function periodJson(period: Period): Report['period'] {
  return {
    label: period.label,
    start: formatInstant(period.start, period.timeZone),
    end: formatInstant(period.end, period.timeZone),
    timeZone: period.timeZone,
  };
}

/** Series points: days for up to two months, weeks up to two years, months beyond. */
function trendSeries(data: Dataset, scope: Scope, period: Period, options: ReportOptions): NonNullable<Report['series']> {
  const days = (period.end - period.start) / 86400000;
  const interval = days <= 62 ? 'day' : days <= 731 ? 'week' : 'month';
  const only = { ...options, metrics: ['volume', 'backlog', 'first_response_time', 'csat'] };
  const points = breakdownGroups(data, interval, period, period.timeZone, scope).map((group) => {
    const m = computeMetrics(data, group.scope, group.period, only);
    return {
      label: group.label,
      volume: m.volume.value,
      backlog: m.backlog.value,
      first_response_median: m.first_response_time.median as number | null,
      csat: m.csat.value,
    };
  });
  return { interval, points };
}

function activeFilters(filters: Filters): Filters {
  const active: Filters = {};
  for (const [name, values] of Object.entries(filters) as [keyof Filters, string[] | undefined][]) {
    if (values && values.length > 0) active[name] = values;
  }
  return active;
}

function inputReport(input: InputInfo, used: number): InputReport {
  const { log } = input;
  return {
    path: input.path,
    kind: input.kind,
    preset: input.preset,
    format: input.format,
    ...(input.delimiter !== undefined ? { delimiter: input.delimiter } : {}),
    rows: { read: log.read, used, filtered: log.read - log.rejected - used, rejected: log.rejected },
    rejects: log.rejects,
    rejectsOmitted: log.rejected - log.rejects.length,
    warnings: { count: log.warnings, samples: log.warningSamples },
    unmappedColumns: input.unmappedColumns,
  };
}
