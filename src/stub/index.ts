// The stub webhook server (DESIGN §4 src/stub): what other stages import.
export { startStub, type StubServer } from './start-stub';
export type { StubOptions } from './stub-options';
export type { Fault, FaultKind, Window } from './fault-plan';
export type { AcceptedMessage, Ledger, LedgerRow, StubStats } from './ledger';
export { signWebhook, verifyWebhookSignature } from './signature';
export type { WebhookPayload } from './webhook-payload';
export { stubDefaults } from './defaults';
