/**
 * The input worker: reads whole inputs, one after another, into tables of their own, on its own
 * core, while the reading thread reads the others, and hands each table over when it is read
 * (see aside.ts). Loaded with `new Worker(...)`, never imported.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { DerivedStream } from './presets/hook.js';
import type { AsideMessage, AsideResult, AsideTask } from './aside.js';
import { InputReader, newTables } from './read.js';
import { createTimestampParser } from '../time/timestamp.js';

/** Reads input `index` into tables of its own, as the reading thread would, and gives the table to hand over. */
async function readAside(task: AsideTask, index: number): Promise<{ result: AsideResult; transfer: ArrayBuffer[] }> {
  const tables = newTables();
  const derived: DerivedStream[] = [];
  const parseTime = createTimestampParser({ zone: task.options.zone, dateOrder: task.options.dateOrder });
  // on this thread alone: the other core is busy with the reading thread's inputs
  const options = { ...task.options, parallel: { minBytes: Infinity } };
  const paths = task.sources.map((source) => source.path);
  const reader = new InputReader(task.sources[index], index, tables, parseTime, paths, options, { derived, inputCount: task.sources.length });
  try {
    await reader.read(undefined);
  } catch {
    // the reading thread reads it again, and reports the error where it belongs
    return { result: { ok: false }, transfer: [] };
  }
  const { log, ...info } = reader.info();
  const others = Object.entries(tables).filter(([kind, table]) => kind !== info.kind && !table.pristine);
  if (derived.length > 0 || others.length > 0) return { result: { ok: false }, transfer: [] };
  // the table's arrays cross without a copy
  const table = tables[info.kind].state();
  const transfer = new Set<ArrayBuffer>();
  for (const array of Object.values(table.columns)) transfer.add(array.buffer as ArrayBuffer);
  for (const { chars, ends } of Object.values(table.dictionaries)) transfer.add(chars.buffer as ArrayBuffer).add(ends.buffer);
  for (const runs of [table.origins.starts, table.origins.inputs, table.origins.lines]) transfer.add(runs.buffer);
  return { result: { ok: true, info, log: log.toPlain(), table }, transfer: [...transfer] };
}

const task = workerData as AsideTask;
// Its turn: the code is loaded meanwhile (see AsideTask.gate).
const gate = task.gate;
if (gate) await new Promise((resolve) => gate.once('close', resolve).once('message', resolve));
for (const index of task.indexes) {
  const { result, transfer } = await readAside(task, index);
  const message: AsideMessage = { index, result };
  parentPort!.postMessage(message, transfer);
}
