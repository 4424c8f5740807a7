// The harness side of a virtual device: spawns `smsgw device` as a child process, waits for its
// ready line, and talks to it through its console and /health like any other device.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { packageFiles } from '../../package-files';
import { SmsgwError } from '../../errors';
import { defaultAuthTokenPath, readConsoleAuthToken } from '../console/index';
import { chaosActionsOf, type Device, type DeviceHealth } from '../core/device';
import { RunningPeak } from '../core/running-peak';
import { readVmHwm, readVmRss } from '../core/vm-hwm';
import { virtualDeviceDefaults as defaults } from './defaults';
import type { AppControl, HarnessToRadio, RadioToHarness } from './device-messages';

export interface VirtualDeviceOptions {
  readonly webhookUrl: string;
  readonly secret: string | null;
  readonly dbPath: string;
  /** 0 lets the device pick a free port. */
  readonly consolePort?: number;
  readonly healthPort?: number;
  readonly defects?: readonly string[];
  /** False: the app is denied READ_SMS and never scans the SMS store (default: granted). */
  readonly readSms?: boolean;
  /**
   * The app's clock, n times the wall clock (`device: { kind: virtual, clock: 100x }`), counted from
   * `originMs`: start() fixes it once, so a device booted again after a power loss carries on from it.
   */
  readonly clock?: { readonly speed: number; readonly originMs?: number };
  /** Where the device's own log lines go. */
  readonly logPath: string;
  readonly deviceId?: string;
  readonly seed?: number;
  /**
   * The console auth token file the device reads (`--auth-token-file`). Default the emulator's,
   * ~/.emulator_console_auth_token, which the device creates when it is missing.
   */
  readonly authTokenPath?: string;
}

interface ReadyLine {
  readonly ready: true;
  readonly consolePort: number;
  readonly healthPort: number;
  /** The radio's pid. */
  readonly pid: number;
  /** The app's pid, as booted. */
  readonly appPid: number | null;
  /** The deviceId it stamps on every webhook and hashes into every message id. */
  readonly deviceId: string;
}

const smsgwBin = packageFiles.bin;

/** The argument list of `node` for a device: its V8 flags, then `smsgw device` and its options. */
export function deviceArguments(options: VirtualDeviceOptions): string[] {
  const args = [
    ...defaults.nodeFlags,
    smsgwBin,
    'device',
    '--ready-json',
    '--webhook',
    options.webhookUrl,
    '--db',
    options.dbPath,
  ];
  args.push('--console-port', String(options.consolePort ?? 0), '--health-port', String(options.healthPort ?? 0));
  if (options.deviceId) args.push('--device-id', options.deviceId);
  if (options.seed !== undefined) args.push('--seed', String(options.seed));
  if (options.authTokenPath !== undefined) args.push('--auth-token-file', options.authTokenPath);
  for (const defect of options.defects ?? []) args.push('--defect', defect);
  if (options.readSms === false) args.push('--no-read-sms');
  if (options.clock !== undefined && options.clock.speed !== 1) {
    args.push('--clock', `${options.clock.speed}x`);
    if (options.clock.originMs !== undefined) args.push('--clock-origin', String(options.clock.originMs));
  }
  return args;
}

async function waitForReady(child: ChildProcess, stderrTail: () => string): Promise<ReadyLine> {
  if (!child.stdout) throw new Error('the device was spawned without a stdout pipe');
  const lines = createInterface({ input: child.stdout });
  const failed = (why: string): SmsgwError =>
    new SmsgwError('device-unavailable', `The virtual device did not start: ${why}`, {
      hint: stderrTail() || 'run `smsgw device --verbose` by hand to see why',
    });
  const ready = new Promise<ReadyLine>((resolve, reject) => {
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return;
      const parsed = JSON.parse(line) as Partial<ReadyLine>;
      if (parsed.ready) resolve(parsed as ReadyLine);
    });
    child.once('exit', (code, signal) => reject(failed(`it exited with ${signal ?? `code ${code}`}`)));
    child.once('error', (error) => reject(failed(error.message)));
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(failed(`no ready line within ${defaults.readyTimeoutMs / 1000}s`)),
      defaults.readyTimeoutMs,
    );
  });
  try {
    return await Promise.race([ready, timeout]);
  } finally {
    clearTimeout(timer);
    lines.close();
  }
}

/** Spawns `smsgw device` and waits for its ready line; its log goes to `options.logPath`. */
async function spawnDevice(options: VirtualDeviceOptions): Promise<{ child: ChildProcess; ready: ReadyLine }> {
  // The secret travels in the environment, not the argument list that `ps` shows to every user.
  const env = { ...process.env, SMSGW_WEBHOOK_SECRET: options.secret ?? '' };
  // The IPC channel carries chaos requests to the radio and news of the app's process back.
  const child = spawn(process.execPath, deviceArguments(options), { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env });
  const log = createWriteStream(options.logPath, { flags: 'a' });
  // A log that cannot be written (a full disk) must not end the harness with an unhandled 'error':
  // the device's lines are dropped from then on (the run notices the disk on its own files), and its
  // stdout is still read, so a full pipe never blocks the device.
  log.on('error', () => child.stdout?.resume());
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
    log.write(chunk);
  });
  // 'close', not 'exit': stdout may still hold lines after the process is gone.
  child.once('close', () => log.end());
  try {
    const ready = await waitForReady(child, () => stderr.trim());
    if (log.destroyed) child.stdout?.resume();
    else child.stdout?.pipe(log, { end: false });
    return { child, ready };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

/** SIGKILL to a process that may already be gone. */
function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone: a power loss finds nothing to kill there.
  }
}

/** The device's own words on a refused request (health-server.ts), e.g. why it refused control; '' when it gave none. */
async function refusalOf(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { error?: unknown } | null;
  return typeof body?.error === 'string' ? `: ${body.error}` : '';
}

export class VirtualDevice implements Device {
  readonly kind = 'virtual' as const;
  readonly label: string;
  readonly consolePort: number;
  readonly healthUrl: string;
  readonly chaosActions = chaosActionsOf.virtual;
  readonly databasePath: string;
  readonly deviceId: string;

  /** Set by kill() and stop(): the exit that follows was asked for. */
  private exitExpected = false;
  private readonly lostListeners: ((reason: string) => void)[] = [];
  /** Highest VmHWM read of every process this device ran: a killed process takes its own with it. */
  private readonly peak = new RunningPeak();
  private lastExitOf: string | null = null;
  /** The app's process, as the radio last reported it; null while the app is dead. */
  private appPid: number | null;
  /** Broadcasts the radio holds for the app's receiver (it says when they start and stop waiting). */
  private pendingBroadcasts = 0;
  private readonly controls = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  private nextControl = 0;

  private constructor(
    private child: ChildProcess,
    ready: ReadyLine,
    private readonly options: VirtualDeviceOptions,
  ) {
    this.consolePort = ready.consolePort;
    this.healthUrl = `http://127.0.0.1:${ready.healthPort}`;
    this.label = `virtual:${ready.consolePort}`;
    this.databasePath = options.dbPath;
    this.deviceId = ready.deviceId;
    this.appPid = ready.appPid;
    this.watch(child);
  }

  static async start(options: VirtualDeviceOptions): Promise<VirtualDevice> {
    // One origin for the whole run: restart() spawns from these same options.
    const clock = options.clock && { speed: options.clock.speed, originMs: options.clock.originMs ?? Date.now() };
    const settled = clock ? { ...options, clock } : options;
    const { child, ready } = await spawnDevice(settled);
    return new VirtualDevice(child, ready, settled);
  }

  onLost(listener: (reason: string) => void): void {
    this.lostListeners.push(listener);
  }

  private lose(reason: string): void {
    for (const listener of this.lostListeners) listener(reason);
  }

  private watch(child: ChildProcess): void {
    child.on('message', (message: RadioToHarness) => this.hear(child, message));
    child.once('exit', (code, signal) => {
      if (child === this.child) this.lastExitOf = signal ?? `code ${code}`;
      // The radio's waiting broadcasts die with it; the SMS store keeps their SMS.
      if (child === this.child) this.pendingBroadcasts = 0;
      for (const { reject } of this.controls.values()) reject(new Error('the device exited'));
      this.controls.clear();
      if (this.exitExpected || child !== this.child) return;
      this.lose(`its process exited with ${signal ?? `code ${code}`}; its log is ${this.options.logPath}`);
    });
  }

  private hear(child: ChildProcess, message: RadioToHarness): void {
    if (child !== this.child) return;
    if (message.type === 'app-started') this.appPid = message.pid;
    else if (message.type === 'broadcasts') this.pendingBroadcasts = message.pending;
    else if (message.type === 'app-exited') {
      if (this.appPid === message.pid) this.appPid = null;
      if (!message.asked && !this.exitExpected)
        this.lose(
          `its app's process exited with ${message.how} without a chaos step asking; its log is ${this.options.logPath}`,
        );
    } else if (message.type === 'done') {
      const waiting = this.controls.get(message.requestId);
      this.controls.delete(message.requestId);
      if (message.error === undefined) waiting?.resolve();
      else waiting?.reject(new Error(message.error));
    }
  }

  /** Asks the radio to act on the app, and waits until it has. */
  private control(control: AppControl): Promise<void> {
    return new Promise((resolve, reject) => {
      this.nextControl += 1;
      this.controls.set(this.nextControl, { resolve, reject });
      const message: HarnessToRadio = { type: 'control', requestId: this.nextControl, ...control };
      this.child.send(message, (error) => {
        if (error) reject(error);
      });
    });
  }

  async killApp({ restartAfterMs }: { readonly restartAfterMs: number }): Promise<void> {
    await this.notePeak();
    await this.control({ action: 'kill-app', restartAfterMs });
  }

  async forceStopApp(): Promise<void> {
    await this.notePeak();
    await this.control({ action: 'force-stop' });
  }

  async openApp(): Promise<void> {
    await this.control({ action: 'open-app' });
  }

  /** Doze on or off: the radio keeps it, so an app started meanwhile dozes too. */
  async setDoze(dozing: boolean): Promise<void> {
    await this.control({ action: 'doze', dozing });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** How the current process ended (`code 0` after a clean stop, `SIGKILL` after kill()); null while it runs. */
  get lastExit(): string | null {
    return this.running ? null : this.lastExitOf;
  }

  async peakRssBytes(): Promise<number | null> {
    await this.notePeak();
    return this.peak.bytes;
  }

  async residentBytes(): Promise<Readonly<Record<string, number>>> {
    const processes = { radio: this.running ? this.child.pid : undefined, app: this.appPid ?? undefined };
    const read = await Promise.all(
      Object.entries(processes).map(
        async ([name, pid]) => [name, pid === undefined ? null : await readVmRss(pid)] as const,
      ),
    );
    return Object.fromEntries(read.filter((entry): entry is readonly [string, number] => entry[1] !== null));
  }

  /** Reads the radio's and the app's VmHWM into the peak; it vanishes with a process, so before every kill too. */
  private async notePeak(): Promise<void> {
    const pids = [this.running ? this.child.pid : undefined, this.appPid];
    for (const pid of pids) if (typeof pid === 'number') this.peak.note(await readVmHwm(pid));
  }

  /** The app's health; its backlog also counts the broadcasts the radio holds for its receiver. */
  async health(): Promise<DeviceHealth> {
    const health = (await this.call('GET', '/health')) as DeviceHealth;
    return { ...health, backlog: (health.backlog ?? 0) + this.pendingBroadcasts };
  }

  async setNetwork(online: boolean): Promise<void> {
    await this.call('POST', `/_smsgw/network?online=${online}`);
  }

  async setDiskFull(full: boolean): Promise<void> {
    await this.call('POST', `/_smsgw/disk?full=${full}`);
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Power loss: the radio and the app die at the same moment. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.exitExpected = true;
    const exited = once(this.child, 'exit');
    await this.notePeak();
    if (this.appPid !== null) killQuietly(this.appPid);
    this.child.kill('SIGKILL');
    await exited;
    this.appPid = null;
  }

  async restart(): Promise<void> {
    if (this.running) throw new Error(`${this.label} is still running: kill() it first`);
    // The same ports, so the console and health addresses stay valid; the same database, so the
    // queue the killed process left behind is what the new one starts from.
    const port = Number(new URL(this.healthUrl).port);
    // The same deviceId too: a capture the killed app had already queued is queued again from the
    // inbox, and only the same id lets the engine see it is the same message, not a second one.
    const { child, ready } = await spawnDevice({
      ...this.options,
      consolePort: this.consolePort,
      healthPort: port,
      deviceId: this.deviceId,
    });
    this.child = child;
    this.appPid = ready.appPid;
    this.exitExpected = false;
    this.watch(child);
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.exitExpected = true;
    const exited = once(this.child, 'exit');
    await this.notePeak();
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), defaults.stopTimeoutMs);
    await exited;
    clearTimeout(timer);
  }

  /**
   * Control (POST) carries the console's token, read from the device's token file at each call as
   * adb reads it: a restarted device reads the file again, and so do we. Never on the command line.
   */
  private controlHeaders(method: 'GET' | 'POST'): Record<string, string> {
    if (method !== 'POST') return {};
    const token = readConsoleAuthToken(this.options.authTokenPath ?? defaultAuthTokenPath());
    return token === null ? {} : { authorization: `Bearer ${token}` };
  }

  private async call(method: 'GET' | 'POST', path: string): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.healthUrl}${path}`, {
        method,
        headers: this.controlHeaders(method),
        signal: AbortSignal.timeout(defaults.healthTimeoutMs),
      });
    } catch (error) {
      throw new SmsgwError(
        'device-unavailable',
        `The virtual device at ${this.healthUrl} did not answer ${method} ${path}`,
        { cause: error },
      );
    }
    if (!response.ok)
      throw new SmsgwError(
        'device-unavailable',
        `The virtual device answered ${method} ${path} with HTTP ${response.status}${await refusalOf(response)}`,
      );
    return response.json();
  }
}
