import { Command, Argument } from 'commander';
import { configJsonSchema } from '../config/schema.js';

/** `supmetrics schema config`: the JSON Schema of the config file, for editors and validators. */
export function schemaCommand(): Command {
  return new Command('schema')
    .description('print a JSON Schema (config: the supmetrics.config.json file)')
    .addArgument(new Argument('<name>', 'which schema').choices(['config']))
    .addHelpText('after', '\nExamples:\n  $ supmetrics schema config > supmetrics.schema.json')
    .action(() => {
      process.stdout.write(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
    });
}
