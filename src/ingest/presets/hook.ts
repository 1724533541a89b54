import type { Kind, KindSpec } from '../../model/fields.js';
import type { TableBuilder } from '../../model/table.js';
import type { DateOrder } from '../../time/timestamp.js';
import { UserError } from '../../errors.js';
import { InputLog } from '../log.js';
import type { MapTarget } from '../map.js';
import { PresetReader, recordHeader } from './engine.js';
import type { PresetChoice } from './engine.js';
import { findMapping, selectPreset } from './mapping.js';
import type { InputMapping } from './mapping.js';

/**
 * What the input reader (read.ts) needs to read a file through a preset or config mapping: one
 * call once the header (or first JSON record) is known, which returns the reader to send rows to,
 * or undefined for native columns. Survey answers carried on the same rows go to a stream of their
 * own, listed as an input of its own (`<path> (surveys)`), so each stream's row accounting holds.
 */

/** The reading options that concern presets (from --preset and the config's `inputs`). */
export interface PresetOptions {
  zone: string;
  dateOrder?: DateOrder;
  /** `--preset NAME` ('native' for none). */
  preset?: string;
  /** The config's `inputs` mappings. */
  mappings?: readonly InputMapping[];
}

/** A stream of rows read from an input besides its own (survey answers on ticket rows). */
export interface DerivedStream {
  path: string;
  kind: Kind;
  /** The input the rows were read from. */
  derivedFrom: string;
  log: InputLog;
  /** The preset's reader, for the columns it mapped. */
  reader: PresetReader;
}

export interface PresetContext {
  path: string;
  /** Forced kind (`kind:path`). */
  kind?: Kind;
  /** CSV header, or the keys of the first JSON record. */
  header: readonly string[];
  /** The first JSON record (JSON inputs only). */
  sample?: Record<string, unknown>;
  /** This input's index, log and the tables. */
  input: number;
  log: InputLog;
  tables: Record<Kind, TableBuilder<KindSpec>>;
  parseTime: (text: string) => number;
  /** Paths of every input, by index; a derived stream adds its own. */
  paths: string[];
  /** Streams derived from inputs, in the order of their indexes after the inputs' own. */
  derived: DerivedStream[];
  /** Inputs (files) in all, so that derived streams are numbered after them. */
  inputCount: number;
  options: PresetOptions;
}

export interface OpenedPreset {
  kind: Kind;
  reader: PresetReader;
  choice: PresetChoice;
}

/** The preset reader for an input, or undefined when it is read as native columns. */
export function openPreset(context: PresetContext): OpenedPreset | undefined {
  const { path, options } = context;
  const mapping = findMapping(path, context.kind, options.mappings);
  const json = context.sample !== undefined;
  const header = json ? recordHeader(context.sample!) : context.header;
  const choice = selectPreset(header, path, { preset: options.preset, kind: context.kind, mapping: mapping?.entry });
  if (!choice) return undefined;
  const kind = choice.preset.kind;
  const target: MapTarget = {
    kind,
    table: context.tables[kind],
    input: context.input,
    parseTime: context.parseTime,
    log: context.log,
    inputPaths: context.paths,
  };
  let surveyTarget: MapTarget | undefined;
  let derived: Omit<DerivedStream, 'reader'> | undefined;
  if (choice.preset.surveys && kind !== 'surveys') {
    const index = context.inputCount + context.derived.length;
    if (index > 0xffff) throw new UserError(`too many inputs with survey answers on their rows (at most 65535 inputs in all)`, { file: path });
    const surveyPath = `${path} (surveys)`;
    const log = new InputLog();
    context.paths[index] = surveyPath;
    surveyTarget = { kind: 'surveys', table: context.tables.surveys, input: index, parseTime: context.parseTime, log, inputPaths: context.paths };
    derived = { path: surveyPath, kind: 'surveys', derivedFrom: path, log };
  }
  const reader = new PresetReader(choice, header, { zone: options.zone, dateOrder: options.dateOrder, target, surveyTarget }, json);
  if (derived) context.derived.push({ ...derived, reader });
  return { kind, reader, choice };
}
