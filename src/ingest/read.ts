import { isAscii } from 'node:buffer';
import { statSync } from 'node:fs';
import { extname } from 'node:path';
import type { Readable } from 'node:stream';
import type { Kind, KindSpec } from '../model/fields.js';
import { KEY_FIELD, KINDS } from '../model/fields.js';
import type { Dataset, EventTable } from '../model/dataset.js';
import { derivedFields } from '../model/rules.js';
import { foldEvents } from '../model/timeline.js';
import { keyedTable } from '../model/table.js';
import type { TableBuilder } from '../model/table.js';
import type { ContactTable, CustomerTable, SurveyTable } from '../model/table.js';
import { UserError } from '../errors.js';
import type { DateOrder } from '../time/timestamp.js';
import { createTimestampParser } from '../time/timestamp.js';
import { CsvTokenizer } from './csv.js';
import type { RecordSink } from './csv.js';
import { decodeText, fileChunks, fileEncoding, lineAt, warnReplaced } from './decode.js';
import type { TextDecoding } from './decode.js';
import { checkKind, detectKind } from './detect.js';
import { JsonRecordSplitter } from './json.js';
import type { ObjectSink } from './json.js';
import { gunzipChunks, isGzipPath, withoutGz } from './gzip.js';
import { InputLog } from './log.js';
import { checkMappings } from './presets/mapping.js';
import { openPreset } from './presets/hook.js';
import type { DerivedStream, PresetOptions } from './presets/hook.js';
import type { PresetReader } from './presets/engine.js';
import { AsideReads, planAside } from './aside.js';
import type { AsideOptions, AsideResult } from './aside.js';
import { ParallelRead, planRanges } from './parallel.js';
import type { ParallelOptions, RangePlan } from './parallel.js';
import { RowMapper } from './map.js';
import type { MapTarget } from './map.js';
import type { InputSource } from './sources.js';

export type InputFormat = 'csv' | 'json' | 'ndjson';

/** What was read from one input and how. */
export interface InputInfo {
  path: string;
  kind: Kind;
  /** The preset's name ('native': columns named as the model fields; 'config': a config mapping). */
  preset: string;
  /** How the preset was chosen and how well the header fits it. */
  presetDetail?: { name: string; variant: string; confidence: number; origin: string; zone?: string };
  /** Rows of an event log folded into a later row of the same record. */
  rowsFolded?: number;
  /** For survey answers read from another input's rows: that input. */
  derivedFrom?: string;
  format: InputFormat;
  delimiter?: string;
  /** Model field to the column it was read from. */
  columns: Record<string, string>;
  unmappedColumns: string[];
  log: InputLog;
  /** Byte ranges of the file whose rows were read by worker threads (0: by the reading thread; 1 for a file read whole aside). */
  workerRanges: number;
}

export interface ReadProgress {
  path: string;
  bytes: number;
  totalBytes: number;
  rows: number;
  done: boolean;
}

export interface ReadOptions extends PresetOptions {
  /** Zone of timestamps written without an offset. */
  zone: string;
  /** Encoding of files without a BOM (a WHATWG name, see encodingNamed); default: UTF-8, else Windows-1252, as found. */
  encoding?: string;
  dateOrder?: DateOrder;
  /** Standard input, for the path `-`. */
  stdin?: Readable;
  /** Told as each input is read: its path, bytes read so far of its size (0 when unknown), rows read. */
  onProgress?: (progress: ReadProgress) => void;
  /** When to read a large CSV file on several cores (see parallel.ts); tests lower the threshold. */
  parallel?: ParallelOptions;
  /** When to read an input on another core while the others are read (see aside.ts); tests lower the threshold. */
  aside?: AsideOptions;
}

export interface ReadResult {
  data: Dataset;
  inputs: InputInfo[];
}

/** Reads every source, streamed, into one table per kind. */
export async function readInputs(sources: readonly InputSource[], options: ReadOptions): Promise<ReadResult> {
  if (sources.length > 0xffff) throw new UserError(`too many input files (${sources.length}; at most 65535)`);
  checkMappings(options.mappings);
  const derived: DerivedStream[] = [];
  const tables = newTables();
  const parseTime = createTimestampParser({ zone: options.zone, dateOrder: options.dateOrder });
  const paths = sources.map((source) => source.path);
  const inputs: InputInfo[] = [];
  const { zone, dateOrder, preset, mappings, encoding } = options;
  const plan = planAside(sources, options);
  const aside = new AsideReads({ sources, indexes: [...plan.inputs], options: { zone, dateOrder, preset, mappings, encoding } });
  try {
    for (let i = 0; i < sources.length; i++) {
      // waiting for an input read aside, this thread leaves its core to the worker
      if (plan.inputs.has(i)) aside.letGo();
      const result = await aside.take(i);
      const adopted = result && adopt(result, tables);
      if (adopted) {
        options.onProgress?.({ path: adopted.path, bytes: 0, totalBytes: 0, rows: adopted.log.read, done: true });
        inputs.push(adopted);
        continue;
      }
      // the largest input leaves a core to the inputs read aside once its workers are done
      const turn = i === plan.largest ? aside.turn : undefined;
      const readOptions = turn ? { ...options, parallel: { ...options.parallel, asideBytes: plan.bytes, done: turn } } : options;
      const reader = new InputReader(sources[i], i, tables, parseTime, paths, readOptions, { derived, inputCount: sources.length });
      await reader.read(options.stdin);
      inputs.push(reader.info());
      // read through a preset or as a stream, it left the worker waiting
      if (i === plan.largest) aside.letGo();
    }
  } finally {
    await aside.stop();
  }
  for (const stream of derived) inputs.push(derivedInfo(stream));
  // Events are folded into contacts once every input is read: a contact's events may come in
  // any order and from several files, and ids from row-per-contact files take precedence.
  const timeline = inputs.some((input) => input.kind === 'events')
    ? foldEvents(tables.events.build() as unknown as EventTable, tables.contacts, {
        reject: (input, line, reason) => inputs[input].log.reject(line, reason),
        inputPaths: paths,
      })
    : undefined;
  return {
    data: {
      contacts: tables.contacts.build() as unknown as ContactTable,
      surveys: tables.surveys.build() as unknown as SurveyTable,
      customers: tables.customers.build() as unknown as CustomerTable,
      ...(timeline ? { replies: timeline.replies, eventRows: timeline.eventRows } : {}),
      inputFields: inputs.map(({ columns }) => new Set([...Object.keys(columns), ...derivedFields(Object.keys(columns))])),
    },
    inputs,
  };
}

/** One empty table per kind. */
export function newTables(): Record<Kind, TableBuilder<KindSpec>> {
  return {
    contacts: keyedTable('contacts'),
    events: keyedTable('events'),
    surveys: keyedTable('surveys'),
    customers: keyedTable('customers'),
  };
}

/**
 * Takes over the table an input worker read (see aside.ts) when nothing of its kind was read
 * before; returns the input's info, or undefined when the input is to be read here.
 */
function adopt(result: AsideResult, tables: Record<Kind, TableBuilder<KindSpec>>): InputInfo | undefined {
  if (!result.ok) return undefined;
  const table = tables[result.info.kind];
  if (!table.pristine) return undefined;
  table.adopt(result.table);
  return { ...(result.info as unknown as Omit<InputInfo, 'log'>), log: InputLog.fromPlain(result.log), workerRanges: 1 };
}

/** An input's entry for survey answers read from another input's rows (presets/hook.ts). */
function derivedInfo(stream: DerivedStream): InputInfo {
  const { choice } = stream.reader;
  return {
    path: stream.path,
    kind: stream.kind,
    preset: choice.preset.name,
    presetDetail: { name: choice.preset.name, variant: choice.preset.variant, confidence: choice.confidence, origin: choice.origin },
    derivedFrom: stream.derivedFrom,
    format: 'csv',
    columns: { ...stream.reader.surveyColumns },
    unmappedColumns: [],
    log: stream.log,
    workerRanges: 0,
  };
}

function formatFromExtension(path: string): InputFormat | undefined {
  const extension = extname(withoutGz(path)).toLowerCase();
  if (extension === '.json') return 'json';
  if (extension === '.ndjson' || extension === '.jsonl') return 'ndjson';
  if (extension === '.csv' || extension === '.tsv' || extension === '.txt') return 'csv';
  return undefined;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    // nested deeper than the stack allows: no field of ours is such a value, so it cannot be read
    return '[too deeply nested]';
  }
}

/** Reads one input: decodes, tokenizes, detects its kind from the header, maps its rows. */
export class InputReader implements RecordSink, ObjectSink {
  private readonly log = new InputLog();
  private mapper: RowMapper | undefined;
  private kind: Kind | undefined;
  private format: InputFormat | undefined;
  private header: string[] = [];
  private headerIndex = new Map<string, number>();
  private csv: CsvTokenizer | undefined;
  private json: JsonRecordSplitter | undefined;
  /** Set while the first range of a file read in parallel is read: the header then starts the workers. */
  private plan: RangePlan | undefined;
  private parallel: ParallelRead | undefined;
  /** Set when the input is read through a preset or config mapping (presets/). */
  private preset: PresetReader | undefined;
  private sample: Record<string, unknown> | undefined;
  /** Whitespace read before the format is known. */
  private held = '';
  /** How the input's bytes become text, once its BOM is known. */
  private decoding: TextDecoding | undefined;
  /** The warning that the input is read as Windows-1252 was given. */
  private readAsWindows1252 = false;
  /** The text pushed so far ended with a CR (see LineEnds). */
  private afterCR = false;

  constructor(
    private readonly source: InputSource,
    private readonly index: number,
    private readonly tables: Record<Kind, TableBuilder<KindSpec>>,
    private readonly parseTime: (text: string) => number,
    private readonly paths: readonly string[],
    private readonly options: ReadOptions,
    private readonly shared: { derived: DerivedStream[]; inputCount: number },
  ) {
    this.kind = source.kind;
    this.format = formatFromExtension(source.path);
  }

  async read(stdin: Readable | undefined): Promise<void> {
    const { path } = this.source;
    try {
      if (path === '-') {
        await this.readDecoded(stdin ?? process.stdin, 0);
      } else if (isGzipPath(path)) {
        await this.readDecoded(gunzipChunks(path), 0);
      } else {
        const size = statSync(path).size;
        // a file in an encoding given by name is read on one thread: workers read UTF-8
        const given = this.options.encoding;
        const plan = (this.format === 'csv' || this.format === undefined) && (given === undefined || given === 'utf-8') ? planRanges(path, size, this.options.parallel) : undefined;
        if (plan) await this.readSplit(plan);
        else {
          // read on this thread alone: the other cores are free from the start
          this.options.parallel?.done?.postMessage('go');
          await this.readDecoded(fileChunks(path), size);
        }
      }
    } catch (error) {
      if (error instanceof UserError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      // only the file system's errors are about the input; anything else is ours to report as such
      if (typeof code !== 'string') throw error;
      const reason = code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a folder' : (error as Error).message;
      throw new UserError(`cannot read: ${reason}`, { file: path });
    }
    this.csv?.end();
    this.json?.end();
    this.preset?.end();
    this.options.onProgress?.({ path, bytes: 0, totalBytes: 0, rows: this.log.read, done: true });
    if (this.kind === undefined) {
      throw new UserError('no header and no records: cannot tell what it holds (name it as kind:path)', { file: path });
    }
  }

  /** Reads a stream from the start of the input: decodes it (BOM, UTF-16), tokenizes, maps. */
  private async readDecoded(stream: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, fileSize: number, encoding = this.options.encoding): Promise<void> {
    let consumed = 0;
    if (this.options.onProgress) stream = this.counted(stream);
    for await (const text of decodeText(stream, (decoding) => (this.decoding = decoding), encoding)) {
      this.pushDecoded(text);
      consumed += text.length;
      if (fileSize > 0 && this.mapper && this.log.read > 0) {
        this.presize(fileSize, consumed);
        fileSize = 0;
      }
    }
  }

  /** Passes chunks through, telling onProgress how many bytes of the input have gone by. */
  private async *counted(stream: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    const { path } = this.source;
    const totalBytes = path === '-' ? 0 : statSync(path).size;
    let bytes = 0;
    for await (const chunk of stream) {
      yield chunk;
      bytes += chunk.length;
      this.options.onProgress!({ path, bytes, totalBytes, rows: this.log.read, done: false });
    }
  }

  /** Frees the dictionaries' hash tables of the kinds this input is not (rebuilt if a later input adds to them). */
  private releaseOtherIndexes(): void {
    for (const [kind, table] of Object.entries(this.tables)) if (kind !== this.kind) table.releaseIndexes();
  }

  /**
   * Reads a large file in ranges (see parallel.ts): the first one here, which starts the workers
   * once the header is known; then each later range from its worker, or here when its part
   * cannot be used (no workers started, or the range does not start or end on a record boundary).
   */
  private async readSplit(plan: RangePlan): Promise<void> {
    const { path } = this.source;
    const { bounds } = plan;
    this.plan = plan;
    try {
      // decided before: the first range may end before the bytes that decide it
      await this.readDecoded(fileChunks(path, 0, bounds[1]), 0, this.options.encoding ?? fileEncoding(path));
      this.plan = undefined;
      for (let k = 1; k + 1 < bounds.length; k++) {
        const { parallel, csv } = this;
        if (parallel && csv) {
          const firstLine = csv.nextLine;
          const atBoundary = csv.atRecordBoundary && this.readsAsUtf8(bounds[k], bounds[k + 1]);
          const lines = await parallel.merge(k, atBoundary, firstLine, this.log, this.paths);
          if (lines !== undefined) {
            csv.resumeAt(firstLine + lines);
            continue;
          }
        }
        // The range starts after a newline, so its first byte starts a character.
        const decoding = this.decoding!;
        for (const chunk of fileChunks(path, bounds[k], bounds[k + 1])) this.pushDecoded(decoding.decode(chunk));
        const tail = decoding.end();
        if (tail.length > 0) this.pushDecoded(tail);
      }
    } finally {
      this.plan = undefined;
      await this.parallel?.stop();
    }
  }

  /**
   * Sizes the table for the rows the whole file will likely hold, from the rows in the text read
   * so far, so that it is not grown (and copied) by doubling a dozen times on the way. A guess
   * on the high side costs only address space: table rows are initialised as they are used.
   */
  private presize(fileSize: number, consumed: number): void {
    const expected = Math.ceil((this.log.read * fileSize * 1.1) / consumed);
    const table = this.tables[this.kind!];
    table.ensureCapacity(table.length + expected + 1024);
    table.reserveIds(table.length + expected + 1024, KEY_FIELD[this.kind!]);
  }

  /** Whether the bytes [start, end) of the file read here as they do as UTF-8, as a worker reads them. */
  private readsAsUtf8(start: number, end: number): boolean {
    if (this.decoding!.encoding === 'utf-8') return true;
    for (const chunk of fileChunks(this.source.path, start, end)) if (!isAscii(chunk)) return false;
    return true;
  }

  /** Pushes decoded text, warning of what could not be read as it is. */
  private pushDecoded(text: string): void {
    // before the format is known, leading whitespace is held, to be read with this text
    const read = this.csv === undefined && this.json === undefined ? this.held + text : text;
    const chosen = this.options.encoding === undefined && this.decoding?.encoding === 'windows-1252';
    // said once, at the first character that is not ASCII
    const at = chosen && !this.readAsWindows1252 ? read.search(/[^\x00-\x7f]/) : -1;
    // the line the text starts on, asked only when a warning needs it (held text is counted then)
    const line = at >= 0 || read.includes('\uFFFD') ? (this.csv?.nextLine ?? this.json?.nextLine ?? 1) : 0;
    this.push(text);
    if (line > 0) {
      // after the push, which settles the format of the first text
      const ends = { cr: this.json === undefined, afterCR: this.afterCR };
      if (at >= 0) {
        this.readAsWindows1252 = true;
        this.log.warnOfText(lineAt(read, at, line, ends), 'not UTF-8 (nor marked as UTF-16 by a BOM): read as Windows-1252 (--encoding names another)');
      }
      warnReplaced(read, line, this.log, ends);
    }
    if (read.length > 0) this.afterCR = read.charCodeAt(read.length - 1) === 13;
  }

  private push(text: string): void {
    if (!this.csv && !this.json) {
      if (this.format === undefined) {
        // Leading whitespace says nothing of the format: hold it (its lines count) until text does.
        const first = text.trimStart()[0];
        if (first === undefined) {
          this.held += text;
          return;
        }
        this.format = first === '[' || first === '{' ? 'json' : 'csv';
      }
      if (this.held !== '') {
        text = this.held + text;
        this.held = '';
      }
      if (this.format === 'csv') {
        const tab = extname(withoutGz(this.source.path)).toLowerCase() === '.tsv';
        this.csv = new CsvTokenizer(this, tab ? { delimiter: '\t' } : {});
      } else {
        this.json = new JsonRecordSplitter(this);
      }
    }
    if (this.csv) this.csv.push(text);
    else this.json!.push(text);
  }

  /** CSV: the first record is the header. */
  record(fields: string[], line: number): void {
    if (this.preset) {
      this.preset.row(fields, line);
      return;
    }
    if (this.mapper) {
      this.mapper.row(fields, line);
      return;
    }
    this.header = fields;
    this.start();
  }

  /** CSV records without quotes, as ranges of the text (the tokenizer's fast path). */
  recordRange(text: string, starts: Int32Array, count: number, line: number): void {
    if (this.mapper && !this.preset) {
      this.mapper.rowRange(text, starts, count, line);
      return;
    }
    const fields: string[] = [];
    for (let j = 0; j < count; j++) fields.push(text.slice(starts[j], starts[j + 1] - 1));
    this.record(fields, line);
  }

  /** JSON: the keys of the records form a header that grows as new keys appear. */
  object(value: Record<string, unknown>, line: number): void {
    if (this.preset) {
      this.preset.object(value, line);
      return;
    }
    let grown = false;
    for (const key in value) {
      if (!this.headerIndex.has(key)) {
        this.headerIndex.set(key, this.header.length);
        this.header.push(key);
        grown = true;
      }
    }
    if (!this.mapper) {
      this.sample = value;
      this.start();
      // start() may have opened a preset (narrowed away by the check above)
      const preset = this.preset as PresetReader | undefined;
      if (preset) {
        preset.object(value, line);
        return;
      }
    } else if (grown) this.mapper.bind(this.header);
    const fields = new Array<string>(this.header.length);
    for (let i = 0; i < this.header.length; i++) fields[i] = cellText(value[this.header[i]]);
    this.mapper!.row(fields, line);
  }

  malformed(line: number, reason: string): void {
    this.log.read++;
    this.log.reject(line, reason);
  }

  private start(): void {
    const { path } = this.source;
    // A preset or config mapping (presets/), when one applies: it maps the rows itself.
    const opened = openPreset({
      path,
      kind: this.kind,
      header: this.header,
      sample: this.sample,
      input: this.index,
      log: this.log,
      tables: this.tables,
      parseTime: this.parseTime,
      paths: this.paths as string[],
      derived: this.shared.derived,
      inputCount: this.shared.inputCount,
      options: this.options,
    });
    if (opened) {
      this.kind = opened.kind;
      this.preset = opened.reader;
      this.releaseOtherIndexes();
      return;
    }
    if (this.kind) checkKind(this.kind, this.header, path);
    else this.kind = detectKind(this.header, path);
    this.releaseOtherIndexes();
    const target: MapTarget = {
      kind: this.kind,
      table: this.tables[this.kind],
      input: this.index,
      parseTime: this.parseTime,
      log: this.log,
      inputPaths: this.paths,
    };
    this.mapper = new RowMapper(target, this.header);
    if (this.plan && this.csv) {
      this.parallel = new ParallelRead(this.plan, target.table, this.kind);
      this.parallel.start({
        path,
        header: this.header,
        delimiter: this.csv.delimiter,
        kind: this.kind,
        zone: this.options.zone,
        dateOrder: this.options.dateOrder,
        input: this.index,
      });
    }
  }

  info(): InputInfo {
    if (this.json?.format === 'ndjson') this.format = 'ndjson';
    return {
      path: this.source.path,
      kind: this.kind!,
      format: this.format ?? 'csv',
      delimiter: this.csv?.delimiter,
      ...(this.preset
        ? this.preset.info()
        : {
            preset: 'native',
            columns: this.mapper ? { ...this.mapper.mappedColumns } : {},
            unmappedColumns: this.mapper ? [...this.mapper.unmappedColumns] : [],
          }),
      log: this.log,
      workerRanges: this.parallel?.merged ?? 0,
    };
  }
}
