// Where the run puts its newest snapshot and the dashboard picks it up, at its own pace.
import type { MetricsSnapshot } from '../metrics/metrics-snapshot';

export interface SnapshotStore {
  get(): MetricsSnapshot | null;
  set(snapshot: MetricsSnapshot): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

export function createSnapshotStore(initial: MetricsSnapshot | null = null): SnapshotStore {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set(snapshot) {
      current = snapshot;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
