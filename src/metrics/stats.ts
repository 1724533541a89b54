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
 * Costs one copy of the values (the input is not changed) and a selection of the ranks the
 * percentiles need, linear on average where sorting a million durations took a third of a
 * second per metric.
 *
 * @throws when a value is NaN
 * @example
 * summarizeSample([1, 2, 3, 4], 'replies'); // => { unit: 'replies', n: 4, value: 2.5, mean: 2.5, median: 2.5, p90: 3.7, min: 1, max: 4 }
 */
export function summarizeSample<Unit extends string>(
  values: readonly number[] | Float64Array,
  unit: Unit,
): SampleSummary<Unit> {
  return summarizeSampleInPlace(new Float64Array(values), unit);
}

/** Scratch for summarizeSampleInPlace: sum, min, max. */
const TOTALS = new Float64Array(3);

/**
 * The same summary as `summarizeSample`, without the copy: `sample` is reordered. For a sample
 * made for the summary (a metric's durations), where a copy would double the memory it takes.
 * Anything order-free (counts per bucket) may still be read from it afterwards.
 *
 * @throws when a value is NaN
 * @example
 * summarizeSampleInPlace(Float64Array.of(4, 1, 3, 2), 'replies').median; // => 2.5
 */
export function summarizeSampleInPlace<Unit extends string>(sample: Float64Array, unit: Unit): SampleSummary<Unit> {
  const n = sample.length;
  if (n === 0) return { unit, n: 0, value: null, mean: null, median: null, p90: null, min: null, max: null };
  // Sum, min and max are kept in a typed array: the loop usually runs in on-stack-replaced code
  // (a metric calls this a few times, on big samples), where V8 boxed plain `let` doubles into a
  // new heap number per value (~8 MB of garbage in a 1M report, by the sampling heap profiler).
  const totals = TOTALS;
  totals[0] = 0;
  totals[1] = Infinity;
  totals[2] = -Infinity;
  let negativeZero = false;
  for (let i = 0; i < n; i++) {
    const value = sample[i];
    if (value !== value) throw new Error('summarizeSample requires numbers, not NaN');
    totals[0] += value;
    if (value < totals[1]) totals[1] = value;
    if (value > totals[2]) totals[2] = value;
    if (value === 0 && 1 / value < 0) negativeZero = true;
  }
  const sum = totals[0];
  let min = totals[1];
  let max = totals[2];
  let median: number;
  let p90: number;
  if (negativeZero) {
    // Selection compares with <, which cannot tell -0 from 0; a sort orders them (-0 first),
    // and the summary must not depend on where the zeros were in the input.
    sample.sort();
    min = sample[0];
    max = sample[n - 1];
    median = quantile(sample, 0.5);
    p90 = quantile(sample, 0.9);
  } else {
    median = selectQuantile(sample, 0.5, 0);
    // The median's lower rank is in place, and everything from it on is no smaller.
    p90 = selectQuantile(sample, 0.9, Math.floor((n - 1) * 0.5));
  }
  // Rounding in the sum can put the mean of equal values a hair outside them.
  const mean = Math.min(Math.max(sum / n, min), max);
  return { unit, n, value: mean, mean, median, p90, min, max };
}

/** Tallies of byte values for summarizeByteCounts, by value; reused, as a report calls it often. */
const TALLIES = new Float64Array(256);

/**
 * The same summary as `summarizeSample` of the values of a byte count column at `rows` (each a
 * whole number 0-254; 255 is missing and left out), from a tally of each value instead of a
 * sample: one pass over the rows and none over a copy (three count columns over the contacts
 * resolved in a 1M report: ~55 ms -> ~10 ms). The sum of whole numbers is exact in any order,
 * and the percentiles interpolate between the same two ranks by the same formula, so every
 * number is the one `summarizeSample` gives.
 *
 * @example
 * summarizeByteCounts(Uint8Array.of(4, 255, 1, 3, 2), Int32Array.of(0, 1, 2, 3, 4), 'replies').median; // => 2.5
 */
export function summarizeByteCounts<Unit extends string>(bytes: Uint8Array, rows: Int32Array, unit: Unit): SampleSummary<Unit> {
  const tallies = TALLIES;
  tallies.fill(0);
  for (let k = 0; k < rows.length; k++) tallies[bytes[rows[k]]]++;
  let n = 0;
  let sum = 0;
  let min = -1;
  let max = -1;
  for (let value = 0; value < 255; value++) {
    const count = tallies[value];
    if (count === 0) continue;
    if (min < 0) min = value;
    max = value;
    n += count;
    sum += value * count;
  }
  if (n === 0) return { unit, n: 0, value: null, mean: null, median: null, p90: null, min: null, max: null };
  const mean = Math.min(Math.max(sum / n, min), max);
  return { unit, n, value: mean, mean, median: tallyQuantile(tallies, n, 0.5), p90: tallyQuantile(tallies, n, 0.9), min, max };
}

/** `quantile` of the sorted values a tally of byte values stands for (n of them). */
function tallyQuantile(tallies: Float64Array, n: number, q: number): number {
  const position = (n - 1) * q;
  const below = Math.floor(position);
  const fraction = position - below;
  // the values at ranks below and below + 1
  let lower = -1;
  let upper = -1;
  let seen = 0;
  for (let value = 0; value < 255 && upper < 0; value++) {
    seen += tallies[value];
    if (lower < 0 && seen > below) lower = value;
    if (seen > below + 1) upper = value;
  }
  if (fraction === 0) return lower;
  const interpolated = lower + (upper - lower) * fraction;
  return Math.min(Math.max(interpolated, lower), upper);
}

/**
 * The same value as `quantile` on the sorted values, found by selection: `values` is reordered.
 * Ranks below `from` must already be in place (each no greater than anything after it).
 */
function selectQuantile(values: Float64Array, q: number, from: number): number {
  const n = values.length;
  const position = (n - 1) * q;
  const below = Math.floor(position);
  const fraction = position - below;
  select(values, below, from, n - 1);
  const lower = values[below];
  if (fraction === 0) return lower;
  // The next rank is the smallest value after `below`.
  let upper = values[below + 1];
  for (let i = below + 2; i < n; i++) if (values[i] < upper) upper = values[i];
  const interpolated = lower + (upper - lower) * fraction;
  return Math.min(Math.max(interpolated, lower), upper);
}

/**
 * Moves the k-th smallest of values[left..right] to index k, with no greater value before it and
 * no smaller one after it (Floyd and Rivest's SELECT: partition around the k-th value, first
 * narrowing a large range to a sample around where that value must lie).
 */
function select(values: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const i = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (i - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (i * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - i) * s) / n + sd));
      select(values, k, newLeft, newRight);
    }
    const pivot = values[k];
    let i = left;
    let j = right;
    swap(values, left, k);
    if (values[right] > pivot) swap(values, left, right);
    while (i < j) {
      swap(values, i, j);
      i++;
      j--;
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
    }
    if (values[left] === pivot) swap(values, left, j);
    else {
      j++;
      swap(values, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(values: Float64Array, a: number, b: number): void {
  const t = values[a];
  values[a] = values[b];
  values[b] = t;
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
