import type { FieldSpec, Kind, KindSpec } from '../model/fields.js';
import { KEY_FIELD, KINDS } from '../model/fields.js';
import { ROW_RULES, derivedFields } from '../model/rules.js';
import type { NumberBuilder, TableBuilder, TextBuilder, TimeBuilder } from '../model/table.js';
import { TextDictionary } from '../model/dictionary.js';
import { digitsAt, flagAt, isoInstantAt, isoSecondsAt } from './cells.js';
import type { InputLog } from './log.js';
import { normalizeColumn } from './detect.js';

/** How a bound column's cells are written. */
const TIME = 0;
const NUMBER = 1;
const FLAG = 2;
const TEXT = 3;
const TYPE_CODES: Record<string, number> = { time: TIME, number: NUMBER, flag: FLAG, text: TEXT };

/**
 * A field of a record as `row` takes it: its text, or, for a time or number field, a value a
 * reader has already read (epoch milliseconds, a number), as presets give them.
 */
export type Cell = string | number;

/** A header column bound to a model field. */
interface Binding {
  index: number;
  column: string;
  field: string;
  spec: FieldSpec;
  type: number;
  /** Smallest valid number (NaN: no minimum; every comparison with it is false). */
  min: number;
  /** The table's array for a flag field; re-read when the table replaces its arrays. */
  array: Int8Array | null;
  /** The table's column for a time or number field (an object that stays the same as it widens). */
  time: TimeBuilder | null;
  number: NumberBuilder | null;
  text: TextBuilder | null;
  /** Lower-cased text fields: raw spellings to codes, so 'Email' is lower-cased once, not per row. */
  labels: LabelCodes | null;
}

/** Parses a boolean cell; undefined when it is not one of the accepted words. */
export function parseFlag(text: string): 0 | 1 | undefined {
  const value = flagAt(text, 0, text.length);
  return value === 1 ? 1 : value === 0 ? 0 : undefined;
}

/** The reason a row is rejected for repeating a key. */
export function duplicateReason(field: string, value: string, where: string): string {
  return `duplicate ${field} '${value}' (first seen at ${where})`;
}

/** Raw cell texts of a lower-cased column to the code of their lower-case value in the table's dictionary. */
class LabelCodes {
  private readonly raw = new TextDictionary();
  private codes = new Int32Array(16);

  code(text: string, start: number, end: number, column: TextBuilder): number {
    const known = this.raw.size;
    const index = this.raw.code(text, start, end);
    if (index < known) return this.codes[index];
    if (index === this.codes.length) {
      const codes = new Int32Array(index * 2);
      codes.set(this.codes);
      this.codes = codes;
    }
    const code = column.code(text.slice(start, end).toLowerCase());
    this.codes[index] = code;
    return code;
  }
}

/** Where the rows of one input go, and how its cells become values. */
export interface MapTarget {
  kind: Kind;
  table: TableBuilder<KindSpec>;
  /** Index of this input, stored with each row. */
  input: number;
  parseTime: (text: string) => number;
  log: InputLog;
  /** Paths of the inputs, to name where a duplicate was first seen. */
  inputPaths: readonly string[];
  /**
   * Keep rows whose key was seen before instead of rejecting them, each with a key code of its
   * own: a parse worker sees only part of the file, so the reading thread decides duplicates
   * when it merges (see parallel.ts).
   */
  deferDuplicates?: boolean;
}

/**
 * Maps the records of one input onto its kind's table: binds header columns to fields once, then
 * parses each row's cells in place. A row whose required value is missing or unreadable, or that
 * breaks a row rule, or repeats a key, is rejected with its line and reason; a bad optional value
 * is dropped with a warning and the row kept.
 *
 * Rows come either as field strings (`row`) or, from the CSV tokenizer's fast path, as ranges of
 * one line (`rowRange`), which are parsed without cutting each cell out as a string.
 */
export class RowMapper {
  private bindings: Binding[] = [];
  private keyBinding: Binding | undefined;
  private width = 0;
  private generation = -1;
  private readonly target: MapTarget;
  readonly unmappedColumns: string[] = [];
  readonly mappedColumns: Record<string, string> = {};

  constructor(target: MapTarget, header: readonly string[]) {
    this.target = target;
    this.bind(header);
  }

  /** (Re)binds columns; JSON inputs call it again when later records bring new keys. */
  bind(header: readonly string[]): void {
    const spec = KINDS[this.target.kind] as KindSpec;
    const key = KEY_FIELD[this.target.kind];
    this.bindings = [];
    this.keyBinding = undefined;
    this.unmappedColumns.length = 0;
    const seen = new Set<string>();
    header.forEach((column, index) => {
      const field = normalizeColumn(column);
      // own keys only: a column named "constructor" must not find Object.prototype's
      const fieldSpec = Object.hasOwn(spec, field) ? spec[field] : undefined;
      if (!fieldSpec || seen.has(field)) {
        if (column.trim() !== '') this.unmappedColumns.push(column);
        return;
      }
      seen.add(field);
      this.mappedColumns[field] = column;
      if (fieldSpec.type === 'ignored') return;
      const binding: Binding = {
        index,
        column,
        field,
        spec: fieldSpec,
        type: TYPE_CODES[fieldSpec.type],
        min: fieldSpec.min ?? NaN,
        array: null,
        time: null,
        number: null,
        text: null,
        labels: fieldSpec.lowercase ? new LabelCodes() : null,
      };
      if (field === key) this.keyBinding = binding;
      else this.bindings.push(binding);
    });
    this.width = header.length;
    // Only the fields this input has get columns (and those derived from them: see rules.ts).
    const fields = [...seen].filter((field) => spec[field].type !== 'ignored');
    this.target.table.use([...fields, ...derivedFields(fields)]);
    this.generation = -1;
  }

  /** Points the bindings at the table's current arrays. */
  private refresh(): void {
    const { table } = this.target;
    for (const binding of this.keyBinding ? [...this.bindings, this.keyBinding] : this.bindings) {
      if (binding.type === TIME) binding.time = table.time[binding.field];
      else if (binding.type === NUMBER) binding.number = table.number[binding.field];
      else if (binding.type === FLAG) binding.array = table.flag[binding.field];
      else binding.text = table.text[binding.field];
    }
    this.generation = table.generation;
  }

  /** Maps one record. `fields` must be aligned with the header. */
  row(fields: readonly Cell[], line: number): void {
    const { table, log } = this.target;
    log.read++;
    if (fields.length !== this.width) {
      log.reject(line, `expected ${this.width} fields, found ${fields.length}`);
      return;
    }
    const row = table.reserve();
    if (table.generation !== this.generation) this.refresh();
    for (let b = 0; b < this.bindings.length; b++) {
      const binding = this.bindings[b];
      const problem = this.writeCell(binding, fields[binding.index], row);
      if (problem !== undefined && this.problem(binding, problem, line)) return;
    }
    this.finish(row, this.keyBinding ? String(fields[this.keyBinding.index]).trim() : '', line);
  }

  /**
   * Maps one record given as ranges of `text`: field j is text[starts[j], starts[j + 1] - 1),
   * `count` fields in all. The same as `row` with the cut-out fields, only without cutting.
   */
  rowRange(text: string, starts: Int32Array, count: number, line: number): void {
    const { table, log } = this.target;
    log.read++;
    if (count !== this.width) {
      log.reject(line, `expected ${this.width} fields, found ${count}`);
      return;
    }
    const row = table.reserve();
    if (table.generation !== this.generation) this.refresh();
    const bindings = this.bindings;
    for (let b = 0; b < bindings.length; b++) {
      const binding = bindings[b];
      const start = starts[binding.index];
      const end = starts[binding.index + 1] - 1;
      if (start === end) {
        if (!binding.spec.required) continue;
      } else if (binding.type === TIME) {
        // Whole seconds, nearly every cell, come back as an integer (no heap number per cell);
        // a fraction takes isoInstantAt.
        const seconds = isoSecondsAt(text, start, end);
        const ms = seconds === seconds ? 0 : isoInstantAt(text, start, end);
        if (ms === ms) {
          if (seconds === seconds) binding.time!.setSeconds(row, seconds);
          else binding.time!.set(row, ms);
          // A time that moved the column to milliseconds in a parse worker moved every column.
          if (table.generation !== this.generation) this.refresh();
          continue;
        }
      } else if (binding.type === TEXT) {
        // Cells with surrounding whitespace are trimmed by the general path.
        if (text.charCodeAt(start) > 32 && text.charCodeAt(end - 1) > 32) {
          const column = binding.text!;
          // Looked up before the column is indexed: a new value may widen the codes, and in a
          // parse worker move every column (then the bindings look again).
          const code = binding.labels ? binding.labels.code(text, start, end, column) : column.code(text, start, end);
          column.codes[row] = code;
          if (table.generation !== this.generation) this.refresh();
          continue;
        }
      } else if (binding.type === NUMBER) {
        const value = digitsAt(text, start, end);
        // Plain digits; `set` widens the column when the value needs it. Others take the general path.
        if (value >= 0 && !(value < binding.min)) {
          binding.number!.set(row, value);
          if (table.generation !== this.generation) this.refresh();
          continue;
        }
      } else {
        const value = flagAt(text, start, end);
        if (value >= 0) {
          binding.array![row] = value;
          continue;
        }
      }
      // Anything unusual takes the general path, which gives the same value or the same problem.
      const problem = this.writeCell(binding, text.slice(start, end), row);
      if (problem !== undefined && this.problem(binding, problem, line)) return;
    }
    const key = this.keyBinding;
    if (!key) {
      this.finish(row, '', line);
      return;
    }
    const start = starts[key.index];
    const end = starts[key.index + 1] - 1;
    // A key that needs no trimming (String.prototype.trim also removes non-ASCII spaces) is
    // looked up in place; the rest are cut out and trimmed.
    const first = text.charCodeAt(start);
    const last = text.charCodeAt(end - 1);
    if (start < end && first > 32 && first < 128 && last > 32 && last < 128) this.finishRange(row, text, start, end, line);
    else this.finish(row, text.slice(start, end).trim(), line);
  }

  /** Logs a cell's problem; true when it rejects the row (which is then discarded). */
  private problem(binding: Binding, problem: string, line: number): boolean {
    if (binding.spec.required) {
      this.target.table.discard();
      this.target.log.reject(line, problem, binding.column);
      return true;
    }
    this.target.log.warn(line, problem, binding.column);
    return false;
  }

  /**
   * Checks the row rules, then writes the key (last, so a rejected row never claims its id) and
   * commits. A kind without a key (events) is committed once its rules hold.
   */
  private finish(row: number, key: string, line: number): void {
    this.finishRange(row, key, 0, key.length, line);
  }

  private finishRange(row: number, text: string, start: number, end: number, line: number): void {
    const { table, log } = this.target;
    const rulesProblem = ROW_RULES[this.target.kind](table, row);
    if (rulesProblem !== undefined) {
      table.discard();
      log.reject(line, rulesProblem);
      return;
    }
    const binding = this.keyBinding;
    if (!binding) {
      table.commit(this.target.input, line);
      return;
    }
    if (start === end) {
      table.discard();
      log.reject(line, `missing required value ${binding.field}`, binding.column);
      return;
    }
    const column = binding.text!;
    if (this.target.deferDuplicates) {
      // Every row's key is sent on as it is; the reading thread looks them all up (parallel.ts).
      const code = column.append(text, start, end);
      if (table.rowKey === undefined) column.codes[row] = code;
      table.commit(this.target.input, line);
      return;
    }
    const known = column.size;
    const code = column.code(text, start, end);
    if (code < known) {
      // Key codes are row numbers: every committed row adds exactly one new key.
      const where = table.origins.where(code, this.target.inputPaths);
      table.discard();
      log.reject(line, duplicateReason(binding.field, text.slice(start, end), where), binding.column);
      return;
    }
    if (table.rowKey === undefined) column.codes[row] = code;
    table.commit(this.target.input, line);
  }

  /** Parses a cell into the row; returns a problem, or undefined when the value was written or empty and optional. */
  private writeCell(binding: Binding, cell: Cell, row: number): string | undefined {
    if (typeof cell === 'number') {
      if (binding.type === TIME && cell === cell) binding.time!.set(row, cell);
      else if (binding.type === NUMBER && Number.isFinite(cell) && !(cell < binding.min)) {
        this.target.table.setNumber(binding.field, row, cell + 0); // + 0: a -0 is 0, as its text '0' was
      } else {
        // Anything else is read as its text, with the problems text gives.
        return this.writeCell(binding, String(cell), row);
      }
      if (this.target.table.generation !== this.generation) this.refresh();
      return undefined;
    }
    const text = cell.length > 0 && (cell.charCodeAt(0) <= 32 || cell.charCodeAt(cell.length - 1) <= 32) ? cell.trim() : cell;
    if (text === '') return binding.spec.required ? `missing required value ${binding.field}` : undefined;
    switch (binding.type) {
      case TIME: {
        // A canonical ISO instant (as JSON inputs give them) skips the general parser; both agree on it.
        const iso = isoInstantAt(text, 0, text.length);
        const ms = iso === iso ? iso : this.target.parseTime(text);
        if (Number.isNaN(ms)) return `unparseable timestamp '${clip(text)}'`;
        binding.time!.set(row, ms);
        if (this.target.table.generation !== this.generation) this.refresh();
        return undefined;
      }
      case NUMBER: {
        const value = Number(text);
        if (!Number.isFinite(value)) return `not a number '${clip(text)}'`;
        if (value < binding.min) return `${clip(text)} is below the minimum ${binding.min}`;
        // Widens the column when the value needs it (then every binding looks again).
        this.target.table.setNumber(binding.field, row, value);
        if (this.target.table.generation !== this.generation) this.refresh();
        return undefined;
      }
      case FLAG: {
        const value = parseFlag(text);
        if (value === undefined) return `not a boolean '${clip(text)}' (expected true/false, yes/no, 1/0, y/n)`;
        binding.array![row] = value;
        return undefined;
      }
      default: {
        const column = binding.text!;
        const code = column.code(binding.spec.lowercase ? text.toLowerCase() : text);
        column.codes[row] = code;
        if (this.target.table.generation !== this.generation) this.refresh();
        return undefined;
      }
    }
  }
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}
