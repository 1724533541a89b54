import { METRICS } from '../../metrics/registry.js';
import type { MetricResult } from '../../metrics/types.js';
import type { MetricChange } from '../compare.js';

/** Formatting of values for people: durations as `1h 12m`, counts with separators, rates with one decimal. */

const UNITS: ReadonlyArray<readonly [string, number]> = [
  ['d', 86400],
  ['h', 3600],
  ['m', 60],
  ['s', 1],
];

/**
 * A duration in seconds as its two largest units: 4320 → `1h 12m`, 45.2 → `45s`, 0.4 → `0.4s`.
 * Under a second keeps one decimal so that short waits do not all read `0s`.
 */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '–';
  if (seconds < 0) return `-${formatDuration(-seconds)}`;
  if (seconds < 1) return `${Math.round(seconds * 10) / 10}s`;
  let rest = Math.round(seconds);
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    if (rest >= size || (parts.length === 0 && size === 1)) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    } else if (parts.length > 0) {
      break;
    }
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}

export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : `${value.toFixed(1)}%`;
}

/** The headline value of a metric in its unit. */
export function formatValue(result: MetricResult): string {
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
export function formatChange(result: MetricResult, change: MetricChange | undefined): [string, string] {
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
export function formatDetail(id: string, result: MetricResult): string {
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

const TITLES = new Map(METRICS.map((metric) => [metric.id, metric.title]));

/** A metric's title for people ("First response time"). */
export function metricTitle(id: string): string {
  return TITLES.get(id) ?? id;
}

const HEADLINE_METRICS = ['volume', 'first_response_time', 'resolution_time', 'sla_compliance', 'fcr_rate', 'csat', 'backlog'];

/** The metrics shown as columns of a breakdown: the report's own when few, else the headline ones. */
export function breakdownColumns(metricIds: readonly string[]): string[] {
  return metricIds.length <= HEADLINE_METRICS.length ? [...metricIds] : HEADLINE_METRICS.filter((id) => metricIds.includes(id));
}
