import type { Window } from '../scenario/fault-schema';

export interface OutageSchedule {
  /** True while at least one outage window is open. */
  readonly down: boolean;
  /** Clears the timers; the schedule reports up again. */
  cancel(): void;
}

/**
 * Arms a timer for each edge of each outage window, from now. Overlapping windows keep the server
 * down until the last one closes; `onChange` is called only when down/up actually flips.
 */
export function scheduleOutages(windows: readonly Window[], onChange: (down: boolean) => void): OutageSchedule {
  let open = 0;
  const timers = windows.flatMap((window) => [
    setTimeout(() => {
      open += 1;
      if (open === 1) onChange(true);
    }, window.atMs),
    setTimeout(() => {
      open -= 1;
      if (open === 0) onChange(false);
    }, window.atMs + window.forMs),
  ]);
  return {
    get down() {
      return open > 0;
    },
    cancel() {
      timers.forEach(clearTimeout);
      open = 0;
    },
  };
}
