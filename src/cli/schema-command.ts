// `smsgw schema <report|scenario>`: prints the JSON Schema smsgw ships, for a CI job that checks
// report.json or an editor that checks scenario files, from the package as installed.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { SmsgwError } from '../errors';
import { packageFiles, packageRoot } from '../package-files';

/** The shipped schemas, from the package's root: the same files in a clone and in the built package. */
export const shippedSchemas = {
  report: join(packageRoot, 'schemas', 'report.schema.json'),
  scenario: join(packageFiles.scenarios, 'scenario.schema.json'),
} as const;

const names = Object.keys(shippedSchemas) as (keyof typeof shippedSchemas)[];
const isName = (name: string): name is keyof typeof shippedSchemas => (names as string[]).includes(name);

/** The schema's text as shipped; a name that is not one is bad input (exit 2). */
export async function schemaText(name: string | undefined): Promise<string> {
  if (name === undefined || !isName(name)) {
    throw new SmsgwError(
      'bad-option',
      name === undefined
        ? `Name the schema to print: ${names.join(' or ')}`
        : `Unknown schema ${JSON.stringify(name)}; expected ${names.join(' or ')}`,
      { hint: 'smsgw schema report > report.schema.json' },
    );
  }
  try {
    return await readFile(shippedSchemas[name], 'utf8');
  } catch (error) {
    // Shipped with smsgw: missing means a broken install, not a mistake of the user's.
    throw new SmsgwError('environment', `The ${name} schema is missing from smsgw: ${shippedSchemas[name]}`, {
      cause: error,
      hint: 'reinstall smsgw',
    });
  }
}

export function schemaCommand(): Command {
  return new Command('schema')
    .description("print a JSON Schema smsgw ships: report (report.json's shape) or scenario (scenario files)")
    .argument('[name]', `which schema: ${names.join(' | ')}`)
    .action(async (name: string | undefined) => {
      process.stdout.write(await schemaText(name));
    });
}
