// A real Android emulator (or a phone adb sees) behind the same Device interface as the virtual
// one. The harness did not start it, so it never stops it: `stop()` only lets go of the Appium session.
import { SmsgwError } from '../../errors';
import { chaosActionsOf, type Device, type DeviceHealth } from '../core/device';
import type { HealthScraper } from '../core/health-scraper';
import { healthFromScreen } from '../appium/screen-health';
import { RunningPeak } from '../core/running-peak';
import { consolePortOf, parseMeminfo, type CommandRunner } from './adb';
import { AppProcess } from './app-process';
import { emulatorDefaults as defaults } from './defaults';

export interface EmulatorDeviceOptions {
  /** `emulator-5554`: the console port is read from it. */
  readonly serial: string;
  readonly adb: string;
  readonly runner: CommandRunner;
  /** Reads the Health screen (a UiAutomator2 session kept open between reads). */
  readonly scraper: HealthScraper;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class EmulatorDevice implements Device {
  readonly kind = 'emulator' as const;
  readonly label: string;
  readonly consolePort: number;
  /** No /health on a phone: the Health screen through Appium is the only window. */
  readonly healthUrl = null;
  readonly chaosActions = chaosActionsOf.emulator;
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
    this.app = new AppProcess(options.runner, options.adb, options.serial, options.sleep);
  }

  async health(): Promise<DeviceHealth> {
    const [texts, meminfo] = await Promise.all([
      this.options.scraper.scrape(),
      this.options.runner.run(this.options.adb, [
        '-s',
        this.options.serial,
        'shell',
        'dumpsys',
        'meminfo',
        defaults.applicationId,
      ]),
    ]);
    return {
      engine: healthFromScreen(texts, (this.options.now ?? Date.now)()),
      rssBytes: parseMeminfo(meminfo.stdout),
    };
  }

  async peakRssBytes(): Promise<number | null> {
    this.peak.note(await this.app.peakRssBytes());
    return this.peak.bytes;
  }

  setNetwork(online: boolean): Promise<void> {
    return this.app.setNetwork(online);
  }

  /**
   * Kills the app's process only: the emulator's power is not the harness's to cut, so a scenario's
   * `kill: device` is refused here and `kill: app` (`killApp`) builds on this.
   */
  async kill(): Promise<void> {
    this.peak.note(await this.app.peakRssBytes());
    await this.app.kill();
  }

  /** The app restarts on its own database (app data survives a kill); the console port is the emulator's, unchanged. */
  restart(): Promise<void> {
    return this.app.start();
  }

  /**
   * `kill: app`: the app's process SIGKILLed, then launched again after `restartAfterMs`. An SMS in
   * between starts it first (Android delivers SMS_RECEIVED to a killed app, not to a force-stopped
   * one), and the launch then only brings its screen forward. The emulator's radio never stops.
   */
  async killApp({ restartAfterMs }: { readonly restartAfterMs: number }): Promise<void> {
    await this.kill();
    await (this.options.sleep ?? sleep)(restartAfterMs);
    await this.restart();
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
