/**
 * Reading whole inputs on another core while the reading thread reads the others.
 *
 * Each kind of record has a table of its own, with dictionaries of its own, so an input that is
 * the only one of its kind can be read by a worker thread (input-worker.ts) into tables of its
 * own, at the same time as the reading thread reads the rest: the surveys of a report, say,
 * while the contacts are read. When the reading thread comes to that input, in the inputs' order,
 * it takes over the worker's table as it is (`TableBuilder.adopt`): same rows, same codes, same
 * log, as if it had read the input itself, and nothing to merge.
 *
 * It is only ever a shortcut. The kinds are guessed beforehand from the files' header lines
 * (native CSV only); the reading thread takes the worker's table only when nothing of that kind
 * was read before it (`TableBuilder.pristine`) and the worker read nothing into another kind's
 * table. Otherwise, or if the worker failed for any reason (an unreadable file included), the
 * reading thread reads the input itself, which gives the same result and the same errors.
 */
import { existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { Kind } from '../model/fields.js';
import type { BuilderState } from '../model/table.js';
import { CsvTokenizer } from './csv.js';
import { detectEncoding } from './decode.js';
import { checkKind, detectKind } from './detect.js';
import { isGzipPath } from './gzip.js';
import { ASIDE_WEIGHT } from './parallel.js';
import type { PlainLog } from './log.js';
import { findMapping, selectPreset } from './presets/mapping.js';
import type { PresetOptions } from './presets/hook.js';
import type { InputSource } from './sources.js';

/** Inputs smaller than this are read by the reading thread: starting a worker costs more than they take. */
export const ASIDE_MIN_BYTES = 8 * 1024 * 1024;

/** The bytes of a file looked at for its header line. */
const HEADER_BYTES = 1 << 16;

export interface AsideOptions {
  /** Smallest input to read aside; default ASIDE_MIN_BYTES, or the SUPMETRICS_ASIDE_MIN_BYTES environment variable (for tests). */
  minBytes?: number;
  /** Cores to count on; default the machine's (tests give 2, to run the same anywhere). With one, nothing is read aside. */
  cores?: number;
}

/** What the input worker is asked: read inputs `indexes`, one after another, as the reading thread would. */
export interface AsideTask {
  sources: readonly InputSource[];
  indexes: number[];
  options: PresetOptions & { encoding?: string };
  /**
   * Its turn: the worker loads its code at once, and reads once told through this port, by the
   * reading thread (when it reads the largest input on one thread, or comes to wait for one read
   * aside) or by the parse worker of the largest input's last range, when that range is read:
   * the core it leaves is the one this worker takes. A port closed untold (its holder failed)
   * is a go too.
   */
  gate?: MessagePort;
}

/** What the input worker sends back as each input is read: its index and result. */
export interface AsideMessage {
  index: number;
  result: AsideResult;
}

/** The result of an input read aside: its info, log and table, or nothing usable. */
export type AsideResult =
  | {
      ok: true;
      /** The input's InputInfo, but for its log. */
      info: { path: string; kind: Kind } & Record<string, unknown>;
      log: PlainLog;
      table: BuilderState;
    }
  | { ok: false };

/**
 * Where an input worker's code is: next to this module once built (under the test runner this
 * module is the TypeScript source, which a worker cannot load, so the built copy is used).
 */
function workerUrl(): URL | undefined {
  const here = new URL(import.meta.url);
  const url = here.pathname.endsWith('.ts') ? new URL('../../dist/ingest/input-worker.js', here) : new URL('./input-worker.js', here);
  return existsSync(url) ? url : undefined;
}

/**
 * The header line of a CSV file, as the reader will see it, or undefined when it cannot be told
 * cheaply (not UTF-8, no complete first record in the first 64 KB).
 */
function peekHeader(path: string): string[] | undefined {
  const bytes = Buffer.alloc(HEADER_BYTES);
  const fd = openSync(path, 'r');
  let n: number;
  try {
    n = readSync(fd, bytes, 0, HEADER_BYTES, 0);
  } finally {
    closeSync(fd);
  }
  const { encoding, bomLength } = detectEncoding(bytes.subarray(0, n));
  if (encoding !== 'utf-8') return undefined;
  const text = new TextDecoder('utf-8').decode(bytes.subarray(bomLength, n));
  let header: string[] | undefined;
  const tab = extname(path).toLowerCase() === '.tsv';
  const tokenizer = new CsvTokenizer(
    {
      record: (fields) => void (header ??= fields),
      recordRange: (line, starts, count) => {
        header ??= Array.from({ length: count }, (_, j) => line.slice(starts[j], starts[j + 1] - 1));
      },
      malformed: () => {},
    },
    tab ? { delimiter: '\t' } : {},
  );
  tokenizer.push(text);
  return header;
}

/** The kind of a native CSV file, guessed from its header; undefined for anything else. */
function peekKind(source: InputSource, options: PresetOptions): Kind | undefined {
  const { path } = source;
  if (path === '-' || isGzipPath(path) || !['.csv', '.tsv', '.txt'].includes(extname(path).toLowerCase())) return undefined;
  try {
    const header = peekHeader(path);
    if (!header) return undefined;
    const mapping = findMapping(path, source.kind, options.mappings);
    if (selectPreset(header, path, { preset: options.preset, kind: source.kind, mapping: mapping?.entry })) return undefined;
    if (source.kind) {
      checkKind(source.kind, header, path);
      return source.kind;
    }
    return detectKind(header, path);
  } catch {
    return undefined;
  }
}

/** The inputs to read aside, their bytes, and the input the reading thread reads alongside them. */
export interface AsidePlan {
  inputs: Set<number>;
  bytes: number;
  /** The largest input (-1 when none is read aside). */
  largest: number;
}

/**
 * The inputs worth reading aside: each the only one of its kind, of at least `minBytes`, and
 * not the largest input (which the reading thread reads, on every core when it is large). None
 * unless every input is a native CSV file whose kind its header tells, so that no input of
 * another form (a preset's survey answers, say) lands in a kind's table before its turn.
 */
export function planAside(sources: readonly InputSource[], options: PresetOptions & { aside?: AsideOptions }): AsidePlan {
  const aside: AsidePlan = { inputs: new Set(), bytes: 0, largest: -1 };
  const fromEnv = Number(process.env.SUPMETRICS_ASIDE_MIN_BYTES);
  const minBytes = options.aside?.minBytes ?? (process.env.SUPMETRICS_ASIDE_MIN_BYTES && Number.isFinite(fromEnv) ? fromEnv : ASIDE_MIN_BYTES);
  if (sources.length < 2 || (options.aside?.cores ?? availableParallelism()) < 2 || !workerUrl()) return aside;
  const kinds: Kind[] = [];
  const sizes: number[] = [];
  for (const source of sources) {
    const kind = peekKind(source, options);
    if (!kind) return aside;
    kinds.push(kind);
    sizes.push(statSync(source.path).size);
  }
  aside.largest = sizes.indexOf(Math.max(...sizes));
  for (let i = 0; i < sources.length; i++) {
    const alone = kinds.filter((kind) => kind === kinds[i]).length === 1;
    // The reading thread takes more of the largest file for the work read aside (see
    // parallel.ts), up to most of it: past as much work as the whole file, the worker's core
    // would be left with more than the reading thread can take over, and the input is better
    // read after it, split over the cores as before.
    const room = ASIDE_WEIGHT * (aside.bytes + sizes[i]) <= sizes[aside.largest];
    if (alone && room && i !== aside.largest && sizes[i] >= minBytes) {
      aside.inputs.add(i);
      aside.bytes += sizes[i];
    }
  }
  return aside;
}

/**
 * The worker reading inputs aside, one after another, once its gate opens (see AsideTask): the
 * reading thread and the parse workers of a large file have the cores until then. One worker
 * for them all, so that each starts as the one before ends, whatever the reading thread is busy
 * with. Each input's result waits until the reading thread asks for it.
 */
export class AsideReads {
  private readonly results = new Map<number, Promise<AsideResult>>();
  private readonly worker: Worker | undefined;
  /** The gate's other end, until the worker is let go (see `turn`). */
  private gate: MessagePort | undefined;

  constructor(task: Omit<AsideTask, 'gate'>) {
    if (task.indexes.length === 0) return;
    const settle = new Map<number, (result: AsideResult) => void>();
    for (const index of task.indexes) this.results.set(index, new Promise((resolve) => settle.set(index, resolve)));
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(workerUrl()!, {
      workerData: { ...task, gate: port1 },
      transferList: [port1],
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
    this.gate = port2;
    worker.on('message', ({ index, result }: AsideMessage) => settle.get(index)!(result));
    // inputs not read by then are read by the reading thread (a settled promise stays as it is)
    const failed = () => settle.forEach((resolve) => resolve({ ok: false }));
    worker.once('error', failed);
    worker.once('exit', failed);
    this.worker = worker;
  }

  /**
   * The worker's turn, to hand to the parse worker of the largest input's last range, which lets
   * the worker go when that range is read (see AsideTask.gate); undefined once it was let go.
   */
  get turn(): MessagePort | undefined {
    return this.gate;
  }

  /** Lets the worker read now, unless its turn was handed over (the holder lets it go then). */
  letGo(): void {
    this.gate?.postMessage('go');
    this.gate?.close();
    this.gate = undefined;
  }

  /** The result of input `index`, or undefined when it is not read aside. */
  take(index: number): Promise<AsideResult> | undefined {
    return this.results.get(index);
  }

  /** Stops the worker if still running (after an error, or when done). */
  async stop(): Promise<void> {
    this.letGo();
    await this.worker?.terminate();
  }
}
