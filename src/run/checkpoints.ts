// Checkpoints: during a run the report is rewritten every few minutes, so a soak killed with
// SIGKILL (no teardown, no final report) still leaves the last checkpoint behind.

export interface Checkpoints {
  /** Stops the timer and waits for a write in progress: the final report must not race a checkpoint for the same temp file. */
  stop(): Promise<void>;
}

/** Calls `write` every `everyMs`, one at a time; a failed write is reported and the next one tried. */
export function startCheckpoints(everyMs: number, write: () => Promise<void>, onError: (error: unknown) => void = () => undefined): Checkpoints {
  let writing: Promise<void> | null = null;
  const timer = setInterval(() => {
    // A slow disk must not stack checkpoints up behind each other.
    if (writing) return;
    writing = write()
      .catch(onError)
      .finally(() => (writing = null));
  }, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await writing;
    },
  };
}
