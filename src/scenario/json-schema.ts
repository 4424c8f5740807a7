// The JSON Schema editors use to check scenario files as you type (yaml-language-server, VS Code).
import { z } from 'zod';
import { scenarioSchema } from './scenario-schema';

/** Where the committed copy lives, relative to the repository root. */
export const scenarioJsonSchemaPath = 'scenarios/scenario.schema.json';

/** The JSON Schema of what a scenario author writes (the input side: "10s", not 10000). */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-07' }) as {
    properties: Record<string, Record<string, unknown>>;
  };
  // `device` is optional in the schema (beside `devices`, whether it was written matters), so zod
  // leaves out the default an editor should show; the scenario's transform applies it.
  const { description, ...device } = schema.properties['device']!;
  schema.properties['device'] = { description, default: 'virtual', ...device };
  return schema as Record<string, unknown>;
}

/** The file's exact text: stable key order, two-space indent, trailing newline. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
