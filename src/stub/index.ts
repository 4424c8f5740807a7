// The stub webhook server (docs/architecture.md, "Stages"): what other stages import.
export { startStub, type ThreadStub } from './stub-thread';
export {
  startStubInThread,
  type HandledRequest,
  type InThreadStub,
  type LedgerView,
  type StubHooks,
  type StubServer,
} from './start-stub';
export { loadUserHandlers } from './user-handlers';
export type { InThreadStubOptions, StubOptions } from './stub-options';
export type { Fault, Window } from '../scenario/fault-schema';
export type { FaultKind } from './fault-plan';
export type { AcceptedMessage, Ledger, LedgerRow, RequestOutcome, StubStats } from './ledger';
export { signWebhook, verifyWebhookSignature } from './signature';
export { stubDefaults } from './defaults';
