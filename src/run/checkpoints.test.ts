import { afterEach, describe, expect, it, vi } from 'vitest';
import { startCheckpoints } from './checkpoints';

afterEach(() => vi.useRealTimers());

describe('startCheckpoints', () => {
  it('writes once per interval until stopped', async () => {
    vi.useFakeTimers();
    const write = vi.fn(() => Promise.resolve());
    const checkpoints = startCheckpoints(100, write);
    await vi.advanceTimersByTimeAsync(350);
    expect(write).toHaveBeenCalledTimes(3);
    await checkpoints.stop();
    await vi.advanceTimersByTimeAsync(500);
    expect(write).toHaveBeenCalledTimes(3);
  });

  it('skips a tick while the previous write is still running', async () => {
    vi.useFakeTimers();
    let finish: () => void = () => undefined;
    const write = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const checkpoints = startCheckpoints(100, write);
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
    const checkpoints = startCheckpoints(100, () => new Promise<void>((resolve) => setTimeout(() => ((finished = true), resolve()), 1000)));
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
    const checkpoints = startCheckpoints(100, write, (error) => errors.push(error));
    await vi.advanceTimersByTimeAsync(250);
    expect(errors).toHaveLength(1);
    expect(write).toHaveBeenCalledTimes(2);
    await checkpoints.stop();
  });
});
