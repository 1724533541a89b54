import { Command, Option } from 'commander';
import { UserError } from '../errors.js';
import { readInputs } from '../ingest/read.js';
import type { RowProblem } from '../ingest/log.js';
import { expandSources } from '../ingest/sources.js';
import { readConfig } from '../config/file.js';
import type { Config } from '../config/schema.js';
import { settingsFromConfig } from '../config/settings.js';
import { buildReport } from '../report/build.js';
import { FORMATS, RENDERERS } from '../report/render/index.js';
import type { Format } from '../report/render/index.js';
import type { Report } from '../report/report.js';
import { dataSpan } from '../report/span.js';
import { COMPARE_MODES } from '../time/compare.js';
import { PERIOD_FORMS, parsePeriod } from '../time/period.js';
import { createBusinessCalendar } from '../time/business.js';
import {
  addInputOptions,
  addStaffingOptions,
  checkDimensions,
  checkMetricIds,
  filtersOf,
  readOptionsFor,
  reportZone,
  staffingSettings,
} from './options.js';
import type { InputOptions } from './options.js';
import { outputPath, writeFileAtomic } from './output.js';
import { progressBar } from './progress.js';
import { oneLine, useColor } from './terminal.js';

interface ReportCommandOptions extends InputOptions {
  format: Format;
  out?: string;
  timestamp: boolean;
}

const EXAMPLES = `
Paths are files or folders; a folder is read whole (csv, tsv, json, ndjson). Each file's kind
(contacts, events, surveys, customers) is detected from its columns; force it with kind:path.
Use - to read standard input.

Periods: ${PERIOD_FORMS.join(', ')}.
Every period is half-open [start, end) in --tz; ranges include both days.

Examples:
  $ supmetrics report exports/ --period 2024-03
  $ supmetrics report exports/ --period 2024-03 --channel email --format json
  $ supmetrics report exports/ --period 2024-Q1 --by channel,month
  $ supmetrics report exports/ --period last-week --compare previous --trend
  $ supmetrics report exports/ --period last-week --format html --out reports/
  $ supmetrics report contacts:tickets.csv surveys:csat.csv --period last-week --tz Europe/Berlin
  $ supmetrics report exports/ --period 2024-Q1 --metrics first_response_time,sla_compliance --out q1.json --format json
  $ cat tickets.csv | supmetrics report - --period 2024-03-01..2024-03-15`;

/** Reads the config and inputs and builds the report for the options; shared by the commands that report. */
export async function runReport(
  paths: string[],
  options: InputOptions,
  now: number,
  config?: Config,
): Promise<Report> {
  config ??= (await readConfig(options.config)).config;
  const zone = reportZone(options, config);
  checkMetricIds(options.metrics);
  const breakdowns = checkDimensions(options.by);
  const calendar = config.businessHours
    ? createBusinessCalendar({ timeZone: zone, hours: config.businessHours, holidays: config.holidays })
    : undefined;
  if (options.businessHours && !calendar) {
    throw new UserError('--business-hours needs businessHours (and holidays) in the config file (see `supmetrics schema config`)');
  }
  const requested = options.period ? parsePeriod(options.period, { zone, now }) : undefined;
  const sources = expandSources(paths);
  const { data, inputs } = await readInputs(sources, { ...readOptionsFor(options, config, zone), onProgress: progressBar(process.stderr) });
  // Before any error below: when every row was rejected, the warnings say why nothing was read.
  for (const input of inputs) {
    const { rejected, rejects, warnings, warningSamples } = input.log;
    if (rejected > 0) warnOf(input.path, `${rejected} row(s) rejected`, rejects[0]);
    if (warnings > 0) warnOf(input.path, `${warnings} warning(s), rows kept`, warningSamples[0]);
  }
  const period = requested ?? dataSpan(data, zone);
  if (!period) throw new UserError('no contacts or survey answers were read, and no --period was given');
  return buildReport(data, inputs, {
    period,
    filters: filtersOf(options),
    metrics: options.metrics,
    settings: settingsFromConfig(config),
    calendar,
    businessTime: options.businessHours ? calendar : undefined,
    breakdowns,
    staffing: options.staffing ? staffingSettings(options, config) : undefined,
    compare: options.compare,
    trend: options.trend,
  });
}

export function reportCommand(): Command {
  const command = new Command('report')
    .description('compute support KPIs over exported files and print or write a report')
    .argument('<paths...>', 'files or folders to read (kind:path to force a kind, - for stdin)');
  addStaffingOptions(addInputOptions(command))
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('table'))
    .option('-o, --out <file|dir>', 'write the report to this file, or as supmetrics-<period>.<ext> into this folder (atomically)')
    .option('--no-timestamp', 'leave out the generated-at time, so that the same input gives the same bytes')
    .addOption(new Option('--compare <mode>', 'add each metric in the previous period of equal length, or a year earlier').choices(COMPARE_MODES))
    .option('--trend', 'add daily (weekly, monthly for long periods) series of volume, backlog, first-response median and CSAT')
    .option('--staffing', 'add the staffing section: agents needed per hour of the week (Erlang C)')
    .addHelpText('after', EXAMPLES)
    .action(async (paths: string[], options: ReportCommandOptions) => {
      const now = Date.now();
      // the HTML report charts trends and SLA by channel: it asks for them
      const html = options.format === 'html';
      const by = html && !(options.by ?? []).includes('channel') ? [...(options.by ?? []), 'channel'] : options.by;
      const report = await runReport(paths, { ...options, by, trend: options.trend || html }, now);
      if (options.timestamp) report.generatedAt = new Date(now).toISOString();
      const { load, extension } = RENDERERS[options.format];
      const render = await load();
      const text = render(report, { color: !options.out && useColor(process.stdout) });
      if (options.out) writeFileAtomic(outputPath(options.out, `supmetrics-${report.period.label}.${extension}`), text);
      else process.stdout.write(text);
    });
  return command;
}

/** One line on stderr: how many problems an input had, and the first. */
function warnOf(path: string, count: string, first: RowProblem): void {
  const where = `line ${first.line}${first.column ? `, column '${first.column}'` : ''}`;
  process.stderr.write(`supmetrics: warning: ${oneLine(`${path}: ${count} (first: ${where}: ${first.reason})`)}\n`);
}
