// Fakes for tests of the engine and of code built on it: time, network, webhook, randomness, a flaky database.
export { FakeClock } from './fake-clock';
export { FakeNetwork } from './fake-network';
export { FakeWindows, silentWindowAt } from './fake-windows';
export { FakeTransport, deferred, networkError, respond, type FakeHandler } from './fake-transport';
export { fixedRandom, seededRandom } from './seeded-random';
export { flakyDb, type FlakyDb } from './flaky-db';
export { createTestEngine, testSms, testWebhookUrl, type TestEngine, type TestEngineOptions } from './test-engine';
export { waitFor } from './wait-for';
// The engine's SqlDb adapter for Node, for tests that open a database file themselves.
export { openSqliteDb } from '../../node/sqlite-db';
