import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchParent } from './watch-parent';

afterEach(() => vi.useRealTimers());

describe('watchParent', () => {
  it('stays quiet while the parent lives', async () => {
    vi.useFakeTimers();
    const onOrphaned = vi.fn();
    const stop = watchParent(onOrphaned, { ppid: () => 42, everyMs: 100 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(onOrphaned).not.toHaveBeenCalled();
    stop();
  });

  it('calls back once when the process is re-parented after its parent died', async () => {
    vi.useFakeTimers();
    let parent = 42;
    const onOrphaned = vi.fn();
    watchParent(onOrphaned, { ppid: () => parent, everyMs: 100 });
    parent = 1;
    await vi.advanceTimersByTimeAsync(1000);
    expect(onOrphaned).toHaveBeenCalledTimes(1);
  });
});
