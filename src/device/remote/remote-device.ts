// A phone on an Appium server or grid (`--appium <url>`), with no adb and no emulator console of ours.
// Limits, by construction: SMS can be injected only when an emulator console is reachable on this
// machine (an emulator on the grid with its console port forwarded here); kill, restart and the
// network switch need adb, so chaos steps fail with a clear error; memory is unknown (no dumpsys, no
// /proc), peak memory too.
import { SmsgwError } from '../../errors';
import { chaosActionsOf, type Device, type DeviceHealth } from '../core/device';
import type { HealthScraper } from '../core/health-scraper';
import { healthFromScreen } from '../appium/screen-health';

export interface RemoteDeviceOptions {
  readonly appiumUrl: string;
  /** A reachable emulator console on 127.0.0.1 forwarded from the grid. */
  readonly consolePort: number;
  readonly scraper: HealthScraper;
  readonly now?: () => number;
}

export class RemoteDevice implements Device {
  readonly kind = 'remote' as const;
  readonly label: string;
  readonly consolePort: number;
  readonly healthUrl = null;
  readonly chaosActions = chaosActionsOf.remote;
  readonly databasePath = null;

  constructor(private readonly options: RemoteDeviceOptions) {
    this.consolePort = options.consolePort;
    this.label = `remote:${new URL(options.appiumUrl).host}`;
  }

  async health(): Promise<DeviceHealth> {
    return {
      engine: healthFromScreen(await this.options.scraper.scrape(), (this.options.now ?? Date.now)()),
      rssBytes: null,
    };
  }

  /** No adb to read the kernel's numbers of the app's process with. */
  async peakRssBytes(): Promise<number | null> {
    return null;
  }

  setNetwork(): Promise<void> {
    return Promise.reject(this.unsupported('switching the network'));
  }

  kill(): Promise<void> {
    return Promise.reject(this.unsupported('killing the app'));
  }

  restart(): Promise<void> {
    return Promise.reject(this.unsupported('restarting the app'));
  }

  setDiskFull(): Promise<void> {
    return Promise.reject(this.unsupported('filling the disk'));
  }

  async stop(): Promise<void> {
    await this.options.scraper.close();
  }

  private unsupported(what: string): SmsgwError {
    return new SmsgwError('environment', `${what} is not possible on a remote device (${this.label}): it needs adb`, {
      hint: 'drop the chaos steps from the scenario, or run it on `device: emulator` where adb reaches the device',
    });
  }
}
