// The layout rules of docs/architecture.md are lint rules; these tests prove each one bites.
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

describe('stage order', () => {
  it('refuses an import from a later stage: the report reaching into the orchestrator', async () => {
    expect(
      await ruleIdsFor(
        'src/report/bad.ts',
        "import { runScenario } from '../run/run-scenario';\nexport const r = runScenario;\n",
      ),
    ).toContain('smsgw/stage-order');
  });

  it('refuses an upward import between device folders: a device reaching into the one built after it', async () => {
    expect(
      await ruleIdsFor(
        'src/device/appium/bad.ts',
        "import { startVirtualDevice } from '../virtual/virtual-device';\nexport const s = startVirtualDevice;\n",
      ),
    ).toContain('smsgw/stage-order');
  });

  it('refuses a screen importing the app shell that renders it', async () => {
    expect(
      await ruleIdsFor(
        'android-app/src/screens/Bad.tsx',
        "import { AppShell } from '../app/AppShell';\nexport const a = AppShell;\n",
      ),
    ).toContain('smsgw/stage-order');
  });

  it('allows imports from earlier stages and from within the stage', async () => {
    const ids = await ruleIdsFor(
      'src/run/good.ts',
      "import { parseScenario } from '../scenario/index';\nimport { runDefaults } from './defaults';\nexport const both = [parseScenario, runDefaults];\n",
    );
    expect(ids).not.toContain('smsgw/stage-order');
  });
});

describe('test helpers', () => {
  it('are refused in production code and allowed in tests', async () => {
    const code = "import { tempDir } from '../../test/support/run-cli';\nexport const t = tempDir;\n";
    expect(await ruleIdsFor('src/report/bad.ts', code)).toContain('smsgw/no-test-helpers');
    expect(await ruleIdsFor('src/report/bad.test.ts', code)).not.toContain('smsgw/no-test-helpers');
  });

  it('are refused in the app too', async () => {
    const code = "import { FakeClock } from '../../test/support/fake-clock';\nexport const c = FakeClock;\n";
    expect(await ruleIdsFor('android-app/src/engine/bad.ts', code)).toContain('smsgw/no-test-helpers');
  });
});

describe('surface rules', () => {
  it('refuse a `#` private field: TypeScript `private` is the one private style', async () => {
    expect(
      await ruleIdsFor('src/units/bad.ts', 'export class A {\n  #n = 1;\n  get n() {\n    return this.#n;\n  }\n}\n'),
    ).toContain('no-restricted-syntax');
  });

  it('refuse a relative import with a .js extension in TypeScript', async () => {
    expect(
      await ruleIdsFor('src/units/bad.ts', "import { parseSize } from './size.js';\nexport const p = parseSize;\n"),
    ).toContain('no-restricted-syntax');
  });

  it('refuse a variable that shadows the global console', async () => {
    expect(
      await ruleIdsFor('src/units/bad.ts', 'export function f(console: number): number {\n  return console;\n}\n'),
    ).toContain('id-denylist');
  });

  it('refuse a production function over 60 lines, and leave test files alone', async () => {
    const body = Array.from({ length: 61 }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const code = `export function long(): number {\n${body}\n  return v0;\n}\n`;
    expect(await ruleIdsFor('src/units/bad.ts', code)).toContain('max-lines-per-function');
    expect(await ruleIdsFor('src/units/bad.test.ts', code)).not.toContain('max-lines-per-function');
  });
});
