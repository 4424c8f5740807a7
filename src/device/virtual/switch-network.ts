// The virtual device's connectivity, seen by the engine through its NetworkStatus port exactly as
// NetInfo events are seen on a phone. Several things cut it, each on its own: the harness's switch
// (`network: off`), the console's `gsm data off`, Doze outside its maintenance windows. The app is
// online when none of them holds.
import type { NetworkStatus } from '../../../android-app/src/engine/ports';

/** What cuts the network: the harness's switch (chaos), mobile data, or Doze. */
export type OfflineCause = 'switch' | 'gsm data' | 'doze';

export class SwitchNetwork implements NetworkStatus {
  private readonly offline = new Set<OfflineCause>();
  private readonly listeners = new Set<(online: boolean) => void>();

  isOnline(): boolean {
    return this.offline.size === 0;
  }

  /** Why the network is off, in a stable order; empty while online. */
  get causes(): OfflineCause[] {
    return [...this.offline].sort();
  }

  subscribe(listener: (online: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Lifts or sets one cause; listeners hear only a change of the whole. */
  set(online: boolean, cause: OfflineCause = 'switch'): void {
    const was = this.isOnline();
    if (online) this.offline.delete(cause);
    else this.offline.add(cause);
    const now = this.isOnline();
    if (now === was) return;
    for (const listener of this.listeners) listener(now);
  }
}
