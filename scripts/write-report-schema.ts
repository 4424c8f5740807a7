// Writes schemas/report.schema.json from the RunReport type (`npm run schema:report`); run it after
// changing src/report/run-report.ts or a type it uses: a test fails while the committed copy is stale.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { reportJsonSchemaPath, reportJsonSchemaText } from './report-schema';

const target = fileURLToPath(new URL(`../${reportJsonSchemaPath}`, import.meta.url));
await writeFile(target, reportJsonSchemaText());
console.log(`wrote ${reportJsonSchemaPath}`);
