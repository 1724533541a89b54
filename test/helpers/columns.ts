import { expect } from 'vitest';
import type { Dataset } from '../../src/model/dataset.js';
import type { RowOrigins } from '../../src/model/origins.js';
import { NumberColumn, TimeColumn } from '../../src/model/table.js';

/** A time, number or flag column's values as plain numbers (times as epoch milliseconds, NaN when missing). */
export function columnValues(column: ArrayLike<number> | TimeColumn | NumberColumn): number[] {
  if (column instanceof TimeColumn) return Array.from(column.toMillis());
  if (column instanceof NumberColumn) return Array.from({ length: column.length }, (_, row) => column.at(row));
  return Array.from(column);
}

/** Every column of every table, element by element (NaN equal to NaN), and the dictionaries. */
export function expectSameData(actual: Dataset, expected: Dataset): void {
  for (const kind of ['contacts', 'surveys', 'customers', 'replies'] as const) {
    const a = actual[kind] as unknown as Record<string, unknown>;
    const e = expected[kind] as unknown as Record<string, unknown>;
    if (kind === 'replies' && (a === undefined || e === undefined)) {
      expect(a, kind).toBe(e);
      continue;
    }
    expect(a.length, kind).toBe(e.length);
    for (const group of ['time', 'number', 'flag'] as const) {
      for (const [name, column] of Object.entries(e[group] as Record<string, ArrayLike<number> | TimeColumn>)) {
        expect(columnValues((a[group] as Record<string, ArrayLike<number> | TimeColumn>)[name]), `${kind}.${name}`).toEqual(columnValues(column));
      }
    }
    for (const [name, column] of Object.entries(e.text as Record<string, { codes: Int32Array; values: string[] }>)) {
      const other = (a.text as Record<string, { codes: Int32Array; values: string[] }>)[name];
      expect(other.values, `${kind}.${name} values`).toEqual(column.values);
      expect(Array.from(other.codes), `${kind}.${name} codes`).toEqual(Array.from(column.codes));
    }
    const rows = Array.from({ length: e.length as number }, (_, row) => row);
    const [ao, eo] = [a.origins as RowOrigins, e.origins as RowOrigins];
    expect(rows.map((row) => ao.lineAt(row)), `${kind} lines`).toEqual(rows.map((row) => eo.lineAt(row)));
    expect(rows.map((row) => ao.inputAt(row)), `${kind} inputs`).toEqual(rows.map((row) => eo.inputAt(row)));
  }
}
