import type { FieldSpec, Kind, KindSpec } from '../model/fields.js';
import { KEY_FIELD, KINDS } from '../model/fields.js';
import { ROW_RULES } from '../model/rules.js';
import type { TableBuilder } from '../model/table.js';
import type { InputLog } from './log.js';
import { normalizeColumn } from './detect.js';

/** A header column bound to a model field. */
interface Binding {
  index: number;
  column: string;
  field: string;
  spec: FieldSpec;
}

const TRUE_WORDS = new Set(['true', 'yes', '1', 'y', 't']);
const FALSE_WORDS = new Set(['false', 'no', '0', 'n', 'f']);

/** Parses a boolean cell; undefined when it is not one of the accepted words. */
export function parseFlag(text: string): 0 | 1 | undefined {
  const word = text.toLowerCase();
  if (TRUE_WORDS.has(word)) return 1;
  if (FALSE_WORDS.has(word)) return 0;
  return undefined;
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
}

/**
 * Maps the records of one input onto its kind's table: binds header columns to fields once, then
 * parses each row's cells in place. A row whose required value is missing or unreadable, or that
 * breaks a row rule, or repeats a key, is rejected with its line and reason; a bad optional value
 * is dropped with a warning and the row kept.
 */
export class RowMapper {
  private bindings: Binding[] = [];
  private keyBinding: Binding | undefined;
  private width = 0;
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
      const fieldSpec = spec[field];
      if (!fieldSpec || seen.has(field)) {
        if (column.trim() !== '') this.unmappedColumns.push(column);
        return;
      }
      seen.add(field);
      this.mappedColumns[field] = column;
      if (fieldSpec.type === 'ignored') return;
      const binding = { index, column, field, spec: fieldSpec };
      if (field === key) this.keyBinding = binding;
      else this.bindings.push(binding);
    });
    this.width = header.length;
  }

  /** Maps one record. `fields` must be aligned with the header. */
  row(fields: readonly string[], line: number): void {
    const { table, log } = this.target;
    log.read++;
    if (fields.length !== this.width) {
      log.reject(line, `expected ${this.width} fields, found ${fields.length}`);
      return;
    }
    const row = table.reserve();
    for (let b = 0; b < this.bindings.length; b++) {
      const binding = this.bindings[b];
      const problem = this.writeCell(binding, fields[binding.index], row);
      if (problem !== undefined) {
        if (binding.spec.required) {
          table.discard();
          log.reject(line, problem, binding.column);
          return;
        }
        log.warn(line, problem, binding.column);
      }
    }
    const rulesProblem = ROW_RULES[this.target.kind](table, row);
    if (rulesProblem !== undefined) {
      table.discard();
      log.reject(line, rulesProblem);
      return;
    }
    if (!this.writeKey(fields, row, line)) {
      table.discard();
      return;
    }
    table.commit(this.target.input, line);
  }

  /** Writes the key last, so a rejected row never claims its id. */
  private writeKey(fields: readonly string[], row: number, line: number): boolean {
    const binding = this.keyBinding!;
    const value = fields[binding.index].trim();
    if (value === '') {
      this.target.log.reject(line, `missing required value ${binding.field}`, binding.column);
      return false;
    }
    const column = this.target.table.text[binding.field];
    const first = column.index.get(value);
    if (first !== undefined) {
      const where = `${this.target.inputPaths[this.target.table.input[first]]}:${this.target.table.line[first]}`;
      this.target.log.reject(line, `duplicate ${binding.field} '${value}' (first seen at ${where})`, binding.column);
      return false;
    }
    column.codes[row] = column.code(value);
    return true;
  }

  /** Parses a cell into the row; returns a problem, or undefined when the value was written or empty and optional. */
  private writeCell(binding: Binding, raw: string, row: number): string | undefined {
    const { table } = this.target;
    const text = raw.length > 0 && (raw.charCodeAt(0) <= 32 || raw.charCodeAt(raw.length - 1) <= 32) ? raw.trim() : raw;
    if (text === '') return binding.spec.required ? `missing required value ${binding.field}` : undefined;
    switch (binding.spec.type) {
      case 'time': {
        const ms = this.target.parseTime(text);
        if (Number.isNaN(ms)) return `unparseable timestamp '${clip(text)}'`;
        table.time[binding.field][row] = ms;
        return undefined;
      }
      case 'number': {
        const value = Number(text);
        if (!Number.isFinite(value)) return `not a number '${clip(text)}'`;
        table.number[binding.field][row] = value;
        return undefined;
      }
      case 'flag': {
        const value = parseFlag(text);
        if (value === undefined) return `not a boolean '${clip(text)}' (expected true/false, yes/no, 1/0, y/n)`;
        table.flag[binding.field][row] = value;
        return undefined;
      }
      default: {
        const column = table.text[binding.field];
        column.codes[row] = column.code(binding.spec.lowercase ? text.toLowerCase() : text);
        return undefined;
      }
    }
  }
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}
