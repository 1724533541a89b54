import { NumberColumn, TimeColumn } from '../../src/model/table.js';

/** A time, number or flag column's values as plain numbers (times as epoch milliseconds, NaN when missing). */
export function columnValues(column: ArrayLike<number> | TimeColumn | NumberColumn): number[] {
  if (column instanceof TimeColumn) return Array.from(column.toMillis());
  if (column instanceof NumberColumn) return Array.from({ length: column.length }, (_, row) => column.at(row));
  return Array.from(column);
}
