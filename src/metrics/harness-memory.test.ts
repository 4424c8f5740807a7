import { describe, expect, it } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startHarnessMemoryProbe } from './harness-memory';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('startHarnessMemoryProbe', () => {
  it('knows nothing before a major GC, then the heap that survived it', async () => {
    const probe = startHarnessMemoryProbe();
    try {
      expect(probe.retainedHeapBytes()).toBeNull();
      gc();
      // The observer hears of the GC on a later turn of the event loop.
      for (let turn = 0; turn < 50 && probe.retainedHeapBytes() === null; turn += 1)
        await new Promise((resolve) => setTimeout(resolve, 10));
      const retained = probe.retainedHeapBytes();
      expect(retained).toBeGreaterThan(1_000_000);
      expect(retained).toBeLessThanOrEqual(process.memoryUsage().heapTotal);
    } finally {
      probe.stop();
    }
  });
});
