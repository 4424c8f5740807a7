import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteDb } from '../../test/support';
import type { SqlDb } from './ports';
import { networkError, respond } from '../../test/support/fake-transport';
import { createTestEngine, testSms } from '../../test/support/test-engine';
import { waitFor } from '../../test/support/wait-for';

let db: SqlDb;
let stop: () => Promise<void> = async () => undefined;
afterEach(async () => {
  await stop();
  await db.close();
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('circuit breaker in the engine', () => {
  it('opens after 5 consecutive transient failures, then lets one probe through per step, and closes on success', async () => {
    db = openSqliteDb(join(mkdtempSync(join(tmpdir(), 'smsgw-gw-')), 'gateway.sqlite'));
    const { engine, transport, clock } = await createTestEngine({
      db,
      // One at a time keeps the count of failures exact; base 1 s so retries are due before each probe.
      config: { concurrency: 1, breakerThreshold: 5, breakerProbeBaseMs: 30_000, retryBaseMs: { network: 1_000 } },
      handler: () => networkError('ECONNREFUSED'),
    });
    stop = () => engine.stop();
    engine.start();
    for (let i = 0; i < 20; i++) await engine.enqueue(testSms());
    await waitFor(() => transport.requests.length === 5 && clock.nextTimerAt() !== null, 'five failures');
    await settle();
    expect(transport.requests).toHaveLength(5);
    const health = await engine.health();
    expect(health.breaker).toBe('open');
    expect(health.status).toBe('down');
    expect(health.reasons).toContain('circuit breaker open: the webhook keeps failing');

    // First probe after ~15 s (30 s step, equal jitter at 0.5 → 22.5 s), not before.
    const opened = clock.now();
    clock.advance(22_499);
    await settle();
    expect(transport.requests).toHaveLength(5);
    clock.advance(1);
    await waitFor(() => transport.requests.length === 6, 'first probe');
    await waitFor(() => clock.nextTimerAt() !== null, 're-armed');
    await settle();
    expect(transport.requests).toHaveLength(6);
    // The probe failed: the next step is a quarter of the outage so far (22.5 s), but never under the
    // first step (30 s → 22.5 s).
    expect(clock.nextTimerAt()).toBe(opened + 22_500 + 22_500);

    transport.setHandler(() => respond(200));
    clock.fireNext();
    await waitFor(async () => (await engine.health()).delivered === 20, 'all delivered after the breaker closed');
    expect((await engine.health()).breaker).toBe('closed');
    expect(transport.requests).toHaveLength(7 + 19);
  });
});
