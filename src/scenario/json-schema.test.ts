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
        { default?: unknown; items?: unknown; properties?: Record<string, { pattern?: string }> }
      >;
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['name', 'load']);
    expect(schema.properties.device?.default).toBe('virtual');
    expect(schema.properties.messages?.properties?.text).toMatchObject({
      enum: ['ascii', 'unicode', 'multipart', 'mixed', 'hostile'],
    });
    expect(JSON.stringify(schema.properties.load?.items)).toContain('"burst"');
    expect(schema.properties.expect?.properties?.p95_latency?.pattern).toBeTypeOf('string');
  });
});
