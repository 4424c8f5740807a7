// The kinds of device a scenario can run on, and the chaos steps each can take.

/** `virtual` runs here; `emulator` is an Android emulator on this machine; `remote` a phone behind an Appium grid. */
export type DeviceKind = 'virtual' | 'emulator' | 'remote';

/** What a chaos step does to a device: kill the app, cut its network, fill its disk, lock its database. */
export type ChaosAction = 'kill' | 'network' | 'disk' | 'db';

/**
 * The chaos actions each kind of device can take: the virtual device all; adb reaches an emulator's
 * app process and radios but not the files in its sandbox; a grid phone has no adb of ours.
 */
export const chaosActionsOf: Readonly<Record<DeviceKind, readonly ChaosAction[]>> = {
  virtual: ['kill', 'network', 'disk', 'db'],
  emulator: ['kill', 'network'],
  remote: [],
};
