#!/usr/bin/env node
// Checks the compile-time stubs against the real sources that ship in node_modules: each stub of
// a React Native class (`com.facebook.*`) against ReactAndroid's Kotlin and Java, and the two
// classes RN's Gradle plugin generates against the plugin's templates. A stub member the real
// class lacks, or has with another signature (parameter or return type, nullability, visibility,
// static, abstract/open), fails with `stub:line: <member> differs from <source> <path>:<line>:
// <real signature>`; so does a stub of a class the app inherits from that leaves out a real
// member without saying why (stub-inherited.mjs). Android and AndroidX stubs have no source here:
// they are listed as not checked. `check-kotlin.mjs` runs this before compiling.
// Usage: node android-app/native-check/stub-signatures.mjs   (exit 0 = pass, 1 = fail)
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkType } from './stub-compare.mjs';
import { appInheritance, checkInherited, checkWaivers, waiversOf } from './stub-inherited.mjs';
import { SourceTree, StubSet, generatedTemplates } from './source-sets.mjs';

/** Stubs of these packages must have a real source: React Native ships all of its own. */
const REACT_NATIVE = /^com\.facebook\./;

/** Where the sources are, found the way the app's build finds its packages. */
export function defaultLocations(appRoot) {
  const require = createRequire(join(appRoot, 'package.json'));
  const reactNative = dirname(require.resolve('react-native/package.json'));
  const plugin = dirname(require.resolve('@react-native/gradle-plugin/package.json'));
  return {
    appRoot,
    stubRoot: join(appRoot, 'native-check', 'stubs'),
    appSourceRoot: join(appRoot, 'android', 'app', 'src', 'main', 'java'),
    realRoot: join(reactNative, 'ReactAndroid', 'src', 'main', 'java'),
    tasksDir: join(plugin, 'react-native-gradle-plugin', 'src', 'main', 'kotlin', 'com', 'facebook', 'react', 'tasks'),
    pluginRoot: plugin,
  };
}

/**
 * Runs every check. Returns { failures, checked: [{ stub, source }], unchecked: [stub path],
 * members } — `members` counts the stub members compared with a real declaration.
 */
export function checkStubSignatures(locations) {
  const { appRoot, stubRoot, appSourceRoot, realRoot, tasksDir, pluginRoot } = locations;
  const templates = generatedTemplates(tasksDir, pluginRoot);
  const ctx = {
    stubs: new StubSet(stubRoot, appRoot),
    real: new SourceTree('ReactAndroid', realRoot, templates),
    failures: [],
    members: 0,
    fail(message) {
      this.failures.push(message);
    },
  };
  const users = appInheritance(appSourceRoot, appRoot, ctx.stubs);
  const checked = [];
  const unchecked = [];
  for (const file of ctx.stubs.files) {
    for (const stub of file.model.types) {
      const fqn = `${file.model.pkg}.${stub.name}`;
      const real = ctx.real.find(fqn);
      if (!real) {
        if (REACT_NATIVE.test(fqn))
          ctx.fail(
            `${file.rel}:${stub.line}: ${fqn} has no source in ReactAndroid nor in the Gradle plugin's templates, so its stub cannot be checked`,
          );
        else unchecked.push(file.rel);
        continue;
      }
      checked.push({ stub: file.rel, source: `${real.file.label} ${real.file.rel}` });
      const chain = checkType(ctx, file, stub, fqn, real);
      const waived = waiversOf(file, ctx);
      checkWaivers(ctx, file, waived, real);
      if (chain && users.has(fqn)) checkInherited(ctx, file, stub, chain, users.get(fqn), waived);
    }
  }
  return { failures: ctx.failures, checked, unchecked: [...new Set(unchecked)], members: ctx.members };
}

/** The report: failures first, then what was and was not checked. */
export function formatReport(report, verbose = false) {
  const { failures, checked, unchecked, members } = report;
  const names = unchecked.map((rel) =>
    rel
      .replace(/^.*stubs\/(java|kotlin)\//, '')
      .replace(/\.(kt|java)$/, '')
      .replace(/\//g, '.'),
  );
  const lines = [
    `stub signatures: ${checked.length} React Native stubs checked against their real sources (${members} members)${failures.length ? `, ${failures.length} failures` : ''}`,
    `not checked (no source here): ${names.length} Android/AndroidX stubs${verbose ? `: ${names.join(', ')}` : ''}`,
  ];
  return [...failures, ...(failures.length ? [''] : []), ...lines].join('\n');
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const appRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
  const report = checkStubSignatures(defaultLocations(appRoot));
  console.log(formatReport(report, true));
  process.exit(report.failures.length > 0 ? 1 : 0);
}
