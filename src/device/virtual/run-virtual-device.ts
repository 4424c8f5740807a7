// The virtual device itself: the app's engine on better-sqlite3 and got, fed by an emulator
// console, watched through /health. `smsgw device` runs this in its own process.
import {
  createEngine,
  type Engine,
  type HttpTransport,
  type Logger,
  type NetworkStatus,
} from '../../../android-app/src/engine/index';
import { startConsoleServer, type ConsoleServer } from '../console/index';
import { Teardowns } from '../../teardowns';
import { openSqliteDb } from '../../../android-app/node/sqlite-db';
import { createNodeHttpTransport } from './node-http-transport';
import { SwitchNetwork } from './switch-network';
import { startHealthServer, type HealthServer } from './health-server';
import { createDiskFull, type DiskFull } from './disk-full';
import { splitIntoParts } from '../../sms/sms-parts';
import type { Defect } from './defects';
import { plantDefects, type PlantedDefects } from './planted-defects';
import { VERSION } from '../../version';
import { virtualDeviceDefaults as defaults } from './defaults';

/** The KO reason of a planted `refuse`, which the harness shows next to the refused SMS. */
export const refusedReason = 'refused (planted defect)';

export interface VirtualDeviceConfig {
  readonly consolePort: number;
  readonly healthPort: number;
  readonly webhookUrl: string;
  readonly secret: string | null;
  readonly dbPath: string;
  readonly deviceId: string;
  readonly authToken: string | null;
  readonly authTokenPath: string;
  /** Console connections served at once. Default consoleDefaults.maxConnections. */
  readonly consoleMaxConnections?: number;
  /** How long a console connection may stay unauthenticated; 0 never. Default consoleDefaults.authTimeoutMs. */
  readonly consoleAuthTimeoutMs?: number;
  readonly avdName: string;
  readonly defects: readonly Defect[];
  /** Seeds the planted defects, so a failing run can be replayed. */
  readonly seed: number;
  readonly logger: Logger;
}

export interface RunningVirtualDevice {
  readonly consolePort: number;
  readonly healthPort: number;
  readonly engine: Engine;
  /** Stops taking SMS, lets in-flight sends finish, closes the database. */
  stop(): Promise<void>;
}

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

/** The engine and what chaos and the planted defects reach into, as the servers need them. */
interface DeviceCore {
  readonly engine: Engine;
  readonly network: SwitchNetwork;
  readonly disk: DiskFull;
  readonly planted: PlantedDefects;
}

/** Opens the database and the transport and builds the engine on them; the engine is not started yet. */
async function openDeviceCore(config: VirtualDeviceConfig, teardowns: Teardowns): Promise<DeviceCore> {
  const db = openSqliteDb(config.dbPath, { pageCacheKib: defaults.sqlitePageCacheKib });
  teardowns.defer('database', () => db.close());
  const disk = createDiskFull(db);
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
    // Group commit after the pending I/O: every console line and HTTP answer of a turn share one fsync.
    defer: setImmediate,
    config: { webhookUrl: config.webhookUrl, secret: config.secret, deviceId: config.deviceId, version: VERSION },
  });
  return { engine, network, disk, planted };
}

/**
 * What the console does with each SMS, planted defects included. The console answers OK only after
 * this resolves (KO when it rejects), and enqueue resolves after the commit: an acknowledged SMS is on disk.
 */
function storeSms({ engine, planted }: DeviceCore, logger: Logger) {
  const { hits } = planted;
  return async (sender: string, text: string): Promise<void> => {
    if (planted.refuses(sender, text)) throw new Error(refusedReason);
    // Never settles: the console keeps this line, and every later one of its connection, unanswered.
    // A pending promise holds no handle, so it keeps neither the process alive nor stop() waiting.
    if (hits('hang')) return new Promise<never>(() => undefined);
    if (hits('drop')) return;
    if (planted.dedupes(sender, text)) return;
    const stored = hits('mangle') ? text.slice(0, -1) : text;
    const sms = { sender, parts: splitIntoParts(stored), smscTimestamp: Date.now(), simSlot: 0 };
    await engine.enqueue(sms);
    if (hits('duplicate')) await engine.enqueue(sms);
    const spiking = planted.stored(sender, text);
    if (spiking)
      await spiking.catch((error: unknown) =>
        logger.warn(`planted spike failed: ${error instanceof Error ? error.message : String(error)}`),
      );
  };
}

/** GET /health and the chaos controls. */
function openHealthServer(config: VirtualDeviceConfig, core: DeviceCore): Promise<HealthServer> {
  return startHealthServer({
    port: config.healthPort,
    health: async () => ({ engine: await core.engine.health(), rssBytes: process.memoryUsage.rss() }),
    // The console's token guards the chaos controls too: the harness reads it where adb does.
    authToken: config.authToken,
    setNetwork: (online) => core.network.set(online),
    setDiskFull: (full) => core.disk.set(full),
    skewScreen: () => core.planted.hits('wrong-dashboard'),
  });
}

function openConsoleServer(config: VirtualDeviceConfig, core: DeviceCore): Promise<ConsoleServer> {
  return startConsoleServer({
    port: config.consolePort,
    authToken: config.authToken,
    authTokenPath: config.authTokenPath,
    maxConnections: config.consoleMaxConnections,
    authTimeoutMs: config.consoleAuthTimeoutMs,
    avdName: config.avdName,
    onSms: storeSms(core, config.logger),
  });
}

/**
 * Starts the device; `stop()` closes the console first (no new SMS), lets the engine finish its
 * in-flight sends while /health still answers, then closes /health, the transport and the database.
 */
export async function runVirtualDevice(config: VirtualDeviceConfig): Promise<RunningVirtualDevice> {
  const teardowns = new Teardowns();
  try {
    const core = await openDeviceCore(config, teardowns);
    // /health opens before the engine starts, so it closes only after the engine's last send.
    const health = await openHealthServer(config, core);
    teardowns.defer('health server', () => health.close());
    core.engine.start();
    teardowns.defer('engine', () => core.engine.stop());
    const server = await openConsoleServer(config, core);
    teardowns.defer('console', () => server.close());
    return {
      consolePort: server.port,
      healthPort: health.port,
      engine: core.engine,
      stop: () => teardowns.runAll(),
    };
  } catch (error) {
    await teardowns.runAll();
    throw error;
  }
}
