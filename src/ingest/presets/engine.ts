import type { FieldType, Kind, KindSpec } from '../../model/fields.js';
import { KEY_FIELD, KINDS, KIND_NAMES } from '../../model/fields.js';
import { UserError } from '../../errors.js';
import { compileTimeFormat } from '../../time/format.js';
import type { WallParser } from '../../time/format.js';
import type { DateOrder } from '../../time/timestamp.js';
import { createTimestampParser } from '../../time/timestamp.js';
import { zoneResolver } from '../../time/zone.js';
import type { ZoneResolver } from '../../time/zone.js';
import { normalizeColumn } from '../detect.js';
import type { InputLog } from '../log.js';
import type { Cell, MapTarget } from '../map.js';
import { RowMapper } from '../map.js';
import { PRESETS, PRESET_NAMES } from './index.js';
import { alternatives, findColumn, recordPaths, valueAt } from './match.js';
import type { ColumnRule, DurationUnit, FieldRule, Preset } from './types.js';

/**
 * The preset engine: detects which preset (if any) a header belongs to, and maps each row of such
 * an export into a row of native columns, which the ordinary RowMapper then parses, checks and
 * stores. So presets add no second pipeline: values, warnings, rejects and the row accounting are
 * those of native inputs. Everything vendor-specific is data in the preset (types.ts).
 */

/** The smallest share of a preset's detection columns a header must have to be read with it unasked. */
export const MIN_CONFIDENCE = 0.5;
/** ... and at least this many of them. */
const MIN_MATCHED = 3;

/** A preset chosen for one input. */
export interface PresetChoice {
  preset: Preset;
  /** Share of the preset's detection columns present in the header (0-1; 1 for config mappings that fit). */
  confidence: number;
  origin: 'detected' | 'named' | 'config';
  /** Zone named in the header (`Conversation started at (Europe/Berlin)`). */
  headerZone?: string;
}

export function asRule(rule: FieldRule): ColumnRule {
  if (typeof rule === 'string') return { columns: [rule] };
  if (Array.isArray(rule)) return { columns: rule as readonly string[] };
  return rule as ColumnRule;
}

/** The columns a rule reads (for display and detection). */
export function ruleColumns(rule: ColumnRule): string[] {
  return [...(rule.columns ?? []), ...(rule.join ?? [])];
}

function requiredFields(kind: Kind): string[] {
  return Object.entries(KINDS[kind] as KindSpec)
    .filter(([, spec]) => spec.required)
    .map(([name]) => name);
}

/** Which of a preset's fields can be read from a header: field -> present. */
function presentFields(fields: Readonly<Record<string, FieldRule>>, has: (name: string) => boolean): Set<string> {
  const present = new Set<string>();
  for (const [field, raw] of Object.entries(fields)) {
    const rule = asRule(raw);
    if (rule.value !== undefined || rule.line) present.add(field);
    else if (rule.join && rule.join.length > 0 ? rule.join.every(has) : (rule.columns ?? []).some(has)) present.add(field);
  }
  return present;
}

interface Score {
  confidence: number;
  matched: number;
  missing: string[];
  zone?: string;
}

/** How well a header (CSV names, or a JSON record's key paths) fits a preset. */
export function scorePreset(preset: Preset, header: readonly string[]): Score {
  let zone: string | undefined;
  const has = (name: string) => {
    const found = findColumn(header, name);
    if (found.index >= 0 && found.zone && !zone) zone = found.zone;
    return found.index >= 0;
  };
  let matched = 0;
  for (const entry of preset.detect) if (alternatives(entry).some(has)) matched++;
  const present = presentFields(preset.fields, has);
  const needed = [...requiredFields(preset.kind), ...(preset.recordKey ? [preset.recordKey] : [])];
  const missing = needed.filter((field) => !present.has(field));
  return { confidence: preset.detect.length > 0 ? matched / preset.detect.length : 0, matched, missing, zone };
}

/** Columns a native reading would recognise: the most model fields of any one kind in the header. */
function nativeMatches(header: readonly string[]): number {
  const columns = new Set(header.map(normalizeColumn));
  let best = 0;
  for (const kind of KIND_NAMES) {
    const count = Object.keys(KINDS[kind]).filter((field) => columns.has(field)).length;
    if (count > best) best = count;
  }
  return best;
}

/** The header a JSON record presents to detection: its key paths, after unwrapping. */
export function recordHeader(record: Record<string, unknown>, unwrapKeys: readonly string[] = unwrapKeysOf(PRESETS)): string[] {
  const paths = recordPaths(record);
  for (const key of unwrapKeys) {
    const inner = record[key];
    if (inner !== null && typeof inner === 'object' && !Array.isArray(inner)) paths.push(...recordPaths(inner as Record<string, unknown>));
  }
  return paths;
}

function unwrapKeysOf(presets: readonly Preset[]): string[] {
  return [...new Set(presets.flatMap((preset) => (preset.unwrap ? [preset.unwrap] : [])))];
}

export interface ChooseOptions {
  /** `--preset NAME` ('native': no preset). */
  name?: string;
  /** A forced kind (`kind:path`, or the config mapping's). */
  kind?: Kind;
  /** A preset built from the config's mapping for this input. */
  mapping?: Preset;
}

/**
 * The preset to read a file with: the config's mapping when there is one, else the named preset
 * (the best-fitting of its variants), else the best-fitting preset when it fits well enough
 * (MIN_CONFIDENCE) and recognises more columns than a native reading would; otherwise none
 * (native columns). Throws a UserError when a named preset or mapping lacks a required column.
 */
export function choosePreset(header: readonly string[], file: string, options: ChooseOptions = {}): PresetChoice | undefined {
  if (options.mapping) {
    const preset = options.mapping;
    const score = scorePreset(preset, header);
    if (score.missing.length > 0) {
      throw new UserError(`the config mapping for this file needs a column for ${score.missing.join(', ')}: none of ${describeSources(preset, score.missing)} is in the header`, { file });
    }
    return { preset, confidence: preset.detect.length > 0 ? score.confidence : 1, origin: 'config', headerZone: score.zone };
  }
  if (options.name === 'native') return undefined;
  if (options.name !== undefined) {
    const variants = PRESETS.filter((preset) => preset.name === options.name && (!options.kind || preset.kind === options.kind));
    if (variants.length === 0) {
      throw new UserError(`--preset: unknown preset '${options.name}' (expected ${[...PRESET_NAMES, 'native'].join(', ')})`);
    }
    const scored = variants.map((preset) => ({ preset, score: scorePreset(preset, header) }));
    scored.sort((a, b) => a.score.missing.length - b.score.missing.length || b.score.confidence - a.score.confidence);
    const best = scored[0];
    if (best.score.missing.length > 0) {
      throw new UserError(
        `not a ${options.name} export as supmetrics knows it: no column for ${best.score.missing.join(', ')} (looked for ${describeSources(best.preset, best.score.missing)})`,
        { file },
      );
    }
    return { preset: best.preset, confidence: best.score.confidence, origin: 'named', headerZone: best.score.zone };
  }
  const native = nativeMatches(header);
  let best: { preset: Preset; score: Score } | undefined;
  for (const preset of PRESETS) {
    if (options.kind && preset.kind !== options.kind) continue;
    const score = scorePreset(preset, header);
    if (score.missing.length > 0 || score.confidence < MIN_CONFIDENCE || score.matched < MIN_MATCHED || score.matched <= native) continue;
    if (!best || score.confidence > best.score.confidence || (score.confidence === best.score.confidence && score.matched > best.score.matched)) {
      best = { preset, score };
    }
  }
  return best ? { preset: best.preset, confidence: best.score.confidence, origin: 'detected', headerZone: best.score.zone } : undefined;
}

function describeSources(preset: Preset, fields: readonly string[]): string {
  const names = fields.flatMap((field) => {
    const rule = preset.fields[field];
    return rule === undefined ? [`'${field}'`] : ruleColumns(asRule(rule)).map((name) => `'${name}'`);
  });
  return names.length > 0 ? names.join(', ') : '(no column named)';
}

// ---------------------------------------------------------------------------------------------
// Mapping rows

/** Seconds per unit of a numeric duration column. */
const UNIT_SECONDS: Record<Exclude<DurationUnit, 'hms'>, number> = { seconds: 1, minutes: 60, hours: 3600 };

/** `[-]H:MM:SS` or `[-]MM:SS` (also `H:MM:SS.fff`) as seconds; NaN for anything else. */
export function hmsSeconds(text: string): number {
  const negative = text.startsWith('-');
  const parts = (negative ? text.slice(1) : text).split(':');
  if (parts.length < 2 || parts.length > 3) return NaN;
  let total = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i].trim();
    if (!/^[0-9]+(\.[0-9]+)?$/.test(part) || (i < parts.length - 1 && part.includes('.'))) return NaN;
    total = total * 60 + Number(part);
  }
  return negative ? -total : total;
}

/** Where a field's value comes from in one input, bound to its header. */
interface Source {
  field: string;
  type: FieldType;
  rule: ColumnRule;
  /** CSV: header indexes of the candidate columns, in preference order. */
  indexes: number[];
  /** CSV: header indexes joined with a space. */
  joinIndexes: number[] | undefined;
  /** JSON: the names/paths to look up, in order. */
  names: string[];
  /** The header columns used, as shown by `inspect`. */
  label: string;
  whenIndex: number;
  whenValues: Set<string> | undefined;
  values: Map<string, string> | undefined;
  timeFormats: WallParser[];
  /**
   * Raw cell -> mapped value, for sources with a value map (a handful of values, each lower-cased
   * and looked up once). Other text is passed on as it is: a memo of it was only a Map lookup
   * per cell (1M-row Zendesk export: 5.0 -> 4.5 s).
   */
  memo: Map<string, Cell> | undefined;
}

/** Where one stream of rows goes: a native header, its sources and its RowMapper. */
interface Stream {
  header: string[];
  sources: Source[];
  mapper: RowMapper;
  out: Cell[];
  target: MapTarget;
}

export interface PresetReaderOptions {
  /** Zone for naive timestamps when neither the header nor the preset names one (--tz, config). */
  zone: string;
  dateOrder?: DateOrder;
  /** Where the rows go (the preset's kind). */
  target: MapTarget;
  /** Where survey answers read from the same rows go, when the preset has any. */
  surveyTarget?: MapTarget;
}

const MEMO_LIMIT = 4096;

/**
 * The input's log as the RowMapper sees it: the same counts and lists, with problems named by
 * the export's own column (`Created at`) rather than the native field the mapper read.
 */
function namingLog(log: InputLog, labels: ReadonlyMap<string, string>): InputLog {
  const name = (column: string | undefined) => (column === undefined ? undefined : (labels.get(column) ?? column));
  return {
    get read() {
      return log.read;
    },
    set read(value: number) {
      log.read = value;
    },
    get rejected() {
      return log.rejected;
    },
    get warnings() {
      return log.warnings;
    },
    get rejects() {
      return log.rejects;
    },
    get warningSamples() {
      return log.warningSamples;
    },
    reject: (line: number, reason: string, column?: string) => log.reject(line, reason, name(column)),
    warn: (line: number, reason: string, column?: string) => log.warn(line, reason, name(column)),
  } as unknown as InputLog;
}

/**
 * Reads the rows of one input through a preset: `row` for CSV records (aligned with `header`),
 * `object` for JSON records; `end` when the input is done (a folded event log emits its records
 * then). Each row becomes native columns for the RowMapper of its kind.
 */
export class PresetReader {
  readonly choice: PresetChoice;
  /** Model field -> the column(s) it is read from. */
  readonly mappedColumns: Record<string, string> = {};
  readonly unmappedColumns: string[] = [];
  /** Survey field -> the column(s) it is read from, for answers on the same rows. */
  readonly surveyColumns: Record<string, string> = {};
  /** Input rows folded into a later row of the same record (event logs). */
  rowsFolded = 0;
  private readonly width: number;
  private readonly main: Stream;
  private readonly survey: Stream | undefined;
  private readonly surveyScore: number;
  private readonly empty: Set<string>;
  private readonly zone: ZoneResolver;
  private readonly parseTime: (text: string) => number;
  private readonly foldKey: number;
  private readonly folded = new Map<Cell, { main: Cell[]; survey: Cell[] | undefined; line: number; order: number }>();
  /** The column that orders the rows of a record (latestBy), and the current row's cells. */
  private orderIndex = -1;
  private current: { fields?: readonly string[]; record?: Record<string, unknown> } = {};
  private readonly unwrap: string | undefined;
  private readonly json: boolean;
  /** Line of the row being mapped. */
  private line = 0;

  /**
   * `header`: the CSV header, or for JSON the key paths of the first record (`json` true), which
   * serve only to show the mapping: JSON records are looked up by name, each on its own.
   */
  constructor(choice: PresetChoice, header: readonly string[] | undefined, options: PresetReaderOptions, json = false) {
    this.json = json;
    this.choice = choice;
    const { preset } = choice;
    const zone = choice.headerZone ?? preset.timeZone ?? options.zone;
    this.zone = zoneResolver(zone);
    this.parseTime = createTimestampParser({ zone, dateOrder: options.dateOrder });
    this.empty = new Set((preset.empty ?? []).map((marker) => marker.trim().toLowerCase()));
    this.unwrap = preset.unwrap;
    this.width = header?.length ?? 0;
    const used = new Set<number>();
    this.main = this.stream(preset.kind, preset.fields, header, options.target, used, true);
    if (preset.surveys && options.surveyTarget) {
      this.survey = this.stream('surveys', preset.surveys.fields, header, options.surveyTarget, used, false);
      this.surveyScore = this.survey.header.indexOf('score');
    } else {
      this.surveyScore = -1;
    }
    const recordKey = preset.recordKey ?? KEY_FIELD[preset.kind];
    this.foldKey = preset.rowsPerRecord === 'last' && recordKey !== undefined ? this.main.header.indexOf(recordKey) : -1;
    if (preset.latestBy && header && !json) {
      this.orderIndex = findColumn(header, preset.latestBy.column).index;
      if (this.orderIndex >= 0) used.add(this.orderIndex);
    }
    const formats = preset.timeFormat === undefined ? [] : Array.isArray(preset.timeFormat) ? preset.timeFormat : [preset.timeFormat];
    this.orderFormats = formats.map((format: string) => compileTimeFormat(format));
    if (header && !json) {
      header.forEach((column, index) => {
        if (!used.has(index) && column.trim() !== '') this.unmappedColumns.push(column);
      });
    }
  }

  private orderFormats: WallParser[] = [];

  private stream(kind: Kind, fields: Readonly<Record<string, FieldRule>>, header: readonly string[] | undefined, target: MapTarget, used: Set<number>, record: boolean): Stream {
    const spec = KINDS[kind] as KindSpec;
    const sources: Source[] = [];
    const { preset } = this.choice;
    for (const [field, raw] of Object.entries(fields)) {
      const fieldSpec = spec[field];
      if (!fieldSpec || fieldSpec.type === 'ignored') continue;
      const rule = asRule(raw);
      const indexes: number[] = [];
      const names: string[] = [];
      const labels: string[] = [];
      for (const name of rule.columns ?? []) {
        names.push(name);
        if (!header) continue;
        const found = findColumn(header, name);
        if (found.index >= 0) {
          indexes.push(found.index);
          used.add(found.index);
          labels.push(header[found.index]);
        }
      }
      let joinIndexes: number[] | undefined;
      if (rule.join && rule.join.length > 0) {
        joinIndexes = [];
        for (const name of rule.join) {
          names.push(name);
          if (!header) continue;
          const found = findColumn(header, name);
          if (found.index < 0) {
            joinIndexes = undefined;
            break;
          }
          joinIndexes.push(found.index);
          used.add(found.index);
          labels.push(header[found.index]);
        }
        if (header && !joinIndexes && !this.json) continue;
      }
      if (header && !this.json && rule.value === undefined && !rule.line && indexes.length === 0 && !joinIndexes) continue;
      let whenIndex = -1;
      if (rule.when && header) {
        whenIndex = findColumn(header, rule.when.column).index;
        if (whenIndex >= 0) used.add(whenIndex);
      }
      const formats = rule.format ?? preset.timeFormat;
      const timeFormats = fieldSpec.type === 'time' && formats ? (Array.isArray(formats) ? formats : [formats]).map((format: string) => compileTimeFormat(format)) : [];
      const label =
        rule.value !== undefined ? `= ${rule.value}` : rule.line ? '(line number)' : joinIndexes ? labels.join(' + ') : header && labels.length > 0 ? labels.join(' | ') : names.join(' | ');
      sources.push({
        field,
        type: fieldSpec.type,
        rule,
        indexes,
        joinIndexes,
        names: rule.join && !rule.columns ? [] : (rule.columns ?? []).slice(),
        label,
        whenIndex,
        whenValues: rule.when ? new Set(rule.when.in.map((value) => value.trim().toLowerCase())) : undefined,
        values: rule.values ? new Map(Object.entries(rule.values).map(([from, to]) => [from.trim().toLowerCase(), to])) : undefined,
        timeFormats,
        memo: rule.values ? new Map() : undefined,
      });
      if (record) this.mappedColumns[field] = label;
      else this.surveyColumns[field] = label;
    }
    const nativeHeader = sources.map((source) => source.field);
    const labels = new Map(sources.map((source) => [source.field, source.label]));
    const mapperTarget: MapTarget = { ...target, log: namingLog(target.log, labels) };
    return { header: nativeHeader, sources, mapper: new RowMapper(mapperTarget, nativeHeader), out: new Array<Cell>(nativeHeader.length).fill(''), target };
  }

  /** A CSV record aligned with the header. */
  row(fields: readonly string[], line: number): void {
    if (fields.length !== this.width) {
      const { log } = this.main.target;
      log.read++;
      log.reject(line, `expected ${this.width} fields, found ${fields.length}`);
      return;
    }
    this.line = line;
    this.fill(this.main, fields, undefined);
    if (this.survey) this.fill(this.survey, fields, undefined);
    this.current.fields = fields;
    this.emit(line);
  }

  /** A JSON record. */
  object(value: Record<string, unknown>, line: number): void {
    let record = value;
    if (this.unwrap) {
      const inner = value[this.unwrap];
      if (inner !== null && typeof inner === 'object' && !Array.isArray(inner)) record = inner as Record<string, unknown>;
    }
    this.line = line;
    this.fill(this.main, undefined, record);
    if (this.survey) this.fill(this.survey, undefined, record);
    this.current.record = record;
    this.emit(line);
  }

  /** What the input's entry in the report says about how it was read. */
  info(): {
    preset: string;
    presetDetail: { name: string; variant: string; confidence: number; origin: string; zone?: string };
    columns: Record<string, string>;
    unmappedColumns: string[];
    rowsFolded?: number;
  } {
    const { preset, confidence, origin, headerZone } = this.choice;
    return {
      preset: preset.name,
      presetDetail: { name: preset.name, variant: preset.variant, confidence, origin, ...(headerZone ? { zone: headerZone } : {}) },
      columns: { ...this.mappedColumns },
      unmappedColumns: [...this.unmappedColumns],
      ...(this.choice.preset.rowsPerRecord ? { rowsFolded: this.rowsFolded } : {}),
    };
  }

  /** End of the input: a folded log's records are mapped now, in the order they first appeared. */
  end(): void {
    for (const { main, survey, line } of this.folded.values()) {
      this.main.mapper.row(main, line);
      if (survey && this.survey) this.survey.mapper.row(survey, line);
    }
    this.folded.clear();
  }

  private emit(line: number): void {
    const survey = this.survey && this.surveyScore >= 0 && this.survey.out[this.surveyScore] !== '' ? this.survey.out : undefined;
    if (this.foldKey >= 0) {
      const key = this.main.out[this.foldKey];
      const order = this.orderOf();
      const kept = this.folded.get(key);
      if (kept) {
        this.rowsFolded++;
        // The later row wins, unless the preset orders rows and this one is older.
        if (order < kept.order) return;
      }
      // A record keeps the place of its first row (Map order); its values are those of its latest row.
      this.folded.set(key, { main: this.main.out.slice(), survey: survey?.slice(), line, order });
      return;
    }
    this.main.mapper.row(this.main.out, line);
    if (survey) this.survey!.mapper.row(survey, line);
  }

  /** The order of the current row within its record (latestBy); -Infinity when the preset gives none or it is unreadable. */
  private orderOf(): number {
    const latest = this.choice.preset.latestBy;
    if (!latest) return -Infinity;
    const { fields, record } = this.current;
    const cell = fields ? (this.orderIndex >= 0 ? this.clean(fields[this.orderIndex]) : '') : this.clean(valueAt(record!, latest.column));
    if (cell === '') return -Infinity;
    let value: number;
    if (latest.as === 'number') {
      value = Number(cell);
    } else {
      value = NaN;
      for (const format of this.orderFormats) {
        const wall = format(cell);
        if (wall === wall) {
          value = this.zone.toInstant(wall);
          break;
        }
      }
      if (value !== value) value = this.parseTime(cell);
    }
    return value === value ? value : -Infinity;
  }

  private clean(raw: unknown): string {
    if (raw === null || raw === undefined) return '';
    let text = typeof raw === 'string' ? raw : typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
    if (text.length > 0 && (text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32)) text = text.trim();
    if (this.empty.size > 0 && this.empty.has(text.toLowerCase())) return '';
    return text;
  }

  private fill(stream: Stream, fields: readonly string[] | undefined, record: Record<string, unknown> | undefined): void {
    const { sources, out } = stream;
    for (let s = 0; s < sources.length; s++) {
      const source = sources[s];
      out[s] = this.value(source, fields, record);
    }
  }

  /** The raw text of a source in this row: a constant, joined cells, or the first candidate with a value. */
  private raw(source: Source, fields: readonly string[] | undefined, record: Record<string, unknown> | undefined): string {
    const { rule } = source;
    if (rule.value !== undefined) return rule.value;
    if (rule.line) return String(this.line);
    if (rule.join && rule.join.length > 0) {
      const parts: string[] = [];
      if (fields) {
        for (const index of source.joinIndexes ?? []) {
          const cell = this.clean(fields[index]);
          if (cell === '') return '';
          parts.push(cell);
        }
      } else {
        for (const name of rule.join) {
          const cell = this.clean(valueAt(record!, name));
          if (cell === '') return '';
          parts.push(cell);
        }
      }
      if (parts.length > 0) return parts.join(' ');
    }
    if (fields) {
      for (const index of source.indexes) {
        const cell = this.clean(fields[index]);
        if (cell !== '') return cell;
      }
    } else {
      for (const name of source.names) {
        const cell = this.clean(valueAt(record!, name));
        if (cell !== '') return cell;
      }
    }
    return '';
  }

  private value(source: Source, fields: readonly string[] | undefined, record: Record<string, unknown> | undefined): Cell {
    const raw = this.raw(source, fields, record);
    if (raw === '') return '';
    if (source.whenValues) {
      const cell = fields ? (source.whenIndex >= 0 ? this.clean(fields[source.whenIndex]) : '') : this.clean(valueAt(record!, source.rule.when!.column));
      if (!source.whenValues.has(cell.toLowerCase())) return '';
    }
    const memo = source.memo;
    if (memo) {
      const known = memo.get(raw);
      if (known !== undefined) return known;
    }
    const value = this.convert(source, raw);
    if (memo && memo.size < MEMO_LIMIT) memo.set(raw, value);
    return value;
  }

  /**
   * The value of a raw cell as the row mapper takes it: mapped text, or a time (epoch ms) or a
   * duration (seconds) already read, so that the mapper does not parse a string made for it.
   * What cannot be read is passed on as text, for the mapper to report.
   */
  private convert(source: Source, raw: string): Cell {
    const { rule } = source;
    let text = raw;
    if (source.values) {
      const mapped = source.values.get(text.toLowerCase());
      if (mapped !== undefined) text = mapped;
      else if (rule.strict) return '';
      if (text === '') return '';
    }
    if (rule.atLeast !== undefined) {
      const number = Number(text);
      return Number.isFinite(number) ? (number >= rule.atLeast ? 'true' : 'false') : text;
    }
    if (rule.unit) {
      const seconds = rule.unit === 'hms' ? hmsSeconds(text) : Number(text) * UNIT_SECONDS[rule.unit];
      // Unreadable text is passed on as it is: the RowMapper warns about it and drops it.
      return Number.isFinite(seconds) && text.trim() !== '' ? seconds : text;
    }
    if (source.type === 'time') {
      let ms = NaN;
      for (const parse of source.timeFormats) {
        const wall = parse(text);
        if (wall === wall) {
          ms = this.zone.toInstant(wall);
          break;
        }
      }
      if (ms !== ms) ms = this.parseTime(text);
      // An unreadable timestamp is passed on as it is, for the RowMapper to report.
      return ms === ms ? ms : text;
    }
    return text;
  }
}

/** Whether a preset name is known (or 'native'). */
export function isPresetName(name: string): boolean {
  return name === 'native' || PRESET_NAMES.includes(name);
}

/** The presets with their detection columns, for `supmetrics inspect` and the docs. */
export function presetSummary(): { name: string; variant: string; kind: Kind; columns: string[] }[] {
  return PRESETS.map((preset) => ({ name: preset.name, variant: preset.variant, kind: preset.kind, columns: [...preset.detect] }));
}

