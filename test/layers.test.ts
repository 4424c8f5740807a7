// The layer rules of DESIGN §4 are lint rules; these tests prove the rules bite.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('layer rules', () => {
  it('forbid ink in the run stage', async () => {
    expect(await ruleIdsFor('src/run/bad.ts', "import { render } from 'ink';\nexport const r = render;\n")).toContain(
      'no-restricted-imports',
    );
  });

  it('forbid webdriverio in the stub stage', async () => {
    expect(
      await ruleIdsFor('src/stub/bad.ts', "import { remote } from 'webdriverio';\nexport const r = remote;\n"),
    ).toContain('no-restricted-imports');
  });

  it('forbid Node built-ins and Buffer in the gateway engine', async () => {
    expect(
      await ruleIdsFor(
        'android-app/src/engine/bad.ts',
        "import { createHash } from 'node:crypto';\nexport const h = createHash;\n",
      ),
    ).toContain('no-restricted-imports');
    expect(await ruleIdsFor('android-app/src/engine/bad.ts', 'export const b = Buffer.from("x");\n')).toContain(
      'no-restricted-globals',
    );
  });

  it('forbid react-native in the gateway engine', async () => {
    expect(
      await ruleIdsFor(
        'android-app/src/engine/bad.ts',
        "import { Platform } from 'react-native';\nexport const p = Platform;\n",
      ),
    ).toContain('no-restricted-imports');
  });

  it('allow the dashboard stage to use ink', async () => {
    expect(
      await ruleIdsFor('src/dashboard/Good.ts', "import { render } from 'ink';\nexport const r = render;\n"),
    ).not.toContain('no-restricted-imports');
  });
});
