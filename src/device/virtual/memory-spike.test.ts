import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readVmHwm } from '../core/vm-hwm';
import { spikeMemory } from './memory-spike';

const SPIKE_BYTES = 100_000_000;

describe.runIf(existsSync('/proc/self/status'))('spikeMemory', () => {
  it('makes the memory resident in this process, where VmHWM sees it, and frees it before it resolves', async () => {
    const rssBefore = process.memoryUsage.rss();
    await spikeMemory(SPIKE_BYTES);
    const peak = await readVmHwm(process.pid);
    // The spike stood on top of what was resident before it (less whatever the GC gave back meanwhile).
    expect(peak).toBeGreaterThanOrEqual(rssBefore + SPIKE_BYTES * 0.9);
    expect(process.memoryUsage.rss()).toBeLessThan(rssBefore + SPIKE_BYTES / 2);
  });
});
