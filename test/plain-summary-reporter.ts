// Prints one plain closing line, "N passed, N failed, N skipped", that any CI log reader understands.
// A test file that could not run at all (a syntax error, a failing import) and an error outside any
// test are failures too: they are named on that line, so it never reads "0 failed" on a red run.
import type { Reporter, SerializedError, TestModule } from 'vitest/node';

export default class PlainSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    let brokenFiles = 0;
    for (const testModule of testModules) {
      if (testModule.errors().length > 0) brokenFiles += 1;
      for (const test of testModule.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed += 1;
        else if (state === 'failed') counts.failed += 1;
        else counts.skipped += 1;
      }
    }
    const extra = [
      brokenFiles > 0 ? `${brokenFiles} test file${brokenFiles === 1 ? '' : 's'} failed to run` : null,
      unhandledErrors.length > 0
        ? `${unhandledErrors.length} error${unhandledErrors.length === 1 ? '' : 's'} outside any test`
        : null,
    ].filter((part) => part !== null);
    process.stdout.write(
      `\n${[`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`, ...extra].join(', ')}\n`,
    );
  }
}
