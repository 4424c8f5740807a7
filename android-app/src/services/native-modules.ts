// The only file that reaches NativeModules and PermissionsAndroid: thin, untested here (Jest has no
// native side), checked on a device. Fails loudly when the Kotlin module is missing instead of dropping SMS silently.
import { NativeModules, PermissionsAndroid, Platform } from 'react-native';
import type {
  AppPermission,
  NativeInbox,
  NativeSystem,
  PermissionAnswer,
  PermissionsPort,
  RecoveryLedger,
  SmsStoreReader,
  StoreSms,
  UnpairedCapture,
} from './native-ports';
import type { PendingConfigurationSource } from './pending-configuration';

function module<T>(name: string): T {
  const found = (NativeModules as Record<string, unknown>)[name];
  if (!found) throw new Error(`Native module ${name} is not linked: rebuild the APK (android/ is out of date)`);
  return found as T;
}

export const nativeInbox = (): NativeInbox => module<NativeInbox>('SmsgwInbox');
export const nativeSystem = (): NativeSystem => module<NativeSystem>('SmsgwSystem');

/** SmsgwInbox's recovery methods, as the Kotlin module declares them. */
interface NativeLedgerMethods {
  checkpoint(): Promise<number | null>;
  startAt(storeId: number): Promise<void>;
  unpaired(limit: number): Promise<UnpairedCapture[]>;
  settle(paired: number[], missing: StoreSms[], checkpoint: number): Promise<void>;
}

/** The recovery ledger kept in the native inbox's database (the receiver's side of recovery). */
export function nativeRecoveryLedger(): RecoveryLedger {
  const inbox = module<NativeLedgerMethods>('SmsgwInbox');
  return {
    checkpoint: () => inbox.checkpoint(),
    startAt: (storeId) => inbox.startAt(storeId),
    // The bridge converts a JS number to a Kotlin Int: hand it one.
    unpaired: (limit) => inbox.unpaired(Math.floor(limit)),
    settle: ({ paired, missing, checkpoint }) => inbox.settle([...paired], [...missing], checkpoint),
  };
}

/**
 * SmsgwConfig: the configuration ConfigureReceiver stored from an `adb shell am broadcast`. Looked up
 * at each call, like the SMS store: a missing module fails applying it, never the app's start.
 */
export function nativePendingConfiguration(): PendingConfigurationSource {
  const config = () => module<PendingConfigurationSource>('SmsgwConfig');
  return {
    pending: async () => config().pending(),
    clear: async (id) => config().clear(id),
  };
}

/**
 * SmsgwSmsStore: the phone's SMS inbox, read with READ_SMS; rejects with E_SMSGW_READ_SMS_DENIED without
 * it. Looked up at each call: recovery is optional, so a missing module fails a scan, never the app's start.
 */
export function nativeSmsStore(): SmsStoreReader {
  const store = () => module<SmsStoreReader>('SmsgwSmsStore');
  return {
    after: async (afterId, limit) => store().after(afterId, Math.floor(limit)),
    newestId: async () => store().newestId(),
  };
}

const ANDROID_13 = 33;

function wanted(): { permission: AppPermission; android: string }[] {
  const list: { permission: AppPermission; android: string }[] = [
    { permission: 'receive-sms', android: PermissionsAndroid.PERMISSIONS.RECEIVE_SMS },
  ];
  // POST_NOTIFICATIONS exists from Android 13; asking for it earlier always reports "denied".
  if (Platform.OS === 'android' && Number(Platform.Version) >= ANDROID_13) {
    list.push({ permission: 'notifications', android: PermissionsAndroid.PERMISSIONS.POST_NOTIFICATIONS });
  }
  return list;
}

/**
 * READ_SMS, which only the optional recovery of missed SMS needs: kept apart from `androidPermissions`,
 * so onboarding never asks for it and the app works without it.
 */
export const readSmsPermission = {
  granted: async (): Promise<boolean> =>
    Platform.OS === 'android' && PermissionsAndroid.check(PermissionsAndroid.PERMISSIONS.READ_SMS),
  /** Resolves whether it is granted afterwards. */
  request: async (): Promise<boolean> =>
    Platform.OS === 'android' &&
    (await PermissionsAndroid.request(PermissionsAndroid.PERMISSIONS.READ_SMS)) === PermissionsAndroid.RESULTS.GRANTED,
};

export const androidPermissions: PermissionsPort = {
  async missing() {
    const result: AppPermission[] = [];
    for (const { permission, android } of wanted()) {
      if (!(await PermissionsAndroid.check(android as never))) result.push(permission);
    }
    return result;
  },
  async request(permission) {
    const item = wanted().find((entry) => entry.permission === permission);
    // Below Android 13 notifications need no runtime permission: nothing to ask, nothing refused.
    if (item === undefined) return 'granted';
    return (await PermissionsAndroid.request(item.android as never)) as PermissionAnswer;
  },
};

/** Android's API level (Platform.Version); 0 off Android, where there are no runtime permissions. */
export const androidApiLevel = (): number => (Platform.OS === 'android' ? Number(Platform.Version) : 0);
