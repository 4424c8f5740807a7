// Checkpoints: during a run the report is rewritten every few minutes, so a soak killed with
// SIGKILL (no teardown, no final report) still leaves the last checkpoint behind.

export interface Checkpoints {
  /** Stops the timer and waits for a write in progress: the final report must not race a checkpoint for the same temp file. */
  stop(): Promise<void>;
}

export interface CheckpointOptions {
  readonly onError?: (error: unknown) => void;
  /**
   * A write's synchronous part (the trace, which sorts every SMS so far) blocks the harness's thread,
   * stub and injector included: about 3 s at 300,000 SMS. The next checkpoint waits at least this many
   * times as long, so checkpoints never hold the thread for more than 1/dutyFactor of the run.
   */
  readonly dutyFactor?: number;
  readonly now?: () => number;
}

/** Calls `write` every `everyMs`, one at a time; a failed write is reported and the next one tried. */
export function startCheckpoints(everyMs: number, write: () => Promise<void>, options: CheckpointOptions = {}): Checkpoints {
  const { onError = () => undefined, dutyFactor = 50, now = () => performance.now() } = options;
  let writing: Promise<void> | null = null;
  let notBefore = 0;
  const timer = setInterval(() => {
    // A slow disk must not stack checkpoints up behind each other.
    if (writing || now() < notBefore) return;
    const startedAt = now();
    writing = write()
      .catch(onError)
      .finally(() => (writing = null));
    notBefore = startedAt + (now() - startedAt) * dutyFactor;
  }, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await writing;
    },
  };
}
