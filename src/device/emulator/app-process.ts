// The app's process on an emulator or phone, through adb: find it, kill it as a crash would,
// force-stop it, start it again, and cut its network. Each command line is here once, so a test pins it.
import { SmsgwError } from '../../errors';
import type { DeviceAdb } from './adb-kit';
import { parseVmHwm } from '../core/vm-hwm';
import { emulatorDefaults as defaults } from './defaults';

/** `pidof` prints the pids space-separated, or nothing (exit 1) when the app is not running. */
export function parsePidof(output: string): number[] {
  return output
    .trim()
    .split(/\s+/)
    .filter((part) => /^\d+$/.test(part))
    .map(Number);
}

/**
 * `am start` exits 0 even when it fails: "Starting: Intent { … }" is printed first either way, and
 * only an "Error:" line (e.g. "Error: Activity class {…} does not exist.") tells it failed.
 */
export function parseAmStart(output: string): { ok: true } | { ok: false; reason: string } {
  const error = output.split(/\r?\n/).find((line) => line.startsWith('Error:') || line.startsWith('Error type'));
  if (!error) return { ok: true };
  const errors = output.split(/\r?\n/).filter((line) => line.startsWith('Error:'));
  return { ok: false, reason: (errors.at(-1) ?? error).replace(/^Error:\s*/, '') };
}

/** adb commands for one app on one device. */
export class AppProcess {
  constructor(
    private readonly device: DeviceAdb,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  private shell(...args: string[]) {
    return this.device.shell(args);
  }

  async pids(): Promise<number[]> {
    return parsePidof((await this.shell('pidof', defaults.applicationId)).stdout);
  }

  /**
   * `kill -9` as the app's own user (`run-as`, works for the debuggable build the harness installs):
   * a crash, nothing more. `am force-stop` is the fallback for a release build, though it is harsher:
   * it puts the app in the "stopped" state, where Android delivers it no SMS_RECEIVED broadcast
   * until it is launched again, which `restart()` does.
   */
  async kill(): Promise<void> {
    for (const pid of await this.pids()) {
      const killed = await this.shell('run-as', defaults.applicationId, 'kill', '-9', String(pid));
      if (killed.code !== 0 || /run-as:|not debuggable/.test(killed.stdout + killed.stderr)) {
        await this.shell('am', 'force-stop', defaults.applicationId);
        return;
      }
    }
  }

  /**
   * `am force-stop`: the app dies and is put in the "stopped" state, where Android starts it for no
   * broadcast (no SMS_RECEIVED, no alarm) until it is launched again (`start()`).
   */
  async forceStop(): Promise<void> {
    const stopped = await this.shell('am', 'force-stop', defaults.applicationId);
    if (stopped.code !== 0)
      throw new SmsgwError(
        'device-unavailable',
        `\`am force-stop ${defaults.applicationId}\` failed on ${this.device.serial}: ${(stopped.stderr || stopped.stdout).trim()}`,
      );
  }

  /** Launches the main activity and waits until the app has a pid again. */
  async start(timeoutMs: number = defaults.appStartTimeoutMs): Promise<void> {
    const component = `${defaults.applicationId}/${defaults.launchActivity}`;
    const started = await this.shell('am', 'start', '-W', '-n', component);
    const result = parseAmStart(started.stdout + started.stderr);
    if (!result.ok) {
      throw new SmsgwError(
        'device-unavailable',
        `Could not start ${component} on ${this.device.serial}: ${result.reason}`,
        {
          hint: 'is the app installed? `smsgw emulator boot --apk <path>` installs it',
        },
      );
    }
    for (let waited = 0; waited <= timeoutMs; waited += defaults.appStartPollMs) {
      if ((await this.pids()).length > 0) return;
      await this.sleep(defaults.appStartPollMs);
    }
    throw new SmsgwError(
      'device-unavailable',
      `${defaults.applicationId} did not come up on ${this.device.serial} within ${timeoutMs / 1000}s`,
      { hint: `see \`adb -s ${this.device.serial} logcat\`` },
    );
  }

  /**
   * Wi-Fi and mobile data off (`svc`), not airplane mode: airplane mode turns the radio off, and an
   * emulator with its radio off drops the console's `sms send`, so the load would stop with the
   * network. The emulator's default network since API 30 is a virtual Wi-Fi, so `gsm data off`
   * on the console alone would not cut it. The stub stays reachable through `adb reverse` (adb's
   * own tunnel), so what the app notices is its connectivity status, as on a phone in a dead zone.
   */
  async setNetwork(online: boolean): Promise<void> {
    const how = online ? 'enable' : 'disable';
    for (const radio of ['wifi', 'data']) {
      const output = await this.shell('svc', radio, how);
      if (output.code !== 0)
        throw new SmsgwError(
          'device-unavailable',
          `\`svc ${radio} ${how}\` failed on ${this.device.serial}: ${(output.stderr || output.stdout).trim()}`,
        );
    }
  }

  /**
   * The highest VmHWM of the app's processes (the kernel's peak resident memory of each), bytes; null
   * when the app is not running or its /proc cannot be read. The shell user may read another app's
   * /proc/<pid>/status (it is in the readproc group); where a device forbids it, `run-as` reads it as
   * the app's own user (debuggable build). Never throws: a peak that cannot be read is unknown.
   */
  async peakRssBytes(): Promise<number | null> {
    try {
      let peak: number | null = null;
      for (const pid of await this.pids()) {
        const status = `/proc/${pid}/status`;
        const bytes =
          parseVmHwm((await this.shell('cat', status)).stdout) ??
          parseVmHwm((await this.shell('run-as', defaults.applicationId, 'cat', status)).stdout);
        if (bytes !== null && (peak === null || bytes > peak)) peak = bytes;
      }
      return peak;
    } catch {
      return null;
    }
  }

  /** True when the app is installed (`pm path` prints "package:/data/app/…/base.apk"). */
  async installed(): Promise<boolean> {
    return (await this.shell('pm', 'path', defaults.applicationId)).stdout.includes('package:');
  }
}
