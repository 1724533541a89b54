/**
 * Reading one large CSV file on several cores.
 *
 * The file is cut into byte ranges, each starting just after a newline. The reading thread
 * tokenizes and maps the first range itself, as for any file; a worker thread (parse-worker.ts)
 * does each other range at the same time. Workers write their rows straight into a window of
 * the table's columns, which are moved to shared memory for this, so rows cross threads without
 * a copy. Each worker reports its rows every few thousand (with the dictionary values and
 * problems that came with them); once the reading thread is done with its own range it merges
 * the parts in file order, message by message, while the workers go on. The result is exactly
 * that of reading the file in one go:
 *
 * - Record boundaries. A newline inside a quoted field is not the end of a record, and a worker
 *   cannot know whether its range starts inside one. The thread that read the range before does:
 *   its tokenizer is at a record boundary exactly when the next range starts with a record. A
 *   part is used only when its start is a boundary (and its own end is one, unless it is the
 *   last range); otherwise the reading thread reads that range itself, carrying on where its
 *   tokenizer stands. Correct for every file; fast for every file but the odd one with a quoted
 *   newline right at a cut.
 * - Text values. Each worker has its own dictionaries; codes are translated to the table's on
 *   merge, new values added in the order they first appear, as one reader adds them.
 * - Line numbers. Workers count from 1; the merge adds the lines before the range.
 * - Duplicate keys. A worker sees only its range, so it keeps rows whose key repeats
 *   (`deferDuplicates`: it does not even look keys up) and the merge, walking rows in file
 *   order against the table's keys, rejects every later occurrence, naming the first, as the
 *   single-threaded reader does.
 * - Rejects and warnings. Each part lists its first ones; merged by line, they are the same as
 *   one reader's (a problem left unlisted by a part has at least as many listed before it).
 */
import { existsSync, openSync, readSync, closeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { Kind, KindSpec } from '../model/fields.js';
import { KEY_FIELD } from '../model/fields.js';
import type { DictionaryContent } from '../model/dictionary.js';
import { RowOrigins } from '../model/origins.js';
import type { OriginsState } from '../model/origins.js';
import type { ColumnArray, SharedColumn, TableBuilder } from '../model/table.js';
import { ARRAYS } from '../model/table.js';
import type { DateOrder } from '../time/timestamp.js';
import type { InputLog, RowProblem } from './log.js';
import { detectEncoding } from './decode.js';
import { normalizeColumn } from './detect.js';
import { duplicateReason } from './map.js';

/** Files smaller than this are read by one thread: starting workers costs more than they save. */
export const PARALLEL_MIN_BYTES = 32 * 1024 * 1024;

/** What a worker is asked to do. Everything here crosses to the worker by structured clone. */
export interface PartTask {
  path: string;
  /** Byte range [start, end) of the file. */
  start: number;
  end: number;
  /** The range ends the file. */
  last: boolean;
  header: string[];
  delimiter: string;
  kind: Kind;
  zone: string;
  dateOrder?: DateOrder;
  /** Index of the input, stored with each row. */
  input: number;
  /**
   * The table's columns in shared memory (with their array types at the time), and the window
   * of rows [offset, offset + capacity) this part may fill.
   */
  columns: Record<string, SharedColumn>;
  offset: number;
  capacity: number;
  /**
   * Rows between progress messages. The reading thread merges what has come while the worker
   * goes on, so that little is left to merge when it is done.
   */
  stepRows: number;
  /** Told when this range is read (the last range's worker only): see ParallelOptions.done. */
  done?: MessagePort;
}

/** Counts and listed problems of a log since the previous message. */
export interface PartLog {
  read: number;
  rejected: number;
  warnings: number;
  rejects: RowProblem[];
  warningSamples: RowProblem[];
}

/** What a worker sends as it goes, and once more when done. */
export interface PartMessage {
  /** Rows of the part so far; they are in the window (or, when done and grown, in `columns`). */
  rows: number;
  /** Values added to each text column's dictionary since the previous message. */
  dictionaries: Record<string, DictionaryContent>;
  /** The runs of row origins started since the previous message (see RowOrigins.runsFrom). */
  origins: OriginsState;
  log: PartLog;
  /** Set on the last message. */
  done?: {
    /** The range ended exactly at the end of a record. */
    atRecordBoundary: boolean;
    /** Physical lines in the range. */
    lines: number;
    /** Set when the rows outgrew the window: all the part's rows, in the worker's own arrays (transferred). */
    columns?: Record<string, ColumnArray>;
  };
}

export interface ParallelOptions {
  /** Smallest file to split; default PARALLEL_MIN_BYTES, or the SUPMETRICS_PARALLEL_MIN_BYTES environment variable (for tests). */
  minBytes?: number;
  /** Ranges to cut the file into, the reading thread's included; default the number of cores, at most 8. */
  ranges?: number;
  /** Rows between a worker's progress messages; default 32768 (tests use a few). */
  stepRows?: number;
  /**
   * Bytes of other inputs read aside meanwhile (see aside.ts), on the cores the workers have
   * when they are done: the reading thread takes a larger share of the file for them.
   */
  asideBytes?: number;
  /** Told once the workers' ranges are read (or at once when the file is read on one thread): see AsideTask.gate. */
  done?: MessagePort;
}

/** Byte ranges of a file and the rows per byte seen at its start. */
export interface RangePlan {
  /** Range k is [bounds[k], bounds[k + 1]); bounds[0] is 0 and the last bound is the file size. */
  bounds: number[];
  rowsPerByte: number;
  stepRows: number;
  /** See ParallelOptions.done. */
  done?: MessagePort;
}

/**
 * The reading thread's share of the file, against each worker's: it also merges every part, so
 * it takes a little less (measured on two cores: merging costs about a sixth of parsing, and a
 * worker needs ~0.1 s to start).
 */
const FIRST_SHARE = 0.95;

/**
 * What a byte read aside costs against a byte of this file, for the shares: a survey answer is a
 * short row with three ids (on the bench, ~21 ms/MB against ~13 for contacts, one thread), and
 * the inputs read aside start only once the worker's range is done and are then handed over,
 * while the reading thread merges. At 1.5 the reading thread waited ~0.27 s for the surveys of
 * the 1M bench (profiled); paired runs: 2.2 took 0.97x the time of 1.5, and 2.8 1.03x that of 2.2.
 */
export const ASIDE_WEIGHT = 2.2;

/** The young generation of a parse worker, in MB (see `start`). */
const WORKER_YOUNG_MB = 8;

/**
 * Where a parse worker's code is: next to this module once built. Under the test runner this
 * module is the TypeScript source, which a worker cannot load, so the built copy is used.
 */
function workerUrl(): URL | undefined {
  const here = new URL(import.meta.url);
  const url = here.pathname.endsWith('.ts')
    ? new URL('../../dist/ingest/parse-worker.js', here)
    : new URL('./parse-worker.js', here);
  return existsSync(url) ? url : undefined;
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const n = readSync(fd, buffer, 0, length, position);
  return buffer.subarray(0, n);
}

/**
 * Plans the ranges of a file worth splitting: cuts after the first newline at or after each
 * share. Undefined when the file is small, UTF-16 (its newlines are two bytes, and the decoder
 * needs the byte order mark), gzip, has no newline near a cut, or no worker code is at hand.
 */
export function planRanges(path: string, size: number, options: ParallelOptions = {}): RangePlan | undefined {
  const fromEnv = Number(process.env.SUPMETRICS_PARALLEL_MIN_BYTES);
  const minBytes = options.minBytes ?? (Number.isFinite(fromEnv) && fromEnv >= 0 ? fromEnv : PARALLEL_MIN_BYTES);
  const ranges = Math.min(options.ranges ?? availableParallelism(), 8);
  if (ranges < 2 || size < minBytes || size === 0 || !workerUrl()) return undefined;
  const fd = openSync(path, 'r');
  try {
    const head = readAt(fd, 0, Math.min(size, 1 << 20));
    // UTF-16 cannot be cut at a newline byte.
    if (detectEncoding(head).encoding !== 'utf-8') return undefined;
    // Compressed bytes cannot be cut: a gzip file is read as one stream whatever its name.
    if (head[0] === 0x1f && head[1] === 0x8b) return undefined;
    let newlines = 0;
    for (let i = head.indexOf(10); i !== -1; i = head.indexOf(10, i + 1)) newlines++;
    const bounds = [0];
    // The inputs read aside are read on the workers' cores once their ranges are done (see
    // AsideTask.gate): the reading thread takes a share of that work as more of the file.
    const aside = ASIDE_WEIGHT * (options.asideBytes ?? 0);
    const first = Math.min(0.9, ((FIRST_SHARE / ranges) * (size + aside)) / size);
    for (let k = 1; k < ranges; k++) {
      const target = Math.floor(size * (first + ((1 - first) * (k - 1)) / (ranges - 1)));
      if (target <= bounds[bounds.length - 1]) continue;
      const window = readAt(fd, target, 1 << 16);
      const newline = window.indexOf(10);
      if (newline === -1) continue;
      const cut = target + newline + 1;
      if (cut < size) bounds.push(cut);
    }
    if (bounds.length < 2) return undefined;
    bounds.push(size);
    return { bounds, rowsPerByte: Math.max(newlines, 1) / head.length, stepRows: options.stepRows ?? 32_768, done: options.done };
  } finally {
    closeSync(fd);
  }
}

/** A worker's messages, in order; undefined once it has stopped without a last message. */
class Inbox {
  private readonly queue: (PartMessage | undefined)[] = [];
  private wake: (() => void) | undefined;
  private ended = false;
  /** Resolves with the last message (undefined if the worker failed), leaving every message queued. */
  readonly finished: Promise<PartMessage | undefined>;
  private finish!: (message: PartMessage | undefined) => void;

  constructor(worker: Worker) {
    this.finished = new Promise((resolve) => (this.finish = resolve));
    worker.on('message', (message: PartMessage) => {
      this.queue.push(message);
      if (message.done) this.end(message);
      this.wake?.();
    });
    worker.once('error', () => this.end(undefined));
    worker.once('exit', () => this.end(undefined));
  }

  private end(message: PartMessage | undefined): void {
    if (this.ended) return;
    this.ended = true;
    if (!message) this.queue.push(undefined);
    this.finish(message);
    this.wake?.();
  }

  async next(): Promise<PartMessage | undefined> {
    while (this.queue.length === 0) await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = undefined;
    return this.queue.shift();
  }
}

/** A running worker and its messages. */
interface Part {
  task: PartTask;
  worker: Worker;
  inbox: Inbox;
}

/**
 * The parts of one file being read in parallel, from the moment its header is known.
 * The reading thread calls `start` once it has the header, reads range 0, then for each later
 * range calls `merge` (or reads the range itself when that says the part cannot be used).
 */
export class ParallelRead {
  private readonly parts: (Part | undefined)[] = [];
  /** Row where each range's window starts, and one past the last. */
  private readonly windows: number[] = [];
  /** The kind's key, whose repeats are rejected on merge; none for events. */
  private readonly keyField: string | undefined;
  /** Ranges whose rows came from a worker. */
  merged = 0;

  constructor(
    readonly plan: RangePlan,
    private readonly table: TableBuilder<KindSpec>,
    private readonly kind: Kind,
  ) {
    this.keyField = KEY_FIELD[kind];
  }

  /**
   * Moves the table to shared memory with a window of rows for each range (a guess from the
   * file's size with some slack; a part that outgrows its window moves to arrays of its own) and
   * starts a worker per range after the first.
   */
  start(task: Omit<PartTask, 'start' | 'end' | 'last' | 'columns' | 'offset' | 'capacity' | 'stepRows'>): void {
    const { bounds, rowsPerByte } = this.plan;
    const url = workerUrl()!;
    let row = this.table.length;
    for (let k = 0; k + 1 < bounds.length; k++) {
      this.windows.push(row);
      row += Math.ceil((bounds[k + 1] - bounds[k]) * rowsPerByte * 1.05) + 1024;
    }
    this.windows.push(row);
    const columns = this.table.share(row, this.windows[1]);
    // As presize does for a file read on one thread (which a split file skips): no dictionary of
    // ids grows by doubling on the way, each doubling a rehash of every value.
    this.table.reserveIds(row, this.keyField);
    this.parts.push(undefined);
    for (let k = 1; k + 1 < bounds.length; k++) {
      const partTask: PartTask = {
        ...task,
        start: bounds[k],
        end: bounds[k + 1],
        last: k + 2 === bounds.length,
        columns,
        offset: this.windows[k],
        capacity: this.windows[k + 1] - this.windows[k],
        stepRows: this.plan.stepRows,
        done: k + 2 === bounds.length ? this.plan.done : undefined,
      };
      // A worker allocates mostly decoded text that dies young: capping its young generation
      // keeps V8 from growing it to ~48 MB on long rows (a 3.2 GB file of 1M contacts with
      // 3 KB of free text each: 300 -> 270 MB peak) at no cost in time on the bench.
      const worker = new Worker(url, {
        workerData: partTask,
        transferList: partTask.done ? [partTask.done] : [],
        resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
      });
      this.parts.push({ task: partTask, worker, inbox: new Inbox(worker) });
    }
  }

  /**
   * Appends the rows of part k to the table, after the rows read so far, as the worker sends
   * them, and returns the physical lines of the range. `atRecordBoundary` says whether the
   * reading thread's tokenizer is at a record boundary where the range starts; `firstLine` is
   * the line it starts on. Undefined when the part cannot be used: the worker is then stopped
   * (it may still be writing to its window) and the caller reads the range itself.
   */
  async merge(k: number, atRecordBoundary: boolean, firstLine: number, log: InputLog, inputPaths: readonly string[]): Promise<number | undefined> {
    const part = this.parts[k];
    let usable = part !== undefined && atRecordBoundary;
    // A range before the last must also end on a record boundary, or the next cannot start
    // there; that is known only when its worker is done (its messages wait in the inbox).
    if (usable && !part!.task.last) usable = (await part!.inbox.finished)?.done?.atRecordBoundary === true;
    if (part && !usable) await part.worker.terminate();
    this.table.setLimit(this.windows[k + 1]);
    if (!usable) return undefined;
    const merger = new PartMerger(this.table, this.keyField, part!.task, this.windowColumns(k), firstLine - 1, log, inputPaths);
    for (;;) {
      const message = await part!.inbox.next();
      if (!message) {
        if (merger.rows > 0) throw new Error(`a parse worker stopped after ${merger.rows} rows of ${part!.task.path}`);
        return undefined;
      }
      merger.merge(message);
      if (message.done) {
        this.merged++;
        return message.done.lines;
      }
    }
  }

  /** Stops every worker still running (after an error, or when done). */
  async stop(): Promise<void> {
    await Promise.all(this.parts.map((part) => part?.worker.terminate()));
  }

  /** Views of the window of range k in the shared columns. */
  private windowColumns(k: number): Record<string, ColumnArray> {
    const views: Record<string, ColumnArray> = {};
    const offset = this.windows[k];
    const rows = this.windows[k + 1] - offset;
    for (const [key, { buffer, type }] of Object.entries(this.parts[k]!.task.columns)) {
      const Type = ARRAYS[type];
      views[key] = new Type(buffer, offset * Type.BYTES_PER_ELEMENT, rows);
    }
    return views;
  }
}

/** Appends one part's rows to the table, message by message. */
class PartMerger {
  /** Rows of the part merged (or rejected) so far. */
  rows = 0;
  /** For each text column, the table's code of each of the worker's codes. */
  private readonly remaps: Record<string, Int32Array> = {};
  /** The part's row origins so far, lines counted from the range's start. */
  private readonly origins = new RowOrigins();
  /** The column named in duplicate rejects: the first header column bound to the key, as in RowMapper. */
  private readonly keyColumn: string | undefined;

  constructor(
    private readonly table: TableBuilder<KindSpec>,
    private readonly keyField: string | undefined,
    private readonly task: PartTask,
    private source: Record<string, ColumnArray>,
    private readonly lineOffset: number,
    private readonly log: InputLog,
    private readonly inputPaths: readonly string[],
  ) {
    this.keyColumn = task.header.find((column) => normalizeColumn(column) === keyField) ?? keyField;
    for (const name of Object.keys(table.text)) this.remaps[name] = new Int32Array(0);
  }

  /**
   * Merges the rows a message announces: translates the new dictionary values, rejects rows
   * whose key the table (or an earlier row of the part) already has, appends the others with
   * their text codes translated and lines counted from the range's start, and adds the log.
   */
  merge(message: PartMessage): void {
    const { table, keyField, lineOffset } = this;
    if (message.done?.columns) this.source = message.done.columns;
    const origins = this.origins;
    origins.extend(message.origins);
    for (const [name, delta] of Object.entries(message.dictionaries)) {
      if (name === keyField) continue;
      const column = table.text[name];
      const remap = grow(this.remaps, name, delta.first + delta.count);
      for (let i = 0; i < delta.count; i++) remap[delta.first + i] = column.codeOf(delta, i);
    }

    const from = this.rows;
    const to = message.rows;
    const start = table.length;
    const kept = new Int32Array(to - from);
    let keptCount = 0;
    const duplicates: RowProblem[] = [];
    if (keyField === undefined) {
      keptCount = to - from; // a kind without a key (events) keeps every row
    } else {
      // Keys, in file order, against the table's: a known key rejects the row. The worker's key
      // codes are its rows (see TableBuilder.keyByRow), their values sent with this message.
      const keyDelta = message.dictionaries[keyField];
      const keys = table.text[keyField];
      for (let r = from; r < to; r++) {
        const known = keys.size;
        const first = keys.codeOf(keyDelta, r - keyDelta.first);
        if (first >= known) {
          // A new key's code is the row it lands on (key codes are row numbers).
          kept[keptCount++] = r;
          continue;
        }
        const where =
          first < start
            ? table.origins.where(first, this.inputPaths)
            : `${this.inputPaths[this.task.input]}:${origins.lineAt(kept[first - start]) + lineOffset}`;
        const reason = duplicateReason(keyField, keys.valueAt(first), where);
        duplicates.push({ line: origins.lineAt(r) + lineOffset, column: this.keyColumn, reason });
      }
    }

    // The table may have narrower columns than the part (a worker widens in arrays of its own).
    table.fitTypes(this.source);
    table.appendRows(this.source, origins, lineOffset, from, keptCount, keptCount < to - from ? kept : undefined);
    const end = table.length;
    for (const [name, column] of Object.entries(table.text)) {
      const codes = column.codes;
      if (name === keyField) continue;
      const remap = this.remaps[name];
      for (let row = start; row < end; row++) {
        const code = codes[row];
        if (code >= 0) codes[row] = remap[code];
      }
    }
    mergeLog(this.log, message.log, duplicates, lineOffset);
    this.rows = to;
  }
}

/** `arrays[name]`, grown (keeping its content) to hold at least `length` entries. */
function grow(arrays: Record<string, Int32Array>, name: string, length: number): Int32Array {
  const array = arrays[name];
  if (array.length >= length) return array;
  const grown = new Int32Array(Math.max(length, array.length * 2));
  grown.set(array);
  arrays[name] = grown;
  return grown;
}

/**
 * Adds a part's log to the reading thread's: its listed rejects and the duplicates found on
 * merge, in line order, then its warnings; counts beyond the listed ones are added as counts.
 */
function mergeLog(log: InputLog, part: PartLog, duplicates: RowProblem[], lineOffset: number): void {
  log.read += part.read;
  const rejects = part.rejects;
  let a = 0;
  let b = 0;
  while (a < rejects.length || b < duplicates.length) {
    const fromPart = b === duplicates.length || (a < rejects.length && rejects[a].line + lineOffset < duplicates[b].line);
    if (fromPart) {
      const problem = rejects[a++];
      log.reject(problem.line + lineOffset, problem.reason, problem.column);
    } else {
      const problem = duplicates[b++];
      log.reject(problem.line, problem.reason, problem.column);
    }
  }
  log.rejected += part.rejected - rejects.length;
  for (const problem of part.warningSamples) log.warn(problem.line + lineOffset, problem.reason, problem.column);
  log.warnings += part.warnings - part.warningSamples.length;
}
