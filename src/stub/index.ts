// The stub webhook server (DESIGN §4 src/stub): what other stages import.
export { startStub, type StubServer } from './start-stub.js';
export type { StubOptions } from './stub-options.js';
export type { Fault, FaultKind, Window } from './fault-plan.js';
export type { AcceptedMessage, Ledger, LedgerRow, StubStats } from './ledger.js';
export { signWebhook, verifyWebhookSignature } from './signature.js';
export type { WebhookPayload } from './webhook-payload.js';
export { stubDefaults } from './defaults.js';
