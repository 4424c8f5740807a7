// The Kotlin SmsgwConfig module as a test double: what ConfigureReceiver stored from an adb broadcast,
// one configuration at a time (a newer broadcast replaces the older), cleared only under its own id.
import type { PendingConfiguration, PendingConfigurationSource } from '../../src/services/pending-configuration';

export class FakePendingConfiguration implements PendingConfigurationSource {
  private stored: PendingConfiguration | null = null;
  private nextId = 1;
  /** When set, pending() rejects with it (the native module is missing or failed). */
  failRead: Error | null = null;
  readonly cleared: number[] = [];

  /** What `adb shell am broadcast … --es webhook <url> [--es secret <secret>]` leaves behind. */
  broadcast(webhookUrl: string, secret: string | null = null): PendingConfiguration {
    this.stored = { id: this.nextId++, webhookUrl, secret };
    return this.stored;
  }

  get current(): PendingConfiguration | null {
    return this.stored;
  }

  async pending(): Promise<PendingConfiguration | null> {
    if (this.failRead) throw this.failRead;
    return this.stored;
  }

  async clear(id: number): Promise<void> {
    this.cleared.push(id);
    if (this.stored?.id === id) this.stored = null;
  }
}
