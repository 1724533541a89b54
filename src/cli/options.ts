import { Option } from 'commander';
import type { Command } from 'commander';
import { UserError } from '../errors.js';
import type { Filters } from '../report/select.js';
import { FILTER_NAMES } from '../report/select.js';
import { METRIC_IDS } from '../metrics/registry.js';
import { DEFAULT_CONFIG_FILE } from '../config/file.js';
import { encodingNamed } from '../ingest/decode.js';
import type { ReadOptions } from '../ingest/read.js';
import { assertZone } from '../time/timestamp.js';
import type { Config } from '../config/schema.js';
import { durationSeconds } from '../config/settings.js';
import type { Dimension } from '../report/breakdown.js';
import { DIMENSIONS } from '../report/breakdown.js';
import type { CompareMode } from '../time/compare.js';

/** Options shared by the commands that read inputs (report, and later check). */
export interface InputOptions {
  period?: string;
  tz?: string;
  dateOrder?: 'dmy' | 'mdy';
  encoding?: string;
  config?: string;
  /** `--preset NAME`: read the inputs with this preset ('native': none). */
  preset?: string;
  channel?: string[];
  agent?: string[];
  team?: string[];
  priority?: string[];
  metrics?: string[];
  by?: string[];
  businessHours?: boolean;
  staffing?: boolean;
  compare?: CompareMode;
  trend?: boolean;
  answerWithin?: string;
  serviceLevelTarget?: string;
}

/** `a,b, c` → ['a', 'b', 'c'], collecting repeated options. */
export function commaList(value: string, previous: string[] | undefined): string[] {
  const items = value.split(',').map((item) => item.trim()).filter((item) => item !== '');
  return [...(previous ?? []), ...items];
}

export const ENCODING_HELP =
  'text encoding of files without a BOM, e.g. windows-1250, iso-8859-2, shift_jis (default: UTF-8, or Windows-1252 when most of the first megabyte is not UTF-8)';

export function addInputOptions(command: Command): Command {
  return command
    .option('-p, --period <period>', 'period to report on (see below); default: the whole span of the data')
    .option('--tz <zone>', 'IANA time zone for periods and for timestamps without an offset (default: config timeZone, else UTC)')
    .addOption(
      new Option('--date-order <order>', 'day/month order of slashed dates like 05/03/2024 (default: dmy)').choices(['dmy', 'mdy']),
    )
    .option('--encoding <name>', ENCODING_HELP)
    .option('--config <file>', `config file (default: ${DEFAULT_CONFIG_FILE} when present)`)
    .option('--preset <name>', 'read the inputs with this preset: zendesk, freshdesk, intercom, livechat, zammad, servicenow (native: none); default: detected from the header')
    .option('--channel <list>', 'only these channels (comma list)', commaList)
    .option('--agent <list>', 'only these agents (comma list)', commaList)
    .option('--team <list>', 'only these teams (comma list)', commaList)
    .option('--priority <list>', 'only these priorities (comma list)', commaList)
    .option('--metrics <ids>', 'only these metric ids (comma list; see `supmetrics metrics`)', commaList)
    .option('--business-hours', 'count durations in open hours only (businessHours and holidays of the config)')
    .option('--by <dimensions>', `break every metric down by (comma list): ${DIMENSIONS.join(', ')}`, commaList);
}

/** Options of the staffing model, for `report --staffing` and `staffing`. */
export function addStaffingOptions(command: Command): Command {
  return command
    .option('--answer-within <duration>', 'service level: answered within this time, e.g. 20s (default: config, else 20s)')
    .option('--service-level-target <percent>', 'share to answer within it, e.g. 80 (default: config, else 80)');
}

/** The staffing model's settings from the options, else the config, else 80% in 20 s. */
export function staffingSettings(options: InputOptions, config: Config): { targetSeconds: number; serviceLevelTarget: number } {
  const within = options.answerWithin ?? config.serviceLevel?.answerWithin ?? '20s';
  if (!/^[0-9]+(\.[0-9]+)?[smhd]$/.test(within)) throw new UserError(`--answer-within '${within}': expected a duration like 20s or 1m`);
  const target = options.serviceLevelTarget !== undefined ? Number(options.serviceLevelTarget) : (config.serviceLevel?.target ?? 80);
  if (!(target > 0 && target < 100)) throw new UserError(`--service-level-target '${options.serviceLevelTarget}': expected a percent between 0 and 100`);
  return { targetSeconds: durationSeconds(within), serviceLevelTarget: target / 100 };
}

export function filtersOf(options: InputOptions): Filters {
  const filters: Filters = {};
  for (const name of FILTER_NAMES) if (options[name]) filters[name] = options[name];
  return filters;
}

/** Checks `--by` dimensions. */
export function checkDimensions(names: readonly string[] | undefined): Dimension[] {
  const unknown = (names ?? []).find((name) => !(DIMENSIONS as readonly string[]).includes(name));
  if (unknown) throw new UserError(`--by: unknown dimension '${unknown}' (expected ${DIMENSIONS.join(', ')})`);
  return [...new Set(names ?? [])] as Dimension[];
}

/** Checks `--metrics` ids against the registry. */
export function checkMetricIds(ids: readonly string[] | undefined): void {
  const unknown = (ids ?? []).filter((id) => !METRIC_IDS.includes(id));
  if (unknown.length > 0) {
    throw new UserError(`--metrics: unknown metric id '${unknown[0]}' (run \`supmetrics metrics\` for the list)`);
  }
}

/** The report's zone: `--tz`, else the config's `timeZone`, else UTC; checked. */
export function reportZone(options: InputOptions, config: Config): string {
  const zone = options.tz ?? config.timeZone ?? 'UTC';
  assertZone(zone);
  return zone;
}

/** How the inputs are read, from the options over the config. */
export function readOptionsFor(options: Pick<InputOptions, 'dateOrder' | 'encoding' | 'preset'>, config: Config, zone: string): ReadOptions {
  const encoding =
    options.encoding !== undefined ? encodingNamed(options.encoding) : config.encoding !== undefined ? encodingNamed(config.encoding, 'config encoding') : undefined;
  return { zone, dateOrder: options.dateOrder ?? config.dateOrder ?? 'dmy', encoding, preset: options.preset, mappings: config.inputs };
}
