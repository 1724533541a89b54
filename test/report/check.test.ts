import { describe, expect, it } from 'vitest';
import { evaluateChecks, getExitCode, parseThreshold } from '../../src/report/check.js';
import type { Report } from '../../src/report/report.js';

const report = {
  period: { label: '2024-03', start: '', end: '', timeZone: 'UTC' },
  metrics: {
    sla_compliance: { unit: 'percent', n: 40, value: 92.5, numerator: 37, denominator: 40 },
    first_response_time: { unit: 'seconds', n: 3, value: 100, median: 90, p90: 7200 },
    backlog: { unit: 'count', n: 0, value: 0 },
    csat: { unit: 'percent', n: 0, value: null, numerator: 0, denominator: 0 },
  },
} as unknown as Report;

describe('thresholds', () => {
  it('parse metric=value, metric.field=value and duration units', () => {
    expect(parseThreshold('sla_compliance=95', '>=')).toEqual({ metric: 'sla_compliance', field: 'value', op: '>=', threshold: 95 });
    expect(parseThreshold('first_response_time.p90=4h', '<=')).toMatchObject({ field: 'p90', threshold: 14400 });
    expect(parseThreshold(' nps = -10 ', '>=')).toMatchObject({ metric: 'nps', threshold: -10 });
  });

  it('reject unknown metrics and malformed text', () => {
    expect(() => parseThreshold('happiness=1', '>=')).toThrow(/--min 'happiness=1': unknown metric id/);
    expect(() => parseThreshold('sla_compliance', '<=')).toThrow(/--max 'sla_compliance': expected metric=value/);
  });

  it('are measured with >= for --min and <= for --max, at the boundary inclusive', () => {
    const result = evaluateChecks(
      report,
      [parseThreshold('sla_compliance=92.5', '>='), parseThreshold('first_response_time.p90=2h', '<='), parseThreshold('backlog=0', '<=')],
      { allowEmpty: false, minN: 1 },
    );
    expect(result.checks.map((c) => c.passed)).toEqual([true, true, true]);
    expect(getExitCode(result)).toBe(0);
  });

  it('fail on no data unless allowed, and on samples smaller than --min-n', () => {
    const csat = [parseThreshold('csat=80', '>=')];
    expect(evaluateChecks(report, csat, { allowEmpty: false, minN: 1 }).checks[0]).toMatchObject({ passed: false, reason: 'no data in the period' });
    expect(evaluateChecks(report, csat, { allowEmpty: true, minN: 1 }).passed).toBe(true);
    const small = evaluateChecks(report, [parseThreshold('first_response_time=1000', '<=')], { allowEmpty: false, minN: 5 });
    expect(small.checks[0]).toMatchObject({ passed: false, reason: 'n = 3 is below --min-n 5' });
    expect(getExitCode(small)).toBe(1);
  });

  it('an unknown field is a usage error naming the fields there are', () => {
    expect(() => evaluateChecks(report, [parseThreshold('backlog.p99=1', '<=')], { allowEmpty: false, minN: 1 })).toThrow(
      /backlog has no field 'p99' \(numeric fields: n, value\)/,
    );
  });
});
