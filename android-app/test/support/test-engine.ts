// An engine on fakes (clock, transport, network, randomness) over a database the test opens.
import type { EngineConfigInput } from '../../src/engine/config';
import { createEngine, type Engine } from '../../src/engine/engine';
import type { Random, SqlDb, WorkWindows } from '../../src/engine/ports';
import type { InboundSms } from '../../src/engine/types';
import { FakeClock } from './fake-clock';
import { FakeNetwork } from './fake-network';
import { FakeTransport, type FakeHandler } from './fake-transport';
import { fixedRandom } from './seeded-random';

export interface TestEngine {
  readonly engine: Engine;
  readonly db: SqlDb;
  readonly clock: FakeClock;
  readonly transport: FakeTransport;
  readonly network: FakeNetwork;
}

export interface TestEngineOptions {
  readonly db: SqlDb;
  readonly handler?: FakeHandler;
  readonly config?: Partial<EngineConfigInput>;
  /** Default: a fresh FakeClock; pass one to share time between two engines. */
  readonly clock?: FakeClock;
  /** Default: always 0.5, so every jittered delay is exactly half its step. */
  readonly random?: Random;
  /** Default: always open (no Doze). */
  readonly windows?: WorkWindows;
}

export const testWebhookUrl = 'https://hooks.example/sms';

export async function createTestEngine(options: TestEngineOptions): Promise<TestEngine> {
  const clock = options.clock ?? new FakeClock();
  const transport = new FakeTransport(options.handler);
  const network = new FakeNetwork(true);
  const engine = await createEngine({
    db: options.db,
    transport,
    clock,
    network,
    random: options.random ?? fixedRandom(0.5),
    ...(options.windows ? { windows: options.windows } : {}),
    config: { webhookUrl: testWebhookUrl, deviceId: 'dev-1', secret: 'test-secret', ...options.config },
  });
  return { engine, db: options.db, clock, transport, network };
}

let counter = 0;

/** A distinct single-part SMS each call (sender and text numbered). */
export function testSms(overrides: Partial<InboundSms> = {}): InboundSms {
  counter++;
  return {
    sender: `+4670000${String(counter).padStart(4, '0')}`,
    parts: [{ body: `test message ${counter}`, index: 1, total: 1 }],
    smscTimestamp: Date.UTC(2025, 5, 15, 11, 59, 0),
    simSlot: 0,
    ...overrides,
  };
}
