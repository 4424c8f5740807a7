// What the screens may ask of the gateway: injected through React context (src/app/gateway-context),
// so a screen test hands in a fake and no screen imports an adapter or a native module.
import type { ListMessagesOptions, LoggedError, SendOutcome } from '../engine';
import type { StoredMessage } from '../engine/types';
import type { HealthSource } from './health-source';
import type { AppPermission } from './native-ports';
import type { AppSettings, SettingsPatch } from './settings-store';

export type SaveSettingsResult =
  | { readonly kind: 'saved'; readonly settings: AppSettings }
  | { readonly kind: 'invalid'; readonly problems: readonly string[] };

export interface GatewayApi extends HealthSource {
  settings(): Promise<AppSettings>;
  /** Validates every field, persists, and reconfigures the running engine. */
  saveSettings(patch: SettingsPatch): Promise<SaveSettingsResult>;
  /** POSTs a synthetic message to the configured webhook and classifies the answer like a real one. */
  sendTestWebhook(): Promise<SendOutcome>;
  setPaused(paused: boolean): Promise<AppSettings>;
  listMessages(options?: ListMessagesOptions): Promise<StoredMessage[]>;
  /** Puts failed messages (all, or these messageIds) back in the queue; resolves with how many. */
  replayFailed(messageIds?: readonly string[]): Promise<number>;
  /** The engine's error log, newest first, including errors that belong to no message (database, permissions). */
  listErrors(limit?: number): Promise<LoggedError[]>;
}

/** The phone's side of onboarding: runtime permissions and the battery-optimisation exemption. */
export interface DeviceSetup {
  missingPermissions(): Promise<AppPermission[]>;
  requestPermissions(): Promise<AppPermission[]>;
  isIgnoringBatteryOptimizations(): Promise<boolean>;
  requestIgnoreBatteryOptimizations(): Promise<void>;
}
