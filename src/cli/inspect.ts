import { Command, Option } from 'commander';
import { readConfig } from '../config/file.js';
import type { Dataset } from '../model/dataset.js';
import type { KindSpec } from '../model/fields.js';
import { KINDS } from '../model/fields.js';
import type { NumberColumn, Table, TimeColumn } from '../model/table.js';
import { readInputs } from '../ingest/read.js';
import type { InputInfo } from '../ingest/read.js';
import { expandSources } from '../ingest/sources.js';
import { ENCODING_HELP, readOptionsFor, reportZone } from './options.js';
import { formatInstant } from '../time/period.js';

interface InspectOptions {
  preset?: string;
  tz?: string;
  dateOrder?: 'dmy' | 'mdy';
  encoding?: string;
  config?: string;
  format: 'table' | 'json';
  samples: string;
}

/** How many sample rows and problems are shown per input. */
const DEFAULT_SAMPLES = 3;
const PROBLEMS_SHOWN = 5;

const EXAMPLES = `
Shows how each file is read: its kind, the preset (detected from the header, named with
--preset, or a mapping from the config's "inputs") with its confidence (the share of the
preset's columns found), the model field each column is read into, the columns left unread,
a few rows as the model holds them, and the first rejected rows with their reasons.

Examples:
  $ supmetrics inspect exports/tickets.csv
  $ supmetrics inspect exports/ --format json
  $ supmetrics inspect incidents.csv --preset servicenow --tz Europe/Berlin`;

/** The inspection of one input, as printed with --format json. */
export interface Inspection {
  path: string;
  kind: string;
  format: string;
  delimiter?: string;
  preset: string;
  variant?: string;
  confidence?: number;
  origin?: string;
  timeZone?: string;
  derivedFrom?: string;
  rows: { read: number; rejected: number; warnings: number; folded?: number };
  columns: Record<string, string>;
  unmappedColumns: string[];
  samples: Record<string, string | number | boolean>[];
  rejects: { line: number; column?: string; reason: string }[];
  warnings: { line: number; column?: string; reason: string }[];
}

/** The first rows of one input as the model holds them: only the fields with a value. */
function sampleRows(table: Table<KindSpec>, input: number, count: number, zone: string): Record<string, string | number | boolean>[] {
  const rows: Record<string, string | number | boolean>[] = [];
  const spec = table.spec;
  for (let row = 0; row < table.length && rows.length < count; row++) {
    if (table.origins.inputAt(row) !== input) continue;
    const sample: Record<string, string | number | boolean> = {};
    for (const [field, fieldSpec] of Object.entries(spec)) {
      switch (fieldSpec.type) {
        case 'time': {
          const ms = (table.time as Record<string, TimeColumn>)[field].at(row);
          if (ms === ms) sample[field] = formatInstant(ms, zone);
          break;
        }
        case 'number': {
          const value = (table.number as Record<string, NumberColumn>)[field].at(row);
          if (value === value) sample[field] = value;
          break;
        }
        case 'flag': {
          const value = (table.flag as Record<string, Int8Array>)[field][row];
          if (value >= 0) sample[field] = value === 1;
          break;
        }
        case 'text': {
          const column = (table.text as Record<string, { codes: Int32Array; values: string[] }>)[field];
          const code = column.codes[row];
          if (code >= 0) sample[field] = column.values[code];
          break;
        }
        default:
          break;
      }
    }
    rows.push(sample);
  }
  return rows;
}

export function inspection(info: InputInfo, index: number, data: Dataset, zone: string, samples: number): Inspection {
  const table = data[info.kind as keyof Pick<Dataset, 'contacts' | 'surveys' | 'customers'>] as unknown as Table<KindSpec> | undefined;
  const detail = info.presetDetail;
  return {
    path: info.path,
    kind: info.kind,
    format: info.format,
    ...(info.delimiter !== undefined ? { delimiter: info.delimiter } : {}),
    preset: info.preset,
    ...(detail
      ? { variant: detail.variant, confidence: Math.round(detail.confidence * 1000) / 1000, origin: detail.origin, ...(detail.zone ? { timeZone: detail.zone } : {}) }
      : {}),
    ...(info.derivedFrom ? { derivedFrom: info.derivedFrom } : {}),
    rows: {
      read: info.log.read,
      rejected: info.log.rejected,
      warnings: info.log.warnings,
      ...(info.rowsFolded ? { folded: info.rowsFolded } : {}),
    },
    columns: info.columns,
    unmappedColumns: info.unmappedColumns,
    samples: table && KINDS[info.kind as keyof typeof KINDS] ? sampleRows(table, index, samples, zone) : [],
    rejects: info.log.rejects.slice(0, PROBLEMS_SHOWN),
    warnings: info.log.warningSamples.slice(0, PROBLEMS_SHOWN),
  };
}

function where(problem: { line: number; column?: string }): string {
  return `line ${problem.line}${problem.column ? `, column '${problem.column}'` : ''}`;
}

/** The inspections as text for a terminal. */
export function renderInspections(list: readonly Inspection[]): string {
  const out: string[] = [];
  for (const item of list) {
    out.push(item.path);
    const format = item.delimiter !== undefined ? `${item.format}, delimiter ${JSON.stringify(item.delimiter)}` : item.format;
    out.push(`  kind       ${item.kind} (${format})`);
    if (item.preset === 'native') out.push('  preset     native (columns named as the model fields)');
    else {
      const confidence = item.confidence !== undefined ? `, confidence ${Math.round(item.confidence * 100)}%` : '';
      out.push(`  preset     ${item.preset}: ${item.variant} (${item.origin}${confidence})`);
    }
    if (item.derivedFrom) out.push(`  read from  ${item.derivedFrom} (answers on the same rows)`);
    if (item.timeZone) out.push(`  time zone  ${item.timeZone} (from the header)`);
    const folded = item.rows.folded ? `, ${item.rows.folded} earlier rows folded into their records` : '';
    out.push(`  rows       ${item.rows.read} read, ${item.rows.rejected} rejected, ${item.rows.warnings} warnings${folded}`);
    out.push('  columns');
    const fields = Object.keys(item.columns);
    const width = Math.max(0, ...fields.map((field) => field.length));
    for (const field of fields) out.push(`    ${field.padEnd(width)}  <- ${item.columns[field]}`);
    if (item.unmappedColumns.length > 0) out.push(`  unmapped   ${item.unmappedColumns.join(', ')}`);
    out.push('  sample rows');
    if (item.samples.length === 0) out.push('    (none)');
    item.samples.forEach((sample, i) => {
      const cells = Object.entries(sample).map(([field, value]) => `${field}=${typeof value === 'string' && /\s/.test(value) ? JSON.stringify(value) : String(value)}`);
      out.push(`    ${i + 1}. ${cells.join(' ')}`);
    });
    if (item.rejects.length > 0) {
      out.push(`  rejects (first ${item.rejects.length} of ${item.rows.rejected})`);
      for (const problem of item.rejects) out.push(`    ${where(problem)}: ${problem.reason}`);
    }
    if (item.warnings.length > 0) {
      out.push(`  warnings (first ${item.warnings.length} of ${item.rows.warnings}; the rows were kept)`);
      for (const problem of item.warnings) out.push(`    ${where(problem)}: ${problem.reason}`);
    }
    out.push('');
  }
  return `${out.join('\n')}`;
}

export function inspectCommand(): Command {
  return new Command('inspect')
    .description('show how files are read: kind, preset and confidence, column mapping, sample rows, rejects')
    .argument('<paths...>', 'files or folders (kind:path to force a kind, - for stdin)')
    .option('--preset <name>', 'read with this preset (zendesk, freshdesk, intercom, livechat, zammad, servicenow; native for none)')
    .option('--tz <zone>', 'IANA time zone for timestamps without an offset (default: config timeZone, else UTC)')
    .addOption(new Option('--date-order <order>', 'day/month order of slashed dates like 05/03/2024 (default: dmy)').choices(['dmy', 'mdy']))
    .option('--encoding <name>', ENCODING_HELP)
    .option('--config <file>', 'config file (default: supmetrics.config.json when present)')
    .option('--samples <count>', 'sample rows to show per file', String(DEFAULT_SAMPLES))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .addHelpText('after', EXAMPLES)
    .action(async (paths: string[], options: InspectOptions) => {
      const { config } = await readConfig(options.config);
      const zone = reportZone(options, config);
      const samples = Math.max(0, Math.floor(Number(options.samples))) || 0;
      const sources = expandSources(paths);
      const { data, inputs } = await readInputs(sources, readOptionsFor(options, config, zone));
      const list = inputs.map((info, index) => inspection(info, index, data, zone, samples));
      process.stdout.write(options.format === 'json' ? `${JSON.stringify(list, null, 2)}\n` : renderInspections(list));
    });
}
