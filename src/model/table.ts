import type { FieldsOfType, KindSpec } from './fields.js';
import { CONTACT_FIELDS, CUSTOMER_FIELDS, SURVEY_FIELDS } from './fields.js';

/**
 * Columnar storage for one record kind: one typed array per field, so a million contacts are a
 * few dozen flat arrays rather than a million objects (DESIGN.md, "Performance principles").
 *
 * Missing values: `NaN` in time and number columns, `-1` in flag and text columns.
 * Text columns are dictionary-encoded: `codes[row]` indexes `values`.
 */
export interface TextColumn {
  codes: Int32Array;
  values: string[];
}

export interface Table<S extends KindSpec> {
  readonly spec: S;
  readonly length: number;
  readonly time: Record<FieldsOfType<S, 'time'>, Float64Array>;
  readonly number: Record<FieldsOfType<S, 'number'>, Float64Array>;
  readonly flag: Record<FieldsOfType<S, 'flag'>, Int8Array>;
  readonly text: Record<FieldsOfType<S, 'text'>, TextColumn>;
  /** Index of the input (file) each row came from. */
  readonly input: Uint16Array;
  /** Line number of each row in its input (first line of the record). */
  readonly line: Uint32Array;
}

export type ContactTable = Table<typeof CONTACT_FIELDS>;
export type SurveyTable = Table<typeof SURVEY_FIELDS>;
export type CustomerTable = Table<typeof CUSTOMER_FIELDS>;

/** The value of a text column at a row, or undefined when missing. */
export function textAt(column: TextColumn, row: number): string | undefined {
  const code = column.codes[row];
  return code < 0 ? undefined : column.values[code];
}

/** The row's flag as a boolean, or undefined when missing. */
export function flagAt(column: Int8Array, row: number): boolean | undefined {
  const value = column[row];
  return value < 0 ? undefined : value === 1;
}

/** A growable text column with its dictionary. */
class TextBuilder {
  codes: Int32Array;
  readonly values: string[] = [];
  readonly index = new Map<string, number>();
  constructor(capacity: number) {
    this.codes = new Int32Array(capacity).fill(-1);
  }
  /** The code of a value, adding it to the dictionary when new. */
  code(value: string): number {
    let code = this.index.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.index.set(value, code);
    }
    return code;
  }
}

/**
 * Builds a Table row by row. Values are written at `length` (the row in progress); `commit()`
 * keeps the row, `discard()` clears what was written so the next row starts clean.
 */
export class TableBuilder<S extends KindSpec> {
  readonly spec: S;
  length = 0;
  private capacity: number;
  readonly time = {} as Record<string, Float64Array>;
  readonly number = {} as Record<string, Float64Array>;
  readonly flag = {} as Record<string, Int8Array>;
  readonly text = {} as Record<string, TextBuilder>;
  input: Uint16Array;
  line: Uint32Array;

  constructor(spec: S, capacity = 1024) {
    this.spec = spec;
    this.capacity = capacity;
    for (const [name, field] of Object.entries(spec)) {
      if (field.type === 'time') this.time[name] = new Float64Array(capacity).fill(NaN);
      else if (field.type === 'number') this.number[name] = new Float64Array(capacity).fill(NaN);
      else if (field.type === 'flag') this.flag[name] = new Int8Array(capacity).fill(-1);
      else if (field.type === 'text') this.text[name] = new TextBuilder(capacity);
    }
    this.input = new Uint16Array(capacity);
    this.line = new Uint32Array(capacity);
  }

  /** Makes room for the row at `length`; call before writing it. */
  reserve(): number {
    if (this.length === this.capacity) this.grow();
    return this.length;
  }

  commit(input: number, line: number): number {
    const row = this.length;
    this.input[row] = input;
    this.line[row] = line;
    this.length = row + 1;
    return row;
  }

  /** Clears the row in progress (a rejected row leaves nothing behind). */
  discard(): void {
    const row = this.length;
    for (const name in this.time) this.time[name][row] = NaN;
    for (const name in this.number) this.number[name][row] = NaN;
    for (const name in this.flag) this.flag[name][row] = -1;
    for (const name in this.text) this.text[name].codes[row] = -1;
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    for (const name in this.time) this.time[name] = growFloat(this.time[name], capacity);
    for (const name in this.number) this.number[name] = growFloat(this.number[name], capacity);
    for (const name in this.flag) {
      const next = new Int8Array(capacity).fill(-1);
      next.set(this.flag[name]);
      this.flag[name] = next;
    }
    for (const name in this.text) {
      const next = new Int32Array(capacity).fill(-1);
      next.set(this.text[name].codes);
      this.text[name].codes = next;
    }
    const input = new Uint16Array(capacity);
    input.set(this.input);
    this.input = input;
    const line = new Uint32Array(capacity);
    line.set(this.line);
    this.line = line;
    this.capacity = capacity;
  }

  /** The finished table, trimmed to its length (views, no copies). */
  build(): Table<S> {
    const n = this.length;
    const text: Record<string, TextColumn> = {};
    for (const [name, column] of Object.entries(this.text)) {
      text[name] = { codes: column.codes.subarray(0, n), values: column.values };
    }
    return {
      spec: this.spec,
      length: n,
      time: mapValues(this.time, (a) => a.subarray(0, n)),
      number: mapValues(this.number, (a) => a.subarray(0, n)),
      flag: mapValues(this.flag, (a) => a.subarray(0, n)),
      text,
      input: this.input.subarray(0, n),
      line: this.line.subarray(0, n),
    } as unknown as Table<S>;
  }
}

function growFloat(array: Float64Array, capacity: number): Float64Array {
  const next = new Float64Array(capacity).fill(NaN);
  next.set(array);
  return next;
}

function mapValues<A, B>(record: Record<string, A>, f: (a: A) => B): Record<string, B> {
  const out: Record<string, B> = {};
  for (const [key, value] of Object.entries(record)) out[key] = f(value);
  return out;
}
