import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveDashboard } from './LiveDashboard';
import { createSnapshotStore } from './snapshot-store';
import { snapshotOf } from './sample-snapshot';

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(() => cleanup());

describe('LiveDashboard', () => {
  it('redraws at most fps times a second however fast snapshots come, and shows the newest', async () => {
    const store = createSnapshotStore(snapshotOf({ elapsedMs: 0 }));
    const { frames, lastFrame } = render(<LiveDashboard store={store} fps={4} color={false} keys={false} />);
    await wait(20);
    const before = frames.length;
    const startedAt = Date.now();
    for (let second = 1; second <= 40; second += 1) {
      store.set(snapshotOf({ elapsedMs: second * 1000 }));
      await wait(5);
    }
    const sendingMs = Date.now() - startedAt;
    await wait(300);
    const shownTimes = new Set(frames.slice(before).map((frame) => /elapsed (\d+:\d\d)/.exec(frame)?.[1]));
    // 40 snapshots in `sendingMs`; at 4 fps that is one redraw per 250 ms, plus the trailing one.
    expect(shownTimes.size).toBeLessThanOrEqual(Math.ceil(sendingMs / 250) + 1);
    expect(shownTimes.size).toBeLessThan(20);
    expect(lastFrame()).toContain('elapsed 0:40');
  });
});
