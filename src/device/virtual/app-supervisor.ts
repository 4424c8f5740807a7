// The radio's view of the app, as Android's is: it starts the app's process when a broadcast is due
// and the app is not running (a manifest receiver), and delivers the received-SMS broadcasts one at a
// time, the next once the receiver has finished the last. A process that dies loses the one broadcast
// it was receiving; the others wait for the next process, which they start. A force-stopped app gets
// nothing until it is opened again (its pending broadcasts are dropped); a killed one is started again
// by the next SMS, or after a delay (what WorkManager does on a phone).
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { Logger } from '../../../android-app/src/engine/ports';
import { virtualDeviceDefaults as defaults } from './defaults';
import type { DeviceConditions } from './device-conditions';
import type { AppToRadio, RadioToApp, RadioToHarness } from './device-messages';
import type { NewSms, SmsStore, StoredSms } from './sms-store';

export interface AppSupervisorOptions {
  /**
   * Spawns the app's process with an IPC channel; `healthPort` 0 the first time, then the port it took.
   * It starts under `conditions`, the phone's link and Doze as they are at that moment.
   */
  readonly spawnApp: (healthPort: number, conditions: DeviceConditions) => ChildProcess;
  /** The phone's link and Doze now, which a starting app lives under. */
  readonly conditions: () => DeviceConditions;
  readonly store: SmsStore;
  readonly healthPort: number;
  readonly logger: Logger;
  /** Tells the harness (when there is one) what happened to the app. */
  readonly report: (message: RadioToHarness) => void;
}

type AppState = 'stopped' | 'starting' | 'running' | 'force-stopped';

/** One running instance of the app. */
interface Instance {
  readonly child: ChildProcess;
  /** Its receiver is registered: broadcasts may go to it. */
  receiving: boolean;
  /** A broadcast went to it and its receiver has not finished it yet. */
  receivingOne: boolean;
  /** Its recovery scan is done and /health is open. */
  ready: boolean;
  /** Set before a kill or a stop: its exit was asked for. */
  asked: boolean;
  readonly readyOrGone: Promise<void>;
}

export class AppSupervisor {
  private instance: Instance | null = null;
  private forceStopped = false;
  private restartTimer: NodeJS.Timeout | null = null;
  private healthPort: number;
  private stopping = false;
  private broadcasts = 0;
  /** Broadcasts not yet delivered, oldest first, with the store row each is for. */
  private readonly queue: { readonly storeId: number; readonly sms: NewSms }[] = [];
  private pendingReported = 0;

  constructor(private readonly options: AppSupervisorOptions) {
    this.healthPort = options.healthPort;
  }

  get state(): AppState {
    if (this.forceStopped) return 'force-stopped';
    if (!this.instance) return 'stopped';
    return this.instance.ready ? 'running' : 'starting';
  }

  get pid(): number | null {
    return this.instance?.child.pid ?? null;
  }

  get port(): number {
    return this.healthPort;
  }

  /** Starts the app (boot, a broadcast, a restart delay, a person opening it); resolves once it is ready. */
  async start(): Promise<void> {
    this.forceStopped = false;
    this.cancelRestart();
    const instance = this.instance ?? this.spawn();
    await instance.readyOrGone;
    if (!instance.ready) throw new Error('the app exited before it was ready');
  }

  /** The received-SMS broadcast for one SMS the radio committed. */
  broadcast({ storeId, sender, body, parts, smscTimestamp, simSlot }: StoredSms): void {
    if (this.forceStopped || this.stopping) return;
    // Only what an Android broadcast carries goes to the app: never the store's row id.
    this.queue.push({ storeId, sms: { sender, body, parts, smscTimestamp, simSlot } });
    this.deliverNext(this.instance ?? this.spawn());
  }

  /** Broadcasts not yet finished by a receiver: waiting, or being received. */
  get pendingBroadcasts(): number {
    return this.queue.length + (this.instance?.receivingOne ? 1 : 0);
  }

  private deliverNext(instance: Instance): void {
    if (instance.receiving && !instance.receivingOne && this.queue.length > 0) {
      instance.receivingOne = true;
      this.broadcasts += 1;
      send(instance.child, { type: 'sms', broadcastId: this.broadcasts, sms: this.queue.shift()!.sms });
    }
    this.reportPending();
  }

  /** Tells the harness when broadcasts start or stop waiting: a drain is not over while some do. */
  private reportPending(): void {
    const pending = this.pendingBroadcasts;
    if ((pending === 0) === (this.pendingReported === 0)) return;
    this.pendingReported = pending;
    this.options.report({ type: 'broadcasts', pending });
  }

  /** The phone's link or Doze changed: a running app hears it at once; a starting one when its receiver is up. */
  conditionsChanged(): void {
    const instance = this.instance;
    if (instance?.receiving) send(instance.child, { type: 'conditions', conditions: this.options.conditions() });
  }

  /** SIGKILL, then a start after `restartAfterMs` unless a broadcast starts it first. */
  async kill(restartAfterMs: number): Promise<void> {
    await this.killInstance();
    this.cancelRestart();
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      this.start().catch((error: unknown) => this.options.logger.error(`restarting the app failed: ${String(error)}`));
    }, restartAfterMs);
  }

  /** Kills the app and keeps it from starting until `start()`; its pending broadcasts are dropped, as Android does. */
  async forceStop(): Promise<void> {
    this.forceStopped = true;
    this.cancelRestart();
    this.queue.length = 0;
    await this.killInstance();
    this.reportPending();
  }

  /** Asks the app to finish its in-flight sends and exit; SIGKILL after the stop timeout. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.cancelRestart();
    const instance = this.instance;
    if (!instance) return;
    instance.asked = true;
    const exited = once(instance.child, 'exit');
    instance.child.kill('SIGTERM');
    const timer = setTimeout(() => instance.child.kill('SIGKILL'), defaults.stopTimeoutMs);
    await exited;
    clearTimeout(timer);
  }

  private async killInstance(): Promise<void> {
    const instance = this.instance;
    if (!instance) return;
    instance.asked = true;
    // Dead from now on, as a killed process is on Android: nothing more goes to it while it exits.
    instance.receiving = false;
    const exited = once(instance.child, 'exit');
    instance.child.kill('SIGKILL');
    await exited;
  }

  private cancelRestart(): void {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
  }

  private spawn(): Instance {
    const child = this.options.spawnApp(this.healthPort, this.options.conditions());
    let settle: () => void = () => undefined;
    const instance: Instance = {
      child,
      receiving: false,
      receivingOne: false,
      ready: false,
      asked: false,
      readyOrGone: new Promise<void>((resolve) => (settle = resolve)),
    };
    this.instance = instance;
    if (child.pid !== undefined) this.options.report({ type: 'app-started', pid: child.pid });
    child.on('message', (message: AppToRadio) => this.onMessage(instance, message, settle));
    child.once('exit', (code, signal) => this.onExit(instance, signal ?? `code ${code}`, settle));
    return instance;
  }

  private onMessage(instance: Instance, message: AppToRadio, settle: () => void): void {
    if (message.type === 'scan') {
      const { store } = this.options;
      // A scan sees a row once its broadcast has gone out (or been dropped): on a phone the app's settle
      // time stands for this, here the radio knows. Every broadcast sent is ahead of this answer.
      const firstWaiting = this.queue[0]?.storeId ?? Number.POSITIVE_INFINITY;
      const rows = store.since(message.afterId, message.limit).filter((row) => row.storeId < firstWaiting);
      send(instance.child, { type: 'scanned', requestId: message.requestId, rows, newestId: store.newestId() });
    } else if (message.type === 'receiving') {
      instance.receiving = true;
      // Again, now that it listens: a change between its spawn and now would otherwise be lost.
      send(instance.child, { type: 'conditions', conditions: this.options.conditions() });
      this.deliverNext(instance);
    } else if (message.type === 'received') {
      instance.receivingOne = false;
      this.deliverNext(instance);
    } else if (message.type === 'ready') {
      this.healthPort = message.healthPort;
      instance.ready = true;
      settle();
    }
  }

  private onExit(instance: Instance, how: string, settle: () => void): void {
    if (this.instance === instance) this.instance = null;
    settle();
    const pid = instance.child.pid ?? -1;
    this.options.report({ type: 'app-exited', pid, how, asked: instance.asked });
    if (!instance.asked) this.options.logger.error(`the app's process exited unasked (${how})`);
    // The broadcast it was receiving is gone with it; those still waiting start the next process.
    if (this.queue.length > 0 && !this.forceStopped && !this.stopping && this.instance === null)
      this.deliverNext(this.spawn());
    else this.reportPending();
  }
}

/** A broadcast to an instance that just died is lost with it, as on Android. */
function send(child: ChildProcess, message: RadioToApp): void {
  if (child.connected) child.send(message, (error) => void error);
}
