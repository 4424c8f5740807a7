import { describe, expect, it } from 'vitest';
import { engineOnDisk } from '../../test/support/engine-on-disk';
import { FakeWindows } from '../../test/support/fake-windows';
import { deferred, respond } from '../../test/support/fake-transport';
import { testSms } from '../../test/support/test-engine';
import { waitFor } from '../../test/support/wait-for';
import type { SqlDb, TransportResult, WorkWindows } from './ports';

const setup = engineOnDisk();

const statusCounts = async (db: SqlDb): Promise<Record<string, number>> =>
  Object.fromEntries(
    (await db.all<{ status: string; n: number }>('SELECT status, COUNT(*) AS n FROM messages GROUP BY status')).map(
      (row) => [row.status, row.n],
    ),
  );

/** Resolves once the dispatcher has asked the windows again: the round after `before` has decided. */
const nextRound = (windows: FakeWindows, before = windows.checks) =>
  waitFor(() => windows.checks > before, 'a claim round');

describe('the engine in Doze (work windows)', () => {
  it('stores SMS but sends nothing while the work window is closed, then sends them all when it opens', async () => {
    const windows = new FakeWindows(false);
    const { engine, transport, db } = await setup({ windows });
    engine.start();
    const checked = windows.checks;
    await Promise.all([engine.enqueue(testSms()), engine.enqueue(testSms()), engine.enqueue(testSms())]);
    await nextRound(windows, checked);
    expect(await statusCounts(db)).toEqual({ pending: 3 });
    expect(transport.requests).toHaveLength(0);

    windows.set(true);
    await waitFor(async () => (await statusCounts(db)).delivered === 3, 'delivered once the window opened');
    expect(new Set(transport.keys).size).toBe(3);
  });

  it('holds a retry that falls due while the window is closed until the next window', async () => {
    const windows = new FakeWindows(true);
    const { engine, transport, db, clock } = await setup({
      windows,
      handler: (_request, index) => respond(index === 0 ? 503 : 200),
    });
    engine.start();
    await engine.enqueue(testSms());
    await waitFor(async () => (await statusCounts(db)).retrying === 1, 'the first attempt failed');
    windows.set(false);
    const checked = windows.checks;
    // Far past the retry's due time: its timer fires, and the round finds the window closed.
    clock.advance(10 * 60_000);
    await nextRound(windows, checked);
    expect(transport.requests).toHaveLength(1);
    expect(await statusCounts(db)).toEqual({ retrying: 1 });

    windows.set(true);
    await waitFor(async () => (await statusCounts(db)).delivered === 1, 'the retry in the next window');
    expect(transport.requests).toHaveLength(2);
    expect(transport.keys[1]).toBe(transport.keys[0]);
  });

  it('lets the POSTs in flight finish when a window closes, and launches no more until the next one', async () => {
    const windows = new FakeWindows(true);
    const held: ((result: TransportResult) => void)[] = [];
    const { engine, transport, db } = await setup({
      windows,
      config: { concurrency: 2 },
      handler: () => {
        const gate = deferred<TransportResult>();
        held.push(gate.resolve);
        return gate.promise;
      },
    });
    engine.start();
    await Promise.all(Array.from({ length: 5 }, () => engine.enqueue(testSms())));
    await waitFor(() => transport.inFlight === 2, 'two in flight');
    windows.set(false);
    const checked = windows.checks;
    held.splice(0).forEach((release) => release(respond(200)));
    await waitFor(async () => (await statusCounts(db)).delivered === 2, 'the two in flight delivered');
    await nextRound(windows, checked);
    expect(transport.requests).toHaveLength(2);
    expect(await statusCounts(db)).toEqual({ delivered: 2, pending: 3 });

    windows.set(true);
    while ((await statusCounts(db)).delivered !== 5) {
      held.splice(0).forEach((release) => release(respond(200)));
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(transport.requests).toHaveLength(5);
  });

  it('wakes on its own timer at the next window when the platform only says when that opens', async () => {
    let asked = 0;
    let opensAt = Number.POSITIVE_INFINITY;
    const { engine, transport, db, clock } = await setup({
      windows: {
        isOpen: () => {
          asked += 1;
          return clock.now() >= opensAt;
        },
        nextOpenAt: () => (clock.now() >= opensAt ? null : opensAt),
        subscribe: () => () => undefined,
      } satisfies WorkWindows,
    });
    opensAt = clock.now() + 30_000;
    engine.start();
    await engine.enqueue(testSms());
    await waitFor(() => asked > 0 && clock.nextTimerAt() === opensAt, 'a timer armed for the window');
    expect(transport.requests).toHaveLength(0);

    clock.advance(30_000);
    await waitFor(async () => (await statusCounts(db)).delivered === 1, 'sent in the window');
  });
});
