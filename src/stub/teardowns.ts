/**
 * Undo steps, each added right after what it undoes; `run` runs them newest first, once, however often
 * it is called. A step that throws does not stop the ones after it; the first error is rethrown at the end.
 */
export class Teardowns {
  private readonly steps: (() => unknown)[] = [];
  private done: Promise<void> | null = null;

  add(step: () => unknown): void {
    this.steps.push(step);
  }

  run(): Promise<void> {
    this.done ??= this.runAll();
    return this.done;
  }

  private async runAll(): Promise<void> {
    const failures: unknown[] = [];
    for (const step of this.steps.reverse()) {
      try {
        await step();
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) throw failures[0];
  }
}
