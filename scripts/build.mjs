#!/usr/bin/env node
// Builds the package smsgw publishes into dist/: the harness's TypeScript (and the app engine the
// virtual device runs) bundled to plain JavaScript, one entry for the program and one for the stub's
// thread, every command's work in a chunk of its own loaded when that command runs, so `smsgw
// --version` reads only the program's definition. npm dependencies stay imports; Appium, webdriverio
// and tsx are loaded on demand when a run needs them (src/optional-packages.ts). Also copies the
// process watchdog and the web Health screen's build. `npm run build`; `npm pack` runs it first.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}dist`;
const started = performance.now();

rmSync(dist, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/main.ts', 'stub-worker': 'src/stub/stub-worker.ts' },
  outdir: 'dist',
  // Flat: src/package-files.ts finds the package one folder above whichever chunk it lands in.
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  packages: 'external',
  jsx: 'automatic',
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  // Bundled ES modules that still say `require` (a CommonJS dependency's interop) get one.
  banner: {
    js: "import { createRequire as __smsgwRequire } from 'node:module';\nconst require = __smsgwRequire(import.meta.url);",
  },
});
writeFileSync(`${dist}/meta.json`, JSON.stringify(result.metafile));

cpSync(`${root}src/process/group-watchdog.mjs`, `${dist}/group-watchdog.mjs`);
// The web Health screen: `smsgw device` serves it, and the package has no react-native to build it.
execFileSync(process.execPath, [`${root}android-app/web/build-web.mjs`], { stdio: ['ignore', 'ignore', 'inherit'] });
mkdirSync(`${dist}/web`, { recursive: true });
cpSync(`${root}android-app/web/dist`, `${dist}/web`, { recursive: true });

const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
process.stderr.write(
  `smsgw: built dist/ (${Object.keys(result.metafile.outputs).length} files, ${(bytes / 1e6).toFixed(1)} MB) in ${((performance.now() - started) / 1000).toFixed(1)}s\n`,
);
