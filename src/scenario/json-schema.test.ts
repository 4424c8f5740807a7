import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema, scenarioJsonSchemaPath, scenarioJsonSchemaText } from './json-schema';

describe('scenario JSON Schema', () => {
  it('matches the committed file (run `npx tsx scripts/write-scenario-schema.ts` if not)', async () => {
    const committed = await readFile(
      fileURLToPath(new URL(`../../${scenarioJsonSchemaPath}`, import.meta.url)),
      'utf8',
    );
    expect(committed).toBe(scenarioJsonSchemaText());
  });

  it('describes what authors write: strict objects, required keys, human strings', () => {
    const schema = scenarioJsonSchema() as {
      additionalProperties: boolean;
      required: string[];
      properties: Record<
        string,
        {
          default?: unknown;
          items?: unknown;
          properties?: Record<string, { anyOf?: { pattern?: string; properties?: Record<string, unknown> }[] }>;
        }
      >;
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['name', 'load']);
    expect(schema.properties.device?.default).toBe('virtual');
    expect(schema.properties.messages?.properties?.text).toMatchObject({
      enum: ['ascii', 'unicode', 'multipart', 'mixed', 'hostile'],
    });
    expect(JSON.stringify(schema.properties.load?.items)).toContain('"burst"');
    // A verdict's bound is written bare or as a map that may stop the run on its failure.
    const [bare, map] = schema.properties.expect?.properties?.p95_latency?.anyOf ?? [];
    expect(bare?.pattern).toBeTypeOf('string');
    expect(Object.keys(map?.properties ?? {})).toEqual(['threshold', 'abort_on_fail']);
    expect(Object.keys(schema.properties.expect?.properties ?? {})).toContain('latency');
  });
});
