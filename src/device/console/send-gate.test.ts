import { afterEach, describe, expect, it, vi } from 'vitest';
import { SendGate } from './send-gate';

afterEach(() => {
  vi.useRealTimers();
});

describe('SendGate', () => {
  it('lets at most maxInFlight through until one is released', async () => {
    const gate = new SendGate({ maxInFlight: 2 });
    const started: number[] = [];
    const all = [0, 1, 2, 3].map((n) => gate.acquire().then(() => started.push(n)));
    await Promise.resolve();
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gate.release();
    await vi.waitFor(() => expect(started).toEqual([0, 1, 2]));
    gate.release();
    gate.release();
    await Promise.all(all);
    expect(started).toEqual([0, 1, 2, 3]);
  });

  it('spaces starts evenly at perSecond', async () => {
    vi.useFakeTimers();
    const gate = new SendGate({ perSecond: 10, now: () => Date.now() });
    const started: number[] = [];
    const t0 = Date.now();
    for (let n = 0; n < 3; n += 1) void gate.acquire().then(() => started.push(Date.now() - t0));
    await vi.advanceTimersByTimeAsync(250);
    expect(started).toEqual([0, 100, 200]);
  });

  it('fails the callers still waiting when cancelled', async () => {
    const gate = new SendGate({ maxInFlight: 1 });
    await gate.acquire();
    const waiting = gate.acquire();
    gate.cancelAll(new Error('console connection closed'));
    await expect(waiting).rejects.toThrow('closed');
  });
});
