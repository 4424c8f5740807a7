#!/usr/bin/env node
// Entry point. A clone of the repository runs its TypeScript sources through tsx; the package npm
// installs has no sources and runs its build (dist/, made by `npm run build`).
import { existsSync } from 'node:fs';

const fromSources = existsSync(new URL('../src/cli/main.ts', import.meta.url));
let main;
if (fromSources) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
} else {
  ({ main } = await import('../dist/cli.js'));
}
process.exitCode = await main(process.argv);
