import { afterEach, describe, expect, it, vi } from 'vitest';
import { startCheckpoints } from './checkpoints';

afterEach(() => vi.useRealTimers());

describe('startCheckpoints', () => {
  it('writes once at the start and then once per interval until stopped', async () => {
    vi.useFakeTimers();
    const write = vi.fn(() => Promise.resolve());
    const checkpoints = startCheckpoints(100, write);
    await vi.advanceTimersByTimeAsync(350);
    expect(write).toHaveBeenCalledTimes(4);
    await checkpoints.stop();
    await vi.advanceTimersByTimeAsync(500);
    expect(write).toHaveBeenCalledTimes(4);
  });

  it('writes the first checkpoint at once, long before the first interval, and says when it is on disk', async () => {
    vi.useFakeTimers();
    let finish: () => void = () => undefined;
    const write = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const checkpoints = startCheckpoints(120_000, write);
    expect(write).toHaveBeenCalledTimes(1);
    let firstDone = false;
    void checkpoints.first.then(() => (firstDone = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(firstDone).toBe(false);
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(firstDone).toBe(true);
    await checkpoints.stop();
  });

  it('settles the first checkpoint when it fails, and reports the failure', async () => {
    const errors: unknown[] = [];
    const checkpoints = startCheckpoints(120_000, () => Promise.reject(new Error('disk full')), {
      onError: (error) => errors.push(error),
    });
    await checkpoints.first;
    expect(errors).toEqual([new Error('disk full')]);
    await checkpoints.stop();
  });

  it('skips a tick while the previous write is still running', async () => {
    vi.useFakeTimers();
    let finish: () => void = () => undefined;
    const write = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const checkpoints = startCheckpoints(100, write);
    // The first write starts at once and is still running at every tick.
    await vi.advanceTimersByTimeAsync(450);
    expect(write).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(100);
    expect(write).toHaveBeenCalledTimes(2);
    finish();
    await checkpoints.stop();
  });

  it('waits for a write in progress when stopped', async () => {
    vi.useFakeTimers();
    let finished = false;
    const checkpoints = startCheckpoints(
      100,
      () => new Promise<void>((resolve) => setTimeout(() => ((finished = true), resolve()), 1000)),
    );
    await vi.advanceTimersByTimeAsync(100);
    const stopped = checkpoints.stop();
    await vi.advanceTimersByTimeAsync(1000);
    await stopped;
    expect(finished).toBe(true);
  });

  it('reports a failed write and keeps checkpointing', async () => {
    vi.useFakeTimers();
    const errors: unknown[] = [];
    const write = vi.fn().mockRejectedValueOnce(new Error('disk full')).mockResolvedValue(undefined);
    const checkpoints = startCheckpoints(100, write, { onError: (error) => errors.push(error) });
    await vi.advanceTimersByTimeAsync(150);
    expect(errors).toHaveLength(1);
    expect(write).toHaveBeenCalledTimes(2);
    await checkpoints.stop();
  });

  it('spaces checkpoints out when writing one holds the thread, so they never take more than their share of it', async () => {
    vi.useFakeTimers();
    // Each write holds the thread for 30 ms before it returns (the trace of a large run).
    const write = vi.fn(() => {
      vi.setSystemTime(Date.now() + 30);
      return Promise.resolve();
    });
    const checkpoints = startCheckpoints(100, write, { dutyFactor: 10, now: () => Date.now() });
    await vi.advanceTimersByTimeAsync(1000);
    // 30 ms × 10 = 300 ms from one write's start to the next: at 0, then the ticks at 300, 600 and 900 ms.
    expect(write).toHaveBeenCalledTimes(4);
    await checkpoints.stop();
  });
});
