import { Command } from 'commander';
import { METRICS } from '../metrics/registry.js';

/** `supmetrics metrics`: the registry, id and definition, as people and scripts read it. */
export function metricsCommand(): Command {
  return new Command('metrics')
    .description('list every metric id with its definition')
    .option('--json', 'print the list as JSON')
    .addHelpText('after', '\nExamples:\n  $ supmetrics metrics\n  $ supmetrics metrics --json | jq -r ".[].id"')
    .action((options: { json?: boolean }) => {
      if (options.json) {
        const list = METRICS.map(({ id, title, kind, definition }) => ({ id, title, kind, definition }));
        process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      const width = Math.max(...METRICS.map((metric) => metric.id.length));
      for (const metric of METRICS) process.stdout.write(`${metric.id.padEnd(width)}  ${metric.definition}\n`);
    });
}
