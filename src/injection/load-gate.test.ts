import { describe, expect, it } from 'vitest';
import { createLoadGate } from './load-gate';

describe('createLoadGate', () => {
  it('holds waiters while paused and lets them through on resume', async () => {
    const gate = createLoadGate();
    gate.pause();
    let passed = false;
    const waiting = gate.whenOpen().then(() => (passed = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(passed).toBe(false);
    gate.resume();
    await waiting;
    expect(passed).toBe(true);
  });

  it('lets waiters go when the run is aborted while paused', async () => {
    const gate = createLoadGate();
    const controller = new AbortController();
    gate.pause();
    const waiting = gate.whenOpen(controller.signal);
    controller.abort();
    await expect(waiting).resolves.toBeUndefined();
  });

  it('adds up the time spent paused, the current pause included', () => {
    let clock = 0;
    const gate = createLoadGate(() => clock);
    expect(gate.toggle()).toBe(true);
    clock = 300;
    expect(gate.toggle()).toBe(false);
    clock = 1000;
    gate.pause();
    clock = 1200;
    expect(gate.pausedMs()).toBe(500);
  });
});
