// A stack of teardowns: each registered right next to what it tears down, all run at the end in
// reverse order, so what started last stops first, whatever happened in between. The orchestrator,
// the stub and the virtual device each keep one.

interface Teardown {
  readonly name: string;
  readonly run: () => unknown;
}

export class Teardowns {
  private readonly stack: Teardown[] = [];
  private running: Promise<void> | null = null;

  /** Registers `teardown` under `name`, to run before every one registered earlier. */
  defer(name: string, teardown: () => unknown): void {
    this.stack.push({ name, run: teardown });
  }

  /**
   * Runs every teardown once, the last registered first, each after the one before it has settled.
   * One that fails does not keep the others from running: the failure is thrown at the end, several
   * of them together as an AggregateError that names them. A second call while the first runs waits
   * for it; one after it runs only what was registered since.
   */
  runAll(): Promise<void> {
    this.running ??= this.unwind().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async unwind(): Promise<void> {
    const failures: Array<{ name: string; error: unknown }> = [];
    for (let teardown = this.stack.pop(); teardown !== undefined; teardown = this.stack.pop()) {
      try {
        await teardown.run();
      } catch (error) {
        failures.push({ name: teardown.name, error });
      }
    }
    if (failures.length === 1) throw failures[0]!.error;
    if (failures.length > 1)
      throw new AggregateError(
        failures.map((failure) => failure.error),
        `${failures.length} teardowns failed: ${failures.map((failure) => failure.name).join(', ')}`,
      );
  }
}
