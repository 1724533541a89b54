import type { MetricResult } from '../../metrics/types.js';
import type { Report } from '../report.js';

const COLUMNS = ['dimension', 'group', 'metric', 'unit', 'n', 'value', 'mean', 'median', 'p90', 'numerator', 'denominator', 'ci95_low', 'ci95_high'];

/** RFC 4180 quoting where needed. */
function field(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function row(dimension: string, group: string, id: string, result: MetricResult): string {
  const ci = Array.isArray(result.ci95) ? (result.ci95 as number[]) : [];
  return [dimension, group, id, result.unit, result.n, result.value, result.mean, result.median, result.p90, result.numerator, result.denominator, ci[0], ci[1]]
    .map(field)
    .join(',');
}

/**
 * The report as CSV for spreadsheets: one row per metric and group (the whole report is the
 * group `all`; breakdowns follow), with the numbers every metric shares.
 */
export function renderCsv(report: Report): string {
  const lines = [COLUMNS.join(',')];
  for (const [id, result] of Object.entries(report.metrics)) lines.push(row('', 'all', id, result));
  for (const [dimension, groups] of Object.entries(report.breakdowns ?? {})) {
    for (const [label, group] of Object.entries(groups)) {
      for (const [id, result] of Object.entries(group.metrics)) lines.push(row(dimension, label, id, result));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
