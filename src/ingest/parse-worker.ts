/**
 * A parse worker: reads one byte range of a large CSV file into rows, on its own core, while the
 * reading thread does the first range (see parallel.ts for the whole scheme). Loaded with
 * `new Worker(...)`, never imported.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { KEY_FIELD } from '../model/fields.js';
import { keyedTable } from '../model/table.js';
import type { DictionaryContent } from '../model/dictionary.js';
import { createTimestampParser } from '../time/timestamp.js';
import { CsvTokenizer } from './csv.js';
import { fileChunks, warnReplaced } from './decode.js';
import { InputLog } from './log.js';
import { RowMapper } from './map.js';
import type { PartMessage, PartTask } from './parallel.js';


function parsePart(task: PartTask): void {
  const table = keyedTable(task.kind, task.capacity, task.columns, task.offset);
  // Keys are appended here, not indexed (the reading thread looks each up again).
  table.reserveIds(task.capacity, KEY_FIELD[task.kind], 0);
  const log = new InputLog();
  const mapper = new RowMapper(
    {
      kind: task.kind,
      table,
      input: task.input,
      parseTime: createTimestampParser({ zone: task.zone, dateOrder: task.dateOrder }),
      log,
      inputPaths: [],
      deferDuplicates: true,
    },
    task.header,
  );
  const tokenizer = new CsvTokenizer(
    {
      record: (fields, line) => mapper.row(fields, line),
      recordRange: (text, starts, count, line) => mapper.rowRange(text, starts, count, line),
      malformed: (line, reason) => {
        log.read++;
        log.reject(line, reason);
      },
    },
    { delimiter: task.delimiter, continuation: true },
  );

  // What the previous messages have sent.
  const sentValues: Record<string, number> = {};
  for (const name of Object.keys(table.text)) sentValues[name] = 0;
  const sentLog = { read: 0, rejected: 0, warnings: 0, rejects: 0, warningSamples: 0 };
  let sentRuns = 0;
  const message = (done?: PartMessage['done']): { message: PartMessage; transfer: ArrayBuffer[] } => {
    const transfer: ArrayBuffer[] = [];
    const dictionaries: Record<string, DictionaryContent> = {};
    for (const [name, column] of Object.entries(table.text)) {
      const delta = column.contentFrom(sentValues[name]);
      sentValues[name] = column.size;
      dictionaries[name] = delta;
      if ('ids' in delta) transfer.push(delta.ids.buffer as ArrayBuffer);
      else transfer.push(delta.chars.buffer as ArrayBuffer, delta.ends.buffer as ArrayBuffer, delta.hashes.buffer as ArrayBuffer);
    }
    const partLog = {
      read: log.read - sentLog.read,
      rejected: log.rejected - sentLog.rejected,
      warnings: log.warnings - sentLog.warnings,
      rejects: log.rejects.slice(sentLog.rejects),
      warningSamples: log.warningSamples.slice(sentLog.warningSamples),
    };
    Object.assign(sentLog, {
      read: log.read,
      rejected: log.rejected,
      warnings: log.warnings,
      rejects: log.rejects.length,
      warningSamples: log.warningSamples.length,
    });
    const origins = table.origins.runsFrom(sentRuns);
    sentRuns = table.origins.runCount;
    transfer.push(origins.starts.buffer, origins.inputs.buffer, origins.lines.buffer);
    return { message: { rows: table.length, dictionaries, origins, log: partLog, done }, transfer };
  };

  // The range starts after a newline, so no character is split at its start; ignoreBOM keeps a
  // U+FEFF there as data.
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  let posted = 0;
  // the range starts after a newline: its first LF ends no line
  const ends = { cr: true, afterCR: false };
  for (const chunk of fileChunks(task.path, task.start, task.end)) {
    const text = decoder.decode(chunk, { stream: true });
    warnReplaced(text, tokenizer.nextLine, log, ends);
    if (text.length > 0) ends.afterCR = text.charCodeAt(text.length - 1) === 13;
    tokenizer.push(text);
    // Once the rows outgrow the window they are in this worker's own arrays, which the
    // reading thread cannot see until they are sent at the end.
    if (table.length - posted >= task.stepRows && table.generation === 0) {
      const { message: progress, transfer } = message();
      parentPort!.postMessage(progress, transfer);
      posted = table.length;
    }
  }
  const tail = decoder.decode();
  warnReplaced(tail, tokenizer.nextLine, log, ends);
  if (tail.length > 0) tokenizer.push(tail);
  // The last range ends the file: flush its last record. Any other range must end on a record
  // boundary for the next one to be usable, which the reading thread checks.
  const atRecordBoundary = tokenizer.atRecordBoundary;
  if (task.last) tokenizer.end();
  // the range is read: the core is free for an input read aside
  task.done?.postMessage('go');
  task.done?.close();

  const done: PartMessage['done'] = { atRecordBoundary, lines: tokenizer.nextLine - 1 };
  const transfer: ArrayBuffer[] = [];
  if (table.generation > 0) {
    done.columns = table.columns();
    for (const array of Object.values(done.columns)) transfer.push(array.buffer as ArrayBuffer);
  }
  const last = message(done);
  parentPort!.postMessage(last.message, [...transfer, ...last.transfer]);
}

parsePart(workerData as PartTask);
