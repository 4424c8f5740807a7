// The only file that reaches NativeModules and PermissionsAndroid: thin, untested here (Jest has no
// native side), checked on a device. Fails loudly when the Kotlin module is missing instead of dropping SMS silently.
import { NativeModules, PermissionsAndroid, Platform } from 'react-native';
import type { AppPermission, NativeInbox, NativeSystem, PermissionsPort } from './native-ports';

function module<T>(name: string): T {
  const found = (NativeModules as Record<string, unknown>)[name];
  if (!found) throw new Error(`Native module ${name} is not linked: rebuild the APK (android/ is out of date)`);
  return found as T;
}

export const nativeInbox = (): NativeInbox => module<NativeInbox>('SmsgwInbox');
export const nativeSystem = (): NativeSystem => module<NativeSystem>('SmsgwSystem');

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

export const androidPermissions: PermissionsPort = {
  async missing() {
    const result: AppPermission[] = [];
    for (const { permission, android } of wanted()) {
      if (!(await PermissionsAndroid.check(android as never))) result.push(permission);
    }
    return result;
  },
  async request() {
    const list = wanted();
    const granted = await PermissionsAndroid.requestMultiple(list.map((item) => item.android) as never);
    return list
      .filter((item) => (granted as Record<string, string>)[item.android] !== PermissionsAndroid.RESULTS.GRANTED)
      .map((item) => item.permission);
  },
};
