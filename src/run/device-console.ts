// The injector's line to a device: one console connection at a time, held while the device is
// killed and restarted, so the load goes on across chaos without the injector knowing.
import { ConsoleClient } from '../device/console/index';
import type { ConsoleSender } from '../device/console/open-console-sender';
import type { SmsSender } from './injector';

/** Opens a console line to the device at `port`; the device's factory says how (TCP, or adb as fallback). */
export type ConsoleOpener = (port: number) => Promise<ConsoleSender>;

const tcpConsole: ConsoleOpener = (port) => ConsoleClient.connect({ port });

export class DeviceConsole implements SmsSender {
  private client: ConsoleSender | null = null;
  private ready: Promise<void> = Promise.resolve();
  private release: () => void = () => {};

  private constructor(private readonly openLine: ConsoleOpener) {}

  static async open(port: number, openLine: ConsoleOpener = tcpConsole): Promise<DeviceConsole> {
    const console = new DeviceConsole(openLine);
    console.client = await openLine(port);
    return console;
  }

  async sendSms(sender: string, text: string): Promise<void> {
    await this.ready;
    if (!this.client) throw new Error('console connection closed: the device is not running');
    return this.client.sendSms(sender, text);
  }

  /** Drops the connection (the device is about to die); sends wait until `resume`. Outstanding ones fail. */
  suspend(): void {
    this.ready = new Promise((resolve) => (this.release = resolve));
    this.client?.destroy();
    this.client = null;
  }

  async resume(port: number): Promise<void> {
    this.client = await this.openLine(port);
    this.release();
  }

  async close(): Promise<void> {
    this.release();
    await this.client?.close();
    this.client = null;
  }
}
