import { UserError } from '../errors.js';
import { METRIC_IDS } from '../metrics/registry.js';
import type { Report } from './report.js';

export type ThresholdOp = '>=' | '<=';

/** One threshold: `--min sla_compliance=95` is `{ metric: 'sla_compliance', field: 'value', op: '>=', threshold: 95 }`. */
export interface Threshold {
  metric: string;
  field: string;
  op: ThresholdOp;
  threshold: number;
}

export interface CheckOutcome extends Threshold {
  value: number | null;
  n: number;
  passed: boolean;
  /** Why a threshold failed other than by its value (no data, too few observations). */
  reason?: string;
}

export interface CheckResult {
  passed: boolean;
  period: Report['period'];
  checks: CheckOutcome[];
}

export interface CheckOptions {
  /** A metric with no data passes instead of failing. */
  allowEmpty: boolean;
  /** Fewer observations than this fail: no decision on a tiny sample (counts are not samples). */
  minN: number;
}

const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/**
 * Reads `id=value` or `id.field=value`. Values are numbers, or durations with a unit for
 * metrics in seconds (`first_response_time.p90=4h`: s, m, h, d).
 */
export function parseThreshold(text: string, op: ThresholdOp): Threshold {
  const option = op === '>=' ? '--min' : '--max';
  const match = /^\s*([a-z_]+)(?:\.([A-Za-z0-9_]+))?\s*=\s*(-?[0-9]*\.?[0-9]+)\s*([smhd]?)\s*$/.exec(text);
  if (!match) throw new UserError(`${option} '${text}': expected metric=value or metric.field=value, e.g. sla_compliance=95`);
  const [, metric, field = 'value', number, unit] = match;
  if (!METRIC_IDS.includes(metric)) {
    throw new UserError(`${option} '${text}': unknown metric id '${metric}' (run \`supmetrics metrics\` for the list)`);
  }
  return { metric, field, op, threshold: Number(number) * (unit ? DURATION_UNITS[unit] : 1) };
}

/** Measures every threshold against the report. An unknown field is a usage error. */
export function evaluateChecks(report: Report, thresholds: readonly Threshold[], options: CheckOptions): CheckResult {
  const checks = thresholds.map((threshold): CheckOutcome => {
    const result = report.metrics[threshold.metric];
    if (!(threshold.field in result)) {
      const fields = Object.keys(result).filter((key) => typeof result[key] === 'number' || result[key] === null);
      throw new UserError(`${threshold.metric} has no field '${threshold.field}' (numeric fields: ${fields.join(', ')})`);
    }
    const raw = result[threshold.field];
    const value = typeof raw === 'number' ? raw : null;
    const n = result.n;
    const base = { ...threshold, value, n };
    // a count of 0 (an empty backlog) is a measurement; only a missing value is no data
    if (value === null) {
      return options.allowEmpty ? { ...base, passed: true, reason: 'no data (allowed by --allow-empty)' } : { ...base, passed: false, reason: 'no data in the period' };
    }
    const isSample = result.unit !== 'count';
    if (isSample && n < options.minN) return { ...base, passed: false, reason: `n = ${n} is below --min-n ${options.minN}` };
    const passed = threshold.op === '>=' ? value >= threshold.threshold : value <= threshold.threshold;
    return { ...base, passed };
  });
  return { passed: checks.every((check) => check.passed), period: report.period, checks };
}

/** Exit code of `check`: 0 when every threshold holds, 1 when one fails. */
export function getExitCode(result: CheckResult): 0 | 1 {
  return result.passed ? 0 : 1;
}
