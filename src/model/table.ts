import type { FieldsOfType, Kind, KindSpec } from './fields.js';
import { CONTACT_FIELDS, CUSTOMER_FIELDS, KEY_FIELD, KINDS, SURVEY_FIELDS } from './fields.js';
import { TextDictionary } from './dictionary.js';
import type { DictionaryState } from './dictionary.js';
import { RowOrigins } from './origins.js';
import type { OriginsState } from './origins.js';

/**
 * Columnar storage for one record kind: one typed array per field, so a million contacts are a
 * few dozen flat arrays rather than a million objects (DESIGN.md, "Performance principles").
 *
 * Missing values: `NaN` in time and number columns (`at`), `-1` in flag and text columns.
 * Text columns are dictionary-encoded: `codes[row]` indexes `values`.
 */
export interface TextColumn {
  codes: CodeArray;
  /** Every value by code, as strings: made on first use, so leave it to small dictionaries. */
  values: string[];
  /** The number of values. */
  readonly size: number;
  /**
   * Whether each row's code is the row itself: a key read by ingest, where every row kept adds
   * one new value (see `TableBuilder.keyByRow`). Its `codes` are then made only when asked for.
   */
  readonly byRow?: boolean;
  /** One value, without making strings of the others (ids: a million strings are ~50 MB of heap). */
  valueAt(code: number): string;
  /** The code of a value, or -1. */
  find(value: string): number;
}

export interface Table<S extends KindSpec> {
  readonly spec: S;
  readonly length: number;
  readonly time: Record<FieldsOfType<S, 'time'>, TimeColumn>;
  readonly number: Record<FieldsOfType<S, 'number'>, NumberColumn>;
  readonly flag: Record<FieldsOfType<S, 'flag'>, Int8Array>;
  readonly text: Record<FieldsOfType<S, 'text'>, TextColumn>;
  /** The input (file) each row came from, and the line its record starts on. */
  readonly origins: RowOrigins;
}

export type ContactTable = Table<typeof CONTACT_FIELDS>;
export type SurveyTable = Table<typeof SURVEY_FIELDS>;
export type CustomerTable = Table<typeof CUSTOMER_FIELDS>;

/**
 * Text codes take the narrowest signed type that holds every code of the column's dictionary
 * (-1 stays the missing value); readers index them alike.
 */
export type CodeArray = Int8Array | Int16Array | Int32Array;
/** Numbers that are not bytes: Float32 while every value is exactly a Float32 (counts, whole seconds), Float64 otherwise. */
type FloatArray = Float32Array | Float64Array;

/** Missing in a byte number column: every other byte value is the number itself. */
const NO_BYTE = 0xff;

/**
 * A number column: `at(row)` is the row's value, NaN when missing.
 *
 * Counts and scores (fields marked `count`) are held in a Uint8Array while every value is a whole
 * number from 0 to 254, as replies, reopens and 1-10 scores nearly always are; the first that is
 * not moves the column to Float32, and a value that is not exactly a Float32 to Float64, so every
 * value stays exact. Other numbers start as Float32. Exactly one of `bytes` and `floats` is set.
 */
export class NumberColumn {
  constructor(
    public bytes: Uint8Array | undefined,
    public floats: FloatArray | undefined,
  ) {}

  get length(): number {
    return (this.bytes ?? this.floats)!.length;
  }

  at(row: number): number {
    const bytes = this.bytes;
    if (bytes !== undefined) {
      const value = bytes[row];
      return value === NO_BYTE ? NaN : value;
    }
    return this.floats![row];
  }
}

/** A number column being written: `set` widens it when a value needs it (see NumberColumn). */
export class NumberBuilder extends NumberColumn {
  constructor(private readonly widen: () => void) {
    super(undefined, new Float32Array(0));
  }

  set(row: number, value: number): void {
    const bytes = this.bytes;
    if (bytes !== undefined) {
      // -0 is kept apart from 0 (a summary orders them), so it is not a byte.
      if ((value & 0xff) === value && value !== NO_BYTE && !(value === 0 && 1 / value < 0)) {
        bytes[row] = value;
        return;
      }
      if (value !== value) {
        bytes[row] = NO_BYTE;
        return;
      }
      this.widen();
    }
    if (this.floats instanceof Float32Array && Math.fround(value) !== value && value === value) this.widen();
    this.floats![row] = value;
  }
}

/** Missing in a seconds column: the one Int32 never used for a time (1901-12-13T20:45:52Z is held as milliseconds). */
export const NO_SECONDS = -0x80000000;

/**
 * A time column: `at(row)` is the row's instant in epoch milliseconds, NaN when missing.
 *
 * Held as whole seconds in an Int32Array (4 bytes a row, half of a Float64) while every time is
 * a whole second between 1901 and 2038, as exported times nearly always are; the first that is
 * not (milliseconds, a far date) moves the column to Float64 milliseconds, so every value stays
 * exact. Exactly one of `seconds` and `ms` is set.
 */
export class TimeColumn {
  constructor(
    public seconds: Int32Array | undefined,
    public ms: Float64Array | undefined,
  ) {}

  get length(): number {
    return (this.seconds ?? this.ms)!.length;
  }

  /** Every row's instant as epoch milliseconds (NaN when missing), in a new array. */
  toMillis(): Float64Array {
    const out = new Float64Array(this.length);
    for (let row = 0; row < out.length; row++) out[row] = this.at(row);
    return out;
  }

  /**
   * The stored values and the bounds [lo, hi) that select, among them, the times in [start, end)
   * (epoch ms): for a scan that compares stored values and makes no time into milliseconds. A
   * whole second s is in [start, end) exactly when s is in [ceil(start / 1000), ceil(end / 1000)),
   * and missing values (NO_SECONDS, NaN) are never selected.
   */
  stored(start: number, end: number): { values: Int32Array | Float64Array; lo: number; hi: number } {
    if (this.seconds === undefined) return { values: this.ms!, lo: start, hi: end };
    return { values: this.seconds, lo: Math.max(Math.ceil(start / 1000), NO_SECONDS + 1), hi: Math.ceil(end / 1000) };
  }

  /** Whether the row has a time. */
  has(row: number): boolean {
    const seconds = this.seconds;
    if (seconds !== undefined) return seconds[row] !== NO_SECONDS;
    const value = this.ms![row];
    return value === value;
  }

  /** Whether both rows have times and this one's is before `other`'s (`at(row) < other.at(row)`, without making numbers). */
  before(row: number, other: TimeColumn): boolean {
    const seconds = this.seconds;
    const otherSeconds = other.seconds;
    if (seconds === undefined || otherSeconds === undefined) return this.at(row) < other.at(row);
    const value = seconds[row];
    const otherValue = otherSeconds[row];
    return value !== NO_SECONDS && otherValue !== NO_SECONDS && value < otherValue;
  }

  at(row: number): number {
    const seconds = this.seconds;
    if (seconds !== undefined) {
      const value = seconds[row];
      return value === NO_SECONDS ? NaN : value * 1000;
    }
    return this.ms![row];
  }
}

/** A time column being written: `set` moves it to milliseconds when a time needs it (see TimeColumn). */
export class TimeBuilder extends TimeColumn {
  constructor(private readonly widen: () => void) {
    super(new Int32Array(0), undefined);
  }

  /** `set` of a whole number of seconds (the common case, with no multiply or divide). */
  setSeconds(row: number, value: number): void {
    const seconds = this.seconds;
    if (seconds !== undefined && (value | 0) === value && value !== NO_SECONDS) seconds[row] = value;
    else this.set(row, value * 1000);
  }

  set(row: number, ms: number): void {
    const seconds = this.seconds;
    if (seconds !== undefined) {
      const value = ms / 1000;
      if ((value | 0) === value && value !== NO_SECONDS) {
        seconds[row] = value;
        return;
      }
      if (ms !== ms) {
        seconds[row] = NO_SECONDS;
        return;
      }
      this.widen();
    }
    this.ms![row] = ms;
  }
}

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

/** Any column array of a table. */
export type ColumnArray = Float64Array | Float32Array | Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array;

/** The names of the array types of table columns (a name crosses to a parse worker; a constructor cannot). */
export type ArrayName = 'Float64Array' | 'Float32Array' | 'Int8Array' | 'Int16Array' | 'Int32Array' | 'Uint8Array' | 'Uint16Array' | 'Uint32Array';

interface ColumnConstructor {
  new (length: number): ColumnArray;
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): ColumnArray;
  readonly BYTES_PER_ELEMENT: number;
}

/** The array types of table columns, by name. */
export const ARRAYS: Record<ArrayName, ColumnConstructor> = {
  Float64Array,
  Float32Array,
  Int8Array,
  Int16Array,
  Int32Array,
  Uint8Array,
  Uint16Array,
  Uint32Array,
};

/** A column placed in shared memory, as a parse worker is told of it. */
export interface SharedColumn {
  buffer: SharedArrayBuffer;
  type: ArrayName;
}

type ColumnType = 'time' | 'number' | 'flag' | 'text';

/** The array types a column of each type may take, narrowest first: it widens along them. */
const WIDENING: Record<ColumnType, readonly ArrayName[]> = {
  text: ['Int8Array', 'Int16Array', 'Int32Array'],
  number: ['Uint8Array', 'Float32Array', 'Float64Array'],
  time: ['Int32Array', 'Float64Array'],
  flag: ['Int8Array'],
};

/** The largest text code each code type holds. */
const CODE_LIMIT: Partial<Record<ArrayName, number>> = { Int8Array: 0x7f, Int16Array: 0x7fff, Int32Array: Infinity };

/** A growable text column with its dictionary; its codes widen (Int8, Int16, Int32) as values are added. */
export class TextBuilder extends TextDictionary {
  codes: CodeArray;
  constructor(
    codes: CodeArray,
    private readonly widenCodes: () => void,
  ) {
    super();
    this.codes = codes;
    this.fitLimit(false);
  }

  /**
   * Sets the code limit to what the current codes array holds; an unused column (its codes are
   * the shared all-missing bytes) holds none, so that a value added to it fails loudly.
   */
  fitLimit(used: boolean): void {
    this.codeLimit = used ? (CODE_LIMIT[this.codes.constructor.name as ArrayName] ?? Infinity) : -1;
  }

  protected override outgrew(): void {
    this.widenCodes();
  }
}

/** The value of a row nobody wrote: NaN for times (NO_SECONDS as seconds) and numbers (NO_BYTE as bytes), -1 for flags and text codes. */
function missingOf(type: ColumnType, array: ArrayName): number {
  switch (type) {
    case 'time':
      return array === 'Int32Array' ? NO_SECONDS : NaN;
    case 'number':
      return array === 'Uint8Array' ? NO_BYTE : NaN;
    case 'flag':
    case 'text':
      return -1;
  }
}

/** One column of a builder: its type, name ('created_at') and array type. */
interface ColumnRef {
  key: string;
  type: ColumnType;
  name: string;
  array: ArrayName;
  /** Whether the column has an array of its own: some input has the field (see `use`). */
  used: boolean;
}

/** A builder's content as `TableBuilder.state` gives it, for `adopt`. */
export interface BuilderState {
  length: number;
  capacity: number;
  filled: number;
  /** The length of the column arrays. */
  arrayRows: number;
  origins: OriginsState;
  /** Used columns, keyed as `columns()`. */
  columns: Record<string, ColumnArray>;
  /** Text columns with values. */
  dictionaries: Record<string, DictionaryState>;
}

/** Rows initialised to missing values at a time, ahead of the row being written. */
const FILL_BLOCK = 8192;

/**
 * Where a column starts: times as Int32 seconds (see TimeColumn), counts as bytes and other numbers
 * as Float32 (see NumberColumn), flags as Int8, identifiers' codes as Int32 (they have as many
 * values as rows), labels' and categories' as Int8 (channel, status, team, issue type: a few
 * dozen values) and other text's as Int16 (agents). Numbers and codes widen when a value needs
 * it; the start is a guess that makes widening rare, since a parse worker that has to widen
 * leaves its window of shared memory (see parallel.ts).
 */
function startType(type: ColumnType, spec: KindSpec[string] | undefined): ArrayName {
  switch (type) {
    case 'time':
      return 'Int32Array';
    case 'number':
      return spec?.count ? 'Uint8Array' : 'Float32Array';
    case 'flag':
      return 'Int8Array';
    case 'text':
      return spec?.identifier ? 'Int32Array' : spec?.lowercase || spec?.category ? 'Int8Array' : 'Int16Array';
  }
}

/**
 * Builds a Table row by row. Values are written at `length` (the row in progress); `commit()`
 * keeps the row, `discard()` clears what was written so the next row starts clean.
 *
 * Memory is what the inputs hold, at the narrowest exact type:
 * - A column gets an array of its own only once an input has the field (`use`): until then, and in
 *   the built table, it reads from all-missing arrays that every such column shares (see
 *   `pointUnused`).
 *   A native export that leaves out the exported durations saves their columns entirely.
 * - Numbers and text codes start narrow and widen, keeping every value exact (see `startType`).
 * - Capacity is cheap: arrays are allocated zeroed (the OS maps their pages lazily) and rows are
 *   set to missing values a block at a time just ahead of use, so an over-estimated capacity
 *   costs address space, not memory. Pre-size with `ensureCapacity` when the row count can be
 *   guessed: each doubling copies every column and keeps the old arrays until the next GC.
 *
 * Write only the fields named in `use`: an unused column reads from a buffer all unused columns share.
 * Writers that keep a column's array across calls (the row mapper) must look again when
 * `generation` changes: widening or growing replaces arrays. A text code is written after it is
 * looked up (`const code = column.code(...); column.codes[row] = code`): the lookup may widen.
 */
export class TableBuilder<S extends KindSpec> {
  readonly spec: S;
  length = 0;
  /** Rows [0, capacity) may be written; the arrays may be longer (see `share`). */
  private capacity: number;
  /** The length of the column arrays. */
  private arrayRows: number;
  /** Rows [length, filled) already hold missing values. */
  private filled = 0;
  /** Bumped whenever column arrays are replaced, so code that caches them knows to look again. */
  generation = 0;
  readonly time = {} as Record<string, TimeBuilder>;
  readonly number = {} as Record<string, NumberBuilder>;
  readonly flag = {} as Record<string, Int8Array>;
  readonly text = {} as Record<string, TextBuilder>;
  /** The input and line of each committed row. */
  origins = new RowOrigins();
  /** The key field whose codes are the rows, with no array (see `keyByRow`). */
  rowKey: string | undefined;
  private readonly refs: ColumnRef[] = [];
  /** What unused columns read from, as long as the columns' arrays (see `pointUnused`). */
  private missingBytes: Int8Array | undefined;
  private missingSeconds: Int32Array | undefined;
  /** The arrays are a parse worker's window of shared memory, whose types are fixed: see `widen`. */
  private windowed: boolean;

  /**
   * `columns` (with `offset`) places the used columns on given shared buffers, from row
   * `offset`: a parse worker writes its rows straight into the window of shared memory the
   * reading thread set aside for them (see parallel.ts). Otherwise the builder allocates its own
   * arrays, for the columns named by `use` (every one when `useAll`).
   */
  constructor(spec: S, capacity = 1024, columns?: Record<string, SharedColumn>, offset = 0) {
    this.spec = spec;
    this.capacity = capacity;
    this.arrayRows = capacity;
    this.windowed = columns !== undefined;
    for (const [name, field] of Object.entries(spec)) {
      if (field.type !== 'ignored') {
        const key = `${field.type}.${name}`;
        this.refs.push({ key, type: field.type, name, array: columns?.[key]?.type ?? startType(field.type, field), used: false });
      }
    }
    for (const ref of this.refs) {
      if (ref.type === 'text') this.text[ref.name] = new TextBuilder(new Int8Array(0), () => this.widen(ref));
      if (ref.type === 'time') this.time[ref.name] = new TimeBuilder(() => this.widen(ref));
      if (ref.type === 'number') this.number[ref.name] = new NumberBuilder(() => this.widen(ref));
      const shared = columns?.[ref.key];
      if (shared) {
        const Type = ARRAYS[shared.type];
        ref.used = true;
        this.setColumn(ref, new Type(shared.buffer, offset * Type.BYTES_PER_ELEMENT, capacity));
      } else if (ref.used) {
        this.setColumn(ref, new ARRAYS[ref.array](capacity));
      }
    }
    this.pointUnused(capacity);
  }

  /**
   * Declares that every committed row adds exactly one new value to the dictionary of the key
   * `field`, in row order, as ingest does (a row whose key is known is rejected): the key's code
   * of row r is then r, and the key needs no array (4 bytes a row: 40 MB at 10M contacts). The
   * built table makes its codes only if asked (`TextColumn.byRow`). Writers then leave the key's
   * codes alone; its array is empty, so a stray write goes nowhere. Call before any row.
   */
  keyByRow(field: string): void {
    const at = this.refs.findIndex((ref) => ref.name === field && ref.type === 'text');
    if (at < 0 || this.refs[at].used || this.length > 0) throw new Error(`${field} cannot be a key by row here`);
    this.refs.splice(at, 1);
    this.rowKey = field;
    const column = this.text[field];
    column.codes = new Int32Array(0);
    column.fitLimit(true);
  }

  /**
   * Gives the named fields arrays of their own, holding missing values for the rows so far. A
   * reader calls it for the fields its input has before writing rows; other fields stay missing.
   */
  use(fields: Iterable<string>): void {
    const names = new Set(fields);
    let added = false;
    for (const ref of this.refs) {
      if (ref.used || !names.has(ref.name)) continue;
      if (this.windowed) throw new Error(`a parse worker's table has no column ${ref.key}`);
      const array = new ARRAYS[ref.array](this.arrayRows);
      array.fill(missingOf(ref.type, ref.array), 0, this.filled);
      ref.used = true;
      this.setColumn(ref, array);
      added = true;
    }
    if (added) this.generation++;
  }

  /** Gives every field an array of its own (for writers that set every field, as the timeline). */
  useAll(): void {
    this.use(this.refs.map((ref) => ref.name));
  }

  /**
   * Points unused columns at shared all-missing arrays of `length` rows: codes and flags at one
   * of 0xFF bytes (-1 as an Int8), numbers at the same bytes as a Uint8Array (NO_BYTE), times at
   * one Int32Array of NO_SECONDS. 1 byte a row for all the others, plus 4 when a time column is
   * unused, where an array per column type took up to 17 bytes a row, all of them filled: a
   * minimal export (id, created_at, channel) leaves most columns unused.
   */
  private pointUnused(length: number): void {
    let bytes: Int8Array | undefined;
    let numbers: Uint8Array | undefined;
    let seconds: Int32Array | undefined;
    for (const ref of this.refs) {
      if (ref.used) continue;
      if (ref.type === 'time') {
        seconds ??= this.missingSeconds?.length === length ? this.missingSeconds : new Int32Array(length).fill(NO_SECONDS);
        this.setColumn(ref, seconds);
        continue;
      }
      bytes ??= this.missingBytes?.length === length ? this.missingBytes : new Int8Array(length).fill(-1);
      if (ref.type === 'number') this.setColumn(ref, (numbers ??= new Uint8Array(bytes.buffer, 0, length)));
      else this.setColumn(ref, bytes);
    }
    this.missingBytes = bytes;
    this.missingSeconds = seconds;
  }

  private column(ref: ColumnRef): ColumnArray {
    switch (ref.type) {
      case 'time': {
        const column = this.time[ref.name];
        return (column.seconds ?? column.ms)!;
      }
      case 'number': {
        const column = this.number[ref.name];
        return (column.bytes ?? column.floats)!;
      }
      case 'flag':
        return this.flag[ref.name];
      case 'text':
        return this.text[ref.name].codes;
    }
  }

  private setColumn(ref: ColumnRef, array: ColumnArray): void {
    switch (ref.type) {
      case 'time': {
        const column = this.time[ref.name];
        column.seconds = array instanceof Int32Array ? array : undefined;
        column.ms = array instanceof Int32Array ? undefined : (array as Float64Array);
        break;
      }
      case 'number': {
        const column = this.number[ref.name];
        column.bytes = array instanceof Uint8Array ? array : undefined;
        column.floats = array instanceof Uint8Array ? undefined : (array as FloatArray);
        break;
      }
      case 'flag':
        this.flag[ref.name] = array as Int8Array;
        break;
      case 'text':
        this.text[ref.name].codes = array as CodeArray;
        this.text[ref.name].fitLimit(ref.used);
        break;
    }
  }

  /** Every used column's array under a stable key ('time.created_at', 'text.agent'). */
  columns(): Record<string, ColumnArray> {
    const columns: Record<string, ColumnArray> = {};
    for (const ref of this.refs) if (ref.used) columns[ref.key] = this.column(ref);
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
    for (const ref of this.refs) if (ref.used) this.column(ref).fill(missingOf(ref.type, ref.array), from, to);
    this.filled = to;
  }

  commit(input: number, line: number): number {
    const row = this.length;
    this.origins.add(input, line);
    this.length = row + 1;
    return row;
  }

  /** Clears the row in progress (a rejected row leaves nothing behind). */
  discard(): void {
    const row = this.length;
    for (const ref of this.refs) if (ref.used) this.column(ref)[row] = missingOf(ref.type, ref.array);
  }

  /** Writes a number, widening the column first when the value needs it. */
  setNumber(name: string, row: number, value: number): void {
    this.number[name].set(row, value);
  }

  /**
   * Moves a column to the next wider type, keeping its values. A parse worker's window has fixed
   * types, so a worker first moves every column to arrays of its own (as when its rows outgrow
   * the window), and sends them whole when done.
   */
  private widen(ref: ColumnRef): void {
    const order = WIDENING[ref.type];
    const to = order[order.indexOf(ref.array) + 1];
    if (!ref.used || to === undefined) throw new Error(`column ${ref.key} cannot widen`);
    if (this.windowed) this.grow(this.capacity);
    const old = this.column(ref);
    const next = new ARRAYS[to](old.length);
    // Only rows [0, filled) are this builder's: beyond lie other parts' windows, or zeros.
    copyRows(ref.type, next, 0, old, 0, this.filled);
    ref.array = to;
    this.setColumn(ref, next);
    this.generation++;
  }

  /**
   * Widens the columns narrower than those of `source` (keys as `columns()`), so that its rows
   * can be appended exactly.
   */
  fitTypes(source: Record<string, ColumnArray>): void {
    for (const ref of this.refs) {
      const array = source[ref.key];
      if (!array || !ref.used) continue;
      const to = array.constructor.name as ArrayName;
      const order = WIDENING[ref.type];
      while (order.indexOf(ref.array) < order.indexOf(to)) this.widen(ref);
    }
  }

  /**
   * Sizes the dictionaries of the identifier fields in use for `rows` rows, so that they do not
   * grow by doubling on the way: each doubling hashes every value again into a bigger table, at
   * a cache miss each (~3 s of a 10M read). The key (`key`) gets room for `keyRows` values (0
   * where keys are appended, not indexed, as in a parse worker); other ids, such as customers,
   * for as many values as rows, at most: the bench's 713K customers of 1M contacts need a table
   * of that size anyway (10M run: ~21.3 -> ~20.4 s; 1M: ~4 MB more slots).
   */
  reserveIds(rows: number, key: string | undefined, keyRows = rows): void {
    for (const ref of this.refs) {
      if (ref.type !== 'text' || !ref.used || !this.spec[ref.name].identifier) continue;
      this.text[ref.name].reserve(ref.name === key ? keyRows : rows);
    }
    if (this.rowKey !== undefined) this.text[this.rowKey].reserve(this.rowKey === key ? keyRows : rows);
  }

  /**
   * Frees the hash tables of the text columns' dictionaries while other inputs are read (see
   * `TextDictionary.release`): a later lookup builds them again. At 10M contacts, the id and
   * customer tables are ~130 MB that reading the surveys does not need.
   */
  releaseIndexes(): void {
    for (const column of Object.values(this.text)) column.release();
  }

  /** Grows, if needed, so that `rows` rows fit without another copy. */
  ensureCapacity(rows: number): void {
    if (rows > this.capacity) this.grow(rows);
  }

  /**
   * Moves the columns to new arrays of `capacity` rows (shared memory if asked), keeping the rows
   * written and the row in progress (a widening may come in the middle of a row).
   */
  private grow(capacity: number, shared = false): void {
    const keep = Math.min(this.filled, capacity);
    for (const ref of this.refs) {
      if (!ref.used) continue;
      const Type = ARRAYS[ref.array];
      const next = shared ? new Type(new SharedArrayBuffer(capacity * Type.BYTES_PER_ELEMENT), 0, capacity) : new Type(capacity);
      next.set(this.column(ref).subarray(0, keep));
      this.setColumn(ref, next);
    }
    this.pointUnused(capacity);
    this.capacity = capacity;
    this.arrayRows = capacity;
    this.filled = keep;
    this.windowed = false;
    this.generation++;
  }

  /**
   * Moves the used columns into shared memory of `capacity` rows and returns them, so that
   * workers can write rows beyond `limit`; this builder itself writes only below `limit` until
   * `setLimit` raises it (past it, it grows into arrays of its own).
   */
  share(capacity: number, limit: number): Record<string, SharedColumn> {
    this.grow(capacity, true);
    this.capacity = limit;
    this.filled = Math.min(this.filled, limit);
    const columns: Record<string, SharedColumn> = {};
    for (const ref of this.refs) {
      if (ref.used) columns[ref.key] = { buffer: this.column(ref).buffer as SharedArrayBuffer, type: ref.array };
    }
    return columns;
  }

  /** Lets the builder write up to row `limit` of its current arrays (never past their end). */
  setLimit(limit: number): void {
    this.capacity = Math.max(this.length, Math.min(limit, this.arrayRows));
    this.filled = Math.min(this.filled, this.capacity);
  }

  /**
   * Appends `count` rows taken from `source` columns (same keys as `columns()`, of types no wider
   * than this builder's: see `fitTypes`): rows `pick[i]` when `pick` is given, else rows
   * first..first + count - 1. Source rows may lie in the same buffer further on (a worker's
   * window): they are then moved down without a temporary copy. A column the source lacks gets
   * missing values. Text codes are copied as they are: the caller translates them to this
   * builder's dictionaries. The rows' origins are taken from `sourceOrigins`, their lines moved by
   * `lineOffset`.
   */
  appendRows(source: Record<string, ColumnArray>, sourceOrigins: RowOrigins, lineOffset: number, first: number, count: number, pick?: Int32Array): void {
    const start = this.length;
    this.ensureCapacity(start + count);
    for (const ref of this.refs) {
      if (!ref.used) continue;
      const to = this.column(ref);
      const src = source[ref.key];
      if (!src) {
        to.fill(missingOf(ref.type, ref.array), start, start + count);
      } else if (pick) {
        const convert = converter(ref.type, src, to);
        for (let i = 0; i < count; i++) to[start + i] = convert ? convert(src[pick[i]]) : src[pick[i]];
      } else if (src.buffer === to.buffer) {
        const srcRow = (src.byteOffset - to.byteOffset) / to.BYTES_PER_ELEMENT + first;
        to.copyWithin(start, srcRow, srcRow + count);
      } else {
        copyRows(ref.type, to, start, src, first, count);
      }
    }
    this.origins.append(sourceOrigins, first, count, pick, lineOffset);
    this.length = start + count;
    // The rows after the new end may hold moved-from data: fill them again before use.
    this.filled = this.length;
  }

  /**
   * Everything written, to hand the builder to another thread (see `adopt`): the used columns
   * whole (their buffers can be transferred, after which this builder is spent) and the text
   * columns' dictionaries.
   */
  state(): BuilderState {
    if (this.windowed) throw new Error("a parse worker's window cannot be handed over");
    const dictionaries: Record<string, DictionaryState> = {};
    for (const [name, column] of Object.entries(this.text)) if (column.size > 0) dictionaries[name] = column.state();
    return {
      length: this.length,
      capacity: this.capacity,
      filled: this.filled,
      arrayRows: this.arrayRows,
      origins: this.origins.state(),
      columns: this.columns(),
      dictionaries,
    };
  }

  /**
   * Takes over another builder's `state` (one that read an input on another thread): the same
   * rows, columns and codes, as if this builder had read them. Only while this one has no rows,
   * no values and no fields in use (true when nothing of the kind was read before).
   */
  adopt(state: BuilderState): void {
    if (!this.pristine) throw new Error('a table can take over a state only while nothing was read into it');
    for (const [name, dictionary] of Object.entries(state.dictionaries)) this.text[name].restore(dictionary);
    for (const ref of this.refs) {
      const array = state.columns[ref.key];
      if (!array) continue;
      ref.used = true;
      ref.array = array.constructor.name as ArrayName;
      this.setColumn(ref, array);
    }
    this.pointUnused(state.arrayRows);
    this.origins = RowOrigins.restore(state.origins);
    this.length = state.length;
    this.capacity = state.capacity;
    this.arrayRows = state.arrayRows;
    this.filled = state.filled;
    this.generation++;
  }

  /** Whether nothing was read into this builder: no rows, no dictionary values, no fields in use. */
  get pristine(): boolean {
    if (this.length > 0 || this.windowed) return false;
    for (const ref of this.refs) if (ref.used) return false;
    return Object.values(this.text).every((column) => column.size === 0);
  }

  /** The finished table, trimmed to its length (views, no copies). */
  build(): Table<S> {
    const n = this.length;
    const text: Record<string, TextColumn> = {};
    for (const [name, column] of Object.entries(this.text)) {
      // Reading is done: the hash tables go until a lookup asks for them (see `release`).
      column.release();
      let codes = name === this.rowKey ? undefined : column.codes.subarray(0, n);
      // The strings are made when first asked for (see TextDictionary).
      text[name] = {
        get codes() {
          if (codes === undefined) {
            codes = new Int32Array(n);
            for (let row = 0; row < n; row++) codes[row] = row;
          }
          return codes;
        },
        byRow: name === this.rowKey,
        get values() {
          return column.values;
        },
        get size() {
          return column.size;
        },
        valueAt: (code) => column.valueAt(code),
        find: (value) => column.find(value),
      };
    }
    return {
      spec: this.spec,
      length: n,
      time: mapValues(this.time, (c) => new TimeColumn(c.seconds?.subarray(0, n), c.ms?.subarray(0, n))),
      number: mapValues(this.number, (c) => new NumberColumn(c.bytes?.subarray(0, n), c.floats?.subarray(0, n))),
      flag: mapValues(this.flag, (a) => a.subarray(0, n)),
      text,
      origins: this.origins,
    } as unknown as Table<S>;
  }
}

/** An empty table of a kind as ingest fills it, its key codes being its rows (see `TableBuilder.keyByRow`). */
export function keyedTable(kind: Kind, capacity?: number, columns?: Record<string, SharedColumn>, offset?: number): TableBuilder<KindSpec> {
  const table = new TableBuilder(KINDS[kind] as KindSpec, capacity, columns, offset);
  const key = KEY_FIELD[kind];
  if (key !== undefined) table.keyByRow(key);
  return table;
}

const secondsToMs = (seconds: number) => (seconds === NO_SECONDS ? NaN : seconds * 1000);
const byteToNumber = (byte: number) => (byte === NO_BYTE ? NaN : byte);

/** How a value of `from` becomes one of `to` when the column widens past its missing marker (seconds to ms, bytes to floats); undefined for a plain copy. */
function converter(type: ColumnType, from: ColumnArray, to: ColumnArray): ((value: number) => number) | undefined {
  if (type === 'time' && from instanceof Int32Array && to instanceof Float64Array) return secondsToMs;
  if (type === 'number' && from instanceof Uint8Array && !(to instanceof Uint8Array)) return byteToNumber;
  return undefined;
}

/**
 * Copies `count` rows of `from` (from row `first`) into `to` at row `start`, to the same or a
 * wider type (converted: see `converter`).
 */
function copyRows(type: ColumnType, to: ColumnArray, start: number, from: ColumnArray, first: number, count: number): void {
  const convert = converter(type, from, to);
  if (convert) {
    for (let i = 0; i < count; i++) to[start + i] = convert(from[first + i]);
  } else {
    to.set(from.subarray(first, first + count), start);
  }
}

function mapValues<A, B>(record: Record<string, A>, f: (a: A) => B): Record<string, B> {
  const out: Record<string, B> = {};
  for (const [key, value] of Object.entries(record)) out[key] = f(value);
  return out;
}
