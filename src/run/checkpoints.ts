// Checkpoints: during a run the report is rewritten every few minutes, so a soak killed with
// SIGKILL (no teardown, no final report) still leaves the last checkpoint behind. The first one is
// written at once: a run killed before the first interval would otherwise leave nothing.

export interface Checkpoints {
  /** Settles once the first checkpoint, written at the start, is on disk or has failed (reported to onError). */
  readonly first: Promise<void>;
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

/** Calls `write` now and then every `everyMs`, one at a time; a failed write is reported and the next one tried. */
export function startCheckpoints(
  everyMs: number,
  write: () => Promise<void>,
  options: CheckpointOptions = {},
): Checkpoints {
  const { onError = () => undefined, dutyFactor = 50, now = () => performance.now() } = options;
  let writing: Promise<void> | null = null;
  let notBefore = 0;
  /** Starts a write unless one runs or it is too early; returns the write it started. */
  const tick = (): Promise<void> | null => {
    // A slow disk must not stack checkpoints up behind each other.
    if (writing || now() < notBefore) return null;
    const startedAt = now();
    const started = write()
      .catch(onError)
      .finally(() => (writing = null));
    writing = started;
    notBefore = startedAt + (now() - startedAt) * dutyFactor;
    return started;
  };
  const timer = setInterval(tick, everyMs);
  const first = tick() ?? Promise.resolve();
  return {
    first,
    async stop() {
      clearInterval(timer);
      await writing;
    },
  };
}
