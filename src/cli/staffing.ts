import { Command, Option } from 'commander';
import { readConfig } from '../config/file.js';
import { addInputOptions, addStaffingOptions } from './options.js';
import type { InputOptions } from './options.js';
import { writeFileAtomic } from './output.js';
import { runReport } from './report.js';

interface StaffingCommandOptions extends InputOptions {
  format: 'table' | 'json';
  out?: string;
}

const EXAMPLES = `
For each hour of the week: chats and calls arriving per hour, their average handle time (talk +
after-contact work), and the agents needed to answer the target share within the target time
by the Erlang C model, with the expected service level, probability of waiting, average speed
of answer and occupancy (--format json).

Examples:
  $ supmetrics staffing exports/ --period 2024-03
  $ supmetrics staffing exports/ --period last-30d --answer-within 30s --service-level-target 90 --format json`;

export function staffingCommand(): Command {
  const command = new Command('staffing')
    .description('agents needed per hour of the week to reach a service level (Erlang C)')
    .argument('<paths...>', 'files or folders to read (kind:path to force a kind, - for stdin)');
  addStaffingOptions(addInputOptions(command))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('-o, --out <file>', 'write to this file (atomically) instead of stdout')
    .addHelpText('after', EXAMPLES)
    .action(async (paths: string[], options: StaffingCommandOptions) => {
      const { config } = await readConfig(options.config);
      const report = await runReport(paths, { ...options, metrics: [], staffing: true }, Date.now(), config);
      const staffing = report.staffing!;
      const text =
        options.format === 'json'
          ? `${JSON.stringify({ period: report.period, filters: report.filters, staffing }, null, 2)}\n`
          : (await import('../report/render/staffing.js')).renderStaffingTable(staffing);
      if (options.out) writeFileAtomic(options.out, text);
      else process.stdout.write(text);
    });
  return command;
}
