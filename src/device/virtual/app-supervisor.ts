// The radio's view of the app, as Android's is: it starts the app's process when a broadcast is due
// and the app is not running (a manifest receiver), delivers each received-SMS broadcast once to the
// instance that is running, and forgets the broadcasts of an instance that died. A force-stopped app
// gets nothing until it is opened again; a killed one is started again by the next SMS, or after a
// delay (what WorkManager does on a phone).
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { Logger } from '../../../android-app/src/engine/ports';
import { virtualDeviceDefaults as defaults } from './defaults';
import type { DeviceConditions } from './device-conditions';
import type { AppToRadio, RadioToApp, RadioToHarness } from './device-messages';
import type { NewSms, SmsStore } from './sms-store';

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

/** One running instance of the app and the broadcasts waiting for its receiver. */
interface Instance {
  readonly child: ChildProcess;
  readonly pending: NewSms[];
  /** Its receiver is registered: broadcasts go straight to it. */
  receiving: boolean;
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
  broadcast(sms: NewSms): void {
    if (this.forceStopped || this.stopping) return;
    const instance = this.instance ?? this.spawn();
    if (instance.receiving) this.deliver(instance, sms);
    else instance.pending.push(sms);
  }

  private deliver(instance: Instance, { sender, body, parts, smscTimestamp, simSlot }: NewSms): void {
    this.broadcasts += 1;
    // Only what an Android broadcast carries: never the store's row id, even when handed a stored row.
    const sms: NewSms = { sender, body, parts, smscTimestamp, simSlot };
    send(instance.child, { type: 'sms', broadcastId: this.broadcasts, sms });
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

  /** Kills the app and keeps it from starting until `start()`. */
  async forceStop(): Promise<void> {
    this.forceStopped = true;
    this.cancelRestart();
    await this.killInstance();
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
      pending: [],
      receiving: false,
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
      const rows = store.since(message.afterId, message.limit);
      send(instance.child, { type: 'scanned', requestId: message.requestId, rows, newestId: store.newestId() });
    } else if (message.type === 'receiving') {
      instance.receiving = true;
      // Again, now that it listens: a change between its spawn and now would otherwise be lost.
      send(instance.child, { type: 'conditions', conditions: this.options.conditions() });
      for (const sms of instance.pending.splice(0)) this.deliver(instance, sms);
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
  }
}

/** A broadcast to an instance that just died is lost with it, as on Android. */
function send(child: ChildProcess, message: RadioToApp): void {
  if (child.connected) child.send(message, (error) => void error);
}
