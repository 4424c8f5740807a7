// The virtual phone's app process: the app's own TypeScript on Node. Received-SMS broadcasts from the
// radio go through the receiver contract (commit to the inbox, then acknowledge), then the same
// `drainInbox` the phone runs moves them into the engine, which forwards them to the webhook. At start
// it scans the SMS store since its checkpoint, so SMS that arrived while it was dead are not lost.
import type { Engine, HttpTransport, Logger, NetworkStatus } from '../../../android-app/src/engine/index';
import { createEngine } from '../../../android-app/src/engine/index';
import type { InboundSms } from '../../../android-app/src/engine/types';
import { drainInbox } from '../../../android-app/src/services/drain-inbox';
import { openSqliteDb } from '../../../android-app/node/sqlite-db';
import { Teardowns } from '../../teardowns';
import { VERSION } from '../../version';
import { openAppInbox, type AppInbox } from './app-inbox';
import { virtualDeviceDefaults as defaults } from './defaults';
import type { Defect } from './defects';
import type { RadioLink } from './device-messages';
import { createDiskFull, type DiskFull } from './disk-full';
import { startHealthServer, type HealthServer } from './health-server';
import { createNodeHttpTransport } from './node-http-transport';
import { plantDefects, type PlantedDefects } from './planted-defects';
import type { StoredSms } from './sms-store';
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
}

/** Opens the queue, the inbox and the transport and builds the engine on them; the engine is not started yet. */
async function openAppCore(config: VirtualAppConfig, teardowns: Teardowns): Promise<AppCore> {
  const db = openSqliteDb(config.dbPath, { pageCacheKib: defaults.sqlitePageCacheKib });
  teardowns.defer('database', () => db.close());
  const inbox = openAppInbox(inboxPathFor(config.dbPath));
  teardowns.defer('inbox', () => inbox.close());
  // node:http, not got: got's per-request cost capped dispatch (numbers in node-http-transport.ts).
  const transport = createNodeHttpTransport();
  teardowns.defer('transport', () => transport.close());
  const planted = plantDefects(config.defects, config.seed);
  const network = new SwitchNetwork();
  const engine = await createEngine({
    db,
    transport: offlineAware(planted.wrapTransport(transport), network),
    network,
    logger: config.logger,
    // Group commit after the pending I/O: every broadcast and HTTP answer of a turn share one fsync.
    defer: setImmediate,
    config: { webhookUrl: config.webhookUrl, secret: config.secret, deviceId: config.deviceId, version: VERSION },
  });
  return { engine, network, disk: createDiskFull(db), planted, inbox };
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

/** Runs `drainInbox` whenever asked, one run at a time; an ask during a run makes one more run. */
class Drainer {
  private running: Promise<void> | null = null;
  private again = false;
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly core: AppCore,
    private readonly engine: Pick<Engine, 'enqueue'>,
    private readonly logger: Logger,
  ) {}

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

  private retryLater(): void {
    if (this.retry || this.stopped) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.kick();
    }, defaults.drainRetryMs);
  }

  /** No more retries; resolves once no drain is running. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    await this.settled();
  }

  /** Resolves once no drain is running. */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }
}

/**
 * The receiver contract: SMS broadcast in one turn are committed to the inbox together, and only then
 * acknowledged. With `ack-before-commit` planted, each is acknowledged (and the checkpoint moved) first
 * and committed a while later: a kill in between loses it.
 */
class Receiver {
  private batch: StoredSms[] = [];
  private readonly lagging = new Set<NodeJS.Timeout>();

  constructor(
    private readonly core: AppCore,
    private readonly radio: RadioLink,
    private readonly drainer: Drainer,
    private readonly ackFirst: boolean,
  ) {}

  receive(sms: StoredSms): void {
    if (this.batch.length === 0) setImmediate(() => this.commit());
    this.batch.push(sms);
  }

  private commit(): void {
    const rows = this.batch;
    this.batch = [];
    const ids = rows.map((row) => row.id);
    if (this.ackFirst) {
      this.core.inbox.advanceCheckpoint(Math.max(...ids));
      this.radio.send({ type: 'received', ids });
      const timer = setTimeout(() => {
        this.lagging.delete(timer);
        this.core.inbox.commit(rows);
        this.drainer.kick();
      }, defaults.ackBeforeCommitLagMs);
      this.lagging.add(timer);
      return;
    }
    this.core.inbox.commit(rows);
    this.radio.send({ type: 'received', ids });
    this.drainer.kick();
  }

  stop(): void {
    for (const timer of this.lagging) clearTimeout(timer);
  }
}

/**
 * Reads the SMS store after the checkpoint, page by page, into the inbox: whatever reached the store
 * while this app was dead, force-stopped or dying before its receiver committed. The store's row id
 * keys the inbox, so an SMS that also comes by broadcast is one row.
 */
async function recover(core: AppCore, scan: (afterId: number) => Promise<readonly StoredSms[]>): Promise<number> {
  let recovered = 0;
  for (let rows = await scan(core.inbox.checkpoint()); rows.length > 0; rows = await scan(core.inbox.checkpoint())) {
    core.inbox.commit(rows);
    recovered += rows.length;
    if (rows.length < defaults.recoveryPageSize) break;
  }
  return recovered;
}

/** Asks the radio for SMS store pages, matching each answer to its question. */
function storeScanner(radio: RadioLink): (afterId: number) => Promise<readonly StoredSms[]> {
  const waiting = new Map<number, (rows: readonly StoredSms[]) => void>();
  let next = 0;
  radio.onMessage((message) => {
    if (message.type !== 'scanned') return;
    waiting.get(message.requestId)?.(message.rows);
    waiting.delete(message.requestId);
  });
  return (afterId) =>
    new Promise((resolve) => {
      next += 1;
      waiting.set(next, resolve);
      radio.send({ type: 'scan', requestId: next, afterId, limit: defaults.recoveryPageSize });
    });
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
 * Starts the app: its files and engine, /health, the recovery scan, then tells the radio it is ready
 * for broadcasts. `stop()` stops the engine after its in-flight sends, then closes /health and the files.
 */
export async function runVirtualApp(config: VirtualAppConfig, radio: RadioLink): Promise<RunningVirtualApp> {
  const teardowns = new Teardowns();
  try {
    const core = await openAppCore(config, teardowns);
    core.engine.start();
    teardowns.defer('engine', () => core.engine.stop());
    const drainer = new Drainer(core, plantedEngine(core, config.logger), config.logger);
    teardowns.defer('drain', () => drainer.stop());
    const has = (kind: Defect['kind']) => config.defects.some((defect) => defect.kind === kind);
    const receiver = new Receiver(core, radio, drainer, has('ack-before-commit'));
    teardowns.defer('receiver', () => receiver.stop());
    const scan = storeScanner(radio);
    const recovered = has('no-recovery') ? 0 : await recover(core, scan);
    if (recovered > 0) config.logger.info(`recovered ${recovered} SMS from the SMS store`);
    // /health opens once the recovered SMS are in the inbox, so it never shows an empty backlog before them.
    const health = await openHealthServer(config, core);
    teardowns.defer('health server', () => health.close());
    drainer.kick();
    radio.onMessage((message) => {
      if (message.type === 'sms') receiver.receive(message.sms);
    });
    radio.send({ type: 'ready', healthPort: health.port });
    return { healthPort: health.port, engine: core.engine, stop: () => teardowns.runAll() };
  } catch (error) {
    await teardowns.runAll();
    throw error;
  }
}
