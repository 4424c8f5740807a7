// Pause and resume of the load (the dashboard's `p` key): the injector waits at the gate before each
// send, and the schedule shifts by the time spent paused, so resuming does not fire a backlog at once.

export interface LoadGate {
  readonly paused: boolean;
  pause(): void;
  resume(): void;
  /** Pauses when running, resumes when paused; returns whether it is paused now. */
  toggle(): boolean;
  /** Ms spent paused so far, the current pause included. */
  pausedMs(): number;
  /** Resolves at once when running, else on resume or abort. */
  whenOpen(signal?: AbortSignal): Promise<void>;
}

export function createLoadGate(now: () => number = Date.now): LoadGate {
  let pausedSince: number | null = null;
  let pausedTotalMs = 0;
  let waiters: Array<() => void> = [];

  const gate: LoadGate = {
    get paused() {
      return pausedSince !== null;
    },
    pause() {
      pausedSince ??= now();
    },
    resume() {
      if (pausedSince === null) return;
      pausedTotalMs += now() - pausedSince;
      pausedSince = null;
      const woken = waiters;
      waiters = [];
      for (const wake of woken) wake();
    },
    toggle() {
      if (gate.paused) gate.resume();
      else gate.pause();
      return gate.paused;
    },
    pausedMs: () => pausedTotalMs + (pausedSince === null ? 0 : now() - pausedSince),
    whenOpen(signal) {
      if (pausedSince === null || signal?.aborted) return Promise.resolve();
      return new Promise((resolve) => {
        const wake = (): void => {
          signal?.removeEventListener('abort', wake);
          waiters = waiters.filter((waiter) => waiter !== wake);
          resolve();
        };
        waiters.push(wake);
        signal?.addEventListener('abort', wake, { once: true });
      });
    },
  };
  return gate;
}
