// `npm run check:kotlin` first checks the compile-time stubs against React Native's real sources
// (android-app/native-check/stub-signatures.mjs); these tests prove what it catches and what it lets be.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkStubSignatures,
  defaultLocations,
  type StubLocations,
} from '../android-app/native-check/stub-signatures.mjs';

const appRoot = join(import.meta.dirname, '..', 'android-app');
const repository = defaultLocations(appRoot);

const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((folder) => rmSync(folder, { recursive: true, force: true })));

/** A scratch app: `stubs/…`, `app/…` (the app's Kotlin), `real/…` (the "ReactAndroid" sources), `tasks/…`. */
function scratch(files: Record<string, string>, overrides: Partial<StubLocations> = {}): StubLocations {
  const root = mkdtempSync(join(tmpdir(), 'smsgw-stubsig-'));
  folders.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  for (const folder of ['stubs', 'app', 'real', 'tasks']) mkdirSync(join(root, folder), { recursive: true });
  return {
    appRoot: root,
    stubRoot: join(root, 'stubs'),
    appSourceRoot: join(root, 'app'),
    realRoot: join(root, 'real'),
    tasksDir: join(root, 'tasks'),
    pluginRoot: root,
    ...overrides,
  };
}

/** The HeadlessJsTaskService stub as it was before the checker existed: no onBind, no onStartCommand. */
const OLD_HEADLESS_STUB = `// Compile-time stub of the React Native class: only what dev.smsgw.gateway calls.
package com.facebook.react

import android.app.Service
import android.content.Context
import android.content.Intent
import com.facebook.react.jstasks.HeadlessJsTaskConfig
import com.facebook.react.jstasks.HeadlessJsTaskEventListener

abstract class HeadlessJsTaskService : Service(), HeadlessJsTaskEventListener {
  protected open fun getTaskConfig(intent: Intent?): HeadlessJsTaskConfig? = null

  override fun onHeadlessJsTaskStart(taskId: Int): Unit = Unit

  override fun onHeadlessJsTaskFinish(taskId: Int): Unit = Unit

  companion object {
    @JvmStatic fun acquireWakeLockNow(context: Context): Unit = TODO("stub")
  }
}
`;
const TASK_SERVICE = `package dev.smsgw.gateway.background

import com.facebook.react.HeadlessJsTaskService

class SmsgwTaskService : HeadlessJsTaskService()
`;
const HEADLESS = 'stubs/kotlin/com/facebook/react/HeadlessJsTaskService.kt';

describe('the stubs against React Native 0.86 as installed', () => {
  it('finds nothing wrong with the repository stubs and checks every React Native stub against a real source', () => {
    const report = checkStubSignatures(repository);
    expect(report.failures).toEqual([]);
    const sources = new Map(report.checked.map((c) => [c.stub.replace(/^.*\//, ''), c.source]));
    expect(sources.get('HeadlessJsTaskService.kt')).toBe('ReactAndroid com/facebook/react/HeadlessJsTaskService.kt');
    expect(sources.get('ReactContext.java')).toBe('ReactAndroid com/facebook/react/bridge/ReactContext.java');
    // The generated classes are checked against the Gradle plugin's templates.
    expect(sources.get('PackageList.java')).toMatch(/^@react-native\/gradle-plugin .*GeneratePackageListTask\.kt$/);
    expect(sources.get('ReactNativeApplicationEntryPoint.java')).toMatch(/GenerateEntryPointTask\.kt$/);
    expect(report.members).toBeGreaterThan(50);
    expect(report.unchecked).toContain('native-check/stubs/java/android/app/Service.java');
    // Only stubs with no source here go unchecked: never a React Native one.
    expect(report.unchecked.filter((stub) => stub.includes('/com/facebook/'))).toEqual([]);
  });

  it('reports the old HeadlessJsTaskService stub, which lacks the real onBind the app inherits', () => {
    const locations = scratch(
      { [HEADLESS]: OLD_HEADLESS_STUB, 'app/dev/smsgw/gateway/background/SmsgwTaskService.kt': TASK_SERVICE },
      { realRoot: repository.realRoot, tasksDir: repository.tasksDir },
    );
    const { failures } = checkStubSignatures(locations);
    expect(failures).toContain(
      `${HEADLESS}:10: HeadlessJsTaskService lacks open fun onBind(intent: Intent): IBinder? of ReactAndroid com/facebook/react/HeadlessJsTaskService.kt:58, ` +
        'which SmsgwTaskService (app/dev/smsgw/gateway/background/SmsgwTaskService.kt:5) inherits: stub it, or name it in a "// not stubbed: … — reason" line',
    );
    expect(
      failures.some((f) => f.includes('lacks open fun onStartCommand(intent: Intent?, flags: Int, startId: Int): Int')),
    ).toBe(true);
  });

  it('lets a "not stubbed" line leave a member out, and refuses one that names no real member', () => {
    const waived = OLD_HEADLESS_STUB.replace(
      'abstract class',
      '// not stubbed: onBind, onStartCommand, startTask, onDestroy, reactNativeHost, reactHost, reactContext — test\n' +
        '// not stubbed: onBindd — a typo\nabstract class',
    );
    const locations = scratch(
      { [HEADLESS]: waived, 'app/dev/smsgw/gateway/background/SmsgwTaskService.kt': TASK_SERVICE },
      { realRoot: repository.realRoot, tasksDir: repository.tasksDir },
    );
    expect(checkStubSignatures(locations).failures).toEqual([
      `${HEADLESS}:11: "not stubbed: onBindd" names no member of ReactAndroid com/facebook/react/HeadlessJsTaskService.kt:38`,
    ]);
  });

  it('catches a Java stub that drops the real @Nullable (Kotlin would see Activity!, not Activity?)', () => {
    const locations = scratch(
      {
        'stubs/java/com/facebook/react/bridge/ReactContext.java':
          'package com.facebook.react.bridge;\n\nimport android.app.Activity;\nimport android.content.Context;\nimport android.content.ContextWrapper;\n\n' +
          'public abstract class ReactContext extends ContextWrapper {\n    public ReactContext(Context base) { super(base); }\n' +
          '    public Activity getCurrentActivity() { throw new RuntimeException("Stub!"); }\n}\n',
      },
      { realRoot: repository.realRoot, tasksDir: repository.tasksDir },
    );
    expect(checkStubSignatures(locations).failures).toEqual([
      'stubs/java/com/facebook/react/bridge/ReactContext.java:9: open fun getCurrentActivity(): Activity! differs from ' +
        'ReactAndroid com/facebook/react/bridge/ReactContext.java:518: open fun getCurrentActivity(): Activity? (nullability)',
    ]);
  });
});

/** A real Kotlin class and its stub, both in package `com.facebook.react.x`. */
function kotlinPair(real: string, stub: string, extra: Record<string, string> = {}): StubLocations {
  return scratch({
    'real/com/facebook/react/x/Thing.kt': `package com.facebook.react.x\n\n${real}`,
    'stubs/kotlin/com/facebook/react/x/Thing.kt': `package com.facebook.react.x\n\n${stub}`,
    ...extra,
  });
}

describe('member signatures', () => {
  it('reports a stub member the real class does not declare, naming the real class', () => {
    const { failures } = checkStubSignatures(
      kotlinPair(
        'public class Thing {\n  public fun a(): Int = 1\n}\n',
        'class Thing {\n  fun a(): Int = 1\n  fun b(): Int = 2\n}\n',
      ),
    );
    expect(failures).toEqual([
      'stubs/kotlin/com/facebook/react/x/Thing.kt:5: fun b(): Int differs from ReactAndroid com/facebook/react/x/Thing.kt:3: Thing declares no such member',
    ]);
  });

  it('reports another parameter type, return type, nullability, visibility or parameter name', () => {
    const real =
      'public class Thing {\n  public fun p(x: Long): Unit {}\n  public fun r(): String = ""\n  public fun n(): String? = null\n' +
      '  protected fun v(): Int = 1\n  public fun named(count: Int): Unit {}\n}\n';
    const stub =
      'class Thing {\n  fun p(x: Int): Unit = TODO()\n  fun r(): CharSequence = TODO()\n  fun n(): String = TODO()\n' +
      '  fun v(): Int = TODO()\n  fun named(n: Int): Unit = TODO()\n}\n';
    const failures = checkStubSignatures(kotlinPair(real, stub)).failures.map((f) => f.replace(/^.*?: /, ''));
    expect(failures).toEqual([
      'fun p(x: Int): Unit differs from ReactAndroid com/facebook/react/x/Thing.kt:4: fun p(x: Long): Unit (no declaration with these parameter types)',
      'fun r(): CharSequence differs from ReactAndroid com/facebook/react/x/Thing.kt:5: fun r(): String (type)',
      'fun n(): String differs from ReactAndroid com/facebook/react/x/Thing.kt:6: fun n(): String? (nullability)',
      'fun v(): Int differs from ReactAndroid com/facebook/react/x/Thing.kt:7: protected fun v(): Int (visibility (ReactAndroid: protected))',
      "fun named(n: Int): Unit differs from ReactAndroid com/facebook/react/x/Thing.kt:8: fun named(count: Int): Unit (parameter name 'n' (ReactAndroid: 'count'))",
    ]);
  });

  it('accepts a stub that leaves out trailing defaulted parameters, but not a default the real one lacks', () => {
    const real =
      'public object Thing {\n  @JvmStatic public fun make(a: String, b: Int = 0, c: Boolean = false): Int = 1\n  public fun take(a: String): Int = 1\n}\n';
    const stub =
      'object Thing {\n  @JvmStatic fun make(a: String, b: Int = 0): Int = TODO()\n  fun take(a: String = ""): Int = TODO()\n}\n';
    expect(checkStubSignatures(kotlinPair(real, stub)).failures).toEqual([
      "stubs/kotlin/com/facebook/react/x/Thing.kt:5: static fun take(a: String = …): Int differs from ReactAndroid com/facebook/react/x/Thing.kt:5: static fun take(a: String): Int ('a' has a default only in the stub)",
    ]);
  });

  it('finds a member in a real supertype, and refuses a stub that makes a final member overridable', () => {
    const real = 'public open class Thing : Base() {\n  public fun own(): Int = 1\n}\n';
    const base = 'package com.facebook.react.x\n\npublic abstract class Base {\n  public fun inherited(): Int = 1\n}\n';
    const stub = 'open class Thing {\n  fun inherited(): Int = TODO()\n  open fun own(): Int = TODO()\n}\n';
    const failures = checkStubSignatures(
      kotlinPair(real, stub, { 'real/com/facebook/react/x/Base.kt': base }),
    ).failures;
    expect(failures).toEqual([
      'stubs/kotlin/com/facebook/react/x/Thing.kt:5: open fun own(): Int differs from ReactAndroid com/facebook/react/x/Thing.kt:4: fun own(): Int (overridable only in the stub)',
    ]);
  });

  it('matches a Java stub getter with a Kotlin property, and a Kotlin stub with a Java class', () => {
    const locations = scratch({
      'real/com/facebook/react/x/Ctx.kt':
        'package com.facebook.react.x\n\npublic abstract class Ctx(context: Any) {\n  public val name: String = ""\n}\n',
      'stubs/java/com/facebook/react/x/Ctx.java':
        'package com.facebook.react.x;\n\nimport androidx.annotation.NonNull;\n\npublic abstract class Ctx {\n' +
        '    public Ctx(@NonNull Object context) {}\n    public final @NonNull String getName() { return ""; }\n}\n',
      'real/com/facebook/react/x/J.java':
        'package com.facebook.react.x;\n\nimport androidx.annotation.Nullable;\n\npublic class J {\n  public @Nullable String getLabel() { return null; }\n  public int[] counts() { return null; }\n}\n',
      'stubs/kotlin/com/facebook/react/x/J.kt':
        'package com.facebook.react.x\n\nopen class J {\n  open val label: String? get() = null\n  open fun counts(): IntArray = TODO()\n}\n',
    });
    const { failures, members } = checkStubSignatures(locations);
    // `counts()` returns a platform int[] in Java: either Kotlin nullability is true of it.
    expect(failures).toEqual([]);
    expect(members).toBe(5);
  });
});

describe('classes', () => {
  it('reports a concrete stub of an abstract class, an open stub of a final one, and a supertype the real class lacks', () => {
    const locations = scratch({
      'real/com/facebook/react/x/A.kt': 'package com.facebook.react.x\n\npublic abstract class A\n',
      'stubs/kotlin/com/facebook/react/x/A.kt': 'package com.facebook.react.x\n\nclass A\n',
      'real/com/facebook/react/x/F.kt':
        'package com.facebook.react.x\n\npublic class F : Runnable {\n  override fun run() {}\n}\n',
      'stubs/kotlin/com/facebook/react/x/F.kt':
        'package com.facebook.react.x\n\nimport java.io.Closeable\n\nopen class F : Closeable\n',
    });
    expect(checkStubSignatures(locations).failures).toEqual([
      'stubs/kotlin/com/facebook/react/x/A.kt:3: class A differs from ReactAndroid com/facebook/react/x/A.kt:3: class A (abstract in ReactAndroid)',
      "stubs/kotlin/com/facebook/react/x/F.kt:5: class F differs from ReactAndroid com/facebook/react/x/F.kt:3: class F (open only in the stub (ReactAndroid: final), supertype Closeable, which ReactAndroid's F does not have)",
    ]);
  });

  it('requires the abstract members of a real interface the app implements', () => {
    const locations = scratch({
      'real/com/facebook/react/x/Listener.kt':
        'package com.facebook.react.x\n\npublic interface Listener {\n  public fun started(id: Int)\n  public fun finished(id: Int)\n}\n',
      'stubs/kotlin/com/facebook/react/x/Listener.kt':
        'package com.facebook.react.x\n\ninterface Listener {\n  fun started(id: Int)\n}\n',
      'app/dev/smsgw/gateway/Runner.kt':
        'package dev.smsgw.gateway\n\nimport com.facebook.react.x.Listener\n\nobject Runner {\n  fun go() {\n    val l = object : Listener {\n      override fun started(id: Int) = Unit\n    }\n  }\n}\n',
    });
    expect(checkStubSignatures(locations).failures).toEqual([
      'stubs/kotlin/com/facebook/react/x/Listener.kt:3: Listener lacks abstract fun finished(id: Int): Unit of ReactAndroid com/facebook/react/x/Listener.kt:5, ' +
        'which an object expression (app/dev/smsgw/gateway/Runner.kt:7) must implement in the real build',
    ]);
  });

  it('refuses to vouch for a real class it cannot read, and lists stubs with no source as not checked', () => {
    const locations = scratch({
      'real/com/facebook/react/x/Odd.kt':
        'package com.facebook.react.x\n\npublic class Odd {\n  public val inferred = compute()\n}\n',
      'stubs/kotlin/com/facebook/react/x/Odd.kt': 'package com.facebook.react.x\n\nclass Odd\n',
      'stubs/kotlin/com/facebook/react/x/Missing.kt': 'package com.facebook.react.x\n\nclass Missing\n',
      'stubs/java/android/os/Bundle.java': 'package android.os;\n\npublic final class Bundle {}\n',
    });
    const report = checkStubSignatures(locations);
    expect(report.failures).toEqual([
      "stubs/kotlin/com/facebook/react/x/Missing.kt:3: com.facebook.react.x.Missing has no source in ReactAndroid nor in the Gradle plugin's templates, so its stub cannot be checked",
      'stubs/kotlin/com/facebook/react/x/Odd.kt:3: cannot check Odd: ReactAndroid com/facebook/react/x/Odd.kt:4: val inferred: no declared type (a class that was not fully read is not vouched for)',
    ]);
    expect(report.unchecked).toEqual(['stubs/java/android/os/Bundle.java']);
  });

  it('reads real Kotlin with where-clauses, receiver lambdas, literal constants and object-expression bodies', () => {
    const real = [
      'public object Thing {',
      '  public const val LIMIT = 10',
      '  @JvmStatic',
      '  public fun <T> scroll(view: T, x: Float)',
      '      where',
      '          T : Runnable,',
      '          T : AutoCloseable {',
      '    view.run()',
      '  }',
      '  public inline fun build(builder: StringBuilder.() -> Unit): String = StringBuilder().apply(builder).toString()',
      '  public fun listener(): Runnable =',
      '      object : Runnable {',
      '        override fun run() {}',
      '      }',
      '  public fun last(): Int = 1',
      '}',
      '',
    ].join('\n');
    const stub =
      'object Thing {\n  const val LIMIT: Int = 10\n  fun <T> scroll(view: T, x: Float): Unit where T : Runnable, T : AutoCloseable = TODO()\n' +
      '  fun build(builder: StringBuilder.() -> Unit): String = TODO()\n  fun listener(): Runnable = TODO()\n  fun last(): Int = TODO()\n}\n';
    const report = checkStubSignatures(kotlinPair(real, stub));
    expect(report.failures).toEqual([]);
    expect(report.members).toBe(5);
  });

  it('checks a generated class against the Gradle task template that writes it', () => {
    const task = [
      'package com.facebook.react.tasks',
      '',
      'abstract class GenerateThingTask {',
      '  companion object {',
      '    const val GENERATED_FILENAME = "com/facebook/react/Thing.java"',
      '    val generatedFileContentsTemplate =',
      '        """',
      '        package com.facebook.react;',
      '',
      '        public class Thing {',
      '          public static void load(Object context) {',
      '            {{ body }}',
      '          }',
      '        }',
      '        """',
      '            .trimIndent()',
      '  }',
      '}',
      '',
    ].join('\n');
    const locations = scratch({
      'tasks/GenerateThingTask.kt': task,
      'stubs/java/com/facebook/react/Thing.java':
        'package com.facebook.react;\n\npublic class Thing {\n    public static void load(String context) {}\n}\n',
    });
    expect(checkStubSignatures(locations).failures).toEqual([
      'stubs/java/com/facebook/react/Thing.java:4: static fun load(context: String!): Unit differs from @react-native/gradle-plugin tasks/GenerateThingTask.kt:11: ' +
        'static fun load(context: Any!): Unit (no declaration with these parameter types)',
    ]);
  });
});
