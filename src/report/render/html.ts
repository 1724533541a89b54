import type { Report } from '../report.js';
import { breakdownColumns, formatChange, formatCount, formatDetail, formatDuration, formatValue, metricTitle } from './format.js';
import { barChart, escapeHtml, heatmap, lineChart, percentBars } from './svg.js';

/** The KPIs shown as cards at the top, when the report has them. */
const HEADLINES = ['volume', 'first_response_time', 'resolution_time', 'sla_compliance', 'fcr_rate', 'csat', 'nps', 'backlog'];

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2933;margin:0;background:#f5f7fa}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 10px}
.sub{color:#52606d;margin:0 0 20px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:12px}
.card{background:#fff;border-radius:8px;padding:12px 14px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.card .label{color:#52606d;font-size:12px}.card .value{font-size:22px;font-weight:600}.card .detail{color:#7b8794;font-size:12px}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(480px,1fr));gap:12px}
figure{background:#fff;border-radius:8px;padding:12px;margin:0;box-shadow:0 1px 2px rgba(0,0,0,.08)}
figcaption{font-weight:600;margin-bottom:6px}
.chart{width:100%;height:auto;font-size:11px;fill:#52606d}
.chart .line{fill:none;stroke:#2f6fde;stroke-width:2}.chart .dot{fill:#2f6fde}
.chart .bar{fill:#2f6fde}.chart .cell{fill:#2f6fde}.chart .axis{stroke:#cbd2d9}
table{border-collapse:collapse;background:#fff;border-radius:8px;overflow:hidden;box-shadow:0 1px 2px rgba(0,0,0,.08);width:100%}
th,td{padding:6px 10px;border-bottom:1px solid #e4e7eb;text-align:right}th{background:#f0f4f8;font-weight:600}
td:first-child,th:first-child{text-align:left}table.metrics td:last-child,table.metrics th:last-child{text-align:left}.warn{color:#b44d12}.muted{color:#7b8794}
`;

function htmlTable(head: string[], rows: string[][], className = ''): string {
  const th = head.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('');
  return `<table${className ? ` class="${className}"` : ''}><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

function figure(caption: string, svg: string): string {
  return `<figure><figcaption>${escapeHtml(caption)}</figcaption>${svg}</figure>`;
}

/** The charts the report's data allows: trends, distribution, peak times, SLA by channel. */
function charts(report: Report): string[] {
  const out: string[] = [];
  const points = report.series?.points ?? [];
  if (points.length) {
    out.push(figure(`Volume by ${report.series!.interval}`, lineChart('Volume trend', points.map((p) => ({ label: p.label, value: p.volume })), (v) => formatCount(Math.round(v)))));
    out.push(figure(`Backlog at the end of each ${report.series!.interval}`, lineChart('Backlog trend', points.map((p) => ({ label: p.label, value: p.backlog })), (v) => formatCount(Math.round(v)))));
  }
  const buckets = report.metrics.first_response_time?.buckets as Record<string, number> | undefined;
  if (buckets) out.push(figure('First response time distribution', barChart('First response time distribution', Object.entries(buckets))));
  const volume = report.metrics.volume?.heatmap as number[][] | undefined;
  if (volume) out.push(figure(`Peak times: contacts by weekday and hour (${report.period.timeZone})`, heatmap('Volume heatmap', volume)));
  const byChannel = report.breakdowns?.channel;
  if (byChannel && Object.values(byChannel).some((g) => g.metrics.sla_compliance)) {
    const bars = Object.entries(byChannel)
      .filter(([, g]) => g.metrics.sla_compliance && g.metrics.sla_compliance.n > 0)
      .map(([label, g]): [string, number | null] => [label, g.metrics.sla_compliance.value]);
    out.push(figure('SLA compliance by channel', percentBars('SLA compliance by channel', bars)));
  }
  return out;
}

/**
 * The report as one self-contained HTML page: headline KPIs, inline SVG charts, breakdown tables
 * and the data-quality summary. No scripts, no external styles, fonts or images, so it opens
 * offline from an e-mail attachment.
 */
export function renderHtml(report: Report): string {
  const { period } = report;
  const title = `Support report ${period.label}`;
  const filters = Object.entries(report.filters).map(([name, values]) => `${name} = ${(values as string[]).join(', ')}`);
  const cards = HEADLINES.filter((id) => report.metrics[id])
    .map((id) => {
      const result = report.metrics[id];
      const change = report.comparison ? formatChange(result, report.comparison.metrics[id])[1] : '';
      const detail = [formatDetail(id, result), change && change !== '–' ? `${change} vs ${report.comparison!.period.label}` : ''].filter(Boolean).join(' · ');
      return `<div class="card"><div class="label">${escapeHtml(metricTitle(id))}</div><div class="value">${escapeHtml(result.value === null ? '–' : formatValue(result))}</div><div class="detail">${escapeHtml(detail)}</div></div>`;
    })
    .join('');
  const metricRows = Object.entries(report.metrics).map(([id, result]) => [metricTitle(id), result.value === null ? '–' : formatValue(result), formatCount(result.n), formatDetail(id, result)]);
  const breakdowns = Object.entries(report.breakdowns ?? {}).map(([dimension, groups]) => {
    const columns = breakdownColumns(Object.keys(report.metrics));
    const rows = Object.entries(groups).map(([label, g]) => [label, ...columns.map((id) => (g.metrics[id].value === null ? '–' : formatValue(g.metrics[id])))]);
    return `<h2>By ${escapeHtml(dimension)}</h2>${htmlTable(['Group', ...columns.map(metricTitle)], rows)}`;
  });
  const inputs = report.inputs.map((i) => [i.path, i.kind, formatCount(i.rows.read), formatCount(i.rows.used), formatCount(i.rows.filtered), formatCount(i.rows.rejected)]);
  const rejects = report.inputs
    .flatMap((i) => i.rejects.slice(0, 5).map((r) => `<li><code>${escapeHtml(`${i.path}:${r.line}`)}</code>${r.column ? ` (${escapeHtml(r.column)})` : ''}: ${escapeHtml(r.reason)}</li>`))
    .join('');
  const chartFigures = charts(report);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p class="sub">${escapeHtml(`${period.start} to ${period.end} (${period.timeZone})`)}${filters.length ? ` · ${escapeHtml(filters.join('; '))}` : ''}</p>
<section class="cards">${cards}</section>
${chartFigures.length ? `<h2>Charts</h2><section class="charts">${chartFigures.join('')}</section>` : ''}
<h2>All metrics</h2>
${htmlTable(['Metric', 'Value', 'n', 'Detail'], metricRows, 'metrics')}
${breakdowns.join('\n')}
<h2>Data quality</h2>
${htmlTable(['Input', 'Kind', 'Read', 'Used', 'Filtered', 'Rejected'], inputs)}
${rejects ? `<ul class="warn">${rejects}</ul>` : '<p class="muted">No rows rejected.</p>'}
<p class="muted">${report.generatedAt ? `Generated ${escapeHtml(report.generatedAt)} by supmetrics.` : 'Generated by supmetrics.'} Durations: ${escapeHtml(formatDuration(3600 + 12 * 60))} means 1 hour 12 minutes; rates carry 95% Wilson intervals.</p>
</main>
</body>
</html>
`;
}
