// The harness's own memory. RSS alone misleads over a soak: V8 lets garbage pile up for a minute or
// two before a major GC, so RSS saws up and down by tens of MB and a straight line through a few
// teeth looks like a leak. What a leak really grows is the heap that survives a major GC: that is
// what this probe keeps, beside RSS.
import { PerformanceObserver, constants, type PerformanceEntry } from 'node:perf_hooks';

type GcEntry = PerformanceEntry & { readonly detail?: { readonly kind?: number } };

export interface HarnessMemoryProbe {
  /** Heap in use right after the latest major GC, bytes; null before the first one. */
  retainedHeapBytes(): number | null;
  stop(): void;
}

export function startHarnessMemoryProbe(): HarnessMemoryProbe {
  let retained: number | null = null;
  const observer = new PerformanceObserver((list) => {
    const major = list
      .getEntries()
      .some((entry) => (entry as GcEntry).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR);
    if (major) retained = process.memoryUsage().heapUsed;
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    retainedHeapBytes: () => retained,
    stop: () => observer.disconnect(),
  };
}
