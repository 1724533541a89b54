import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { UserError } from '../errors.js';
import { checkCommand } from './check.js';
import { inspectCommand } from './inspect.js';
import { metricsCommand } from './metrics.js';
import { reportCommand } from './report.js';
import { schemaCommand } from './schema.js';
import { staffingCommand } from './staffing.js';
import { oneLine } from './terminal.js';

/** Exit codes (DESIGN.md): 0 success, 1 a check threshold failed, 2 bad usage or unreadable input. */
export const EXIT_USAGE = 2;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export function program(): Command {
  const root = new Command('supmetrics')
    .description('customer-support KPIs from helpdesk exports: response and resolution times, SLA, backlog, FCR, CSAT, NPS, churn')
    .version(version())
    .option('--debug', 'show stack traces of errors')
    .addHelpText(
      'after',
      `
Examples:
  $ supmetrics report exports/ --period 2024-03
  $ supmetrics report exports/ --period last-week --format json --out weekly.json
  $ supmetrics check exports/ --period last-week --min sla_compliance=95 --max backlog_aged=20
  $ supmetrics metrics`,
    )
  root.addCommand(reportCommand());
  root.addCommand(checkCommand());
  root.addCommand(metricsCommand());
  root.addCommand(staffingCommand());
  root.addCommand(inspectCommand());
  root.addCommand(schemaCommand());
  // commander's own errors (unknown option, missing argument, bad choice) are one line, like ours;
  // a suggestion ("Did you mean --period?") stays on it.
  const output = {
    outputError: (text: string, write: (text: string) => void) =>
      write(`supmetrics: ${oneLine(text.replace(/^error: /, '').trim().split('\n').join(' '))} (see --help)\n`),
  };
  for (const command of [root, ...root.commands]) command.exitOverride().configureOutput(output);
  return root;
}

/** Runs the CLI; the only place that turns errors into exit codes. */
export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  // a reader that stops early (`| head`) is not an error
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  try {
    process.exitCode = 0;
    await program().parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has printed its message (or the help) already
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (error instanceof UserError) {
      process.stderr.write(`supmetrics: ${oneLine(error.describe())}\n`);
      if (debug) process.stderr.write(`${error.stack}\n`);
      return EXIT_USAGE;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`supmetrics: internal error: ${oneLine(message)}${debug ? '' : ' (run with --debug for details)'}\n`);
    if (debug && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return EXIT_USAGE;
  }
}
