import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { METRICS } from '../../metrics/registry.js';
import type { MetricResult } from '../../metrics/types.js';
import type { Report } from '../report.js';
import { formatCount, formatDuration, formatPercent } from './format.js';
import { sparkline } from './sparkline.js';
import { renderStaffingTable } from './staffing.js';
import type { MetricChange } from '../compare.js';

export interface TableOptions {
  /** Colour is for terminals only; the CLI decides (TTY and no NO_COLOR). */
  color: boolean;
}

const TITLES = new Map(METRICS.map((metric) => [metric.id, metric.title]));

/** The headline value of a metric in its unit. */
function formatValue(result: MetricResult): string {
  switch (result.unit) {
    case 'seconds':
      return formatDuration(result.value);
    case 'percent':
      return formatPercent(result.value);
    case 'nps':
      return result.value === null ? '–' : result.value.toFixed(1);
    default:
      return formatCount(result.value);
  }
}

function num(result: MetricResult, key: string): number | null {
  const value = result[key];
  return typeof value === 'number' ? value : null;
}

/** The comparison value and the change: `+12.3%` for counts and durations, `+1.2 pp*` for rates. */
function formatChange(result: MetricResult, change: MetricChange | undefined): [string, string] {
  if (!change || change.previous === null) return ['–', '–'];
  const previous = formatValue({ ...result, value: change.previous });
  if (change.change === null) return [previous, '–'];
  const sign = change.change > 0 ? '+' : change.change < 0 ? '−' : '±';
  if (result.unit === 'percent' && change.test !== undefined) {
    return [previous, `${sign}${Math.abs(change.change).toFixed(1)} pp${change.test?.significant ? '*' : ''}`];
  }
  return [previous, change.changePercent === null ? '–' : `${sign}${Math.abs(change.changePercent).toFixed(1)}%`];
}

/** A short line of what stands behind the headline value. */
function formatDetail(id: string, result: MetricResult): string {
  if (result.n === 0) return 'no data';
  if (typeof result.median === 'number') {
    const f = result.unit === 'seconds' ? formatDuration : formatCount;
    return `median ${f(num(result, 'median'))} · p90 ${f(num(result, 'p90'))}`;
  }
  const ci = result.ci95 as [number, number] | null | undefined;
  if (typeof result.numerator === 'number' && typeof result.denominator === 'number') {
    const ratio = `${formatCount(result.numerator)}/${formatCount(result.denominator)}`;
    return ci ? `${ratio} · 95% CI ${ci[0].toFixed(1)}–${ci[1].toFixed(1)}` : ratio;
  }
  if (id === 'nps') {
    return `promoters ${formatCount(num(result, 'promoters'))} · passives ${formatCount(num(result, 'passives'))} · detractors ${formatCount(num(result, 'detractors'))}`;
  }
  if (id === 'channel_mix' && result.channels && typeof result.channels === 'object') {
    return Object.entries(result.channels as Record<string, { percent: number }>)
      .sort((a, b) => b[1].percent - a[1].percent)
      .map(([channel, share]) => `${channel} ${formatPercent(share.percent)}`)
      .join(' · ');
  }
  if (id === 'retention_rate') {
    return `start ${formatCount(num(result, 'atStart'))} · end ${formatCount(num(result, 'atEnd'))} · new ${formatCount(num(result, 'new'))}`;
  }
  return '';
}

/** The metrics shown as columns of a breakdown: the report's own when few, else the headline ones. */
const BREAKDOWN_COLUMNS = ['volume', 'first_response_time', 'resolution_time', 'sla_compliance', 'fcr_rate', 'csat', 'backlog'];

/** One row per group, one column per headline metric value. */
function breakdownTable(
  groups: NonNullable<Report['breakdowns']>[string],
  metricIds: string[],
  style: object,
  chars: object,
): string {
  const columns = metricIds.length <= BREAKDOWN_COLUMNS.length ? metricIds : BREAKDOWN_COLUMNS.filter((id) => metricIds.includes(id));
  const table = new Table({
    head: ['Group', ...columns.map((id) => TITLES.get(id) ?? id)],
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
    metrics.push([TITLES.get(id) ?? id, value, formatCount(result.n), ...compared, formatDetail(id, result)]);
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
