// Runs one test file of test/support/fixtures in a vitest of its own, for tests about how tests
// end: a fixture may fail, skip or time out on purpose, which the project's own run must not see.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProcess } from './run-cli';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');

export interface FixtureResult {
  readonly code: number | null;
  /** stdout then stderr, without colours; ends with the "N passed, N failed, N skipped" line. */
  readonly output: string;
}

/**
 * Runs `test/support/fixtures/<name>.fixture.ts` with this process's environment less its vitest
 * worker state and its CI, plus `env` (where CI may be set again).
 */
export async function runFixture(name: string, env: NodeJS.ProcessEnv = {}): Promise<FixtureResult> {
  const own = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith('VITEST') && !['CI', 'TEST', 'NODE_ENV'].includes(key),
    ),
  );
  const args = [
    vitest,
    'run',
    '--root',
    projectRoot,
    '--config',
    'test/support/fixtures/vitest.config.ts',
    `test/support/fixtures/${name}.fixture.ts`,
  ];
  const result = await startProcess(process.execPath, args, { env: { ...own, NO_COLOR: '1', ...env } }).done;
  return { code: result.code, output: `${result.stdout}${result.stderr}` };
}
