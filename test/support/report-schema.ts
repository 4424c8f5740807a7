// report.json checked against its committed JSON Schema (schemas/report.schema.json), the way a CI
// job or another tool reading our reports would check it: with a JSON Schema validator, not our types.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';

const schemaFile = fileURLToPath(new URL('../../schemas/report.schema.json', import.meta.url));
// Strict, so a schema ajv would read loosely fails here; type unions (`number | null`) are plain draft-07.
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);

/** Where and how `json` breaks the schema, one line each (`/counts/lost must be number`); none when it fits. */
export function reportSchemaErrors(json: unknown): string[] {
  if (validate(json)) return [];
  return (validate.errors ?? []).map((error) => {
    const where = error.instancePath || '(the report)';
    const extra = 'additionalProperty' in error.params ? ` (${String(error.params.additionalProperty)})` : '';
    return `${where} ${error.message ?? 'is invalid'}${extra}`;
  });
}

/** Fails the test with every mistake when `json` (a parsed report.json) does not fit the committed schema. */
export function expectValidReport(json: unknown): void {
  const errors = reportSchemaErrors(json);
  if (errors.length > 0) expect.fail(`report.json does not fit schemas/report.schema.json:\n  ${errors.join('\n  ')}`);
}
