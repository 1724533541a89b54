import type { TimeColumn } from '../model/table.js';
import { DateTime } from 'luxon';
import type { Dataset } from '../model/dataset.js';
import type { Period } from '../time/period.js';

/**
 * The default period when none is given: the whole days, in `zone`, from the first contact or
 * survey answer to the last instant they carry, labelled as a day range. Customers are left out:
 * their start dates reach years back and would stretch a month of tickets over those years.
 * Returns undefined when there is nothing to span.
 */
export function dataSpan(data: Dataset, zone: string): Period | undefined {
  let first = Infinity;
  let last = -Infinity;
  const see = (column: TimeColumn) => {
    for (let i = 0; i < column.length; i++) {
      const t = column.at(i);
      if (t < first) first = t;
      if (t > last) last = t;
    }
  };
  see(data.contacts.time.created_at);
  for (const column of Object.values(data.contacts.time)) {
    for (let i = 0; i < column.length; i++) {
      const t = column.at(i);
      if (t > last) last = t;
    }
  }
  see(data.surveys.time.responded_at);
  if (!Number.isFinite(first)) return undefined;
  const startDay = DateTime.fromMillis(first, { zone }).startOf('day');
  const lastDay = DateTime.fromMillis(last, { zone }).startOf('day');
  return {
    label: `${startDay.toISODate()}..${lastDay.toISODate()}`,
    start: startDay.toMillis(),
    end: lastDay.plus({ days: 1 }).toMillis(),
    timeZone: zone,
  };
}
