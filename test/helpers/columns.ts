import { TimeColumn } from '../../src/model/table.js';

/** A time, number or flag column's values as plain numbers (times as epoch milliseconds, NaN when missing). */
export function columnValues(column: ArrayLike<number> | TimeColumn): number[] {
  return column instanceof TimeColumn ? Array.from(column.toMillis()) : Array.from(column);
}
