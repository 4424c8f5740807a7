// Whatever a chain of steps opened is closed in the reverse order it was opened, so nothing is closed
// while something opened after it still uses it. Each step registers its teardown right where it
// opens what needs one, and one `run()` (in a `finally`, or in `stop()`) closes everything.

export class TeardownStack {
  private readonly teardowns: (() => unknown)[] = [];

  /** Registers how to close what was just opened. */
  defer(teardown: () => unknown): void {
    this.teardowns.push(teardown);
  }

  /**
   * Runs every teardown once, last registered first, each after the previous one settled. One that
   * fails does not keep the others from running; the first failure is thrown once all have run.
   */
  async run(): Promise<void> {
    const failures: unknown[] = [];
    for (let teardown = this.teardowns.pop(); teardown; teardown = this.teardowns.pop()) {
      try {
        await teardown();
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) throw failures[0];
  }
}
