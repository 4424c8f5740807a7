import { describe, expect, it } from '@jest/globals';
import { createNetInfoNetwork, type NetInfoLike, type NetInfoStateLike } from './netinfo-network';

function fakeNetInfo(initial: NetInfoStateLike) {
  let emit: (state: NetInfoStateLike) => void = () => {};
  let subscribed = false;
  const netInfo: NetInfoLike = {
    fetch: async () => initial,
    addEventListener(listener) {
      emit = listener;
      subscribed = true;
      return () => {
        subscribed = false;
      };
    },
  };
  return { netInfo, emit: (state: NetInfoStateLike) => emit(state), subscribed: () => subscribed };
}

describe('createNetInfoNetwork', () => {
  it('starts from NetInfo’s current state', async () => {
    expect((await createNetInfoNetwork(fakeNetInfo({ isConnected: false }).netInfo)).isOnline()).toBe(false);
    expect((await createNetInfoNetwork(fakeNetInfo({ isConnected: true }).netInfo)).isOnline()).toBe(true);
  });

  it('counts an unknown state as online, so sends are tried and classified', async () => {
    expect((await createNetInfoNetwork(fakeNetInfo({ isConnected: null }).netInfo)).isOnline()).toBe(true);
  });

  it('tells subscribers about changes once each, and not after they unsubscribe', async () => {
    const fake = fakeNetInfo({ isConnected: true });
    const network = await createNetInfoNetwork(fake.netInfo);
    const seen: boolean[] = [];
    const unsubscribe = network.subscribe((online) => seen.push(online));
    fake.emit({ isConnected: false });
    fake.emit({ isConnected: false });
    fake.emit({ isConnected: true });
    unsubscribe();
    fake.emit({ isConnected: false });
    expect(seen).toEqual([false, true]);
    expect(network.isOnline()).toBe(false);
  });

  it('stops listening to NetInfo on close', async () => {
    const fake = fakeNetInfo({ isConnected: true });
    const network = await createNetInfoNetwork(fake.netInfo);
    network.close();
    expect(fake.subscribed()).toBe(false);
  });
});
