import type { DurationSummary, RateSummary, SampleSummary } from './types.js';

/** The normal quantile for a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

/**
 * Quantile of sorted values, by linear interpolation between the closest ranks: the value at
 * position (count - 1) x q, interpolated between the values at the ranks below and above it.
 * This is numpy's default, DuckDB's `quantile_cont` and Excel's `PERCENTILE.INC`.
 *
 * Runs in constant time; the caller sorts (ascending) once and asks for several quantiles.
 *
 * @throws when there are no values or q is outside [0, 1]
 * @example
 * quantile([1, 2, 3, 4], 0.5); // => 2.5
 * quantile([1, 2, 3, 4], 0.9); // => 3.7
 */
export function quantile(sortedValues: ArrayLike<number>, q: number): number {
  if (sortedValues.length === 0) throw new Error('quantile requires at least one value');
  if (!(q >= 0 && q <= 1)) throw new Error('quantile requires q between 0 and 1');
  const position = (sortedValues.length - 1) * q;
  const below = Math.floor(position);
  const fraction = position - below;
  const lower = sortedValues[below];
  if (fraction === 0) return lower;
  const upper = sortedValues[below + 1];
  const interpolated = lower + (upper - lower) * fraction;
  // Rounding could step a hair outside the two ranks; keep the result between them so the
  // quantile stays monotone in q.
  return Math.min(Math.max(interpolated, lower), upper);
}

/**
 * Summary of a sample: count, mean, median, 90th percentile, minimum and maximum, in the given
 * unit. The headline value is the mean. Percentiles interpolate linearly (see `quantile`).
 * An empty sample gives n 0 and nulls, never NaN.
 *
 * Costs one copy and one sort of the values (the input is not changed).
 *
 * @throws when a value is NaN
 * @example
 * summarizeSample([1, 2, 3, 4], 'replies'); // => { unit: 'replies', n: 4, value: 2.5, mean: 2.5, median: 2.5, p90: 3.7, min: 1, max: 4 }
 */
export function summarizeSample<Unit extends string>(
  values: readonly number[] | Float64Array,
  unit: Unit,
): SampleSummary<Unit> {
  const n = values.length;
  if (n === 0) return { unit, n: 0, value: null, mean: null, median: null, p90: null, min: null, max: null };
  // A typed array sorts numerically and far faster than Array.prototype.sort with a comparator.
  const sorted = new Float64Array(values);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const value = sorted[i];
    if (value !== value) throw new Error('summarizeSample requires numbers, not NaN');
    sum += value;
  }
  sorted.sort();
  const min = sorted[0];
  const max = sorted[n - 1];
  // Rounding in the sum can put the mean of equal values a hair outside them.
  const mean = Math.min(Math.max(sum / n, min), max);
  return { unit, n, value: mean, mean, median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), min, max };
}

/**
 * Summary of durations in seconds: count, mean (the headline value), median, 90th percentile,
 * minimum and maximum. Empty: n 0 and nulls.
 *
 * @example
 * summarizeDurations([30, 105]); // => { unit: 'seconds', n: 2, value: 67.5, mean: 67.5, median: 67.5, p90: 97.5, min: 30, max: 105 }
 */
export function summarizeDurations(valuesInSeconds: readonly number[] | Float64Array): DurationSummary {
  return summarizeSample(valuesInSeconds, 'seconds');
}

/**
 * Wilson score interval for a proportion: the proportions whose normal test at `z` does not
 * reject the observed successes out of trials. Unlike the plain normal interval it stays inside
 * [0, 1] and behaves with small samples and proportions near 0 or 1.
 * Centre = (p + z²/2n) / (1 + z²/n); half width = z / (1 + z²/n) x √(p(1 - p)/n + z²/4n²),
 * where p is successes / trials and n is trials. Returned as proportions, not percent.
 *
 * @throws when trials is not positive or successes is outside [0, trials]
 * @example
 * wilsonInterval(8, 10); // => [0.49016, 0.94332] (rounded)
 */
export function wilsonInterval(successes: number, trials: number, z: number = Z_95): [number, number] {
  if (!(trials > 0)) throw new Error('wilsonInterval requires trials > 0');
  if (!(successes >= 0 && successes <= trials)) throw new Error('wilsonInterval requires successes between 0 and trials');
  const p = successes / trials;
  const zSquared = z * z;
  const shrink = 1 + zSquared / trials;
  const centre = (p + zSquared / (2 * trials)) / shrink;
  const halfWidth = (z / shrink) * Math.sqrt((p * (1 - p)) / trials + zSquared / (4 * trials * trials));
  // At 0 and at 1 the bound is exactly the observed proportion; say so rather than trust rounding.
  const lower = successes === 0 ? 0 : Math.max(0, centre - halfWidth);
  const upper = successes === trials ? 1 : Math.min(1, centre + halfWidth);
  return [lower, upper];
}

/**
 * A proportion in percent with its counts and its 95% Wilson score interval (in percent):
 * value = numerator / denominator x 100; n is the denominator. A zero denominator gives value
 * null and no interval.
 *
 * @throws when numerator is outside [0, denominator]
 * @example
 * rate(8, 10); // => { unit: 'percent', n: 10, value: 80, numerator: 8, denominator: 10, ci95: [49.016, 94.332] (rounded) }
 */
export function rate(numerator: number, denominator: number): RateSummary {
  if (!(numerator >= 0 && numerator <= denominator)) throw new Error('rate requires numerator between 0 and denominator');
  if (denominator === 0) {
    return { unit: 'percent', n: 0, value: null, numerator: 0, denominator: 0, ci95: null };
  }
  const [lower, upper] = wilsonInterval(numerator, denominator);
  return {
    unit: 'percent',
    n: denominator,
    value: 100 * (numerator / denominator),
    numerator,
    denominator,
    ci95: [100 * lower, 100 * upper],
  };
}
