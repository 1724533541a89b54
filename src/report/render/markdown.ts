import type { Report } from '../report.js';
import { breakdownColumns, formatChange, formatCount, formatDetail, formatValue, metricTitle } from './format.js';

/** A cell that cannot break the table: pipes escaped, newlines flattened. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(head: string[], rows: string[][], align: ('left' | 'right')[]): string {
  const rule = align.map((a) => (a === 'right' ? '---:' : '---'));
  return [head, rule, ...rows].map((row) => `| ${row.map(cell).join(' | ')} |`).join('\n');
}

/** The report as GitHub-flavoured markdown: tables that paste into a wiki or a pull request. */
export function renderMarkdown(report: Report): string {
  const { period } = report;
  const filters = Object.entries(report.filters).map(([name, values]) => `${name} = ${(values as string[]).join(', ')}`);
  const parts = [
    `# Support report ${period.label}`,
    `${period.start} to ${period.end} (${period.timeZone})${filters.length ? `; filters: ${filters.join('; ')}` : ''}`,
  ];
  const comparison = report.comparison;
  const head = ['Metric', 'Value', 'n', ...(comparison ? [comparison.mode === 'year' ? 'Year ago' : 'Previous', 'Change'] : []), 'Detail'];
  const rows = Object.entries(report.metrics).map(([id, result]) => [
    metricTitle(id),
    result.value === null ? '–' : formatValue(result),
    formatCount(result.n),
    ...(comparison ? formatChange(result, comparison.metrics[id]) : []),
    formatDetail(id, result),
  ]);
  parts.push('## Metrics', table(head, rows, ['left', 'right', 'right', ...(comparison ? ['right', 'right'] as const : []), 'left']));
  if (comparison) parts.push(`Compared with ${comparison.period.label}; * marks a rate change significant at 95%.`);

  for (const [dimension, groups] of Object.entries(report.breakdowns ?? {})) {
    const columns = breakdownColumns(Object.keys(report.metrics));
    const groupRows = Object.entries(groups).map(([label, group]) => [
      label,
      ...columns.map((id) => (group.metrics[id].value === null ? '–' : formatValue(group.metrics[id]))),
    ]);
    parts.push(`## By ${dimension}`, table(['Group', ...columns.map(metricTitle)], groupRows, ['left', ...columns.map(() => 'right' as const)]));
  }

  const inputRows = report.inputs.map((input) => [
    input.path,
    input.kind,
    formatCount(input.rows.read),
    formatCount(input.rows.used),
    formatCount(input.rows.filtered),
    formatCount(input.rows.rejected),
  ]);
  parts.push('## Data quality', table(['Input', 'Kind', 'Read', 'Used', 'Filtered', 'Rejected'], inputRows, ['left', 'left', 'right', 'right', 'right', 'right']));
  const rejects = report.inputs.flatMap((input) => input.rejects.slice(0, 5).map((r) => `- \`${input.path}:${r.line}\`${r.column ? ` (${r.column})` : ''}: ${r.reason}`));
  if (rejects.length) parts.push(rejects.join('\n'));
  if (report.generatedAt) parts.push(`_Generated ${report.generatedAt} by supmetrics._`);
  return `${parts.join('\n\n')}\n`;
}
