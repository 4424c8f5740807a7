// A real Android emulator (or a phone adb sees) behind the same Device interface as the virtual
// one. The harness did not start it, so it never stops it: `stop()` only lets go of the Appium session.
// Its power is cut only by a scenario's `kill: device`, which boots the same AVD again.
import { SmsgwError } from '../../errors';
import { chaosActionsOf, type ChaosAction, type Device, type DeviceHealth } from '../core/device';
import type { HealthScraper } from '../core/health-scraper';
import { healthFromScreen } from '../appium/screen-health';
import { RunningPeak } from '../core/running-peak';
import { consolePortOf, parseMeminfo, type CommandRunner } from './adb';
import type { AdbKit } from './adb-kit';
import { AppProcess } from './app-process';
import { emulatorDefaults as defaults } from './defaults';
import { setEmulatorDoze } from './doze';
import { bootAgain, cutPower, type EmulatorPower, type PowerTarget } from './emulator-power';

export interface EmulatorDeviceOptions {
  /** `emulator-5554`: the console port is read from it. */
  readonly serial: string;
  readonly kit: AdbKit;
  /** Runs the SDK's `emulator` binary, for a power loss's boot. */
  readonly runner: CommandRunner;
  /** Reads the Health screen (a UiAutomator2 session kept open between reads). */
  readonly scraper: HealthScraper;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /**
   * The AVD it was booted from, for `kill: device`; absent when that cannot be read, and then a
   * scenario with a power loss is refused before its load starts.
   */
  readonly power?: EmulatorPower;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class EmulatorDevice implements Device {
  readonly kind = 'emulator' as const;
  readonly label: string;
  readonly consolePort: number;
  /** No /health on a phone: the Health screen through Appium is the only window. */
  readonly healthUrl = null;
  readonly chaosActions: readonly ChaosAction[];
  readonly databasePath = null;
  private readonly app: AppProcess;
  /** Highest VmHWM read of every app process of the run: a killed process takes its own with it. */
  private readonly peak = new RunningPeak();

  constructor(private readonly options: EmulatorDeviceOptions) {
    const port = consolePortOf(options.serial);
    if (port === null)
      throw new Error(`Expected an emulator serial like emulator-5554, got ${JSON.stringify(options.serial)}`);
    this.consolePort = port;
    this.label = `emulator:${port}`;
    this.app = new AppProcess(options.kit.device(options.serial), options.sleep);
    this.chaosActions = options.power
      ? chaosActionsOf.emulator
      : chaosActionsOf.emulator.filter((action) => action !== 'kill: device');
  }

  async health(): Promise<DeviceHealth> {
    const [texts, meminfo] = await Promise.all([
      this.options.scraper.scrape(),
      this.options.kit.device(this.options.serial).shell(['dumpsys', 'meminfo', defaults.applicationId]),
    ]);
    return {
      engine: healthFromScreen(texts, (this.options.now ?? Date.now)()),
      rssBytes: parseMeminfo(meminfo.stdout),
    };
  }

  async peakRssBytes(): Promise<number | null> {
    await this.notePeak();
    return this.peak.bytes;
  }

  setNetwork(online: boolean): Promise<void> {
    return this.app.setNetwork(online);
  }

  /**
   * Power loss: the emulator's console `kill` ends the whole emulator at once, and this waits until
   * its process is gone. Refused when the AVD it was booted from is unknown.
   */
  async kill(): Promise<void> {
    const target = this.powerTarget();
    await this.notePeak();
    await cutPower(target);
  }

  /**
   * Boots the same AVD cold on the same console port, waits for `sys.boot_completed`, then launches
   * the app on its own database (the data partition survives a power loss).
   */
  async restart(): Promise<void> {
    await bootAgain(this.powerTarget());
    await this.app.start();
  }

  /**
   * `kill: app`: the app's process SIGKILLed, then launched again after `restartAfterMs`. An SMS in
   * between starts it first (Android delivers SMS_RECEIVED to a killed app, not to a force-stopped
   * one), and the launch then only brings its screen forward. The emulator's radio never stops.
   */
  async killApp({ restartAfterMs }: { readonly restartAfterMs: number }): Promise<void> {
    await this.notePeak();
    await this.app.kill();
    await (this.options.sleep ?? sleep)(restartAfterMs);
    await this.app.start();
  }

  /** `force-stop: app`: `am force-stop`; no SMS starts the app again until `openApp()`. */
  async forceStopApp(): Promise<void> {
    await this.notePeak();
    await this.app.forceStop();
  }

  /** `doze: on`: forced into deep idle through adb (on battery first), and out of it again. */
  setDoze(dozing: boolean): Promise<void> {
    return setEmulatorDoze(this.options.kit.device(this.options.serial), dozing);
  }

  /** Launches the app as its icon would, and waits until its process is up. */
  openApp(): Promise<void> {
    return this.app.start();
  }

  /** A killed process takes its peak with it: read it first. */
  private async notePeak(): Promise<void> {
    this.peak.note(await this.app.peakRssBytes());
  }

  private powerTarget(): PowerTarget {
    const { runner, kit, serial, power } = this.options;
    if (!power)
      throw new SmsgwError(
        'bad-scenario',
        `\`kill: device\` needs the AVD ${serial} was booted from, which is unknown`,
        {
          hint: `\`adb -s ${serial} emu avd name\` must name it; boot it with \`smsgw emulator boot\``,
        },
      );
    return {
      runner,
      kit,
      serial,
      consolePort: this.consolePort,
      power,
      sleep: this.options.sleep ?? sleep,
    };
  }

  setDiskFull(): Promise<void> {
    return Promise.reject(
      new SmsgwError('bad-scenario', `\`disk: full\` is not supported on emulator devices (${this.label})`, {
        hint: 'run disk chaos on `device: virtual`',
      }),
    );
  }

  async stop(): Promise<void> {
    await this.options.scraper.close();
  }
}
