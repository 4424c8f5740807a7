// NetworkStatus over @react-native-community/netinfo, through the small slice of it the engine needs.

export interface NetInfoStateLike {
  readonly isConnected: boolean | null;
}

/** The slice of NetInfo used here: `NetInfo.fetch` and `NetInfo.addEventListener`. */
export interface NetInfoLike {
  fetch(): Promise<NetInfoStateLike>;
  addEventListener(listener: (state: NetInfoStateLike) => void): () => void;
}

export interface NetInfoNetwork {
  isOnline(): boolean;
  subscribe(listener: (online: boolean) => void): () => void;
  /** Stops listening to NetInfo. */
  close(): void;
}

// isConnected only, not isInternetReachable: a webhook on the LAN or behind `adb reverse` is reachable
// while NetInfo's internet probe fails. `null` (not yet known) counts as online, so we try and classify.
const online = (state: NetInfoStateLike): boolean => state.isConnected !== false;

export async function createNetInfoNetwork(netInfo: NetInfoLike): Promise<NetInfoNetwork> {
  let current = online(await netInfo.fetch());
  const listeners = new Set<(online: boolean) => void>();
  const stop = netInfo.addEventListener((state) => {
    const next = online(state);
    if (next === current) return;
    current = next;
    for (const listener of [...listeners]) listener(next);
  });
  return {
    isOnline: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: stop,
  };
}
