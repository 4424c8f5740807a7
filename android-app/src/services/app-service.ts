// The app's one gateway: the engine over the platform adapters, settings persisted beside it, the
// native inbox drained into it. Screens reach it only as a GatewayApi (React context).
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
  type Logger,
  type NetworkStatus,
  type SqlDb,
} from '../engine';
import { appDefaults } from '../config/app-defaults';
import { drainInbox, type DrainInboxResult } from './drain-inbox';
import type { GatewayApi } from './gateway-api';
import type { NativeInbox } from './native-ports';
import { createSettingsStore, settingsProblems, type AppSettings } from './settings-store';
import { sendTestWebhook } from './test-webhook';

const DAY_MS = 24 * 60 * 60 * 1000;
export const PAUSED_BY_HAND = 'forwarding paused in Settings';

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
}

export interface BackgroundPassResult extends DrainInboxResult {
  /** True when the queue emptied within the budget. */
  readonly emptied: boolean;
}

export interface AppService extends GatewayApi {
  readonly gateway: Engine;
  drainInbox(): Promise<DrainInboxResult>;
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

export async function createAppService(deps: AppServiceDeps): Promise<AppService> {
  const clock = deps.clock ?? systemClock;
  const store = await createSettingsStore(deps.db, deps.newDeviceId);
  let settings = await store.load();
  const gateway = await createEngine({
    db: deps.db,
    transport: deps.transport,
    clock,
    ...(deps.network ? { network: deps.network } : {}),
    logger: deps.logger ?? silentLogger,
    config: { ...toEngineConfig(settings), webhookUrl: settings.webhookUrl, deviceId: settings.deviceId },
  });
  if (settings.paused) gateway.pause(PAUSED_BY_HAND);

  const drainLock = new Mutex();
  let holders = 0;
  let stopping: Promise<void> = Promise.resolve();
  const hold = () => {
    if (holders++ === 0) gateway.start();
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      // The last holder stops the dispatcher, which waits for sends in flight to be recorded.
      if (--holders === 0) stopping = gateway.stop();
      await stopping;
    };
  };
  const drain = () => drainLock.runExclusive(() => drainInbox(deps.inbox, gateway, appDefaults.inboxBatchSize));

  const service: AppService = {
    gateway,
    load: () => gateway.health(),
    settings: () => store.load(),
    async saveSettings(patch) {
      const problems = settingsProblems(patch);
      if (problems.length > 0) return { kind: 'invalid', problems };
      settings = await store.save(patch);
      gateway.configure(toEngineConfig(settings));
      return { kind: 'saved', settings };
    },
    sendTestWebhook: () => sendTestWebhook(deps.transport, gateway.config, clock.now()),
    async setPaused(paused) {
      settings = await store.save({ paused });
      if (paused) gateway.pause(PAUSED_BY_HAND);
      else gateway.resume();
      return settings;
    },
    listMessages: (options) => gateway.listMessages(options),
    replayFailed: (messageIds) => gateway.replayFailed(messageIds),
    listErrors: (limit) => gateway.listErrors(limit),
    drainInbox: drain,
    hold,
    async runBackgroundPass(budgetMs) {
      const startedAt = clock.now();
      const release = hold();
      try {
        const drained = await drain();
        // Paused or unconfigured: nothing can leave, so do not sit out the budget.
        const blocked = settings.paused || webhookUrlProblem(gateway.config.webhookUrl) !== null;
        const left = Math.max(0, budgetMs - (clock.now() - startedAt));
        const emptied = blocked ? false : await gateway.drain(left);
        return { ...drained, emptied };
      } finally {
        await release();
      }
    },
  };
  return service;
}
