// Doze's maintenance windows as a test opens and closes them by hand, or as a schedule on a fake clock
// that tells no one (only `nextOpenAt`), to prove the dispatcher's own timer finds the next window.
import type { Clock, WorkWindows } from '../../src/engine/ports';

export class FakeWindows implements WorkWindows {
  private open: boolean;
  private opensAt: number | null = null;
  private readonly listeners = new Set<(open: boolean) => void>();
  /** How often the dispatcher asked: a test waits for a round that saw the window closed before it looks. */
  checks = 0;

  constructor(open = true) {
    this.open = open;
  }

  isOpen(): boolean {
    this.checks += 1;
    return this.open;
  }

  nextOpenAt(): number | null {
    return this.open ? null : this.opensAt;
  }

  subscribe(listener: (open: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Opens or closes the window and tells the subscribers; `opensAt` is what a closed one says of the next. */
  set(open: boolean, opensAt: number | null = null): void {
    this.open = open;
    this.opensAt = opensAt;
    for (const listener of [...this.listeners]) listener(open);
  }
}

/** Closed until `opensAt` on `clock`, open from then on; never calls a subscriber. */
export function silentWindowAt(clock: Clock, opensAt: number): WorkWindows {
  return {
    isOpen: () => clock.now() >= opensAt,
    nextOpenAt: () => (clock.now() >= opensAt ? null : opensAt),
    subscribe: () => () => undefined,
  };
}
