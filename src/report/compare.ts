import type { MetricResult } from '../metrics/types.js';

/** Standard normal cumulative distribution (Abramowitz-Stegun 7.1.26 erf, error < 1.5e-7). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/**
 * Two-proportion z-test: is the change from x2/n2 to x1/n1 larger than chance would give?
 * z = (p1 - p2) / sqrt(p (1 - p) (1/n1 + 1/n2)) with the pooled p = (x1 + x2) / (n1 + n2);
 * significant at 95% when |z| > 1.96 (two-sided p < 0.05). Null when a sample is empty or
 * both proportions are 0 or 1 (no variance to test against).
 *
 * @example
 * twoProportionTest(90, 100, 75, 100).significant; // => true
 */
export function twoProportionTest(x1: number, n1: number, x2: number, n2: number): { z: number; pValue: number; significant: boolean } | null {
  if (n1 === 0 || n2 === 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  if (variance === 0) return null;
  const z = (x1 / n1 - x2 / n2) / Math.sqrt(variance);
  const pValue = 2 * (1 - normalCdf(Math.abs(z)));
  return { z, pValue, significant: pValue < 0.05 };
}

export interface MetricChange {
  value: number | null;
  previous: number | null;
  /** value - previous, in the metric's unit (percentage points for rates). */
  change: number | null;
  /** (value - previous) / previous x 100, for counts, durations and scores; null from 0. */
  changePercent: number | null;
  /** For rates: the two-proportion z-test of the change. */
  test?: { z: number; pValue: number; significant: boolean } | null;
}

/** Every metric's value beside its value in the comparison period. */
export function compareMetrics(current: Record<string, MetricResult>, previous: Record<string, MetricResult>): Record<string, MetricChange> {
  const changes: Record<string, MetricChange> = {};
  for (const [id, now] of Object.entries(current)) {
    const before = previous[id];
    const value = now.value;
    const old = before?.value ?? null;
    const change: MetricChange = {
      value,
      previous: old,
      change: value !== null && old !== null ? value - old : null,
      changePercent: value !== null && old !== null && old !== 0 ? ((value - old) / Math.abs(old)) * 100 : null,
    };
    if (typeof now.numerator === 'number' && typeof now.denominator === 'number' && before && typeof before.numerator === 'number') {
      change.test = twoProportionTest(now.numerator, now.denominator, before.numerator as number, before.denominator as number);
    }
    changes[id] = change;
  }
  return changes;
}
