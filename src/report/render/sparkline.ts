const BARS = '▁▂▃▄▅▆▇█';

/**
 * A series as a one-line bar chart, scaled from its minimum to its maximum; a missing point is
 * a space. `[1, 5, 3, null, 8]` → `▁▅▃ █`.
 */
export function sparkline(values: readonly (number | null)[]): string {
  const present = values.filter((value): value is number => value !== null);
  if (present.length === 0) return '';
  const min = Math.min(...present);
  const span = Math.max(...present) - min;
  return values
    .map((value) => (value === null ? ' ' : BARS[span === 0 ? 3 : Math.round(((value - min) / span) * (BARS.length - 1))]))
    .join('');
}
