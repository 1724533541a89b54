import { DateTime } from 'luxon';
import type { Period } from './period.js';

export const COMPARE_MODES = ['previous', 'year'] as const;
export type CompareMode = (typeof COMPARE_MODES)[number];

/**
 * The period a report is compared with. `previous`: the period of equal length just before
 * (METRICS.md, volume_change), counted in whole local days when the period is whole days, so
 * that March (31 days) compares with the 31 days before it, and a week with the week before.
 * `year`: the same local dates a year earlier.
 */
export function comparisonPeriod(period: Period, mode: CompareMode): Period {
  const zone = period.timeZone;
  const start = DateTime.fromMillis(period.start, { zone });
  const end = DateTime.fromMillis(period.end, { zone });
  const wholeDays = start.equals(start.startOf('day')) && end.equals(end.startOf('day'));
  let from: DateTime;
  let to: DateTime;
  if (mode === 'year') {
    from = start.minus({ years: 1 });
    to = end.minus({ years: 1 });
  } else if (wholeDays) {
    const days = Math.round(end.diff(start, 'days').days);
    from = start.minus({ days });
    to = start;
  } else {
    from = start.minus(end.diff(start));
    to = start;
  }
  const lastDay = to.minus({ milliseconds: 1 });
  return {
    label: `${from.toISODate()}..${lastDay.toISODate()}`,
    start: from.toMillis(),
    end: to.toMillis(),
    timeZone: zone,
  };
}
