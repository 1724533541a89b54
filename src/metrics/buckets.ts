/** Distribution of durations over bucket bounds (seed 002: within 1 h, 1-6 h, 6-12 h, 12-24 h, over 24 h). */

/** Default bounds in seconds: 1 h, 6 h, 12 h, 24 h. */
export const DEFAULT_BUCKET_BOUNDS: readonly number[] = [3600, 6 * 3600, 12 * 3600, 24 * 3600];

/** A bound as short text: 3600 → `1h`, 90 → `90s`, 5400 → `90m`, 86400 → `24h`, 172800 → `2d`. */
function boundLabel(seconds: number): string {
  // days from two on: "24h" is how support teams say one day
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60]] as const) {
    if (seconds >= size * (unit === 'd' ? 2 : 1) && seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

/**
 * Counts of durations per bucket, each bucket including its upper bound:
 * `<=1h`, `1h-6h`, `6h-12h`, `12h-24h`, `>24h` for the default bounds (ascending seconds).
 *
 * @example
 * durationBuckets([60, 3600, 3601, 90000], [3600, 86400]); // => { '<=1h': 2, '1h-24h': 1, '>24h': 1 }
 */
export function durationBuckets(seconds: ArrayLike<number>, bounds: readonly number[] = DEFAULT_BUCKET_BOUNDS): Record<string, number> {
  const counts = new Array<number>(bounds.length + 1).fill(0);
  for (let i = 0; i < seconds.length; i++) {
    let b = 0;
    while (b < bounds.length && seconds[i] > bounds[b]) b++;
    counts[b]++;
  }
  const labels = bounds.map((bound, b) => (b === 0 ? `<=${boundLabel(bound)}` : `${boundLabel(bounds[b - 1])}-${boundLabel(bound)}`));
  labels.push(`>${boundLabel(bounds[bounds.length - 1])}`);
  return Object.fromEntries(labels.map((label, b) => [label, counts[b]]));
}
