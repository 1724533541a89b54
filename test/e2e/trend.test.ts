import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

describe('report --compare and --trend', () => {
  it('add the comparison period and the series to the JSON report', () => {
    const result = cli(['report', 'fixtures/demo', '--period', '2024-03', '--compare', 'previous', '--trend', '--format', 'json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.comparison.period.label).toBe('2024-01-30..2024-02-29');
    expect(report.comparison.metrics.volume.value).toBe(report.metrics.volume.value);
    expect(typeof report.comparison.metrics.sla_compliance.test.significant).toBe('boolean');
    expect(report.series.interval).toBe('day');
    expect(report.series.points).toHaveLength(31);
    const total = report.series.points.reduce((sum: number, p: { volume: number }) => sum + p.volume, 0);
    expect(total).toBe(report.metrics.volume.value);
    expect(report.series.points[30].backlog).toBe(report.metrics.backlog.value);
  });

  it('show sparklines and the change in the table', () => {
    const result = cli(['report', 'fixtures/demo', '--period', '2024-03', '--compare', 'year', '--trend']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Year ago/);
    expect(result.stdout).toMatch(/Volume\s+[▁▂▃▄▅▆▇█]{31}/);
  });
});
