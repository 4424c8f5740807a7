// The engine's public API: what the virtual device and the React Native app may import.
export { createEngine, type Engine, type EngineOptions } from './engine';
export { resolveConfig, webhookUrlProblem, type EngineConfig, type EngineConfigInput } from './config';
export { engineDefaults } from './defaults';
export { EngineError, type EngineErrorCode } from './engine-error';
export { migrate, schemaVersion } from './migrate';
export { classifyResult, categorizeError, CLEARTEXT_REFUSED_CODE, type SendOutcome } from './classify';
export { buildWebhookRequest, signWebhook, toWebhookPayload } from './forwarder';
export { computeMessageId, type MessageIdInput } from './message-id';
export { joinParts, type JoinedSms } from './join-parts';
export { sha256, sha256Hex, hmacSha256, hmacSha256Hex } from './sha256';
export type { ListMessagesOptions, LoggedError } from './queue-queries';
export * from './ports';
export type * from './types';
