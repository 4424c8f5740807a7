// `npm run lint` runs scripts/lint/import-cycles.mjs over the harness and the app; these tests prove it finds a circle.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findCycles, importGraph } from '../scripts/lint/import-cycles.mjs';

const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((folder) => rmSync(folder, { recursive: true, force: true })));

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'smsgw-cycles-'));
  folders.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('import circles', () => {
  it('finds a circle through three files, type-only imports included', () => {
    const root = tree({
      'a/one.ts': "import { two } from '../b/two';\nexport const one = two;\n",
      'b/two.ts': "import type { Three } from './three';\nexport const two: Three = 2;\n",
      'b/three.ts': "import { one } from '../a/one';\nexport type Three = number;\nexport const x = one;\n",
    });
    const cycles = findCycles(importGraph([root])).map((cycle) => cycle.map((file) => relative(root, file)).sort());
    expect(cycles).toEqual([['a/one.ts', 'b/three.ts', 'b/two.ts']]);
  });

  it('finds none in a tree whose imports run one way, index folders and .js specifiers included', () => {
    const root = tree({
      'low/index.ts': "export { base } from './base';\n",
      'low/base.ts': 'export const base = 1;\n',
      'high/use.ts':
        "import { base } from '../low';\nimport { other } from './other.js';\nexport const use = base + other;\n",
      'high/other.ts': 'export const other = 2;\n',
    });
    expect(findCycles(importGraph([root]))).toEqual([]);
  });

  it('fails the lint command on a circle, naming its files', () => {
    const root = tree({
      'a.ts': "import { b } from './b';\nexport const a = b;\n",
      'b.ts': "import { a } from './a';\nexport const b = a;\n",
    });
    const script = join(process.cwd(), 'scripts/lint/import-cycles.mjs');
    const result = spawnSync(process.execPath, [script, '.'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/import circle: (a\.ts → b\.ts|b\.ts → a\.ts)/);
  });

  it('finds no circle in the repository itself', () => {
    const cycles = findCycles(
      importGraph(['src', 'android-app/src', 'android-app/node', 'android-app/test', 'test/support', 'bin', 'scripts']),
    );
    expect(cycles.map((cycle) => cycle.map((file) => relative(process.cwd(), file)))).toEqual([]);
  });
});
