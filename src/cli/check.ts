import { Command, Option } from 'commander';
import { readConfig } from '../config/file.js';
import { UserError } from '../errors.js';
import type { Threshold } from '../report/check.js';
import { evaluateChecks, getExitCode, parseThreshold } from '../report/check.js';
import { CHECK_FORMATS, CHECK_RENDERERS } from '../report/render/check.js';
import type { CheckFormat } from '../report/render/check.js';
import { addInputOptions } from './options.js';
import type { InputOptions } from './options.js';
import { writeFileAtomic } from './output.js';
import { runReport } from './report.js';

interface CheckCommandOptions extends InputOptions {
  min?: string[];
  max?: string[];
  format: CheckFormat;
  out?: string;
  allowEmpty?: boolean;
  minN: string;
}

const EXAMPLES = `
Thresholds are metric=value or metric.field=value (fields as in --format json of report,
e.g. p90, median, numerator); durations may carry a unit (s, m, h, d). Exit 0 when every
threshold holds, 1 when one fails, 2 on bad usage or unreadable input.

Examples:
  $ supmetrics check exports/ --period last-week --min sla_compliance=95 --max backlog_aged=20
  $ supmetrics check exports/ --period 2024-03 --max first_response_time.p90=4h --format junit --out check.xml
  $ supmetrics check exports/ --period yesterday --min csat=80 --min-n 30 --format github`;

/** Repeatable option collector. */
const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

export function checkCommand(): Command {
  const command = new Command('check')
    .description('fail (exit 1) when a KPI crosses a threshold: for CI jobs')
    .argument('<paths...>', 'files or folders to read (kind:path to force a kind, - for stdin)');
  addInputOptions(command)
    .option('--min <metric=value>', 'the metric must be at least this (repeatable)', collect)
    .option('--max <metric=value>', 'the metric must be at most this (repeatable)', collect)
    .option('--allow-empty', 'a metric with no data in the period passes instead of failing')
    .option('--min-n <count>', 'fail a threshold measured on fewer observations than this', '1')
    .addOption(new Option('-f, --format <format>', 'output format').choices(CHECK_FORMATS).default('text'))
    .option('-o, --out <file>', 'write the result to this file (atomically) instead of stdout')
    .addHelpText('after', EXAMPLES)
    .action(async (paths: string[], options: CheckCommandOptions) => {
      const { config } = await readConfig(options.config);
      const fromConfig = (map: Record<string, number> | undefined, op: '>=' | '<=') =>
        Object.entries(map ?? {}).map(([key, value]) => parseThreshold(`${key}=${value}`, op));
      const thresholds: Threshold[] = [
        ...(options.min ?? []).map((text) => parseThreshold(text, '>=')),
        ...(options.max ?? []).map((text) => parseThreshold(text, '<=')),
        ...fromConfig(config.thresholds?.min, '>='),
        ...fromConfig(config.thresholds?.max, '<='),
      ];
      if (thresholds.length === 0) {
        throw new UserError('no thresholds: give --min metric=value and/or --max metric=value, or thresholds in the config');
      }
      const minN = Number(options.minN);
      if (!Number.isInteger(minN) || minN < 0) throw new UserError(`--min-n '${options.minN}': expected a whole number`);
      const metrics = [...new Set(thresholds.map((threshold) => threshold.metric))];
      const report = await runReport(paths, { ...options, metrics }, Date.now(), config);
      const result = evaluateChecks(report, thresholds, { allowEmpty: options.allowEmpty === true, minN });
      const text = CHECK_RENDERERS[options.format](result);
      if (options.out) writeFileAtomic(options.out, text);
      else process.stdout.write(text);
      process.exitCode = getExitCode(result);
    });
  return command;
}
