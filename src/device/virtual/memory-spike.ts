// The `spike` defect's allocation: memory made resident for a moment, then given back to the OS.
import { Worker } from 'node:worker_threads';

/**
 * Runs in a worker thread of this process: its memory is this process's (the kernel's VmHWM counts
 * it), and the worker's exit tears its isolate down, which frees the Buffer at once. Freed on the main
 * thread instead, the Buffer would wait for whichever GC V8 runs next. A filler byte, not zeros: a
 * zero-filled Buffer may sit on fresh pages that never become resident.
 */
const SPIKE_SOURCE = `
const { workerData } = require('node:worker_threads');
Buffer.alloc(workerData.bytes, 0x5a);
`;

/** Makes `bytes` of memory resident in this process and frees them again; resolves once they are freed. */
export function spikeMemory(bytes: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(SPIKE_SOURCE, { eval: true, workerData: { bytes }, stdout: true, stderr: true });
    // A device asked to stop while the spike runs must not wait for it.
    worker.unref();
    worker.once('error', reject);
    worker.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`the memory spike's worker exited with code ${code}`)),
    );
  });
}
