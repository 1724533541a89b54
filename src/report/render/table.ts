import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { Report } from '../report.js';
import { breakdownColumns, formatChange, formatCount, formatDetail, formatDuration, formatPercent, formatValue, metricTitle } from './format.js';
import { sparkline } from './sparkline.js';
import { renderStaffingTable } from './staffing.js';

export interface TableOptions {
  /** Colour is for terminals only; the CLI decides (TTY and no NO_COLOR). */
  color: boolean;
}

/** One row per group, one column per headline metric value. */
function breakdownTable(
  groups: NonNullable<Report['breakdowns']>[string],
  metricIds: string[],
  style: object,
  chars: object,
): string {
  const columns = breakdownColumns(metricIds);
  const table = new Table({
    head: ['Group', ...columns.map((id) => metricTitle(id))],
    style,
    chars,
    colAligns: ['left', ...columns.map(() => 'right' as const)],
  });
  for (const [label, group] of Object.entries(groups)) {
    table.push([label, ...columns.map((id) => (group.metrics[id].n === 0 && group.metrics[id].value === null ? '–' : formatValue(group.metrics[id])))]);
  }
  return table.toString();
}

/** The report as terminal tables: the metrics, then the data-quality summary. */
export function renderTable(report: Report, options: TableOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const filters = Object.entries(report.filters)
    .map(([name, values]) => `${name}=${(values as string[]).join(',')}`)
    .join(' ');
  const { period } = report;
  const lines = [
    chalk.bold(`supmetrics report · ${period.label}`) +
      chalk.dim(` (${period.start} → ${period.end}, ${period.timeZone})${filters ? ` · ${filters}` : ''}`),
  ];

  const style = { head: options.color ? ['cyan'] : [], border: options.color ? ['grey'] : [] };
  // no rule between body rows: twenty metrics read better as one block
  const chars = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };
  const comparison = report.comparison;
  const head = ['Metric', 'Value', 'n', ...(comparison ? [`${comparison.mode === 'year' ? 'Year ago' : 'Previous'}`, 'Change'] : []), 'Detail'];
  const metrics = new Table({ head, style, chars, colAligns: ['left', 'right', 'right', 'right', 'right', 'left'] });
  for (const [id, result] of Object.entries(report.metrics)) {
    const value = result.n === 0 && result.value === null ? chalk.dim('–') : formatValue(result);
    const compared = comparison ? formatChange(result, comparison.metrics[id]) : [];
    metrics.push([metricTitle(id), value, formatCount(result.n), ...compared, formatDetail(id, result)]);
  }
  lines.push(metrics.toString());
  if (comparison) {
    lines.push(chalk.dim(`Compared with ${comparison.period.label}; * marks a rate change significant at 95% (two-proportion z-test)`));
  }
  if (report.series) {
    const { interval, points } = report.series;
    const first = points[0]?.label ?? '';
    const last = points[points.length - 1]?.label ?? '';
    lines.push(`Trend by ${interval}, ${first} → ${last}`);
    const rows: [string, (number | null)[], (v: number | null) => string][] = [
      ['Volume', points.map((p) => p.volume), formatCount],
      ['Backlog', points.map((p) => p.backlog), formatCount],
      ['First response (median)', points.map((p) => p.first_response_median), formatDuration],
      ['CSAT', points.map((p) => p.csat), formatPercent],
    ];
    for (const [name, values, format] of rows) {
      const present = values.filter((v): v is number => v !== null);
      const range = present.length ? `${format(Math.min(...present))} – ${format(Math.max(...present))}` : 'no data';
      lines.push(`  ${name.padEnd(24)} ${sparkline(values)}  ${chalk.dim(range)}`);
    }
  }

  for (const [dimension, groups] of Object.entries(report.breakdowns ?? {})) {
    lines.push(`By ${dimension}`, breakdownTable(groups, Object.keys(report.metrics), style, chars));
  }

  if (report.staffing) lines.push(renderStaffingTable(report.staffing).trimEnd());

  const inputs = new Table({
    head: ['Input', 'Kind', 'Read', 'Used', 'Filtered', 'Rejected'],
    style,
    chars,
    colAligns: ['left', 'left', 'right', 'right', 'right', 'right'],
  });
  for (const input of report.inputs) {
    const rejected = formatCount(input.rows.rejected);
    inputs.push([
      input.path,
      input.kind,
      formatCount(input.rows.read),
      formatCount(input.rows.used),
      formatCount(input.rows.filtered),
      input.rows.rejected > 0 ? chalk.yellow(rejected) : rejected,
    ]);
  }
  lines.push('Data quality', inputs.toString());
  for (const input of report.inputs) {
    for (const reject of input.rejects.slice(0, 3)) {
      const column = reject.column ? ` (${reject.column})` : '';
      lines.push(chalk.yellow(`  ${input.path}:${reject.line}${column}: ${reject.reason}`));
    }
    const more = input.rows.rejected - Math.min(3, input.rejects.length);
    if (more > 0) lines.push(chalk.dim(`  ... and ${formatCount(more)} more rejected rows in ${input.path} (see --format json)`));
  }
  return `${lines.join('\n')}\n`;
}
