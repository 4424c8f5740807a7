// The store's newest snapshot, re-rendered at most `fps` times a second; the last one always lands.
import { useEffect, useState } from 'react';
import type { MetricsSnapshot } from '../metrics/metrics-snapshot';
import type { SnapshotStore } from './snapshot-store';

export function useThrottledSnapshot(store: SnapshotStore, fps: number): MetricsSnapshot | null {
  const [snapshot, setSnapshot] = useState(store.get());
  useEffect(() => {
    const minGapMs = 1000 / fps;
    let shownAt = 0;
    let timer: NodeJS.Timeout | undefined;
    const show = (): void => {
      timer = undefined;
      shownAt = Date.now();
      setSnapshot(store.get());
    };
    const unsubscribe = store.subscribe(() => {
      if (timer) return; // a redraw is already due; it will pick up this snapshot
      const waitMs = shownAt + minGapMs - Date.now();
      if (waitMs <= 0) show();
      else timer = setTimeout(show, waitMs);
    });
    show();
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [store, fps]);
  return snapshot;
}
