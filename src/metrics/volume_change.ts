import { comparisonPeriod } from '../time/compare.js';
import { zoneResolver } from '../time/zone.js';
import type { Interval, MetricInput, OpenTimeCalendar } from './types.js';
import { defineMetric } from './types.js';

export interface VolumeChangeResult {
  unit: 'percent';
  n: number;
  /** Change against the previous period of equal length, percent; null when that had none. */
  value: number | null;
  volume: number;
  previous: number;
  /** The same period a year earlier. */
  yearAgo: number;
  changeYear: number | null;
  /** With a business calendar: the same counts over business days only (weekends and holidays left out). */
  businessDays?: { volume: number; previous: number; yearAgo: number; change: number | null; changeYear: number | null };
}

const DAY = 86400 * 1000;

/**
 * Counts the in-scope contacts created in each interval ([start, end)), all of them and those on
 * business days: one pass for all the intervals.
 */
function countCreated(input: MetricInput, intervals: readonly Interval[], isBusinessDay: ((at: number) => boolean) | undefined) {
  const createdAt = input.data.contacts.time.created_at;
  const rows = input.contactRows;
  const count = rows ? rows.length : input.data.contacts.length;
  const counts = intervals.map(() => ({ all: 0, business: 0 }));
  // Stored values against each interval's bounds (see TimeColumn.stored): no time is made into
  // milliseconds per row, only for the business-day test.
  const bounds = intervals.map((interval) => createdAt.stored(interval.start, interval.end));
  const values = bounds[0].values;
  for (let k = 0; k < count; k++) {
    const i = rows ? rows[k] : k;
    const value = values[i];
    for (let p = 0; p < bounds.length; p++) {
      if (!(value >= bounds[p].lo && value < bounds[p].hi)) continue;
      counts[p].all++;
      if (isBusinessDay?.(createdAt.at(i))) counts[p].business++;
    }
  }
  return counts;
}

/** Whether the local day of an instant has any open time in the calendar; cached per local day. */
function businessDayTest(calendar: OpenTimeCalendar, timeZone: string): (at: number) => boolean {
  const zone = zoneResolver(timeZone);
  const byDay = new Map<number, boolean>();
  return (at) => {
    const day = Math.floor((at + zone.offsetAt(at)) / DAY);
    let open = byDay.get(day);
    if (open === undefined) {
      const start = zone.toInstant(day * DAY);
      open = calendar.openSeconds(start, zone.toInstant((day + 1) * DAY)) > 0;
      byDay.set(day, open);
    }
    return open;
  };
}

const percentChange = (now: number, before: number) => (before === 0 ? null : ((now - before) / before) * 100);

/**
 * Volume change: how demand moved against the previous period of equal length and against the
 * same period a year earlier (seed 003).
 *
 * Formula: (volume - volume_prev) / volume_prev x 100, where volume_prev counts the in-scope
 * contacts created in the previous period of equal length (whole local days: March's 31 days
 * compare with the 31 days before them). The year-ago change uses the same local dates a year
 * earlier. With a business calendar (config businessHours and holidays), the same counts are
 * also given over business days only, so working days compare with working days.
 * Period attribution: by creation, like volume.
 *
 * @example
 * // 120 contacts this week, 100 the week before
 * volumeChange(input).value; // => 20
 */
export function volumeChange(input: MetricInput): VolumeChangeResult {
  const period = { ...input.period, label: '', timeZone: input.timeZone };
  const previous = comparisonPeriod(period, 'previous');
  const yearAgo = comparisonPeriod(period, 'year');
  const isBusinessDay = input.calendar ? businessDayTest(input.calendar, input.timeZone) : undefined;
  const [now, before, lastYear] = countCreated(input, [period, previous, yearAgo], isBusinessDay);
  return {
    unit: 'percent',
    n: now.all,
    value: percentChange(now.all, before.all),
    volume: now.all,
    previous: before.all,
    yearAgo: lastYear.all,
    changeYear: percentChange(now.all, lastYear.all),
    ...(isBusinessDay
      ? {
          businessDays: {
            volume: now.business,
            previous: before.business,
            yearAgo: lastYear.business,
            change: percentChange(now.business, before.business),
            changeYear: percentChange(now.business, lastYear.business),
          },
        }
      : {}),
  };
}

export const volumeChangeMetric = defineMetric({
  id: 'volume_change',
  title: 'Volume change',
  kind: 'rate',
  definition: 'Change of contact volume against the previous period of equal length (and a year earlier), percent',
  compute: volumeChange,
});
