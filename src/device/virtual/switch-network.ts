// The virtual device's connectivity: a switch the harness flips (chaos), seen by the engine
// through its NetworkStatus port exactly as NetInfo events are seen on a phone.
import type { NetworkStatus } from '../../../android-app/src/engine/ports';

export class SwitchNetwork implements NetworkStatus {
  private online = true;
  private readonly listeners = new Set<(online: boolean) => void>();

  isOnline(): boolean {
    return this.online;
  }

  subscribe(listener: (online: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  set(online: boolean): void {
    if (online === this.online) return;
    this.online = online;
    for (const listener of this.listeners) listener(online);
  }
}
