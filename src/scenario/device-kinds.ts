// The kinds of device a scenario can run on, and the chaos steps each can take.

/** `virtual` runs here; `emulator` is an Android emulator on this machine; `remote` a phone behind an Appium grid. */
export type DeviceKind = 'virtual' | 'emulator' | 'remote';

/**
 * A chaos step as its author writes its tag: a power loss (`kill: device`), a SIGKILL of the app's
 * process alone (`kill: app`), a force stop (`force-stop: app`), the network cut, the link slowed
 * (`network: { delay }`, `network: { speed }`), mobile data cut, Doze, the disk filled, the database
 * locked.
 */
export type ChaosAction =
  | 'kill: device'
  | 'kill: app'
  | 'force-stop: app'
  | 'network: off'
  | 'network: { delay }'
  | 'network: { speed }'
  | 'gsm: { data: off }'
  | 'doze: on'
  | 'disk: full'
  | 'db: locked';

/**
 * The chaos steps each kind of device can take. The virtual device takes all: this machine runs its
 * radio and its app and owns their files. adb reaches an emulator's app process, its radios, Doze
 * (`dumpsys deviceidle`) and its console (whose `kill` is a power loss, and whose `network delay`,
 * `network speed` and `gsm data` shape its link) but not the files in its sandbox. A grid phone has
 * no adb of ours.
 */
const phoneSteps: readonly ChaosAction[] = [
  'kill: device',
  'kill: app',
  'force-stop: app',
  'network: off',
  'network: { delay }',
  'network: { speed }',
  'gsm: { data: off }',
  'doze: on',
];

export const chaosActionsOf: Readonly<Record<DeviceKind, readonly ChaosAction[]>> = {
  virtual: [...phoneSteps, 'disk: full', 'db: locked'],
  emulator: phoneSteps,
  remote: [],
};

/** "`kill: app` and `network: off`", "nothing": the steps a device takes, for messages. */
export function listChaosActions(actions: readonly ChaosAction[]): string {
  const quoted = actions.map((action) => `\`${action}\``);
  if (quoted.length === 0) return 'nothing';
  return quoted.length === 1 ? quoted[0]! : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)!}`;
}
