import { Option } from 'commander';
import type { Command } from 'commander';
import { UserError } from '../errors.js';
import type { Filters } from '../report/select.js';
import { FILTER_NAMES } from '../report/select.js';
import { METRIC_IDS } from '../metrics/registry.js';
import { DEFAULT_CONFIG_FILE } from '../config/load.js';
import type { Dimension } from '../report/breakdown.js';
import { DIMENSIONS } from '../report/breakdown.js';

/** Options shared by the commands that read inputs (report, and later check). */
export interface InputOptions {
  period?: string;
  tz?: string;
  dateOrder?: 'dmy' | 'mdy';
  config?: string;
  channel?: string[];
  agent?: string[];
  team?: string[];
  priority?: string[];
  metrics?: string[];
  by?: string[];
}

/** `a,b, c` → ['a', 'b', 'c'], collecting repeated options. */
export function commaList(value: string, previous: string[] | undefined): string[] {
  const items = value.split(',').map((item) => item.trim()).filter((item) => item !== '');
  return [...(previous ?? []), ...items];
}

export function addInputOptions(command: Command): Command {
  return command
    .option('-p, --period <period>', 'period to report on (see below); default: the whole span of the data')
    .option('--tz <zone>', 'IANA time zone for periods and for timestamps without an offset (default: config timeZone, else UTC)')
    .addOption(
      new Option('--date-order <order>', 'day/month order of slashed dates like 05/03/2024 (default: dmy)').choices(['dmy', 'mdy']),
    )
    .option('--config <file>', `config file (default: ${DEFAULT_CONFIG_FILE} when present)`)
    .option('--channel <list>', 'only these channels (comma list)', commaList)
    .option('--agent <list>', 'only these agents (comma list)', commaList)
    .option('--team <list>', 'only these teams (comma list)', commaList)
    .option('--priority <list>', 'only these priorities (comma list)', commaList)
    .option('--metrics <ids>', 'only these metric ids (comma list; see `supmetrics metrics`)', commaList)
    .option('--by <dimensions>', `break every metric down by (comma list): ${DIMENSIONS.join(', ')}`, commaList);
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
