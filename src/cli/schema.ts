import { Command, Argument } from 'commander';

/** `supmetrics schema config`: the JSON Schema of the config file, for editors and validators. */
export function schemaCommand(): Command {
  return new Command('schema')
    .description('print a JSON Schema (config: the supmetrics.config.json file)')
    .addArgument(new Argument('<name>', 'which schema').choices(['config']))
    .addHelpText('after', '\nExamples:\n  $ supmetrics schema config > supmetrics.schema.json')
    .action(async () => {
      const { configJsonSchema } = await import('../config/schema.js');
      process.stdout.write(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
    });
}
