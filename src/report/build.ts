import type { InputInfo } from '../ingest/read.js';
import type { Dataset } from '../model/dataset.js';
import { METRICS } from '../metrics/registry.js';
import type { MetricResult, MetricSettings } from '../metrics/types.js';
import type { Period } from '../time/period.js';
import { formatInstant } from '../time/period.js';
import type { InputReport, Report } from './report.js';
import { SCHEMA_VERSION } from './report.js';
import type { Filters } from './select.js';
import { countUsed, selectScope } from './select.js';

export interface ReportOptions {
  period: Period;
  filters: Filters;
  /** Metric ids to compute, in registry order; all when absent. */
  metrics?: readonly string[];
  settings: MetricSettings;
}

/** Applies the filters, runs the metrics and accounts for every row read. */
export function buildReport(data: Dataset, inputs: readonly InputInfo[], options: ReportOptions): Report {
  const { period, filters, settings } = options;
  const interval = { start: period.start, end: period.end };
  const scope = selectScope(data, filters);
  const metrics: Record<string, MetricResult> = {};
  for (const metric of METRICS) {
    if (options.metrics && !options.metrics.includes(metric.id)) continue;
    metrics[metric.id] = metric.compute({ data, ...scope, period: interval, timeZone: period.timeZone, settings });
  }
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
