// The virtual phone's app process: the app's own TypeScript on Node. Received-SMS broadcasts from the
// radio go through the receiver contract (commit to the inbox, then acknowledge), then the same
// `drainInbox` the phone runs moves them into the engine, which forwards them to the webhook. At start
// it scans the SMS store since its checkpoint, so SMS that arrived while it was dead are not lost.
import type {
  Clock,
  Engine,
  EngineConfigInput,
  HttpTransport,
  Logger,
  NetworkStatus,
} from '../../../android-app/src/engine/index';
import { createEngine, engineDefaults } from '../../../android-app/src/engine/index';
import type { InboundSms } from '../../../android-app/src/engine/types';
import { drainInbox } from '../../../android-app/src/services/drain-inbox';
import type { RecoveryLedger, SmsStoreReader } from '../../../android-app/src/services/native-ports';
import { recoverMissedSms, type RecoveryResult } from '../../../android-app/src/services/recover-sms';
import { openSqliteDb } from '../../../android-app/node/sqlite-db';
import { createRandom, deriveSeed } from '../../sms/random';
import { Teardowns } from '../../teardowns';
import { VERSION } from '../../version';
import { AppConditions } from './app-conditions';
import { openAppInbox, type AppInbox } from './app-inbox';
import { virtualDeviceDefaults as defaults } from './defaults';
import type { Defect } from './defects';
import { normalConditions, type DeviceConditions } from './device-conditions';
import type { RadioLink } from './device-messages';
import { createDiskFull, type DiskFull } from './disk-full';
import { startHealthServer, type HealthServer } from './health-server';
import { createNodeHttpTransport } from './node-http-transport';
import { clientFlaws, plantDefects, type PlantedDefects } from './planted-defects';
import { scaledClock, type ClockSpeed } from './scaled-clock';
import { ShapedTransport } from './shaped-transport';
import type { NewSms, StoredSms } from './sms-store';
import { SwitchNetwork } from './switch-network';

export interface VirtualAppConfig {
  readonly healthPort: number;
  readonly webhookUrl: string;
  readonly secret: string | null;
  /** The engine's queue; the inbox sits beside it (`<db>.inbox.sqlite`). */
  readonly dbPath: string;
  readonly deviceId: string;
  /** The console's auth token, which guards the chaos controls on the health port. */
  readonly authToken: string | null;
  readonly defects: readonly Defect[];
  readonly seed: number;
  /** How fast the phone's clock runs, and from which wall-clock moment (`--clock`); default real time. */
  readonly clock?: ClockSpeed;
  /**
   * The app may read the SMS store (READ_SMS granted), so it recovers what no broadcast brought.
   * Without it, only the receiver contract stands between a kill and a loss.
   */
  readonly readSms: boolean;
  /** The phone's link and Doze as the radio started the app under them; default the emulator's at boot, awake. */
  readonly conditions?: DeviceConditions;
  readonly logger: Logger;
}

export interface RunningVirtualApp {
  readonly healthPort: number;
  readonly engine: Engine;
  /** Lets in-flight sends finish, closes /health and the files. */
  stop(): Promise<void>;
}

export const inboxPathFor = (dbPath: string): string => `${dbPath.replace(/\.sqlite$/, '')}.inbox.sqlite`;

/**
 * With the network switched off, a request fails the way it does on a phone in airplane mode, even
 * when the engine sends before it has seen the change (NetInfo events lag behind the radio).
 */
function offlineAware(transport: HttpTransport, network: NetworkStatus): HttpTransport {
  return {
    post: (request) =>
      network.isOnline()
        ? transport.post(request)
        : Promise.resolve({ kind: 'network-error', code: 'ENETUNREACH', message: 'network is off (chaos)' }),
  };
}

/** The engine and what chaos and the planted defects reach into. */
interface AppCore {
  readonly engine: Engine;
  readonly network: SwitchNetwork;
  readonly disk: DiskFull;
  readonly planted: PlantedDefects;
  readonly inbox: AppInbox;
  /** The phone's clock: the engine's, and that of the app's own waits (the drain's retry). */
  readonly clock: Clock;
  /** The phone's link and Doze, as the radio says them. */
  readonly conditions: AppConditions;
}

/**
 * The engine's configuration on this phone. The network does not speed up with the clock: a POST
 * takes the same wall time, and its timeout counts wall time. So the lease, which must outlive a POST,
 * is stretched by the clock's speed to stay as long in wall time. A planted `retry-budget` gives up
 * after a few attempts.
 */
function engineConfigOf(config: VirtualAppConfig): EngineConfigInput {
  const speed = config.clock?.speed ?? 1;
  const budget = config.defects.find((defect) => defect.kind === 'retry-budget');
  return {
    webhookUrl: config.webhookUrl,
    secret: config.secret,
    deviceId: config.deviceId,
    version: VERSION,
    ...(speed === 1 ? {} : { leaseMs: engineDefaults.leaseMs * speed }),
    ...(budget === undefined ? {} : { maxAttempts: budget.attempts }),
  };
}

/** Opens the queue, the inbox and the transport and builds the engine on them; the engine is not started yet. */
async function openAppCore(config: VirtualAppConfig, teardowns: Teardowns): Promise<AppCore> {
  const db = openSqliteDb(config.dbPath, { pageCacheKib: defaults.sqlitePageCacheKib });
  teardowns.defer('database', () => db.close());
  const inbox = openAppInbox(inboxPathFor(config.dbPath));
  teardowns.defer('inbox', () => inbox.close());
  // node:http, not got: got's per-request cost capped dispatch (numbers in node-http-transport.ts).
  // A planted follow-redirects or ignore-tls is the client's own behaviour, so it is built in.
  const transport = createNodeHttpTransport(clientFlaws(config.defects));
  teardowns.defer('transport', () => transport.close());
  const planted = plantDefects(config.defects, config.seed);
  const network = new SwitchNetwork();
  // The mobile link is nearest the wire: latency and bandwidth, with its own seeded draws.
  const shaped = new ShapedTransport(transport, createRandom(deriveSeed(config.seed, 'link')));
  const conditions = new AppConditions(shaped, network);
  teardowns.defer('doze', () => conditions.stop());
  conditions.apply(config.conditions ?? normalConditions);
  const clock = scaledClock(config.clock ?? { speed: 1, originMs: Date.now() });
  const engine = await createEngine({
    db,
    clock,
    transport: offlineAware(planted.wrapTransport(shaped), network),
    network,
    windows: conditions.windows,
    logger: config.logger,
    // Group commit after the pending I/O: every broadcast and HTTP answer of a turn share one fsync.
    defer: setImmediate,
    config: engineConfigOf(config),
  });
  return { engine, network, disk: createDiskFull(db), planted, inbox, clock, conditions };
}

/** The engine as the drain sees it, with the planted defects that strike an SMS on its way in. */
function plantedEngine({ engine, planted }: AppCore, logger: Logger): Pick<Engine, 'enqueue'> {
  const { hits } = planted;
  return {
    enqueue: async (sms: InboundSms) => {
      const text = sms.parts.map((part) => part.body).join('');
      // Dropped: the drain takes it for stored and clears it from the inbox, so it is gone for good.
      if (hits('drop') || planted.dedupes(sms.sender, text))
        return { messageId: 'dropped (planted defect)', created: true };
      const stored = hits('mangle') ? mangled(sms) : sms;
      const result = await engine.enqueue(stored);
      if (hits('duplicate')) {
        // A second capture of the same SMS: the engine gives it its own sequence, hence a second messageId.
        const { captureSeq: _captureSeq, ...again } = stored;
        await engine.enqueue(again);
      }
      const spiking = planted.stored(sms.sender, text);
      if (spiking) await spiking.catch((error: unknown) => logger.warn(`planted spike failed: ${String(error)}`));
      return result;
    },
  };
}

/** The SMS with the last character of its text gone (`mangle`). */
function mangled(sms: InboundSms): InboundSms {
  const last = sms.parts.findLastIndex((part) => part.body.length > 0);
  if (last === -1) return sms;
  const parts = sms.parts.map((part, index) => (index === last ? { ...part, body: part.body.slice(0, -1) } : part));
  return { ...sms, parts };
}

/**
 * Runs `drainInbox` whenever asked, one run at a time; an ask during a run makes one more run. Once
 * recovery is on, a run scans the SMS store first when the last scan is older than the interval, as
 * the phone's background pass does.
 */
class Drainer {
  private running: Promise<void> | null = null;
  private again = false;
  /** The pending retry's timer, on the phone's clock. */
  private retry: unknown = null;
  private stopped = false;
  private scan: (() => Promise<RecoveryResult>) | null = null;
  private scannedAt = 0;

  constructor(
    private readonly core: AppCore,
    private readonly engine: Pick<Engine, 'enqueue'>,
    private readonly logger: Logger,
  ) {}

  /** From now on, runs also scan the SMS store (the first scan at start was just done). */
  recoverWith(scan: () => Promise<RecoveryResult>): void {
    this.scan = scan;
    this.scannedAt = Date.now();
  }

  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.scanIfDue();
        await drainInbox(this.core.inbox, this.engine, defaults.drainBatchSize);
      } catch (error) {
        // The rows stay in the inbox (a full disk, a locked database): try again in a moment, as the
        // phone's periodic job would, since no broadcast may come to ask.
        this.logger.warn(
          `draining the inbox failed, retrying: ${error instanceof Error ? error.message : String(error)}`,
        );
        this.retryLater();
      }
    } while (this.again);
  }

  private async scanIfDue(): Promise<void> {
    if (this.scan === null || Date.now() - this.scannedAt < defaults.recoveryIntervalMs) return;
    this.scannedAt = Date.now();
    const { recovered } = await this.scan();
    if (recovered > 0) this.logger.warn(`recovered ${recovered} SMS from the SMS store that no broadcast brought`);
  }

  private retryLater(): void {
    if (this.retry !== null || this.stopped) return;
    this.retry = this.core.clock.setTimeout(() => {
      this.retry = null;
      this.kick();
    }, defaults.drainRetryMs);
  }

  /** No more retries; resolves once no drain is running. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry !== null) this.core.clock.clearTimeout(this.retry);
    await this.settled();
  }

  /** Resolves once no drain is running. */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }
}

/**
 * The receiver contract: SMS broadcast in one turn are committed to the inbox together, and only then
 * acknowledged. With `ack-before-commit` planted, each is acknowledged first and committed a while
 * later: a kill in between loses it, unless a recovery scan finds it in the SMS store.
 */
class Receiver {
  private batch: { readonly broadcastId: number; readonly sms: NewSms }[] = [];
  private readonly lagging = new Set<NodeJS.Timeout>();

  constructor(
    private readonly core: AppCore,
    private readonly radio: RadioLink,
    private readonly drainer: Drainer,
    private readonly ackFirst: boolean,
  ) {}

  receive(broadcastId: number, sms: NewSms): void {
    if (this.batch.length === 0) setImmediate(() => this.commit());
    this.batch.push({ broadcastId, sms });
  }

  /** Commits the broadcasts received so far now rather than at the end of the turn. */
  commit(): void {
    const received = this.batch;
    this.batch = [];
    if (received.length === 0) return;
    const broadcastIds = received.map((one) => one.broadcastId);
    const sms = received.map((one) => one.sms);
    if (this.ackFirst) {
      this.radio.send({ type: 'received', broadcastIds });
      const timer = setTimeout(() => {
        this.lagging.delete(timer);
        this.core.inbox.capture(sms);
        this.drainer.kick();
      }, defaults.ackBeforeCommitLagMs);
      this.lagging.add(timer);
      return;
    }
    this.core.inbox.capture(sms);
    this.radio.send({ type: 'received', broadcastIds });
    this.drainer.kick();
  }

  stop(): void {
    for (const timer of this.lagging) clearTimeout(timer);
  }
}

/**
 * The SMS store as the app reads it (READ_SMS on a phone): pages from the radio, each answer matched
 * to its question. The radio answers in order after every broadcast it sent before, so once an answer
 * is here, so are the broadcasts of the rows in it.
 */
function smsStoreOverRadio(radio: RadioLink): SmsStoreReader {
  const waiting = new Map<number, (answer: { rows: readonly StoredSms[]; newestId: number }) => void>();
  let next = 0;
  radio.onMessage((message) => {
    if (message.type !== 'scanned') return;
    waiting.get(message.requestId)?.(message);
    waiting.delete(message.requestId);
  });
  const ask = (afterId: number, limit: number) =>
    new Promise<{ rows: readonly StoredSms[]; newestId: number }>((resolve) => {
      next += 1;
      waiting.set(next, resolve);
      radio.send({ type: 'scan', requestId: next, afterId, limit });
    });
  return {
    after: async (afterId, limit) => [...(await ask(afterId, limit)).rows],
    newestId: async () => (await ask(0, 0)).newestId,
  };
}

/**
 * The shared recovery scan over the radio's store and the app's inbox. The receiver commits what it
 * holds before the scan reads the unpaired captures, so a broadcast already here is paired, never
 * recovered a second time; the radio's ordering makes a settle time unnecessary here.
 */
function recoveryScan(core: AppCore, store: SmsStoreReader, receiver: Receiver): () => Promise<RecoveryResult> {
  const { inbox } = core;
  const ledger: RecoveryLedger = {
    checkpoint: () => inbox.checkpoint(),
    startAt: (storeId) => inbox.startAt(storeId),
    settle: (settlement) => inbox.settle(settlement),
    unpaired: (limit) => {
      receiver.commit();
      return inbox.unpaired(limit);
    },
  };
  const options = {
    pageSize: defaults.recoveryPageSize,
    maxUnpaired: defaults.recoveryMaxUnpaired,
    settleMs: 0,
    now: Date.now,
  };
  return () => recoverMissedSms(store, ledger, options);
}

/** The scan every start makes, before /health opens; later drains scan again now and then. */
async function recoverAtStart(scan: () => Promise<RecoveryResult>, drainer: Drainer, logger: Logger): Promise<void> {
  const { recovered, firstScan } = await scan();
  if (firstScan) logger.debug('first start: recovery starts after the SMS already in the store');
  if (recovered > 0) logger.info(`recovered ${recovered} SMS from the SMS store`);
  drainer.recoverWith(scan);
}

function openHealthServer(config: VirtualAppConfig, core: AppCore): Promise<HealthServer> {
  return startHealthServer({
    port: config.healthPort,
    health: async () => ({
      engine: await core.engine.health(),
      rssBytes: process.memoryUsage.rss(),
      backlog: core.inbox.size(),
    }),
    // The console's token guards the chaos controls too: the harness reads it where adb does.
    authToken: config.authToken,
    setNetwork: (online) => core.network.set(online),
    setDiskFull: (full) => core.disk.set(full),
    skewScreen: () => core.planted.hits('wrong-dashboard'),
  });
}

/**
 * Starts the app: its files and engine, its receiver, the recovery scan, then /health, and tells the
 * radio it is ready. `stop()` stops the engine after its in-flight sends, then closes /health and the files.
 */
export async function runVirtualApp(config: VirtualAppConfig, radio: RadioLink): Promise<RunningVirtualApp> {
  const teardowns = new Teardowns();
  try {
    const core = await openAppCore(config, teardowns);
    radio.onMessage((message) => {
      if (message.type === 'conditions') core.conditions.apply(message.conditions);
    });
    core.engine.start();
    teardowns.defer('engine', () => core.engine.stop());
    const drainer = new Drainer(core, plantedEngine(core, config.logger), config.logger);
    teardowns.defer('drain', () => drainer.stop());
    const has = (kind: Defect['kind']) => config.defects.some((defect) => defect.kind === kind);
    const receiver = new Receiver(core, radio, drainer, has('ack-before-commit'));
    teardowns.defer('receiver', () => receiver.stop());
    radio.onMessage((message) => {
      if (message.type === 'sms') receiver.receive(message.broadcastId, message.sms);
    });
    radio.send({ type: 'receiving' });
    if (config.readSms && !has('no-recovery'))
      await recoverAtStart(recoveryScan(core, smsStoreOverRadio(radio), receiver), drainer, config.logger);
    // /health opens once the recovered SMS are in the inbox, so it never shows an empty backlog before them.
    const health = await openHealthServer(config, core);
    teardowns.defer('health server', () => health.close());
    drainer.kick();
    radio.send({ type: 'ready', healthPort: health.port });
    return { healthPort: health.port, engine: core.engine, stop: () => teardowns.runAll() };
  } catch (error) {
    await teardowns.runAll();
    throw error;
  }
}
