// The JSON Schema of report.json, generated from the `RunReport` type itself (its doc comments become
// the descriptions), so the schema and the code cannot disagree: a test fails while the committed copy
// is stale. Build-time only: the generator reads the TypeScript sources, which the built package lacks.
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

/** Where the committed copy lives, relative to the repository root; `smsgw schema report` prints it. */
export const reportJsonSchemaPath = 'schemas/report.schema.json';

/** The command that rewrites the committed copy. */
export const reportSchemaCommand = 'npm run schema:report';

const fromRoot = (path: string): string => fileURLToPath(new URL(`../${path}`, import.meta.url));

/** The JSON Schema (draft-07) of `RunReport`, every object closed to keys the type does not name. */
export function reportJsonSchema(): Record<string, unknown> {
  const generator = createGenerator({
    path: fromRoot('src/report/run-report.ts'),
    tsconfig: fromRoot('tsconfig.json'),
    type: 'RunReport',
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
    additionalProperties: false,
    // The type check is `npm run typecheck`'s job; the generator only needs the types' shapes.
    skipTypeCheck: true,
  });
  const schema = generator.createSchema('RunReport') as Record<string, unknown>;
  // A title first, for editors and for a person opening the file; the description is the type's own.
  return { $schema: schema.$schema, title: 'smsgw report.json', ...schema };
}

/** The file's exact text: two-space indent, trailing newline. */
export function reportJsonSchemaText(): string {
  return `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
}
