import { isAbsolute, normalize, resolve, sep } from 'node:path';
import type { Kind, KindSpec } from '../../model/fields.js';
import { KINDS, KIND_NAMES } from '../../model/fields.js';
import type { Config } from '../../config/schema.js';
import { UserError } from '../../errors.js';
import { compileTimeFormat } from '../../time/format.js';
import { assertZone } from '../../time/zone.js';
import { normalizeColumn } from '../detect.js';
import { asRule, choosePreset } from './engine.js';
import type { PresetChoice } from './engine.js';
import { PRESET_NAMES } from './index.js';
import type { ColumnRule, FieldRule, Preset } from './types.js';

/**
 * Config mappings (`inputs` in the config file): how to read an export that has no preset, or how
 * to adjust one. A mapping is turned into a preset (the named preset's, or native columns, with
 * the mapping's columns, values, units, conditions, constants and time format laid over it), so
 * the same engine reads it.
 */

export type InputMapping = NonNullable<Config['inputs']>[number];

/** Paths compared: normalized, with forward slashes. */
function slashed(path: string): string {
  return normalize(path).split(sep).join('/');
}

/**
 * The mapping for an input: the first whose path is the input's path (as given, or resolved from
 * the working folder), or a suffix of it at a folder boundary (`calls.csv` matches
 * `exports/2024/calls.csv`); with a forced kind (`kind:path`), one of that kind is preferred.
 */
export function findMapping(
  path: string,
  kind: Kind | undefined,
  mappings: readonly InputMapping[] | undefined,
): { entry: InputMapping; index: number } | undefined {
  if (!mappings || path === '-') return undefined;
  const given = slashed(path);
  const absolute = slashed(resolve(path));
  const matches: { entry: InputMapping; index: number }[] = [];
  mappings.forEach((entry, index) => {
    const wanted = slashed(entry.path);
    const hit =
      wanted === given ||
      (isAbsolute(entry.path) ? wanted === absolute : slashed(resolve(entry.path)) === absolute) ||
      given.endsWith(`/${wanted.replace(/^\.\//, '')}`);
    if (hit) matches.push({ entry, index });
  });
  if (kind) return matches.find((match) => match.entry.kind === kind) ?? matches.find((match) => !match.entry.kind);
  return matches[0];
}

function configError(where: string, message: string): UserError {
  return new UserError(`invalid config: ${where}: ${message}`);
}

/** Checks every mapping against the model: field names, preset names, time formats and zones. */
export function checkMappings(mappings: readonly InputMapping[] | undefined): void {
  (mappings ?? []).forEach((entry, i) => {
    const at = `inputs[${i}]`;
    const kinds = entry.kind ? [entry.kind] : KIND_NAMES;
    const isField = (field: string) => kinds.some((kind) => field in KINDS[kind]);
    for (const key of ['map', 'values', 'units', 'when', 'constants'] as const) {
      for (const field of Object.keys(entry[key] ?? {})) {
        if (!isField(field)) {
          throw configError(`${at}.${key}.${field}`, `not a field of ${kinds.join(' or ')} (see README, "Columns")`);
        }
      }
      for (const field of Object.keys(entry.surveys?.[key] ?? {})) {
        if (!(field in KINDS.surveys)) throw configError(`${at}.surveys.${key}.${field}`, 'not a field of surveys (see README, "Columns")');
      }
    }
    for (const field of Object.keys(entry.units ?? {})) {
      const spec = kinds.map((kind) => (KINDS[kind] as KindSpec)[field]).find(Boolean);
      if (spec && spec.type !== 'number') throw configError(`${at}.units.${field}`, 'units apply to duration (number) fields such as wait_seconds');
    }
    if (entry.preset !== undefined && !PRESET_NAMES.includes(entry.preset)) {
      throw configError(`${at}.preset`, `unknown preset '${entry.preset}' (expected ${PRESET_NAMES.join(', ')})`);
    }
    if (entry.time?.format !== undefined) {
      try {
        compileTimeFormat(entry.time.format);
      } catch (error) {
        throw configError(`${at}.time.format`, (error as Error).message);
      }
    }
    if (entry.time?.zone !== undefined) {
      try {
        assertZone(entry.time.zone);
      } catch (error) {
        throw configError(`${at}.time.zone`, (error as Error).message);
      }
    }
  });
}

/** A preset reading native columns: each field from the column of its own name. */
function nativePreset(kind: Kind): Preset {
  const fields: Record<string, FieldRule> = {};
  for (const field of Object.keys(KINDS[kind])) fields[field] = field;
  return { name: 'native', variant: 'native columns', kind, detect: [], fields };
}

/** The kind a mapping without one reads: the first whose required fields it (or the header) provides. */
function mappingKind(entry: InputMapping, header: readonly string[]): Kind {
  const given = new Set([...Object.keys(entry.map ?? {}), ...Object.keys(entry.constants ?? {}), ...header.map(normalizeColumn)]);
  const fits = KIND_NAMES.filter((kind) =>
    Object.entries(KINDS[kind] as KindSpec).every(([field, spec]) => !spec.required || given.has(field)),
  );
  return fits[0] ?? 'contacts';
}

type FieldMapping = Pick<InputMapping, 'map' | 'values' | 'units' | 'when' | 'constants'>;

/** Field rules with a mapping's columns, values, units, conditions and constants laid over them. */
function overlay(base: Readonly<Record<string, FieldRule>>, entry: FieldMapping): Record<string, FieldRule> {
  const fields: Record<string, FieldRule> = { ...base };
  const rule = (field: string): ColumnRule => ({ ...asRule(fields[field] ?? field) });
  for (const [field, column] of Object.entries(entry.map ?? {})) {
    const previous = fields[field] === undefined ? {} : asRule(fields[field]);
    const next: ColumnRule = { ...previous, value: undefined, line: undefined };
    if (column === LINE) {
      next.line = true;
      next.columns = undefined;
      next.join = undefined;
    } else if (Array.isArray(column)) {
      next.join = column;
      next.columns = undefined;
    } else {
      next.columns = [column as string];
      next.join = undefined;
    }
    fields[field] = next;
  }
  for (const [field, values] of Object.entries(entry.values ?? {})) {
    const next = rule(field);
    next.values = { ...(next.values ?? {}), ...values };
    fields[field] = next;
  }
  for (const [field, unit] of Object.entries(entry.units ?? {})) fields[field] = { ...rule(field), unit };
  for (const [field, conditions] of Object.entries(entry.when ?? {})) {
    const [column, values] = Object.entries(conditions)[0] ?? [];
    if (column !== undefined) fields[field] = { ...rule(field), when: { column, in: values } };
  }
  for (const [field, value] of Object.entries(entry.constants ?? {})) fields[field] = { ...rule(field), value };
  return fields;
}

/** The map value that reads the line number. */
const LINE = '$line';

/** The mapping laid over a base preset. */
export function applyMapping(base: Preset, entry: InputMapping): Preset {
  const surveys = entry.surveys
    ? { fields: overlay(base.surveys?.fields ?? {}, entry.surveys) }
    : base.surveys;
  return {
    ...base,
    name: base.name === 'native' ? 'config' : base.name,
    variant: base.name === 'native' ? 'config mapping' : `${base.variant} + config mapping`,
    kind: entry.kind ?? base.kind,
    fields: overlay(base.fields, entry),
    ...(surveys ? { surveys } : {}),
    timeFormat: entry.time?.format ?? base.timeFormat,
    timeZone: entry.time?.zone ?? base.timeZone,
    empty: entry.empty ? [...(base.empty ?? []), ...entry.empty] : base.empty,
  };
}

export interface SelectOptions {
  /** `--preset NAME`. */
  preset?: string;
  /** Forced kind (`kind:path`). */
  kind?: Kind;
  /** The config mapping that applies to this input. */
  mapping?: InputMapping;
}

/**
 * The preset an input is read with, once its header is known: a config mapping (over its preset
 * or native columns), else `--preset`, else detection; undefined means native columns.
 */
export function selectPreset(header: readonly string[], file: string, options: SelectOptions): PresetChoice | undefined {
  const { mapping } = options;
  if (mapping) {
    const kind = mapping.kind ?? options.kind;
    let base: Preset;
    if (mapping.preset) {
      base = choosePreset(header, file, { name: mapping.preset, kind })!.preset;
    } else {
      base = nativePreset(kind ?? mappingKind(mapping, header));
    }
    return choosePreset(header, file, { mapping: applyMapping(base, mapping), kind });
  }
  return choosePreset(header, file, { name: options.preset, kind: options.kind });
}
