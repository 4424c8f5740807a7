#!/usr/bin/env node
// Build check for the app's JavaScript, without Gradle or an Android SDK: Metro bundles index.js for
// Android in release mode, then hermesc compiles the bundle to Hermes bytecode, exactly as the Gradle
// build would.
// Fails loudly (exit 1, the failing step and its output) at the first problem.
// Usage: node scripts/bundle-check.mjs [--out <dir>]   (default: a fresh temporary directory)
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(appRoot, 'package.json'));
const outFlag = process.argv.indexOf('--out');
const keep = outFlag > 0;
const outDir = keep ? resolve(process.argv[outFlag + 1] ?? '') : mkdtempSync(join(tmpdir(), 'smsgw-bundle-'));
mkdirSync(outDir, { recursive: true });
const bundle = join(outDir, 'index.android.bundle');
const bytecode = join(outDir, 'index.android.hbc');

/** Hermes bytecode files start with this magic number (little-endian 0x1F1903C103BC1FC6). */
const HERMES_MAGIC = Buffer.from([0xc6, 0x1f, 0xbc, 0x03, 0xc1, 0x03, 0x19, 0x1f]);

function fail(message) {
  console.error(`bundle-check: FAILED: ${message}`);
  process.exit(1);
}

function step(name, command, args) {
  console.log(`bundle-check: ${name}…`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: appRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) fail(`${name}: could not run ${command}: ${result.error.message}`);
  if (result.status !== 0) {
    process.stderr.write(result.stdout.slice(-20_000));
    process.stderr.write(result.stderr.slice(-20_000));
    fail(`${name} exited with ${result.status ?? result.signal}`);
  }
  console.log(`bundle-check: ${name} ok (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

function hermescPath() {
  const folder = { linux: 'linux64-bin', darwin: 'osx-bin', win32: 'win64-bin' }[process.platform];
  if (!folder) fail(`no hermesc for platform ${process.platform}`);
  const binary = join(
    dirname(require.resolve('hermes-compiler/package.json')),
    'hermesc',
    folder,
    process.platform === 'win32' ? 'hermesc.exe' : 'hermesc',
  );
  if (!existsSync(binary)) fail(`hermesc not found at ${binary} (is react-native's hermes-compiler installed?)`);
  return binary;
}

const cli = join(dirname(require.resolve('react-native/package.json')), 'cli.js');
step('metro bundle (android, release)', process.execPath, [
  cli,
  'bundle',
  '--platform',
  'android',
  '--dev',
  'false',
  '--minify',
  'true',
  '--entry-file',
  'index.js',
  '--config',
  join(appRoot, 'metro.config.cjs'),
  '--bundle-output',
  bundle,
  '--assets-dest',
  join(outDir, 'res'),
  '--reset-cache',
]);

const source = readFileSync(bundle, 'utf8');
// The bundle must carry the app and its headless task, and none of the test-only Node code.
if (!source.includes('SmsgwTask')) fail('the bundle does not register the SmsgwTask headless task');
for (const forbidden of ['better-sqlite3', 'node:fs', 'node:http']) {
  if (source.includes(forbidden)) fail(`the bundle contains "${forbidden}": test-only code leaked into the app`);
}

// -w: hermesc warns about every global React Native defines at runtime (XMLHttpRequest…); errors still fail.
step('hermesc', hermescPath(), ['-emit-binary', '-O', '-w', '-out', bytecode, bundle]);

const header = Buffer.alloc(HERMES_MAGIC.length);
const fd = openSync(bytecode, 'r');
readSync(fd, header, 0, header.length, 0);
closeSync(fd);
if (!header.equals(HERMES_MAGIC)) fail(`${bytecode} is not Hermes bytecode`);
console.log(
  `bundle-check: ok: ${statSync(bundle).size} B bundle -> ${statSync(bytecode).size} B Hermes bytecode${keep ? ` in ${outDir}` : ''}`,
);
if (!keep) rmSync(outDir, { recursive: true, force: true });
