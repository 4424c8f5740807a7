// The app service: the one thing the app runs. It is the engine over the platform adapters, with the
// settings persisted beside it and the native inbox drained into it (after the optional recovery scan
// of the phone's SMS store, scheduled-recovery.ts). Screens see it only as an
// AppService (through React context, see app-ports.ts); the app's root and the headless task hold the
// RunningAppService, which also owns the engine and the dispatcher's lifecycle.
import { Mutex } from 'async-mutex';
import {
  createEngine,
  silentLogger,
  systemClock,
  webhookUrlProblem,
  type Clock,
  type Engine,
  type EngineConfigInput,
  type HttpTransport,
  type ListMessagesOptions,
  type LoggedError,
  type Logger,
  type NetworkStatus,
  type SendOutcome,
  type SqlDb,
} from '../engine';
import type { StoredMessage } from '../engine/types';
import { appDefaults } from '../config/app-defaults';
import { appVersion } from '../config/app-version';
import { drainInbox, type DrainInboxResult } from './drain-inbox';
import type { HealthSource } from './health-source';
import type { AppPermission, NativeInbox, PermissionAnswer } from './native-ports';
import { applyPendingConfiguration, type PendingConfigurationSource } from './pending-configuration';
import { cleartextAnywhere, type CleartextCheck } from './cleartext-policy';
import { scheduledRecovery, type RecoveryDeps } from './scheduled-recovery';
import {
  createSettingsStore,
  settingsProblems,
  type AppSettings,
  type SettingsPatch,
  type SettingsStore,
} from './settings-store';
import { sendTestWebhook } from './test-webhook';

const DAY_MS = 24 * 60 * 60 * 1000;
export const PAUSED_BY_HAND = 'forwarding paused in Settings';

export type SaveSettingsResult =
  | { readonly kind: 'saved'; readonly settings: AppSettings }
  | { readonly kind: 'invalid'; readonly problems: readonly string[] };

/** What the screens may ask of the app. */
export interface AppService extends HealthSource {
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
  /** Android's API level; 0 off Android. */
  readonly apiLevel: number;
  missingPermissions(): Promise<AppPermission[]>;
  /**
   * Asks for one permission; resolves with Android's answer. Onboarding asks only for RECEIVE_SMS;
   * POST_NOTIFICATIONS is asked from Settings (notification-permission.ts).
   */
  requestPermission(permission: AppPermission): Promise<PermissionAnswer>;
  /** Opens the app's page in the system settings (App info), where a refused permission is granted by hand. */
  openAppSettings(): Promise<void>;
  isIgnoringBatteryOptimizations(): Promise<boolean>;
  requestIgnoreBatteryOptimizations(): Promise<void>;
  /**
   * READ_SMS, which only the optional recovery of missed SMS needs: never among the permissions
   * onboarding asks for, asked from Settings. Resolves whether it is granted.
   */
  readSmsGranted(): Promise<boolean>;
  /** Asks for READ_SMS; resolves whether it is granted afterwards. */
  requestReadSms(): Promise<boolean>;
  /**
   * The Errors screen's "Retry now": a background pass at once (a WorkManager run, native
   * `SmsgwSystem.scheduleRetryNow`), whatever the network says, so an offline phone shows its error now.
   */
  retryNow(): Promise<void>;
}

export interface AppServiceDeps {
  readonly db: SqlDb;
  readonly transport: HttpTransport;
  readonly inbox: NativeInbox;
  /** Default: always online. */
  readonly network?: NetworkStatus;
  /** Default: the system clock. */
  readonly clock?: Clock;
  /** Default: silent. */
  readonly logger?: Logger;
  /** Called once, the first time the app runs on this phone. */
  readonly newDeviceId: () => string;
  /** The recovery of SMS the receiver missed; without it (or with it off, or READ_SMS denied) drains only drain. */
  readonly recovery?: RecoveryDeps;
  /** A configuration sent over adb to the native ConfigureReceiver, applied before each drain. */
  readonly pendingConfiguration?: PendingConfigurationSource;
  /** Whether the platform lets plain http reach a webhook URL's host; default: everywhere (off Android). */
  readonly cleartext?: CleartextCheck;
}

export interface DrainResult extends DrainInboxResult {
  /** SMS the recovery scan found in the phone's SMS store and put into the inbox before this drain. */
  readonly recovered: number;
}

export interface BackgroundPassResult extends DrainResult {
  /** True when the queue emptied within the budget. */
  readonly emptied: boolean;
  /** Paused by hand or without a usable webhook URL: nothing could leave, whatever the budget. */
  readonly blocked: boolean;
  /** Messages queued once the inbox was drained, before dispatching. */
  readonly backlogAtStart: number;
  /** Messages still queued (pending, retrying, sending) once the pass let go. */
  readonly backlog: number;
  /** When the engine next has a message to send (engine.nextDueAt); null with nothing queued. */
  readonly nextDueAt: number | null;
  readonly online: boolean;
}

/** The app service as its owner runs it: the screens' AppService plus the engine and its lifecycle. */
export interface RunningAppService extends AppService {
  readonly engine: Engine;
  /** Runs the recovery scan when it is due and allowed, then moves the native inbox into the engine. */
  drainInbox(): Promise<DrainResult>;
  /** "Retry now": every message waiting out a backoff is due at once (engine.retryNow); how many. */
  retryWaitingNow(): Promise<number>;
  /** Drains the inbox, dispatches until the queue is empty or `budgetMs` passes, then lets go. */
  runBackgroundPass(budgetMs: number): Promise<BackgroundPassResult>;
  /** Keeps the dispatcher running until the returned release is called (screen mounted, task running). */
  hold(): () => Promise<void>;
}

const toEngineConfig = (settings: AppSettings): Partial<EngineConfigInput> => ({
  webhookUrl: settings.webhookUrl,
  secret: settings.secret === '' ? null : settings.secret,
  maxAgeMs: settings.maxAgeDays * DAY_MS,
  maxAttempts: settings.maxAttempts,
});

/** Keeps the engine's dispatcher running while anyone holds it; the last release stops it. */
class DispatcherHolds {
  private readonly engine: Pick<Engine, 'start' | 'stop'>;
  private holders = 0;
  private stopping: Promise<void> = Promise.resolve();

  constructor(engine: Pick<Engine, 'start' | 'stop'>) {
    this.engine = engine;
  }

  hold(): () => Promise<void> {
    if (this.holders++ === 0) this.engine.start();
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      // The last holder stops the dispatcher, which waits for sends in flight to be recorded.
      if (--this.holders === 0) this.stopping = this.engine.stop();
      await this.stopping;
    };
  }
}

/** What the service's methods share: the engine, the settings store and the settings last saved. */
interface ServiceParts {
  readonly engine: Engine;
  readonly transport: HttpTransport;
  readonly clock: Clock;
  readonly store: SettingsStore;
  readonly current: { settings: AppSettings };
  readonly holds: DispatcherHolds;
  /** Drains of the native inbox take turns: two at once would read and enqueue the same rows. */
  readonly drain: () => Promise<DrainResult>;
  readonly cleartext: CleartextCheck;
}

async function openEngine(deps: AppServiceDeps, clock: Clock, settings: AppSettings): Promise<Engine> {
  const engine = await createEngine({
    db: deps.db,
    transport: deps.transport,
    clock,
    ...(deps.network ? { network: deps.network } : {}),
    logger: deps.logger ?? silentLogger,
    config: {
      ...toEngineConfig(settings),
      webhookUrl: settings.webhookUrl,
      deviceId: settings.deviceId,
      version: appVersion,
    },
  });
  if (settings.paused) engine.pause(PAUSED_BY_HAND);
  return engine;
}

async function saveSettings(
  parts: Pick<ServiceParts, 'engine' | 'store' | 'current' | 'cleartext'>,
  patch: SettingsPatch,
): Promise<SaveSettingsResult> {
  const problems = settingsProblems(patch);
  // Plain http this build refuses would fail every send as a bare network error: refuse it here, with the fix.
  const refused = patch.webhookUrl ? await parts.cleartext(patch.webhookUrl) : null;
  if (refused !== null) problems.push(refused);
  if (problems.length > 0) return { kind: 'invalid', problems };
  const settings = await parts.store.save(patch);
  parts.current.settings = settings;
  parts.engine.configure(toEngineConfig(settings));
  return { kind: 'saved', settings };
}

async function setPaused(parts: ServiceParts, paused: boolean): Promise<AppSettings> {
  const settings = await parts.store.save({ paused });
  parts.current.settings = settings;
  if (paused) parts.engine.pause(PAUSED_BY_HAND);
  else parts.engine.resume();
  return settings;
}

async function runBackgroundPass(parts: ServiceParts, budgetMs: number): Promise<BackgroundPassResult> {
  const { engine, clock } = parts;
  const startedAt = clock.now();
  const release = parts.holds.hold();
  let passed: Omit<BackgroundPassResult, 'backlog' | 'nextDueAt' | 'online'>;
  try {
    const drained = await parts.drain();
    // Paused or unconfigured: nothing can leave, so do not sit out the budget.
    const blocked = parts.current.settings.paused || webhookUrlProblem(engine.config.webhookUrl) !== null;
    const backlogAtStart = (await engine.health()).queueSize;
    const left = Math.max(0, budgetMs - (clock.now() - startedAt));
    const emptied = blocked ? false : await engine.drain(left);
    passed = { ...drained, emptied, blocked, backlogAtStart };
  } finally {
    await release();
  }
  // Read once the sends in flight are recorded, so a lease does not pass for the next due moment.
  const health = await engine.health();
  const nextDueAt = health.queueSize === 0 ? null : await engine.nextDueAt();
  return { ...passed, backlog: health.queueSize, nextDueAt, online: health.network === 'online' };
}

function runningService(parts: ServiceParts): RunningAppService {
  const { engine } = parts;
  return {
    engine,
    load: () => engine.health(),
    settings: () => parts.store.load(),
    saveSettings: (patch) => saveSettings(parts, patch),
    sendTestWebhook: () => sendTestWebhook(parts.transport, engine.config, parts.clock.now()),
    setPaused: (paused) => setPaused(parts, paused),
    listMessages: (options) => engine.listMessages(options),
    replayFailed: (messageIds) => engine.replayFailed(messageIds),
    listErrors: (limit) => engine.listErrors(limit),
    drainInbox: parts.drain,
    hold: () => parts.holds.hold(),
    runBackgroundPass: (budgetMs) => runBackgroundPass(parts, budgetMs),
    retryWaitingNow: () => engine.retryNow(),
  };
}

/** Opens the settings and the engine (not yet dispatching: see `hold`). */
export async function createAppService(deps: AppServiceDeps): Promise<RunningAppService> {
  const clock = deps.clock ?? systemClock;
  const store = await createSettingsStore(deps.db, deps.newDeviceId);
  const current = { settings: await store.load() };
  const engine = await openEngine(deps, clock, current.settings);
  const drainLock = new Mutex();
  const recover = deps.recovery
    ? scheduledRecovery(deps.recovery, clock, deps.logger ?? silentLogger, () => current.settings.recoverMissedSms)
    : async () => 0;
  const configure = deps.pendingConfiguration;
  const cleartext = deps.cleartext ?? cleartextAnywhere;
  // The scan shares the drain's turn: what it puts into the inbox is drained right after it, and a
  // second drain never reads the inbox while a scan is settling a page into it. A configuration sent
  // over adb goes first, so what is drained goes to the webhook it names; taking turns, two drains
  // never apply it twice.
  const drain = () =>
    drainLock.runExclusive(async (): Promise<DrainResult> => {
      if (configure)
        await applyPendingConfiguration(
          configure,
          (patch) => saveSettings({ engine, store, current, cleartext }, patch),
          deps.logger ?? silentLogger,
        );
      const recovered = await recover();
      return { ...(await drainInbox(deps.inbox, engine, appDefaults.inboxBatchSize)), recovered };
    });
  return runningService({
    engine,
    transport: deps.transport,
    clock,
    store,
    current,
    holds: new DispatcherHolds(engine),
    drain,
    cleartext,
  });
}
