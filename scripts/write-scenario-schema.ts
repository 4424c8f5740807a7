// Writes scenarios/scenario.schema.json from the zod schema, for editors (yaml-language-server).
// Run after changing src/scenario: `npx tsx scripts/write-scenario-schema.ts`; a test fails while it is stale.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchemaPath, scenarioJsonSchemaText } from '../src/scenario/json-schema';

const target = fileURLToPath(new URL(`../${scenarioJsonSchemaPath}`, import.meta.url));
await writeFile(target, scenarioJsonSchemaText());
console.log(`wrote ${scenarioJsonSchemaPath}`);
