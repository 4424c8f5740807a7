#!/usr/bin/env node
// Builds the Health screen's web page into android-app/web/dist (served by `smsgw device` at /).
// `npm run build:web`; the harness runs it on demand when the build is missing or stale.
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

// A production bundle whatever the caller runs under: wdio and vitest set NODE_ENV=test, which makes
// vite emit jsxDEV calls that React's production runtime (chosen by the `define`) does not have.
process.env.NODE_ENV = 'production';
const configFile = fileURLToPath(new URL('./vite.config.mjs', import.meta.url));
const started = performance.now();
await build({ configFile });
process.stdout.write(
  `smsgw: built the web Health screen into android-app/web/dist in ${((performance.now() - started) / 1000).toFixed(1)}s\n`,
);
