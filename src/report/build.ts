import type { InputInfo } from '../ingest/read.js';
import type { Dataset } from '../model/dataset.js';
import { METRICS } from '../metrics/registry.js';
import { staffing } from '../metrics/staffing.js';
import type { Interval, MetricResult, MetricSettings, OpenTimeCalendar } from '../metrics/types.js';
import type { Dimension } from './breakdown.js';
import { breakdownGroups } from './breakdown.js';
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
  /** Adds the staffing section (Erlang C agents per hour of the week). */
  staffing?: { targetSeconds: number; serviceLevelTarget: number };
}

/** Runs the chosen metrics over one scope and period. */
function computeMetrics(data: Dataset, scope: Scope, period: Interval, options: ReportOptions): Record<string, MetricResult> {
  const metrics: Record<string, MetricResult> = {};
  for (const metric of METRICS) {
    if (options.metrics && !options.metrics.includes(metric.id)) continue;
    metrics[metric.id] = metric.compute({
      data,
      ...scope,
      period,
      timeZone: options.period.timeZone,
      settings: options.settings,
      calendar: options.calendar,
    });
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
  const staffingSection = options.staffing
    ? staffing({ data, ...scope, period: interval, timeZone: period.timeZone, settings: options.settings }, options.staffing)
    : undefined;
  const used = countUsed(data, scope, interval, inputs.length);
  return {
    schemaVersion: SCHEMA_VERSION,
    period: {
      label: period.label,
      start: formatInstant(period.start, period.timeZone),
      end: formatInstant(period.end, period.timeZone),
      timeZone: period.timeZone,
    },
    filters: activeFilters(filters),
    inputs: inputs.map((input, i) => inputReport(input, used[i])),
    metrics,
    ...(options.breakdowns?.length ? { breakdowns } : {}),
    ...(staffingSection ? { staffing: staffingSection } : {}),
  };
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
