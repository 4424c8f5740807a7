#!/usr/bin/env node
// Compiles the app's Kotlin (android/app/src/main/java) with kotlinc from the npm package
// `kotlin-compiler`, against the compile-time stubs in ./stubs (no Android SDK here), and checks
// that AndroidManifest.xml and the app's XML resources are well-formed and name real classes.
// Usage: node android-app/native-check/check-kotlin.mjs   (exit 0 = pass, 1 = fail)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkStubSignatures, defaultLocations, formatReport } from './stub-signatures.mjs';
import { checkManifest, checkXml } from './xml-check.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const appRoot = join(here, '..');
const appMain = join(appRoot, 'android', 'app', 'src', 'main');
const sourceRoot = join(appMain, 'java');
const stubRoot = join(here, 'stubs');
/** Our own package: the stubs must never declare it (a stubbed own class proves nothing). */
const appPackage = 'dev.smsgw.gateway';

const started = Date.now();
const failures = [];

function walk(dir, ext) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return walk(path, ext);
    return ext.some((e) => name.endsWith(e)) ? [path] : [];
  });
}

function findKotlinc() {
  const require = createRequire(join(appRoot, 'package.json'));
  let pkg;
  try {
    pkg = require.resolve('kotlin-compiler/package.json');
  } catch {
    throw new Error('kotlin-compiler is not installed: run `npm ci` at the repository root.');
  }
  const kotlinHome = dirname(pkg);
  const bin = join(kotlinHome, 'bin', process.platform === 'win32' ? 'kotlinc.bat' : 'kotlinc');
  if (!existsSync(bin)) throw new Error(`kotlinc not found at ${bin}`);
  return { bin, kotlinHome };
}

// --- XML: manifest and resources --------------------------------------------------------------
const appSources = walk(sourceRoot, ['.kt', '.java']);
const declaredClasses = new Set(
  appSources.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const pkg = /^package\s+([\w.]+)/m.exec(text)?.[1] ?? '';
    return [...text.matchAll(/^(?:[\w ]*\s)?(?:class|object)\s+(\w+)/gm)].map((m) => `${pkg}.${m[1]}`);
  }),
);
failures.push(...checkManifest(join(appMain, 'AndroidManifest.xml'), appPackage, declaredClasses));
const resources = walk(join(appRoot, 'android', 'app', 'src'), ['.xml']).filter(
  (f) => !f.endsWith('AndroidManifest.xml'),
);
for (const file of resources) {
  failures.push(...checkXml(file).map((e) => `${relative(appRoot, file)}: ${e}`));
}

// --- Stubs must not stand in for our own classes -----------------------------------------------
const stubs = walk(stubRoot, ['.kt', '.java']);
for (const stub of stubs) {
  const pkg = /^package\s+([\w.]+)/m.exec(readFileSync(stub, 'utf8'))?.[1] ?? '';
  if (pkg === appPackage || pkg.startsWith(`${appPackage}.`)) {
    failures.push(`${relative(appRoot, stub)}: stubs must not declare the app's own package ${pkg}`);
  }
}

// --- Stubs against React Native's real sources (stub-signatures.mjs) ---------------------------
const signatures = checkStubSignatures(defaultLocations(appRoot));
failures.push(...signatures.failures);
console.log(formatReport({ ...signatures, failures: [] }));

// --- Kotlin ------------------------------------------------------------------------------------
if (appSources.length === 0) failures.push(`no Kotlin sources under ${relative(appRoot, sourceRoot)}`);
// The logic checks (./checks, `main` in Checks.kt) compile with the app and then run on the JVM:
// they reach only the app's plain-Kotlin classes, whose stubs-free bytecode runs without Android.
const checkSources = walk(join(here, 'checks'), ['.kt']);
let logicChecks = 'no logic checks';
const out = mkdtempSync(join(tmpdir(), 'smsgw-kotlin-'));
try {
  const { bin, kotlinHome } = findKotlinc();
  // The real kotlinx-coroutines jar that ships with the compiler: coroutines are not stubbed.
  const coroutines = join(kotlinHome, 'lib', 'kotlinx-coroutines-core-jvm.jar');
  // Java stubs go in as sources: kotlinc resolves them without compiling them.
  // Language and API version of the Kotlin Gradle plugin the build uses (android/build.gradle's
  // kotlinVersion), so the check rejects features a newer kotlinc accepts but the build would not.
  const kotlinVersion = /kotlinVersion\s*=\s*"(\d+\.\d+)/.exec(
    readFileSync(join(appRoot, 'android', 'build.gradle'), 'utf8'),
  )?.[1];
  if (!kotlinVersion) throw new Error('android/build.gradle: no kotlinVersion found');
  const args = [
    '-d',
    out,
    '-jvm-target',
    '17',
    '-language-version',
    kotlinVersion,
    '-api-version',
    kotlinVersion,
    '-cp',
    coroutines,
    ...appSources,
    ...checkSources,
    ...stubs,
  ];
  const result = spawnSync(bin, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  if (result.error) failures.push(`could not run kotlinc: ${result.error.message}`);
  else if (result.status !== 0) failures.push(`kotlinc failed (exit ${result.status}):\n${output}`);
  else {
    if (output) console.log(output);
    const compiled = join(out, ...appPackage.split('.'), 'MainApplication.class');
    if (!existsSync(compiled)) failures.push(`kotlinc produced no ${relative(out, compiled)}`);
    else if (checkSources.length > 0) logicChecks = runLogicChecks(out, kotlinHome, coroutines);
  }
} catch (error) {
  failures.push(error.message);
} finally {
  rmSync(out, { recursive: true, force: true });
}

/** Runs the compiled checks with the JVM's `java`; a failure goes to `failures`. Returns their summary. */
function runLogicChecks(classes, kotlinHome, coroutines) {
  const classpath = [classes, join(kotlinHome, 'lib', 'kotlin-stdlib.jar'), coroutines].join(delimiter);
  const run = spawnSync('java', ['-cp', classpath, 'smsgw.nativecheck.ChecksKt'], { encoding: 'utf8' });
  const said = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim();
  if (run.error) failures.push(`could not run the logic checks with java: ${run.error.message}`);
  else if (run.status !== 0) failures.push(`logic checks failed (exit ${run.status}):\n${said}`);
  return said.split('\n').at(-1) ?? '';
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (failures.length > 0) {
  console.error(`check-kotlin: FAILED (${seconds}s)\n\n${failures.join('\n\n')}`);
  process.exit(1);
}
console.log(
  `check-kotlin: ok — ${appSources.length} app sources compiled against ${stubs.length} stubs, manifest checked, ${logicChecks} (${seconds}s)`,
);
