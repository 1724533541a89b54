import type { FieldsOfType, KindSpec } from './fields.js';
import { CONTACT_FIELDS, CUSTOMER_FIELDS, SURVEY_FIELDS } from './fields.js';
import { TextDictionary } from './dictionary.js';

/**
 * Columnar storage for one record kind: one typed array per field, so a million contacts are a
 * few dozen flat arrays rather than a million objects (DESIGN.md, "Performance principles").
 *
 * Missing values: `NaN` in time and number columns, `-1` in flag and text columns.
 * Text columns are dictionary-encoded: `codes[row]` indexes `values`.
 */
export interface TextColumn {
  codes: CodeArray;
  values: string[];
}

export interface Table<S extends KindSpec> {
  readonly spec: S;
  readonly length: number;
  readonly time: Record<FieldsOfType<S, 'time'>, Float64Array>;
  readonly number: Record<FieldsOfType<S, 'number'>, NumberArray>;
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

/**
 * Text codes take the narrowest signed type that holds every code of the column's dictionary
 * (-1 stays the missing value); numbers are Float32 while every value is exactly a Float32 (counts,
 * whole seconds), Float64 otherwise. Readers index them alike.
 */
export type CodeArray = Int8Array | Int16Array | Int32Array;
export type NumberArray = Float32Array | Float64Array;

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
export class TextBuilder extends TextDictionary {
  codes: Int32Array;
  constructor(codes: Int32Array) {
    super();
    this.codes = codes;
  }
}

/** Any column array of a table. */
export type ColumnArray = Float64Array | Int8Array | Int32Array | Uint16Array | Uint32Array;

type ColumnType = 'time' | 'number' | 'flag' | 'text' | 'input' | 'line';
interface ColumnConstructor {
  new (length: number): ColumnArray;
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): ColumnArray;
  readonly BYTES_PER_ELEMENT: number;
}
const ARRAY_TYPES: Record<ColumnType, ColumnConstructor> = {
  time: Float64Array,
  number: Float64Array,
  flag: Int8Array,
  text: Int32Array,
  input: Uint16Array,
  line: Uint32Array,
};
/** The value of a row nobody wrote: NaN for times and numbers, -1 for flags and text codes. */
const MISSING: Record<ColumnType, number> = { time: NaN, number: NaN, flag: -1, text: -1, input: 0, line: 0 };

/** One column of a builder: its type and name ('created_at'; the type again for input and line). */
interface ColumnRef {
  key: string;
  type: ColumnType;
  name: string;
}

/** Rows initialised to missing values at a time, ahead of the row being written. */
const FILL_BLOCK = 8192;

/**
 * Builds a Table row by row. Values are written at `length` (the row in progress); `commit()`
 * keeps the row, `discard()` clears what was written so the next row starts clean.
 *
 * Capacity is cheap: arrays are allocated zeroed (the OS maps their pages lazily) and rows are
 * set to missing values a block at a time just ahead of use, so an over-estimated capacity costs
 * address space, not memory. Pre-size with `ensureCapacity` when the row count can be guessed:
 * each doubling copies every column and keeps the old arrays until the next GC.
 */
export class TableBuilder<S extends KindSpec> {
  readonly spec: S;
  length = 0;
  /** Rows [0, capacity) may be written; the arrays may be longer (see `share`). */
  private capacity: number;
  /** Rows [length, filled) already hold missing values. */
  private filled = 0;
  /** Bumped whenever column arrays are replaced, so code that caches them knows to look again. */
  generation = 0;
  readonly time = {} as Record<string, Float64Array>;
  readonly number = {} as Record<string, Float64Array>;
  readonly flag = {} as Record<string, Int8Array>;
  readonly text = {} as Record<string, TextBuilder>;
  input: Uint16Array;
  line: Uint32Array;
  private readonly refs: ColumnRef[] = [];

  /**
   * `buffers` (with `offset`) places the columns on given buffers, from row `offset`: a parse
   * worker writes its rows straight into the window of shared memory the reading thread set
   * aside for them (see parallel.ts). Otherwise the builder allocates its own arrays.
   */
  constructor(spec: S, capacity = 1024, buffers?: Record<string, ArrayBufferLike>, offset = 0) {
    this.spec = spec;
    this.capacity = capacity;
    for (const [name, field] of Object.entries(spec)) {
      if (field.type !== 'ignored') this.refs.push({ key: `${field.type}.${name}`, type: field.type, name });
    }
    this.refs.push({ key: 'input', type: 'input', name: 'input' }, { key: 'line', type: 'line', name: 'line' });
    this.input = undefined as unknown as Uint16Array;
    this.line = undefined as unknown as Uint32Array;
    for (const ref of this.refs) {
      const Type = ARRAY_TYPES[ref.type];
      const array = buffers ? new Type(buffers[ref.key], offset * Type.BYTES_PER_ELEMENT, capacity) : new Type(capacity);
      if (ref.type === 'text') this.text[ref.name] = new TextBuilder(array as Int32Array);
      else this.setColumn(ref, array);
    }
  }

  private column(ref: ColumnRef): ColumnArray {
    switch (ref.type) {
      case 'time':
        return this.time[ref.name];
      case 'number':
        return this.number[ref.name];
      case 'flag':
        return this.flag[ref.name];
      case 'text':
        return this.text[ref.name].codes;
      case 'input':
        return this.input;
      case 'line':
        return this.line;
    }
  }

  private setColumn(ref: ColumnRef, array: ColumnArray): void {
    switch (ref.type) {
      case 'time':
        this.time[ref.name] = array as Float64Array;
        break;
      case 'number':
        this.number[ref.name] = array as Float64Array;
        break;
      case 'flag':
        this.flag[ref.name] = array as Int8Array;
        break;
      case 'text':
        this.text[ref.name].codes = array as Int32Array;
        break;
      case 'input':
        this.input = array as Uint16Array;
        break;
      case 'line':
        this.line = array as Uint32Array;
        break;
    }
  }

  /** Every column array under a stable key ('time.created_at', 'text.agent', 'input', 'line'). */
  columns(): Record<string, ColumnArray> {
    const columns: Record<string, ColumnArray> = {};
    for (const ref of this.refs) columns[ref.key] = this.column(ref);
    return columns;
  }

  /** Makes room for the row at `length`; call before writing it. */
  reserve(): number {
    const row = this.length;
    if (row === this.capacity) this.grow(this.capacity * 2);
    if (row === this.filled) this.fillAhead();
    return row;
  }

  /** Sets the rows from `filled` on to missing values, a block at a time. */
  private fillAhead(): void {
    const from = this.filled;
    const to = Math.min(from + FILL_BLOCK, this.capacity);
    for (const ref of this.refs) {
      const missing = MISSING[ref.type];
      if (missing !== 0) this.column(ref).fill(missing, from, to);
    }
    // input and line are always written by commit(); zero is their fresh state.
    this.filled = to;
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

  /** Grows, if needed, so that `rows` rows fit without another copy. */
  ensureCapacity(rows: number): void {
    if (rows > this.capacity) this.grow(rows);
  }

  /** Moves the columns to new arrays of `capacity` rows (shared memory if asked), keeping the rows written. */
  private grow(capacity: number, shared = false): void {
    const n = this.length;
    for (const ref of this.refs) {
      const Type = ARRAY_TYPES[ref.type];
      const next = shared
        ? new Type(new SharedArrayBuffer(capacity * Type.BYTES_PER_ELEMENT), 0, capacity)
        : new Type(capacity);
      next.set(this.column(ref).subarray(0, n));
      this.setColumn(ref, next);
    }
    this.capacity = capacity;
    this.filled = n;
    this.generation++;
  }

  /**
   * Moves the columns into shared memory of `capacity` rows and returns the buffers, so that
   * workers can write rows beyond `limit`; this builder itself writes only below `limit` until
   * `setLimit` raises it (past it, it grows into arrays of its own).
   */
  share(capacity: number, limit: number): Record<string, SharedArrayBuffer> {
    this.grow(capacity, true);
    this.capacity = limit;
    const buffers: Record<string, SharedArrayBuffer> = {};
    for (const ref of this.refs) buffers[ref.key] = this.column(ref).buffer as SharedArrayBuffer;
    return buffers;
  }

  /** Lets the builder write up to row `limit` of its current arrays (never past their end). */
  setLimit(limit: number): void {
    const arrayRows = this.line.length;
    this.capacity = Math.max(this.length, Math.min(limit, arrayRows));
    this.filled = Math.min(this.filled, this.capacity);
  }

  /**
   * Appends `count` rows taken from `source` columns (same keys as `columns()`): rows
   * `pick[i]` when `pick` is given, else rows first..first + count - 1. Source rows may lie in
   * the same buffer further on (a worker's window): they are then moved down without a
   * temporary copy. Text codes are copied as they are: the caller translates them to this
   * builder's dictionaries.
   */
  appendRows(source: Record<string, ColumnArray>, first: number, count: number, pick?: Int32Array): void {
    const start = this.length;
    this.ensureCapacity(start + count);
    for (const ref of this.refs) {
      const to = this.column(ref);
      const src = source[ref.key];
      if (pick) {
        for (let i = 0; i < count; i++) to[start + i] = src[pick[i]];
      } else if (src.buffer === to.buffer) {
        const srcRow = (src.byteOffset - to.byteOffset) / to.BYTES_PER_ELEMENT + first;
        to.copyWithin(start, srcRow, srcRow + count);
      } else {
        to.set(src.subarray(first, first + count), start);
      }
    }
    this.length = start + count;
    // The rows after the new end may hold moved-from data: fill them again before use.
    this.filled = this.length;
  }

  /** The finished table, trimmed to its length (views, no copies). */
  build(): Table<S> {
    const n = this.length;
    const text: Record<string, TextColumn> = {};
    for (const [name, column] of Object.entries(this.text)) {
      const codes = column.codes.subarray(0, n);
      // The strings are made when first asked for (see TextDictionary).
      text[name] = {
        codes,
        get values() {
          return column.values;
        },
      };
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

function mapValues<A, B>(record: Record<string, A>, f: (a: A) => B): Record<string, B> {
  const out: Record<string, B> = {};
  for (const [key, value] of Object.entries(record)) out[key] = f(value);
  return out;
}
